"""Danish statutory criteria for vulnerable housing areas, evaluated from an
area's indicator figures (DOMAIN.md, "Areas"; seed 001, Skanderborg).

The thresholds are data: a ``RuleSet`` with a validity period, stored per
municipality and seeded from ``DEFAULT_RULE_SETS``. This module only knows how a
rule set is applied, so a change in the law is a new row, not new code.

Sources read for the defaults (each default's ``source`` names its own):
- Almenboligloven § 61 a (udsat boligområde, parallelsamfund, boligområde of at
  least 1,000 residents, omdannelsesområde) and § 61 b (forebyggelsesområde) in
  the consolidated text LBK nr. 1171 af 11/11/2024 (danskelove.dk/almenboligloven/61a,
  elov.dk/almenboligloven/paragraf/61b, lovguiden.dk).
- The 2018 wording (Parallelsamfundspakken, L 38 2018/19): the ministry's fact
  sheet "Definitionen af en ghetto" (Transport-, Bygnings- og Boligministeriet,
  regeringen.dk) and its note "Liste over hårde ghettoområder pr. 1. december
  2020" (ft.dk, BOU alm. del bilag 33, 2020-21): a hard ghetto area is one that met
  the ghetto conditions for the last four years, but for the lists of 2018–2020
  the last five years. The number of the amending act was not confirmed.
- The 2013–2017 ghetto list (3 of 5): the bill L 45 2013/14 ("Ny definition af
  ghettoområder", introduced 31 October 2013, eu.dk/ft.dk), whose § 1, nr. 1 gives
  § 61 a the wording quoted in ``GHETTO_2014``.
- The 2010 ghetto list (2 of 3): the amending act "Stop for anvisning til
  ghettoområder af visse persongrupper og identifikation af ghettoområder"
  (retsinformation.dk, amending LBK nr. 1040 af 1/9/2010), which inserted § 61 a with
  the 1,000-resident minimum and "mindst to af" the criteria; the figures and their
  four-year averages are as the ministry published them (quoted by TV2 Østjylland,
  "Hvad er en ghetto?"). The act's number was not confirmed.
- § 61 b has no exception for an area that is also an udsat boligområde: its text
  defines a forebyggelsesområde by its own figures only. So an area can meet both in
  a year; the page shows both, and ``YearClassification.headline`` the more severe.

The figures are those the ministry publishes for an area: shares in per cent,
convictions as a multiple of the national rate (2018+) or as a per cent of the
residents aged 18 or over (2010–2017), income as a per cent of the region's. Where
the law averages a figure over two (or four) years, the imported figure is taken
to be that average already.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

SUPPRESSION_THRESHOLD = 5
LIST_DAY = (12, 1)  # the minister publishes the lists on 1 December (§ 61 a, stk. 5)


class Indicator(StrEnum):
    RESIDENTS = "residents"
    OUTSIDE_WORK = "outside_work"  # % aged 18–64 outside work or education
    CONVICTIONS_RATIO = "convictions_ratio"  # × the national rate
    CONVICTED_SHARE = "convicted_share"  # % of residents aged 18+ (2010–2017 lists)
    BASIC_SCHOOLING = "basic_schooling"  # % aged 30–59 with basic schooling only
    INCOME_RATIO = "income_ratio"  # mean gross income, % of the region's
    NON_WESTERN = "non_western"  # % immigrants and descendants, non-Western countries


class Comparison(StrEnum):
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"

    def holds(self, figure: Decimal, threshold: Decimal) -> bool:
        if self is Comparison.GT:
            return figure > threshold
        if self is Comparison.GTE:
            return figure >= threshold
        if self is Comparison.LT:
            return figure < threshold
        return figure <= threshold

    @property
    def symbol(self) -> str:
        return {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}[self.value]

    @property
    def worse_is_higher(self) -> bool:
        return self in (Comparison.GT, Comparison.GTE)


class Kind(StrEnum):
    """The classifications, most severe first in ``SEVERITY``."""

    GHETTO_LIST = "ghetto_list"  # 2010–2017: "ghettoområde" (særligt udsat boligområde)
    VULNERABLE = "vulnerable"  # udsat boligområde, § 61 a, stk. 1
    PARALLEL_SOCIETY = "parallel_society"  # parallelsamfund (ghettoområde 2018–2021), stk. 2
    TRANSFORMATION = "transformation"  # omdannelsesområde (hårdt ghettoområde), stk. 4
    PREVENTION = "prevention"  # forebyggelsesområde, § 61 b


SEVERITY: tuple[Kind, ...] = (
    Kind.TRANSFORMATION,
    Kind.PARALLEL_SOCIETY,
    Kind.VULNERABLE,
    Kind.GHETTO_LIST,
    Kind.PREVENTION,
)

# The years that count towards an omdannelsesområde: the ministry's 2020 note
# counts the years an area stood on the ghetto list before 2018 (Solbakken and
# Nørager "on the ghetto list in every year 2016–2020" became hard ghetto areas).
LINEAGE: Mapping[Kind, frozenset[Kind]] = {
    Kind.PARALLEL_SOCIETY: frozenset({Kind.PARALLEL_SOCIETY, Kind.GHETTO_LIST}),
}


@dataclass(frozen=True)
class Criterion:
    """One condition: the figure of ``indicator`` compared with ``threshold``.
    A ``required`` criterion must hold; the others count towards ``needed``."""

    indicator: Indicator
    comparison: Comparison
    threshold: Decimal
    required: bool = False

    def text(self) -> str:
        return f"{self.indicator.value} {self.comparison.symbol} {self.threshold}"


@dataclass(frozen=True)
class RuleSet:
    """A criterion set of one kind with its validity period. ``needed`` of the
    criteria that are not required must hold. A set with ``consecutive_years``
    has no criteria of its own: it applies when the area met its ``based_on`` kind
    (or a predecessor, ``LINEAGE``) in that many consecutive years up to this one."""

    kind: Kind
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    criteria: tuple[Criterion, ...] = ()
    needed: int = 0
    consecutive_years: int | None = None
    based_on: Kind | None = None
    source: str = ""

    def valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: RuleSet) -> bool:
        """Whether the two validity periods share a day (open ends run for ever)."""
        far = datetime.date.max
        return self.valid_from <= (other.valid_to or far) and other.valid_from <= (
            self.valid_to or far
        )


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    figure: Decimal | None
    met: bool

    @property
    def missing(self) -> bool:
        return self.figure is None


@dataclass(frozen=True)
class Evaluation:
    rule: RuleSet
    results: tuple[CriterionResult, ...]
    met: bool
    counted_met: int
    streak: int | None = None  # consecutive years, for a consecutive-years rule

    @property
    def missing_figures(self) -> tuple[Indicator, ...]:
        return tuple(r.criterion.indicator for r in self.results if r.missing)


@dataclass(frozen=True)
class YearClassification:
    year: int
    evaluations: tuple[Evaluation, ...]

    @property
    def kinds(self) -> tuple[Kind, ...]:
        met = {e.rule.kind for e in self.evaluations if e.met}
        return tuple(kind for kind in SEVERITY if kind in met)

    @property
    def headline(self) -> Kind | None:
        """The most severe classification met that year; None when none is."""
        return self.kinds[0] if self.kinds else None


Figures = Mapping[Indicator, Decimal | int | None]


def list_day(year: int) -> datetime.date:
    """The day a year's lists are published, by which a rule set is chosen."""
    return datetime.date(year, *LIST_DAY)


