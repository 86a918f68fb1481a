"""Reads of the statistics page and its API: one query per figure, counted in the
database, then bucketed into periods and protected by ``boligtorg.domain.reporting``
(one rule of suppression for pages, exports and the API). The yearly report is
``selectors_kostra``, the stock-versus-need view ``selectors_stock_need``; both
share this module's ``threshold``, ``Figure`` and ``waiting_spells``.

Every figure counts applications, decisions, offers, plans, visits, cases or
dwellings of the actor's municipality — never names. Counts of households and
persons are suppressed; counts of dwellings are not (a dwelling is not a person,
and Statistics Norway publishes each municipality's stock in full).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation import statistics as offer_stats
from boligtorg.allocation.access import STATISTICS_ROLES as OFFER_STATISTICS_ROLES
from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    Situation,
)
from boligtorg.core.models import Country, Role
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Cell, Granularity, Period, ProtectedTable, Spell
from boligtorg.finance.models import DecisionOutcome as FinancingOutcome
from boligtorg.finance.models import FinancingCase, FinancingDecision, FinancingPurpose
from boligtorg.finance.models.decisions import GRANTING_OUTCOMES
from boligtorg.followup.models import (
    FollowUpPlan,
    PreventionCase,
    PreventionOutcome,
    Visit,
    VisitStatus,
)
from boligtorg.housing.models import (
    DispositionForm,
    Dwelling,
    DwellingStatus,
)

READ_ROLES = (Role.PLANNER, Role.MANAGER, Role.CASEWORKER)
NO_TARGET_GROUP = _("No target group recorded")
PREVENTED = (PreventionOutcome.CLEARED, PreventionOutcome.PLAN_KEPT, PreventionOutcome.MOVED)


def threshold() -> int:
    return int(getattr(settings, "BOLIGTORG_SUPPRESS_BELOW", reporting.DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Extra:
    """A column beside a figure's counts that is not a count (a median, a share)."""

    label: str | Promise
    values: list[float | None]


@dataclass(frozen=True)
class Figure:
    """A table of counts: rows (periods or categories) × columns (categories)."""

    key: str
    title: str | Promise
    unit: str | Promise
    row_heading: str | Promise
    rows: list[str]
    columns: list[str]
    table: ProtectedTable
    # The row total is the number counted; False where one row may count a thing in
    # several columns (an application in two target groups).
    additive: bool = True
    extras: list[Extra] = field(default_factory=list)
    chart: str = "bar"

    @property
    def is_empty(self) -> bool:
        return not any(cell.hidden or cell.value for row in self.table.rows for cell in row)

    @property
    def labelled_rows(self) -> list[tuple[str, list[Cell], Cell, list[float | None]]]:
        """Each row's label, cells, total and extra values, for the tables."""
        return [
            (label, row, total, [extra.values[i] for extra in self.extras])
            for i, (label, row, total) in enumerate(
                zip(self.rows, self.table.rows, self.table.row_totals, strict=True)
            )
        ]

    def chart_data(self) -> dict[str, Any]:
        """What ``static/js/charts.js`` draws: hidden cells are gaps (null)."""
        return {
            "key": self.key,
            "type": self.chart,
            "title": str(self.title),
            "labels": self.rows,
            "datasets": [
                {"label": column, "data": [row[j].value for row in self.table.rows]}
                for j, column in enumerate(self.columns)
            ],
        }

    def as_dict(self) -> dict[str, Any]:
        """The figure as the API and exports give it (hidden cells are null)."""
        return {
            "key": self.key,
            "title": str(self.title),
            "unit": str(self.unit),
            "rows": [
                {
                    "label": label,
                    "cells": dict(zip(self.columns, [c.value for c in row], strict=True)),
                    "total": total.value if self.additive else None,
                    "extras": {str(extra.label): extra.values[i] for extra in self.extras},
                }
                for i, (label, row, total) in enumerate(
                    zip(self.rows, self.table.rows, self.table.row_totals, strict=True)
                )
            ],
        }


@dataclass(frozen=True)
class OfferSummary:
    """The allocation module's own offer figures for the year, protected."""

    rows: list[tuple[str | Promise, Cell, float | None]]
    by_status: list[tuple[str, Cell]]


