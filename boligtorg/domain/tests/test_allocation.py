import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.allocation import (
    DEFAULT_SITUATION_POINTS,
    BedroomRow,
    Candidate,
    CheckCode,
    EligibilityRules,
    ManualAdjustmentWithoutReason,
    Part,
    PointPart,
    PriorityRules,
    Situation,
    Vacancy,
    eligibility,
    fit,
    is_eligible,
    months_between,
    priority,
    rank,
    rank_for_vacancy,
)
from boligtorg.domain.deadlines import add_months

D = datetime.date
TODAY = D(2026, 6, 15)

GROUP_POINTS = {"refugee": 40, "disabled": 30, "youth": 20, "elderly": 0}
RULES = PriorityRules(situation_points=DEFAULT_SITUATION_POINTS, target_group_points=GROUP_POINTS)
ELIGIBILITY = EligibilityRules()

AREAS = ["grorud", "furuset", "stovner", "romsås"]
GROUPS = [*GROUP_POINTS, "unknown_group"]

dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
waiting_dates = st.dates(min_value=D(2016, 1, 1), max_value=TODAY)
situations = st.sampled_from(list(Situation))
groups = st.frozensets(st.sampled_from(GROUPS), max_size=3)
areas = st.frozensets(st.sampled_from(AREAS), max_size=2)


@st.composite
def candidates(draw, id=None, needs=True):
    """Households on the waiting list; with ``needs=False`` only what gives points varies."""
    manual = draw(st.integers(-30, 30))
    candidate = Candidate(
        id=draw(st.integers(1, 10_000)) if id is None else id,
        situation=draw(situations),
        waiting_since=draw(waiting_dates),
        children=draw(st.integers(0, 6)),
        target_groups=draw(groups),
        urgent=draw(st.booleans()),
        manual_points=manual,
        manual_reason="Assessed by the meeting" if manual else "",
    )
    if not needs:
        return candidate
    return dataclasses.replace(
        candidate,
        household_size=draw(st.integers(1, 9)),
        min_bedrooms=draw(st.sampled_from([0, 0, 0, 1, 2, 3])),
        needs_wheelchair=draw(st.booleans()),
        needs_step_free=draw(st.booleans()),
        has_pets=draw(st.booleans()),
        wanted_areas=draw(areas),
        excluded_areas=draw(areas),
        accepts_shared_house=draw(st.booleans()),
    )


@st.composite
def waiting_lists(draw, min_size=1, max_size=10, needs=False):
    ids = draw(st.lists(st.integers(1, 10_000), min_size=min_size, max_size=max_size, unique=True))
    return [draw(candidates(id=i, needs=needs)) for i in ids]


vacancies = st.builds(
    Vacancy,
    id=st.just(1),
    bedrooms=st.integers(0, 7),
    wheelchair_accessible=st.booleans(),
    step_free=st.booleans(),
    pets_allowed=st.booleans(),
    area=st.sampled_from(["", *AREAS]),
    reserved_for=st.frozensets(st.sampled_from(GROUPS), max_size=2),
    shared_house=st.booleans(),
)


def person(**changes):
    """A plain single applicant without special needs, waiting since 2025."""
    return dataclasses.replace(
        Candidate(id=1, situation=Situation.UNSUITABLE, waiting_since=D(2025, 6, 15)), **changes
    )


def parts_by_kind(prio):
    return {part.part: part for part in prio.parts}


# --- priority ---------------------------------------------------------------------------


@given(candidates())
def test_the_total_is_the_sum_of_the_parts_and_each_kind_appears_once(candidate):
    prio = priority(candidate, RULES, TODAY)
    assert prio.total == sum(part.points for part in prio.parts)
    kinds = [part.part for part in prio.parts]
    assert len(kinds) == len(set(kinds))
    assert kinds[0] is Part.SITUATION


@given(candidates())
def test_without_dwelling_outranks_at_risk_outranks_unsuitable(candidate):
    def total(situation):
        return priority(dataclasses.replace(candidate, situation=situation), RULES, TODAY).total

    without = total(Situation.WITHOUT_DWELLING)
    at_risk = total(Situation.AT_RISK)
    unsuitable = total(Situation.UNSUITABLE)
    assert without > at_risk > unsuitable


