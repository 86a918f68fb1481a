"""The settlement figures (issue 25, "Figures"): persons settled against the figure in
force (the council's decision in Norway, the quota in Denmark) over five years, of
them unaccompanied minors; the days from residence permit to settlement against the
national goals (``domain.settlement.figures``); declines by reason; and in Denmark
the time households wait in a temporary residence.

One set of counts, two ways out: ``published`` protects the counts of persons by the
statistics pages' rule (``domain.reporting.protect`` with the same threshold, so a
small count shows as the same colon), for the figures page; ``exact`` leaves them as
they are, for the export the office sends to IMDi or the Immigration Service.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Country
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting
from boligtorg.domain.reporting import ProtectedTable
from boligtorg.domain.settlement.errors import SettlementRuleError
from boligtorg.domain.settlement.figures import (
    DEFAULT_GOALS,
    SettlementRecord,
    Target,
    days_waited,
    goal_for,
    year_summary,
)
from boligtorg.planning.selectors_statistics import threshold

from ..access import FIGURE_ROLES
from ..models import DeclineReason, ProposalStatus, ProposedPerson, TemporaryResidence
from .numbers import figure_in_force, targets_in_force_by_year

YEARS_SHOWN = 5
# A permit granted before the first goal in the table has no goal to be measured
# against: it counts as a settlement without a known permit date.
FIRST_GOAL = min(goal.valid_from for goal in DEFAULT_GOALS)
# Temporary residence time in bands of days: under a month, to three, to six, longer.
RESIDENCE_BANDS: tuple[tuple[int, int | None, Promise], ...] = (
    (0, 29, _("Under 30 days")),
    (30, 89, _("30 to 89 days")),
    (90, 182, _("90 to 182 days")),
    (183, None, _("183 days or more")),
)


@dataclass(frozen=True)
class Table:
    """A table of counts with its row and column labels, protected or exact, and
    columns beside it that are not counts of persons (the figure, a median)."""

    key: str
    title: str | Promise
    unit: str | Promise
    rows: list[str]
    columns: list[str]
    table: ProtectedTable
    extras: list[tuple[str, list[Any]]] = field(default_factory=list)
    # Figures about the whole table (a median of all its rows), None when hidden.
    summary: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def labelled_rows(self) -> list[tuple[str, list[Any], Any, list[Any]]]:
        return [
            (label, cells, total, [values[i] for _label, values in self.extras])
            for i, (label, cells, total) in enumerate(
                zip(self.rows, self.table.rows, self.table.row_totals, strict=True)
            )
        ]

    @property
    def shows_total(self) -> bool:
        """A row total beside a single column would repeat it."""
        return len(self.columns) > 1

    @property
    def extra_labels(self) -> list[str]:
        return [label for label, _values in self.extras]


@dataclass(frozen=True)
class SettlementFigures:
    year: int
    country: str
    exact: bool
    threshold: int
    tables: list[Table]
    goal_source: str


@dataclass(frozen=True)
class _Counts:
    """The exact counts, before they are published or exported."""

    years: list[int]
    settled: list[list[int]]  # per year: adults and families, unaccompanied minors
    figures: list[tuple[int | None, int | None]]  # per year: figure, of them minors
    timed: list[list[int]]  # adults, minors: within the goal, after it
    medians: list[float | None]
    goal_months: tuple[int, int] | None  # None before the first goal
    goal_source: str
    declines: list[int]
    residences: list[list[int]] | None  # per band: moved on, still there
    residence_median: float | None


def _year(field_name: str, year: int) -> Q:
    return Q(
        **{
            f"proposal__{field_name}__gte": datetime.date(year, 1, 1),
            f"proposal__{field_name}__lte": datetime.date(year, 12, 31),
        }
    )


def _records(actor: Actor, year: int) -> list[SettlementRecord]:
    """The persons settled in ``year`` and those declined in it, as plain data."""
    rows = (
        ProposedPerson.objects.filter(
            municipality=actor.municipality, proposal__municipality=actor.municipality
        )
        .filter(
            (Q(proposal__status=ProposalStatus.SETTLED) & _year("arrived_on", year))
            | (Q(proposal__status=ProposalStatus.DECLINED) & _year("answered_on", year))
        )
        .values_list(
            "proposal__status",
            "proposal__arrived_on",
            "proposal__unaccompanied_minor",
            "proposal__residence_permit_on",
            "proposal__decline_reason",
        )
    )
    return [
        SettlementRecord(
            settled_on=arrived_on if status == ProposalStatus.SETTLED else None,
            minor=minor,
            permit_on=permit_on if permit_on and permit_on >= FIRST_GOAL else None,
            declined_reason=reason if status == ProposalStatus.DECLINED else None,
        )
        for status, arrived_on, minor, permit_on, reason in rows
    ]


def _settled_by_year(actor: Actor, years: Sequence[int]) -> dict[int, tuple[int, int]]:
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = ProposedPerson.objects.filter(
        municipality=actor.municipality,
        proposal__municipality=actor.municipality,
        proposal__status=ProposalStatus.SETTLED,
        proposal__arrived_on__gte=datetime.date(years[0], 1, 1),
        proposal__arrived_on__lte=datetime.date(years[-1], 12, 31),
    ).values_list("proposal__arrived_on", "proposal__unaccompanied_minor")
    for arrived_on, minor in rows:
        found[arrived_on.year][1 if minor else 0] += 1
    return {year: (found[year][0], found[year][1]) for year in years}


def _residences(actor: Actor, year: int, today: datetime.date) -> tuple[list[list[int]], list[int]]:
    """Temporary residences begun in ``year``, by band of days waited (to the move,
    or to today while still there): moved on, still there; and every day count."""
    bands = [[0, 0] for _band in RESIDENCE_BANDS]
    days_all = []
    rows = TemporaryResidence.objects.filter(
        municipality=actor.municipality, from_on__year=year, from_on__lte=today
    ).values_list("from_on", "to_on")
    for from_on, to_on in rows:
        days = days_waited(from_on, min(to_on, today) if to_on else None, today=today)
        days_all.append(days)
        for i, (low, high, _label) in enumerate(RESIDENCE_BANDS):
            if days >= low and (high is None or days <= high):
                bands[i][0 if to_on and to_on <= today else 1] += 1
                break
    return bands, days_all


def _counts(actor: Actor, year: int) -> _Counts:
    today = timezone.localdate()
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    settled = _settled_by_year(actor, years)
    figures = []
    in_force = targets_in_force_by_year(actor=actor, years=years)
    for each in years:
        target = figure_in_force(in_force[each])
        figures.append((target.total, target.minors) if target else (None, None))
    records = _records(actor, year)
    summaries = [
        year_summary([r for r in records if r.minor is minor], target=Target(total=0))
        for minor in (False, True)
    ]
    try:
        goal = goal_for(datetime.date(year, 1, 1))
    except SettlementRuleError:
        goal = None
    declines_by_reason = year_summary(records, target=Target(total=0)).declines
    residences: list[list[int]] | None = None
    residence_median = None
    if actor.municipality.country == Country.DENMARK:
        residences, days_all = _residences(actor, year, today)
        residence_median = float(statistics.median(days_all)) if days_all else None
    return _Counts(
        years=years,
        settled=[list(settled[each]) for each in years],
        figures=figures,
        timed=[[s.within_goal, s.with_permit - s.within_goal] for s in summaries],
        medians=[s.median_days for s in summaries],
        goal_months=(goal.months_adults, goal.months_minors) if goal else None,
        goal_source=goal.source if goal else "",
        declines=[declines_by_reason.get(reason, 0) for reason in DeclineReason.values],
        residences=residences,
        residence_median=residence_median,
    )


def _median(value: float | None, count: int, *, exact: bool, limit: int) -> float | None:
    """A median is one person's figure when few are counted: hidden below the
    threshold on the published page."""
    if value is None or (not exact and count < limit):
        return None
    return value


def settlement_figures(*, actor: Actor, year: int, exact: bool = False) -> SettlementFigures:
    """The year's settlement figures; ``exact`` for the export to IMDi or the
    Immigration Service, else protected for publication."""
    require_role(actor, *FIGURE_ROLES)
    counts = _counts(actor, year)
    limit = threshold()

    def table(values: list[list[int]]) -> ProtectedTable:
        return reporting.publish(values) if exact else reporting.protect(values, limit)

    figure_label = (
        _("Municipal quota")
        if actor.municipality.country == Country.DENMARK
        else _("Figure in force")
    )
    adults, minors = _("Adults and families"), _("Unaccompanied minors")
    goal_rows = [str(adults), str(minors)]
    if counts.goal_months:
        months_adults, months_minors = counts.goal_months
        goal_rows = [
            str(_("Adults and families (goal %(months)s months)") % {"months": months_adults}),
            str(_("Unaccompanied minors (goal %(months)s months)") % {"months": months_minors}),
        ]
    tables = [
        Table(
            key="settled",
            title=_("Settled against the figure, by year"),
            unit=_("persons"),
            rows=[str(each) for each in counts.years],
            columns=[str(adults), str(minors)],
            table=table(counts.settled),
            extras=[
                (str(figure_label), [total for total, _m in counts.figures]),
                (
                    str(_("Of them unaccompanied minors")),
                    [m for _total, m in counts.figures],
                ),
            ],
        ),
        Table(
            key="declines",
            title=_("Declined in the year, by reason"),
            unit=_("persons"),
            rows=[str(label) for label in DeclineReason.labels],
            columns=[str(_("Declined"))],
            table=table([[count] for count in counts.declines]),
        ),
    ]
    if actor.municipality.country == Country.NORWAY:
        # IMDi's goals (målkrav) are Norway's; Denmark has no such goal.
        tables.insert(
            1,
            Table(
                key="goal",
                title=_("From residence permit to settlement, against the national goal"),
                unit=_("persons settled in the year with a known permit date"),
                rows=goal_rows,
                columns=[str(_("Within the goal")), str(_("After the goal"))],
                table=table(counts.timed),
                extras=[
                    (
                        str(_("Median days")),
                        [
                            _median(median, sum(row), exact=exact, limit=limit)
                            for median, row in zip(counts.medians, counts.timed, strict=True)
                        ],
                    )
                ],
            ),
        )
    if counts.residences is not None:
        begun = sum(sum(row) for row in counts.residences)
        tables.append(
            Table(
                key="temporary",
                title=_("Time in a temporary residence, begun in the year"),
                unit=_("households"),
                rows=[str(label) for _low, _high, label in RESIDENCE_BANDS],
                columns=[str(_("Moved to a permanent dwelling")), str(_("Still there"))],
                table=table(counts.residences),
                summary=[
                    (
                        str(_("Median days in a temporary residence")),
                        _median(counts.residence_median, begun, exact=exact, limit=limit),
                    )
                ],
            )
        )
    return SettlementFigures(
        year=year,
        country=actor.municipality.country,
        exact=exact,
        threshold=limit,
        tables=tables,
        goal_source=counts.goal_source if actor.municipality.country == Country.NORWAY else "",
    )
