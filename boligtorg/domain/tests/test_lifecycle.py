import itertools

import pytest

from boligtorg.domain.lifecycle import (
    APPLICATION_TRANSITIONS,
    MEETING_TRANSITIONS,
    ApplicationStatus,
    ForbiddenTransition,
    MeetingStatus,
    check_meeting_transition,
    check_transition,
    short_lease_needs_reason,
)

ALLOWED = {(a, b) for a, targets in APPLICATION_TRANSITIONS.items() for b in targets}
ALL_PAIRS = set(itertools.product(ApplicationStatus, ApplicationStatus))


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_every_allowed_transition_is_accepted(current, target):
    assert check_transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), sorted(ALL_PAIRS - ALLOWED))
def test_every_other_transition_is_refused(current, target):
    with pytest.raises(ForbiddenTransition):
        check_transition(current, target)


def test_a_closed_case_stays_closed():
    assert APPLICATION_TRANSITIONS[ApplicationStatus.CLOSED] == frozenset()


def test_only_a_decided_case_can_be_appealed():
    sources = {a for a, b in ALLOWED if b is ApplicationStatus.APPEALED}
    assert sources == {ApplicationStatus.DECIDED}


@pytest.mark.parametrize(("months", "needs"), [(12, True), (35, True), (36, False), (60, False)])
def test_a_lease_shorter_than_three_years_needs_a_reason(months, needs):
    assert short_lease_needs_reason(months) is needs


MEETING_ALLOWED = {
    (MeetingStatus.OPEN, MeetingStatus.CLOSED),
    (MeetingStatus.OPEN, MeetingStatus.CANCELLED),
}


def test_the_meeting_table_allows_exactly_closing_or_cancelling_an_open_meeting():
    table = {(a, b) for a, targets in MEETING_TRANSITIONS.items() for b in targets}
    assert table == MEETING_ALLOWED


@pytest.mark.parametrize(("current", "target"), sorted(MEETING_ALLOWED))
def test_an_open_meeting_may_be_closed_or_cancelled(current, target):
    assert check_meeting_transition(current, target) is target


@pytest.mark.parametrize(
    ("current", "target"),
    sorted(set(itertools.product(MeetingStatus, MeetingStatus)) - MEETING_ALLOWED),
)
def test_every_other_meeting_transition_is_refused(current, target):
    with pytest.raises(ForbiddenTransition):
        check_meeting_transition(current, target)
