"""integrationsloven § 4, stk. 2: the Danish municipality's responsibility for a
refugee starts at the end of the first whole month after the placement decision."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.deadlines import add_months, is_working_day
from boligtorg.domain.settlement.errors import Code, SettlementRuleError
from boligtorg.domain.settlement.responsibility import responsibility, responsibility_date

D = datetime.date


@pytest.mark.parametrize(
    ("decided_on", "expected"),
    [
        (D(2026, 5, 15), D(2026, 7, 1)),  # the law's own example; 1 July 2026 is a Wednesday
        (D(2026, 5, 1), D(2026, 7, 1)),  # the decision day is not "after" the decision
        (D(2026, 5, 31), D(2026, 7, 1)),
        (D(2026, 4, 30), D(2026, 6, 1)),  # Monday
        (D(2026, 1, 31), D(2026, 3, 2)),  # 1 March 2026 is a Sunday
    ],
)
def test_responsibility_starts_after_the_first_whole_month(decided_on, expected):
    assert responsibility_date(decided_on) == expected


def test_a_november_decision_crosses_the_year_to_the_first_working_day_of_january():
    # 1 January 2027 (New Year's Day) is a Friday: the weekend follows, so Monday 4th.
    assert responsibility_date(D(2026, 11, 15)) == D(2027, 1, 4)


def test_a_december_decision_gives_february_of_the_next_year():
    assert responsibility_date(D(2026, 12, 31)) == D(2027, 2, 1)


def test_new_years_day_on_a_saturday_moves_to_monday_the_third():
    assert responsibility_date(D(2021, 11, 1)) == D(2022, 1, 3)


def test_a_first_on_a_saturday_moves_to_monday():
    assert responsibility_date(D(2027, 3, 10)) == D(2027, 5, 3)  # 1 May 2027 is a Saturday


def test_a_first_on_a_sunday_moves_to_monday():
    assert responsibility_date(D(2027, 6, 10)) == D(2027, 8, 2)  # 1 August 2027 is a Sunday


def test_easter_monday_on_the_first_moves_to_tuesday():
    assert responsibility_date(D(2024, 2, 14)) == D(2024, 4, 2)  # 1 April 2024 Easter Monday


def test_maundy_thursday_on_the_first_moves_past_the_whole_easter():
    # 1 April 2021 Maundy Thursday, 2nd Good Friday, weekend, 5th Easter Monday.
    start = responsibility(D(2021, 2, 3))
    assert start.day == D(2021, 4, 6)
    assert start.moved_for_day_off
    assert start.statutory_first == D(2021, 4, 1)


def test_ascension_day_on_the_first_moves_to_the_next_day():
    assert responsibility_date(D(2008, 3, 20)) == D(2008, 5, 2)  # 1 May 2008 Ascension


def test_whit_monday_on_the_first_moves_to_the_next_day():
    assert responsibility_date(D(2009, 4, 1)) == D(2009, 6, 2)  # 1 June 2009 Whit Monday


def test_consent_lets_the_municipality_take_over_earlier():
    start = responsibility(D(2026, 5, 15), consented_from=D(2026, 6, 1))
    assert start.day == D(2026, 6, 1)
    assert start.by_consent
    assert start.statutory == D(2026, 7, 1)


def test_consent_on_the_decision_day_itself_is_allowed():
    assert responsibility_date(D(2026, 5, 15), consented_from=D(2026, 5, 15)) == D(2026, 5, 15)


def test_a_consented_day_after_the_statutory_day_changes_nothing():
    start = responsibility(D(2026, 5, 15), consented_from=D(2026, 8, 1))
    assert start.day == D(2026, 7, 1)
    assert not start.by_consent


def test_consent_before_the_decision_is_refused():
    with pytest.raises(SettlementRuleError) as error:
        responsibility_date(D(2026, 5, 15), consented_from=D(2026, 5, 14))
    assert error.value.code is Code.CONSENT_BEFORE_DECISION


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))


@given(days)
def test_without_consent_the_start_is_a_danish_working_day(decided_on):
    assert is_working_day(responsibility_date(decided_on), "DK")


@given(days)
def test_the_start_is_in_the_second_month_after_the_decision(decided_on):
    start = responsibility_date(decided_on)
    second_month = add_months(decided_on.replace(day=1), 2)
    assert start > decided_on
    assert (start.year, start.month) == (second_month.year, second_month.month)
    assert start.day <= 7  # the longest run of days off on a 1st is Easter's five


@given(days, st.integers(min_value=0, max_value=80))
def test_with_consent_the_start_is_never_before_the_decision_nor_after_the_statutory_day(
    decided_on, offset
):
    consented = decided_on + datetime.timedelta(days=offset)
    start = responsibility(decided_on, consented_from=consented)
    assert decided_on <= start.day <= start.statutory
    assert start.day == min(consented, start.statutory)
