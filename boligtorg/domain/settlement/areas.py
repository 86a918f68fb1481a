"""The Danish rule against placing refugees in vulnerable housing areas.

Source: integrationsloven § 12, stk. 2 (text read at danskelove.dk/integrationsloven/12):
"Kommunalbestyrelsen kan ikke anvise et midlertidigt opholdssted eller en bolig, som er
beliggende i et udsat boligområde, jf. § 61 a, stk. 1, i lov om almene boliger m.v."
A parallelsamfund (§ 61 a, stk. 2) and an omdannelsesområde (stk. 4) are udsatte
boligområder with further conditions, so they are barred too; a forebyggelsesområde
(§ 61 b) is defined on its own lower figures, is not an udsat boligområde, and is not
barred. ``GHETTO_LIST`` (the lists of 2010–2017) is in the default so that a placement
dated under an old list is judged by that list; the wording of § 12, stk. 2 before the
2018 reform was not confirmed here, so a municipality that reads it otherwise passes its
own ``barred`` set.

Which year's list is in force: ``boligtorg.domain.area_criteria`` classifies a year
``Y`` by the rule sets valid on ``list_day(Y)``, 1 December ``Y`` (``rules_for_year``,
``classify_history``), the day the minister publishes that year's lists
(almenboligloven § 61 a, stk. 5; ``LIST_DAY``). So the classification of year ``Y`` is
the list published on 1 December ``Y``, and it is the list in force from that day until
30 November ``Y + 1``, when the next one replaces it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from boligtorg.domain.area_criteria import SEVERITY, Kind, YearClassification, list_day

BARRED_KINDS: frozenset[Kind] = frozenset(
    {Kind.VULNERABLE, Kind.PARALLEL_SOCIETY, Kind.TRANSFORMATION, Kind.GHETTO_LIST}
)


def placement_refusal(
    *, kinds_in_force: Iterable[Kind], barred: frozenset[Kind] = BARRED_KINDS
) -> Kind | None:
    """The most severe classification (``area_criteria.SEVERITY``) among
    ``kinds_in_force`` that bars a refugee's temporary residence or dwelling
    (integrationsloven § 12, stk. 2); None when the area may be used. A
    forebyggelsesområde alone (``Kind.PREVENTION``) is not barred by default."""
    kinds = set(kinds_in_force)
    for kind in SEVERITY:
        if kind in kinds and kind in barred:
            return kind
    return None


def list_year_in_force(day: datetime.date) -> int:
    """The year whose list applies on ``day``: the list published on the last
    1 December on or before ``day`` (almenboligloven § 61 a, stk. 5;
    ``area_criteria.list_day``). 30 November 2026 → 2025, 1 December 2026 → 2026."""
    return day.year if day >= list_day(day.year) else day.year - 1


@dataclass(frozen=True)
class AreaCheck:
    """The § 12, stk. 2 answer for one area on one day.

    ``list_known`` is False when the area's history has no classification for the list
    year in force (no figures imported for it): the area is then not shown as barred,
    and the caller says that the year's list is missing rather than that the area is
    clear."""

    day: datetime.date
    list_year: int
    list_known: bool
    kinds: tuple[Kind, ...]
    refused: Kind | None

    @property
    def allowed(self) -> bool:
        return self.refused is None


def area_check(
    history: Iterable[YearClassification],
    day: datetime.date,
    *,
    barred: frozenset[Kind] = BARRED_KINDS,
) -> AreaCheck:
    """Whether a refugee may be given a temporary residence or dwelling in an area on
    ``day`` (integrationsloven § 12, stk. 2), judged by the classification of the list
    year in force (``list_year_in_force``) in the area's ``history`` (as
    ``area_criteria.classify_history`` returns it)."""
    year = list_year_in_force(day)
    in_force = next((c for c in history if c.year == year), None)
    kinds = in_force.kinds if in_force is not None else ()
    return AreaCheck(
        day=day,
        list_year=year,
        list_known=in_force is not None,
        kinds=kinds,
        refused=placement_refusal(kinds_in_force=kinds, barred=barred),
    )
