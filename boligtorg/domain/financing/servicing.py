"""Payment problems on a running start loan: how much interest may be added to the
loan, and when the loan servicer's report of a missed instalment is late.

Sources: Husbanken's guidance for start loans ("Betalingsproblemer"): the
municipality may postpone instalments and may add interest to the loan
(kapitalisering) for at most two and a half years in all over the loan's life; the
loan servicer tells the municipality within 14 days of a missed instalment. Both are
rules of the guidance, not figures that change yearly, so they live here with their
source rather than in a dated table.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .common import gettext_noop

# Husbanken's guidance: interest added to the loan for at most 2.5 years in total.
MAX_CAPITALISED_INTEREST_MONTHS = 30
# Husbanken's guidance: the servicer reports a missed instalment within 14 days.
SERVICER_NOTICE_DAYS = 14

CAPITALISED_TOO_LONG = gettext_noop(
    "Interest can be added to the loan for at most 2.5 years in all; "
    "%(left)s months are left for this loan."
)
PERIOD_BACKWARDS = gettext_noop("The period must end after it starts.")


def months_in_period(start: datetime.date, end: datetime.date) -> int:
    """Whole months from ``start`` to ``end`` counted as the loan's instalments are:
    1 January to 31 March is three months; a part of a month counts as a month."""
    after = end + datetime.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months + 1 if after.day > start.day else months


def capitalised_months_left(periods: Iterable[tuple[datetime.date, datetime.date]]) -> int:
    """The months of interest that may still be added to a loan that already had
    interest added over ``periods``; never below zero."""
    used = sum(months_in_period(start, end) for start, end in periods)
    return max(MAX_CAPITALISED_INTEREST_MONTHS - used, 0)


def capitalisation_error(
    earlier: Iterable[tuple[datetime.date, datetime.date]],
    start: datetime.date,
    end: datetime.date,
) -> tuple[str, dict[str, int]] | None:
    """The message (and its parameters) refusing interest added over ``start`` to
    ``end`` after the ``earlier`` periods, or None when the 2.5-year limit holds."""
    if end <= start:
        return PERIOD_BACKWARDS, {}
    left = capitalised_months_left(earlier)
    if months_in_period(start, end) > left:
        return CAPITALISED_TOO_LONG, {"left": left}
    return None


def reported_late(due: datetime.date, reported: datetime.date) -> bool:
    """True when the servicer reported a missed instalment due on ``due`` more than
    14 days after it fell due."""
    return (reported - due).days > SERVICER_NOTICE_DAYS
