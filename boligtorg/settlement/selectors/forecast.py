"""The settlement forecast page's read: the year's accepted arrivals against the
dwellings that will be ready (vacant, leases ending, reservations), matched month by
month by ``domain.settlement.forecast`` (seed 000: "ingen bolig, ingen bosetting").

Only proposals with an expected arrival are in the forecast. The part of the year's
figure not yet proposed is shown beside it, not spread over the months: its household
sizes are unknown, and a spread would invent dwelling kinds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import ngettext

from boligtorg.core.models import Country
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.settlement import Arrival, DwellingKind, Forecast, Supply, forecast
from boligtorg.housing.models import DwellingStatus

from ..access import READ_ROLES
from ..models import Proposal, ProposalStatus, Reservation, SettlementTarget, TargetKind
from .readiness import stock

# From October the office plans the coming year (the council decides its figure in
# the autumn), so the forecast opens on it.
PLAN_AHEAD_FROM_MONTH = 10


def default_year(today: datetime.date) -> int:
    return today.year + 1 if today.month >= PLAN_AHEAD_FROM_MONTH else today.year


def kind_label(kind: DwellingKind, count: int) -> str:
    """ "two 3-bedroom dwellings", "one accessible 1-bedroom dwelling"."""
    if kind.accessible:
        text = ngettext(
            "%(count)s accessible %(bedrooms)s-bedroom dwelling",
            "%(count)s accessible %(bedrooms)s-bedroom dwellings",
            count,
        )
    else:
        text = ngettext(
            "%(count)s %(bedrooms)s-bedroom dwelling",
            "%(count)s %(bedrooms)s-bedroom dwellings",
            count,
        )
    return text % {"count": count, "bedrooms": kind.bedrooms}


@dataclass(frozen=True)
class Figure:
    """The year's figure in force and how much of it is proposed or settled."""

    kind_label: str
    total: int
    proposed_persons: int

    @property
    def not_proposed(self) -> int:
        return max(self.total - self.proposed_persons, 0)


@dataclass(frozen=True)
class ForecastPage:
    year: int
    result: Forecast
    supply_by_kind: list[tuple[DwellingKind, int]]
    figure: Figure | None

    @property
    def headline(self) -> str:
        """The first month with a shortfall and the kinds missing, in one sentence;
        empty when every arrival has a dwelling."""
        month = next((m for m in self.result.months if m.shortfall), None)
        if month is None:
            return ""
        kinds = ", ".join(kind_label(k, n) for k, n in month.missing.items())
        text = ngettext(
            "In %(month)s %(kinds)s is missing.",
            "In %(month)s %(kinds)s are missing.",
            sum(month.missing.values()),
        )
        return text % {
            "month": formats.date_format(month.month, "YEAR_MONTH_FORMAT"),
            "kinds": kinds,
        }


def _figure(actor: Actor, year: int) -> Figure | None:
    kind = (
        TargetKind.QUOTA
        if actor.municipality.country == Country.DENMARK
        else TargetKind.COUNCIL_DECISION
    )
    target = (
        SettlementTarget.objects.filter(municipality=actor.municipality, kind=kind, year=year)
        .order_by("-version")
        .first()
    )
    if target is None:
        return None
    persons = Proposal.objects.filter(
        Q(expected_arrival_on__year=year) | Q(arrived_on__year=year),
        municipality=actor.municipality,
        status__in=(ProposalStatus.ACCEPTED, ProposalStatus.SETTLED),
    ).aggregate(n=Count("persons"))["n"]
    return Figure(str(TargetKind(kind).label), target.total, persons or 0)


def settlement_forecast(
    *, actor: Actor, year: int, today: datetime.date | None = None
) -> ForecastPage:
    """The year's forecast (queries bounded whatever the number of dwellings)."""
    require_role(actor, *READ_ROLES)
    today = today or timezone.localdate()
    proposals = list(
        Proposal.objects.filter(
            municipality=actor.municipality,
            status=ProposalStatus.ACCEPTED,
            expected_arrival_on__year=year,
        ).only("pk", "expected_arrival_on", "bedrooms_needed", "needs_accessible")
    )
    arrivals = [
        Arrival(p.pk, p.expected_arrival_on, p.bedrooms_needed, p.needs_accessible)  # type: ignore[arg-type]
        for p in proposals
    ]
    pool = stock(actor=actor, today=today)
    reservations = {
        r.dwelling_id: r
        for r in Reservation.objects.filter(
            municipality=actor.municipality, released_on__isnull=True
        )
    }
    supply = []
    for dwelling in pool.dwellings:
        if dwelling.area_id in pool.barred_areas:
            continue
        reservation = reservations.get(dwelling.pk)
        end = pool.lease_ends.get(dwelling.pk)
        if reservation is not None:
            ready = reservation.ready_on
        elif end is not None:
            ready = end + datetime.timedelta(days=1)
        elif dwelling.status == DwellingStatus.READY:
            ready = today
        else:
            continue  # under maintenance without a date: not counted as ready
        supply.append(Supply(dwelling.pk, ready, dwelling.bedrooms, dwelling.wheelchair_accessible))
    reserved = {r.proposal_id: r.dwelling_id for r in reservations.values()}
    result = forecast(arrivals, supply, year=year, reserved=reserved)
    by_kind: dict[DwellingKind, int] = {}
    year_end = datetime.date(year, 12, 31)
    for s in supply:
        if s.ready_on <= year_end:
            kind = DwellingKind(s.bedrooms, s.accessible)
            by_kind[kind] = by_kind.get(kind, 0) + 1
    return ForecastPage(year, result, sorted(by_kind.items()), _figure(actor, year))
