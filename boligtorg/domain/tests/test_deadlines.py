import datetime

from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.deadlines import (
    add_months,
    appeal_deadline,
    interim_notice_due,
    is_appeal_late,
    is_working_day,
    next_working_day,
)

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2050, 12, 31))
countries = st.sampled_from(["NO", "DK"])


@given(received=dates, country=countries)
def test_the_appeal_deadline_is_three_weeks_or_the_next_working_day(received, country):
    deadline = appeal_deadline(received, country)
    three_weeks = received + datetime.timedelta(weeks=3)
    assert deadline >= three_weeks
    assert is_working_day(deadline, country)
    # Every day between three weeks and the deadline is a day off.
    day = three_weeks
    while day < deadline:
        assert not is_working_day(day, country)
        day += datetime.timedelta(days=1)


@given(received=dates, country=countries)
def test_an_appeal_on_the_deadline_is_in_time_and_the_day_after_is_late(received, country):
    deadline = appeal_deadline(received, country)
    assert not is_appeal_late(received, deadline, country)
    assert is_appeal_late(received, deadline + datetime.timedelta(days=1), country)


@given(received=dates)
def test_the_interim_notice_is_due_a_month_later_on_a_working_day(received):
    due = interim_notice_due(received)
    assert is_working_day(due)
    assert due >= add_months(received, 1)
    assert (due - received).days <= 31 + 10  # a month plus at most the Easter days off


@given(day=dates, months=st.integers(min_value=0, max_value=120))
def test_adding_months_never_overflows_the_month(day, months):
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day <= day.day


def test_31_january_plus_one_month_is_the_last_day_of_february():
    assert add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2028, 1, 31), 1) == datetime.date(2028, 2, 29)


def test_a_deadline_on_easter_monday_in_norway_moves_to_tuesday():
    # Easter Monday 2027 is 29 March; 8 March + 3 weeks = 29 March.
    assert appeal_deadline(datetime.date(2027, 3, 8), "NO") == datetime.date(2027, 3, 30)


def test_constitution_day_is_a_day_off_in_norway_but_not_in_denmark():
    may_17 = datetime.date(2028, 5, 17)  # a Wednesday
    assert next_working_day(may_17, "NO") == datetime.date(2028, 5, 18)
    assert next_working_day(may_17, "DK") == may_17


@given(today=dates, offset=st.integers(min_value=-80, max_value=0), country=countries)
def test_the_overdue_cutoff_agrees_with_the_interim_notice_rule(today, offset, country):
    from boligtorg.domain.deadlines import interim_notice_overdue_cutoff

    received = today + datetime.timedelta(days=offset)
    overdue = interim_notice_due(received, country) < today
    assert overdue is (received <= interim_notice_overdue_cutoff(today, country))