def evaluate(figures: Figures, rule: RuleSet) -> Evaluation:
    """Which of ``rule``'s criteria the figures meet, and whether the rule is met:
    every required criterion and at least ``needed`` of the others. A missing
    figure meets nothing (the area cannot be said to meet a criterion unknown)."""
    results = []
    for criterion in rule.criteria:
        raw = figures.get(criterion.indicator)
        figure = None if raw is None else Decimal(raw)
        met = figure is not None and criterion.comparison.holds(figure, criterion.threshold)
        results.append(CriterionResult(criterion, figure, met))
    required_ok = all(r.met for r in results if r.criterion.required)
    counted = sum(1 for r in results if r.met and not r.criterion.required)
    met = bool(rule.criteria) and required_ok and counted >= rule.needed
    return Evaluation(rule, tuple(results), met, counted)


def consecutive_years(years_met: Iterable[int], up_to: int) -> int:
    """How many consecutive years, ending with ``up_to``, are in ``years_met``."""
    met = set(years_met)
    count = 0
    while up_to - count in met:
        count += 1
    return count


def rules_for_year(rules: Iterable[RuleSet], year: int) -> list[RuleSet]:
    day = list_day(year)
    return [rule for rule in rules if rule.valid_on(day)]


def classify_history(
    figures_by_year: Mapping[int, Figures], rules: Sequence[RuleSet]
) -> list[YearClassification]:
    """Each year with figures, oldest first: the rule sets valid on that year's list
    day applied to its figures, then the consecutive-years rules applied to the
    history so far (a year without figures breaks a streak)."""
    met_by_kind: dict[Kind, set[int]] = {}
    classified: list[YearClassification] = []
    for year in sorted(figures_by_year):
        valid = rules_for_year(rules, year)
        direct = [evaluate(figures_by_year[year], rule) for rule in valid if rule.criteria]
        for evaluation in direct:
            if evaluation.met:
                met_by_kind.setdefault(evaluation.rule.kind, set()).add(year)
        streaks = []
        for rule in valid:
            if rule.consecutive_years is None or rule.based_on is None:
                continue
            counted_kinds = LINEAGE.get(rule.based_on, frozenset({rule.based_on}))
            years_met = set().union(*(met_by_kind.get(kind, set()) for kind in counted_kinds))
            streak = consecutive_years(years_met, year)
            met = streak >= rule.consecutive_years
            streaks.append(Evaluation(rule, (), met, 0, streak))
            if met:
                met_by_kind.setdefault(rule.kind, set()).add(year)
        classified.append(YearClassification(year, tuple(direct + streaks)))
    return classified


