"""Figures of temporary accommodation for a period: households and nights, stays
over three months, families with children, spending by provider."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from boligtorg.core.permissions import Actor
from boligtorg.domain import accommodation as rules

from ..services.placements import is_child
from . import placements


@dataclass
class ProviderSpending:
    name: str
    nights: int = 0
    spending: Decimal = Decimal(0)


@dataclass
class Figures:
    first: datetime.date
    last: datetime.date
    households: int = 0
    nights: int = 0
    over_three_months: int = 0
    families_with_children: int = 0
    by_provider: list[ProviderSpending] = field(default_factory=list)

    @property
    def spending(self) -> Decimal:
        return sum((p.spending for p in self.by_provider), Decimal(0))


def accommodation_figures(
    *, actor: Actor, first: datetime.date, last: datetime.date, today: datetime.date | None = None
) -> Figures:
    """The period's figures; a stay counts in the period when it has a night in it,
    over three months when its whole length (to today) passes 90 nights."""
    today = today or timezone.localdate()
    rows = placements(actor=actor).filter(starts_on__lte=last).exclude(ends_on__lt=first)
    figures = Figures(first=first, last=last)
    households: set[int] = set()
    families: set[int] = set()
    long_stays: set[int] = set()
    by_provider: dict[int, ProviderSpending] = defaultdict(lambda: ProviderSpending(""))
    for placement in rows:
        nights = rules.nights_in_period(placement.starts_on, placement.ends_on, first, last, today)
        if nights == 0:
            continue
        household = placement.application.household_id
        households.add(household)
        if any(is_child(m, placement.starts_on) for m in placement.members.all()):
            families.add(household)
        if rules.nights(placement.starts_on, placement.ends_on, today) > rules.THREE_MONTHS_NIGHTS:
            long_stays.add(placement.pk)
        spent = by_provider[placement.provider_id]
        spent.name = placement.provider.name
        spent.nights += nights
        spent.spending += nights * placement.price_per_night
        figures.nights += nights
    figures.households = len(households)
    figures.families_with_children = len(families)
    figures.over_three_months = len(long_stays)
    figures.by_provider = sorted(by_provider.values(), key=lambda p: p.name)
    return figures
