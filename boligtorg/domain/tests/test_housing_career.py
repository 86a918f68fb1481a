import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.housing import Period
from boligtorg.domain.housing_career import (
    ASSESSMENT_LEAD_DAYS,
    STEP_ORDER,
    Capacity,
    DecisionAtDate,
    Direction,
    NextStep,
    Stay,
    TenureError,
    TenureKind,
    advised_next_step,
    assessment_due_on,
    assessment_is_due,
    career_timeline,
    condition_review_is_due,
    lease_end_review_due_on,
    lease_end_review_is_due,
    lease_is_transition,
    merge_renewals,
    sensible_next_steps,
    step_direction,
    tenure_error,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
scores = st.integers(1, 4)
capacities = st.builds(Capacity, scores, scores, scores, scores, scores)
AREAS = ("economy", "neighbours", "cleaning", "daily_activity", "network")


def _capacity(**scores: int) -> Capacity:
    return Capacity(**{area: scores.get(area, 4) for area in AREAS})


def test_a_score_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="economy"):
        _capacity(economy=5)


def test_a_household_that_manages_alone_may_buy_with_a_start_loan():
    assert sensible_next_steps(_capacity()) == frozenset(NextStep)
    assert advised_next_step(_capacity()) == NextStep.PURCHASE


def test_a_household_that_needs_a_lot_of_help_in_one_area_is_advised_more_time():
    capacity = _capacity(cleaning=1)
    assert sensible_next_steps(capacity) == {NextStep.PROLONGED}
    assert advised_next_step(capacity) == NextStep.PROLONGED


def test_some_help_with_the_rent_means_a_municipal_dwelling_not_private_rent():
    assert sensible_next_steps(_capacity(economy=2)) == {NextStep.PERMANENT, NextStep.PROLONGED}


def test_a_private_landlord_needs_rent_paid_and_good_neighbours_but_purchase_needs_more():
    capacity = _capacity(economy=3, neighbours=3, network=2)
    assert sensible_next_steps(capacity) == {
        NextStep.PRIVATE_RENT,
        NextStep.PERMANENT,
        NextStep.PROLONGED,
    }


@given(capacities)
def test_prolonging_is_always_sensible(capacity):
    assert NextStep.PROLONGED in sensible_next_steps(capacity)


@given(capacities)
def test_the_steps_are_nested_from_purchase_down_to_prolonged(capacity):
    sensible = sensible_next_steps(capacity)
    for more, less in zip(STEP_ORDER, STEP_ORDER[1:], strict=False):
        assert more not in sensible or less in sensible


@given(capacities, st.sampled_from(AREAS), scores)
def test_a_better_score_never_takes_a_sensible_step_away(capacity, area, raised):
    better = Capacity(**{**capacity.scores(), area: max(raised, capacity.scores()[area])})
    assert sensible_next_steps(capacity) <= sensible_next_steps(better)


@given(capacities)
def test_the_advised_step_is_the_most_independent_sensible_one(capacity):
    advised = advised_next_step(capacity)
    sensible = sensible_next_steps(capacity)
    assert advised in sensible
    assert all(STEP_ORDER.index(advised) <= STEP_ORDER.index(step) for step in sensible)


def test_the_assessment_is_due_sixty_days_before_the_period_ends():
    assert assessment_due_on(D(2026, 6, 30)) == D(2026, 5, 1)
    assert not assessment_is_due(D(2026, 6, 30), D(2026, 4, 30), assessed=False)
    assert assessment_is_due(D(2026, 6, 30), D(2026, 5, 1), assessed=False)
    assert assessment_is_due(D(2026, 6, 30), D(2026, 8, 1), assessed=False)


@given(dates, dates)
def test_a_made_assessment_is_never_due(period_end, today):
    assert not assessment_is_due(period_end, today, assessed=True)


@given(dates, st.integers(0, 400))
def test_an_unmade_assessment_is_due_exactly_from_its_day(period_end, days_before):
    today = period_end - datetime.timedelta(days=days_before)
    assert assessment_is_due(period_end, today, assessed=False) == (
        days_before <= ASSESSMENT_LEAD_DAYS
    )


def test_the_lease_end_review_is_due_in_the_last_three_months_of_the_lease():
    end = D(2026, 12, 31)
    assert lease_end_review_due_on(end) == D(2026, 10, 2)
    assert not lease_end_review_is_due(end, D(2026, 10, 1), reviewed=False)
    assert lease_end_review_is_due(end, D(2026, 10, 2), reviewed=False)
    assert lease_end_review_is_due(end, end, reviewed=False)
    assert not lease_end_review_is_due(end, end + DAY, reviewed=False)
    assert not lease_end_review_is_due(end, D(2026, 11, 1), reviewed=True)


def test_a_condition_review_is_due_from_a_week_before_its_date():
    assert not condition_review_is_due(D(2026, 3, 10), D(2026, 3, 2))
    assert condition_review_is_due(D(2026, 3, 10), D(2026, 3, 3))
    assert condition_review_is_due(D(2026, 3, 10), D(2026, 4, 3))


