import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory
from boligtorg.core.models import AuditAction, AuditEvent

from .. import services
from ..models import ClaimStatus, GuaranteeKind, GuaranteeLimit, LandlordKind
from .factories import ClaimFactory, GuaranteeFactory, LandlordFactory

D = datetime.date


def errors_of(excinfo):
    return {k: [str(m) for m in v] for k, v in excinfo.value.message_dict.items()}


def test_a_landlord_with_every_field_wrong_gets_every_error_at_once(kari_actor, sven):
    with pytest.raises(ValidationError) as excinfo:
        services.landlord_create(
            kari_actor, name="", kind=LandlordKind.COMPANY, org_number="12", contact_person=sven
        )
    assert set(errors_of(excinfo)) == {"name", "org_number", "contact_person"}


def test_a_caseworker_adds_a_landlord_and_a_dwelling_and_both_are_audited(kari_actor, kari):
    landlord = services.landlord_create(
        kari_actor,
        name="Bakklandet Utleie AS",
        kind=LandlordKind.COMPANY,
        org_number="912 345 678",
        contact_person=kari,
    )
    dwelling = services.landlord_dwelling_add(
        kari_actor,
        landlord,
        address="Nedre Bakklandet 3",
        bedrooms=2,
        monthly_rent=Decimal("11500"),
    )
    assert landlord.org_number == "912345678"
    assert dwelling.landlord == landlord
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, actor=kari_actor.user).count() == 2


def test_a_guarantee_above_the_municipalitys_maximum_is_refused_at_the_amount(
    kari_actor, trondheim
):
    GuaranteeLimit.objects.create(
        municipality=trondheim,
        kind=GuaranteeKind.DEPOSIT,
        valid_from=D(2025, 1, 1),
        max_amount=Decimal("45000"),
    )
    landlord = LandlordFactory(municipality=trondheim)
    household = HouseholdFactory(municipality=trondheim)
    with pytest.raises(ValidationError) as excinfo:
        services.guarantee_issue(
            kari_actor,
            kind=GuaranteeKind.DEPOSIT,
            household=household,
            landlord=landlord,
            amount=Decimal("45000.01"),
            starts_on=D(2025, 7, 1),
            ends_on=D(2025, 6, 1),
            lease_address="",
        )
    assert set(errors_of(excinfo)) == {"amount", "ends_on", "lease_address"}
    assert "45000" in errors_of(excinfo)["amount"][0]


def test_a_guarantee_on_another_households_case_is_refused(kari_actor, trondheim):
    other_case = ApplicationFactory(municipality=trondheim)
    with pytest.raises(ValidationError) as excinfo:
        services.guarantee_issue(
            kari_actor,
            kind=GuaranteeKind.RENT,
            household=HouseholdFactory(municipality=trondheim),
            landlord=LandlordFactory(municipality=trondheim),
            amount=Decimal("20000"),
            starts_on=D(2025, 7, 1),
            ends_on=D(2026, 6, 30),
            lease_address="Gate 1",
            application=other_case,
        )
    assert set(errors_of(excinfo)) == {"application"}


def test_a_caseworker_in_skanderborg_cannot_guarantee_with_a_trondheim_landlord(
    sven_actor, trondheim, skanderborg
):
    with pytest.raises(PermissionDenied):
        services.guarantee_issue(
            sven_actor,
            kind=GuaranteeKind.DEPOSIT,
            household=HouseholdFactory(municipality=skanderborg),
            landlord=LandlordFactory(municipality=trondheim),
            amount=Decimal("1000"),
            starts_on=D(2025, 7, 1),
            ends_on=D(2026, 6, 30),
            lease_address="Gade 1",
        )


def test_a_claim_received_after_the_three_months_is_refused_at_the_date(kari_actor, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim)  # 1 Jul 2025 – 30 Jun 2026
    with pytest.raises(ValidationError) as excinfo:
        services.claim_register(
            kari_actor, guarantee, received_on=D(2026, 10, 1), amount_claimed=Decimal("31000")
        )
    assert set(errors_of(excinfo)) == {"received_on", "amount_claimed"}
    claim = services.claim_register(
        kari_actor, guarantee, received_on=D(2026, 9, 30), amount_claimed=Decimal("30000")
    )
    assert claim.status == ClaimStatus.RECEIVED


def test_a_claim_is_never_above_what_remains_after_claims_paid(kari_actor, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim, amount=Decimal("30000"))
    ClaimFactory(guarantee=guarantee, status=ClaimStatus.PAID, amount_paid=Decimal("25000"))
    with pytest.raises(ValidationError) as excinfo:
        services.claim_register(
            kari_actor, guarantee, received_on=D(2026, 7, 1), amount_claimed=Decimal("5000.01")
        )
    assert "5000" in errors_of(excinfo)["amount_claimed"][0]
    assert services.claim_register(
        kari_actor, guarantee, received_on=D(2026, 7, 1), amount_claimed=Decimal("5000")
    )


def test_a_refusal_without_a_reason_is_refused_and_a_payment_is_capped(kari_actor, trondheim):
    claim = ClaimFactory(guarantee=GuaranteeFactory(municipality=trondheim))
    with pytest.raises(ValidationError) as excinfo:
        services.claim_decide(kari_actor, claim, decision=ClaimStatus.REFUSED)
    assert set(errors_of(excinfo)) == {"checked_on", "refusal_reason"}
    with pytest.raises(ValidationError) as excinfo:
        services.claim_decide(
            kari_actor,
            claim,
            decision=ClaimStatus.PAID,
            checked_on=D(2026, 7, 20),
            amount_paid=Decimal("10000.01"),
        )
    assert set(errors_of(excinfo)) == {"amount_paid"}
    paid = services.claim_decide(
        kari_actor,
        claim,
        decision=ClaimStatus.PAID,
        checked_on=D(2026, 7, 20),
        amount_paid=Decimal("8000"),
    )
    assert paid.status == ClaimStatus.PAID
    assert services.remaining_of(claim.guarantee) == Decimal("22000")


def test_the_household_repays_no_more_than_was_paid(kari_actor, trondheim):
    claim = ClaimFactory(
        guarantee=GuaranteeFactory(municipality=trondheim),
        status=ClaimStatus.PAID,
        amount_paid=Decimal("8000"),
    )
    services.repayment_record(kari_actor, claim, paid_on=D(2026, 8, 1), amount=Decimal("5000"))
    with pytest.raises(ValidationError) as excinfo:
        services.repayment_record(kari_actor, claim, paid_on=D(2026, 9, 1), amount=Decimal("3001"))
    assert set(errors_of(excinfo)) == {"amount"}


def test_a_guarantee_ended_early_shortens_the_time_for_claims(kari_actor, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim)
    services.guarantee_end(kari_actor, guarantee, ended_on=D(2025, 12, 31))
    with pytest.raises(ValidationError):
        services.claim_register(
            kari_actor, guarantee, received_on=D(2026, 4, 1), amount_claimed=Decimal("100")
        )
    with pytest.raises(ValidationError) as excinfo:
        services.guarantee_end(kari_actor, guarantee, ended_on=D(2026, 1, 1))
    assert set(errors_of(excinfo)) == {"ended_on"}
