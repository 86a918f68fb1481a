"""The allocation meeting's match: households to vacant dwellings, optimal and certified.

``build_problem`` turns the meeting's candidates and vacancies into arrays: every
eligible pair with its fit and weight, the area caps, and the meeting's locks,
forbidden pairs and dwellings taken out. ``solve_optimal`` finds the assignment
with the largest total weight (priority points and fit) under every hard rule and
proves it optimal against the LP-relaxation bound of the *full* problem, even
though it only hands a reduced problem to the solver. The baselines (first come
first served, greedy by rank, strict priority) run on the same problem, and
``outcome`` and ``justified_envy`` describe each answer the same way, so the
meeting sees the price of each policy side by side.

Ties are broken toward the least justified envy, lexicographically and exactly
(``_least_envy``): the first stage proves the largest total weight S*; the second
solves an integer program over the assignments of total weight ≥ S* (weights are
integers, and the answer is re-checked in integers after rounding, so no tolerance
can admit a worse score or lose an optimum) that minimises the number of
justified-envy pairs. The count is linear and exact: for each eligible pair (a, d)
a variable e ≥ y − z − Σ b, where y = 1 when d's holder has fewer points than a,
z = 1 when a holds a dwelling it fits at least as well, and b = 1 only when a cap
r that a would enter at d is full, d's holder is not counted by r and a's own
dwelling is not counted by r (exactly when ``justified_envy``'s swap would break
r). Pairs that the first stage's certificate prices out (bound + reduced cost <
S*) can be in no assignment of weight S* and are left out, which keeps the
program small. Within ``ENVY_STAGE_MAX_PAIRS`` (30,000: a meeting of tens of
dwellings and hundreds of households) and ``ENVY_STAGE_SECONDS`` the
answer's envy is proven least among all assignments of weight S*
(``Solution.least_envy``); beyond them the floor still holds: strict priority's
assignment (no justified envy) is taken whenever its weight is S* and it has less
envy, so a zero-envy optimum found by serial dictatorship is never passed over.

Sources:
- Seed 003 (Grorud): the meeting matches vacant dwellings to ranked applicants;
  ``allocation.priority``, ``allocation.eligibility`` and ``allocation.fit`` are
  the rules, applied here to every pair at once.
- Seed 001 (Skanderborg, "fleksibel/kombineret udlejning"): area caps on target
  groups (``allocation.AreaCap``) are hard rules of the match.
- Gale and Shapley (1962) and Abdulkadiroğlu and Sönmez (2003, school choice):
  "justified envy" is a household with more points that was eligible for, and
  wanted, a dwelling given to a household with fewer; serial dictatorship in
  points order (strict priority) has none.
- Linear programming duality (e.g. Schrijver, Combinatorial Optimization, ch. 17):
  any non-negative dual solution that prices every pair at or above its weight
  bounds every assignment, which is how a reduced model is certified.
- Lagrangian relaxation (Fisher, Management Science 27, 1981): with the caps
  priced, what is left is an assignment problem, solved exactly over all pairs
  (Jonker and Volgenant, Computing 38, 1987, sparse variant); its value plus the
  caps' price bounds the capped problem.
"""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from boligtorg.domain.allocation import (
    FIT_AREA_NEUTRAL,
    FIT_AREA_WANTED,
    FIT_NO_WASTE,
    FIT_SIZE_EXACT,
    FIT_SIZE_STEP,
    AreaCap,
    Candidate,
    EligibilityRules,
    PriorityRules,
    Vacancy,
    eligibility,
    priority,
)

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]

# A pair whose reduced cost is above this is priced too low by the duals.
REDUCED_COST_TOLERANCE = 1e-7
# Slack when an LP bound is rounded down to the integer objectives can reach.
ROUNDING_TOLERANCE = 1e-6
INTEGRALITY_TOLERANCE = 1e-6
# Relative slack within which the Lagrangian bound is taken to meet the LP's value.
LP_TOLERANCE = 1e-9
# The tie-break's reach (see ``_least_envy``): beyond this many pairs (those that may
# be chosen plus those that may envy) in its integer program, or this many seconds
# of HiGHS, the answer keeps the strict-priority floor only.
ENVY_STAGE_MAX_PAIRS = 30_000
ENVY_STAGE_SECONDS = 10.0


class Method(StrEnum):
    ASSIGNMENT = "assignment"
    LP = "lp"
    MILP = "milp"
    STRICT_PRIORITY = "strict_priority"
    GREEDY_BY_RANK = "greedy_by_rank"
    FIRST_COME_FIRST_SERVED = "first_come_first_served"


class Policy(StrEnum):
    """A rule set's choice: points dominate (no justified envy), or the best total
    of points and fit."""

    STRICT_PRIORITY = "strict_priority"
    BEST_FIT = "best_fit"


class InfeasibleCode(StrEnum):
    LOCK_UNKNOWN = "lock_unknown"
    LOCK_DWELLING_EXCLUDED = "lock_dwelling_excluded"
    LOCK_FORBIDDEN = "lock_forbidden"
    LOCK_NOT_ELIGIBLE = "lock_not_eligible"
    LOCK_DWELLING_TWICE = "lock_dwelling_twice"
    LOCK_HOUSEHOLD_TWICE = "lock_household_twice"
    LOCK_EXCEEDS_CAP = "lock_exceeds_cap"


class Infeasible(ValueError):
    """The meeting's locks cannot all hold. ``code`` says which rule they break;
    ``households`` and ``dwellings`` are the ids involved, ``cap`` the area cap for
    ``lock_exceeds_cap`` and ``checks`` the failed eligibility checks for
    ``lock_not_eligible``; the service layer turns them into a message."""

    def __init__(
        self,
        code: InfeasibleCode,
        *,
        households: Sequence[int] = (),
        dwellings: Sequence[int] = (),
        cap: AreaCap | None = None,
        checks: Sequence[str] = (),
    ) -> None:
        super().__init__(code.value, tuple(households), tuple(dwellings))
        self.code = code
        self.households = tuple(households)
        self.dwellings = tuple(dwellings)
        self.cap = cap
        self.checks = tuple(checks)


@dataclass(frozen=True)
class Weights:
    """The weight of a placed pair: ``points`` × the household's priority points +
    ``fit`` × the pair's fit. Integers, so every objective is an integer and an LP
    bound may be rounded down to the nearest integer."""

    points: int = 1
    fit: int = 1

    def __post_init__(self) -> None:
        for value in (self.points, self.fit):
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError("weights must be integers")


@dataclass(frozen=True, eq=False)
class CapRule:
    """An area cap on the problem's indexes. ``limit`` is what is left of the cap
    (never below 0); a pair counts when its household is in ``households`` and its
    dwelling in ``dwellings``; ``pairs`` are the pair indexes that count."""

    cap: AreaCap
    limit: int
    households: BoolArray
    dwellings: BoolArray
    pairs: IntArray


