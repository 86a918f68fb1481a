"""Reads of the statistics pages, the yearly (KOSTRA) report, the stock-versus-need
view and their exports and API: one query per figure, counted in the database,
then bucketed into periods and protected by ``boligtorg.domain.reporting`` (one
rule of suppression for pages, exports and the API).

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
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation import statistics as offer_stats
from boligtorg.allocation.access import READ_ROLES as ALLOCATION_READ_ROLES
from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.allocation.selectors import area_key, area_keys, is_step_free, waiting_applications
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    Situation,
)
from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Cell, Granularity, Period, ProtectedTable, Spell
from boligtorg.followup.models import (
    FollowUpPlan,
    PreventionCase,
    PreventionOutcome,
    Visit,
    VisitStatus,
)
from boligtorg.housing.models import (
    Area,
    DispositionForm,
    Dwelling,
    DwellingStatus,
    DwellingType,
    Lease,
)

READ_ROLES = (Role.PLANNER, Role.MANAGER, Role.CASEWORKER)
NO_TARGET_GROUP = _("No target group recorded")
PREVENTED = (PreventionOutcome.CLEARED, PreventionOutcome.PLAN_KEPT, PreventionOutcome.MOVED)
BEDROOM_CLASSES = (0, 1, 2, 3, 4)  # 4 stands for "4 or more"


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


def _today() -> datetime.date:
    return timezone.localdate()


def _periods(year: int, granularity: Granularity) -> list[Period]:
    """The periods of the view that have begun by today."""
    today = _today()
    return [p for p in reporting.periods_for(year, granularity) if p.start <= today]


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


def applications_by_target_group(municipality: Any, periods: Sequence[Period]) -> Figure:
    counted = list(
        _applications(municipality, periods)
        .values("month", "target_groups__code", "target_groups__name")
        .annotate(n=Count("id", distinct=True))
    )
    groups = sorted(
        {
            (r["target_groups__code"], r["target_groups__name"])
            for r in counted
            if r["target_groups__code"]
        },
        key=lambda g: g[1],
    )
    columns: list[tuple[object, str | Promise]] = [*groups, (None, NO_TARGET_GROUP)]
    return _period_figure(
        "applications_by_target_group",
        _("Applications received, by target group"),
        _("applications"),
        periods,
        columns,
        ((row["month"], row["target_groups__code"], row["n"]) for row in counted),
        additive=False,
    )


def decisions_by_outcome(municipality: Any, periods: Sequence[Period]) -> Figure:
    start, end = _span(periods)
    counted = (
        Decision.objects.filter(
            application__municipality=municipality, decided_on__range=(start, end)
        )
        .annotate(month=TruncMonth("decided_on"))
        .order_by()
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


def waiting_by_situation(municipality: Any, periods: Sequence[Period]) -> Figure:
    """Households on the waiting list on the last day of each period (today for the
    period under way), with the median days they had waited by then."""
    today = _today()
    days = [min(period.end, today) for period in periods]
    spells = waiting_spells(municipality, days[-1])
    grid = [[0] * len(Situation.choices) for _ in periods]
    waited: list[list[int]] = [[] for _ in periods]
    column = {value: j for j, (value, _label) in enumerate(Situation.choices)}
    for i, day in enumerate(days):
        for row, spell in spells:
            found = reporting.waiting_on([spell], day)
            if found:
                grid[i][column[row["situation"]]] += 1
                waited[i] += found
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


def _offer_summary(actor: Actor, year: int) -> OfferSummary | None:
    """The allocation module's figures for ``year`` (``boligtorg.allocation.statistics``),
    for the roles that module lets read them."""
    if not actor.has_role(*ALLOCATION_READ_ROLES):
        return None
    period = reporting.year_period(year)
    figures = offer_stats.offer_statistics(
        actor=actor, start=period.start, end=min(period.end, _today())
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
        figures = [
            applications_by_situation(municipality, periods),
            applications_by_target_group(municipality, periods),
            decisions_by_outcome(municipality, periods),
            allocations_by_situation(municipality, periods),
            waiting_by_situation(municipality, periods),
            followup_plans(municipality, periods),
            visits(municipality, periods),
            evictions_prevented(municipality, periods),
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


# --- the yearly report (KOSTRA) --------------------------------------------------------


@dataclass(frozen=True)
class KostraLine:
    code: str
    label: str | Promise
    cell: Cell
    indent: bool = False
    percent: float | None = None


@dataclass(frozen=True)
class KostraReport:
    """The yearly figures for Statistics Norway's KOSTRA form on municipally disposed
    dwellings. See ``kostra_report`` for the fields and their sources."""

    year: int
    municipality: str
    counted_until: datetime.date
    threshold: int
    lines: list[KostraLine]
    median_days_waited: float | None

    def line(self, code: str) -> KostraLine:
        return next(line for line in self.lines if line.code == code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "municipality": self.municipality,
            "counted_until": self.counted_until.isoformat(),
            "suppressed_below": self.threshold,
            "median_days_waited": self.median_days_waited,
            "figures": {line.code: line.cell.value for line in self.lines},
        }


def kostra_report(*, actor: Actor, year: int) -> KostraReport:
    """The figures Statistics Norway asks for in KOSTRA form 13 ("skjema 13",
    boligsosiale forhold / kommunalt disponerte boliger) for ``year``.

    Verified against Statistics Norway's and Husbanken's public pages:
    - Form 13 covers the municipally disposed stock, applications for a dwelling,
      waiting lists, short leases, temporary accommodation, municipal housing
      allowance and guarantees/deposits (husbanken.no, "De boligsosiale
      KOSTRA-tallene for 2014").
    - Point 2 of the form: all municipally disposed dwellings at 31 December, of
      which owned by the municipality, privately owned with municipal right of
      disposal, and accessible to wheelchair users (ssb.no KOMPIS variables
      KOSEidavsamlet, KOSboligpkommuna, KOSAndeltilgjeng, KOSboligSper1000).
    - New households moved in: allocated a municipal dwelling during the year and
      not living in one when they applied (KOSantnyinnflytt).
    - New households on the waiting list: granted a dwelling, waiting to move into
      a specific one; of which with a need for an adapted dwelling (KOSventelistetil).
    Not verified (no public text found): the exact wording of the form's lines for
    applications received, granted and refused; we count applications received in
    the year and decisions made in it.

    The dwellings are today's register less sold ones (the register keeps no
    history of disposition forms); "waiting" is counted on 31 December, or today
    during the year. Household counts are suppressed as everywhere else.
    """
    require_role(actor, *READ_ROLES)
    municipality = actor.municipality
    period = reporting.year_period(year)
    until = min(period.end, _today())
    limit = threshold()

    received = (
        Application.objects.filter(
            municipality=municipality, received_on__range=(period.start, period.end)
        )
        .exclude(status=ApplicationStatus.DRAFT)
        .count()
    )
    outcomes = dict(
        Decision.objects.filter(
            application__municipality=municipality, decided_on__range=(period.start, period.end)
        )
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("id"))
    )
    # A new household: no lease of its own running on the day it applied.
    tenant_when_applying = Lease.objects.filter(
        household=OuterRef("application__household"),
        start__lte=OuterRef("application__received_on"),
        end__gte=OuterRef("application__received_on"),
    ).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gte=OuterRef("application__received_on"))
    )
    allocated = dict(
        Offer.objects.filter(
            municipality=municipality,
            status=OfferStatus.ACCEPTED,
            answered_on__range=(period.start, period.end),
        )
        .annotate(transfer=Exists(tenant_when_applying))
        .order_by()
        .values_list("transfer")
        .annotate(n=Count("id"))
    )
    waiting = [
        (row, days)
        for row, spell in waiting_spells(municipality, until)
        for days in reporting.waiting_on([spell], until)
    ]
    adapted = sum(
        1 for row, _days in waiting if row["needs_wheelchair_access"] or row["needs_ground_floor"]
    )
    stock = list(
        Dwelling.objects.filter(municipality=municipality)
        .exclude(status=DwellingStatus.SOLD)
        .order_by()
        .values("disposition_form", "wheelchair_accessible")
        .annotate(n=Count("id"))
    )

    def dwellings(*forms: str) -> int:
        return sum(row["n"] for row in stock if row["disposition_form"] in forms)

    decision_cells, decision_total = reporting.protect_line(
        [outcomes.get(DecisionOutcome.GRANTED, 0), outcomes.get(DecisionOutcome.REFUSED, 0)], limit
    )
    allocation_cells, allocation_total = reporting.protect_line(
        [allocated.get(False, 0), allocated.get(True, 0)], limit
    )
    waiting_cells, waiting_total = reporting.protect_line([adapted, len(waiting) - adapted], limit)
    total_stock = sum(row["n"] for row in stock)
    accessible = sum(row["n"] for row in stock if row["wheelchair_accessible"])
    others = [
        f
        for f in DispositionForm.values
        if f not in (DispositionForm.OWNED, DispositionForm.LEASED)
    ]
    stock_total = Cell(total_stock)
    lines = [
        KostraLine(
            "applications_received",
            _("Applications received"),
            reporting.protect_count(received, limit),
        ),
        KostraLine("decisions", _("Decisions made"), decision_total),
        KostraLine(
            "granted",
            _("of which granted"),
            decision_cells[0],
            True,
            reporting.share(decision_cells[0], decision_total),
        ),
        KostraLine(
            "refused",
            _("of which refused"),
            decision_cells[1],
            True,
            reporting.share(decision_cells[1], decision_total),
        ),
        KostraLine(
            "allocated", _("Households allocated a dwelling (offers accepted)"), allocation_total
        ),
        KostraLine(
            "allocated_new",
            _("of which new households (not living in a municipal dwelling when applying)"),
            allocation_cells[0],
            True,
        ),
        KostraLine(
            "allocated_transfer",
            _("of which moving from another municipal dwelling"),
            allocation_cells[1],
            True,
        ),
        KostraLine("waiting", _("Households waiting at the end of the year"), waiting_total),
        KostraLine(
            "waiting_adapted",
            _("of which needing an adapted dwelling (wheelchair or step-free)"),
            waiting_cells[0],
            True,
        ),
        KostraLine("dwellings", _("Municipally disposed dwellings"), stock_total),
        KostraLine(
            "dwellings_owned",
            _("of which owned by the municipality"),
            Cell(dwellings(DispositionForm.OWNED)),
            True,
            reporting.share(Cell(dwellings(DispositionForm.OWNED)), stock_total),
        ),
        KostraLine(
            "dwellings_leased",
            _("of which leased from private landlords"),
            Cell(dwellings(DispositionForm.LEASED)),
            True,
            reporting.share(Cell(dwellings(DispositionForm.LEASED)), stock_total),
        ),
        KostraLine(
            "dwellings_other",
            _("of which other (co-op share, nomination or allocation right)"),
            Cell(dwellings(*others)),
            True,
            reporting.share(Cell(dwellings(*others)), stock_total),
        ),
        KostraLine(
            "dwellings_wheelchair",
            _("of which accessible to wheelchair users"),
            Cell(accessible),
            True,
            reporting.share(Cell(accessible), stock_total),
        ),
    ]
    return KostraReport(
        year=year,
        municipality=municipality.name,
        counted_until=until,
        threshold=limit,
        lines=lines,
        median_days_waited=reporting.protected_median([days for _row, days in waiting], limit),
    )


# --- stock versus need --------------------------------------------------------------


def bedroom_class(bedrooms: int) -> int:
    return min(bedrooms, BEDROOM_CLASSES[-1])


def bedroom_label(value: int) -> str:
    if value == 0:
        return str(_("Studio (0 bedrooms)"))
    if value == BEDROOM_CLASSES[-1]:
        return str(_("4 or more bedrooms"))
    return str(_("%(count)s bedrooms") % {"count": value}) if value > 1 else str(_("1 bedroom"))


@dataclass(frozen=True)
class SizeRow:
    label: str
    stock: int
    vacant: int
    waiting: Cell
    stock_share: float | None
    waiting_share: float | None

    @property
    def shortfall(self) -> int | None:
        """Households waiting beyond today's vacant dwellings of the size; None when
        the count of households is hidden."""
        return None if self.waiting.value is None else max(self.waiting.value - self.vacant, 0)

    @property
    def is_gap(self) -> bool:
        """The size is short: more households wait than are vacant, or their share of
        the waiting list is larger than the size's share of the stock."""
        if self.waiting.value is None:
            return False
        return bool(self.shortfall) or (self.waiting_share or 0) > (self.stock_share or 0)