@dataclass(frozen=True)
class Statistics:
    year: int
    granularity: Granularity
    periods: list[Period]
    threshold: int
    figures: list[Figure]
    dwellings: Figure
    offers: OfferSummary | None

    def figure(self, key: str) -> Figure:
        return next(f for f in [*self.figures, self.dwellings] if f.key == key)


def today() -> datetime.date:
    return timezone.localdate()


def _periods(year: int, granularity: Granularity) -> list[Period]:
    """The periods of the view that have begun by today."""
    now = today()
    return [p for p in reporting.periods_for(year, granularity) if p.start <= now]


def _index(periods: Sequence[Period], day: datetime.date | datetime.datetime | None) -> int | None:
    if day is None:
        return None
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return next((i for i, period in enumerate(periods) if day in period), None)


def _grid(
    periods: Sequence[Period],
    column_keys: Sequence[object],
    counted: Iterable[tuple[datetime.date | None, object, int]],
) -> list[list[int]]:
    """Counts per period (row) and column from ``(day, column key, count)`` rows."""
    grid = [[0] * len(column_keys) for _ in periods]
    position = {key: j for j, key in enumerate(column_keys)}
    for day, key, count in counted:
        i = _index(periods, day)
        if i is not None and key in position:
            grid[i][position[key]] += count
    return grid


def _span(periods: Sequence[Period]) -> tuple[datetime.date, datetime.date]:
    return periods[0].start, periods[-1].end


def _period_figure(
    key: str,
    title: str | Promise,
    unit: str | Promise,
    periods: Sequence[Period],
    columns: Sequence[tuple[object, str | Promise]],
    counted: Iterable[tuple[datetime.date | None, object, int]],
    **options: Any,
) -> Figure:
    grid = _grid(periods, [k for k, _label in columns], counted)
    return Figure(
        key=key,
        title=title,
        unit=unit,
        row_heading=_("Period"),
        rows=[p.key for p in periods],
        columns=[str(label) for _key, label in columns],
        table=reporting.protect(grid, threshold()) if grid else reporting.publish([]),
        **options,
    )


# --- the figures ------------------------------------------------------------------


def _applications(municipality: Any, periods: Sequence[Period]) -> Any:
    start, end = _span(periods)
    return (
        Application.objects.filter(municipality=municipality, received_on__range=(start, end))
        .exclude(status=ApplicationStatus.DRAFT)
        .annotate(month=TruncMonth("received_on"))
        .order_by()
    )


def applications_by_situation(municipality: Any, periods: Sequence[Period]) -> Figure:
    counted = (
        _applications(municipality, periods).values("month", "situation").annotate(n=Count("id"))
    )
    return _period_figure(
        "applications_by_situation",
        _("Applications received, by situation"),
        _("applications"),
        periods,
        Situation.choices,
        ((row["month"], row["situation"], row["n"]) for row in counted),
        chart="stacked",
    )


def _target_group_columns(
    rows: Iterable[dict[str, Any]], prefix: str
) -> list[tuple[object, str | Promise]]:
    """The target groups counted in ``rows`` (by ``<prefix>code``/``<prefix>name``),
    by name, and last a column for the cases with none recorded."""
    groups = sorted(
        {(r[f"{prefix}code"], r[f"{prefix}name"]) for r in rows if r[f"{prefix}code"]},
        key=lambda g: g[1],
    )
    return [*groups, (None, NO_TARGET_GROUP)]


def applications_by_target_group(municipality: Any, periods: Sequence[Period]) -> Figure:
    counted = list(
        _applications(municipality, periods)
        .values("month", "target_groups__code", "target_groups__name")
        .annotate(n=Count("id", distinct=True))
    )
    columns = _target_group_columns(counted, "target_groups__")
    return _period_figure(
        "applications_by_target_group",
        _("Applications received, by target group"),
        _("applications"),
        periods,
        columns,
        ((row["month"], row["target_groups__code"], row["n"]) for row in counted),
        additive=False,
    )


def _decisions(municipality: Any, periods: Sequence[Period]) -> Any:
    start, end = _span(periods)
    return Decision.objects.filter(
        application__municipality=municipality, decided_on__range=(start, end)
    ).order_by()