@dataclass(frozen=True, eq=False)
class Problem:
    """One meeting's match on arrays. Households and dwellings are indexed in the
    order given (dwellings taken out are left out); pairs are the eligible,
    not-forbidden (household, dwelling) pairs, sorted by household then dwelling."""

    household_ids: IntArray
    dwelling_ids: IntArray
    points: IntArray
    waiting_since: IntArray
    pair_household: IntArray
    pair_dwelling: IntArray
    pair_fit: IntArray
    pair_weight: IntArray
    caps: tuple[CapRule, ...]
    locked: IntArray
    forbidden: frozenset[tuple[int, int]]
    excluded_dwellings: frozenset[int]
    weights: Weights
    build_seconds: float

    @property
    def n_households(self) -> int:
        return int(self.household_ids.size)

    @property
    def n_dwellings(self) -> int:
        return int(self.dwelling_ids.size)

    @property
    def n_pairs(self) -> int:
        return int(self.pair_household.size)

    def pair_indexes(self, households: IntArray, dwellings: IntArray) -> IntArray:
        """The pair index of each (household index, dwelling index), -1 where the
        pair is not eligible or forbidden."""
        keys = self.pair_household * self.n_dwellings + self.pair_dwelling
        wanted = households * self.n_dwellings + dwellings
        found = np.searchsorted(keys, wanted)
        inside = found < keys.size
        hit = np.zeros(wanted.shape, dtype=bool)
        hit[inside] = keys[found[inside]] == wanted[inside]
        return np.where(hit, found, -1).astype(np.int64)


@dataclass(frozen=True, eq=False)
class Solution:
    """An assignment and how good it provably is.

    ``pairs`` are the chosen pair indexes of the problem, ``assignment`` the same as
    dwelling id → household id, ``objective`` their total weight. ``lp_bound`` is
    an upper bound on the full problem's LP relaxation (equal to it once the
    column generation has converged), certified by explicit prices for every
    household, dwelling and cap that cover every pair; ``bound`` is the best proven
    upper bound on any assignment's objective (the LP bound rounded down, since
    objectives are integers, or lower where the integer program proved more).
    ``gap`` = (bound − objective) / max(bound, 1); ``proven_optimal`` when it is 0.
    ``cap_prices`` (in the problem's cap order) is what one more placement under
    each cap would be worth; 0 for a cap that does not bind. ``iterations`` and
    ``reduced_pairs`` say how much of the problem the solver saw against
    ``full_pairs``. Baselines carry no bound and no prices."""

    method: Method
    pairs: IntArray
    assignment: Mapping[int, int]
    objective: int
    bound: float | None
    lp_bound: float | None
    gap: float | None
    proven_optimal: bool
    iterations: int
    full_pairs: int
    reduced_pairs: int
    cap_prices: tuple[float, ...]
    build_seconds: float
    solve_seconds: float
    envy: int | None = None
    least_envy: bool = False


@dataclass(frozen=True)
class Envy:
    """``household`` has more points than ``holder``, was eligible for ``dwelling``,
    would rather have it than what it got, and could take it without breaking a
    cap. ``locked`` when the meeting locked the holder's pair or the household's
    own: the meeting chose that, so the envy is shown but not held against the
    match."""

    household: int
    dwelling: int
    holder: int
    locked: bool


@dataclass(frozen=True)
class Outcome:
    """What an assignment gives, in the meeting's terms. ``top_priority_left_out``:
    of the as many households as there are dwellings with the most points (among
    those eligible for at least one dwelling), how many go without."""

    housed: int
    total_points: int
    total_fit: int
    objective: int
    top_priority_left_out: int
    justified_envy: int


# --- building the problem -------------------------------------------------------------------


def build_problem(
    candidates: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    priority_rules: PriorityRules,
    eligibility_rules: EligibilityRules,
    caps: Sequence[AreaCap],
    weights: Weights,
    today: datetime.date,
    locks: Iterable[tuple[int, int]] = (),
    forbids: Iterable[tuple[int, int]] = (),
    excluded_dwellings: Collection[int] = (),
) -> Problem:
    """Every eligible pair of the meeting with its fit and weight, at once on arrays.

    Eligibility and fit are exactly ``allocation.eligibility``/``is_eligible`` and
    ``allocation.fit`` (a property test holds them to it); points are
    ``allocation.priority``. ``locks`` and ``forbids`` are (household id, dwelling
    id) pairs; forbids naming unknown ids are ignored, bad locks raise
    ``Infeasible``. Dwellings in ``excluded_dwellings`` are left out."""
    started = time.perf_counter()
    excluded = frozenset(excluded_dwellings)
    forbidden = frozenset((int(h), int(d)) for h, d in forbids)
    kept = [vacancy for vacancy in vacancies if vacancy.id not in excluded]
    _require_unique([c.id for c in candidates], "candidate")
    _require_unique([v.id for v in vacancies], "vacancy")

    household_ids = np.array([c.id for c in candidates], dtype=np.int64)
    dwelling_ids = np.array([v.id for v in kept], dtype=np.int64)
    points = np.array(
        [priority(c, priority_rules, today).total for c in candidates], dtype=np.int64
    )
    waiting = np.array([c.waiting_since.toordinal() for c in candidates], dtype=np.int64)

    dwellings = _dwellings(kept)
    households = _households(candidates, dwellings.areas, eligibility_rules)
    matrix = _eligibility_matrix(households, dwellings, kept)
    household_index = {int(h): i for i, h in enumerate(household_ids)}
    dwelling_index = {int(d): j for j, d in enumerate(dwelling_ids)}
    for household_id, dwelling_id in forbidden:
        i = household_index.get(household_id)
        j = dwelling_index.get(dwelling_id)
        if i is not None and j is not None:
            matrix[i, j] = False
    pair_household, pair_dwelling = (part.astype(np.int64) for part in np.nonzero(matrix))
    del matrix

    pair_fit = _fit(households, dwellings, pair_household, pair_dwelling)
    pair_weight = weights.points * points[pair_household] + weights.fit * pair_fit
    cap_rules = tuple(
        _cap_rule(cap, households, kept, pair_household, pair_dwelling) for cap in caps
    )
    problem = Problem(
        household_ids=household_ids,
        dwelling_ids=dwelling_ids,
        points=points,
        waiting_since=waiting,
        pair_household=pair_household,
        pair_dwelling=pair_dwelling,
        pair_fit=pair_fit,
        pair_weight=pair_weight.astype(np.int64),
        caps=cap_rules,
        locked=np.zeros(0, dtype=np.int64),
        forbidden=forbidden,
        excluded_dwellings=excluded,
        weights=weights,
        build_seconds=0.0,
    )
    locked = _validate_locks(
        problem,
        list(locks),
        {c.id: c for c in candidates},
        {v.id: v for v in vacancies},
        eligibility_rules,
    )
    return replace(problem, locked=locked, build_seconds=time.perf_counter() - started)


def _require_unique(ids: list[int], what: str) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate {what} ids")


@dataclass(frozen=True, eq=False)
class _Households:
    """What the rules read of each household, as arrays. ``low``/``high`` are the
    bedrooms it may have exactly as ``allocation.eligibility`` computes them;
    ``wanted``/``excluded`` are household × area (the vacancies' areas), and a blank
    area is never excluded since that check needs a known area."""

    low: IntArray
    high: IntArray
    needs_wheelchair: BoolArray
    needs_step_free: BoolArray
    has_pets: BoolArray
    accepts_shared_house: BoolArray
    names_an_area: BoolArray
    wanted: BoolArray
    excluded: BoolArray
    group_sets: list[frozenset[str]]
    group_code: IntArray

    def in_groups(self, groups: frozenset[str]) -> BoolArray:
        """Which households belong to at least one of ``groups``."""
        member = np.array([bool(own & groups) for own in self.group_sets], dtype=bool)
        result: BoolArray = member[self.group_code]
        return result


@dataclass(frozen=True, eq=False)
class _Dwellings:
    bedrooms: IntArray
    wheelchair: BoolArray
    step_free: BoolArray
    pets_allowed: BoolArray
    shared_house: BoolArray
    area_code: IntArray
    areas: list[str]