def test_the_situation_part_names_the_situation():
    part = parts_by_kind(priority(person(situation=Situation.AT_RISK), RULES, TODAY))
    assert part[Part.SITUATION] == PointPart(Part.SITUATION, 60, "at_risk")


@pytest.mark.parametrize(
    ("waiting_since", "points", "months"),
    [
        (TODAY, 0, "0"),
        (D(2026, 5, 15), 2, "1"),
        (D(2026, 5, 16), 0, "0"),
        (D(2025, 6, 15), 24, "12"),
        (D(2024, 6, 15), 48, "24"),
        (D(2024, 5, 15), 48, "25"),
        (D(2016, 6, 15), 48, "120"),
    ],
)
def test_waiting_points_are_two_a_month_up_to_the_cap(waiting_since, points, months):
    part = parts_by_kind(priority(person(waiting_since=waiting_since), RULES, TODAY))
    # The months are shown even when the points are capped.
    assert part[Part.WAITING] == PointPart(Part.WAITING, points, months)


@given(waiting_dates, st.integers(0, 3000))
def test_waiting_points_never_fall_as_time_passes_and_never_pass_the_cap(since, days):
    candidate = person(waiting_since=since)
    earlier = parts_by_kind(priority(candidate, RULES, TODAY))[Part.WAITING].points
    later_day = TODAY + datetime.timedelta(days=days)
    later = parts_by_kind(priority(candidate, RULES, later_day))[Part.WAITING].points
    assert earlier <= later <= RULES.max_waiting_points


def test_a_waiting_date_in_the_future_gives_no_points_rather_than_negative_ones():
    part = parts_by_kind(priority(person(waiting_since=D(2027, 1, 1)), RULES, TODAY))
    assert part[Part.WAITING].points == 0


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2027, 1, 31), D(2027, 2, 28), 0),
        (D(2027, 1, 31), D(2027, 3, 1), 1),
        (D(2028, 1, 31), D(2028, 2, 29), 0),
        (D(2028, 1, 31), D(2028, 3, 1), 1),
        (D(2028, 2, 29), D(2028, 3, 29), 1),
        # A full year from a leap day needs the day of the month to come round again.
        (D(2028, 2, 29), D(2029, 2, 28), 11),
        (D(2028, 2, 29), D(2029, 3, 1), 12),
        (D(2027, 3, 31), D(2027, 4, 30), 0),
        (D(2027, 1, 15), D(2027, 2, 14), 0),
        (D(2027, 1, 15), D(2027, 2, 15), 1),
        (D(2026, 12, 15), D(2027, 1, 15), 1),
        (D(2027, 1, 15), D(2027, 1, 15), 0),
        (D(2027, 2, 15), D(2027, 1, 15), 0),
    ],
)
def test_months_between_counts_whole_calendar_months(start, end, months):
    assert months_between(start, end) == months


@given(dates, dates)
def test_months_between_grows_by_at_most_one_a_day(start, end):
    here = months_between(start, end)
    tomorrow = months_between(start, end + datetime.timedelta(days=1))
    assert 0 <= here <= tomorrow <= here + 1


@given(dates.filter(lambda day: day.day <= 28), st.integers(1, 240))
def test_months_between_counts_a_month_on_the_same_day_of_the_month(start, months):
    end = add_months(start, months)
    assert months_between(start, end) == months
    assert months_between(start, end - datetime.timedelta(days=1)) == months - 1


def test_only_the_highest_target_group_counts():
    candidate = person(target_groups=frozenset({"youth", "refugee", "disabled"}))
    prio = priority(candidate, RULES, TODAY)
    group_parts = [part for part in prio.parts if part.part is Part.TARGET_GROUP]
    assert group_parts == [PointPart(Part.TARGET_GROUP, 40, "refugee")]


def test_a_target_group_without_points_in_the_rule_set_gives_none():
    prio = priority(person(target_groups=frozenset({"unknown_group"})), RULES, TODAY)
    assert parts_by_kind(prio)[Part.TARGET_GROUP].points == 0


