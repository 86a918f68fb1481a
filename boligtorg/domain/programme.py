"""The housing programme's arithmetic (seed 004, Tromsø; financing from seed 003).

Tromsø maps the persons expected to need a dwelling within five years, groups
them "into clusters or separate dwellings" (``boligtorg.domain.composition``),
and plans projects whose status is done, planned or not started. This module
says how far the projects cover the need, year by year and per kind of need,
and checks a project's financing: own funds, the Husbanken investment grant and
loans add up to its cost (Grorud's programme assumed 30 % own funds and 70 %
Husbanken).

Plain data in, plain data out; no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .composition import MappedPerson, Need, Partition, affinity

CLUSTER = "cluster"
SEPARATE = "separate"
WITH_SERVICES = "with_services"
NEED_KINDS = (CLUSTER, SEPARATE, WITH_SERVICES)

DONE = "done"
PLANNED = "planned"
NOT_STARTED = "not_started"
COUNTED_STATUSES = frozenset({DONE, PLANNED})
"""Seed 004 reports "1 project done, 3 in the economic plan and being planned, 1
not started": only the first two are supply the plan can count on."""

GRORUD_SHARES = (30, 70, 0)
"""Seed 003, "Finansieringsoversikt": the district's own share 30 %, Husbanken
70 % (own funds, investment grant, loans)."""

AGE_OF_GROUP = {"18-25": 21, "26-35": 30, "36-50": 43, "51-66": 58, "67+": 72}
"""The age the grouping uses for each age group: the middle of the group (67+:
72). Only the group is stored, never a date of birth."""

_INTEREST_SPLIT = re.compile(r"[,;\n]+")


def interest_codes(text: str) -> list[str]:
    """The interests typed as a comma-separated list, normalised and unique in
    order: ``"Music, outdoors,music"`` → ``["music", "outdoors"]``."""
    seen: dict[str, None] = {}
    for part in _INTEREST_SPLIT.split(text):
        code = " ".join(part.split()).lower()
        if code:
            seen.setdefault(code, None)
    return list(seen)


def default_kind(need: str) -> str:
    """The kind of need a mapped person counts toward before any grouping is
    accepted: services → a cluster with services, separate only → a separate
    dwelling, either → a cluster (Tromsø's cluster thinking is the default)."""
    if need == Need.STAFFED:
        return WITH_SERVICES
    if need == Need.SINGLE_ONLY:
        return SEPARATE
    return CLUSTER


# Coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class Demand:
    """One mapped person: the kind of dwelling needed and the year from which."""

    kind: str
    year: int


@dataclass(frozen=True)
class Supply:
    """One project: ``units`` dwellings of ``kind`` ready in ``year``."""

    kind: str
    year: int
    units: int
    status: str


@dataclass(frozen=True)
class YearCoverage:
    """Cumulative figures up to and including ``year``."""

    year: int
    need: int
    units: int

    @property
    def shortfall(self) -> int:
        return max(0, self.need - self.units)

    @property
    def covered(self) -> bool:
        return self.units >= self.need


@dataclass(frozen=True)
class Coverage:
    """Per kind of need (and ``total``), one ``YearCoverage`` per year."""

    years: tuple[int, ...]
    by_kind: Mapping[str, tuple[YearCoverage, ...]]
    total: tuple[YearCoverage, ...]


def _cumulative(years: Sequence[int], counts: Mapping[int, int], first: int) -> list[int]:
    running, out = 0, []
    for year in years:
        running += counts.get(year, 0)
        if year == first:
            running += sum(n for y, n in counts.items() if y < first)
        out.append(running)
    return out