def _dwellings(vacancies: Sequence[Vacancy]) -> _Dwellings:
    areas = sorted({v.area for v in vacancies})
    code = {area: k for k, area in enumerate(areas)}
    wheelchair = np.array([v.wheelchair_accessible for v in vacancies], dtype=bool)
    return _Dwellings(
        bedrooms=np.array([v.bedrooms for v in vacancies], dtype=np.int64),
        wheelchair=wheelchair,
        step_free=np.array([v.step_free for v in vacancies], dtype=bool) | wheelchair,
        pets_allowed=np.array([v.pets_allowed for v in vacancies], dtype=bool),
        shared_house=np.array([v.shared_house for v in vacancies], dtype=bool),
        area_code=np.array([code[v.area] for v in vacancies], dtype=np.int64),
        areas=areas,
    )


def _households(
    candidates: Sequence[Candidate], areas: list[str], rules: EligibilityRules
) -> _Households:
    table: dict[int, tuple[int, int]] = {}
    area_code = {area: k for k, area in enumerate(areas)}
    group_sets: dict[frozenset[str], int] = {}
    n = len(candidates)
    low = np.empty(n, dtype=np.int64)
    high = np.empty(n, dtype=np.int64)
    group_code = np.empty(n, dtype=np.int64)
    wanted = np.zeros((n, len(areas)), dtype=bool)
    excluded = np.zeros((n, len(areas)), dtype=bool)
    for i, candidate in enumerate(candidates):
        size = candidate.household_size
        if size not in table:
            table[size] = rules.bedroom_range(size)
        row_low, row_high = table[size]
        low[i] = max(row_low, candidate.min_bedrooms)
        high[i] = max(row_high, low[i])
        group_code[i] = group_sets.setdefault(candidate.target_groups, len(group_sets))
        for area in candidate.wanted_areas:
            if area in area_code:
                wanted[i, area_code[area]] = True
        for area in candidate.excluded_areas:
            if area and area in area_code:
                excluded[i, area_code[area]] = True

    def flag(name: str) -> BoolArray:
        return np.array([bool(getattr(c, name)) for c in candidates], dtype=bool)

    return _Households(
        low=low,
        high=high,
        needs_wheelchair=flag("needs_wheelchair"),
        needs_step_free=flag("needs_step_free"),
        has_pets=flag("has_pets"),
        accepts_shared_house=flag("accepts_shared_house"),
        names_an_area=flag("wanted_areas"),
        wanted=wanted,
        excluded=excluded,
        group_sets=list(group_sets),
        group_code=group_code,
    )


def _eligibility_matrix(
    households: _Households, dwellings: _Dwellings, vacancies: Sequence[Vacancy]
) -> BoolArray:
    """Household × dwelling: every check of ``allocation.eligibility`` passed."""
    bedrooms = dwellings.bedrooms[None, :]
    matrix = households.low[:, None] <= bedrooms
    matrix &= bedrooms <= households.high[:, None]
    matrix &= ~households.needs_wheelchair[:, None] | dwellings.wheelchair[None, :]
    matrix &= ~households.needs_step_free[:, None] | dwellings.step_free[None, :]
    matrix &= ~households.has_pets[:, None] | dwellings.pets_allowed[None, :]
    matrix &= households.accepts_shared_house[:, None] | ~dwellings.shared_house[None, :]
    matrix &= ~households.excluded[:, dwellings.area_code]
    # Reserved dwellings: one column per distinct reservation; open dwellings pass.
    reservations = sorted({v.reserved_for for v in vacancies}, key=sorted)
    allowed = np.ones((households.low.size, len(reservations)), dtype=bool)
    for k, groups in enumerate(reservations):
        if groups:
            allowed[:, k] = households.in_groups(groups)
    reservation_code = {groups: k for k, groups in enumerate(reservations)}
    matrix &= allowed[:, [reservation_code[v.reserved_for] for v in vacancies]]
    return matrix


def _fit(
    households: _Households,
    dwellings: _Dwellings,
    pair_household: IntArray,
    pair_dwelling: IntArray,
) -> IntArray:
    """``allocation.fit`` of every pair."""
    area = np.where(
        households.names_an_area[pair_household],
        np.where(
            households.wanted[pair_household, dwellings.area_code[pair_dwelling]],
            FIT_AREA_WANTED,
            0,
        ),
        FIT_AREA_NEUTRAL,
    )
    extra = np.maximum(dwellings.bedrooms[pair_dwelling] - households.low[pair_household], 0)
    size = np.maximum(FIT_SIZE_EXACT - FIT_SIZE_STEP * extra, 0)
    wasted = dwellings.wheelchair[pair_dwelling] & ~households.needs_wheelchair[pair_household]
    waste = np.where(wasted, 0, FIT_NO_WASTE)
    total: IntArray = (area + size + waste).astype(np.int64)
    return total


def _cap_rule(
    cap: AreaCap,
    households: _Households,
    vacancies: Sequence[Vacancy],
    pair_household: IntArray,
    pair_dwelling: IntArray,
) -> CapRule:
    counted_households = households.in_groups(cap.target_groups)
    counted_dwellings = np.array([v.area == cap.area for v in vacancies], dtype=bool)
    counted = np.flatnonzero(counted_households[pair_household] & counted_dwellings[pair_dwelling])
    # A cap already overrun in the period allows no more placements, not fewer than none.
    return CapRule(
        cap, max(cap.limit, 0), counted_households, counted_dwellings, counted.astype(np.int64)
    )


def _validate_locks(
    problem: Problem,
    locks: list[tuple[int, int]],
    candidates: Mapping[int, Candidate],
    vacancies: Mapping[int, Vacancy],
    rules: EligibilityRules,
) -> IntArray:
    """The locked pairs' indexes, or ``Infeasible`` naming the first broken rule."""
    household_index = {int(h): i for i, h in enumerate(problem.household_ids)}
    dwelling_index = {int(d): j for j, d in enumerate(problem.dwelling_ids)}
    unique = list(dict.fromkeys((int(h), int(d)) for h, d in locks))
    for household_id, dwelling_id in unique:
        code = None
        if dwelling_id in problem.excluded_dwellings:
            code = InfeasibleCode.LOCK_DWELLING_EXCLUDED
        elif household_id not in household_index or dwelling_id not in dwelling_index:
            code = InfeasibleCode.LOCK_UNKNOWN
        elif (household_id, dwelling_id) in problem.forbidden:
            code = InfeasibleCode.LOCK_FORBIDDEN
        if code is not None:
            raise Infeasible(code, households=[household_id], dwellings=[dwelling_id])
    pairs = problem.pair_indexes(
        np.array([household_index[h] for h, _d in unique], dtype=np.int64),
        np.array([dwelling_index[d] for _h, d in unique], dtype=np.int64),
    )
    holder: dict[int, int] = {}
    home: dict[int, int] = {}
    for (household_id, dwelling_id), pair in zip(unique, pairs, strict=True):
        if pair < 0:
            checks = eligibility(candidates[household_id], vacancies[dwelling_id], rules)
            raise Infeasible(
                InfeasibleCode.LOCK_NOT_ELIGIBLE,
                households=[household_id],
                dwellings=[dwelling_id],
                checks=[check.code.value for check in checks if not check.passed],
            )
        if dwelling_id in holder:
            raise Infeasible(
                InfeasibleCode.LOCK_DWELLING_TWICE,
                households=[holder[dwelling_id], household_id],
                dwellings=[dwelling_id],
            )
        if household_id in home:
            raise Infeasible(
                InfeasibleCode.LOCK_HOUSEHOLD_TWICE,
                households=[household_id],
                dwellings=[home[household_id], dwelling_id],
            )
        holder[dwelling_id] = household_id
        home[household_id] = dwelling_id
    locked = np.sort(pairs).astype(np.int64)
    for rule in problem.caps:
        counted = locked[_counts(problem, rule, locked)]
        if counted.size > rule.limit:
            raise Infeasible(
                InfeasibleCode.LOCK_EXCEEDS_CAP,
                households=[int(h) for h in problem.household_ids[problem.pair_household[counted]]],
                dwellings=[int(d) for d in problem.dwelling_ids[problem.pair_dwelling[counted]]],
                cap=rule.cap,
            )
    return locked


