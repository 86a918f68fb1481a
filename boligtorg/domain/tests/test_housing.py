import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.housing import (
    DWELLING_TRANSITIONS,
    DwellingStatus,
    Period,
    allocation_right_due,
    becomes_vacant_soon,
    check_dwelling_transition,
    co_op_share_exceeds_limit,
    expiry_reminder_dates,
    first_overlap,
    is_valid_org_number,
    is_valid_unit_number,
    lease_end,
    lease_months,
    normalise_unit_number,
    periods_overlap,
    reminder_due,
    vacancies_until_next_due,
)
from boligtorg.domain.lifecycle import ForbiddenTransition

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2060, 12, 31))
D = datetime.date


@pytest.mark.parametrize("value", ["H0101", "U0102", "L0301", "K0001", "H9999"])
def test_a_unit_number_in_kobos_format_is_valid(value):
    assert is_valid_unit_number(value)


@pytest.mark.parametrize("value", ["", "H101", "H01011", "X0101", "h0101", "0101", "H01A1"])
def test_a_unit_number_in_another_format_is_refused(value):
    assert not is_valid_unit_number(value)


def test_a_unit_number_is_normalised_to_upper_case_without_spaces():
    assert normalise_unit_number(" h 0101 ") == "H0101"


@given(st.sampled_from("HULK"), st.integers(0, 9999))
def test_every_letter_with_four_digits_is_a_valid_unit_number(letter, number):
    assert is_valid_unit_number(f"{letter}{number:04d}")


def test_org_numbers_are_checked_by_country():
    assert is_valid_org_number("NO", "974760673")
    assert not is_valid_org_number("NO", "974760674")
    assert is_valid_org_number("DK", "13585628")
    assert not is_valid_org_number("DK", "13585627")


@pytest.mark.parametrize(
    ("current", "target"),
    sorted((a, b) for a, targets in DWELLING_TRANSITIONS.items() for b in targets),
)
def test_every_allowed_dwelling_transition_is_accepted(current, target):
    assert check_dwelling_transition(current, target) is target


@pytest.mark.parametrize(
    ("current", "target"),
    sorted(
        set(itertools.product(DwellingStatus, DwellingStatus))
        - {(a, b) for a, targets in DWELLING_TRANSITIONS.items() for b in targets}
    ),
)
def test_every_other_dwelling_transition_is_refused(current, target):
    with pytest.raises(ForbiddenTransition):
        check_dwelling_transition(current, target)


def test_a_three_year_lease_from_the_first_ends_on_the_last_day_before():
    assert lease_end(D(2025, 3, 1), 36) == D(2028, 2, 29)


@given(dates, st.integers(1, 120))
def test_lease_months_is_the_inverse_of_lease_end(start, months):
    assert lease_months(start, lease_end(start, months)) == months


@given(dates, st.integers(0, 2000), dates, st.integers(0, 2000))
def test_overlap_is_symmetric_and_matches_shared_days(s1, l1, s2, l2):
    a = Period(s1, s1 + datetime.timedelta(days=l1))
    b = Period(s2, s2 + datetime.timedelta(days=l2))
    days_a = {a.start + datetime.timedelta(days=n) for n in range(l1 + 1)}
    shares_a_day = b.start <= max(days_a) and min(days_a) <= b.end
    assert periods_overlap(a, b) is periods_overlap(b, a) is shares_a_day


def test_a_lease_may_start_the_day_after_the_previous_ended_but_not_on_its_last_day():
    previous = Period(D(2025, 1, 1), D(2027, 12, 31))
    assert not periods_overlap(previous, Period(D(2028, 1, 1), D(2030, 12, 31)))
    assert periods_overlap(previous, Period(D(2027, 12, 31), D(2030, 12, 31)))


def test_an_open_period_overlaps_everything_after_its_start():
    assert periods_overlap(Period(D(2025, 1, 1), None), Period(D(2090, 1, 1), D(2090, 2, 1)))
    assert not periods_overlap(Period(D(2025, 1, 1), None), Period(D(2024, 1, 1), D(2024, 12, 31)))