def coverage(
    demands: Iterable[Demand],
    supplies: Iterable[Supply],
    first_year: int,
    last_year: int,
) -> Coverage:
    """The plan's coverage of the need per year (seed 004).

    Need in a year: the mapped persons of that kind expected to need a dwelling in
    that year or before. Units in a year: the dwellings of that kind from done or
    planned projects ready that year or before; not-started projects do not
    count. Everything before ``first_year`` counts in the first year, everything
    after ``last_year`` is outside the plan.

    Example: first year 2026, last 2028; persons (cluster, 2026), (cluster, 2027),
    (cluster, 2027), (separate, 2028); projects 2 cluster units done in 2027 and 1
    separate dwelling not started in 2026. Cluster: need 1, 3, 3 and units 0, 2,
    2, so shortfalls 1, 1, 1. Separate: need 0, 0, 1, units 0, 0, 0 (not started),
    shortfall 1 in 2028. Total: need 1, 3, 4; units 0, 2, 2; shortfall 1, 1, 2.
    """
    if last_year < first_year:
        raise ValueError(f"last year {last_year} is before first year {first_year}")
    years = tuple(range(first_year, last_year + 1))
    need: dict[str, dict[int, int]] = {kind: {} for kind in NEED_KINDS}
    units: dict[str, dict[int, int]] = {kind: {} for kind in NEED_KINDS}
    for demand in demands:
        counts = need.setdefault(demand.kind, {})
        counts[demand.year] = counts.get(demand.year, 0) + 1
    for supply in supplies:
        if supply.status not in COUNTED_STATUSES:
            continue
        counts = units.setdefault(supply.kind, {})
        counts[supply.year] = counts.get(supply.year, 0) + supply.units
    by_kind = {}
    for kind in need:
        needed = _cumulative(years, need[kind], first_year)
        built = _cumulative(years, units.get(kind, {}), first_year)
        by_kind[kind] = tuple(
            YearCoverage(year, n, u) for year, n, u in zip(years, needed, built, strict=True)
        )
    total = tuple(
        YearCoverage(
            year,
            sum(by_kind[kind][i].need for kind in by_kind),
            sum(by_kind[kind][i].units for kind in by_kind),
        )
        for i, year in enumerate(years)
    )
    return Coverage(years, by_kind, total)


# Financing ---------------------------------------------------------------------


def split_by_shares(cost: int, shares: Sequence[int]) -> tuple[int, ...]:
    """Whole-kroner amounts of ``cost`` in the percentage ``shares`` (which add up
    to 100), summing exactly to ``cost``: each part is rounded down and the kroner
    left over go to the parts with the largest remainders (the earlier on a tie).

    Example: 1,000,001 kr at 30 / 70 / 0 → 300,000.3 and 700,000.7 → 300,000 and
    700,001 (the one krone left goes to the larger remainder, 0.7), 0.
    """
    if sum(shares) != 100 or any(share < 0 for share in shares):
        raise ValueError(f"shares {list(shares)} are not percentages adding up to 100")
    if cost < 0:
        raise ValueError("the cost cannot be negative")
    exact = [cost * share for share in shares]
    parts = [value // 100 for value in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] % 100), i))
    for i in order[: cost - sum(parts)]:
        parts[i] += 1
    return tuple(parts)


def financing_gap(cost: int, own_funds: int, grant: int, loans: int) -> int:
    """Cost minus the financing: positive when the financing falls short, negative
    when it exceeds the cost, 0 when it adds up."""
    return cost - (own_funds + grant + loans)


def shares_of(cost: int, own_funds: int, grant: int, loans: int) -> tuple[float, float, float]:
    """The percentages of the cost, for showing (0 when the cost is 0)."""
    if cost <= 0:
        return (0.0, 0.0, 0.0)
    return tuple(round(100 * part / cost, 1) for part in (own_funds, grant, loans))  # type: ignore[return-value]


# Grouping ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedNeed:
    """A need that a grouping proposes: the members and why they fit."""

    kind: str
    members: tuple[int, ...]
    shared_interests: tuple[str, ...] = ()
    youngest: int | None = None
    oldest: int | None = None
    staffed: int = 0
    fit: int = 0


def proposed_needs(partition: Partition, persons: Sequence[MappedPerson]) -> list[ProposedNeed]:
    """The needs a grouping proposes, with the reasons its members fit: a cluster
    with services when a member needs a staff base, else a cluster; one separate
    dwelling per single. ``shared_interests`` are the interests at least two
    members share, ``fit`` the sum of their pairwise ``affinity``.

    Example: a cluster of two aged 21 with "music" and one aged 30 with "music"
    and "quiet": shared interests ("music",); ages 21–30; fit = (10 + 4) + (1 + 4)
    + (1 + 4) = 24 with the default weights.
    """
    by_id = {p.id: p for p in persons}
    needs = []
    for cluster in partition.clusters:
        members = [by_id[i] for i in cluster]
        counts: dict[str, int] = {}
        for person in members:
            for attribute in person.attributes:
                counts[attribute] = counts.get(attribute, 0) + 1
        staffed = sum(1 for p in members if p.needs == Need.STAFFED)
        fit = sum(affinity(a, b) for n, a in enumerate(members) for b in members[n + 1 :])
        needs.append(
            ProposedNeed(
                kind=WITH_SERVICES if staffed else CLUSTER,
                members=tuple(cluster),
                shared_interests=tuple(sorted(a for a, n in counts.items() if n >= 2)),
                youngest=min(p.age for p in members),
                oldest=max(p.age for p in members),
                staffed=staffed,
                fit=fit,
            )
        )
    for single in partition.singles:
        age = by_id[single].age
        needs.append(ProposedNeed(kind=SEPARATE, members=(single,), youngest=age, oldest=age))
    return needs
