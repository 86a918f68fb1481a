"""When a shared house's next resident meeting is due.

Source: seed 000 (Trondheim's shared house for young refugees and adult role
models, slides 22–23): "Beboermøte, rett etter innflytting, underveis" and
"Beboermøte -> 1 x pr 4–6 uke i starten". The residents hold a meeting right after
moving in, then every four to six weeks while the house is new; after that, as
often as the house decides (for example quarterly).

We read "the start" as the first six months after the house's first moving-in,
and "right after moving in" as within two weeks; both are constants here so that
a municipality's practice can be set apart from the rule's shape.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from boligtorg.domain.deadlines import add_months

START_PERIOD_MONTHS = 6
START_MIN_WEEKS = 4
START_MAX_WEEKS = 6
FIRST_MEETING_DAYS = 14
DEFAULT_LATER_MONTHS = 3
MIN_LATER_MONTHS = 1
MAX_LATER_MONTHS = 12
REMINDER_DAYS = 7


class MeetingState(enum.StrEnum):
    """Where the house stands against its cadence on a given day."""

    NO_RESIDENTS = "no_residents"
    NOT_DUE = "not_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class NextMeeting:
    """The next meeting's window: not before ``earliest`` (meeting sooner is
    allowed, just more than the rule asks), due by ``due``."""

    earliest: datetime.date
    due: datetime.date
    in_start_period: bool


def start_period_end(first_moving_in: datetime.date) -> datetime.date:
    """The last day of the start period: six months after the first moving-in,
    that day excluded (seed 000: "i starten")."""
    return add_months(first_moving_in, START_PERIOD_MONTHS) - datetime.timedelta(days=1)


def in_start_period(first_moving_in: datetime.date, day: datetime.date) -> bool:
    """True when ``day`` is in the house's first six months (from the first
    moving-in, both days included)."""
    return first_moving_in <= day <= start_period_end(first_moving_in)


def next_meeting(
    *,
    first_moving_in: datetime.date | None,
    last_meeting: datetime.date | None,
    later_months: int = DEFAULT_LATER_MONTHS,
) -> NextMeeting | None:
    """The window of the next resident meeting (seed 000), or None when nobody
    has moved in yet.

    - No meeting yet: due two weeks after the first moving-in ("rett etter
      innflytting"); a meeting held before anyone moved in does not count.
    - Last meeting in the start period: 4 to 6 weeks after it.
    - Last meeting after the start period: ``later_months`` after it, as the house
      decided (1 to 12 months; quarterly by default).
    """
    if first_moving_in is None:
        return None
    if not MIN_LATER_MONTHS <= later_months <= MAX_LATER_MONTHS:
        raise ValueError(f"later_months must be {MIN_LATER_MONTHS}–{MAX_LATER_MONTHS}")
    if last_meeting is None or last_meeting < first_moving_in:
        return NextMeeting(
            earliest=first_moving_in,
            due=first_moving_in + datetime.timedelta(days=FIRST_MEETING_DAYS),
            in_start_period=True,
        )
    if in_start_period(first_moving_in, last_meeting):
        return NextMeeting(
            earliest=last_meeting + datetime.timedelta(weeks=START_MIN_WEEKS),
            due=last_meeting + datetime.timedelta(weeks=START_MAX_WEEKS),
            in_start_period=True,
        )
    due = add_months(last_meeting, later_months)
    return NextMeeting(
        earliest=min(due, last_meeting + datetime.timedelta(weeks=START_MIN_WEEKS)),
        due=due,
        in_start_period=False,
    )


def meeting_state(next_due: NextMeeting | None, today: datetime.date) -> MeetingState:
    """Overdue after the due day; due soon within ``REMINDER_DAYS`` of it (the
    due day included); otherwise not due. A house nobody lives in has no cadence."""
    if next_due is None:
        return MeetingState.NO_RESIDENTS
    if today > next_due.due:
        return MeetingState.OVERDUE
    if (next_due.due - today).days <= REMINDER_DAYS:
        return MeetingState.DUE_SOON
    return MeetingState.NOT_DUE


def action_is_overdue(
    due_on: datetime.date | None, done_on: datetime.date | None, today: datetime.date
) -> bool:
    """An agreed action is overdue when it has a due day, that day has passed and
    it is not done. Without a due day it is never overdue."""
    return due_on is not None and done_on is None and today > due_on
