import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.deadlines import add_months
from boligtorg.domain.resident_meetings import (
    FIRST_MEETING_DAYS,
    REMINDER_DAYS,
    MeetingState,
    NextMeeting,
    action_is_overdue,
    in_start_period,
    meeting_state,
    next_meeting,
    start_period_end,
)

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2050, 12, 31))
later = st.integers(min_value=1, max_value=12)
MOVED_IN = datetime.date(2026, 3, 2)


@given(moved_in=dates, offset=st.integers(min_value=0, max_value=400), months=later)
def test_the_next_meeting_is_always_due_after_the_last_one(moved_in, offset, months):
    last = moved_in + datetime.timedelta(days=offset)
    found = next_meeting(first_moving_in=moved_in, last_meeting=last, later_months=months)
    assert found is not None
    assert last < found.earliest <= found.due


@given(moved_in=dates, offset=st.integers(min_value=0, max_value=180), months=later)
def test_in_the_first_six_months_meetings_are_four_to_six_weeks_apart(moved_in, offset, months):
    last = moved_in + datetime.timedelta(days=offset)
    found = next_meeting(first_moving_in=moved_in, last_meeting=last, later_months=months)
    if in_start_period(moved_in, last):
        assert found.earliest - last == datetime.timedelta(weeks=4)
        assert found.due - last == datetime.timedelta(weeks=6)
        assert found.in_start_period


@given(moved_in=dates, offset=st.integers(min_value=0, max_value=2000), months=later)
def test_after_the_start_the_house_decides_the_interval(moved_in, offset, months):
    last = start_period_end(moved_in) + datetime.timedelta(days=1 + offset)
    found = next_meeting(first_moving_in=moved_in, last_meeting=last, later_months=months)
    assert not found.in_start_period
    assert found.due == add_months(last, months)


@given(moved_in=dates)
def test_the_start_period_is_six_months_from_the_first_moving_in(moved_in):
    end = start_period_end(moved_in)
    assert in_start_period(moved_in, moved_in)
    assert in_start_period(moved_in, end)
    assert not in_start_period(moved_in, end + datetime.timedelta(days=1))
    assert not in_start_period(moved_in, moved_in - datetime.timedelta(days=1))
    assert end + datetime.timedelta(days=1) == add_months(moved_in, 6)


@given(moved_in=dates, before=st.integers(min_value=1, max_value=300))
def test_the_first_meeting_is_due_right_after_moving_in(moved_in, before):
    expected = moved_in + datetime.timedelta(days=FIRST_MEETING_DAYS)
    assert next_meeting(first_moving_in=moved_in, last_meeting=None).due == expected
    # A meeting before anyone lived in the house (an information meeting) does not count.
    early = moved_in - datetime.timedelta(days=before)
    assert next_meeting(first_moving_in=moved_in, last_meeting=early).due == expected


def test_a_house_nobody_has_moved_into_has_no_meeting_due():
    assert next_meeting(first_moving_in=None, last_meeting=None) is None
    assert meeting_state(None, MOVED_IN) == MeetingState.NO_RESIDENTS


def test_the_last_meeting_of_the_start_period_is_followed_six_weeks_later():
    last = datetime.date(2026, 9, 1)  # the start period ends on 1 September
    assert start_period_end(MOVED_IN) == last
    found = next_meeting(first_moving_in=MOVED_IN, last_meeting=last, later_months=3)
    assert found.due == datetime.date(2026, 10, 13)
    after = next_meeting(first_moving_in=MOVED_IN, last_meeting=datetime.date(2026, 9, 2))
    assert after.due == datetime.date(2026, 12, 2)


@pytest.mark.parametrize("months", [0, 13, -1])
def test_an_interval_outside_one_to_twelve_months_is_refused(months):
    with pytest.raises(ValueError, match="later_months"):
        next_meeting(first_moving_in=MOVED_IN, last_meeting=MOVED_IN, later_months=months)


@given(due=dates, today=dates)
def test_the_state_follows_the_due_day(due, today):
    state = meeting_state(NextMeeting(earliest=due, due=due, in_start_period=True), today)
    days_left = (due - today).days
    if days_left < 0:
        assert state == MeetingState.OVERDUE
    elif days_left <= REMINDER_DAYS:
        assert state == MeetingState.DUE_SOON
    else:
        assert state == MeetingState.NOT_DUE


def test_a_meeting_due_today_is_due_soon_and_tomorrow_overdue():
    window = NextMeeting(earliest=MOVED_IN, due=MOVED_IN, in_start_period=True)
    assert meeting_state(window, MOVED_IN) == MeetingState.DUE_SOON
    assert meeting_state(window, MOVED_IN + datetime.timedelta(days=1)) == MeetingState.OVERDUE


@given(due=st.none() | dates, done=st.none() | dates, today=dates)
def test_only_an_undone_action_past_its_due_day_is_overdue(due, done, today):
    overdue = action_is_overdue(due, done, today)
    assert overdue == (due is not None and done is None and today > due)
