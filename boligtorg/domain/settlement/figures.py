"""The year's settlement figures: settled against the target, time from residence
permit to settlement against the national goals, declines by reason, and the days a
refugee waits in a temporary residence (Denmark).

Sources:
- IMDi's goals (målkrav) for settlement: settled within 6 months of the residence
  decision, unaccompanied minors within 3 months (DOMAIN.md "Settling refugees";
  IMDi's settlement report for 2011, quoted by utrop.no: "bosatt innen fristen på tre
  måneder etter vedtak om opphold" for unaccompanied minors, with 2010 figures). The
  goals are dated data (``SettlementGoal``); ``DEFAULT_GOALS`` starts at 2010, the
  earliest year the sources confirm, not the year the goals were first set.
- Months are counted as deadlines are (``deadlines.add_months``): a permit on 31 August
  plus 6 months is 28 (29) February.
- Issue 25, "Figures": settled against decided (NO) or quota (DK), of them minors;
  declines by reason; temporary residence time (DK, integrationsloven § 12: a temporary
  residence until a permanent dwelling is found). Suppression for publication is the
  caller's (``area_criteria.suppressed``); these figures are exact.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from boligtorg.domain.deadlines import add_months

from .errors import Code, SettlementRuleError


@dataclass(frozen=True)
class SettlementGoal:
    """The national goal from ``valid_from``: months from the residence permit to
    settlement, for adults (and families) and for unaccompanied minors."""

    valid_from: datetime.date
    months_adults: int
    months_minors: int
    source: str


DEFAULT_GOALS: tuple[SettlementGoal, ...] = (
    SettlementGoal(
        valid_from=datetime.date(2010, 1, 1),
        months_adults=6,
        months_minors=3,
        source=(
            "IMDi målkrav: bosatt innen 6 måneder etter vedtak om opphold, enslige "
            "mindreårige innen 3 måneder (IMDi, bosettingsrapport 2011, via utrop.no)"
        ),
    ),
)


def goal_for(day: datetime.date, goals: Sequence[SettlementGoal] = DEFAULT_GOALS) -> SettlementGoal:
    """The goal in force on ``day`` (the one with the latest ``valid_from`` on or
    before it). Raises ``SettlementRuleError(NO_GOAL_IN_FORCE)`` when none is in force."""
    in_force = [goal for goal in goals if goal.valid_from <= day]
    if not in_force:
        raise SettlementRuleError(Code.NO_GOAL_IN_FORCE)
    return max(in_force, key=lambda goal: goal.valid_from)


def goal_deadline(
    permit_on: datetime.date,
    *,
    unaccompanied_minor: bool,
    goals: Sequence[SettlementGoal] = DEFAULT_GOALS,
) -> datetime.date:
    """The last day of settlement within the goal (IMDi målkrav) for a residence permit
    granted on ``permit_on``, by the goal in force on that day."""
    goal = goal_for(permit_on, goals)
    months = goal.months_minors if unaccompanied_minor else goal.months_adults
    return add_months(permit_on, months)


def goal_days(
    permit_on: datetime.date,
    *,
    unaccompanied_minor: bool,
    goals: Sequence[SettlementGoal] = DEFAULT_GOALS,
) -> int:
    """The goal as days for a permit granted on ``permit_on`` (IMDi målkrav; a goal in
    months is a different number of days depending on the months it spans)."""
    deadline = goal_deadline(permit_on, unaccompanied_minor=unaccompanied_minor, goals=goals)
    return (deadline - permit_on).days


def settled_within_goal(
    permit_on: datetime.date,
    settled_on: datetime.date,
    *,
    minor: bool,
    goals: Sequence[SettlementGoal] = DEFAULT_GOALS,
) -> bool:
    """Whether settlement on ``settled_on`` met the goal (IMDi målkrav): on or before
    the day ``goal_deadline`` gives."""
    return settled_on <= goal_deadline(permit_on, unaccompanied_minor=minor, goals=goals)


def days_waited(
    from_day: datetime.date,
    to_day: datetime.date | None = None,
    *,
    today: datetime.date | None = None,
) -> int:
    """Days in a temporary residence (integrationsloven § 12): from moving in to
    ``to_day`` (moving to a permanent dwelling), or to ``today`` while still there.
    Raises ``SettlementRuleError`` without an end (``NO_END_DAY``) or with an end
    before the start (``END_BEFORE_START``)."""
    end = to_day if to_day is not None else today
    if end is None:
        raise SettlementRuleError(Code.NO_END_DAY)
    if end < from_day:
        raise SettlementRuleError(Code.END_BEFORE_START)
    return (end - from_day).days


@dataclass(frozen=True)
class SettlementRecord:
    """One person in the year's figures: settled on ``settled_on`` (None while not
    settled), ``minor`` for an unaccompanied minor, the residence permit's day when
    known, and the municipality's reason code when it declined the person."""

    settled_on: datetime.date | None
    minor: bool
    permit_on: datetime.date | None = None
    declined_reason: Hashable | None = None


@dataclass(frozen=True)
class Target:
    """The year's number: decided by the council (NO) or the municipal quota (DK), and
    of them unaccompanied minors."""

    total: int
    minors: int = 0


@dataclass(frozen=True)
class YearSummary:
    settled: int
    settled_minors: int
    target: Target
    within_goal: int  # settled with a known permit day, within the goal
    with_permit: int  # settled with a known permit day: the share's denominator
    declines: Mapping[Hashable, int]
    median_days: float | None  # from residence permit to settlement

    @property
    def remaining(self) -> int:
        """Still to settle to reach the target; never below zero."""
        return max(0, self.target.total - self.settled)

    @property
    def remaining_minors(self) -> int:
        return max(0, self.target.minors - self.settled_minors)

    @property
    def within_goal_share(self) -> Fraction | None:
        """The exact share settled within the goal; None when no permit day is known."""
        return Fraction(self.within_goal, self.with_permit) if self.with_permit else None


def year_summary(
    records: Iterable[SettlementRecord],
    *,
    target: Target,
    goals: Sequence[SettlementGoal] = DEFAULT_GOALS,
) -> YearSummary:
    """The year's settlement figures (issue 25, "Figures"; IMDi målkrav) from the
    records of the year, which the caller selects: settled (of them minors) against the
    target, how many of those with a known permit day were settled within the goal, the
    declines counted by reason, and the median days from permit to settlement. A
    declined record counts only as a decline."""
    listed = list(records)
    settled = [r for r in listed if r.declined_reason is None and r.settled_on is not None]
    timed = [
        (r.permit_on, r.settled_on, r.minor)
        for r in settled
        if r.permit_on is not None and r.settled_on is not None
    ]
    days = [(settled_on - permit_on).days for permit_on, settled_on, _ in timed]
    within = sum(
        1
        for permit_on, settled_on, minor in timed
        if settled_within_goal(permit_on, settled_on, minor=minor, goals=goals)
    )
    declines = Counter(r.declined_reason for r in listed if r.declined_reason is not None)
    return YearSummary(
        settled=len(settled),
        settled_minors=sum(1 for r in settled if r.minor),
        target=target,
        within_goal=within,
        with_permit=len(timed),
        declines=dict(sorted(declines.items(), key=lambda item: (-item[1], str(item[0])))),
        median_days=float(statistics.median(days)) if days else None,
    )