def _counts(problem: Problem, rule: CapRule, pairs: IntArray) -> BoolArray:
    """Which of ``pairs`` the cap counts."""
    counted: BoolArray = (
        rule.households[problem.pair_household[pairs]]
        & rule.dwellings[problem.pair_dwelling[pairs]]
    )
    return counted


# --- the optimal match ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Residual:
    """What is left to decide once the locked pairs are placed: the pairs that may
    still be chosen and could add weight (``active``, ascending), the caps that can
    still bind with what is left of each, and for each such cap the positions in
    ``active`` of the pairs it counts."""

    active: IntArray
    weight: FloatArray
    caps: tuple[tuple[CapRule, int], ...]
    counted: tuple[IntArray, ...]
    locked_weight: int

    @property
    def limits(self) -> FloatArray:
        return np.array([left for _rule, left in self.caps], dtype=np.float64)


def _residual(problem: Problem) -> _Residual:
    locked = problem.locked
    free_household = np.ones(problem.n_households, dtype=bool)
    free_dwelling = np.ones(problem.n_dwellings, dtype=bool)
    free_household[problem.pair_household[locked]] = False
    free_dwelling[problem.pair_dwelling[locked]] = False
    usable = (
        free_household[problem.pair_household]
        & free_dwelling[problem.pair_dwelling]
        & (problem.pair_weight > 0)
    )
    caps: list[tuple[CapRule, int]] = []
    for rule in problem.caps:
        left = rule.limit - int(_counts(problem, rule, locked).sum())
        if left <= 0:
            usable[rule.pairs] = False
        else:
            caps.append((rule, left))
    active = np.flatnonzero(usable).astype(np.int64)
    # A cap with no more usable pairs than it allows can never be broken: leave it out.
    binding = tuple((rule, left) for rule, left in caps if int(usable[rule.pairs].sum()) > left)
    counted = tuple(
        np.searchsorted(active, rule.pairs[usable[rule.pairs]]).astype(np.int64)
        for rule, _left in binding
    )
    weight = problem.pair_weight[active].astype(np.float64)
    return _Residual(active, weight, binding, counted, int(problem.pair_weight[locked].sum()))


@dataclass(frozen=True, eq=False)
class _Certificate:
    """Prices (a dual solution of the residual LP) that cover every active pair:
    ``bound`` = Σ household prices + Σ dwelling prices + Σ cap left × cap price is
    at least the value of every assignment, fractional or not; ``reduced_cost``
    (weight − prices, ≤ 0) is aligned with the residual's active pairs."""

    bound: float
    reduced_cost: FloatArray
    cap_prices: FloatArray


@dataclass(frozen=True, eq=False)
class _Answer:
    chosen: IntArray
    method: Method
    bound: int
    certificate: _Certificate
    iterations: int
    reduced_pairs: int


def solve_optimal(problem: Problem, *, max_iterations: int = 100) -> Solution:
    """The assignment with the largest total weight under every hard rule, and the
    proof that no assignment does better. Locked pairs are placed first.

    Without caps that bind it is an assignment problem, solved exactly with SciPy's
    sparse Jonker–Volgenant (``min_weight_full_bipartite_matching``). With caps, a
    reduced LP over a growing set of pairs is solved with HiGHS; its cap prices
    ``mu`` make an assignment problem over *all* pairs (weight − mu per cap that
    counts the pair), whose optimum plus Σ cap left × mu bounds the full LP
    (Lagrangian duality), and whose pairs join the reduced LP until the bound meets
    the LP's value. An integral LP answer is then optimal; otherwise the reduced
    integer program is solved with HiGHS, grown by every pair whose reduced cost
    says it could still beat the answer. The certificate is always explicit prices
    for every household, dwelling and cap, checked against every pair."""
    started = time.perf_counter()
    residual = _residual(problem)
    graph = _graph(problem, residual)
    first = _best_assignment(problem, residual, graph, np.zeros(len(residual.caps)))
    if not residual.caps or _respects(residual, first):
        certificate = _certify(problem, residual, np.zeros(len(residual.caps)), first)
        bound = math.floor(certificate.bound + ROUNDING_TOLERANCE)
        answer = _Answer(first, Method.ASSIGNMENT, bound, certificate, 1, int(first.size))
    else:
        answer = _solve_capped(problem, residual, graph, first, max_iterations)
    cap_price = {
        id(rule): float(price)
        for (rule, _left), price in zip(residual.caps, answer.certificate.cap_prices, strict=True)
    }
    chosen = np.union1d(answer.chosen, problem.locked).astype(np.int64)
    bound = answer.bound + residual.locked_weight
    chosen, envy, least = _least_envy(problem, residual, answer.certificate, chosen, bound)
    return _solution(
        problem,
        answer.method,
        chosen,
        started,
        envy=envy,
        least_envy=least,
        bound=float(bound),
        lp_bound=answer.certificate.bound + residual.locked_weight,
        iterations=answer.iterations,
        reduced_pairs=answer.reduced_pairs,
        cap_prices=tuple(cap_price.get(id(rule), 0.0) for rule in problem.caps),
    )


def _respects(residual: _Residual, chosen: IntArray) -> bool:
    at = np.searchsorted(residual.active, chosen)
    return all(
        int(np.isin(at, counted).sum()) <= left
        for (_rule, left), counted in zip(residual.caps, residual.counted, strict=True)
    )


def _priced_weights(problem: Problem, residual: _Residual, cap_prices: FloatArray) -> FloatArray:
    """Each active pair's weight less the price of every cap that counts it."""
    weight = residual.weight.copy()
    for counted, price in zip(residual.counted, cap_prices, strict=True):
        if price > 0:
            weight[counted] -= price
    return weight


@dataclass(frozen=True, eq=False)
class _Graph:
    """The active pairs as a sparse dwelling × household matrix, built once per
    solve: only the costs change between assignment problems. Each dwelling also
    has a dummy household of its own (column ``n_households + dwelling``), so a
    full matching always exists and leaving a dwelling empty is an option."""

    order: IntArray
    indices: IntArray
    indptr: IntArray
    dummy_at: IntArray
    ceiling: float
    shape: tuple[int, int]