def test_the_housing_chain_goes_up_from_transition_to_ownership():
    assert step_direction("transition", "municipal") == Direction.UP
    assert step_direction("private_rent", "ownership") == Direction.UP
    assert step_direction("municipal", "temporary_shelter") == Direction.DOWN
    assert step_direction("institution", "with_family") == Direction.SAME


@given(st.sampled_from(list(TenureKind)), st.sampled_from(list(TenureKind)))
def test_a_step_down_is_the_reverse_of_a_step_up(first, second):
    forward, back = step_direction(first, second), step_direction(second, first)
    assert (forward, back) in {
        (Direction.UP, Direction.DOWN),
        (Direction.DOWN, Direction.UP),
        (Direction.SAME, Direction.SAME),
    }


TRANSITION = DecisionAtDate(D(2025, 1, 10), is_transition=True)


def test_the_first_lease_after_a_transition_decision_is_the_transition_dwelling():
    assert lease_is_transition(
        lease_start=D(2025, 2, 1), is_renewal=False, decisions=[TRANSITION], other_lease_starts=[]
    )


def test_a_lease_after_a_later_ordinary_decision_is_not_a_transition_dwelling():
    ordinary = DecisionAtDate(D(2025, 6, 1), is_transition=False)
    assert not lease_is_transition(
        lease_start=D(2025, 7, 1),
        is_renewal=False,
        decisions=[TRANSITION, ordinary],
        other_lease_starts=[D(2025, 2, 1)],
    )


def test_the_permanent_dwelling_after_the_transition_dwelling_is_not_one():
    assert not lease_is_transition(
        lease_start=D(2026, 2, 1),
        is_renewal=False,
        decisions=[TRANSITION],
        other_lease_starts=[D(2025, 2, 1)],
    )


def test_a_renewal_and_a_lease_before_any_decision_are_not_transition_dwellings():
    assert not lease_is_transition(
        lease_start=D(2026, 2, 1), is_renewal=True, decisions=[TRANSITION], other_lease_starts=[]
    )
    assert not lease_is_transition(
        lease_start=D(2024, 2, 1), is_renewal=False, decisions=[TRANSITION], other_lease_starts=[]
    )


def test_a_lease_and_its_renewal_are_one_stay_in_the_career():
    lease = Stay(TenureKind.MUNICIPAL, D(2020, 1, 1), D(2022, 12, 31), "Kongens gate 1", "l1")
    renewal = Stay(TenureKind.MUNICIPAL, D(2023, 1, 1), D(2025, 12, 31), "Kongens gate 1", "l2")
    assert merge_renewals([renewal, lease]) == [
        Stay(TenureKind.MUNICIPAL, D(2020, 1, 1), D(2025, 12, 31), "Kongens gate 1", "l1", 1)
    ]


def test_the_timeline_is_newest_first_with_the_direction_of_each_move():
    shelter = Stay(TenureKind.TEMPORARY_SHELTER, D(2023, 1, 1), D(2023, 3, 31))
    transition = Stay(TenureKind.TRANSITION, D(2023, 4, 1), D(2024, 3, 31), "A")
    municipal = Stay(TenureKind.MUNICIPAL, D(2024, 4, 1), None, "B")
    steps = career_timeline([transition, municipal, shelter])
    assert [step.stay for step in steps] == [municipal, transition, shelter]
    assert [step.direction for step in steps] == [Direction.UP, Direction.UP, None]


stays = st.builds(
    Stay,
    st.sampled_from(list(TenureKind)),
    dates,
    st.none() | dates,
    st.sampled_from(["A", "B"]),
)


@given(st.lists(stays, max_size=8))
def test_merging_never_adds_stays_and_keeps_every_start_day_covered(items):
    merged = merge_renewals(items)
    assert len(merged) <= len(items)
    assert sum(stay.renewals + 1 for stay in merged) == len(items)
    assert [s.start for s in merged] == sorted(s.start for s in merged)


def test_a_tenure_ending_before_it_starts_is_refused():
    assert tenure_error(D(2025, 5, 1), D(2025, 4, 30), []) == (TenureError.END_BEFORE_START, None)


def test_a_tenure_sharing_a_day_with_another_is_refused_and_the_other_is_named():
    other = Period(D(2025, 1, 1), D(2025, 5, 1))
    assert tenure_error(D(2025, 5, 1), None, [other]) == (TenureError.OVERLAP, other)
    assert tenure_error(D(2025, 5, 2), None, [other]) is None


@given(dates, st.none() | dates, dates, st.none() | dates)
def test_an_accepted_tenure_shares_no_day_with_the_others(start, end, other_start, other_end):
    other = Period(other_start, other_end)
    if tenure_error(start, end, [other]) is None:
        assert end is None or end >= start
        new_end = end or D.max
        assert new_end < other_start or (other_end is not None and other_end < start)
