"""API of the rental app: the same services, selectors, permission checks and audit
as the pages; rule errors answer 422 naming the field; a row of another municipality
answers 404."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.cases.models import Application, Household
from boligtorg.core.permissions import require_role
from boligtorg.rental import selectors, services
from boligtorg.rental.access import WRITE_ROLES
from boligtorg.rental.models import (
    Claim,
    ClaimStatus,
    Guarantee,
    GuaranteeKind,
    Landlord,
    LandlordKind,
)

router = Router(tags=["rental"])

AMOUNT = {"gt": 0, "le": 10**9}


class LandlordOut(Schema):
    id: int
    name: str
    kind: str
    org_number: str
    contact_name: str
    phone: str
    email: str
    contact_person_id: int


class LandlordIn(InputSchema):
    name: str = Field("", max_length=200)
    kind: LandlordKind
    org_number: str = Field("", max_length=20)
    contact_name: str = Field("", max_length=200)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    contact_person_id: int


class ClaimOut(Schema):
    id: int
    received_on: datetime.date
    amount_claimed: Decimal
    status: str
    checked_on: datetime.date | None
    amount_paid: Decimal | None
    refusal_reason: str


class GuaranteeOut(Schema):
    id: int
    kind: str
    household_id: int
    application_id: int | None
    landlord_id: int
    amount: Decimal
    starts_on: datetime.date
    ends_on: datetime.date
    ended_on: datetime.date | None
    lease_address: str


class GuaranteeDetailOut(GuaranteeOut):
    remaining: Decimal
    claims: list[ClaimOut]


class GuaranteeIn(InputSchema):
    kind: GuaranteeKind
    household_id: int | None = None
    application_id: int | None = None
    landlord_id: int
    amount: Decimal = Field(**AMOUNT)
    starts_on: datetime.date
    ends_on: datetime.date
    lease_address: str = Field(max_length=200)


class ClaimIn(InputSchema):
    received_on: datetime.date
    amount_claimed: Decimal = Field(**AMOUNT)


class ClaimDecideIn(InputSchema):
    decision: ClaimStatus
    checked_on: datetime.date
    amount_paid: Decimal | None = Field(None, **AMOUNT)
    refusal_reason: str = Field("", max_length=5000)


def _detail(guarantee: Guarantee) -> dict[str, object]:
    data = GuaranteeOut.from_orm(guarantee).dict()
    data["remaining"] = services.remaining_of(guarantee)
    data["claims"] = list(guarantee.claims.all())
    return data


@router.get("/rental/landlords", response=list[LandlordOut], summary="Landlords")
@paginate(AuditedPageNumberPagination, page_size=25)
def landlord_list(request: HttpRequest, q: str = ""):  # noqa: ANN201
    return selectors.landlords(request.auth, q=q)


@router.get(
    "/rental/landlords/{int:rental_landlord_id}", response=LandlordOut, summary="Read a landlord"
)
def landlord_read(request: HttpRequest, rental_landlord_id: int) -> Landlord:
    return selectors.landlord_get(request.auth, rental_landlord_id)


@router.post("/rental/landlords", response={201: LandlordOut}, summary="Add a landlord")
def landlord_create(request: HttpRequest, payload: LandlordIn):  # noqa: ANN201
    require_role(request.auth, *WRITE_ROLES)
    data = payload.dict()
    contact = get_user_model().objects.filter(pk=data.pop("contact_person_id")).first()
    return Status(201, services.landlord_create(request.auth, contact_person=contact, **data))


@router.get("/rental/guarantees", response=list[GuaranteeOut], summary="Guarantees")
@paginate(AuditedPageNumberPagination, page_size=25)
def guarantee_list(request: HttpRequest, state: str = "", kind: str = ""):  # noqa: ANN201
    return selectors.guarantees(request.auth, state=state, kind=kind)


@router.get(
    "/rental/guarantees/{int:rental_guarantee_id}",
    response=GuaranteeDetailOut,
    summary="Read a guarantee",
)
def guarantee_read(request: HttpRequest, rental_guarantee_id: int):  # noqa: ANN201
    return _detail(selectors.guarantee_get(request.auth, rental_guarantee_id))


@router.post("/rental/guarantees", response={201: GuaranteeDetailOut}, summary="Issue a guarantee")
def guarantee_issue(request: HttpRequest, payload: GuaranteeIn):  # noqa: ANN201
    actor = require_role(request.auth, *WRITE_ROLES)
    data = payload.dict()
    mine = {"municipality": actor.municipality}
    application = (
        get_object_or_404(Application, pk=data.pop("application_id"), **mine)
        if data.get("application_id")
        else data.pop("application_id")
    )
    household_id = data.pop("household_id")
    household = (
        get_object_or_404(Household, pk=household_id, **mine)
        if household_id
        else (application.household if application else None)
    )
    landlord = get_object_or_404(Landlord, pk=data.pop("landlord_id"), **mine)
    guarantee = services.guarantee_issue(
        actor, household=household, application=application, landlord=landlord, **data
    )
    return Status(201, _detail(guarantee))


@router.post(
    "/rental/guarantees/{int:rental_guarantee_id}/claims",
    response={201: ClaimOut},
    summary="Register a claim against the guarantee",
)
def claim_register(request: HttpRequest, rental_guarantee_id: int, payload: ClaimIn):  # noqa: ANN201
    require_role(request.auth, *WRITE_ROLES)
    guarantee = get_object_or_404(
        Guarantee, pk=rental_guarantee_id, municipality=request.auth.municipality
    )
    return Status(201, services.claim_register(request.auth, guarantee, **payload.dict()))


@router.post(
    "/rental/claims/{int:rental_claim_id}/decision",
    response=ClaimOut,
    summary="Pay or refuse a claim",
)
def claim_decide(request: HttpRequest, rental_claim_id: int, payload: ClaimDecideIn) -> Claim:
    require_role(request.auth, *WRITE_ROLES)
    claim = get_object_or_404(Claim, pk=rental_claim_id, municipality=request.auth.municipality)
    return services.claim_decide(request.auth, claim, **payload.dict())