@dataclass(frozen=True)
class NeedRow:
    label: str | Promise
    stock: int
    vacant: int
    waiting: Cell

    @property
    def is_gap(self) -> bool:
        return self.waiting.value is not None and self.waiting.value > self.vacant


@dataclass(frozen=True)
class AreaRow:
    area: str
    size: str
    stock: int
    vacant: int
    waiting: Cell

    @property
    def is_gap(self) -> bool:
        return self.waiting.value is not None and self.waiting.value > self.vacant


@dataclass(frozen=True)
class StockNeed:
    threshold: int
    households: Cell
    dwellings: int
    by_size: list[SizeRow]
    by_type: Figure
    needs: list[NeedRow]
    by_area: list[AreaRow]

    def chart_data(self) -> dict[str, Any]:
        return {
            "key": "stock_need",
            "type": "bar",
            "title": str(_("Dwellings and households waiting, by size")),
            "labels": [row.label for row in self.by_size],
            "datasets": [
                {"label": str(_("Dwellings")), "data": [row.stock for row in self.by_size]},
                {"label": str(_("Vacant now")), "data": [row.vacant for row in self.by_size]},
                {
                    "label": str(_("Households waiting")),
                    "data": [row.waiting.value for row in self.by_size],
                },
            ],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "suppressed_below": self.threshold,
            "households_waiting": self.households.value,
            "dwellings": self.dwellings,
            "by_size": [
                {
                    "size": row.label,
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                    "shortfall": row.shortfall,
                    "gap": row.is_gap,
                }
                for row in self.by_size
            ],
            "needs": [
                {
                    "need": str(row.label),
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                }
                for row in self.needs
            ],
            "by_area": [
                {
                    "area": row.area,
                    "size": row.size,
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                }
                for row in self.by_area
            ],
        }