def decisions_by_outcome(municipality: Any, periods: Sequence[Period]) -> Figure:
    counted = (
        _decisions(municipality, periods)
        .annotate(month=TruncMonth("decided_on"))
        .values("month", "outcome")
        .annotate(n=Count("id"))
    )
    figure = _period_figure(
        "decisions",
        _("Decisions, granted and refused"),
        _("decisions"),
        periods,
        DecisionOutcome.choices,
        ((row["month"], row["outcome"], row["n"]) for row in counted),
    )
    granted = [
        reporting.share(row[0], total)
        for row, total in zip(figure.table.rows, figure.table.row_totals, strict=True)
    ]
    figure.extras.append(Extra(_("Granted, %"), granted))
    return figure


def _outcome_figure(
    key: str,
    title: str | Promise,
    row_heading: str | Promise,
    rows: Sequence[tuple[object, str | Promise]],
    counted: Iterable[tuple[object, str, int]],
) -> Figure:
    """Decisions granted and refused per category row (a target group, a situation),
    with the share granted: ``counted`` gives (row key, outcome, count)."""
    outcomes = [value for value, _label in DecisionOutcome.choices]
    position = {key: i for i, (key, _label) in enumerate(rows)}
    grid = [[0] * len(outcomes) for _ in rows]
    for row_key, outcome, count in counted:
        if row_key in position:
            grid[position[row_key]][outcomes.index(outcome)] += count
    table = reporting.protect(grid, threshold()) if grid else reporting.publish([])
    granted = [
        reporting.share(row[0], total)
        for row, total in zip(table.rows, table.row_totals, strict=True)
    ]
    return Figure(
        key=key,
        title=title,
        unit=_("decisions"),
        row_heading=row_heading,
        rows=[str(label) for _key, label in rows],
        columns=[str(label) for _value, label in DecisionOutcome.choices],
        table=table,
        extras=[Extra(_("Granted, %"), granted)],
    )


