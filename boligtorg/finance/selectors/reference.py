"""Reads of the dated reference data: the rate or table that applies on a day."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from boligtorg.core.models import Municipality
from boligtorg.domain.financing import PriceLimit as DomainPriceLimit

from ..models import FinanceRate, PriceLimit, RateName, ReferenceTable


def rate_on(*, municipality: Municipality, name: str, on: datetime.date) -> Decimal | None:
    """The percent of ``name`` on ``on``: the municipality's own row when it has one,
    else the national row of its country; None when no row applies yet."""
    rows = FinanceRate.objects.filter(
        country=municipality.country, name=name, valid_from__lte=on
    ).order_by("-valid_from")
    row = rows.filter(municipality=municipality).first() or rows.filter(municipality=None).first()
    return row.percent if row else None


def stress_rate(*, municipality: Municipality, on: datetime.date) -> Decimal | None:
    """Norges Bank's policy rate plus the stress margin (Husbanken's guidance: + 2.5
    percentage points), as a fraction; None when either is missing."""
    policy = rate_on(municipality=municipality, name=RateName.POLICY_RATE, on=on)
    margin = rate_on(municipality=municipality, name=RateName.STRESS_MARGIN, on=on)
    if policy is None or margin is None:
        return None
    return (policy + margin) / 100


def table_on(*, country: str, kind: str, on: datetime.date) -> tuple[Any, ReferenceTable] | None:
    """The data of the table of ``kind`` that applies on ``on``, with its row (for the
    date and source shown beside the figures); None when there is none."""
    row = (
        ReferenceTable.objects.filter(country=country, kind=kind, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )
    return (row.data, row) if row else None


def price_limit_list(*, municipality: Municipality) -> QuerySet[PriceLimit]:
    return PriceLimit.objects.filter(municipality=municipality).order_by(
        "area", "household_size", "-valid_from"
    )


def limits_on(*, municipality: Municipality, on: datetime.date) -> list[DomainPriceLimit]:
    """The limits that apply on ``on``: per area and household size, the latest row
    from on or before that day."""
    latest: dict[tuple[str, int], PriceLimit] = {}
    for row in price_limit_list(municipality=municipality).filter(valid_from__lte=on):
        latest.setdefault((row.area, row.household_size), row)
    return [
        DomainPriceLimit(row.area, row.household_size, Decimal(row.max_price))
        for row in latest.values()
    ]


def rates_today(
    *, municipality: Municipality, on: datetime.date
) -> list[tuple[str, Decimal | None]]:
    """Each rate's label and the percent that applies on ``on``."""
    return [
        (label, rate_on(municipality=municipality, name=name, on=on))
        for name, label in RateName.choices
    ]
