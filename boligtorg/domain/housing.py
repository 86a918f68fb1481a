"""Rules of the dwelling register and of leases, on plain dates and numbers.

Sources:
- Kobo (Husbanken + KS): a dwelling's unit number is the matrikkel's
  bruksenhetsnummer, a letter for the floor level (H above ground, U basement,
  L loft, K cellar) followed by two digits for the floor and two for the unit,
  e.g. H0101 (Kartverket, "Bruksenhetsnummer").
- Husleieloven §9-3 and §11-1: a time-limited lease of a dwelling runs three
  years at least (shorter with a stated reason, see ``lifecycle``).
- Burettslagslova §4-2 and §4-3: a municipality may own at least one and up to
  10 % of the shares of a housing co-operative, up to 20 % where its statutes
  allow (see ``co_op_share_exceeds_limit``).
- Almenboligloven §59 (DK): the municipality may allocate up to every fourth
  vacant family dwelling of a housing organisation (anvisningsret); Skanderborg
  has agreed every sixth (seed 001).
- Husbanken/KS (Kobo users): reminders six and three months before a lease ends.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stdnum.dk import cvr
from stdnum.exceptions import ValidationError
from stdnum.no import orgnr

from .deadlines import add_months
from .lifecycle import ForbiddenTransition

UNIT_NUMBER = re.compile(r"[HULK]\d{4}")
DEFAULT_LEASE_MONTHS = 36
DEFAULT_ALLOCATION_EVERY_NTH = 4
CO_OP_SHARE_LIMIT_PERCENT = 10
CO_OP_SHARE_STATUTES_LIMIT_PERCENT = 20
CO_OP_MIN_UNITS_FOR_ONE_SHARE = 5
REMINDER_MONTHS = (6, 3)
VACANCY_HORIZON_DAYS = 90


class DwellingStatus(StrEnum):
    """Kobo's statuses of a municipal dwelling, and sold (it leaves the stock)."""

    READY = "ready"
    LET = "let"
    MAINTENANCE = "maintenance"
    UNAVAILABLE = "unavailable"
    SOLD = "sold"


DWELLING_TRANSITIONS: dict[DwellingStatus, frozenset[DwellingStatus]] = {
    DwellingStatus.READY: frozenset(
        {
            DwellingStatus.LET,
            DwellingStatus.MAINTENANCE,
            DwellingStatus.UNAVAILABLE,
            DwellingStatus.SOLD,
        }
    ),
    # A let dwelling is sold only after the tenant has moved out (via ready).
    DwellingStatus.LET: frozenset(
        {DwellingStatus.READY, DwellingStatus.MAINTENANCE, DwellingStatus.UNAVAILABLE}
    ),
    DwellingStatus.MAINTENANCE: frozenset(
        {DwellingStatus.READY, DwellingStatus.UNAVAILABLE, DwellingStatus.SOLD}
    ),
    DwellingStatus.UNAVAILABLE: frozenset(
        {DwellingStatus.READY, DwellingStatus.MAINTENANCE, DwellingStatus.SOLD}
    ),
    DwellingStatus.SOLD: frozenset(),
}


def check_dwelling_transition(current: str, target: str) -> DwellingStatus:
    """Return ``target`` when the table allows current → target; raise
    ``ForbiddenTransition`` otherwise (a sold dwelling never comes back)."""
    source, destination = DwellingStatus(current), DwellingStatus(target)
    if destination not in DWELLING_TRANSITIONS[source]:
        raise ForbiddenTransition(source, destination)
    return destination


def normalise_unit_number(value: str) -> str:
    """Upper case without spaces: ' h0101 ' → 'H0101'."""
    return "".join(value.split()).upper()


def is_valid_unit_number(value: str) -> bool:
    """True for a bruksenhetsnummer in Kobo's format: H, U, L or K and four digits."""
    return bool(UNIT_NUMBER.fullmatch(value))


def is_valid_org_number(country: str, value: str) -> bool:
    """A Norwegian organisasjonsnummer (9 digits, mod 11) or a Danish CVR number
    (8 digits, mod 11), as python-stdnum ``no.orgnr`` and ``dk.cvr`` check them."""
    module = orgnr if country == "NO" else cvr
    try:
        module.validate(value)
    except ValidationError:
        return False
    return True


