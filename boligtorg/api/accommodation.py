"""API of the accommodation app: the same services, selectors, permission checks and audit
as the pages; rule errors answer 422 naming the field."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.accommodation import selectors, services
from boligtorg.accommodation.access import READ_ROLES, WRITE_ROLES
from boligtorg.accommodation.models import Placement, Provider
from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination, BoundedPageNumberPagination
from boligtorg.cases.models import Application, Decision, HouseholdMember
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, require_role

router = Router(tags=["accommodation"])


class ProviderIn(InputSchema):
    name: str = Field(max_length=200)
    address: str = Field(max_length=300)
    org_number: str = Field("", max_length=20)
    contact_name: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=30)
    contact_email: str = Field("", max_length=254)


class ProviderOut(Schema):
    id: int
    name: str
    org_number: str
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str


class PlacementIn(InputSchema):
    application: int
    provider: int
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    price_per_night: Decimal | None = Field(None, max_digits=8, decimal_places=2)
    members: list[int] = Field(max_length=50)
    decision: int | None = None
    emergency: bool = False
    address: str = Field("", max_length=300)


class PlacementOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    provider: int = Field(alias="provider_id")
    address: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    price_per_night: Decimal
    members: list[int]
    decision: int | None = Field(alias="decision_id")
    emergency: bool


def _placement_out(placement: Placement) -> dict[str, Any]:
    return {
        "id": placement.pk,
        "application_id": placement.application_id,
        "provider_id": placement.provider_id,
        "address": placement.address,
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
        "price_per_night": placement.price_per_night,
        "members": sorted(m.pk for m in placement.members.all()),
        "decision_id": placement.decision_id,
        "emergency": placement.emergency,
    }


@router.get("/accommodation/providers", response=list[ProviderOut], summary="List providers")
@paginate(BoundedPageNumberPagination, page_size=25)
def provider_list(request: HttpRequest):  # noqa: ANN201
    actor = require_role(request.auth, *READ_ROLES)
    return selectors.providers(actor=actor)


@router.get(
    "/accommodation/providers/{accommodation_provider_id}",
    response=ProviderOut,
    summary="Get a provider",
)
def provider_read(request: HttpRequest, accommodation_provider_id: int) -> Provider:
    actor = require_role(request.auth, *READ_ROLES)
    return selectors.provider_get(actor=actor, pk=accommodation_provider_id)


@router.post("/accommodation/providers", response={201: ProviderOut}, summary="Register a provider")
def provider_create(request: HttpRequest, payload: ProviderIn) -> Status:
    provider = services.provider_create(actor=request.auth, **payload.dict())
    return Status(201, provider)


@router.get("/accommodation/placements", response=list[PlacementOut], summary="List placements")
@paginate(
    AuditedPageNumberPagination, page_size=25, label="accommodation.placement", name="placements"
)
def placement_list(request: HttpRequest):  # noqa: ANN201
    actor = require_role(request.auth, *READ_ROLES)
    return [_placement_out(p) for p in selectors.placements(actor=actor)]


@router.get(
    "/accommodation/placements/{accommodation_placement_id}",
    response=PlacementOut,
    summary="Get a placement",
)
def placement_read(request: HttpRequest, accommodation_placement_id: int) -> dict[str, Any]:
    actor = require_role(request.auth, *READ_ROLES)
    placement = selectors.placement_get(actor=actor, pk=accommodation_placement_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=placement)
    return _placement_out(placement)


@router.post("/accommodation/placements", response={201: PlacementOut}, summary="Place a household")
def placement_create(request: HttpRequest, payload: PlacementIn) -> Status:
    """The case and provider are looked up in the caller's municipality (404 else);
    members not of the case's household and a decision not on the case answer 422."""
    actor = require_role(request.auth, *WRITE_ROLES)
    application = get_for_actor(Application.objects.all(), actor, pk=payload.application)
    provider = selectors.provider_get(actor=actor, pk=payload.provider)
    members = list(
        HouseholdMember.objects.filter(
            pk__in=payload.members, household__municipality=actor.municipality
        )
    )
    if len(members) != len(set(payload.members)):
        members = []
    decision = None
    if payload.decision is not None:
        decision = Decision.objects.filter(
            pk=payload.decision, application__municipality=actor.municipality
        ).first()
        if decision is None:
            decision = Decision(application_id=0, outcome="")
    placement = services.placement_create(
        actor=actor,
        application=application,
        provider=provider,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        price_per_night=payload.price_per_night,
        members=members,
        decision=decision,
        emergency=payload.emergency,
        address=payload.address,
    )
    return Status(201, _placement_out(placement))