@given(groups.filter(bool))
def test_more_target_groups_never_add_up(target_groups):
    prio = priority(person(target_groups=target_groups), RULES, TODAY)
    group_parts = [part for part in prio.parts if part.part is Part.TARGET_GROUP]
    assert len(group_parts) == 1
    assert group_parts[0].points == max(GROUP_POINTS.get(code, 0) for code in target_groups)
    assert group_parts[0].quantity in target_groups


@pytest.mark.parametrize(("children", "points"), [(1, 10), (2, 20), (3, 30), (4, 30), (7, 30)])
def test_children_give_ten_points_each_up_to_thirty(children, points):
    part = parts_by_kind(priority(person(children=children), RULES, TODAY))
    assert part[Part.CHILDREN] == PointPart(Part.CHILDREN, points, str(children))


def test_a_household_without_children_has_no_children_part():
    assert Part.CHILDREN not in parts_by_kind(priority(person(), RULES, TODAY))


@given(candidates())
def test_urgency_adds_exactly_the_urgency_points(candidate):
    calm = priority(dataclasses.replace(candidate, urgent=False), RULES, TODAY)
    urgent = priority(dataclasses.replace(candidate, urgent=True), RULES, TODAY)
    assert urgent.total - calm.total == RULES.urgency_points
    assert Part.URGENCY not in parts_by_kind(calm)
    assert parts_by_kind(urgent)[Part.URGENCY].points == RULES.urgency_points


@pytest.mark.parametrize("points", [15, -10])
@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_manual_adjustment_without_a_reason_is_refused(points, reason):
    with pytest.raises(ManualAdjustmentWithoutReason):
        priority(person(manual_points=points, manual_reason=reason), RULES, TODAY)


def test_a_manual_adjustment_with_a_reason_is_shown_as_a_part():
    reason = "Violence in the current dwelling, police report attached"
    plain = priority(person(), RULES, TODAY)
    adjusted = priority(person(manual_points=25, manual_reason=reason), RULES, TODAY)
    assert parts_by_kind(adjusted)[Part.MANUAL] == PointPart(Part.MANUAL, 25, reason)
    assert adjusted.total == plain.total + 25


def test_no_adjustment_needs_no_reason():
    assert Part.MANUAL not in parts_by_kind(priority(person(), RULES, TODAY))


def test_one_adjustment_without_a_reason_stops_the_whole_waiting_list():
    bad = person(id=2, manual_points=10)
    with pytest.raises(ManualAdjustmentWithoutReason):
        rank([person(id=1), bad], RULES, TODAY)


# --- rank ---------------------------------------------------------------------------------


def _key(ranked):
    return (-ranked.priority.total, ranked.candidate.waiting_since, ranked.candidate.id)


@given(waiting_lists())
def test_the_waiting_list_is_ranked_one_to_n_by_points_then_wait_then_id(waiting_list):
    ranked = rank(waiting_list, RULES, TODAY)
    assert [r.rank for r in ranked] == list(range(1, len(waiting_list) + 1))
    assert sorted(r.candidate.id for r in ranked) == sorted(c.id for c in waiting_list)
    for ahead, behind in zip(ranked, ranked[1:], strict=False):
        assert _key(ahead) < _key(behind)


@given(st.data())
def test_the_order_does_not_depend_on_the_input_order(data):
    waiting_list = data.draw(waiting_lists())
    shuffled = data.draw(st.permutations(waiting_list))
    first = [r.candidate.id for r in rank(waiting_list, RULES, TODAY)]
    second = [r.candidate.id for r in rank(shuffled, RULES, TODAY)]
    assert first == second


@given(st.data())
def test_adding_points_never_lowers_a_rank_nor_lets_anyone_past(data):
    waiting_list = data.draw(waiting_lists())
    index = data.draw(st.integers(0, len(waiting_list) - 1))
    chosen = waiting_list[index]
    if data.draw(st.booleans()):
        raised = dataclasses.replace(
            chosen,
            manual_points=chosen.manual_points + data.draw(st.integers(1, 200)),
            manual_reason="Reassessed by the meeting",
        )
    else:
        raised = dataclasses.replace(chosen, urgent=True)
    before = rank(waiting_list, RULES, TODAY)
    after = rank([*waiting_list[:index], raised, *waiting_list[index + 1 :]], RULES, TODAY)

    def position(ranking):
        return next(r.rank for r in ranking if r.candidate.id == chosen.id)

    def ahead_of_chosen(ranking):
        return {r.candidate.id for r in ranking[: position(ranking) - 1]}

    assert position(after) <= position(before)
    assert ahead_of_chosen(after) <= ahead_of_chosen(before)


