"""The settlement forecast: the year's expected arrivals against the dwellings that will
be ready, month by month, with the shortfall by kind of dwelling.

Source: seed 000 (Trondheim, "ingen bolig, ingen bosetting"): the housing office must
know ahead of time when needs come and of what kind; issue 25, "A dwelling ready on the
day of arrival".

Method. An arrival *fits* a dwelling when the dwelling is ready on or before the day
of arrival, has at least the bedrooms needed and at most ``max_extra_bedrooms`` more
(a family of two is not given a five-room dwelling), and is accessible when the
arrival needs it (``fits``). Which arrivals can be housed at the same time is a
bipartite matching problem; the number housed here is a *maximum* matching, so no
assignment of the same dwellings houses more arrivals. First come first served
(``first_come_first_served``, the baseline) can house fewer; the tests show a case.

Among the maximum matchings the forecast takes the one that houses the earliest
arrivals: the sets of arrivals that can be housed together are the independent sets of
a transversal matroid (Edmonds and Fulkerson, 1965), so a maximum-weight matching with
weights strictly decreasing in arrival order houses exactly the set the matroid greedy
algorithm picks in that order, the lexicographically earliest maximum set (Schrijver,
Combinatorial Optimization, ch. 39-40). Among those, each pair's fit counts (the
exact bedroom count first, then an accessible dwelling kept for those who need one),
with weights too small to change the set housed. The assignment is solved with SciPy's
``linear_sum_assignment`` (Crouse, IEEE TAES 52(4), 2016) on integer weights below
n² · 4, exact in floating point for any municipality's year.

An arrival whose month is known but not its day is planned for the 1st of that month
(``Arrival.in_month``): the dwelling must be ready when the month begins.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

MAX_EXTRA_BEDROOMS = 1
MAX_FIT_RANK = 3  # exact bedrooms 2 + accessibility not wasted 1


@dataclass(frozen=True)
class Arrival:
    """A person or family expected on ``arrives_on``, needing ``bedrooms_needed``
    bedrooms and, if ``accessible``, an accessible dwelling."""

    key: Hashable
    arrives_on: datetime.date
    bedrooms_needed: int
    accessible: bool = False

    @classmethod
    def in_month(
        cls, key: Hashable, month: datetime.date, bedrooms_needed: int, accessible: bool = False
    ) -> Arrival:
        """An arrival known only by its month, planned for the month's first day."""
        return cls(key, month.replace(day=1), bedrooms_needed, accessible)

    @property
    def month(self) -> datetime.date:
        return self.arrives_on.replace(day=1)

    @property
    def kind(self) -> DwellingKind:
        return DwellingKind(self.bedrooms_needed, self.accessible)


@dataclass(frozen=True)
class Supply:
    """A dwelling that will be ready (vacant, lease ending, reserved for settlement, a
    new project) on ``ready_on``."""

    key: Hashable
    ready_on: datetime.date
    bedrooms: int
    accessible: bool = False


@dataclass(frozen=True, order=True)
class DwellingKind:
    """The kind of dwelling an arrival needs: bedrooms, and whether accessible."""

    bedrooms: int
    accessible: bool


@dataclass(frozen=True)
class MonthForecast:
    """One month: arrivals due, how many are housed, the shortfall with the kinds of
    dwelling missing (a count per kind), and ``spare``: dwellings ready by the month's
    last day that no arrival of the year is given."""

    month: datetime.date
    arrivals: int
    housed: int
    missing: Mapping[DwellingKind, int]
    spare: int

    @property
    def shortfall(self) -> int:
        return self.arrivals - self.housed


@dataclass(frozen=True)
class Forecast:
    year: int
    months: tuple[MonthForecast, ...]
    assignment: Mapping[Hashable, Hashable]  # arrival key -> dwelling key
    unhoused: tuple[Hashable, ...]  # arrival keys, earliest first
    reserved_not_fitting: tuple[Hashable, ...] = field(default=())

    @property
    def arrivals(self) -> int:
        return sum(m.arrivals for m in self.months)

    @property
    def housed(self) -> int:
        return sum(m.housed for m in self.months)

    @property
    def shortfall(self) -> int:
        return self.arrivals - self.housed

    @property
    def first_shortfall_month(self) -> datetime.date | None:
        """The first month with an arrival left without a dwelling; None when none is."""
        return next((m.month for m in self.months if m.shortfall), None)


def fits(arrival: Arrival, supply: Supply, *, max_extra_bedrooms: int = MAX_EXTRA_BEDROOMS) -> bool:
    """Whether ``supply`` can house ``arrival`` (seed 000; issue 25): ready on or before
    the day of arrival, between the bedrooms needed and ``max_extra_bedrooms`` more,
    accessible when needed."""
    return (
        supply.ready_on <= arrival.arrives_on
        and arrival.bedrooms_needed
        <= supply.bedrooms
        <= arrival.bedrooms_needed + max_extra_bedrooms
        and (supply.accessible or not arrival.accessible)
    )


def _sorted_arrivals(arrivals: Iterable[Arrival]) -> list[Arrival]:
    return sorted(arrivals, key=lambda a: (a.arrives_on, str(a.key)))


