"""Delegated decision authority (delegert vedtaksmyndighet) as dated data: a decider
whose authority on the decision date does not cover the amounts is refused, with the
limit and who may decide instead; without rows a municipality decides as before."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.finance.models import DecisionAuthority
from boligtorg.finance.selectors.authority import AUTHORITY_INSTEAD_NONE, authorities_on
from boligtorg.finance.services import decisions
from boligtorg.finance.services import guideline as services

from .factories import FinancingCaseFactory, make_eligible

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR_START = TODAY.replace(month=1, day=1)
LIMIT = Decimal(2_000_000)
GRANT_LIMIT = Decimal(200_000)
REASONS = {
    "facts": "Income 410,000 a year after tax; two banks refused.",
    "considerations": "Can carry the loan at the stress rate.",
}


@pytest.fixture
def case(trondheim):
    return make_eligible(FinancingCaseFactory(municipality=trondheim, status="assessing"))


@pytest.fixture
def liv(trondheim):
    """A second loan officer, to decide what Lars recommends."""
    return member("liv", trondheim, Role.LOAN_OFFICER, first_name="Liv", last_name="Nes")


@pytest.fixture
def liv_actor(liv, trondheim):
    return actor_for(liv, trondheim)


@pytest.fixture
def delegated(mona_actor):
    """Loan officers decide loans up to 2,000,000 kr and grants up to 200,000 kr from
    1 January; the manager has no row (no limit)."""
    return services.decision_authority_add(
        actor=mona_actor,
        role=Role.LOAN_OFFICER,
        max_loan=LIMIT,
        max_grant=GRANT_LIMIT,
        valid_from=YEAR_START,
    )


def _recommend(actor, case, loan):
    return decisions.financing_recommend(
        actor=actor,
        case=case,
        version=case.version,
        outcome="loan",
        loan_amount=loan,
        grant_amount=Decimal(0),
        years=30,
        **REASONS,
    )


def test_a_loan_officer_may_decide_a_loan_at_the_limit(delegated, case, lars_actor, liv_actor):
    _recommend(lars_actor, case, LIMIT)
    decision = decisions.financing_decide(actor=liv_actor, case=case, decided_on=TODAY)
    assert decision.decided_by == liv_actor.user


def test_a_loan_one_krone_above_the_limit_is_refused_naming_the_limit_and_the_manager(
    delegated, case, lars_actor, liv_actor, mona, english_messages
):
    _recommend(lars_actor, case, LIMIT + 1)
    with pytest.raises(ValidationError) as caught:
        decisions.financing_decide(actor=liv_actor, case=case, decided_on=TODAY)
    message = caught.value.messages[0]
    assert message.startswith("This decision is above your delegated authority on ")
    assert (
        "(Loan officer: start loans up to 2,000,000 kr, grants up to 200,000 kr): a start "
        "loan of 2,000,001 kr and a grant of 0 kr. It may be decided by: Manager (Mona Berg)."
    ) in message
    case.refresh_from_db()
    assert case.status == "recommended"


def test_a_grant_is_covered_up_to_and_including_the_grant_limit(delegated, trondheim):
    officer = authorities_on(municipality=trondheim, on=TODAY)[Role.LOAN_OFFICER]
    assert officer.covers(loan=LIMIT, grant=GRANT_LIMIT)
    assert not officer.covers(loan=Decimal(0), grant=GRANT_LIMIT + 1)


def test_the_manager_without_a_row_decides_the_larger_loan(delegated, case, lars_actor, mona_actor):
    _recommend(lars_actor, case, Decimal(3_000_000))
    assert decisions.financing_decide(actor=mona_actor, case=case, decided_on=TODAY).decided_on


def test_a_municipality_without_rows_lets_a_loan_officer_decide_any_amount(
    case, lars_actor, liv_actor
):
    _recommend(lars_actor, case, Decimal(5_000_000))
    assert decisions.financing_decide(actor=liv_actor, case=case, decided_on=TODAY).decided_by
    assert all(
        a.row is None for a in authorities_on(municipality=case.municipality, on=TODAY).values()
    )


def test_the_two_person_rule_holds_whatever_the_authority(delegated, case, lars_actor):
    _recommend(lars_actor, case, Decimal(100_000))
    with pytest.raises(PermissionDenied) as caught:
        decisions.financing_decide(actor=lars_actor, case=case, decided_on=TODAY)
    assert str(caught.value) == str(decisions.ERROR_SAME_PERSON)


def test_the_authority_in_force_on_the_decision_date_applies(
    case, lars_actor, liv_actor, mona_actor
):
    """Until yesterday loan officers had no limit; from today 2,000,000 kr. A decision
    dated yesterday (after the recommendation) is within the old authority."""
    services.decision_authority_add(
        actor=mona_actor, role=Role.LOAN_OFFICER, valid_from=TODAY - datetime.timedelta(days=30)
    )
    services.decision_authority_add(
        actor=mona_actor, role=Role.LOAN_OFFICER, max_loan=LIMIT, valid_from=TODAY
    )
    decision = _recommend(lars_actor, case, LIMIT + 1)
    decision.recommended_at = timezone.now() - datetime.timedelta(days=2)
    decision.save(update_fields=["recommended_at"])
    with pytest.raises(ValidationError):
        decisions.financing_decide(actor=liv_actor, case=case, decided_on=TODAY)
    yesterday = TODAY - datetime.timedelta(days=1)
    assert decisions.financing_decide(actor=liv_actor, case=case, decided_on=yesterday)


def test_a_zero_limit_takes_authority_away_and_the_refusal_says_nobody_has_it(
    case, lars_actor, liv_actor, mona_actor, english_messages
):
    services.decision_authority_add(
        actor=mona_actor,
        role=Role.LOAN_OFFICER,
        max_loan=Decimal(0),
        max_grant=Decimal(0),
        valid_from=YEAR_START,
    )
    services.decision_authority_add(
        actor=mona_actor, role=Role.MANAGER, max_loan=LIMIT, max_grant=LIMIT, valid_from=YEAR_START
    )
    _recommend(lars_actor, case, LIMIT + 1)
    with pytest.raises(ValidationError) as caught:
        decisions.financing_decide(actor=liv_actor, case=case, decided_on=TODAY)
    assert caught.value.messages[0].endswith(str(AUTHORITY_INSTEAD_NONE))


def test_a_new_row_ends_the_one_in_force_the_day_before_and_both_are_audited(mona_actor):
    first = services.decision_authority_add(
        actor=mona_actor,
        role=Role.LOAN_OFFICER,
        max_loan=LIMIT,
        valid_from=datetime.date(2026, 1, 1),
    )
    services.decision_authority_add(
        actor=mona_actor,
        role=Role.LOAN_OFFICER,
        max_loan=LIMIT * 2,
        valid_from=datetime.date(2026, 3, 1),
    )
    first.refresh_from_db()
    assert first.valid_to == datetime.date(2026, 2, 28)
    municipality = mona_actor.municipality
    feb, march = datetime.date(2026, 2, 28), datetime.date(2026, 3, 1)
    assert authorities_on(municipality=municipality, on=feb)[Role.LOAN_OFFICER].max_loan == LIMIT
    assert authorities_on(municipality=municipality, on=march)[Role.LOAN_OFFICER].max_loan == (
        LIMIT * 2
    )
    # The new row, and the old one's end: one event each.
    assert AuditEvent.objects.filter(object_type="finance.decisionauthority").count() == 3


def test_reading_the_authority_of_every_role_is_one_query(
    delegated, trondheim, django_assert_num_queries
):
    with django_assert_num_queries(1):
        authorities_on(municipality=trondheim, on=TODAY)


def test_a_row_overlapping_another_is_refused_and_only_deciding_roles_are_allowed(mona_actor):
    services.decision_authority_add(
        actor=mona_actor, role=Role.LOAN_OFFICER, max_loan=LIMIT, valid_from=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        services.decision_authority_add(
            actor=mona_actor,
            role=Role.LOAN_OFFICER,
            valid_from=TODAY - datetime.timedelta(days=10),
            valid_to=TODAY,
        )
    assert list(caught.value.message_dict) == ["valid_from"]
    with pytest.raises(ValidationError) as caught:
        services.decision_authority_add(
            actor=mona_actor, role=Role.CASEWORKER, max_loan=Decimal(-1), valid_from=TODAY
        )
    assert caught.value.message_dict == {
        "role": [str(services.ERROR_AUTHORITY_ROLE)],
        "max_loan": [str(services.ERROR_AUTHORITY_NEGATIVE)],
    }
    assert DecisionAuthority.objects.count() == 1


def test_a_caseworker_may_not_delegate_authority(kari, trondheim):
    with pytest.raises(PermissionDenied):
        services.decision_authority_add(
            actor=actor_for(kari, trondheim), role=Role.LOAN_OFFICER, valid_from=TODAY
        )


def test_mona_delegates_on_the_settings_page_and_sees_the_limit(english, mona):
    english.force_login(mona)
    response = english.post(
        reverse("finance:settings"),
        {
            "action": "authority",
            "authority-role": "loan_officer",
            "authority-max_loan": "2000000",
            "authority-max_grant": "200000",
            "authority-valid_from": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    page = english.get(reverse("finance:settings")).content.decode()
    assert "2,000,000 kr" in page
    assert "no row: any amount, as before" in page  # the manager


def test_the_decide_page_shows_the_refusal(delegated, case, lars_actor, liv, english):
    _recommend(lars_actor, case, LIMIT + 1)
    english.force_login(liv)
    page = english.post(
        reverse("finance:decide", args=[case.pk]),
        {"action": "decide", "decided_on": TODAY.isoformat()},
    ).content.decode()
    assert "above your delegated authority" in page


def test_the_decide_page_warns_before_the_decider_tries(delegated, case, lars_actor, liv, english):
    _recommend(lars_actor, case, LIMIT + 1)
    english.force_login(liv)
    page = english.get(reverse("finance:decide", args=[case.pk])).content.decode()
    assert "above your delegated authority" in page
    assert "It may be decided by: Manager" in page