def lease_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a lease of ``months`` (at least 1) from ``start``.

    A lease ends the day before the same date ``months`` later: 15 March + 1 month
    ends 14 April, 1 January + 12 months ends 31 December, 1 March 2025 + 36 months
    ends 29 February 2028. Where that date does not exist the lease ends on the last
    day of that month: 31 January + 1 month ends 28 February (29 in a leap year),
    29 February 2028 + 36 months ends 28 February 2031.

    Source: husleieloven §§ 9-3 and 11-1 set the length (three years at least unless
    a reason is stated); the law gives no date arithmetic, so this is the ordinary
    reading of a period counted in months. Raises ValueError for fewer than 1 month.
    """
    if months < 1:
        raise ValueError("a lease runs at least one month")
    same_day_later = add_months(start, months)
    if same_day_later.day != start.day:
        # The date does not exist, add_months gave the month's last day: that is the end.
        return same_day_later
    return same_day_later - datetime.timedelta(days=1)


def lease_months(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to the day after ``end``; the inverse of
    ``lease_end`` for every length ``lease_end`` produces."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and lease_end(start, months) > end:
        months -= 1
    while lease_end(start, months + 1) <= end:
        months += 1
    return months


@dataclass(frozen=True)
class Period:
    """A lease from ``start`` to ``end``, both days included; ``end`` None is open."""

    start: datetime.date
    end: datetime.date | None


def periods_overlap(first: Period, second: Period) -> bool:
    """True when the two periods share at least one day. A lease may start the day
    after the previous one ended, not on its last day."""
    first_before = first.end is not None and first.end < second.start
    second_before = second.end is not None and second.end < first.start
    return not (first_before or second_before)


def first_overlap(new: Period, existing: Iterable[Period]) -> Period | None:
    """The first of ``existing`` that overlaps ``new``, or None."""
    return next((period for period in existing if periods_overlap(new, period)), None)


def allocation_right_due(vacancies_reported: int, every_nth: int, received: int) -> int:
    """Dwellings a housing organisation still owes the municipality under its
    allocation right: every ``every_nth`` reported vacancy is the municipality's,
    less those it has already received (never below zero)."""
    if every_nth < 1:
        raise ValueError("every_nth must be at least 1")
    return max(0, vacancies_reported // every_nth - received)


def vacancies_until_next_due(vacancies_reported: int, every_nth: int) -> int:
    """How many more vacancies the organisation must report before the next one
    is the municipality's."""
    if every_nth < 1:
        raise ValueError("every_nth must be at least 1")
    return every_nth - vacancies_reported % every_nth


def co_op_share_limit_percent(*, statutes_allow_twenty_percent: bool) -> int:
    """The share of a co-op's units public owners may hold together: 10 %, or 20 %
    where the co-op's statutes allow it (burettslagslova §4-2, §4-3)."""
    if statutes_allow_twenty_percent:
        return CO_OP_SHARE_STATUTES_LIMIT_PERCENT
    return CO_OP_SHARE_LIMIT_PERCENT


def co_op_share_exceeds_limit(
    municipal_units: int, co_op_units: int, *, statutes_allow_twenty_percent: bool = False
) -> bool:
    """True when public owners (the municipality) hold more of a co-op's units than
    burettslagslova allows; exact integer arithmetic.

    The rule (burettslagslova §4-2, public owners as shareholders; §4-3, statutes):
    together they may hold up to 10 % of the units, or up to 20 % where the co-op's
    statutes allow it, and may always hold one unit, however small a share of the
    co-op that one is. 1 of 5 and 1 of 9 are allowed (the one unit), 2 of 9 is not
    (22 %, above 10 % and above one), 2 of 20 is (10 %), 3 of 20 only with the
    statutes' 20 %, 5 of 20 not even then.

    Co-ops of fewer than five units: we read the "at least one unit" as holding for
    co-ops of at least five units (``CO_OP_MIN_UNITS_FOR_ONE_SHARE``), as the
    issue states it. The wording we could read (the model statutes' "minst éin
    bustad og opp til ti prosent") states no size, and the law's own text was not
    at hand, so in a co-op of one to four units the percentage alone decides (1 of
    4 is 25 %: warned). This function only warns — a person checks the co-op's
    statutes — and a false "allowed" would hide a breach, so the stricter reading
    is the safe one until the text is confirmed.
    """
    if municipal_units <= 0:
        return False
    limit = co_op_share_limit_percent(statutes_allow_twenty_percent=statutes_allow_twenty_percent)
    if municipal_units * 100 <= co_op_units * limit:
        return False
    return not (municipal_units == 1 and co_op_units >= CO_OP_MIN_UNITS_FOR_ONE_SHARE)


def expiry_reminder_dates(end: datetime.date) -> dict[int, datetime.date]:
    """The day of each lease-expiry reminder, by months ahead: {6: ..., 3: ...}."""
    return {months: add_months(end, -months) for months in REMINDER_MONTHS}


def reminder_due(end: datetime.date, today: datetime.date) -> tuple[int, datetime.date] | None:
    """The reminder to send on ``today`` for a lease ending on ``end``: the nearest
    one whose day has come, while the lease has not ended. A lease registered three
    months before its end gets only the three-month reminder."""
    if today > end:
        return None
    due = [(months, day) for months, day in expiry_reminder_dates(end).items() if day <= today]
    return min(due, key=lambda pair: pair[0]) if due else None


def becomes_vacant_soon(
    end: datetime.date, today: datetime.date, horizon_days: int = VACANCY_HORIZON_DAYS
) -> bool:
    """True when a lease ending on ``end`` ends within ``horizon_days`` from ``today``."""
    return today <= end <= today + datetime.timedelta(days=horizon_days)
