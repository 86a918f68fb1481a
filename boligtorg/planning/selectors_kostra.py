"""Reads of the yearly report: the figures Statistics Norway asks municipalities
for in KOSTRA (``kostra_report``), exported by ``planning.reports`` as PDF and
XLSX. Counts of households are suppressed by the rule of
``selectors_statistics``; counts of dwellings are not."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.cases.models import Application, ApplicationStatus, Decision, DecisionOutcome
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Cell
from boligtorg.housing.models import DispositionForm, Dwelling, DwellingStatus, Lease

from .selectors_statistics import (
    READ_ROLES,
    threshold,
    today,
    waiting_on_days,
    waiting_spells,
)


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
    until = min(period.end, today())
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
    waiting = waiting_on_days(waiting_spells(municipality, until), [until]).by_day[0]
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