def _index_type(size: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type for indexes below ``size``: NumPy sorts 16-bit
    integers with a radix sort, in linear time."""
    return np.int16 if size <= np.iinfo(np.int16).max else np.int64


def _graph(problem: Problem, residual: _Residual) -> _Graph:
    households = problem.pair_household[residual.active]
    dwellings = problem.pair_dwelling[residual.active]
    # Pairs are sorted by household, so a stable sort by dwelling keeps households
    # ascending within each row, as CSR wants.
    order = np.argsort(dwellings.astype(_index_type(problem.n_dwellings)), kind="stable")
    per_row = np.bincount(dwellings, minlength=problem.n_dwellings) + 1
    indptr = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int64)
    dummy_at = indptr[1:] - 1
    real = np.ones(int(indptr[-1]), dtype=bool)
    real[dummy_at] = False
    indices = np.empty(int(indptr[-1]), dtype=np.int64)
    indices[real] = households[order]
    indices[dummy_at] = problem.n_households + np.arange(problem.n_dwellings)
    weights = problem.pair_weight[residual.active]
    ceiling = float(weights.max()) + 1.0 if weights.size else 1.0
    shape = (problem.n_dwellings, problem.n_households + problem.n_dwellings)
    return _Graph(order, indices, indptr, dummy_at, ceiling, shape)


def _best_assignment(
    problem: Problem, residual: _Residual, graph: _Graph, cap_prices: FloatArray
) -> IntArray:
    """The assignment of largest priced weight over every active pair, the caps
    left to their prices. Costs are ``ceiling − weight`` (positive, since the
    sparse solver takes the stored entries as the edges); a pair whose priced
    weight is not positive is never better than leaving the dwelling empty."""
    if problem.n_dwellings == 0:
        return np.zeros(0, dtype=np.int64)
    weight = _priced_weights(problem, residual, cap_prices)
    data = np.full(graph.indices.size, graph.ceiling)
    real = np.ones(graph.indices.size, dtype=bool)
    real[graph.dummy_at] = False
    data[real] = graph.ceiling - weight[graph.order]
    matrix = csr_array((data, graph.indices, graph.indptr), shape=graph.shape)
    rows, columns = min_weight_full_bipartite_matching(matrix)
    real_match = columns < problem.n_households
    chosen = problem.pair_indexes(
        np.asarray(columns[real_match], dtype=np.int64),
        np.asarray(rows[real_match], dtype=np.int64),
    )
    at = np.searchsorted(residual.active, chosen)
    return np.sort(chosen[weight[at] > ROUNDING_TOLERANCE])


def _certify(
    problem: Problem, residual: _Residual, cap_prices: FloatArray, matching: IntArray
) -> _Certificate:
    """Household and dwelling prices that cover every active pair at the given cap
    prices, as low as ``matching`` allows: a dwelling costs at least what any
    unhoused household would pay for it, and at least what a housed household
    would give up of its own pair to move there (longest paths, relaxed until they
    settle). Household prices are then set to what covers their best pair, so the
    prices cover every pair whatever the matching was; when the matching is optimal
    at these cap prices, the bound equals its priced weight plus Σ cap left ×
    price."""
    weight = _priced_weights(problem, residual, cap_prices)
    households = problem.pair_household[residual.active]
    dwellings = problem.pair_dwelling[residual.active]
    home = np.full(problem.n_households, -1, dtype=np.int64)
    home_weight = np.zeros(problem.n_households)
    at = np.searchsorted(residual.active, matching)
    home[households[at]] = dwellings[at]
    home_weight[households[at]] = weight[at]

    dwelling_price = np.zeros(problem.n_dwellings)
    positive = weight > 0
    housed = home[households] >= 0
    unhoused = positive & ~housed
    np.maximum.at(dwelling_price, dwellings[unhoused], weight[unhoused])
    moves = np.flatnonzero(positive & housed & (dwellings != home[households]))
    order = moves[np.argsort(dwellings[moves], kind="stable")]
    source = home[households[order]]
    target = dwellings[order]
    gain = weight[order] - home_weight[households[order]]
    if target.size:
        targets, starts = np.unique(target, return_index=True)
        for _ in range(problem.n_dwellings + 1):
            reach = np.maximum.reduceat(dwelling_price[source] + gain, starts)
            raised = reach > dwelling_price[targets] + REDUCED_COST_TOLERANCE
            if not raised.any():
                break
            dwelling_price[targets[raised]] = reach[raised]

    household_price = np.zeros(problem.n_households)
    np.maximum.at(household_price, households, weight - dwelling_price[dwellings])
    reduced_cost = weight - household_price[households] - dwelling_price[dwellings]
    bound = float(household_price.sum() + dwelling_price.sum() + residual.limits @ cap_prices)
    return _Certificate(bound, reduced_cost, cap_prices)


def _solve_capped(
    problem: Problem, residual: _Residual, graph: _Graph, first: IntArray, max_iterations: int
) -> _Answer:
    """Lagrangian column generation, then the integer answer (see ``solve_optimal``)."""
    reduced = first
    best_bound = math.inf
    best_prices = np.zeros(len(residual.caps))
    best_matching = first
    x = np.zeros(0)
    solved = reduced[:0]
    iterations = 0
    while iterations < max_iterations:
        iterations += 1
        solved = reduced
        x, value, prices = _solve_lp(problem, residual, solved)
        matching = _best_assignment(problem, residual, graph, prices)
        at = np.searchsorted(residual.active, matching)
        bound = float(
            _priced_weights(problem, residual, prices)[at].sum() + residual.limits @ prices
        )
        if bound < best_bound:
            best_bound, best_prices, best_matching = bound, prices, matching
        if best_bound <= value + LP_TOLERANCE * max(1.0, abs(value)):
            break
        if _is_integral(x) and math.floor(best_bound + ROUNDING_TOLERANCE) <= round(value):
            break
        new = np.setdiff1d(matching, reduced, assume_unique=True)
        if new.size == 0:
            break
        reduced = np.union1d(reduced, new)
    certificate = _certify(problem, residual, best_prices, best_matching)
    lp_bound = math.floor(certificate.bound + ROUNDING_TOLERANCE)
    if _is_integral(x):
        chosen = np.sort(solved[x > 0.5])
        if int(problem.pair_weight[chosen].sum()) >= lp_bound:
            return _Answer(chosen, Method.LP, lp_bound, certificate, iterations, int(reduced.size))
    # A fractional LP, or one cut short by ``max_iterations``: the integer program
    # over the reduced pairs, grown by reduced-cost fixing, still gives the proof.
    chosen, bound, reduced = _integer_program(problem, residual, reduced, certificate)
    return _Answer(chosen, Method.MILP, bound, certificate, iterations, int(reduced.size))


def _is_integral(x: FloatArray) -> bool:
    return x.size == 0 or float(np.abs(x - np.round(x)).max()) <= INTEGRALITY_TOLERANCE


def _constraint_matrix(
    problem: Problem, residual: _Residual, reduced: IntArray
) -> tuple[csr_array, FloatArray]:
    """Rows: each household and each dwelling of the reduced pairs (at most one
    each), then each cap that can bind (at most what is left of it)."""
    _households, household_row = np.unique(problem.pair_household[reduced], return_inverse=True)
    _dwellings, dwelling_row = np.unique(problem.pair_dwelling[reduced], return_inverse=True)
    n_households = int(household_row.max()) + 1
    first_cap = n_households + int(dwelling_row.max()) + 1
    columns = np.arange(reduced.size)
    rows = [household_row, n_households + dwelling_row]
    cols = [columns, columns]
    for k, (rule, _left) in enumerate(residual.caps):
        member = np.flatnonzero(_counts(problem, rule, reduced))
        rows.append(np.full(member.size, first_cap + k))
        cols.append(member)
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    shape = (first_cap + len(residual.caps), reduced.size)
    matrix = csr_array((np.ones(row.size), (row, col)), shape=shape)
    limits = np.concatenate([np.ones(first_cap), residual.limits])
    return matrix, limits


def _solve_lp(
    problem: Problem, residual: _Residual, reduced: IntArray
) -> tuple[FloatArray, float, FloatArray]:
    """The reduced LP's solution, value and cap prices (its cap duals, ≥ 0)."""
    if reduced.size == 0:
        return np.zeros(0), 0.0, np.zeros(len(residual.caps))
    matrix, limits = _constraint_matrix(problem, residual, reduced)
    result = linprog(
        -problem.pair_weight[reduced].astype(np.float64),
        A_ub=matrix,
        b_ub=limits,
        bounds=(0, None),
        method="highs-ds",
    )
    if result.status != 0:
        raise RuntimeError(f"HiGHS did not solve the LP: {result.message}")
    duals = -np.asarray(result.ineqlin.marginals, dtype=np.float64)
    prices = np.maximum(duals[limits.size - len(residual.caps) :], 0.0)
    return np.asarray(result.x, dtype=np.float64), -float(result.fun), prices


def _integer_program(
    problem: Problem, residual: _Residual, reduced: IntArray, certificate: _Certificate
) -> tuple[IntArray, int, IntArray]:
    """The reduced integer program, grown until no pair outside it could beat its
    answer: an assignment using a pair outside is worth at most the certificate's
    bound plus that pair's reduced cost. Returns the pairs, the proven bound and the
    final reduced set."""
    lp_bound = math.floor(certificate.bound + ROUNDING_TOLERANCE)
    active = residual.active
    while True:
        chosen, milp_bound = _solve_milp(problem, residual, reduced)
        value = int(problem.pair_weight[chosen].sum())
        outside = np.ones(active.size, dtype=bool)
        outside[np.searchsorted(active, reduced)] = False
        outside_cost = certificate.reduced_cost[outside]
        outside_bound = (
            math.floor(certificate.bound + float(outside_cost.max()) + ROUNDING_TOLERANCE)
            if outside_cost.size
            else -math.inf
        )
        bound = min(lp_bound, max(milp_bound, outside_bound))
        if bound <= value or outside_bound <= value:
            return chosen, int(max(bound, value)), reduced
        could_beat = active[outside][outside_cost > value - certificate.bound]
        reduced = np.union1d(reduced, could_beat)


def _solve_milp(problem: Problem, residual: _Residual, reduced: IntArray) -> tuple[IntArray, int]:
    """The reduced integer program solved to optimality; its pairs and proven bound."""
    matrix, limits = _constraint_matrix(problem, residual, reduced)
    result = milp(
        -problem.pair_weight[reduced].astype(np.float64),
        integrality=np.ones(reduced.size),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, -np.inf, limits),
        options={"mip_rel_gap": 0.0},
    )
    if result.status != 0:
        raise RuntimeError(f"HiGHS did not solve the integer program: {result.message}")
    chosen = np.sort(reduced[np.asarray(result.x) > 0.5])
    return chosen, math.floor(-float(result.mip_dual_bound) + ROUNDING_TOLERANCE)