def check_no_overlap(rules: Iterable[RuleSet]) -> list[tuple[RuleSet, RuleSet]]:
    """The pairs of rule sets of the same kind whose validity periods overlap."""
    listed = list(rules)
    return [
        (a, b)
        for i, a in enumerate(listed)
        for b in listed[i + 1 :]
        if a.kind == b.kind and a.overlaps(b)
    ]


def suppressed(count: int, threshold: int = SUPPRESSION_THRESHOLD) -> str:
    """A count as shown in statistics: below ``threshold`` it is "<threshold", so
    that no figure can point at a person (issue 9, "Statistics never reveal a
    person"). Zero is suppressed too: it tells as much as one about a small area."""
    if count < threshold:
        return f"<{threshold}"
    return str(count)


# --- The defaults ------------------------------------------------------------------

_D = Decimal
_R = Indicator
_C = Comparison


def _c(
    indicator: Indicator, comparison: Comparison, threshold: str, required: bool = False
) -> Criterion:
    return Criterion(indicator, comparison, _D(threshold), required)


GHETTO_2010 = RuleSet(
    kind=Kind.GHETTO_LIST,
    name="Ghetto list 2010–2012 (2 of 3)",
    valid_from=datetime.date(2010, 1, 1),
    valid_to=datetime.date(2013, 11, 30),
    criteria=(
        _c(_R.RESIDENTS, _C.GTE, "1000", required=True),
        _c(_R.NON_WESTERN, _C.GT, "50"),
        _c(_R.OUTSIDE_WORK, _C.GT, "40"),
        _c(_R.CONVICTED_SHARE, _C.GT, "2.7"),
    ),
    needed=2,
    source=(
        "Almenboligloven § 61 a as inserted in 2010 (the act 'Stop for anvisning til "
        "ghettoområder af visse persongrupper og identifikation af ghettoområder', amending "
        "LBK nr. 1040 af 1/9/2010; retsinformation.dk): a physically connected almen "
        "boligafdeling with at least 1,000 residents meeting at least 2 of: > 50 % "
        "non-Western; > 40 % aged 18–64 outside work or education (4-year average); > 270 "
        "convicted per 10,000 residents aged 18+ (= 2.7 %, 4-year average), figures as the "
        "ministry published them (TV2 Østjylland, 'Hvad er en ghetto?')."
    ),
)

GHETTO_2014 = RuleSet(
    kind=Kind.GHETTO_LIST,
    name="Ghetto list 2013–2017 (3 of 5)",
    valid_from=datetime.date(2013, 12, 1),
    valid_to=datetime.date(2018, 11, 30),
    criteria=(
        _c(_R.RESIDENTS, _C.GTE, "1000", required=True),
        _c(_R.OUTSIDE_WORK, _C.GT, "40"),
        _c(_R.NON_WESTERN, _C.GT, "50"),
        _c(_R.CONVICTED_SHARE, _C.GT, "2.7"),
        _c(_R.BASIC_SCHOOLING, _C.GT, "50"),
        _c(_R.INCOME_RATIO, _C.LT, "55"),
    ),
    needed=3,
    source=(
        "Almenboligloven § 61 a as worded by L 45 2013/14 ('Ny definition af "
        "ghettoområder', introduced 31 October 2013; eu.dk), for the lists of 1 December "
        "2013–2017: physically connected almene boligafdelinger with at least 1,000 "
        "residents meeting at least 3 of: > 50 % non-Western; > 40 % aged 18–64 outside "
        "work or education (2-year average); > 2.7 % of residents aged 18+ convicted "
        "(2-year average); > 50 % aged 30–59 with basic schooling only; mean gross income "
        "(15–64, excluding students) < 55 % of the region's."
    ),
)

