"""Which dates an answer to an offer may carry (issue 23, item 1)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.offers import AnswerProblem, answer_problems, is_answer_late

D = datetime.date
DAY = datetime.timedelta(days=1)
OFFERED = D(2027, 3, 1)
DEADLINE = D(2027, 3, 8)
TODAY = D(2027, 3, 20)
dates = st.dates(min_value=D(2027, 1, 1), max_value=D(2027, 6, 30))


def _problems(answered_on, lease_start=None, reason=""):
    return answer_problems(
        offered_on=OFFERED,
        deadline=DEADLINE,
        answered_on=answered_on,
        today=TODAY,
        late_answer_reason=reason,
        lease_start=lease_start,
    )


@pytest.mark.parametrize("answered_on", [OFFERED, D(2027, 3, 5), DEADLINE])
def test_an_answer_from_the_offer_to_the_deadline_is_in_time(answered_on):
    assert _problems(answered_on, lease_start=answered_on) == {}


def test_an_answer_before_the_offer_is_refused():
    assert _problems(OFFERED - DAY) == {"answered_on": AnswerProblem.BEFORE_OFFER}


def test_an_answer_after_today_is_refused_not_called_late():
    assert _problems(TODAY + DAY) == {"answered_on": AnswerProblem.AFTER_TODAY}


def test_an_answer_after_the_deadline_needs_a_reason():
    assert _problems(DEADLINE + DAY) == {"late_answer_reason": AnswerProblem.LATE_WITHOUT_REASON}
    assert _problems(DEADLINE + DAY, reason="  ") == {
        "late_answer_reason": AnswerProblem.LATE_WITHOUT_REASON
    }
    assert _problems(DEADLINE + DAY, reason="Letter returned; reached by phone") == {}
    assert _problems(TODAY, reason="Letter returned; reached by phone") == {}


def test_a_lease_cannot_start_before_the_answer():
    assert _problems(DEADLINE, lease_start=DEADLINE - DAY) == {
        "lease_start": AnswerProblem.LEASE_BEFORE_ANSWER
    }
    assert _problems(DEADLINE, lease_start=DEADLINE) == {}


def test_every_problem_is_reported_at_once():
    assert _problems(TODAY + DAY, lease_start=OFFERED - DAY) == {
        "answered_on": AnswerProblem.AFTER_TODAY,
        "lease_start": AnswerProblem.LEASE_BEFORE_ANSWER,
    }
    assert _problems(DEADLINE + DAY, lease_start=OFFERED) == {
        "late_answer_reason": AnswerProblem.LATE_WITHOUT_REASON,
        "lease_start": AnswerProblem.LEASE_BEFORE_ANSWER,
    }


def test_the_deadline_day_itself_is_in_time():
    assert not is_answer_late(DEADLINE, DEADLINE)
    assert is_answer_late(DEADLINE, DEADLINE + DAY)


@given(dates, st.integers(0, 30), dates, dates, st.booleans(), dates | st.none())
def test_an_answer_stands_exactly_when_its_dates_are_possible(
    offered_on, answer_days, answered_on, today, has_reason, lease_start
):
    deadline = offered_on + datetime.timedelta(days=answer_days)
    problems = answer_problems(
        offered_on=offered_on,
        deadline=deadline,
        answered_on=answered_on,
        today=today,
        late_answer_reason="Reached late" if has_reason else "",
        lease_start=lease_start,
    )
    possible = (
        offered_on <= answered_on <= today
        and (answered_on <= deadline or has_reason)
        and (lease_start is None or lease_start >= answered_on)
    )
    assert (problems == {}) == possible
    assert set(problems) <= {"answered_on", "late_answer_reason", "lease_start"}
