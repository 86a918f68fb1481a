"""API of the settlement work (readiness): the same services, selectors, permission checks
and audit as the pages; rule errors answer 422 naming the field.

Reservations for a named arrival (make, release), the expected arrivals with their
reservation or candidates, settling with a lease, the forecast, and Denmark's temporary
residences (404 in a Norwegian municipality, as on the pages). An id in a body that is
another municipality's answers 404, as one that does not exist."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from boligtorg.allocation.models import Meeting
from boligtorg.api.inputs import InputSchema
from boligtorg.core.audit import audit_list_read
from boligtorg.core.models import Country
from boligtorg.core.permissions import get_for_actor
from boligtorg.housing.models import Area, Dwelling
from boligtorg.settlement.models import Proposal, TemporaryResidence
from boligtorg.settlement.selectors import forecast as forecast_selectors
from boligtorg.settlement.selectors import readiness as selectors
from boligtorg.settlement.services import readiness as services

router = Router(tags=["settlement"])


class ReservationIn(InputSchema):
    proposal_id: int = Field(ge=1, le=2**31)
    dwelling_id: int = Field(ge=1, le=2**31)
    ready_on: datetime.date
    note: str = Field("", max_length=2000)
    meeting_id: int | None = Field(None, ge=1, le=2**31)


class ReleaseIn(InputSchema):
    reason: str = Field(max_length=2000)


class ReservationOut(Schema):
    id: int
    proposal_id: int
    dwelling_id: int
    dwelling: str
    ready_on: datetime.date
    meeting_id: int | None
    note: str
    released_on: datetime.date | None
    release_reason: str

    @staticmethod
    def resolve_dwelling(obj: object) -> str:
        return str(obj.dwelling)  # type: ignore[attr-defined]


class CandidateOut(Schema):
    dwelling_id: int
    dwelling: str
    bedrooms: int
    accessible: bool
    ready_from: datetime.date
    source: str
    on_agenda: str


class ArrivalOut(Schema):
    proposal_id: int
    list_reference: str
    expected_arrival_on: datetime.date
    persons: int
    bedrooms_needed: int
    needs_accessible: bool
    unaccompanied_minor: bool
    reservation: ReservationOut | None
    candidates: list[CandidateOut]


class SettleIn(InputSchema):
    arrived_on: datetime.date
    lease_start: datetime.date
    rent: Decimal | None = Field(None, ge=0, le=10**8, decimal_places=0)
    lease_months: int | None = Field(None, ge=1, le=1200)
    short_lease_reason: str = Field("", max_length=2000)


class SettledOut(Schema):
    proposal_id: int
    status: str
    arrived_on: datetime.date | None


class KindOut(Schema):
    bedrooms: int
    accessible: bool
    count: int


class MonthOut(Schema):
    month: datetime.date
    arrivals: int
    housed: int
    shortfall: int
    spare: int
    missing: list[KindOut]


class ForecastOut(Schema):
    year: int
    headline: str
    arrivals: int
    housed: int
    first_shortfall_month: datetime.date | None
    months: list[MonthOut]
    supply: list[KindOut]
    figure_total: int | None
    figure_not_proposed: int | None


class ForecastQuery(InputSchema):
    year: int | None = Field(None, ge=2000, le=2100)


class ResidenceIn(InputSchema):
    proposal_id: int = Field(ge=1, le=2**31)
    address: str = Field(max_length=200)
    area_id: int = Field(ge=1, le=2**31)
    from_on: datetime.date
    dwelling_id: int | None = Field(None, ge=1, le=2**31)
    note: str = Field("", max_length=2000)


class ResidenceEndIn(InputSchema):
    to_on: datetime.date


class ResidenceOut(Schema):
    id: int
    proposal_id: int
    address: str
    area_id: int
    area: str
    from_on: datetime.date
    to_on: datetime.date | None
    days_waited: int

    @staticmethod
    def resolve_area(obj: TemporaryResidence) -> str:
        return obj.area.name

    @staticmethod
    def resolve_days_waited(obj: TemporaryResidence) -> int:
        return selectors.days_waited(obj, timezone.localdate())


def _own(request: HttpRequest, model: type, pk: int | None) -> object | None:
    if pk is None:
        return None
    return get_for_actor(model.objects.all(), request.auth, pk=pk)  # type: ignore[attr-defined]


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return selectors.proposal_get(actor=request.auth, settlement_proposal_id=pk)


def _denmark(request: HttpRequest) -> None:
    municipality = getattr(request.auth, "municipality", None)
    if municipality is not None and municipality.country != Country.DENMARK:
        raise Http404


@router.get(
    "/settlement/arrivals",
    response=list[ArrivalOut],
    summary="Expected arrivals with their reserved dwelling or the candidates",
)
def arrivals(request: HttpRequest) -> list[dict[str, object]]:
    actor = request.auth
    proposals = list(selectors.arrivals_queryset(actor=actor)[:100])
    rows = selectors.arrival_rows(actor=actor, proposals=proposals)
    audit_list_read(
        actor=actor, model=Proposal, query={}, ids=[r.proposal.pk for r in rows], name="arrivals"
    )
    return [
        {
            "proposal_id": row.proposal.pk,
            "list_reference": row.proposal.list_reference,
            "expected_arrival_on": row.proposal.expected_arrival_on,
            "persons": len(row.proposal.persons.all()),
            "bedrooms_needed": row.proposal.bedrooms_needed,
            "needs_accessible": row.proposal.needs_accessible,
            "unaccompanied_minor": row.proposal.unaccompanied_minor,
            "reservation": row.reservation,
            "candidates": [
                {
                    "dwelling_id": c.dwelling.pk,
                    "dwelling": str(c.dwelling),
                    "bedrooms": c.dwelling.bedrooms,
                    "accessible": c.dwelling.wheelchair_accessible,
                    "ready_from": c.ready_from,
                    "source": c.source,
                    "on_agenda": c.on_agenda,
                }
                for c in row.candidates
            ],
        }
        for row in rows
    ]


@router.post(
    "/settlement/reservations",
    response={201: ReservationOut},
    summary="Reserve a dwelling for an accepted arrival",
)
def reservation_make(request: HttpRequest, payload: ReservationIn):  # noqa: ANN201
    actor = request.auth
    proposal = _proposal(request, payload.proposal_id)
    dwelling = _own(request, Dwelling, payload.dwelling_id)
    meeting = _own(request, Meeting, payload.meeting_id)
    reservation = services.reservation_make(
        actor=actor,
        proposal=proposal,
        dwelling=dwelling,  # type: ignore[arg-type]
        ready_on=payload.ready_on,
        note=payload.note,
        meeting=meeting,  # type: ignore[arg-type]
    )
    return Status(201, selectors.reservation_get(actor=actor, reservation_id=reservation.pk))


@router.get(
    "/settlement/reservations/{int:reservation_id}",
    response=ReservationOut,
    summary="Read a reservation",
)
def reservation_read(request: HttpRequest, reservation_id: int) -> object:
    return selectors.reservation_get(actor=request.auth, reservation_id=reservation_id)


@router.post(
    "/settlement/reservations/{int:reservation_id}/release",
    response=ReservationOut,
    summary="Release a reservation, with the reason",
)
def reservation_release(request: HttpRequest, reservation_id: int, payload: ReleaseIn) -> object:
    actor = request.auth
    reservation = selectors.reservation_get(actor=actor, reservation_id=reservation_id)
    services.reservation_release(actor=actor, reservation=reservation, reason=payload.reason)
    return selectors.reservation_get(actor=actor, reservation_id=reservation_id)


@router.post(
    "/settlement/arrivals/{int:settlement_proposal_id}/settle",
    response=SettledOut,
    summary="Record the arrival and draft the lease for the reserved dwelling",
)
def settle(request: HttpRequest, settlement_proposal_id: int, payload: SettleIn) -> dict:
    actor = request.auth
    proposal = _proposal(request, settlement_proposal_id)
    settled = services.proposal_settle(actor=actor, proposal=proposal, **payload.dict())
    return {
        "proposal_id": settled.pk,
        "status": settled.status,
        "arrived_on": settled.arrived_on,
    }


@router.get(
    "/settlement/forecast", response=ForecastOut, summary="The year's forecast month by month"
)
def forecast(request: HttpRequest, query: Query[ForecastQuery]) -> dict:
    today = timezone.localdate()
    year = query.year or forecast_selectors.default_year(today)
    page = forecast_selectors.settlement_forecast(actor=request.auth, year=year, today=today)
    result = page.result
    return {
        "year": year,
        "headline": page.headline,
        "arrivals": result.arrivals,
        "housed": result.housed,
        "first_shortfall_month": result.first_shortfall_month,
        "months": [
            {
                "month": m.month,
                "arrivals": m.arrivals,
                "housed": m.housed,
                "shortfall": m.shortfall,
                "spare": m.spare,
                "missing": [
                    {"bedrooms": k.bedrooms, "accessible": k.accessible, "count": n}
                    for k, n in m.missing.items()
                ],
            }
            for m in result.months
        ],
        "supply": [
            {"bedrooms": k.bedrooms, "accessible": k.accessible, "count": n}
            for k, n in page.supply_by_kind
        ],
        "figure_total": page.figure.total if page.figure else None,
        "figure_not_proposed": page.figure.not_proposed if page.figure else None,
    }


@router.get(
    "/settlement/temporary-residences",
    response=list[ResidenceOut],
    summary="Temporary residences (Denmark) with the days waited",
)
def residences(request: HttpRequest, current: bool = False) -> list[TemporaryResidence]:
    _denmark(request)
    rows = list(selectors.temporary_residence_list(actor=request.auth, current_only=current)[:500])
    audit_list_read(
        actor=request.auth,
        model=TemporaryResidence,
        query={"current": current},
        ids=[r.pk for r in rows],
    )
    return rows


@router.post(
    "/settlement/temporary-residences",
    response={201: ResidenceOut},
    summary="Record a temporary residence (never in a vulnerable area, § 12, stk. 2)",
)
def residence_add(request: HttpRequest, payload: ResidenceIn):  # noqa: ANN201
    _denmark(request)
    actor = request.auth
    residence = services.temporary_residence_add(
        actor=actor,
        proposal=_proposal(request, payload.proposal_id),
        address=payload.address,
        area=_own(request, Area, payload.area_id),  # type: ignore[arg-type]
        from_on=payload.from_on,
        dwelling=_own(request, Dwelling, payload.dwelling_id),  # type: ignore[arg-type]
        note=payload.note,
    )
    return Status(
        201, selectors.temporary_residence_get(actor=actor, temporary_residence_id=residence.pk)
    )


@router.post(
    "/settlement/temporary-residences/{int:temporary_residence_id}/end",
    response=ResidenceOut,
    summary="End a temporary residence",
)
def residence_end(
    request: HttpRequest, temporary_residence_id: int, payload: ResidenceEndIn
) -> TemporaryResidence:
    _denmark(request)
    actor = request.auth
    residence = selectors.temporary_residence_get(
        actor=actor, temporary_residence_id=temporary_residence_id
    )
    services.temporary_residence_end(actor=actor, residence=residence, to_on=payload.to_on)
    return selectors.temporary_residence_get(
        actor=actor, temporary_residence_id=temporary_residence_id
    )
