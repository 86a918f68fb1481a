"""The year's settlement figures against IMDi's goals (6 months from residence permit,
3 months for unaccompanied minors), computed by hand below."""

import datetime
from fractions import Fraction

import pytest

from boligtorg.domain.settlement.errors import Code, SettlementRuleError
from boligtorg.domain.settlement.figures import (
    DEFAULT_GOALS,
    SettlementGoal,
    SettlementRecord,
    Target,
    days_waited,
    goal_days,
    goal_for,
    settled_within_goal,
    year_summary,
)

D = datetime.date
R = SettlementRecord

RECORDS = [
    # Jan 15 -> Jun 10: 16 + 28 + 31 + 30 + 31 + 10 = 146 days; goal 15 July: within.
    R(D(2026, 6, 10), minor=False, permit_on=D(2026, 1, 15)),
    # Jan 31 -> Jul 31: 181 days; goal 31 July, settled on the day: within.
    R(D(2026, 7, 31), minor=False, permit_on=D(2026, 1, 31)),
    # Minor, Mar 1 -> Jun 2: 93 days; goal 1 June: one day late.
    R(D(2026, 6, 2), minor=True, permit_on=D(2026, 3, 1)),
    # Minor, Apr 10 -> May 20: 40 days; goal 10 July: within.
    R(D(2026, 5, 20), minor=True, permit_on=D(2026, 4, 10)),
    # Settled, permit day unknown: counted as settled, not in the share or the median.
    R(D(2026, 9, 1), minor=False),
    R(None, minor=False, declined_reason="no_dwelling"),
    R(None, minor=True, declined_reason="no_dwelling"),
    R(None, minor=False, declined_reason="health_needs"),
    R(None, minor=False, permit_on=D(2026, 10, 1)),  # accepted, not yet settled
]


def test_the_year_counts_settled_persons_against_the_target_of_them_minors():
    summary = year_summary(RECORDS, target=Target(total=10, minors=3))
    assert (summary.settled, summary.settled_minors) == (5, 2)
    assert (summary.remaining, summary.remaining_minors) == (5, 1)


def test_three_of_four_with_a_known_permit_day_were_settled_within_the_goal():
    summary = year_summary(RECORDS, target=Target(total=10, minors=3))
    assert (summary.within_goal, summary.with_permit) == (3, 4)
    assert summary.within_goal_share == Fraction(3, 4)


def test_the_median_days_from_permit_to_settlement():
    # 40, 93, 146, 181: the median is (93 + 146) / 2.
    assert year_summary(RECORDS, target=Target(10)).median_days == 119.5


def test_declines_are_counted_by_reason_most_first():
    assert year_summary(RECORDS, target=Target(10)).declines == {
        "no_dwelling": 2,
        "health_needs": 1,
    }


def test_settling_more_than_the_target_leaves_nothing_remaining():
    summary = year_summary(RECORDS[:5], target=Target(total=3, minors=1))
    assert (summary.remaining, summary.remaining_minors) == (0, 0)


def test_an_empty_year_has_no_share_and_no_median():
    summary = year_summary([], target=Target(total=4))
    assert summary.within_goal_share is None
    assert summary.median_days is None
    assert summary.remaining == 4


def test_the_goal_is_six_months_for_adults_and_three_for_minors_counted_as_months():
    assert goal_days(D(2026, 1, 31), unaccompanied_minor=False) == 181  # to 31 July
    assert goal_days(D(2026, 11, 30), unaccompanied_minor=True) == 90  # to 28 February


def test_a_settlement_on_the_goal_day_is_within_and_the_day_after_is_not():
    assert settled_within_goal(D(2026, 8, 31), D(2027, 2, 28), minor=False)
    assert not settled_within_goal(D(2026, 8, 31), D(2027, 3, 1), minor=False)


def test_the_goal_in_force_on_the_permit_day_applies():
    goals = (
        *DEFAULT_GOALS,
        SettlementGoal(D(2027, 1, 1), months_adults=5, months_minors=2, source="a new goal"),
    )
    assert goal_for(D(2026, 12, 31), goals).months_adults == 6
    assert goal_for(D(2027, 1, 1), goals).months_adults == 5
    assert not settled_within_goal(D(2027, 1, 10), D(2027, 6, 11), minor=False, goals=goals)
    assert settled_within_goal(D(2026, 12, 10), D(2027, 6, 10), minor=False, goals=goals)


def test_a_day_before_any_goal_is_refused():
    with pytest.raises(SettlementRuleError) as error:
        goal_for(D(2009, 12, 31))
    assert error.value.code is Code.NO_GOAL_IN_FORCE


def test_days_waited_in_a_temporary_residence_run_to_the_move_or_to_today():
    assert days_waited(D(2026, 7, 1), D(2026, 9, 15)) == 76  # 30 + 31 + 15
    assert days_waited(D(2026, 7, 1), today=D(2026, 12, 8)) == 160


def test_days_waited_needs_an_end_on_or_after_the_start():
    with pytest.raises(SettlementRuleError) as error:
        days_waited(D(2026, 7, 1))
    assert error.value.code is Code.NO_END_DAY
    with pytest.raises(SettlementRuleError) as error:
        days_waited(D(2026, 7, 1), D(2026, 6, 30))
    assert error.value.code is Code.END_BEFORE_START