def stock_need(*, actor: Actor) -> StockNeed:
    """Today's dwellings (less sold ones) by size, type, accessibility and area,
    against the households on the waiting list (``allocation.selectors.
    waiting_applications``) by the bedrooms they need, their needs, and the areas
    they want where a wanted area matches an area's name. A household that wants
    two areas counts under both; one that names none that match counts under "No
    area matched". Three queries."""
    require_role(actor, *READ_ROLES)
    municipality = actor.municipality
    limit = threshold()
    dwellings = list(
        Dwelling.objects.filter(municipality=municipality)
        .exclude(status=DwellingStatus.SOLD)
        .order_by()
        .values(
            "area__name",
            "bedrooms",
            "dwelling_type",
            "status",
            "wheelchair_accessible",
            "floor",
            "features",
        )
        .annotate(n=Count("id"))
    )
    households = list(
        waiting_applications(municipality, _today())
        .order_by()
        .values("min_bedrooms", "needs_wheelchair_access", "needs_ground_floor", "wanted_areas")
        .annotate(n=Count("id"))
    )
    area_names = sorted(
        Area.objects.filter(municipality=municipality).values_list("name", flat=True)
    )

    classes = list(BEDROOM_CLASSES)
    stock = [0] * len(classes)
    vacant = [0] * len(classes)
    for row in dwellings:
        j = classes.index(bedroom_class(row["bedrooms"]))
        stock[j] += row["n"]
        if row["status"] == DwellingStatus.READY:
            vacant[j] += row["n"]
    need = [0] * len(classes)
    for row in households:
        need[classes.index(bedroom_class(row["min_bedrooms"]))] += row["n"]
    need_table = reporting.protect([[n] for n in need], limit)
    total_households = reporting.protect_count(sum(need), limit)
    total_stock = sum(stock)
    by_size = [
        SizeRow(
            label=bedroom_label(value),
            stock=stock[j],
            vacant=vacant[j],
            waiting=need_table.rows[j][0],
            stock_share=reporting.share(Cell(stock[j]), Cell(total_stock)),
            waiting_share=reporting.share(need_table.rows[j][0], total_households),
        )
        for j, value in enumerate(classes)
    ]

    types = [value for value, _label in DwellingType.choices]
    type_grid = [[0] * len(classes) for _ in types]
    for row in dwellings:
        type_grid[types.index(row["dwelling_type"])][
            classes.index(bedroom_class(row["bedrooms"]))
        ] += row["n"]
    by_type = Figure(
        key="stock_by_type",
        title=_("Dwellings by type and size"),
        unit=_("dwellings"),
        row_heading=_("Dwelling type"),
        rows=[str(label) for _v, label in DwellingType.choices],
        columns=[bedroom_label(value) for value in classes],
        table=reporting.publish(type_grid),
    )

    def dwelling_count(test: Any, ready_only: bool = False) -> int:
        return sum(
            row["n"]
            for row in dwellings
            if test(row) and (not ready_only or row["status"] == DwellingStatus.READY)
        )

    wheelchair = lambda row: row["wheelchair_accessible"]  # noqa: E731
    step_free = lambda row: is_step_free(row["floor"], row["features"] or [])  # noqa: E731
    needs = [
        NeedRow(
            _("Wheelchair access"),
            dwelling_count(wheelchair),
            dwelling_count(wheelchair, ready_only=True),
            reporting.protect_count(
                sum(r["n"] for r in households if r["needs_wheelchair_access"]), limit
            ),
        ),
        NeedRow(
            _("Ground floor or lift"),
            dwelling_count(step_free),
            dwelling_count(step_free, ready_only=True),
            reporting.protect_count(
                sum(r["n"] for r in households if r["needs_ground_floor"]), limit
            ),
        ),
    ]

    by_area = _by_area(area_names, dwellings, households, classes, limit)
    return StockNeed(
        threshold=limit,
        households=total_households,
        dwellings=total_stock,
        by_size=by_size,
        by_type=by_type,
        needs=needs,
        by_area=by_area,
    )


