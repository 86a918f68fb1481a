"""Priority, eligibility and ranking for the allocation meeting, on plain data.

The rules are data (a municipality's rule set, valid for a period); these
functions apply them and explain every point and every check, so the meeting can
answer "why is Ole third?". Nothing here knows Django: the service layer builds
``Candidate`` and ``Vacancy`` objects from applications and dwellings.

Sources:
- Seed 003 (Grorud) and NOU 2011:15: the three situations, most urgent first:
  without a dwelling, at risk of losing it, in an unsuitable dwelling.
- Seed 003: the allocation meeting sees ranked candidates with reasons.
- Seed 001 (Skanderborg, "fleksibel/kombineret udlejning"): placement should
  help vulnerable areas develop, so a rule set can cap how many households of
  chosen target groups are placed in an area per period (``AreaCap``).
- Husbanken's guidance on allocation (veileder for tildeling av kommunale
  boliger): the size of the dwelling should fit the household, which the
  bedroom table expresses.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Situation(StrEnum):
    WITHOUT_DWELLING = "without_dwelling"
    AT_RISK = "at_risk"
    UNSUITABLE = "unsuitable"


class Part(StrEnum):
    """The kinds of points in a priority breakdown."""

    SITUATION = "situation"
    WAITING = "waiting"
    TARGET_GROUP = "target_group"
    CHILDREN = "children"
    URGENCY = "urgency"
    MANUAL = "manual"


class CheckCode(StrEnum):
    """The eligibility rules, in the order they are shown."""

    SIZE = "size"
    WHEELCHAIR = "wheelchair"
    STEP_FREE = "step_free"
    PETS = "pets"
    EXCLUDED_AREA = "excluded_area"
    RESERVED = "reserved"
    SHARED_HOUSE = "shared_house"


class ManualAdjustmentWithoutReason(ValueError):
    """A manual adjustment of points must always carry a written reason."""


@dataclass(frozen=True)
class PriorityRules:
    """Points of one rule set. Target groups count by their highest value only, so
    that a household is not rewarded for being described in more categories."""

    situation_points: Mapping[str, int]
    points_per_waiting_month: int = 2
    max_waiting_points: int = 48
    target_group_points: Mapping[str, int] = field(default_factory=dict)
    points_per_child: int = 10
    max_children_points: int = 30
    urgency_points: int = 50


@dataclass(frozen=True)
class BedroomRow:
    """Households of ``persons`` persons (and more, for the last row) may be offered
    ``min_bedrooms`` to ``max_bedrooms`` bedrooms."""

    persons: int
    min_bedrooms: int
    max_bedrooms: int


DEFAULT_BEDROOM_TABLE: tuple[BedroomRow, ...] = (
    BedroomRow(1, 0, 1),
    BedroomRow(2, 1, 2),
    BedroomRow(3, 2, 3),
    BedroomRow(4, 2, 4),
    BedroomRow(5, 3, 5),
    BedroomRow(6, 3, 6),
)

DEFAULT_SITUATION_POINTS: Mapping[str, int] = {
    Situation.WITHOUT_DWELLING: 100,
    Situation.AT_RISK: 60,
    Situation.UNSUITABLE: 30,
}


@dataclass(frozen=True)
class EligibilityRules:
    bedroom_table: tuple[BedroomRow, ...] = DEFAULT_BEDROOM_TABLE

    def bedroom_range(self, persons: int) -> tuple[int, int]:
        """The (min, max) bedrooms for a household of ``persons``: the row with the
        largest ``persons`` not above it; below the first row, the first row."""
        rows = sorted(self.bedroom_table, key=lambda row: row.persons)
        if not rows:
            return (0, 99)
        chosen = rows[0]
        for row in rows:
            if row.persons <= persons:
                chosen = row
        return (chosen.min_bedrooms, chosen.max_bedrooms)


@dataclass(frozen=True)
class AreaCap:
    """At most ``limit`` more households of any of ``target_groups`` may be placed
    in ``area`` (casefolded name) in the current period. The service layer subtracts
    placements already made in the period before it builds the cap."""

    area: str
    target_groups: frozenset[str]
    limit: int

    def counts(self, candidate: Candidate, vacancy: Vacancy) -> bool:
        return vacancy.area == self.area and bool(candidate.target_groups & self.target_groups)


@dataclass(frozen=True)
class Candidate:
    """A household on the waiting list (one granted application)."""

    id: int
    situation: str
    waiting_since: datetime.date
    household_size: int = 1
    children: int = 0
    target_groups: frozenset[str] = frozenset()
    urgent: bool = False
    manual_points: int = 0
    manual_reason: str = ""
    min_bedrooms: int = 0
    needs_wheelchair: bool = False
    needs_step_free: bool = False
    has_pets: bool = False
    wanted_areas: frozenset[str] = frozenset()
    excluded_areas: frozenset[str] = frozenset()
    accepts_shared_house: bool = False


@dataclass(frozen=True)
class Vacancy:
    """A dwelling on the meeting's agenda. ``area`` is casefolded ("" when unknown);
    ``reserved_for`` holds target-group codes (empty: open to every group)."""

    id: int
    bedrooms: int
    wheelchair_accessible: bool = False
    step_free: bool = False
    pets_allowed: bool = False
    area: str = ""
    reserved_for: frozenset[str] = frozenset()
    shared_house: bool = False


@dataclass(frozen=True)
class PointPart:
    """``quantity`` is what the points were computed from: months waited, number of
    children, the target group's code, the situation's code or the manual reason."""

    part: Part
    points: int
    quantity: str = ""


@dataclass(frozen=True)
class Priority:
    total: int
    parts: tuple[PointPart, ...]


@dataclass(frozen=True)
class Check:
    """One eligibility rule applied to a pair. ``required`` and ``offered`` say what
    the household needs and what the dwelling has, for the explanation."""

    code: CheckCode
    passed: bool
    required: str = ""
    offered: str = ""


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 if end is not later)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def priority(candidate: Candidate, rules: PriorityRules, today: datetime.date) -> Priority:
    if candidate.manual_points and not candidate.manual_reason.strip():
        raise ManualAdjustmentWithoutReason(candidate.id)
    parts = [
        PointPart(
            Part.SITUATION, rules.situation_points.get(candidate.situation, 0), candidate.situation
        )
    ]
    months = months_between(candidate.waiting_since, today)
    waiting = min(months * rules.points_per_waiting_month, rules.max_waiting_points)
    parts.append(PointPart(Part.WAITING, max(waiting, 0), str(months)))
    group_points = [
        (rules.target_group_points.get(code, 0), code) for code in sorted(candidate.target_groups)
    ]
    if group_points:
        best_points, best_code = max(group_points, key=lambda item: (item[0], item[1]))
        parts.append(PointPart(Part.TARGET_GROUP, best_points, best_code))
    if candidate.children:
        children = min(candidate.children * rules.points_per_child, rules.max_children_points)
        parts.append(PointPart(Part.CHILDREN, children, str(candidate.children)))
    if candidate.urgent:
        parts.append(PointPart(Part.URGENCY, rules.urgency_points))
    if candidate.manual_points:
        parts.append(PointPart(Part.MANUAL, candidate.manual_points, candidate.manual_reason))
    return Priority(sum(part.points for part in parts), tuple(parts))


def eligibility(
    candidate: Candidate, vacancy: Vacancy, rules: EligibilityRules
) -> tuple[Check, ...]:
    """Every rule applied to the pair, passed or not, in display order."""
    low, high = rules.bedroom_range(candidate.household_size)
    low = max(low, candidate.min_bedrooms)
    high = max(high, low)
    checks = [
        Check(
            CheckCode.SIZE,
            low <= vacancy.bedrooms <= high,
            f"{low}–{high}",
            str(vacancy.bedrooms),
        )
    ]
    if candidate.needs_wheelchair:
        checks.append(Check(CheckCode.WHEELCHAIR, vacancy.wheelchair_accessible))
    if candidate.needs_step_free:
        checks.append(
            Check(CheckCode.STEP_FREE, vacancy.step_free or vacancy.wheelchair_accessible)
        )
    if candidate.has_pets:
        checks.append(Check(CheckCode.PETS, vacancy.pets_allowed))
    if vacancy.area and candidate.excluded_areas:
        checks.append(
            Check(
                CheckCode.EXCLUDED_AREA,
                vacancy.area not in candidate.excluded_areas,
                ", ".join(sorted(candidate.excluded_areas)),
                vacancy.area,
            )
        )
    if vacancy.reserved_for:
        checks.append(
            Check(
                CheckCode.RESERVED,
                bool(candidate.target_groups & vacancy.reserved_for),
                ", ".join(sorted(vacancy.reserved_for)),
                ", ".join(sorted(candidate.target_groups)),
            )
        )
    if vacancy.shared_house:
        checks.append(Check(CheckCode.SHARED_HOUSE, candidate.accepts_shared_house))
    return tuple(checks)


def is_eligible(checks: Iterable[Check]) -> bool:
    return all(check.passed for check in checks)


# Fit of a dwelling to a household, 0–100: how well it matches what they asked for.
FIT_AREA_WANTED = 40
FIT_AREA_NEUTRAL = 20
FIT_SIZE_EXACT = 40
FIT_SIZE_STEP = 15
FIT_NO_WASTE = 20


def fit(candidate: Candidate, vacancy: Vacancy, rules: EligibilityRules) -> int:
    """How well an eligible dwelling suits the household (0–100, higher is better):
    the wanted area (40; 20 when the household named none), the size (40 for the
    fewest bedrooms the household may have, 15 less for each bedroom more), and
    20 unless a wheelchair-accessible dwelling goes to a household that does not
    need one (it would be wasted on them)."""
    if candidate.wanted_areas:
        area = FIT_AREA_WANTED if vacancy.area in candidate.wanted_areas else 0
    else:
        area = FIT_AREA_NEUTRAL
    low, _high = rules.bedroom_range(candidate.household_size)
    low = max(low, candidate.min_bedrooms)
    size = max(FIT_SIZE_EXACT - FIT_SIZE_STEP * max(vacancy.bedrooms - low, 0), 0)
    waste = 0 if vacancy.wheelchair_accessible and not candidate.needs_wheelchair else FIT_NO_WASTE
    return area + size + waste


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    priority: Priority
    rank: int
    checks: tuple[Check, ...] = ()


def _order_key(item: tuple[Candidate, Priority]) -> tuple[int, datetime.date, int]:
    candidate, prio = item
    return (-prio.total, candidate.waiting_since, candidate.id)


def rank(
    candidates: Iterable[Candidate], rules: PriorityRules, today: datetime.date
) -> list[Ranked]:
    """The waiting list: most points first; ties go to the longest wait, then the
    oldest case (lowest id), so the order is total and reproducible."""
    scored = sorted(((c, priority(c, rules, today)) for c in candidates), key=_order_key)
    return [Ranked(c, p, position) for position, (c, p) in enumerate(scored, start=1)]


@dataclass(frozen=True)
class VacancyRanking:
    vacancy: Vacancy
    eligible: list[Ranked]
    ineligible: list[Ranked]


def rank_for_vacancy(
    candidates: Sequence[Candidate],
    vacancy: Vacancy,
    priority_rules: PriorityRules,
    eligibility_rules: EligibilityRules,
    today: datetime.date,
) -> VacancyRanking:
    """Candidates for one dwelling: the eligible in waiting-list order, ranked
    1..n among themselves, each with the checks it passed; and the ineligible with
    the checks that failed (rank 0: they are not in the running)."""
    eligible: list[Ranked] = []
    ineligible: list[Ranked] = []
    for ranked in rank(candidates, priority_rules, today):
        checks = eligibility(ranked.candidate, vacancy, eligibility_rules)
        if is_eligible(checks):
            eligible.append(Ranked(ranked.candidate, ranked.priority, len(eligible) + 1, checks))
        else:
            ineligible.append(Ranked(ranked.candidate, ranked.priority, 0, checks))
    return VacancyRanking(vacancy, eligible, ineligible)
