"""Who should live together: shared houses and clusters, as constraint models.

Two planning questions, on plain data; the service layer stores the rules per
house and translates the codes in the results into text.

Shared house (seed 000, Trondheim): a house of five independent units for three
unaccompanied young refugees in transition to adulthood (aged about 18-20, all
in daily activity, work or education as a requirement) and two adult refugees as
role models (interest in young people, in work or education). "Different gender,
different country background" becomes caps on how many residents may share a
gender or a country. ``compose`` fills the free units from eligible candidates,
maximising their priority points and then the number of genders and countries in
the house, and explains every choice and every infeasibility with codes.

Clusters (seed 004, Tromsø): about 50 people mapped in interviews are grouped
"into clusters or separate dwellings" before buildings are planned; each
cluster becomes one building project. ``group`` assigns every person to a
cluster of 4-6 units or to a single dwelling, maximising how well cluster mates
fit (``affinity``) minus a cost per single dwelling. ``score`` and
``violations`` judge any grouping without the solver, so a grouping the
planners adjust by hand ("the solutions are adjusted during planning", seed
004) can be checked and compared with the solver's.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a solution, not proven best when the time ran out
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"  # the time ran out before any solution or proof


class ReasonCode(StrEnum):
    """Why a chosen person fits the house's diversity and age rules.

    ``GENDER_CAP``/``COUNTRY_CAP``: ``count`` residents of the completed house share
    the person's gender/country (``value``), within the cap ``limit``.
    ``ADDS_GENDER``/``ADDS_COUNTRY``: nobody else in the house has that value.
    ``MIN_AGE``/``MAX_AGE``: the person's age (``value``) against the slot's ``limit``.
    """

    GENDER_CAP = "gender_cap"
    COUNTRY_CAP = "country_cap"
    ADDS_GENDER = "adds_gender"
    ADDS_COUNTRY = "adds_country"
    MIN_AGE = "min_age"
    MAX_AGE = "max_age"


class InfeasibleCode(StrEnum):
    """Which rule cannot be met; ``needed`` and ``best`` in ``Infeasibility`` mean:

    ``TOO_FEW_ELIGIBLE``: the slot's free units / the candidates eligible for it.
    ``SLOTS_COMPETE``: the free units of these slots together / the distinct
    candidates eligible for any of them (each slot alone has enough).
    ``GENDER_CAP``/``COUNTRY_CAP``: the cap / the smallest largest group that any
    filling of the slots can reach.
    ``CAPS_TOGETHER``: each cap can be met, but not both at once.
    ``STAFFED_OVER_CAPACITY``: persons who need a staffed cluster / the units in
    all clusters allowed.
    ``TOO_FEW_TO_CLUSTER``: persons needed to fill the clusters the staffed persons
    need / persons who may live in a cluster.
    ``AVOID_PAIRS``: sizes allow a grouping, the pairs who must not live together
    do not.
    """

    TOO_FEW_ELIGIBLE = "too_few_eligible"
    SLOTS_COMPETE = "slots_compete"
    GENDER_CAP = "gender_cap"
    COUNTRY_CAP = "country_cap"
    CAPS_TOGETHER = "caps_together"
    STAFFED_OVER_CAPACITY = "staffed_over_capacity"
    TOO_FEW_TO_CLUSTER = "too_few_to_cluster"
    AVOID_PAIRS = "avoid_pairs"


class InvalidInput(ValueError):
    """The data contradict themselves (duplicate ids, a resident in an unknown or
    overfull slot); a rule that cannot be met is a result, not this error."""


@dataclass(frozen=True)
class Infeasibility:
    code: InfeasibleCode
    subject: tuple[str, ...] = ()
    needed: int | None = None
    best: int | None = None


# Shared house ---------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A candidate for (or resident of) a shared house. ``points`` are the priority
    points of the allocation rules; ``attributes`` are codes from the mapping
    interview, e.g. "unaccompanied_minor", "in_work_or_education"."""

    id: int
    points: int
    gender: str
    country: str
    age: int
    attributes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Slot:
    """``count`` units for one role; everyone in it must have all ``required``
    attributes and an age within the optional bounds."""

    code: str
    count: int
    required: frozenset[str] = frozenset()
    min_age: int | None = None
    max_age: int | None = None

    def admits(self, person: Person) -> bool:
        return (
            self.required <= person.attributes
            and (self.min_age is None or person.age >= self.min_age)
            and (self.max_age is None or person.age <= self.max_age)
        )