def match(
    arrivals: Sequence[Arrival],
    supply: Sequence[Supply],
    *,
    max_extra_bedrooms: int = MAX_EXTRA_BEDROOMS,
) -> dict[Hashable, Hashable]:
    """A maximum matching of ``arrivals`` to ``supply`` that houses the earliest
    arrivals among all maximum matchings (module docstring), as arrival key -> dwelling
    key."""
    ordered = _sorted_arrivals(arrivals)
    n, m = len(ordered), len(supply)
    if n == 0 or m == 0:
        return {}
    # ``fits`` on whole arrays, and each pair's fit rank (0..MAX_FIT_RANK): 2 for the
    # exact bedroom count, 1 for an accessible dwelling not spent on one who needs none.
    arrives = np.array([a.arrives_on.toordinal() for a in ordered])[:, None]
    needed = np.array([a.bedrooms_needed for a in ordered])[:, None]
    needs_access = np.array([a.accessible for a in ordered], dtype=bool)[:, None]
    ready = np.array([d.ready_on.toordinal() for d in supply])[None, :]
    bedrooms = np.array([d.bedrooms for d in supply])[None, :]
    accessible = np.array([d.accessible for d in supply], dtype=bool)[None, :]
    fit = (
        (ready <= arrives)
        & (needed <= bedrooms)
        & (bedrooms <= needed + max_extra_bedrooms)
        & (accessible | ~needs_access)
    )
    rank = 2 * (bedrooms == needed) + (accessible == needs_access)
    unit = n * MAX_FIT_RANK + 1  # one step of arrival priority outweighs every fit rank
    priority = (n - np.arange(n, dtype=np.int64))[:, None] * unit
    weights = np.where(fit, priority + rank, 0).astype(np.int64)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return {
        ordered[i].key: supply[j].key
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if weights[i, j] > 0
    }


def _months(year: int) -> list[datetime.date]:
    return [datetime.date(year, month, 1) for month in range(1, 13)]


def _month_end(month: datetime.date) -> datetime.date:
    following = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def forecast(
    arrivals: Iterable[Arrival],
    supply: Iterable[Supply],
    *,
    year: int,
    max_extra_bedrooms: int = MAX_EXTRA_BEDROOMS,
    reserved: Mapping[Hashable, Hashable] | None = None,
) -> Forecast:
    """The year's forecast month by month (seed 000; issue 25): the arrivals due in
    ``year`` against all ``supply``, matched as the module docstring says.

    ``reserved`` maps an arrival key to the dwelling the allocation meeting reserved for
    it: the pair is kept as given and both leave the matching. A reserved pair that does
    not ``fits`` (not ready by the arrival, too small, not accessible, or no longer in
    the supply) is listed in ``reserved_not_fitting`` so the office sees it, and its
    arrival is matched with the open supply like any other: housed only if another
    dwelling fits, otherwise counted in the month's shortfall."""
    reserved = dict(reserved or {})
    in_year = _sorted_arrivals(a for a in arrivals if a.arrives_on.year == year)
    dwellings = list(supply)
    by_key = {d.key: d for d in dwellings}
    reserved_keys = set(reserved.values())
    not_fitting = tuple(
        a.key
        for a in in_year
        if a.key in reserved
        and (
            reserved[a.key] not in by_key
            or not fits(a, by_key[reserved[a.key]], max_extra_bedrooms=max_extra_bedrooms)
        )
    )
    kept = {a.key for a in in_year if a.key in reserved and a.key not in not_fitting}
    open_arrivals = [a for a in in_year if a.key not in kept]
    open_supply = [d for d in dwellings if d.key not in reserved_keys]
    assignment: dict[Hashable, Hashable] = {key: reserved[key] for key in kept}
    assignment.update(match(open_arrivals, open_supply, max_extra_bedrooms=max_extra_bedrooms))
    used = set(assignment.values()) | reserved_keys  # a reservation for next year too

    months = []
    for month in _months(year):
        due = [a for a in in_year if a.month == month]
        housed = [a for a in due if a.key in assignment]
        missing = Counter(a.kind for a in due if a.key not in assignment)
        end = _month_end(month)
        spare = sum(1 for d in dwellings if d.ready_on <= end and d.key not in used)
        months.append(
            MonthForecast(
                month=month,
                arrivals=len(due),
                housed=len(housed),
                missing=dict(sorted(missing.items())),
                spare=spare,
            )
        )
    return Forecast(
        year=year,
        months=tuple(months),
        assignment=assignment,
        unhoused=tuple(a.key for a in in_year if a.key not in assignment),
        reserved_not_fitting=not_fitting,
    )


def first_come_first_served(
    arrivals: Iterable[Arrival],
    supply: Sequence[Supply],
    *,
    max_extra_bedrooms: int = MAX_EXTRA_BEDROOMS,
) -> dict[Hashable, Hashable]:
    """The baseline, not used by the forecast: each arrival in date order takes the
    first free dwelling that fits, earliest ready first. It can house fewer than
    ``match`` (a dwelling taken early may be the only one a later arrival fits)."""
    taken: set[Hashable] = set()
    assignment: dict[Hashable, Hashable] = {}
    pool = sorted(supply, key=lambda d: (d.ready_on, str(d.key)))
    for arrival in _sorted_arrivals(arrivals):
        for dwelling in pool:
            if dwelling.key not in taken and fits(
                arrival, dwelling, max_extra_bedrooms=max_extra_bedrooms
            ):
                taken.add(dwelling.key)
                assignment[arrival.key] = dwelling.key
                break
    return assignment