def _solution(
    problem: Problem,
    method: Method,
    chosen: IntArray,
    started: float,
    *,
    bound: float | None = None,
    lp_bound: float | None = None,
    iterations: int = 0,
    reduced_pairs: int = 0,
    cap_prices: tuple[float, ...] = (),
    envy: int | None = None,
    least_envy: bool = False,
) -> Solution:
    objective = int(problem.pair_weight[chosen].sum())
    gap = None if bound is None else max(bound - objective, 0.0) / max(bound, 1.0)
    households = problem.household_ids[problem.pair_household[chosen]]
    dwellings = problem.dwelling_ids[problem.pair_dwelling[chosen]]
    return Solution(
        method=method,
        pairs=chosen,
        assignment={int(d): int(h) for h, d in zip(households, dwellings, strict=True)},
        objective=objective,
        bound=bound,
        lp_bound=lp_bound,
        gap=gap,
        proven_optimal=gap is not None and gap <= 1e-9,
        iterations=iterations,
        full_pairs=problem.n_pairs,
        reduced_pairs=reduced_pairs,
        cap_prices=cap_prices,
        build_seconds=problem.build_seconds,
        solve_seconds=time.perf_counter() - started,
        envy=envy,
        least_envy=least_envy,
    )


# --- the tie-break: least justified envy among the optimal assignments ----------------------


def _least_envy(
    problem: Problem,
    residual: _Residual,
    certificate: _Certificate,
    chosen: IntArray,
    bound: int,
) -> tuple[IntArray, int, bool]:
    """Among the assignments of total weight ``bound`` (the proven optimum S*), one
    with the fewest justified-envy pairs: the pairs, their envy count and whether
    that count is proven least (see the module docstring for the model).

    ``chosen`` is the first stage's answer. When it has no envy it is kept. Else
    strict priority's assignment replaces it if it reaches S* with less envy (the
    floor), and, when the program fits ``ENVY_STAGE_MAX_PAIRS``, the integer
    program is solved within ``ENVY_STAGE_SECONDS``; its answer is taken only
    after it is checked in integers (weight S*, every rule, its envy recounted)."""
    objective = int(problem.pair_weight[chosen].sum())
    envy = int(_envy(problem, chosen)[0].size)
    if envy == 0:
        return chosen, 0, True
    if objective != bound:
        return chosen, envy, False
    floor = _serial(problem, _priority_order(problem))
    if int(problem.pair_weight[floor].sum()) == objective:
        floor_envy = int(_envy(problem, floor)[0].size)
        if floor_envy < envy:
            chosen, envy = floor, floor_envy
            if envy == 0:
                return chosen, 0, True
    kept = _tie_pairs(problem, residual, certificate, objective)
    if kept.size > ENVY_STAGE_MAX_PAIRS:
        return chosen, envy, False
    envious = _could_envy(problem, kept)
    if kept.size + envious.size > ENVY_STAGE_MAX_PAIRS:
        return chosen, envy, False
    found = _envy_program(problem, kept, envious, objective)
    if found is None:
        return chosen, envy, False
    pairs, least = found
    if not _is_assignment(problem, pairs) or int(problem.pair_weight[pairs].sum()) != objective:
        return chosen, envy, False
    found_envy = int(_envy(problem, pairs)[0].size)
    if found_envy > envy:
        return chosen, envy, False
    return pairs, found_envy, least is not None and least >= found_envy


def _tie_pairs(
    problem: Problem, residual: _Residual, certificate: _Certificate, objective: int
) -> IntArray:
    """The pairs an assignment of weight ``objective`` may use: the locked pairs,
    the active pairs the certificate does not price out (an assignment using pair p
    is worth at most the bound plus p's reduced cost), and the pairs of weight 0
    between free households and dwellings that no full cap closes."""
    possible = (
        np.floor(certificate.bound + certificate.reduced_cost + ROUNDING_TOLERANCE)
        + residual.locked_weight
        >= objective
    )
    free_household = np.ones(problem.n_households, dtype=bool)
    free_dwelling = np.ones(problem.n_dwellings, dtype=bool)
    free_household[problem.pair_household[problem.locked]] = False
    free_dwelling[problem.pair_dwelling[problem.locked]] = False
    zero = (
        free_household[problem.pair_household]
        & free_dwelling[problem.pair_dwelling]
        & (problem.pair_weight == 0)
    )
    for rule in problem.caps:
        if rule.limit - int(_counts(problem, rule, problem.locked).sum()) <= 0:
            zero[rule.pairs] = False
    kept = np.concatenate([problem.locked, residual.active[possible], np.flatnonzero(zero)])
    return np.unique(kept).astype(np.int64)