_FOUR_2018 = (
    _c(_R.OUTSIDE_WORK, _C.GT, "40"),
    _c(_R.CONVICTIONS_RATIO, _C.GTE, "3"),
    _c(_R.BASIC_SCHOOLING, _C.GT, "60"),
    _c(_R.INCOME_RATIO, _C.LT, "55"),
)
_SOURCE_61A = (
    "Almenboligloven § 61 a, stk. 1 and 3 (from 1 December 2018, Parallelsamfundspakken, "
    "L 38 2018/19; text confirmed in LBK nr. 1171 af 11/11/2024 and in the ministry's fact "
    "sheet 'Definitionen af en ghetto', Transport-, Bygnings- og Boligministeriet)"
)

VULNERABLE_2018 = RuleSet(
    kind=Kind.VULNERABLE,
    name="Udsat boligområde 2018– (2 of 4)",
    valid_from=datetime.date(2018, 12, 1),
    valid_to=None,
    criteria=(_c(_R.RESIDENTS, _C.GTE, "1000", required=True), *_FOUR_2018),
    needed=2,
    source=(
        f"{_SOURCE_61A}: at least 1,000 residents (stk. 3) and 2 of 4 (stk. 1): > 40 % "
        "aged 18–64 outside work or education (2-year average); convicted ≥ 3 × the national "
        "rate (2-year average); > 60 % aged 30–59 with basic schooling only; mean gross "
        "income (15–64, excluding students) < 55 % of the region's."
    ),
)

PARALLEL_2018 = RuleSet(
    kind=Kind.PARALLEL_SOCIETY,
    name="Parallelsamfund (ghettoområde until 2021) 2018–",
    valid_from=datetime.date(2018, 12, 1),
    valid_to=None,
    criteria=(
        _c(_R.RESIDENTS, _C.GTE, "1000", required=True),
        _c(_R.NON_WESTERN, _C.GT, "50", required=True),
        *_FOUR_2018,
    ),
    needed=2,
    source=(
        f"{_SOURCE_61A}, stk. 2: non-Western immigrants and descendants > 50 % and 2 of the "
        "4 criteria of stk. 1. Called 'ghettoområde' until the 2021 amendment renamed it."
    ),
)

TRANSFORMATION_2018 = RuleSet(
    kind=Kind.TRANSFORMATION,
    name="Omdannelsesområde (hårdt ghettoområde until 2021) 2018–",
    valid_from=datetime.date(2018, 12, 1),
    valid_to=None,
    consecutive_years=5,
    based_on=Kind.PARALLEL_SOCIETY,
    source=(
        "Almenboligloven § 61 a, stk. 4 (LBK nr. 1171 af 11/11/2024): a parallelsamfund in "
        "each of the last 5 years. The 2018 wording said 4 years for a 'hårdt ghettoområde' "
        "with 5 years for the lists of 2018–2020 (ministry note of 1 December 2020, ft.dk "
        "BOU alm. del bilag 33), so every list since 2018 used 5 years. Years on the "
        "ghetto list before 2018 count, as in that note."
    ),
)

PREVENTION_2021 = RuleSet(
    kind=Kind.PREVENTION,
    name="Forebyggelsesområde 2021– (2 of 4)",
    valid_from=datetime.date(2021, 12, 1),
    valid_to=None,
    criteria=(
        _c(_R.RESIDENTS, _C.GTE, "1000", required=True),
        _c(_R.NON_WESTERN, _C.GT, "30", required=True),
        _c(_R.OUTSIDE_WORK, _C.GT, "30"),
        _c(_R.CONVICTIONS_RATIO, _C.GTE, "2"),
        _c(_R.BASIC_SCHOOLING, _C.GT, "60"),
        _c(_R.INCOME_RATIO, _C.LT, "65"),
    ),
    needed=2,
    source=(
        "Almenboligloven § 61 b (first list 1 December 2021; text confirmed in LBK nr. 1171 "
        "af 11/11/2024, elov.dk and lovguiden.dk): a boligområde (§ 61 a, stk. 3, so at least "
        "1,000 residents) with > 30 % non-Western immigrants and descendants and 2 of 4: "
        "> 30 % aged 18–64 outside work or education (2-year average); convicted ≥ 2 × the "
        "national rate (2-year average); > 60 % aged 30–59 with basic schooling only; mean "
        "gross income < 65 % of the region's."
    ),
)

DEFAULT_RULE_SETS: tuple[RuleSet, ...] = (
    GHETTO_2010,
    GHETTO_2014,
    VULNERABLE_2018,
    PARALLEL_2018,
    TRANSFORMATION_2018,
    PREVENTION_2021,
)
