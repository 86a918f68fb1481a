"""The recommendation, the two-person decision, the explanation duty and payouts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import HouseholdMember
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.finance.models import FinancingDecision
from boligtorg.finance.services import decisions as services

from .factories import FinancingCaseFactory, make_eligible

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LOAN = {
    "outcome": "loan",
    "loan_amount": Decimal(1_000_000),
    "grant_amount": Decimal(0),
    "method": "annuity",
    "years": 30,
    "interest_only_years": 0,
    "facts": "Income 410,000 a year after tax; two banks refused.",
    "considerations": "Can carry the loan at the stress rate.",
}


@pytest.fixture
def case(trondheim):
    return make_eligible(FinancingCaseFactory(municipality=trondheim, status="assessing"))


def _recommend(actor, case, **changes):
    return services.financing_recommend(
        actor=actor, case=case, version=case.version, **{**LOAN, **changes}
    )


def test_lars_recommends_and_mona_decides(case, lars_actor, mona_actor):
    decision = _recommend(lars_actor, case)
    case.refresh_from_db()
    assert case.status == "recommended"
    services.financing_decide(actor=mona_actor, case=case, decided_on=TODAY)
    decision.refresh_from_db()
    case.refresh_from_db()
    assert (decision.recommended_by, decision.decided_by) == (lars_actor.user, mona_actor.user)
    assert case.status == "decided"


def test_the_officer_who_recommended_can_never_decide(case, lars_actor):
    _recommend(lars_actor, case)
    with pytest.raises(PermissionDenied) as caught:
        services.financing_decide(actor=lars_actor, case=case, decided_on=TODAY)
    assert str(caught.value) == str(services.ERROR_SAME_PERSON)
    case.refresh_from_db()
    assert case.status == "recommended"


def test_the_database_refuses_the_same_person_in_both_places(case, lars_actor):
    decision = _recommend(lars_actor, case)
    with pytest.raises(IntegrityError), transaction.atomic():
        FinancingDecision.objects.filter(pk=decision.pk).update(
            decided_by=lars_actor.user, decided_on=TODAY
        )


def test_another_loan_officer_may_decide(case, lars_actor, trondheim):
    liv = member("liv", trondheim, Role.LOAN_OFFICER)
    _recommend(lars_actor, case)
    decision = services.financing_decide(
        actor=actor_for(liv, trondheim), case=case, decided_on=TODAY
    )
    assert decision.decided_by == liv


def test_a_refusal_without_how_to_qualify_and_the_childrens_interests_names_both(
    case, lars_actor, english_messages
):
    child = PersonFactory(
        municipality=case.municipality,
        national_id="",
        date_of_birth=TODAY.replace(year=TODAY.year - 6),
    )
    HouseholdMember.objects.create(household=case.household, person=child, relation="child")
    with pytest.raises(ValidationError) as caught:
        _recommend(lars_actor, case, outcome="refused", loan_amount=Decimal(0))
    errors = caught.value.message_dict
    assert errors["how_to_qualify"] == [str(services.ERROR_HOW_TO_QUALIFY)]
    assert errors["children_interests"] == [str(services.ERROR_CHILDREN)]


def test_more_than_thirty_years_needs_the_four_conditions_and_deferral_at_most_eight(
    case, lars_actor, english_messages
):
    with pytest.raises(ValidationError) as caught:
        _recommend(lars_actor, case, years=50, interest_only_years=9)
    errors = caught.value.message_dict
    assert set(errors) >= {
        "lt_permanently_low_income",
        "lt_home_fits_long_term",
        "lt_renting_unsuitable_or_dearer",
        "lt_shorter_term_not_sound",
        "interest_only_years",
    }
    conditions = {
        name: {"answer": True, "reason": "Documented in the case."}
        for name in (
            "permanently_low_income",
            "home_fits_long_term",
            "renting_unsuitable_or_dearer",
            "shorter_term_not_sound",
        )
    }
    decision = _recommend(lars_actor, case, years=50, long_term_conditions=conditions)
    assert decision.years == 50 and decision.long_term_conditions == conditions


def test_a_family_with_children_may_do_without_permanently_low_income(
    case, lars_actor, english_messages
):
    """§ 8-5: (a) may be waived for a family with children that documents a low,
    predictable income; (b)-(d) still hold."""
    child = PersonFactory(
        municipality=case.municipality,
        national_id="",
        date_of_birth=TODAY.replace(year=TODAY.year - 4),
    )
    HouseholdMember.objects.create(household=case.household, person=child, relation="child")
    met = {"answer": True, "reason": "On file."}
    conditions = {
        "permanently_low_income": {"answer": False, "reason": "Wages may rise."},
        "low_predictable_income": met,
        "home_fits_long_term": met,
        "renting_unsuitable_or_dearer": met,
        "shorter_term_not_sound": met,
    }
    assert _recommend(lars_actor, case, years=50, long_term_conditions=conditions).years == 50


def test_a_recommendation_sent_back_can_be_made_again(case, lars_actor, mona_actor):
    first = _recommend(lars_actor, case)
    services.financing_return(actor=mona_actor, case=case, note="Check the SIFO figures.")
    case.refresh_from_db()
    assert case.status == "assessing"
    second = _recommend(lars_actor, case)
    assert first.pk != second.pk
    first.refresh_from_db()
    assert first.return_note == "Check the SIFO figures."


def _granted(case, lars_actor, mona_actor, **changes):
    _recommend(lars_actor, case, **changes)
    return services.financing_decide(actor=mona_actor, case=case, decided_on=TODAY)


def test_no_loan_is_paid_out_before_the_explanation_duty_is_recorded(
    case, lars_actor, mona_actor, english_messages
):
    _granted(case, lars_actor, mona_actor)
    with pytest.raises(ValidationError) as caught:
        services.payout_record(
            actor=lars_actor,
            case=case,
            loan_part=Decimal(1000),
            grant_part=Decimal(0),
            paid_on=TODAY,
        )
    assert caught.value.message_dict["loan_part"] == [str(services.ERROR_EXPLANATION_FIRST)]
    services.explanation_record(
        actor=lars_actor,
        case=case,
        explained_on=TODAY,
        **dict.fromkeys(services.EXPLANATION_TOPICS, True),
    )
    services.payout_record(
        actor=lars_actor,
        case=case,
        loan_part=Decimal(400_000),
        grant_part=Decimal(0),
        paid_on=TODAY,
    )
    case.refresh_from_db()
    assert case.status == "decided"  # a part is paid; the rest is still owed
    services.payout_record(
        actor=lars_actor,
        case=case,
        loan_part=Decimal(600_000),
        grant_part=Decimal(0),
        paid_on=TODAY,
    )
    case.refresh_from_db()
    assert case.status == "paid_out"


def test_a_payout_cannot_exceed_what_is_left(case, lars_actor, mona_actor, english_messages):
    _granted(
        case,
        lars_actor,
        mona_actor,
        outcome="grant",
        loan_amount=Decimal(0),
        grant_amount=Decimal(100_000),
        grant_need_answers=GRANT_NEED,
    )
    with pytest.raises(ValidationError) as caught:
        services.payout_record(
            actor=lars_actor,
            case=case,
            loan_part=Decimal(0),
            grant_part=Decimal(100_001),
            paid_on=TODAY + datetime.timedelta(days=1),
        )
    errors = caught.value.message_dict
    assert errors["grant_part"] == [
        str(services.ERROR_PAYOUT_TOO_MUCH % {"left": Decimal(100_000)})
    ]
    assert errors["paid_on"] == [str(services.ERROR_PAID_FUTURE)]


def test_advice_against_the_loan_must_be_written_and_is_not_a_refusal(
    case, lars_actor, english_messages
):
    with pytest.raises(ValidationError) as caught:
        services.explanation_record(
            actor=lars_actor, case=case, explained_on=TODAY, advised_against=True
        )
    assert caught.value.message_dict["advice_text"] == [str(services.ERROR_ADVICE_TEXT)]
    explanation = services.explanation_record(
        actor=lars_actor,
        case=case,
        explained_on=TODAY,
        advised_against=True,
        advice_text="A 50-year loan at this price leaves little margin.",
    )
    case.refresh_from_db()
    assert explanation.advised_against and case.status == "assessing"


def test_a_start_loan_needs_the_checklist_to_show_the_household_eligible(
    trondheim, lars_actor, english_messages
):
    case = FinancingCaseFactory(municipality=trondheim, status="assessing")
    with pytest.raises(ValidationError) as caught:
        _recommend(lars_actor, case)
    message = caught.value.message_dict["outcome"][0]
    assert "The checklist is not complete." in message
    assert "Cannot get a large enough ordinary bank loan: Not answered" in message
    # Advice needs no eligibility: it is what the office gives when a loan is not right.
    _recommend(lars_actor, case, outcome="advice", loan_amount=Decimal(0))


def test_a_household_the_bank_would_lend_enough_is_not_eligible_whatever_else(
    trondheim, lars_actor, english_messages
):
    from boligtorg.finance.models import EligibilityAnswer

    case = make_eligible(FinancingCaseFactory(municipality=trondheim, status="assessing"))
    EligibilityAnswer.objects.filter(case=case, question="no_bank_loan").update(
        answer=False, reason="DNB offers 2.5 million."
    )
    with pytest.raises(ValidationError) as caught:
        _recommend(lars_actor, case)
    assert "Not eligible for a start loan" in caught.value.message_dict["outcome"][0]


GRANT_NEED = {
    "permanently_low_income": {"answer": True, "reason": "Disability benefit for life."},
    "longer_term_considered": {"answer": True, "reason": "50 years is not enough either."},
}


def test_a_grant_needs_a_low_income_and_a_longer_term_considered_first(
    case, lars_actor, english_messages
):
    with pytest.raises(ValidationError) as caught:
        _recommend(
            lars_actor, case, outcome="grant", loan_amount=Decimal(0), grant_amount=Decimal(50_000)
        )
    errors = caught.value.message_dict
    assert "grant_permanently_low_income" in errors
    assert "grant_longer_term_considered" in errors
    decision = _recommend(
        lars_actor,
        case,
        outcome="grant",
        loan_amount=Decimal(0),
        grant_amount=Decimal(50_000),
        grant_need_answers=GRANT_NEED,
    )
    assert decision.grant_need_answers == GRANT_NEED


def test_the_decided_grant_is_written_down_over_twenty_years_on_the_case_page(
    client, lars, case, lars_actor, mona_actor
):
    """200,000 over 20 years: 10,000 a year; after the first year 190,000 remains."""
    _recommend(
        lars_actor,
        case,
        outcome="grant",
        loan_amount=Decimal(0),
        grant_amount=Decimal(200_000),
        grant_need_answers=GRANT_NEED,
    )
    services.financing_decide(actor=mona_actor, case=case, decided_on=TODAY)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "10,000.00" in page and "190,000.00" in page