def _by_area(
    area_names: Sequence[str],
    dwellings: Sequence[dict[str, Any]],
    households: Sequence[dict[str, Any]],
    classes: Sequence[int],
    limit: int,
) -> list[AreaRow]:
    no_area = str(_("No area matched"))
    names = [*area_names, no_area]
    by_key = {area_key(name): name for name in area_names}
    stock: dict[tuple[str, int], int] = defaultdict(int)
    vacant: dict[tuple[str, int], int] = defaultdict(int)
    for row in dwellings:
        key = (row["area__name"] or no_area, bedroom_class(row["bedrooms"]))
        stock[key] += row["n"]
        if row["status"] == DwellingStatus.READY:
            vacant[key] += row["n"]
    grid = [[0] * len(classes) for _ in names]
    for row in households:
        wanted = [by_key[k] for k in area_keys(row["wanted_areas"]) if k in by_key] or [no_area]
        for name in wanted:
            grid[names.index(name)][classes.index(bedroom_class(row["min_bedrooms"]))] += row["n"]
    protected = reporting.protect(grid, limit)
    rows = []
    for i, name in enumerate(names):
        for j, value in enumerate(classes):
            cell = protected.rows[i][j]
            if stock[(name, value)] or cell.value != 0:
                rows.append(
                    AreaRow(
                        name,
                        bedroom_label(value),
                        stock[(name, value)],
                        vacant[(name, value)],
                        cell,
                    )
                )
    return rows