def _is_assignment(problem: Problem, pairs: IntArray) -> bool:
    """Each household and dwelling at most once, the locks kept, every cap kept."""
    households = problem.pair_household[pairs]
    dwellings = problem.pair_dwelling[pairs]
    return (
        np.unique(households).size == pairs.size
        and np.unique(dwellings).size == pairs.size
        and bool(np.isin(problem.locked, pairs).all())
        and all(int(_counts(problem, rule, pairs).sum()) <= rule.limit for rule in problem.caps)
    )


def _could_envy(problem: Problem, kept: IntArray) -> IntArray:
    """The pairs (a, d) where a could envy d's holder: a has more points than some
    household that may hold d (through a ``kept`` pair)."""
    lowest = np.full(problem.n_dwellings, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(lowest, problem.pair_dwelling[kept], problem.points[problem.pair_household[kept]])
    envious: IntArray = np.flatnonzero(
        problem.points[problem.pair_household] > lowest[problem.pair_dwelling]
    ).astype(np.int64)
    return envious


def _envy_program(
    problem: Problem, kept: IntArray, candidates: IntArray, objective: int
) -> tuple[IntArray, int | None] | None:
    """The second stage's integer program over the ``kept`` pairs: weight ≥
    ``objective``, the fewest justified-envy pairs, one envy variable for each of
    ``candidates`` (see ``_could_envy``). Returns the pairs and the
    proven lower bound on the envy count (None when the time ran out first), or
    None when HiGHS gave no assignment."""
    n_x = int(kept.size)
    household = problem.pair_household[kept]
    dwelling = problem.pair_dwelling[kept]
    points = problem.points
    at_dwelling: list[list[int]] = [[] for _ in range(problem.n_dwellings)]
    of_household: list[list[int]] = [[] for _ in range(problem.n_households)]
    for k in range(n_x):
        at_dwelling[int(dwelling[k])].append(k)
        of_household[int(household[k])].append(k)
    n_caps = len(problem.caps)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    lower: list[float] = []
    upper: list[float] = []
    row = 0

    def add(columns: list[int], values: list[float], low: float, high: float) -> None:
        nonlocal row
        rows.append(np.full(len(columns), row, dtype=np.int64))
        cols.append(np.array(columns, dtype=np.int64))
        vals.append(np.array(values, dtype=np.float64))
        lower.append(low)
        upper.append(high)
        row += 1

    for members in (*of_household, *at_dwelling):
        if len(members) > 1:
            add(members, [1.0] * len(members), -np.inf, 1.0)
    full_column = n_x + candidates.size
    for r, rule in enumerate(problem.caps):
        counted = np.flatnonzero(_counts(problem, rule, kept)).tolist()
        if counted:
            add(counted, [1.0] * len(counted), -np.inf, float(rule.limit))
        # full_r = 1 only when the cap is at its limit.
        add([*counted, full_column + r], [1.0] * len(counted) + [-float(rule.limit)], 0.0, np.inf)
    add(list(range(n_x)), problem.pair_weight[kept].astype(np.float64).tolist(), objective, np.inf)
    next_column = full_column + n_caps
    for e, pair in enumerate(candidates.tolist()):
        a = int(problem.pair_household[pair])
        d = int(problem.pair_dwelling[pair])
        own_fit = int(problem.pair_fit[pair])
        below = [k for k in at_dwelling[d] if points[household[k]] < points[a]]
        as_good = [k for k in of_household[a] if problem.pair_fit[kept[k]] >= own_fit]
        columns = [n_x + e, *below, *as_good]
        values = [1.0] + [-1.0] * len(below) + [1.0] * len(as_good)
        for r, rule in enumerate(problem.caps):
            if not (rule.households[a] and rule.dwellings[d]):
                continue
            b = next_column
            next_column += 1
            columns.append(b)
            values.append(1.0)
            add([b, full_column + r], [1.0, -1.0], -np.inf, 0.0)
            holder_counted = [k for k in at_dwelling[d] if rule.households[household[k]]]
            add([b, *holder_counted], [1.0] * (1 + len(holder_counted)), -np.inf, 1.0)
            home_counted = [k for k in of_household[a] if rule.dwellings[dwelling[k]]]
            add([b, *home_counted], [1.0] * (1 + len(home_counted)), -np.inf, 1.0)
        add(columns, values, 0.0, np.inf)
    n = next_column
    cost = np.zeros(n)
    cost[n_x:full_column] = 1.0
    low_bounds = np.zeros(n)
    low_bounds[np.flatnonzero(np.isin(kept, problem.locked))] = 1.0
    integrality = np.ones(n)
    integrality[n_x:full_column] = 0  # e is integral once x and b are
    matrix = csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(row, n)
    )
    result = milp(
        cost,
        integrality=integrality,
        bounds=Bounds(low_bounds, np.ones(n)),
        constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
        options={"mip_rel_gap": 0.0, "time_limit": ENVY_STAGE_SECONDS},
    )
    if result.x is None:
        return None
    pairs = np.sort(kept[np.asarray(result.x[:n_x]) > 0.5]).astype(np.int64)
    if result.status != 0:
        return pairs, None
    return pairs, math.ceil(float(result.mip_dual_bound) - ROUNDING_TOLERANCE)


# --- the baselines --------------------------------------------------------------------------


