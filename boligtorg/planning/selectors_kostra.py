"""Reads of the yearly report: the figures Statistics Norway asks municipalities
for in KOSTRA (``kostra_report``), exported by ``planning.reports`` as PDF and
XLSX. The figures are exact: the municipality reports them to Statistics Norway,
which suppresses what it publishes. Suppression (``selectors_statistics``) is for
publication, so the report is only for the roles that submit it
(``REPORT_ROLES``); the statistics pages and their API stay suppressed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.cases.models import Application, ApplicationStatus, Decision, DecisionOutcome
from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import kostra_form13, reporting
from boligtorg.domain.kostra_form13 import Form13Item, item_for
from boligtorg.domain.reporting import Cell
from boligtorg.housing.models import DispositionForm, Dwelling, DwellingStatus, Lease

from .selectors_statistics import (
    today,
    waiting_on_days,
    waiting_spells,
)

# The roles that prepare and submit the yearly report to Statistics Norway; the
# report's figures are exact, so caseworkers and auditors read the suppressed
# statistics pages instead.
REPORT_ROLES = (Role.PLANNER, Role.MANAGER, Role.MUNICIPALITY_ADMIN)
# The default target groups (``cases.reference``) that stand for SSB's "flyktning":
# a refugee settled for the first time, and an unaccompanied minor refugee.
REFUGEE_TARGET_GROUPS = ("refugee", "unaccompanied_minor")


@dataclass(frozen=True)
class KostraLine:
    code: str
    label: str | Promise
    cell: Cell
    indent: bool = False
    percent: float | None = None

    @property
    def item(self) -> Form13Item | None:
        """KOSTRA form 13's item for this line, where SSB's public text confirms one."""
        return item_for(self.code)


@dataclass(frozen=True)
class KostraReport:
    """The yearly figures for Statistics Norway's KOSTRA form on municipally disposed
    dwellings. See ``kostra_report`` for the fields and their sources. Exact
    figures, not for publication."""

    year: int
    municipality: str
    counted_until: datetime.date
    lines: list[KostraLine]
    median_days_waited: float | None

    @property
    def form_year(self) -> int:
        """The year of Statistics Norway's form whose item numbers the report shows."""
        return kostra_form13.VALID_FOR_YEAR

    def line(self, code: str) -> KostraLine:
        return next(line for line in self.lines if line.code == code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "municipality": self.municipality,
            "counted_until": self.counted_until.isoformat(),
            "suppressed_below": None,
            "median_days_waited": self.median_days_waited,
            "figures": {line.code: line.cell.value for line in self.lines},
            "items": {
                line.code: {"form": "13", "point": line.item.point, "name": line.item.name}
                for line in self.lines
                if line.item is not None
            },
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
    - Of the new households, refugees (KOSnyinnflyttfly): here those whose
      application has the target group ``refugee`` or ``unaccompanied_minor``; SSB
      counts a person as a refugee while the municipality receives the integration
      grant (five years), which the register does not hold.
    - New households on the waiting list: granted a dwelling, waiting to move into
      a specific one; of which with a need for an adapted dwelling (KOSventelistetil).
    Not verified (no public text found): the exact wording of the form's lines for
    applications received, granted and refused; we count applications received in
    the year and decisions made in it.

    The dwellings are today's register less sold ones (the register keeps no
    history of disposition forms); "waiting" is counted on 31 December, or today
    during the year. Every figure is exact (nothing suppressed): this is what the
    municipality reports, not what it publishes. The lines' form items and SSB
    names are in ``boligtorg.domain.kostra_form13``.
    """
    require_role(actor, *REPORT_ROLES)
    municipality = actor.municipality
    period = reporting.year_period(year)
    until = min(period.end, today())

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
    refugee = Application.target_groups.through.objects.filter(
        application=OuterRef("application"), targetgroup__code__in=REFUGEE_TARGET_GROUPS
    )
    allocated: dict[tuple[bool, bool], int] = {
        (transfer, is_refugee): n
        for transfer, is_refugee, n in Offer.objects.filter(
            municipality=municipality,
            status=OfferStatus.ACCEPTED,
            answered_on__range=(period.start, period.end),
        )
        .annotate(transfer=Exists(tenant_when_applying), refugee=Exists(refugee))
        .order_by()
        .values_list("transfer", "refugee")
        .annotate(n=Count("id"))
    }
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

    granted = Cell(outcomes.get(DecisionOutcome.GRANTED, 0))
    refused = Cell(outcomes.get(DecisionOutcome.REFUSED, 0))
    decision_total = Cell(granted.value + refused.value)
    allocated_new = Cell(allocated.get((False, False), 0) + allocated.get((False, True), 0))
    allocated_new_refugees = Cell(allocated.get((False, True), 0))
    allocated_transfer = Cell(allocated.get((True, False), 0) + allocated.get((True, True), 0))
    allocation_total = Cell(allocated_new.value + allocated_transfer.value)
    waiting_adapted = Cell(adapted)
    waiting_total = Cell(len(waiting))
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
            Cell(received),
        ),
        KostraLine("decisions", _("Decisions made"), decision_total),
        KostraLine(
            "granted",
            _("of which granted"),
            granted,
            True,
            reporting.share(granted, decision_total),
        ),
        KostraLine(
            "refused",
            _("of which refused"),
            refused,
            True,
            reporting.share(refused, decision_total),
        ),
        KostraLine(
            "allocated", _("Households allocated a dwelling (offers accepted)"), allocation_total
        ),
        KostraLine(
            "allocated_new",
            _("of which new households (not living in a municipal dwelling when applying)"),
            allocated_new,
            True,
        ),
        KostraLine(
            "allocated_new_refugees",
            _("of which refugees (target group: refugee or unaccompanied minor)"),
            allocated_new_refugees,
            True,
        ),
        KostraLine(
            "allocated_transfer",
            _("of which moving from another municipal dwelling"),
            allocated_transfer,
            True,
        ),
        KostraLine("waiting", _("Households waiting at the end of the year"), waiting_total),
        KostraLine(
            "waiting_adapted",
            _("of which needing an adapted dwelling (wheelchair or step-free)"),
            waiting_adapted,
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
        lines=lines,
        median_days_waited=reporting.median(days for _row, days in waiting),
    )
