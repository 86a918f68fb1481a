"""Registering an application for financing, its plan, economy and checklist."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory, PersonFactory
from boligtorg.cases.models import Person
from boligtorg.cases.services import applications as case_services
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.finance_lifecycle import FINANCING_TRANSITIONS, FinancingStatus
from boligtorg.finance.models import EconomyLine, FinancingCase
from boligtorg.finance.services import cases as services

from .factories import FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_lars_registers_a_new_applicant_and_the_case_gets_a_number(lars_actor, english_messages):
    case = services.financing_case_register(
        actor=lars_actor,
        first_name="Nora",
        last_name="Lie",
        date_of_birth=datetime.date(1990, 5, 1),
        purpose="buy_full",
        received_on=TODAY,
        price=Decimal(2_500_000),
    )
    assert case.number == f"F{TODAY.year}-0001"
    assert case.status == "received"
    assert case.applicant.first_name == "Nora"
    assert case.household.members.get().person == case.applicant
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(case.pk)).exists()


def test_a_registered_main_applicant_is_found_by_national_id(trondheim, lars_actor):
    person = PersonFactory(municipality=trondheim)
    household = HouseholdFactory(municipality=trondheim, main=person)
    case = services.financing_case_register(
        actor=lars_actor, national_id=person.national_id, purpose="refinance", received_on=TODAY
    )
    assert case.household == household
    assert Person.objects.filter(municipality=trondheim).count() == 1


def test_every_error_of_the_register_form_is_named_at_once(lars_actor, english_messages):
    with pytest.raises(ValidationError) as caught:
        services.financing_case_register(
            actor=lars_actor,
            national_id="12345678901",
            purpose="buy_full",
            received_on=TODAY + datetime.timedelta(days=1),
            equity=Decimal(-1),
        )
    errors = caught.value.message_dict
    assert errors["received_on"] == [str(services.ERROR_RECEIVED_FUTURE)]
    assert errors["national_id"] == [str(case_services.ERROR_NATIONAL_ID_INVALID)]
    assert errors["equity"] == [str(services.ERROR_AMOUNT_NEGATIVE)]
    assert not FinancingCase.objects.exists()


@pytest.mark.parametrize("status", ["assessing", "decided", "paid_out"])
def test_a_household_has_one_open_financing_case_at_a_time(trondheim, lars_actor, status):
    open_case = FinancingCaseFactory(municipality=trondheim, status=status)
    with pytest.raises(ValidationError) as caught:
        services.financing_case_register(
            actor=lars_actor,
            national_id=open_case.applicant.national_id,
            purpose="buy_full",
            received_on=TODAY,
        )
    assert open_case.number in caught.value.message_dict["national_id"][0]


def test_kari_the_caseworker_may_not_register_a_financing_case(kari, trondheim):
    with pytest.raises(PermissionDenied):
        services.financing_case_register(
            actor=actor_for(kari, trondheim),
            first_name="A",
            last_name="B",
            date_of_birth=datetime.date(1990, 1, 1),
            purpose="buy_full",
            received_on=TODAY,
        )


def test_an_economy_line_moves_a_received_case_to_assessment_and_is_audited(trondheim, lars_actor):
    case = FinancingCaseFactory(municipality=trondheim)
    line = services.economy_line_add(
        actor=lars_actor, case=case, kind="income", category="Wages", monthly_amount=Decimal(31000)
    )
    case.refresh_from_db()
    assert case.status == "assessing"
    assert case.version == 2
    assert AuditEvent.objects.filter(
        object_type="finance.economyline", object_id=str(line.pk)
    ).exists()
    services.economy_line_update(actor=lars_actor, line=line, monthly_amount=Decimal(32000))
    services.economy_line_delete(actor=lars_actor, line=line)
    assert not EconomyLine.objects.exists()


def test_a_stale_plan_form_is_refused(trondheim, lars_actor, english_messages):
    case = FinancingCaseFactory(municipality=trondheim)
    services.financing_case_update(actor=lars_actor, case=case, version=1, equity=Decimal(90_000))
    with pytest.raises(ValidationError) as caught:
        services.financing_case_update(
            actor=lars_actor, case=case, version=1, equity=Decimal(95_000)
        )
    assert caught.value.messages == [str(services.ERROR_STALE)]


def test_an_answer_on_the_checklist_needs_its_reason(trondheim, lars_actor, english_messages):
    case = FinancingCaseFactory(municipality=trondheim)
    with pytest.raises(ValidationError) as caught:
        services.eligibility_answer_set(
            actor=lars_actor, case=case, question="no_bank_loan", answer=True, reason=" "
        )
    assert caught.value.message_dict["reason"] == [str(services.ERROR_REASON_REQUIRED)]
    row = services.eligibility_answer_set(
        actor=lars_actor,
        case=case,
        question="no_bank_loan",
        answer=True,
        reason="Two banks said no (letters on file).",
    )
    assert row.answered_by == lars_actor.user


def test_a_withdrawn_case_can_no_longer_be_changed(trondheim, lars_actor, english_messages):
    case = FinancingCaseFactory(municipality=trondheim)
    services.financing_case_withdraw(actor=lars_actor, case=case, note="Bought with family help.")
    with pytest.raises(ValidationError) as caught:
        services.economy_line_add(
            actor=lars_actor, case=case, kind="income", category="Wages", monthly_amount=1
        )
    assert "withdrawn" in caught.value.messages[0]


def test_the_life_cycle_lets_a_recommendation_go_back_but_never_undoes_a_decision():
    from boligtorg.domain.finance_lifecycle import check_financing_transition
    from boligtorg.domain.lifecycle import ForbiddenTransition

    assert check_financing_transition("recommended", "assessing") == "assessing"
    for current, target in [
        ("decided", "assessing"),
        ("decided", "withdrawn"),
        ("received", "decided"),
        ("paid_out", "decided"),
    ]:
        with pytest.raises(ForbiddenTransition):
            check_financing_transition(current, target)
    assert not FINANCING_TRANSITIONS[FinancingStatus.CLOSED]
    assert not FINANCING_TRANSITIONS[FinancingStatus.WITHDRAWN]


def test_a_case_over_a_month_old_shows_its_interim_notice_overdue_until_recorded(
    client, lars, trondheim, english_messages
):
    received = TODAY - datetime.timedelta(days=45)
    case = FinancingCaseFactory(municipality=trondheim, status="assessing", received_on=received)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    url = reverse("finance:case_detail", args=[case.pk])
    assert "The interim notice was due" in client.get(url).content.decode()
    too_early = client.post(
        reverse("finance:interim_notice", args=[case.pk]),
        {"sent_on": (received - datetime.timedelta(days=1)).isoformat()},
    ).content.decode()
    assert str(services.ERROR_NOTICE_BEFORE) in too_early
    client.post(reverse("finance:interim_notice", args=[case.pk]), {"sent_on": TODAY.isoformat()})
    page = client.get(url).content.decode()
    assert "The interim notice was due" not in page and "Interim notice sent" in page