def test_first_overlap_names_the_lease_in_the_way():
    existing = [Period(D(2020, 1, 1), D(2022, 12, 31)), Period(D(2023, 1, 1), D(2025, 12, 31))]
    assert first_overlap(Period(D(2024, 6, 1), D(2027, 5, 31)), existing) == existing[1]
    assert first_overlap(Period(D(2026, 1, 1), D(2028, 12, 31)), existing) is None


@pytest.mark.parametrize(
    ("reported", "every", "received", "due"),
    [(0, 4, 0, 0), (3, 4, 0, 0), (4, 4, 0, 1), (12, 6, 0, 2), (12, 6, 1, 1), (12, 6, 5, 0)],
)
def test_the_allocation_right_counts_every_nth_vacancy(reported, every, received, due):
    assert allocation_right_due(reported, every, received) == due


@given(st.integers(0, 10_000), st.integers(1, 20), st.integers(0, 100))
def test_dwellings_due_never_go_negative_and_grow_with_vacancies(reported, every, received):
    due = allocation_right_due(reported, every, received)
    assert due >= 0
    assert allocation_right_due(reported + every, every, received) >= due
    assert 1 <= vacancies_until_next_due(reported, every) <= every


def test_skanderborg_gets_its_next_dwelling_after_six_vacancies():
    assert vacancies_until_next_due(0, 6) == 6
    assert vacancies_until_next_due(5, 6) == 1


def test_an_allocation_right_of_zero_is_a_programming_error():
    with pytest.raises(ValueError):
        allocation_right_due(4, 0, 0)


@pytest.mark.parametrize(
    ("municipal", "total", "statutes_allow_20", "exceeds"),
    [
        (1, 5, False, False),  # the one unit public owners may always hold
        (1, 9, False, False),
        (2, 9, False, True),  # 22 %: above 10 % and above one
        (2, 20, False, False),  # exactly 10 %
        (3, 20, False, True),
        (3, 20, True, False),
        (4, 20, True, False),  # exactly 20 %
        (5, 20, True, True),
        (1, 10, False, False),
        (2, 19, False, True),
        (1, 4, False, True),  # under five units the percentage alone decides
        (1, 4, True, True),
        (0, 4, False, False),
    ],
)
def test_public_owners_may_hold_one_unit_and_ten_or_twenty_percent_of_a_co_op(
    municipal, total, statutes_allow_20, exceeds
):
    assert (
        co_op_share_exceeds_limit(municipal, total, statutes_allow_twenty_percent=statutes_allow_20)
        is exceeds
    )


@given(st.integers(0, 1000), st.integers(1, 1000), st.booleans())
def test_the_co_op_limit_agrees_with_the_percentage_or_the_one_unit(municipal, total, twenty):
    limit = 0.20 if twenty else 0.10
    allowed = municipal / total <= limit or (municipal == 1 and total >= 5)
    assert co_op_share_exceeds_limit(municipal, total, statutes_allow_twenty_percent=twenty) is (
        not allowed
    )


def test_reminders_fall_six_and_three_months_before_the_end():
    assert expiry_reminder_dates(D(2028, 2, 29)) == {6: D(2027, 8, 29), 3: D(2027, 11, 29)}


@given(dates, dates)
def test_the_reminder_due_is_the_nearest_whose_day_has_come(end, today):
    due = reminder_due(end, today)
    if today > end or today < expiry_reminder_dates(end)[6]:
        assert due is None
    else:
        months, day = due
        assert day <= today
        assert months == (3 if today >= expiry_reminder_dates(end)[3] else 6)


def test_a_lease_ending_within_ninety_days_becomes_vacant_soon():
    today = D(2025, 1, 1)
    assert becomes_vacant_soon(D(2025, 3, 31), today)
    assert not becomes_vacant_soon(D(2025, 4, 2), today)
    assert not becomes_vacant_soon(D(2024, 12, 31), today)
