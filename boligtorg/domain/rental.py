"""Rules of guarantees given instead of cash on a private lease.

Sources: husleieloven § 3-5 (a guarantee may stand in for the deposit). The period after
a guarantee's term in which a landlord may still claim is not set by law: it is the
municipality's choice, written into its guarantee letter; ``CLAIM_MONTHS_AFTER_END``
is the default (three months, the municipality's choice) and every rule takes it as a
parameter. A claim is never paid above what remains of the guarantee: its amount
minus the claims already paid.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from decimal import Decimal

# The municipality's choice, not the law's: months after the term ends in which a
# claim may still be received.
CLAIM_MONTHS_AFTER_END = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` months on, kept within the month (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def claim_deadline(
    ends_on: datetime.date, months_after_end: int = CLAIM_MONTHS_AFTER_END
) -> datetime.date:
    """The last day a claim may be received: the term's end plus the months allowed."""
    return add_months(ends_on, months_after_end)


def claim_in_time(
    received_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    months_after_end: int = CLAIM_MONTHS_AFTER_END,
) -> bool:
    """A claim counts when received from the guarantee's start to the deadline."""
    return starts_on <= received_on <= claim_deadline(ends_on, months_after_end)


def remaining(amount: Decimal, paid: Iterable[Decimal]) -> Decimal:
    """What remains of a guarantee: its amount minus the claims paid, never below 0."""
    return max(Decimal(0), amount - sum(paid, Decimal(0)))


def payable(claimed: Decimal, amount: Decimal, paid: Iterable[Decimal]) -> Decimal:
    """The most that may be paid on a claim: the claim, capped at what remains."""
    return min(claimed, remaining(amount, paid))


def within_limit(amount: Decimal, limit: Decimal | None) -> bool:
    """A guarantee's amount is within the municipality's maximum (None: no maximum)."""
    return limit is None or amount <= limit
