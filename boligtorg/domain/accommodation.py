"""Rules of temporary accommodation (midlertidig botilbud): which provider a placement
may use, and how long a stay is measured against the municipality's limit.

Sources: issue 26, "Temporary accommodation"; lov om sosiale tjenester i NAV § 27
(temporary accommodation), Helsedirektoratet's guidance that families with children
are placed only where the provider is approved for them, and the municipalities' own
limits (e.g. Trondheim: 90 nights, 0 for families with children). The limits are
dated data given in; nothing here is a constant of law.

A stay's nights are counted as a hotel counts them: from the first evening to the
morning of the last day, so 1 to 3 March is 2 nights. An open stay is counted up to
the given day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementPeriod:
    valid_from: datetime.date
    valid_to: datetime.date | None
    approved_for_children: bool


@dataclass(frozen=True)
class Limit:
    nights: int
    nights_with_children: int


def agreement_covers(
    agreement: AgreementPeriod, starts_on: datetime.date, ends_on: datetime.date | None
) -> bool:
    """Whether one agreement is in force on every day of the stay. An open stay needs
    an open agreement."""
    if agreement.valid_from > starts_on:
        return False
    if agreement.valid_to is None:
        return True
    if ends_on is None:
        return False
    return agreement.valid_to >= ends_on


def covering_agreement(
    agreements: list[AgreementPeriod], starts_on: datetime.date, ends_on: datetime.date | None
) -> AgreementPeriod | None:
    """The agreement (latest first) in force on all the stay's dates, or None."""
    for agreement in sorted(agreements, key=lambda a: a.valid_from, reverse=True):
        if agreement_covers(agreement, starts_on, ends_on):
            return agreement
    return None


def children_allowed(agreement: AgreementPeriod, with_children: bool) -> bool:
    """A family with children is never placed where the provider is not approved for
    children."""
    return agreement.approved_for_children or not with_children


def nights(starts_on: datetime.date, ends_on: datetime.date | None, today: datetime.date) -> int:
    """Nights of a stay; an open stay (or one ending after today) counts up to today."""
    last = today if ends_on is None or ends_on > today else ends_on
    return max(0, (last - starts_on).days)


def limit_for(limit: Limit, with_children: bool) -> int:
    return limit.nights_with_children if with_children else limit.nights


def over_limit(nights_stayed: int, limit: Limit | None, with_children: bool) -> bool:
    """Whether a stay has passed the limit: more nights than allowed. With no limit
    set, nothing is over it. A limit of 0 for families means any night is over."""
    if limit is None:
        return False
    return nights_stayed > limit_for(limit, with_children)


def nights_left(nights_stayed: int, limit: Limit | None, with_children: bool) -> int | None:
    if limit is None:
        return None
    return limit_for(limit, with_children) - nights_stayed


def nights_in_period(
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    first: datetime.date,
    last: datetime.date,
    today: datetime.date,
) -> int:
    """Nights of a stay that fall in the period ``first``..``last`` (both days
    included; a night belongs to the day it begins). An open stay counts up to today."""
    stay_last = today if ends_on is None or ends_on > today else ends_on
    begin = max(starts_on, first)
    end = min(stay_last, last + datetime.timedelta(days=1))
    return max(0, (end - begin).days)


THREE_MONTHS_NIGHTS = 90
