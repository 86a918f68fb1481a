"""An estimate of the state housing allowance (bostøtte), shown as guidance beside
the economy: Husbanken decides it, so it is never a decision.

Sources: lov om bustøtte and forskrift om bustøtte (rates published yearly by
Husbanken); DOMAIN.md, "Start loan, grant, housing allowance, rent-to-own". The
rates are a dated table the caller passes in.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .common import NO_PERSONS, ZERO, TableGap, gettext_noop, ore

ALLOWANCE_GUIDANCE_ONLY = gettext_noop(
    "An estimate for guidance only: Husbanken decides the housing allowance."
)
NO_CEILING = gettext_noop(
    "The housing-allowance table has no cost ceiling for this group and household size."
)


@dataclass(frozen=True)
class AllowanceCeiling:
    """The highest housing costs approved, monthly, for a municipality group (the
    city supplements: Oslo, the big cities, the rest) and households of
    ``household_size`` persons or more (up to the next row)."""

    group: str
    household_size: int
    monthly_ceiling: Decimal


@dataclass(frozen=True)
class OwnShareBracket:
    """From ``from_income`` of weighted monthly income, each krone adds ``rate`` to
    the own share (up to the next bracket)."""

    from_income: Decimal
    rate: Decimal


@dataclass(frozen=True)
class AllowanceTable:
    """The housing-allowance rates for a period (forskrift om bustøtte; Husbanken
    publishes them yearly): the share of the gap paid (about 73.7 %), the
    household weights (1.0 for the first person, 0.13 per extra person), the
    least own share, the brackets by which the own share rises with weighted
    income, and the cost ceilings."""

    valid_from: datetime.date
    rate: Decimal
    first_person_weight: Decimal
    extra_person_weight: Decimal
    minimum_own_share: Decimal
    own_share_brackets: Sequence[OwnShareBracket]
    ceilings: Sequence[AllowanceCeiling]


@dataclass(frozen=True)
class AllowanceEstimate:
    """The estimate with every step of its arithmetic, monthly:
    weight = first + extra × (persons − 1); weighted income = income ÷ weight;
    own share from the brackets, at least the minimum; approved costs = the
    housing costs up to the ceiling; estimate = rate × (approved − own share),
    not below zero, to the øre. ``note`` says it is guidance, not a decision."""

    weight: Decimal
    weighted_income: Decimal
    own_share: Decimal
    ceiling: Decimal
    approved_costs: Decimal
    rate: Decimal
    monthly_estimate: Decimal
    note: str = ALLOWANCE_GUIDANCE_ONLY


def _own_share(weighted_income: Decimal, brackets: Sequence[OwnShareBracket]) -> Decimal:
    ordered = sorted(brackets, key=lambda b: b.from_income)
    share = ZERO
    for i, bracket in enumerate(ordered):
        upper = ordered[i + 1].from_income if i + 1 < len(ordered) else None
        top = weighted_income if upper is None else min(weighted_income, upper)
        if top > bracket.from_income:
            share += bracket.rate * (top - bracket.from_income)
    return share


def housing_allowance_estimate(
    table: AllowanceTable,
    *,
    persons: int,
    monthly_income: Decimal,
    monthly_housing_costs: Decimal,
    group: str,
) -> AllowanceEstimate:
    """An estimate of the state housing allowance (bostøtte; lov om bustøtte and its
    forskrift; DOMAIN.md: about 73.7 % × (approved housing costs − own share),
    cost ceilings by household size with city supplements, an own share rising
    with weighted income, weights 1.0 + 0.13 per extra person). Guidance beside
    the economy only: Husbanken decides, on its own figures. Raises
    ``TableGap(NO_CEILING)`` when the table has no ceiling for the case.

    Example (hand-computed; rate 0.737, weights 1.0/0.13, minimum own share
    1,500, own share 0 below 10,000 and 0.3 of weighted income above; ceiling
    8,000 for three persons): three persons, income 25,200, costs 9,000: weight
    1.26, weighted income 20,000, own share 0.3 × 10,000 = 3,000, approved 8,000,
    estimate 0.737 × 5,000 = 3,685.00 a month.
    """
    if persons < 1:
        raise ValueError(NO_PERSONS)
    rows = [r for r in table.ceilings if r.group == group and r.household_size <= persons]
    if not rows:
        raise TableGap(NO_CEILING)
    ceiling = max(rows, key=lambda r: r.household_size).monthly_ceiling
    weight = table.first_person_weight + table.extra_person_weight * (persons - 1)
    weighted_income = monthly_income / weight
    own_share = max(
        table.minimum_own_share, ore(_own_share(weighted_income, table.own_share_brackets))
    )
    approved = min(monthly_housing_costs, ceiling)
    estimate = max(ZERO, ore(table.rate * (approved - own_share)))
    return AllowanceEstimate(
        weight=weight,
        weighted_income=ore(weighted_income),
        own_share=own_share,
        ceiling=ceiling,
        approved_costs=approved,
        rate=table.rate,
        monthly_estimate=estimate,
    )
