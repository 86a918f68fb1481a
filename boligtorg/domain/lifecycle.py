"""Life cycles as tables of allowed transitions (STYLE.md, after django-oscar).

A change of status checks the table and raises ``ForbiddenTransition`` on a move
the table does not allow; services persist every allowed change as an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class ForbiddenTransition(Exception):
    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"{current} → {target} is not allowed")
        self.current = current
        self.target = target


class ApplicationStatus(StrEnum):
    """An application for a municipal dwelling, from draft to closed (DOMAIN.md,
    "From application to keys")."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_ASSESSMENT = "under_assessment"
    DECIDED = "decided"
    APPEALED = "appealed"
    CLOSED = "closed"


APPLICATION_TRANSITIONS: Mapping[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.CLOSED}),
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.UNDER_ASSESSMENT, ApplicationStatus.DECIDED, ApplicationStatus.CLOSED}
    ),
    ApplicationStatus.UNDER_ASSESSMENT: frozenset(
        {ApplicationStatus.DECIDED, ApplicationStatus.CLOSED}
    ),
    ApplicationStatus.DECIDED: frozenset({ApplicationStatus.APPEALED, ApplicationStatus.CLOSED}),
    # After reconsideration: reversed → a new decision; upheld → stays appealed until
    # the county governor has ruled, then closed.
    ApplicationStatus.APPEALED: frozenset({ApplicationStatus.DECIDED, ApplicationStatus.CLOSED}),
    ApplicationStatus.CLOSED: frozenset(),
}


def check_transition(current: str, target: str) -> ApplicationStatus:
    """Return ``target`` as a status when the table allows current → target."""
    source, destination = ApplicationStatus(current), ApplicationStatus(target)
    if destination not in APPLICATION_TRANSITIONS[source]:
        raise ForbiddenTransition(source, destination)
    return destination


class MeetingStatus(StrEnum):
    """An allocation meeting (DOMAIN.md, "From application to keys", step 4): open
    while it decides, then closed with its minutes, or cancelled with a reason
    before it decided anything it cannot take back."""

    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


MEETING_TRANSITIONS: Mapping[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.OPEN: frozenset({MeetingStatus.CLOSED, MeetingStatus.CANCELLED}),
    # Closed: the minutes are the record. Cancelled: its dwellings went back to the
    # next meeting. Neither comes back.
    MeetingStatus.CLOSED: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}


def check_meeting_transition(current: str, target: str) -> MeetingStatus:
    """Return ``target`` as a meeting status when the table allows current → target;
    raise ``ForbiddenTransition`` otherwise."""
    source, destination = MeetingStatus(current), MeetingStatus(target)
    if destination not in MEETING_TRANSITIONS[source]:
        raise ForbiddenTransition(source, destination)
    return destination


MINIMUM_LEASE_MONTHS = 36


def short_lease_needs_reason(lease_months: int) -> bool:
    """Husleieloven §9-3 and §11-1: a lease is three years at least; a shorter one for
    a disadvantaged tenant needs a stated, objective reason."""
    return lease_months < MINIMUM_LEASE_MONTHS
