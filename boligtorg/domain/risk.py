"""Early warning before eviction: a risk score for a tenancy from its signals.

Sources:
- Seeds 000 and 003 and DOMAIN.md ("utkastelse"): evictions are to be prevented
  by early warning on rent arrears and complaints, and by follow-up in the home.
- Tvangsfullbyrdelsesloven §13-2 third paragraph (a) with §4-18: a landlord may
  have a tenant evicted without a lawsuit for unpaid rent, 14 days after a
  written notice. Arrears are therefore the strongest signal, and even one month
  counts; a payment plan that is kept is what stops the eviction, so it takes
  part of the arrears' weight away.
- Husbanken's guidance on eviction prevention names missed contact and
  neighbour complaints as early signs beside the arrears.

The weights are the municipality's policy (a rules row with validity dates), not
constants of this module; each part of a score carries what it was computed
from, so a page can explain it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .housing import lease_end

SIX_MONTH_CLAUSE_MONTHS = 6


@dataclass(frozen=True)
class RiskWeights:
    points_per_month_in_arrears: int = 20
    arrears_months_cap: int = 3
    payment_plan_relief_percent: int = 50
    points_per_complaint: int = 10
    points_per_missed_visit: int = 10
    points_clause_due: int = 10
    watch_from: int = 20
    high_from: int = 50


class Signal(StrEnum):
    ARREARS = "arrears"
    PAYMENT_PLAN = "payment_plan"
    COMPLAINTS = "complaints"
    MISSED_VISITS = "missed_visits"
    SIX_MONTH_CLAUSE = "six_month_clause"
    LEASE_END = "lease_end"


class Level(StrEnum):
    NONE = "none"
    WATCH = "watch"
    HIGH = "high"


@dataclass(frozen=True)
class Signals:
    """What is known of a tenancy on a day. ``months_in_arrears`` is the rent owed
    in months of rent; ``complaints`` and ``missed_visits`` are those within the
    rules' window; ``clauses_due`` the clauses (or the lease end) due soon."""

    months_in_arrears: Decimal = Decimal(0)
    payment_plan_kept: bool = False
    complaints: int = 0
    missed_visits: int = 0
    clauses_due: frozenset[Signal] = frozenset()


@dataclass(frozen=True)
class Contribution:
    """One part of a score: the signal, its points (negative for a relief) and the
    quantity it was computed from (months owed, a count, the relief in per cent,
    or 1 for a clause)."""

    signal: Signal
    points: int
    quantity: Decimal


@dataclass(frozen=True)
class Risk:
    score: int
    level: Level
    contributions: tuple[Contribution, ...]


def months_in_arrears(amount: Decimal, monthly_rent: Decimal) -> Decimal:
    """Rent owed in months of rent, to one decimal. A tenancy without rent that
    still owes something counts as one month."""
    if amount <= 0:
        return Decimal(0)
    if monthly_rent <= 0:
        return Decimal(1)
    return (amount / monthly_rent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def six_month_point(start: datetime.date) -> datetime.date:
    """The day a lease's first six months are over: the day after a six-month lease
    from ``start`` would end (``housing.lease_end``), so 15 March → 15 September and
    31 August → 1 March, not 28 February inside the six months."""
    return lease_end(start, SIX_MONTH_CLAUSE_MONTHS) + datetime.timedelta(days=1)


def clauses_due(
    *,
    today: datetime.date,
    start: datetime.date,
    end: datetime.date,
    six_month_clause: bool,
    renewed: bool,
    within_days: int,
) -> frozenset[Signal]:
    """The lease's dates that fall within ``within_days`` from ``today``: the
    six-month point of a lease with the six-month clause (seed 000: "6 mnd
    klausulert med 3-kant avtale"), and the lease end unless it is renewed."""
    horizon = today + datetime.timedelta(days=within_days)
    due: set[Signal] = set()
    if six_month_clause and today <= six_month_point(start) <= horizon:
        due.add(Signal.SIX_MONTH_CLAUSE)
    if not renewed and today <= end <= horizon:
        due.add(Signal.LEASE_END)
    return frozenset(due)


def level_of(score: int, weights: RiskWeights) -> Level:
    if score >= weights.high_from:
        return Level.HIGH
    if score >= weights.watch_from:
        return Level.WATCH
    return Level.NONE


def risk_score(signals: Signals, weights: RiskWeights) -> Risk:
    """The score is the sum of its contributions, each explained (a signal that
    weighs nothing under ``weights`` is left out):

    - arrears: points per month owed, counted up to the cap;
    - payment plan: while kept, a relief of a share of the arrears' points;
    - complaints and missed visits: points per occurrence in the window;
    - each clause or lease end due: fixed points.
    """
    parts: list[Contribution] = []
    months = max(signals.months_in_arrears, Decimal(0))
    if months > 0:
        counted = min(months, Decimal(weights.arrears_months_cap))
        arrears = int(
            (counted * weights.points_per_month_in_arrears).to_integral_value(ROUND_HALF_UP)
        )
        if arrears:
            parts.append(Contribution(Signal.ARREARS, arrears, months))
        relief = arrears * weights.payment_plan_relief_percent // 100
        if signals.payment_plan_kept and relief:
            parts.append(
                Contribution(
                    Signal.PAYMENT_PLAN, -relief, Decimal(weights.payment_plan_relief_percent)
                )
            )
    for signal, count, points in (
        (Signal.COMPLAINTS, signals.complaints, weights.points_per_complaint),
        (Signal.MISSED_VISITS, signals.missed_visits, weights.points_per_missed_visit),
    ):
        if count > 0 and points > 0:
            parts.append(Contribution(signal, count * points, Decimal(count)))
    if weights.points_clause_due:
        for signal in sorted(signals.clauses_due):
            parts.append(Contribution(signal, weights.points_clause_due, Decimal(1)))
    score = sum(part.points for part in parts)
    return Risk(score=score, level=level_of(score, weights), contributions=tuple(parts))
