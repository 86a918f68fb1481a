"""Rent-to-own through the services: the offer on a dwelling with rent-to-own
potential, every step of the pipeline allowed and forbidden, the savings ledger, and
the purchase that opens the financing case and sells the dwelling."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.financing.rent_to_own import (
    COST_RENT_NEEDS_SAVING,
    MAINTENANCE_DUTIES_MISSING,
    OPTION_PERIOD_NOT_OFFERED,
    RENT_TO_OWN_TRANSITIONS,
    RentToOwnStatus,
)
from boligtorg.finance.models import FinancingCase, RentToOwnAgreement, RentToOwnSaving
from boligtorg.finance.selectors.rent_to_own import savings_paid
from boligtorg.finance.services import cases as case_services
from boligtorg.finance.services import rent_to_own as services
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus

from .factories import FinancingCaseFactory, RentToOwnAgreementFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
S = RentToOwnStatus


def _offer(actor, dwelling, household, **changes):
    terms = {
        "price": Decimal(2_400_000),
        "start": TODAY,
        "rent_basis": "cost",
        "monthly_rent": Decimal(11_500),
        "monthly_cost_rent": Decimal(11_500),
        "monthly_saving": Decimal(2_500),
        "maintenance_duties": "Indre vedlikehold og hage.",
        "option_years": 5,
    }
    return services.rent_to_own_offer(
        actor=actor, dwelling=dwelling, household=household, **{**terms, **changes}
    )


def test_lars_offers_an_agreement_on_a_dwelling_with_rent_to_own_potential(lars_actor, trondheim):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True, status=DwellingStatus.LET)
    lease = LeaseFactory(municipality=trondheim, dwelling=dwelling)
    agreement = _offer(lars_actor, dwelling, lease.household)
    assert agreement.status == S.OFFERED
    assert agreement.offered_on == TODAY
    # The household already rents the dwelling: its lease is linked.
    assert agreement.lease == lease
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="finance.renttoownagreement"
    ).exists()


def test_a_dwelling_without_rent_to_own_potential_is_refused(
    lars_actor, trondheim, english_messages
):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=False)
    with pytest.raises(ValidationError) as caught:
        _offer(lars_actor, dwelling, HouseholdFactory(municipality=trondheim))
    assert caught.value.message_dict == {"dwelling": [str(services.ERROR_NO_POTENTIAL)]}
    assert not RentToOwnAgreement.objects.exists()


def test_a_second_agreement_on_the_same_dwelling_is_refused_by_service_and_database(
    lars_actor, trondheim, english_messages
):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True)
    first = _offer(lars_actor, dwelling, HouseholdFactory(municipality=trondheim))
    with pytest.raises(ValidationError) as caught:
        _offer(lars_actor, dwelling, HouseholdFactory(municipality=trondheim))
    assert caught.value.message_dict == {"dwelling": [str(services.ERROR_DWELLING_TAKEN)]}
    with pytest.raises(IntegrityError), transaction.atomic():
        RentToOwnAgreementFactory(municipality=trondheim, dwelling=dwelling)
    # Once the first has ended, the dwelling can be offered again.
    services.rent_to_own_end(
        actor=lars_actor, agreement=first, reason="Takket nei.", ended_on=TODAY
    )
    assert (
        _offer(lars_actor, dwelling, HouseholdFactory(municipality=trondheim)).status == S.OFFERED
    )


def test_the_terms_errors_come_back_all_at_once_named_by_field(
    lars_actor, trondheim, english_messages
):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True)
    with pytest.raises(ValidationError) as caught:
        _offer(
            lars_actor,
            dwelling,
            HouseholdFactory(municipality=trondheim),
            option_years=4,
            monthly_saving=Decimal(0),
            maintenance_duties=" ",
        )
    assert caught.value.message_dict == {
        "option_years": [OPTION_PERIOD_NOT_OFFERED],
        "monthly_saving": [COST_RENT_NEEDS_SAVING],
        "maintenance_duties": [MAINTENANCE_DUTIES_MISSING],
    }


def test_a_caseworker_cannot_offer_and_another_municipality_is_refused(
    kari, trondheim, skanderborg, lars_actor
):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True)
    with pytest.raises(PermissionDenied):
        _offer(actor_for(kari, trondheim), dwelling, HouseholdFactory(municipality=trondheim))
    other = DwellingFactory(municipality=skanderborg, rent_to_own=True)
    with pytest.raises(PermissionDenied):
        _offer(lars_actor, other, HouseholdFactory(municipality=trondheim))


def _agreement_in(status, municipality):
    """An agreement in ``status`` with what the database wants of that status; the
    dwelling is let to the household from three years ago."""
    dwelling = DwellingFactory(
        municipality=municipality, rent_to_own=True, status=DwellingStatus.LET
    )
    start = add_months(TODAY, -36)
    lease = LeaseFactory(
        municipality=municipality, dwelling=dwelling, start=start, end=add_months(start, 60)
    )
    fields = {"start": start, "offered_on": start, "lease": lease}
    if status == S.PURCHASED:
        fields |= {
            "financing_case": FinancingCaseFactory(municipality=municipality),
            "purchased_on": TODAY,
            "sale_proceeds": 2_400_000,
        }
    if status in (S.ENDED, S.DEFAULTED):
        fields |= {"ended_on": TODAY, "end_reason": "Flyttet."}
    return RentToOwnAgreementFactory(
        municipality=municipality,
        dwelling=dwelling,
        household=lease.household,
        status=status,
        **fields,
    )


def _step(actor, agreement, source, target):
    if target == S.SIGNED:
        return services.rent_to_own_sign(actor=actor, agreement=agreement, signed_on=TODAY)
    if target == S.RENTING and source == S.PURCHASE_REQUESTED:
        return services.rent_to_own_resume_renting(actor=actor, agreement=agreement)
    if target == S.RENTING:
        return services.rent_to_own_start_renting(
            actor=actor, agreement=agreement, renting_on=TODAY
        )
    if target == S.PURCHASE_REQUESTED:
        return services.rent_to_own_request_purchase(
            actor=actor, agreement=agreement, requested_on=TODAY
        )
    if target == S.PURCHASED:
        return services.rent_to_own_purchase(actor=actor, agreement=agreement, purchased_on=TODAY)
    assert target in (S.ENDED, S.DEFAULTED)
    return services.rent_to_own_end(
        actor=actor,
        agreement=agreement,
        reason="Husleien ble ikke betalt.",
        ended_on=TODAY,
        defaulted=target == S.DEFAULTED,
    )


ALLOWED = [(s, t) for s in S for t in S if t in RENT_TO_OWN_TRANSITIONS[s]]
# No step leads back to offered: an offer is made by creating the agreement.
FORBIDDEN = [(s, t) for s in S for t in S if t != S.OFFERED and t not in RENT_TO_OWN_TRANSITIONS[s]]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_step_goes_through_the_service_and_is_audited(
    lars_actor, trondheim, source, target
):
    agreement = _agreement_in(source, trondheim)
    changed = _step(lars_actor, agreement, source, target)
    assert changed.status == target
    agreement.refresh_from_db()
    assert agreement.status == target
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE,
        object_type="finance.renttoownagreement",
        object_id=str(agreement.pk),
        changes__status=[source.value, target.value],
    ).exists()


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_forbidden_step_is_refused_naming_both_statuses(
    lars_actor, trondheim, english_messages, source, target
):
    agreement = _agreement_in(source, trondheim)
    with pytest.raises(ValidationError) as caught:
        _step(lars_actor, agreement, source, target)
    labels = dict(RentToOwnAgreement._meta.get_field("status").choices)
    assert caught.value.message_dict == {
        "status": [
            services.ERROR_TRANSITION
            % {"current": str(labels[source]).lower(), "target": str(labels[target]).lower()}
        ]
    }
    agreement.refresh_from_db()
    assert agreement.status == source


def test_purchase_opens_the_financing_case_with_the_figures_and_sells_the_dwelling(
    lars_actor, trondheim
):
    """Market rent 14,000 over cost rent 11,500 for 36 months: 90,000 is taken off
    the price of 2,400,000, so the price at exercise is 2,310,000; the household paid
    in 1,000 a month, 36,000, its equity; it applies for 2,274,000."""
    agreement = _agreement_in(S.PURCHASE_REQUESTED, trondheim)
    RentToOwnAgreement.objects.filter(pk=agreement.pk).update(
        rent_basis="market", monthly_rent=14_000, monthly_saving=1_000
    )
    for n in range(36):
        RentToOwnSaving.objects.create(
            agreement=agreement,
            month=add_months(agreement.start.replace(day=1), n),
            amount=1_000,
            recorded_by=lars_actor.user,
        )

    bought = services.rent_to_own_purchase(
        actor=lars_actor, agreement=agreement, purchased_on=TODAY
    )

    case = bought.financing_case
    assert case.household == agreement.household
    assert case.purpose == "buy_full"
    assert (case.price, case.equity, case.loan_applied) == (2_310_000, 36_000, 2_274_000)
    assert case.home_address == str(agreement.dwelling)
    assert bought.sale_proceeds == 2_310_000 and bought.purchased_on == TODAY
    dwelling = agreement.dwelling
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.SOLD
    assert list(dwelling.status_changes.values_list("from_status", "to_status")) == [
        ("ready", "sold"),
        ("let", "ready"),
    ]
    agreement.lease.refresh_from_db()
    assert agreement.lease.terminated_on == TODAY - datetime.timedelta(days=1)
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="finance.financingcase", object_id=str(case.pk)
    ).exists()


def test_a_purchase_refused_by_the_register_leaves_nothing_behind(lars_actor, trondheim):
    agreement = _agreement_in(S.PURCHASE_REQUESTED, trondheim)
    # Another household's lease runs on the dwelling: the sale is refused.
    LeaseFactory(
        municipality=trondheim,
        dwelling=agreement.dwelling,
        start=TODAY - datetime.timedelta(days=1),
        end=add_months(TODAY, 36),
    )
    with pytest.raises(ValidationError):
        services.rent_to_own_purchase(actor=lars_actor, agreement=agreement, purchased_on=TODAY)
    agreement.refresh_from_db()
    assert agreement.status == S.PURCHASE_REQUESTED
    assert not FinancingCase.objects.filter(household=agreement.household).exists()
    agreement.dwelling.refresh_from_db()
    assert agreement.dwelling.status == DwellingStatus.LET


def test_the_purchase_cannot_be_requested_after_the_option_expired(
    lars_actor, trondheim, english_messages
):
    agreement = _agreement_in(S.RENTING, trondheim)
    RentToOwnAgreement.objects.filter(pk=agreement.pk).update(
        option_years=None, purchase_deadline=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        services.rent_to_own_request_purchase(
            actor=lars_actor, agreement=agreement, requested_on=TODAY
        )
    assert caught.value.message_dict == {
        "requested_on": [
            services.ERROR_OPTION_EXPIRED
            % {"day": (TODAY - datetime.timedelta(days=1)).isoformat()}
        ]
    }


def test_savings_are_recorded_once_a_month_within_the_tenancy(
    lars_actor, trondheim, english_messages
):
    agreement = _agreement_in(S.RENTING, trondheim)
    saving = services.rent_to_own_saving_record(
        actor=lars_actor, agreement=agreement, month=TODAY, amount=Decimal(2_500)
    )
    assert saving.month == TODAY.replace(day=1)
    assert savings_paid(agreement) == 2_500
    with pytest.raises(ValidationError) as caught:
        services.rent_to_own_saving_record(
            actor=lars_actor, agreement=agreement, month=TODAY, amount=Decimal(0)
        )
    assert caught.value.message_dict == {
        "amount": [str(services.ERROR_SAVING_AMOUNT)],
        "month": [str(services.ERROR_SAVING_TWICE)],
    }
    with pytest.raises(ValidationError) as caught:
        services.rent_to_own_saving_record(
            actor=lars_actor,
            agreement=agreement,
            month=add_months(TODAY, 1),
            amount=Decimal(2_500),
        )
    assert caught.value.message_dict == {"month": [str(services.ERROR_SAVING_MONTH)]}


def test_a_purchase_while_the_household_has_an_open_financing_case_is_refused(
    lars_actor, trondheim, english_messages
):
    agreement = _agreement_in(S.PURCHASE_REQUESTED, trondheim)
    open_case = FinancingCaseFactory(municipality=trondheim, household=agreement.household)
    with pytest.raises(ValidationError) as caught:
        services.rent_to_own_purchase(actor=lars_actor, agreement=agreement, purchased_on=TODAY)
    assert caught.value.messages == [
        str(case_services.ERROR_OPEN_CASE % {"number": open_case.number})
    ]
    agreement.dwelling.refresh_from_db()
    assert agreement.dwelling.status == DwellingStatus.LET