@dataclass(frozen=True)
class HouseRules:
    """A house's slots and diversity caps (``None``: no cap). Residents count toward
    the caps."""

    slots: tuple[Slot, ...]
    max_same_gender: int | None = None
    max_same_country: int | None = None


@dataclass(frozen=True)
class Resident:
    """Someone already living in the house, in one of its slots. Residents fill
    their slot whatever their attributes: the rules apply to new tenants."""

    person: Person
    slot: str


TRONDHEIM_SHARED_HOUSE = HouseRules(
    slots=(
        Slot(
            "young",
            3,
            frozenset({"unaccompanied_minor", "in_work_or_education"}),
            min_age=18,
            max_age=20,
        ),
        Slot(
            "role_model",
            2,
            frozenset({"adult_refugee", "interest_in_young_people", "in_work_or_education"}),
            min_age=21,
        ),
    ),
    max_same_gender=3,
    max_same_country=2,
)
"""Seed 000: 3 young + 2 role models; different gender and country background."""


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    value: str | int
    count: int | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Choice:
    """A candidate placed in ``slot``; ``required`` lists the slot's required
    attributes (the person has them all)."""

    person_id: int
    slot: str
    points: int
    required: tuple[str, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Composition:
    """``objective``: total points of the chosen; ``diversity``: genders plus
    countries in the completed house; ``bound``: no filling has more points."""

    status: Status
    chosen: tuple[Choice, ...] = ()
    objective: int | None = None
    diversity: int | None = None
    bound: int | None = None
    infeasibilities: tuple[Infeasibility, ...] = ()


def house_diversity(people: Iterable[Person]) -> int:
    """Distinct genders plus distinct countries: the tie-break between fillings
    with equal points (seed 000: "different gender, different country")."""
    people = list(people)
    return len({p.gender for p in people}) + len({p.country for p in people})


def compose(
    rules: HouseRules,
    residents: Sequence[Resident],
    candidates: Sequence[Person],
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> Composition:
    """Fill the free units of a shared house from ``candidates`` (seed 000).

    Every free unit is filled by a candidate the slot admits, nobody twice; the
    caps count residents and the chosen together. The best filling has the most
    points and, among those, the highest ``house_diversity``. Raises
    ``InvalidInput`` only for contradictory data; a rule that cannot be met gives
    an ``INFEASIBLE`` result naming it.
    """
    free = _free_units(rules, residents, candidates)
    shortages = _slot_shortages(rules.slots, free, candidates)
    if shortages:
        return Composition(Status.INFEASIBLE, infeasibilities=shortages)
    house = _HouseModel(rules.slots, free, residents, candidates)
    house.cap(_gender, rules.max_same_gender)
    house.cap(_country, rules.max_same_country)
    weight = house.maximise_points_then_diversity()
    solver = _solver(time_limit, workers, seed)
    status = _status(solver.solve(house.model))
    if status is Status.INFEASIBLE:
        causes = _cap_causes(rules, free, residents, candidates, time_limit, workers, seed)
        return Composition(status, infeasibilities=causes)
    if status is Status.UNKNOWN:
        return Composition(status)
    chosen = house.chosen(solver)
    people = [r.person for r in residents] + [person for person, _ in chosen]
    return Composition(
        status,
        chosen=tuple(_explain(person, slot, people, rules) for person, slot in chosen),
        objective=sum(person.points for person, _ in chosen),
        diversity=house_diversity(people),
        bound=math.floor(solver.best_objective_bound / weight),
    )


def _gender(person: Person) -> str:
    return person.gender


def _country(person: Person) -> str:
    return person.country


def _free_units(
    rules: HouseRules, residents: Sequence[Resident], candidates: Sequence[Person]
) -> dict[str, int]:
    codes = [slot.code for slot in rules.slots]
    ids = [r.person.id for r in residents] + [p.id for p in candidates]
    if len(set(codes)) != len(codes):
        raise InvalidInput(f"duplicate slot codes: {codes}")
    if len(set(ids)) != len(ids):
        raise InvalidInput("a person is listed twice among residents and candidates")
    living = Counter(r.slot for r in residents)
    if unknown := set(living) - set(codes):
        raise InvalidInput(f"residents in unknown slots: {sorted(unknown)}")
    free = {slot.code: slot.count - living[slot.code] for slot in rules.slots}
    if overfull := sorted(code for code, units in free.items() if units < 0):
        raise InvalidInput(f"more residents than units in slots: {overfull}")
    return free


def _slot_shortages(
    slots: Sequence[Slot], free: Mapping[str, int], candidates: Sequence[Person]
) -> tuple[Infeasibility, ...]:
    """Hall's condition: the free units can be filled (caps aside) exactly when every
    set of slots has at least as many distinct eligible candidates as free units.
    Returns the minimal sets that fail (houses have few slots, so all sets are
    tried)."""
    open_slots = [slot for slot in slots if free[slot.code] > 0]
    failing: list[frozenset[str]] = []
    shortages: list[Infeasibility] = []
    for size in range(1, len(open_slots) + 1):
        for together in itertools.combinations(open_slots, size):
            codes = frozenset(slot.code for slot in together)
            if any(smaller <= codes for smaller in failing):
                continue
            needed = sum(free[code] for code in codes)
            eligible = sum(1 for p in candidates if any(slot.admits(p) for slot in together))
            if eligible < needed:
                failing.append(codes)
                code = (
                    InfeasibleCode.TOO_FEW_ELIGIBLE if size == 1 else InfeasibleCode.SLOTS_COMPETE
                )
                subject = tuple(slot.code for slot in together)
                shortages.append(Infeasibility(code, subject, needed, eligible))
    return tuple(shortages)


class _HouseModel:
    """The filling of the free units, to which caps and an objective are added."""

    def __init__(
        self,
        slots: Sequence[Slot],
        free: Mapping[str, int],
        residents: Sequence[Resident],
        candidates: Sequence[Person],
    ) -> None:
        self.model = cp_model.CpModel()
        self.residents = [r.person for r in residents]
        self.candidates = candidates
        self.slots = slots
        self.x: dict[tuple[int, str], cp_model.IntVar] = {}
        for i, person in enumerate(candidates):
            for slot in slots:
                if free[slot.code] > 0 and slot.admits(person):
                    self.x[i, slot.code] = self.model.new_bool_var(f"x_{person.id}_{slot.code}")
        for i in range(len(candidates)):
            self.model.add_at_most_one(v for (j, _), v in self.x.items() if j == i)
        for slot in slots:
            placed = [v for (_, code), v in self.x.items() if code == slot.code]
            self.model.add(cp_model.LinearExpr.sum(placed) == free[slot.code])

    def groups(self, key: Callable[[Person], str]) -> list[tuple[int, list[cp_model.IntVar]]]:
        """Per value of ``key``: the residents with it and the placements adding one."""
        living = Counter(key(p) for p in self.residents)
        placed: dict[str, list[cp_model.IntVar]] = {value: [] for value in living}
        for (i, _), var in self.x.items():
            placed.setdefault(key(self.candidates[i]), []).append(var)
        return [(living[value], placed[value]) for value in sorted(placed)]

    def cap(self, key: Callable[[Person], str], limit: int | None) -> None:
        if limit is None:
            return
        for living, placed in self.groups(key):
            self.model.add(cp_model.LinearExpr.sum(placed) + living <= limit)

    def minimise_largest_group(self, key: Callable[[Person], str]) -> None:
        largest = self.model.new_int_var(0, len(self.residents) + len(self.candidates), "largest")
        for living, placed in self.groups(key):
            self.model.add(cp_model.LinearExpr.sum(placed) + living <= largest)
        self.model.minimize(largest)

    def maximise_points_then_diversity(self) -> int:
        """Points weigh more than any possible diversity, so one solve gives the
        lexicographic optimum; returns the weight of one point."""
        present: list[cp_model.IntVar | int] = []
        for key in (_gender, _country):
            for living, placed in self.groups(key):
                if living:
                    present.append(1)
                else:
                    seen = self.model.new_bool_var("seen")
                    self.model.add(seen <= cp_model.LinearExpr.sum(placed))
                    present.append(seen)
        weight = len(present) + 1
        points = cp_model.LinearExpr.weighted_sum(
            list(self.x.values()), [self.candidates[i].points for i, _ in self.x]
        )
        self.model.maximize(weight * points + cp_model.LinearExpr.sum(present))
        return weight

    def chosen(self, solver: cp_model.CpSolver) -> list[tuple[Person, Slot]]:
        slots = {slot.code: slot for slot in self.slots}
        return [
            (self.candidates[i], slots[code])
            for (i, code), var in self.x.items()
            if solver.boolean_value(var)
        ]


def _cap_causes(
    rules: HouseRules,
    free: Mapping[str, int],
    residents: Sequence[Resident],
    candidates: Sequence[Person],
    time_limit: float,
    workers: int,
    seed: int,
) -> tuple[Infeasibility, ...]:
    """The slots can be filled (Hall's condition held), so a cap fails: for each cap,
    the smallest largest group any filling reaches; if each cap alone can be met,
    only the two together fail."""
    causes = []
    caps = (
        (InfeasibleCode.GENDER_CAP, _gender, rules.max_same_gender),
        (InfeasibleCode.COUNTRY_CAP, _country, rules.max_same_country),
    )
    for code, key, limit in caps:
        if limit is None:
            continue
        house = _HouseModel(rules.slots, free, residents, candidates)
        house.minimise_largest_group(key)
        solver = _solver(time_limit, workers, seed)
        if _status(solver.solve(house.model)) is not Status.OPTIMAL:
            causes.append(Infeasibility(code, (), limit, None))
            continue
        best = round(solver.objective_value)
        if best > limit:
            causes.append(Infeasibility(code, (), limit, best))
    if not causes:
        causes.append(Infeasibility(InfeasibleCode.CAPS_TOGETHER, ("gender", "country")))
    return tuple(causes)


def _explain(person: Person, slot: Slot, house: Sequence[Person], rules: HouseRules) -> Choice:
    reasons: list[Reason] = []
    for key, cap_code, adds_code, limit in (
        (_gender, ReasonCode.GENDER_CAP, ReasonCode.ADDS_GENDER, rules.max_same_gender),
        (_country, ReasonCode.COUNTRY_CAP, ReasonCode.ADDS_COUNTRY, rules.max_same_country),
    ):
        value = key(person)
        count = sum(1 for other in house if key(other) == value)
        if limit is not None:
            reasons.append(Reason(cap_code, value, count, limit))
        if count == 1:
            reasons.append(Reason(adds_code, value, 1))
    if slot.min_age is not None:
        reasons.append(Reason(ReasonCode.MIN_AGE, person.age, limit=slot.min_age))
    if slot.max_age is not None:
        reasons.append(Reason(ReasonCode.MAX_AGE, person.age, limit=slot.max_age))
    return Choice(person.id, slot.code, person.points, tuple(sorted(slot.required)), tuple(reasons))


# Clusters --------------------------------------------------------------------


class Need(StrEnum):
    """From the mapping interview (seed 004): who may share a cluster."""

    CLUSTER_OK = "cluster_ok"  # a cluster or a single dwelling
    SINGLE_ONLY = "single_only"  # only a single dwelling
    STAFFED = "staffed"  # needs the staff base of a cluster


class ViolationCode(StrEnum):
    UNKNOWN_PERSON = "unknown_person"
    PLACED_TWICE = "placed_twice"
    NOT_PLACED = "not_placed"
    CLUSTER_TOO_SMALL = "cluster_too_small"
    CLUSTER_TOO_LARGE = "cluster_too_large"
    TOO_MANY_CLUSTERS = "too_many_clusters"
    SINGLE_ONLY_IN_CLUSTER = "single_only_in_cluster"
    STAFFED_IN_SINGLE = "staffed_in_single"
    AVOID_PAIR_TOGETHER = "avoid_pair_together"


class NoRandomGrouping(RuntimeError):
    """Random construction found no feasible grouping within its attempts."""


@dataclass(frozen=True)
class MappedPerson:
    """A person from the mapping interviews (seed 004). ``attributes`` are codes for
    interests, language and habits that make living together easier; ``avoid``
    holds ids of persons this one must not share a cluster with (either side's
    wish counts). Seed 004 names no gender criterion, so ``affinity`` ignores
    ``gender``; it is kept for the planners' overview."""

    id: int
    gender: str
    age: int
    needs: str = Need.CLUSTER_OK
    attributes: frozenset[str] = frozenset()
    avoid: frozenset[int] = frozenset()


@dataclass(frozen=True)
class AffinityWeights:
    age_span: int = 10
    shared_attribute: int = 4
    both_staffed: int = 6


DEFAULT_WEIGHTS = AffinityWeights()


@dataclass(frozen=True)
class ClusterRules:
    """Cluster sizes (seed 004 plans clusters of 4-6 units), the most clusters to
    plan (``None``: as many as the sizes allow), the cost of one single dwelling for
    a person who could have lived in a cluster, and whether staffed persons must
    live in a cluster."""

    min_size: int = 4
    max_size: int = 6
    max_clusters: int | None = None
    single_cost: int = 10
    staffed_in_cluster: bool = True
    weights: AffinityWeights = DEFAULT_WEIGHTS


@dataclass(frozen=True)
class Partition:
    """Person ids per cluster, and the ids in single dwellings."""

    clusters: tuple[tuple[int, ...], ...]
    singles: tuple[int, ...]


@dataclass(frozen=True)
class Grouping:
    """``objective``: the ``score`` of ``partition``; ``bound``: no grouping scores
    higher; ``gap``: (bound - objective) / max(1, |objective|); ``improvements``:
    (seconds, objective) of each better grouping found. Times are seconds from
    the call, model building included."""

    status: Status
    partition: Partition | None = None
    objective: int | None = None
    bound: int | None = None
    gap: float | None = None
    first_solution_seconds: float | None = None
    seconds: float = 0.0
    infeasibilities: tuple[Infeasibility, ...] = ()
    improvements: tuple[tuple[float, int], ...] = ()


@dataclass(frozen=True)
class Violation:
    code: ViolationCode
    person_ids: tuple[int, ...]


def affinity(a: MappedPerson, b: MappedPerson, weights: AffinityWeights = DEFAULT_WEIGHTS) -> int:
    """How well two persons fit in one cluster; symmetric, may be negative.

    - Age: ``age_span`` minus the difference in years, kept within
      ±``age_span``: peers gain, a generation apart loses (seed 004 plans for young
      people moving out of their parents' home).
    - ``shared_attribute`` per attribute both have (interests, language, habits).
    - ``both_staffed`` when both need a staff base, which a cluster shares.

    Persons who must avoid each other are kept apart by the model, not by this
    score, so no weight can trade that rule away.
    """
    age = max(-weights.age_span, weights.age_span - abs(a.age - b.age))
    shared = weights.shared_attribute * len(a.attributes & b.attributes)
    staffed = weights.both_staffed if a.needs == b.needs == Need.STAFFED else 0
    return age + shared + staffed


def score(partition: Partition, persons: Sequence[MappedPerson], rules: ClusterRules) -> int:
    """Total affinity within clusters minus ``single_cost`` per single dwelling of a
    person who may live in a cluster; computed without the solver."""
    by_id = {p.id: p for p in persons}
    together = sum(
        affinity(by_id[a], by_id[b], rules.weights)
        for cluster in partition.clusters
        for a, b in itertools.combinations(cluster, 2)
    )
    singles = sum(1 for i in partition.singles if by_id[i].needs != Need.SINGLE_ONLY)
    return together - rules.single_cost * singles


def violations(
    partition: Partition, persons: Sequence[MappedPerson], rules: ClusterRules
) -> tuple[Violation, ...]:
    """Every rule ``partition`` breaks; empty when it is a feasible grouping."""
    by_id = {p.id: p for p in persons}
    found: list[Violation] = []
    placed = Counter(itertools.chain(partition.singles, *partition.clusters))
    checks = (
        (ViolationCode.UNKNOWN_PERSON, [i for i in placed if i not in by_id]),
        (ViolationCode.PLACED_TWICE, [i for i, n in placed.items() if n > 1]),
        (ViolationCode.NOT_PLACED, [p.id for p in persons if p.id not in placed]),
    )
    found += [Violation(code, tuple(ids)) for code, ids in checks if ids]
    if rules.max_clusters is not None and len(partition.clusters) > rules.max_clusters:
        found.append(Violation(ViolationCode.TOO_MANY_CLUSTERS, ()))
    for cluster in partition.clusters:
        if len(cluster) < rules.min_size:
            found.append(Violation(ViolationCode.CLUSTER_TOO_SMALL, tuple(cluster)))
        if len(cluster) > rules.max_size:
            found.append(Violation(ViolationCode.CLUSTER_TOO_LARGE, tuple(cluster)))
        members = [by_id[i] for i in cluster if i in by_id]
        for p in members:
            if p.needs == Need.SINGLE_ONLY:
                found.append(Violation(ViolationCode.SINGLE_ONLY_IN_CLUSTER, (p.id,)))
        for a, b in itertools.combinations(members, 2):
            if _avoid(a, b):
                found.append(Violation(ViolationCode.AVOID_PAIR_TOGETHER, (a.id, b.id)))
    if rules.staffed_in_cluster:
        for i in partition.singles:
            if i in by_id and by_id[i].needs == Need.STAFFED:
                found.append(Violation(ViolationCode.STAFFED_IN_SINGLE, (i,)))
    return tuple(found)


def _check_cluster_input(persons: Sequence[MappedPerson], rules: ClusterRules) -> None:
    ids = [p.id for p in persons]
    if len(set(ids)) != len(ids):
        raise InvalidInput("a person is listed twice")
    if not 1 <= rules.min_size <= rules.max_size:
        raise InvalidInput(f"cluster sizes {rules.min_size}-{rules.max_size} are not a range")


def _avoid(a: MappedPerson, b: MappedPerson) -> bool:
    return b.id in a.avoid or a.id in b.avoid


def _clusterable(persons: Sequence[MappedPerson]) -> list[MappedPerson]:
    return [p for p in persons if p.needs != Need.SINGLE_ONLY]


def _must_cluster(persons: Sequence[MappedPerson], rules: ClusterRules) -> list[MappedPerson]:
    return [p for p in persons if rules.staffed_in_cluster and p.needs == Need.STAFFED]


def _max_clusters(persons: Sequence[MappedPerson], rules: ClusterRules) -> int:
    by_size = len(_clusterable(persons)) // rules.min_size
    return by_size if rules.max_clusters is None else min(rules.max_clusters, by_size)


def _size_problems(
    persons: Sequence[MappedPerson], rules: ClusterRules
) -> tuple[Infeasibility, ...]:
    """Whether the sizes alone allow a grouping. The staffed need at least
    ceil(staffed / max_size) clusters; a grouping exists, avoid pairs aside, exactly
    when that many clusters are allowed and enough persons may live in clusters to
    fill them to ``min_size``."""
    staffed = len(_must_cluster(persons, rules))
    clusters = math.ceil(staffed / rules.max_size)
    problems = []
    if rules.max_clusters is not None and clusters > rules.max_clusters:
        capacity = rules.max_clusters * rules.max_size
        problems.append(Infeasibility(InfeasibleCode.STAFFED_OVER_CAPACITY, (), staffed, capacity))
    clusterable = len(_clusterable(persons))
    if clusters * rules.min_size > clusterable:
        needed = clusters * rules.min_size
        problems.append(Infeasibility(InfeasibleCode.TOO_FEW_TO_CLUSTER, (), needed, clusterable))
    return tuple(problems)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records (seconds from the call, objective) for every solution found."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.solutions: list[tuple[float, int]] = []

    def on_solution_callback(self) -> None:
        seconds = time.perf_counter() - self.started
        self.solutions.append((seconds, round(self.objective_value)))


def group(
    persons: Sequence[MappedPerson],
    rules: ClusterRules,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
) -> Grouping:
    """Group mapped persons into clusters or single dwellings (seed 004).

    The model has no cluster numbers, so interchangeable clusters cannot appear
    as symmetric copies: a literal per pair says whether the two share a cluster,
    clauses keep "shares a cluster with" transitive, and a cluster is named by its
    first member in ``persons`` (its leader), which is what the cap on clusters
    counts. Every grouping therefore has exactly one encoding; a labelled model
    (person i in cluster k) has one per ordering of its clusters and needs
    symmetry-breaking constraints to approach this. Each person's number of
    cluster mates lies within the sizes. The objective is ``score``.

    Measured on 50 persons, 10 clusters of 4-6, two workers, 30 s: this model
    finds a first grouping in about 0.6 s and reaches a gap of about 3 %; the
    labelled model with clusters ordered by their first member took 1.2-6.6 s to
    a first grouping and ended 20-32 % lower, with a bound 4-18 % higher.
    """
    started = time.perf_counter()
    _check_cluster_input(persons, rules)
    if problems := _size_problems(persons, rules):
        return Grouping(Status.INFEASIBLE, infeasibilities=problems)
    model = _ClusterModel(persons, rules)
    solver = _solver(max(0.0, time_limit - (time.perf_counter() - started)), workers, seed)
    # Measured on the same 50 persons: probing and repeated presolve take most of
    # the first second without improving the result, and the worker that
    # linearises every constraint (the transitivity clauses too) proves a bound
    # about 7 % tighter.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.subsolvers.append("max_lp")
    progress = _Progress(started)
    status = _status(solver.solve(model.model, progress))
    seconds = time.perf_counter() - started
    if status is Status.INFEASIBLE:
        causes = (Infeasibility(InfeasibleCode.AVOID_PAIRS),)
        return Grouping(status, seconds=seconds, infeasibilities=causes)
    if status is Status.UNKNOWN:
        return Grouping(status, seconds=seconds)
    objective = round(solver.objective_value)
    bound = math.floor(solver.best_objective_bound + 1e-6)
    return Grouping(
        status,
        partition=model.partition(solver),
        objective=objective,
        bound=bound,
        gap=abs(bound - objective) / max(1, abs(objective)),
        first_solution_seconds=progress.solutions[0][0],
        seconds=seconds,
        improvements=tuple(progress.solutions),
    )


class _ClusterModel:
    """Pair formulation over the persons who may live in a cluster, by position."""

    def __init__(self, persons: Sequence[MappedPerson], rules: ClusterRules) -> None:
        self.model = m = cp_model.CpModel()
        self.persons = persons
        self.members = members = _clusterable(persons)
        n = len(members)
        self.together: dict[tuple[int, int], cp_model.IntVar] = {
            (a, b): m.new_bool_var(f"together_{members[a].id}_{members[b].id}")
            for a, b in itertools.combinations(range(n), 2)
            if not _avoid(members[a], members[b])
        }
        self.single = [m.new_bool_var(f"single_{p.id}") for p in members]
        self._transitive(n)
        must = {p.id for p in _must_cluster(persons, rules)}
        for a, person in enumerate(members):
            mates = cp_model.LinearExpr.sum(self._mates(a, range(n)))
            m.add(mates + (rules.min_size - 1) * self.single[a] >= rules.min_size - 1)
            m.add(mates + (rules.max_size - 1) * self.single[a] <= rules.max_size - 1)
            if person.id in must:
                m.add(self.single[a] == 0)
        limit = _max_clusters(persons, rules)
        if limit < n // rules.min_size:
            m.add(cp_model.LinearExpr.sum(self._leaders(n)) <= limit)
        weights = [affinity(members[a], members[b], rules.weights) for a, b in self.together]
        m.maximize(
            cp_model.LinearExpr.weighted_sum(list(self.together.values()), weights)
            - rules.single_cost * cp_model.LinearExpr.sum(self.single)
        )

    def _pair(self, a: int, b: int) -> cp_model.IntVar | None:
        return self.together.get((a, b) if a < b else (b, a))

    def _mates(self, a: int, others: Iterable[int]) -> list[cp_model.IntVar]:
        pairs = (self._pair(a, b) for b in others if b != a)
        return [pair for pair in pairs if pair is not None]

    def _transitive(self, n: int) -> None:
        """If a shares with b and b with c, a shares with c; a pair that must not
        share (no literal) forbids the other two sharing with a third person."""
        pair: list[list[cp_model.IntVar | None]] = [[None] * n for _ in range(n)]
        negated: list[list[cp_model.BoolVarT | None]] = [[None] * n for _ in range(n)]
        for (a, b), var in self.together.items():
            pair[a][b] = pair[b][a] = var
            negated[a][b] = negated[b][a] = ~var
        add_clause = self.model.add_bool_or
        for a, b, c in itertools.combinations(range(n), 3):
            for x, y, z in ((a, b, c), (a, c, b), (b, a, c)):
                # x-y-z: both pairs through the middle person y imply the third.
                first, second, third = negated[x][y], negated[y][z], pair[x][z]
                if first is not None and second is not None:
                    add_clause([first, second] if third is None else [first, second, third])

    def _leaders(self, n: int) -> list[cp_model.IntVar]:
        """A person leads their cluster exactly when in a cluster with nobody earlier."""
        leaders = []
        for a in range(n):
            leader = self.model.new_bool_var(f"leader_{self.members[a].id}")
            earlier = self._mates(a, range(a))
            self.model.add_bool_and([~self.single[a], *(~e for e in earlier)]).only_enforce_if(
                leader
            )
            self.model.add_bool_or([self.single[a], *earlier, leader])
            leaders.append(leader)
        return leaders

    def partition(self, solver: cp_model.CpSolver) -> Partition:
        leader_of: dict[int, int] = {}
        for (a, b), var in self.together.items():
            if solver.boolean_value(var):
                leader_of[b] = min(leader_of.get(b, a), a)
        clusters: dict[int, list[int]] = {}
        for a, person in enumerate(self.members):
            if not solver.boolean_value(self.single[a]):
                clusters.setdefault(leader_of.get(a, a), []).append(person.id)
        in_cluster = {i for members in clusters.values() for i in members}
        return Partition(
            clusters=tuple(tuple(clusters[k]) for k in sorted(clusters)),
            singles=tuple(p.id for p in self.persons if p.id not in in_cluster),
        )


def random_feasible_grouping(
    persons: Sequence[MappedPerson],
    rules: ClusterRules,
    rng: random.Random,
    attempts: int = 1000,
) -> Partition:
    """A random grouping that breaks no rule, the baseline the solver is compared
    with: a random number of clusters and sizes, the staffed plus randomly drawn
    others as members, each placed in a random cluster with room and nobody to
    avoid; a dead end starts over. Raises ``NoRandomGrouping`` after ``attempts``."""
    members = _clusterable(persons)
    must = _must_cluster(persons, rules)
    optional = [p for p in members if p not in must]
    lowest = math.ceil(len(must) / rules.max_size)
    highest = _max_clusters(persons, rules)
    for _ in range(attempts):
        if lowest > highest:
            break
        count = rng.randint(lowest, highest)
        smallest = max(count * rules.min_size, len(must))
        largest = min(count * rules.max_size, len(members))
        if smallest > largest:
            continue
        sizes = _random_sizes(count, rng.randint(smallest, largest), rules, rng)
        chosen = must + rng.sample(optional, sum(sizes) - len(must))
        rng.shuffle(chosen)
        clusters = _place(chosen, sizes, rng)
        if clusters is not None:
            in_cluster = {p.id for cluster in clusters for p in cluster}
            return Partition(
                clusters=tuple(tuple(p.id for p in cluster) for cluster in clusters),
                singles=tuple(p.id for p in persons if p.id not in in_cluster),
            )
    raise NoRandomGrouping(f"no feasible grouping found in {attempts} attempts")


def _random_sizes(count: int, total: int, rules: ClusterRules, rng: random.Random) -> list[int]:
    sizes = [rules.min_size] * count
    for _ in range(total - count * rules.min_size):
        room = [k for k, size in enumerate(sizes) if size < rules.max_size]
        sizes[rng.choice(room)] += 1
    return sizes


def _place(
    chosen: Sequence[MappedPerson], sizes: Sequence[int], rng: random.Random
) -> list[list[MappedPerson]] | None:
    clusters: list[list[MappedPerson]] = [[] for _ in sizes]
    for person in chosen:
        fits = [
            k
            for k, cluster in enumerate(clusters)
            if len(cluster) < sizes[k] and not any(_avoid(person, o) for o in cluster)
        ]
        if not fits:
            return None
        clusters[rng.choice(fits)].append(person)
    return clusters


# Solver ----------------------------------------------------------------------


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def _status(code: cp_model.CpSolverStatus) -> Status:
    statuses = {
        cp_model.OPTIMAL: Status.OPTIMAL,
        cp_model.FEASIBLE: Status.FEASIBLE,
        cp_model.INFEASIBLE: Status.INFEASIBLE,
        cp_model.UNKNOWN: Status.UNKNOWN,
    }
    if code not in statuses:
        raise RuntimeError(f"the model is invalid: {code}")
    return statuses[code]