def test_equal_points_go_to_the_longest_wait_then_the_lowest_id():
    # Both have waited past the cap, so their points are equal.
    longest = person(id=30, waiting_since=D(2018, 1, 1))
    long_low_id = person(id=10, waiting_since=D(2019, 1, 1))
    long_high_id = person(id=20, waiting_since=D(2019, 1, 1))
    ranked = rank([long_high_id, long_low_id, longest], RULES, TODAY)
    assert len({r.priority.total for r in ranked}) == 1
    assert [r.candidate.id for r in ranked] == [30, 10, 20]


def test_more_points_beat_a_longer_wait():
    veteran = person(id=1, waiting_since=D(2016, 1, 1))
    newcomer = person(id=2, waiting_since=TODAY, situation=Situation.WITHOUT_DWELLING)
    assert [r.candidate.id for r in rank([veteran, newcomer], RULES, TODAY)] == [2, 1]


# --- eligibility --------------------------------------------------------------------------


def size_check(candidate, bedrooms):
    checks = eligibility(candidate, Vacancy(id=1, bedrooms=bedrooms), ELIGIBILITY)
    return next(check for check in checks if check.code is CheckCode.SIZE)


@pytest.mark.parametrize(
    ("persons", "allowed"),
    [
        (1, {0, 1}),
        (2, {1, 2}),
        (3, {2, 3}),
        (4, {2, 3, 4}),
        (5, {3, 4, 5}),
        (6, {3, 4, 5, 6}),
        # The last row applies to bigger households.
        (7, {3, 4, 5, 6}),
        (11, {3, 4, 5, 6}),
    ],
)
def test_the_bedroom_table_decides_the_size(persons, allowed):
    candidate = person(household_size=persons)
    offered = {b for b in range(10) if size_check(candidate, b).passed}
    assert offered == allowed


def test_the_size_check_explains_the_range_and_the_offer():
    check = size_check(person(household_size=2), 3)
    assert (check.passed, check.required, check.offered) == (False, "1–2", "3")


@pytest.mark.parametrize(
    ("persons", "min_bedrooms", "allowed"),
    [
        (1, 1, {1}),
        (1, 2, {2}),  # a floor above the table's ceiling leaves exactly the floor
        (3, 3, {3}),
        (4, 3, {3, 4}),
        (4, 1, {2, 3, 4}),  # a floor below the table's changes nothing
    ],
)
def test_an_applicants_own_minimum_raises_the_floor(persons, min_bedrooms, allowed):
    candidate = person(household_size=persons, min_bedrooms=min_bedrooms)
    offered = {b for b in range(10) if size_check(candidate, b).passed}
    assert offered == allowed


def test_a_custom_bedroom_table_need_not_be_sorted_and_covers_small_households():
    rules = EligibilityRules(bedroom_table=(BedroomRow(3, 2, 2), BedroomRow(1, 1, 1)))
    assert rules.bedroom_range(0) == (1, 1)
    assert rules.bedroom_range(2) == (1, 1)
    assert rules.bedroom_range(9) == (2, 2)


def codes(candidate, vacancy):
    return {check.code: check.passed for check in eligibility(candidate, vacancy, ELIGIBILITY)}


def test_a_wheelchair_user_needs_a_wheelchair_accessible_dwelling():
    user = person(needs_wheelchair=True)
    assert codes(user, Vacancy(1, 1))[CheckCode.WHEELCHAIR] is False
    assert codes(user, Vacancy(1, 1, step_free=True))[CheckCode.WHEELCHAIR] is False
    assert codes(user, Vacancy(1, 1, wheelchair_accessible=True))[CheckCode.WHEELCHAIR] is True
    assert CheckCode.WHEELCHAIR not in codes(person(), Vacancy(1, 1))


