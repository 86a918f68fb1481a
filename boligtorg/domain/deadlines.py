"""Deadlines of case handling, computed from dates.

Sources:
- Forvaltningsloven §11a third paragraph: an interim notice (foreløpig svar) is due
  when an application for an individual decision cannot be answered within one month.
- Forvaltningsloven §29: the appeal deadline is three weeks from the day the
  notice of the decision reached the party.
- Forvaltningsloven §30 refers to domstolloven §148–149 for computing deadlines:
  a deadline falling on a Saturday, Sunday or public holiday is extended to the
  next working day. Public holidays come from the ``holidays`` package.
"""

from __future__ import annotations

import calendar
import datetime
from functools import cache

import holidays

INTERIM_NOTICE_MONTHS = 1
APPEAL_WEEKS = 3


@cache
def _public_holidays(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year)


def is_working_day(day: datetime.date, country: str = "NO") -> bool:
    """Monday to Friday and not a public holiday of ``country`` (NO or DK)."""
    return day.weekday() < 5 and day not in _public_holidays(country, day.year)


def next_working_day(day: datetime.date, country: str = "NO") -> datetime.date:
    """``day`` itself when it is a working day, otherwise the first working day after."""
    while not is_working_day(day, country):
        day += datetime.timedelta(days=1)
    return day


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the last day of the month when that day is missing
    (31 January + 1 month = 28/29 February), as deadlines in months are counted."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interim_notice_due(received: datetime.date, country: str = "NO") -> datetime.date:
    """The day by which the applicant must have an interim notice if the case is not
    decided (fvl. §11a): one month after the application was received."""
    return next_working_day(add_months(received, INTERIM_NOTICE_MONTHS), country)


def appeal_deadline(decision_received: datetime.date, country: str = "NO") -> datetime.date:
    """The last day to appeal (fvl. §29, §30): three weeks after the party received
    the decision, moved to the next working day when it falls on a day off."""
    return next_working_day(decision_received + datetime.timedelta(weeks=APPEAL_WEEKS), country)


def is_appeal_late(
    decision_received: datetime.date, appeal_received: datetime.date, country: str = "NO"
) -> bool:
    """True when the appeal came after the deadline. A late appeal is flagged, not
    refused: fvl. §31 lets the agency consider it all the same."""
    return appeal_received > appeal_deadline(decision_received, country)


def days_until(deadline: datetime.date, today: datetime.date) -> int:
    """Negative when the deadline has passed."""
    return (deadline - today).days


def interim_notice_overdue_cutoff(today: datetime.date, country: str = "NO") -> datetime.date:
    """The latest date of receipt whose interim notice is overdue on ``today``: a case
    received on or before it, undecided and without a notice, is overdue. Lets a
    database filter (received_on <= cutoff) agree exactly with ``interim_notice_due``,
    which grows with the date of receipt."""
    low = today - datetime.timedelta(days=62)  # due at most a month and ~10 days off later
    high = today
    while low < high:  # the last received date with due < today
        middle = low + datetime.timedelta(days=(high - low).days // 2 + (high - low).days % 2)
        if interim_notice_due(middle, country) < today:
            low = middle
        else:
            high = middle - datetime.timedelta(days=1)
    return low