def decisions_by_target_group(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Decisions made in all the periods shown, granted and refused, per target group
    of the application (a decision counts in each of its groups)."""
    counted = list(
        _decisions(municipality, periods)
        .values("outcome", "application__target_groups__code", "application__target_groups__name")
        .annotate(n=Count("id", distinct=True))
    )
    return _outcome_figure(
        "decisions_by_target_group",
        _("Decisions in the periods shown, by target group"),
        _("Target group"),
        _target_group_columns(counted, "application__target_groups__"),
        ((r["application__target_groups__code"], r["outcome"], r["n"]) for r in counted),
    )


def decisions_by_situation(municipality: Any, periods: Sequence[Period]) -> Figure:
    counted = (
        _decisions(municipality, periods)
        .values("outcome", "application__situation")
        .annotate(n=Count("id"))
    )
    return _outcome_figure(
        "decisions_by_situation",
        _("Decisions in the periods shown, by situation"),
        _("Situation"),
        Situation.choices,
        ((r["application__situation"], r["outcome"], r["n"]) for r in counted),
    )


def allocations_by_situation(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Accepted offers (new tenancies) by the day they were accepted, with the median
    days from the application received to the acceptance."""
    start, end = _span(periods)
    counted = list(
        Offer.objects.filter(
            municipality=municipality, status=OfferStatus.ACCEPTED, answered_on__range=(start, end)
        )
        .order_by()
        .values("answered_on", "application__situation", "application__received_on")
        .annotate(n=Count("id"))
    )
    figure = _period_figure(
        "allocations",
        _("Allocations (offers accepted), by situation"),
        _("households"),
        periods,
        Situation.choices,
        ((row["answered_on"], row["application__situation"], row["n"]) for row in counted),
        chart="stacked",
    )
    waited: list[list[int]] = [[] for _ in periods]
    for row in counted:
        i = _index(periods, row["answered_on"])
        if i is not None and row["application__received_on"]:
            waited[i] += [
                reporting.days_between(row["application__received_on"], row["answered_on"])
            ] * row["n"]
    figure.extras.append(
        Extra(
            _("Median days waited"),
            [reporting.protected_median(days, threshold()) for days in waited],
        )
    )
    return figure


def allocations_by_target_group(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Accepted offers by the day they were accepted and the target groups of the
    application (a household in two groups counts in both, so rows are not summed)."""
    start, end = _span(periods)
    counted = list(
        Offer.objects.filter(
            municipality=municipality, status=OfferStatus.ACCEPTED, answered_on__range=(start, end)
        )
        .order_by()
        .values(
            "answered_on",
            "application__target_groups__code",
            "application__target_groups__name",
        )
        .annotate(n=Count("id", distinct=True))
    )
    return _period_figure(
        "allocations_by_target_group",
        _("Allocations (offers accepted), by target group"),
        _("households"),
        periods,
        _target_group_columns(counted, "application__target_groups__"),
        (
            (row["answered_on"], row["application__target_groups__code"], row["n"])
            for row in counted
        ),
        additive=False,
    )


def waiting_spells(municipality: Any, until: datetime.date) -> list[tuple[dict[str, Any], Spell]]:
    """Every application granted by ``until``, with its stay on the waiting list: from
    the first grant to the first accepted offer. A case closed without an allocation
    is left out of every day (the register does not keep the day it was closed)."""
    rows = (
        Application.objects.filter(municipality=municipality)
        .exclude(status__in=(ApplicationStatus.CLOSED, ApplicationStatus.DRAFT))
        .annotate(
            granted_on=Min(
                "decisions__decided_on", filter=Q(decisions__outcome=DecisionOutcome.GRANTED)
            ),
            allocated_on=Min("offers__answered_on", filter=Q(offers__status=OfferStatus.ACCEPTED)),
        )
        .filter(granted_on__lte=until)
        .order_by()
        .values(
            "pk",
            "situation",
            "received_on",
            "needs_wheelchair_access",
            "needs_ground_floor",
            "granted_on",
            "allocated_on",
        )
    )
    return [
        (row, Spell(row["granted_on"], row["allocated_on"], row["received_on"])) for row in rows
    ]


def _period_ends(periods: Sequence[Period]) -> list[datetime.date]:
    """The day each period's waiting list is counted: its last, or today."""
    now = today()
    return [min(period.end, now) for period in periods]


@dataclass(frozen=True)
class Waiting:
    """The waiting list on each day counted, worked out once for every figure and
    report that counts it: ``by_day`` holds, per day, the applications waiting
    with the days each had waited by then; ``applications`` every application
    granted by the last day (waiting or not)."""

    applications: list[int]
    by_day: list[list[tuple[dict[str, Any], int]]]


def waiting_on_days(
    spells: Sequence[tuple[dict[str, Any], Spell]], days: Sequence[datetime.date]
) -> Waiting:
    """Who of ``spells`` (``waiting_spells``) waited on each of ``days``."""
    return Waiting(
        applications=[row["pk"] for row, _spell in spells],
        by_day=[
            [
                (row, waited)
                for row, spell in spells
                for waited in reporting.waiting_on([spell], day)
            ]
            for day in days
        ],
    )


def _waiting(municipality: Any, periods: Sequence[Period]) -> Waiting:
    days = _period_ends(periods)
    return waiting_on_days(waiting_spells(municipality, days[-1]), days)


def waiting_by_situation(
    municipality: Any, periods: Sequence[Period], waiting: Waiting | None = None
) -> Figure:
    """Households on the waiting list on the last day of each period (today for the
    period under way), with the median days they had waited by then."""
    if waiting is None:
        waiting = _waiting(municipality, periods)
    grid = [[0] * len(Situation.choices) for _ in periods]
    waited: list[list[int]] = [[] for _ in periods]
    column = {value: j for j, (value, _label) in enumerate(Situation.choices)}
    for i, rows in enumerate(waiting.by_day):
        for row, days in rows:
            grid[i][column[row["situation"]]] += 1
            waited[i].append(days)
    return Figure(
        key="waiting",
        title=_("Households waiting at the end of the period, by situation"),
        unit=_("households"),
        row_heading=_("Period"),
        rows=[p.key for p in periods],
        columns=[str(label) for _v, label in Situation.choices],
        table=reporting.protect(grid, threshold()),
        extras=[
            Extra(
                _("Median days waited"),
                [reporting.protected_median(w, threshold()) for w in waited],
            )
        ],
        chart="line",
    )


def waiting_by_target_group(
    municipality: Any, periods: Sequence[Period], waiting: Waiting | None = None
) -> Figure:
    """Households waiting at the end of each period by the target groups of their
    application (one more query for the groups; not summed across groups)."""
    if waiting is None:
        waiting = _waiting(municipality, periods)
    links = list(
        Application.target_groups.through.objects.filter(
            application_id__in=waiting.applications
        ).values("application_id", "targetgroup__code", "targetgroup__name")
    )
    columns = _target_group_columns(links, "targetgroup__")
    column = {code: j for j, (code, _label) in enumerate(columns)}
    groups: dict[int, list[int]] = defaultdict(list)
    for link in links:
        groups[link["application_id"]].append(column[link["targetgroup__code"]])
    grid = [[0] * len(columns) for _ in periods]
    for i, rows in enumerate(waiting.by_day):
        for row, _days in rows:
            for j in groups.get(row["pk"]) or [column[None]]:
                grid[i][j] += 1
    return Figure(
        key="waiting_by_target_group",
        title=_("Households waiting at the end of the period, by target group"),
        unit=_("households"),
        row_heading=_("Period"),
        rows=[p.key for p in periods],
        columns=[str(label) for _code, label in columns],
        table=reporting.protect(grid, threshold()),
        additive=False,
        chart="line",
    )


def dwellings_by_status_and_form(municipality: Any) -> Figure:
    """Today's register: dwellings by status (rows) and disposition form (columns)."""
    counted = (
        Dwelling.objects.filter(municipality=municipality)
        .order_by()
        .values("status", "disposition_form")
        .annotate(n=Count("id"))
    )
    statuses = [value for value, _label in DwellingStatus.choices]
    forms = [value for value, _label in DispositionForm.choices]
    grid = [[0] * len(forms) for _ in statuses]
    for row in counted:
        grid[statuses.index(row["status"])][forms.index(row["disposition_form"])] += row["n"]
    return Figure(
        key="dwellings",
        title=_("Dwellings by status and disposition form, today"),
        unit=_("dwellings"),
        row_heading=_("Status"),
        rows=[str(label) for _v, label in DwellingStatus.choices],
        columns=[str(label) for _v, label in DispositionForm.choices],
        table=reporting.publish(grid),
        chart="stacked",
    )


def followup_plans(municipality: Any, periods: Sequence[Period]) -> Figure:
    start, end = _span(periods)
    counted = (
        FollowUpPlan.objects.filter(municipality=municipality, started_on__range=(start, end))
        .annotate(month=TruncMonth("started_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
    )
    return _period_figure(
        "followup_plans",
        _("Follow-up plans started"),
        _("plans"),
        periods,
        [("plans", _("Plans started"))],
        ((row["month"], "plans", row["n"]) for row in counted),
    )


def visits(municipality: Any, periods: Sequence[Period]) -> Figure:
    start, end = _span(periods)
    counted = (
        Visit.objects.filter(
            municipality=municipality,
            planned_at__date__range=(start, end),
            status__in=(VisitStatus.DONE, VisitStatus.MISSED),
        )
        .order_by()
        .values("planned_at__date", "status")
        .annotate(n=Count("id"))
    )
    return _period_figure(
        "visits",
        _("Follow-up visits, done and missed"),
        _("visits"),
        periods,
        [
            (VisitStatus.DONE.value, VisitStatus.DONE.label),
            (VisitStatus.MISSED.value, VisitStatus.MISSED.label),
        ],
        ((row["planned_at__date"], row["status"], row["n"]) for row in counted),
        chart="stacked",
    )


def evictions_prevented(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Eviction-prevention cases closed in each period, by outcome."""
    start, end = _span(periods)
    counted = (
        PreventionCase.objects.filter(municipality=municipality, closed_on__range=(start, end))
        .exclude(outcome=PreventionOutcome.ONGOING)
        .annotate(month=TruncMonth("closed_on"))
        .order_by()
        .values("month", "outcome")
        .annotate(n=Count("id"))
    )
    outcomes = [(o.value, o.label) for o in (*PREVENTED, PreventionOutcome.EVICTED)]
    figure = _period_figure(
        "evictions_prevented",
        _("Eviction prevention closed, by outcome"),
        _("cases"),
        periods,
        outcomes,
        ((row["month"], row["outcome"], row["n"]) for row in counted),
        chart="stacked",
    )
    prevented = []
    for row, total in zip(figure.table.rows, figure.table.row_totals, strict=True):
        kept = row[: len(PREVENTED)]
        prevented.append(
            reporting.share(Cell(sum(c.value or 0 for c in kept)), total)
            if not any(c.hidden for c in kept)
            else None
        )
    figure.extras.append(Extra(_("Prevented, %"), prevented))
    return figure


def financing_applications_by_purpose(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Applications for financing (start loan, grant) received in each period, by
    purpose; suppressed like every count of households (the yearly report to Husbanken
    has the exact figures)."""
    start, end = _span(periods)
    counted = (
        FinancingCase.objects.filter(municipality=municipality, received_on__range=(start, end))
        .annotate(month=TruncMonth("received_on"))
        .order_by()
        .values("month", "purpose")
        .annotate(n=Count("id"))
    )
    return _period_figure(
        "financing_applications",
        _("Applications for start loans and grants, by purpose"),
        _("applications"),
        periods,
        FinancingPurpose.choices,
        ((row["month"], row["purpose"], row["n"]) for row in counted),
        chart="stacked",
    )


def financing_decisions_by_outcome(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Decisions on financing made in each period, by outcome, with the share granted
    (a start loan, a grant or both), hidden when a granted cell is hidden."""
    start, end = _span(periods)
    counted = (
        FinancingDecision.objects.filter(
            municipality=municipality, decided_by__isnull=False, decided_on__range=(start, end)
        )
        .annotate(month=TruncMonth("decided_on"))
        .order_by()
        .values("month", "outcome")
        .annotate(n=Count("id"))
    )
    figure = _period_figure(
        "financing_decisions",
        _("Decisions on start loans and grants, by outcome"),
        _("decisions"),
        periods,
        FinancingOutcome.choices,
        ((row["month"], row["outcome"], row["n"]) for row in counted),
    )
    granting = [i for i, value in enumerate(FinancingOutcome.values) if value in GRANTING_OUTCOMES]
    granted = []
    for row, total in zip(figure.table.rows, figure.table.row_totals, strict=True):
        cells = [row[i] for i in granting]
        granted.append(
            None
            if any(c.hidden for c in cells)
            else reporting.share(Cell(sum(c.value or 0 for c in cells)), total)
        )
    figure.extras.append(Extra(_("Granted, %"), granted))
    return figure


def _offer_summary(actor: Actor, year: int) -> OfferSummary | None:
    """The allocation module's figures for ``year`` (``boligtorg.allocation.statistics``),
    for the roles that module lets read them."""
    if not actor.has_role(*OFFER_STATISTICS_ROLES):
        return None
    period = reporting.year_period(year)
    figures = offer_stats.offer_statistics(
        actor=actor, start=period.start, end=min(period.end, today())
    )
    limit = threshold()
    rows = []
    for label, summary in (
        (_("Application received to the first offer"), figures.to_first_offer),
        (_("Offer to the answer"), figures.to_answer),
        (_("Dwelling vacant to the offer accepted"), figures.vacancy_days),
    ):
        median = summary.median if summary.count >= limit else None
        rows.append((label, reporting.protect_count(summary.count, limit), median))
    cells, _total = reporting.protect_line([row.count for row in figures.by_status], limit)
    return OfferSummary(
        rows=rows,
        by_status=[(row.label, cell) for row, cell in zip(figures.by_status, cells, strict=True)],
    )


def statistics_figures(*, actor: Actor, year: int, granularity: Granularity) -> Statistics:
    """Every figure of the statistics page for ``year`` in periods of ``granularity``
    (the year view: the five years up to ``year``). One query per figure."""
    require_role(actor, *READ_ROLES)
    municipality = actor.municipality
    periods = _periods(year, granularity)
    figures: list[Figure] = []
    if periods:
        waiting = _waiting(municipality, periods)
        figures = [
            applications_by_situation(municipality, periods),
            applications_by_target_group(municipality, periods),
            decisions_by_outcome(municipality, periods),
            decisions_by_situation(municipality, periods),
            decisions_by_target_group(municipality, periods),
            allocations_by_situation(municipality, periods),
            allocations_by_target_group(municipality, periods),
            waiting_by_situation(municipality, periods, waiting),
            waiting_by_target_group(municipality, periods, waiting),
            followup_plans(municipality, periods),
            visits(municipality, periods),
            evictions_prevented(municipality, periods),
        ]
        # Start loans and grants are Norwegian (Husbanken's); a Danish municipality
        # lends deposits under other rules.
        if municipality.country == Country.NORWAY:
            figures += [
                financing_applications_by_purpose(municipality, periods),
                financing_decisions_by_outcome(municipality, periods),
            ]
    return Statistics(
        year=year,
        granularity=granularity,
        periods=periods,
        threshold=threshold(),
        figures=figures,
        dwellings=dwellings_by_status_and_form(municipality),
        offers=_offer_summary(actor, year) if periods else None,
    )
