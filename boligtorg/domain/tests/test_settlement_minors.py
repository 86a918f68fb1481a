"""Unaccompanied minors (seed 000, "transition from child to adult"): the 18th birthday,
the end of aftercare, and the list of who needs an adult dwelling within 12 months."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.settlement.errors import Code, SettlementRuleError
from boligtorg.domain.settlement.minors import (
    AftercareRule,
    aftercare_ends,
    birthday,
    eighteenth_birthday,
    needs_adult_dwelling_within,
    transition,
)

D = datetime.date


def test_the_eighteenth_birthday_is_the_same_day_eighteen_years_later():
    assert eighteenth_birthday(D(2009, 6, 14)) == D(2027, 6, 14)


def test_a_leap_day_birth_turns_eighteen_on_the_first_of_march_in_a_common_year():
    assert eighteenth_birthday(D(2008, 2, 29)) == D(2026, 3, 1)


def test_a_leap_day_birth_turns_on_the_leap_day_in_a_leap_year():
    assert birthday(D(2008, 2, 29), 20) == D(2028, 2, 29)


def test_aftercare_in_norway_ends_on_the_25th_birthday():
    assert aftercare_ends(D(2009, 6, 14), country="NO") == D(2034, 6, 14)


def test_aftercare_in_denmark_ends_on_the_23rd_birthday():
    assert aftercare_ends(D(2009, 6, 14), country="DK") == D(2032, 6, 14)


def test_the_aftercare_age_is_data_the_caller_may_change():
    rules = {"NO": AftercareRule("NO", 23, "before 2021")}
    assert aftercare_ends(D(2009, 6, 14), country="NO", rules=rules) == D(2032, 6, 14)


def test_a_country_without_a_rule_is_refused():
    with pytest.raises(SettlementRuleError) as error:
        aftercare_ends(D(2009, 6, 14), country="SE")
    assert error.value.code is Code.NO_AFTERCARE_RULE


def test_a_minor_turning_18_within_twelve_months_needs_an_adult_dwelling():
    assert needs_adult_dwelling_within(D(2009, 12, 8), today=D(2026, 12, 8))
    assert needs_adult_dwelling_within(D(2008, 12, 8), today=D(2026, 3, 1))


def test_a_minor_turning_18_in_a_year_and_a_day_is_not_yet_on_the_list():
    assert not needs_adult_dwelling_within(D(2009, 12, 9), today=D(2026, 12, 8))


def test_a_young_adult_without_an_adult_dwelling_stays_on_the_list():
    assert needs_adult_dwelling_within(D(2006, 1, 1), today=D(2026, 12, 8))


def test_one_with_an_adult_dwelling_is_off_the_list():
    assert not needs_adult_dwelling_within(
        D(2009, 1, 1), today=D(2026, 12, 8), has_adult_dwelling=True
    )


def test_the_window_is_a_parameter():
    assert not needs_adult_dwelling_within(D(2009, 12, 8), today=D(2026, 12, 8), months=6)


def test_the_transition_gathers_the_dates_for_the_list():
    answer = transition(D(2009, 3, 1), D(2026, 12, 8), country="NO")
    assert answer.eighteenth_birthday == D(2027, 3, 1)
    assert answer.aftercare_ends == D(2034, 3, 1)
    assert not answer.adult
    assert answer.needs_adult_dwelling


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)), st.integers(1, 30))
def test_a_birthday_keeps_the_date_or_moves_a_leap_day_to_the_first_of_march(born, years):
    day = birthday(born, years)
    assert day.year == born.year + years
    if (born.month, born.day) == (2, 29):
        assert day in (D(day.year, 2, 29), D(day.year, 3, 1))
    else:
        assert (day.month, day.day) == (born.month, born.day)