class _Placement:
    """Free households and dwellings and what is left of each cap, as a baseline
    places pairs one at a time; locked pairs are placed first."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.free_household = np.ones(problem.n_households, dtype=bool)
        self.free_dwelling = np.ones(problem.n_dwellings, dtype=bool)
        self.left = [rule.limit for rule in problem.caps]
        self.household_caps: list[list[int]] = [[] for _ in range(problem.n_households)]
        self.dwelling_caps: list[list[int]] = [[] for _ in range(problem.n_dwellings)]
        for k, rule in enumerate(problem.caps):
            for i in np.flatnonzero(rule.households):
                self.household_caps[i].append(k)
            for j in np.flatnonzero(rule.dwellings):
                self.dwelling_caps[j].append(k)
        self.chosen: list[int] = []
        for pair in problem.locked:
            self.place(int(pair))

    def place(self, pair: int) -> None:
        household = int(self.problem.pair_household[pair])
        dwelling = int(self.problem.pair_dwelling[pair])
        self.free_household[household] = False
        self.free_dwelling[dwelling] = False
        for k in self.household_caps[household]:
            if self.problem.caps[k].dwellings[dwelling]:
                self.left[k] -= 1
        self.chosen.append(pair)

    def open_dwellings(self, household: int, dwellings: IntArray) -> BoolArray:
        """Which of ``dwellings`` are free and no full cap closes to ``household``."""
        open_ = self.free_dwelling[dwellings]
        for k in self.household_caps[household]:
            if self.left[k] <= 0:
                open_ &= ~self.problem.caps[k].dwellings[dwellings]
        return open_

    def open_households(self, dwelling: int, households: IntArray) -> BoolArray:
        """Which of ``households`` are free and no full cap closes ``dwelling`` to."""
        open_ = self.free_household[households]
        for k in self.dwelling_caps[dwelling]:
            if self.left[k] <= 0:
                open_ &= ~self.problem.caps[k].households[households]
        return open_

    def result(self) -> IntArray:
        return np.sort(np.array(self.chosen, dtype=np.int64))


def _priority_order(problem: Problem) -> IntArray:
    """Households by points (most first), then the longest wait, then index."""
    index = np.arange(problem.n_households)
    return np.lexsort((index, problem.waiting_since, -problem.points)).astype(np.int64)


def _serial(problem: Problem, order: IntArray) -> IntArray:
    """Each household in ``order`` takes its best-fit open dwelling (ties: the
    lowest index)."""
    placement = _Placement(problem)
    starts = np.searchsorted(problem.pair_household, np.arange(problem.n_households + 1))
    for household in order:
        if not placement.free_household[household]:
            continue
        first, last = int(starts[household]), int(starts[household + 1])
        if first == last:
            continue
        dwellings = problem.pair_dwelling[first:last]
        open_ = placement.open_dwellings(int(household), dwellings)
        if not open_.any():
            continue
        best = int(np.argmax(np.where(open_, problem.pair_fit[first:last], -1)))
        placement.place(first + best)
    return placement.result()


def strict_priority(problem: Problem) -> Solution:
    """Serial dictatorship in points order (ties: longest wait, then index): each
    household takes the best-fit eligible free dwelling no cap closes to it. Points
    dominate, so no household envies one with fewer points with justification."""
    started = time.perf_counter()
    return _solution(
        problem, Method.STRICT_PRIORITY, _serial(problem, _priority_order(problem)), started
    )


def first_come_first_served(problem: Problem) -> Solution:
    """Households in order of waiting since (ties: index) each take the best-fit
    eligible free dwelling no cap closes to them."""
    started = time.perf_counter()
    index = np.arange(problem.n_households)
    order = np.lexsort((index, problem.waiting_since)).astype(np.int64)
    return _solution(problem, Method.FIRST_COME_FIRST_SERVED, _serial(problem, order), started)


def greedy_by_rank(problem: Problem) -> Solution:
    """The spreadsheet way: dwellings in agenda order each go to the eligible free
    household with the most points (ties: longest wait, then index) that no full
    cap keeps out."""
    started = time.perf_counter()
    rank = np.empty(problem.n_households, dtype=np.int64)
    rank[_priority_order(problem)] = np.arange(problem.n_households)
    by_dwelling = np.argsort(problem.pair_dwelling, kind="stable")
    starts = np.searchsorted(problem.pair_dwelling[by_dwelling], np.arange(problem.n_dwellings + 1))
    placement = _Placement(problem)
    for dwelling in range(problem.n_dwellings):
        if not placement.free_dwelling[dwelling]:
            continue
        pairs = by_dwelling[starts[dwelling] : starts[dwelling + 1]]
        if pairs.size == 0:
            continue
        households = problem.pair_household[pairs]
        open_ = placement.open_households(dwelling, households)
        if not open_.any():
            continue
        best = int(np.argmin(np.where(open_, rank[households], problem.n_households)))
        placement.place(int(pairs[best]))
    return _solution(problem, Method.GREEDY_BY_RANK, placement.result(), started)


def solve(problem: Problem, policy: Policy) -> Solution:
    """The answer under the rule set's policy."""
    if policy is Policy.STRICT_PRIORITY:
        return strict_priority(problem)
    return solve_optimal(problem)


def compare(problem: Problem) -> dict[str, Solution]:
    """The optimal match and the three baselines on the same problem."""
    return {
        "optimal": solve_optimal(problem),
        "strict_priority": strict_priority(problem),
        "greedy_by_rank": greedy_by_rank(problem),
        "first_come_first_served": first_come_first_served(problem),
    }


# --- describing an answer -------------------------------------------------------------------


def justified_envy(problem: Problem, solution: Solution) -> list[Envy]:
    """Every pair where a household with strictly more points than a dwelling's
    holder was eligible for it (and not forbidden), had no dwelling or a worse fit,
    and could swap in without any cap going over: the cap counts after the holder
    leaves the dwelling, the household leaves its own and takes this one."""
    households, dwellings, holders, locked = _envy(problem, solution.pairs)
    return [
        Envy(
            household=int(problem.household_ids[household]),
            dwelling=int(problem.dwelling_ids[dwelling]),
            holder=int(problem.household_ids[holder]),
            locked=bool(lock),
        )
        for household, dwelling, holder, lock in zip(
            households, dwellings, holders, locked, strict=True
        )
    ]


def _envy(problem: Problem, chosen: IntArray) -> tuple[IntArray, IntArray, IntArray, BoolArray]:
    """``justified_envy`` of the chosen pairs on indexes: envious household,
    dwelling, holder, locked."""
    holder = np.full(problem.n_dwellings, -1, dtype=np.int64)
    holder[problem.pair_dwelling[chosen]] = problem.pair_household[chosen]
    home = np.full(problem.n_households, -1, dtype=np.int64)
    home[problem.pair_household[chosen]] = problem.pair_dwelling[chosen]
    home_fit = np.full(problem.n_households, -1, dtype=np.int64)
    home_fit[problem.pair_household[chosen]] = problem.pair_fit[chosen]

    holders = holder[problem.pair_dwelling]
    envious = holders >= 0
    envious &= problem.points[problem.pair_household] > problem.points[np.maximum(holders, 0)]
    envious &= (home[problem.pair_household] < 0) | (
        problem.pair_fit > home_fit[problem.pair_household]
    )
    pairs = np.flatnonzero(envious)
    households = problem.pair_household[pairs]
    dwellings = problem.pair_dwelling[pairs]
    holders = holders[pairs]
    homes = home[households]
    has_home = homes >= 0
    chosen_mask = np.zeros(problem.n_pairs, dtype=bool)
    chosen_mask[chosen] = True
    allowed = np.ones(pairs.size, dtype=bool)
    for rule in problem.caps:
        count = int(chosen_mask[rule.pairs].sum())
        in_area = rule.dwellings[dwellings]
        gains = rule.households[households] & in_area
        holder_leaves = rule.households[holders] & in_area
        home_freed = has_home & rule.households[households] & rule.dwellings[np.maximum(homes, 0)]
        after = count + gains.astype(np.int64) - holder_leaves - home_freed
        allowed &= after <= rule.limit
    locked_dwelling = np.zeros(problem.n_dwellings, dtype=bool)
    locked_dwelling[problem.pair_dwelling[problem.locked]] = True
    locked_household = np.zeros(problem.n_households, dtype=bool)
    locked_household[problem.pair_household[problem.locked]] = True
    locked = locked_dwelling[dwellings] | locked_household[households]
    return households[allowed], dwellings[allowed], holders[allowed], locked[allowed]


def outcome(problem: Problem, solution: Solution) -> Outcome:
    """Households housed, their points and fit, the objective, the top-priority
    households left out and the count of justified envy."""
    chosen = solution.pairs
    housed = np.zeros(problem.n_households, dtype=bool)
    housed[problem.pair_household[chosen]] = True
    has_pair = np.bincount(problem.pair_household, minlength=problem.n_households) > 0
    order = _priority_order(problem)
    top = order[has_pair[order]][: problem.n_dwellings]
    return Outcome(
        housed=int(housed.sum()),
        total_points=int(problem.points[housed].sum()),
        total_fit=int(problem.pair_fit[chosen].sum()),
        objective=solution.objective,
        top_priority_left_out=int((~housed[top]).sum()),
        justified_envy=int(_envy(problem, solution.pairs)[0].size),
    )
