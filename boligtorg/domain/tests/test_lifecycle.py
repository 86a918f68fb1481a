import itertools

import pytest

from boligtorg.domain.lifecycle import (
    APPLICATION_TRANSITIONS,
    ApplicationStatus,
    ForbiddenTransition,
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