@pytest.mark.parametrize(
    ("step_free", "wheelchair_accessible", "passed"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_wheelchair_accessible_dwelling_counts_as_step_free(
    step_free, wheelchair_accessible, passed
):
    vacancy = Vacancy(1, 1, step_free=step_free, wheelchair_accessible=wheelchair_accessible)
    assert codes(person(needs_step_free=True), vacancy)[CheckCode.STEP_FREE] is passed


def test_pets_need_a_dwelling_that_allows_them():
    owner = person(has_pets=True)
    assert codes(owner, Vacancy(1, 1))[CheckCode.PETS] is False
    assert codes(owner, Vacancy(1, 1, pets_allowed=True))[CheckCode.PETS] is True
    assert CheckCode.PETS not in codes(person(), Vacancy(1, 1))


def test_an_excluded_area_is_never_offered():
    candidate = person(excluded_areas=frozenset({"grorud", "romsås"}))
    excluded = eligibility(candidate, Vacancy(1, 1, area="grorud"), ELIGIBILITY)
    check = next(check for check in excluded if check.code is CheckCode.EXCLUDED_AREA)
    assert (check.passed, check.required, check.offered) == (False, "grorud, romsås", "grorud")
    assert codes(candidate, Vacancy(1, 1, area="furuset"))[CheckCode.EXCLUDED_AREA] is True


@pytest.mark.parametrize(
    ("target_groups", "passed"),
    [({"refugee"}, True), ({"youth", "refugee"}, True), ({"youth"}, False), (set(), False)],
)
def test_a_reserved_dwelling_needs_an_overlapping_target_group(target_groups, passed):
    candidate = person(target_groups=frozenset(target_groups))
    vacancy = Vacancy(1, 1, reserved_for=frozenset({"refugee", "disabled"}))
    assert codes(candidate, vacancy)[CheckCode.RESERVED] is passed


def test_a_dwelling_reserved_for_nobody_is_open_to_everyone():
    assert CheckCode.RESERVED not in codes(person(), Vacancy(1, 1))


def test_a_shared_house_only_for_those_who_accept_one():
    vacancy = Vacancy(1, 1, shared_house=True)
    assert codes(person(accepts_shared_house=True), vacancy)[CheckCode.SHARED_HOUSE] is True
    assert codes(person(), vacancy)[CheckCode.SHARED_HOUSE] is False
    assert CheckCode.SHARED_HOUSE not in codes(person(), Vacancy(1, 1))


@given(candidates(), vacancies)
def test_the_checks_come_in_display_order_with_the_size_first(candidate, vacancy):
    shown = [check.code for check in eligibility(candidate, vacancy, ELIGIBILITY)]
    order = list(CheckCode)
    assert shown[0] is CheckCode.SIZE
    assert shown == sorted(shown, key=order.index)
    assert len(shown) == len(set(shown))


@given(candidates(), vacancies)
def test_a_better_equipped_open_dwelling_never_turns_an_eligible_household_away(candidate, vacancy):
    better = dataclasses.replace(
        vacancy,
        wheelchair_accessible=True,
        step_free=True,
        pets_allowed=True,
        reserved_for=frozenset(),
        shared_house=False,
    )
    if is_eligible(eligibility(candidate, vacancy, ELIGIBILITY)):
        assert is_eligible(eligibility(candidate, better, ELIGIBILITY))


# --- rank_for_vacancy ---------------------------------------------------------------------


@given(waiting_lists(min_size=0, needs=True), vacancies)
def test_the_ineligible_never_appear_among_the_eligible(waiting_list, vacancy):
    result = rank_for_vacancy(waiting_list, vacancy, RULES, ELIGIBILITY, TODAY)
    for ranked in result.eligible:
        assert ranked.checks == eligibility(ranked.candidate, vacancy, ELIGIBILITY)
        assert all(check.passed for check in ranked.checks)
    for ranked in result.ineligible:
        assert ranked.checks == eligibility(ranked.candidate, vacancy, ELIGIBILITY)
        assert any(not check.passed for check in ranked.checks)
        assert ranked.rank == 0
    eligible_ids = [r.candidate.id for r in result.eligible]
    ineligible_ids = [r.candidate.id for r in result.ineligible]
    assert sorted(eligible_ids + ineligible_ids) == sorted(c.id for c in waiting_list)


@given(waiting_lists(min_size=0, needs=True), vacancies)
def test_the_eligible_are_ranked_one_to_n_in_waiting_list_order(waiting_list, vacancy):
    result = rank_for_vacancy(waiting_list, vacancy, RULES, ELIGIBILITY, TODAY)
    assert [r.rank for r in result.eligible] == list(range(1, len(result.eligible) + 1))
    eligible_ids = {r.candidate.id for r in result.eligible}
    in_list_order = [
        r.candidate.id for r in rank(waiting_list, RULES, TODAY) if r.candidate.id in eligible_ids
    ]
    assert [r.candidate.id for r in result.eligible] == in_list_order
    # The points shown are the waiting list's, not recomputed differently per dwelling.
    for ranked in result.eligible + result.ineligible:
        assert ranked.priority == priority(ranked.candidate, RULES, TODAY)


def test_the_top_of_the_list_is_skipped_when_the_dwelling_does_not_suit_them():
    first = person(id=1, situation=Situation.WITHOUT_DWELLING, needs_wheelchair=True)
    second = person(id=2, situation=Situation.AT_RISK)
    third = person(id=3)
    result = rank_for_vacancy([third, first, second], Vacancy(9, 1), RULES, ELIGIBILITY, TODAY)
    assert [(r.candidate.id, r.rank) for r in result.eligible] == [(2, 1), (3, 2)]
    assert [r.candidate.id for r in result.ineligible] == [1]
    failed = [c.code for c in result.ineligible[0].checks if not c.passed]
    assert failed == [CheckCode.WHEELCHAIR]


# --- fit ----------------------------------------------------------------------------------


@given(candidates(), vacancies)
def test_fit_is_between_0_and_100(candidate, vacancy):
    assert 0 <= fit(candidate, vacancy, ELIGIBILITY) <= 100


@given(candidates(), vacancies, st.sampled_from(AREAS))
def test_a_wanted_area_fits_better_than_an_unwanted_one(candidate, vacancy, area):
    candidate = dataclasses.replace(candidate, wanted_areas=candidate.wanted_areas | {area})
    unwanted = [a for a in ["", *AREAS] if a not in candidate.wanted_areas]
    for other in unwanted:
        wanted_fit = fit(candidate, dataclasses.replace(vacancy, area=area), ELIGIBILITY)
        other_fit = fit(candidate, dataclasses.replace(vacancy, area=other), ELIGIBILITY)
        assert wanted_fit > other_fit


@given(candidates(), vacancies)
def test_the_smallest_allowed_size_fits_best(candidate, vacancy):
    allowed = [b for b in range(10) if size_check(candidate, b).passed]
    fits = [fit(candidate, dataclasses.replace(vacancy, bedrooms=b), ELIGIBILITY) for b in allowed]
    assert all(fits[0] > later for later in fits[1:])
    assert fits == sorted(fits, reverse=True)


@given(candidates(), vacancies)
def test_a_wheelchair_dwelling_fits_those_who_need_it_better(candidate, vacancy):
    accessible = dataclasses.replace(vacancy, wheelchair_accessible=True)
    needs = fit(dataclasses.replace(candidate, needs_wheelchair=True), accessible, ELIGIBILITY)
    not_needs = fit(dataclasses.replace(candidate, needs_wheelchair=False), accessible, ELIGIBILITY)
    assert needs > not_needs


def test_a_household_that_named_no_area_is_between_wanted_and_unwanted():
    vacancy = Vacancy(1, 0, area="grorud")
    wanted = fit(person(wanted_areas=frozenset({"grorud"})), vacancy, ELIGIBILITY)
    neutral = fit(person(), vacancy, ELIGIBILITY)
    unwanted = fit(person(wanted_areas=frozenset({"furuset"})), vacancy, ELIGIBILITY)
    assert wanted > neutral > unwanted
    assert wanted == 100


def test_a_dwelling_of_the_applicants_own_minimum_is_not_scored_as_too_big():
    # A single person with a documented need for two bedrooms (e.g. a night carer).
    needs_two = fit(person(min_bedrooms=2), Vacancy(1, 2), ELIGIBILITY)
    assert needs_two == fit(person(), Vacancy(1, 0), ELIGIBILITY)
