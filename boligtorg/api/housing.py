"""Properties, dwellings and leases: the same services, selectors, permission checks
and audit as the dwelling register's pages."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import BoundedPageNumberPagination
from boligtorg.cases.models import Household
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, require_role
from boligtorg.housing import selectors, services
from boligtorg.housing.access import READ_ROLES, WRITE_ROLES
from boligtorg.housing.models import (
    DispositionForm,
    Dwelling,
    DwellingStatus,
    DwellingType,
    Lease,
    Property,
    SecurityKind,
)

router = Router(tags=["dwellings"])


class PropertyOut(Schema):
    id: int
    gnr: int
    bnr: int
    address: str
    building_name: str


class DwellingIn(InputSchema):
    address: str = Field(min_length=1, max_length=200)
    unit_number: str = Field(max_length=5, description="Bruksenhetsnummer, e.g. H0101")
    dwelling_type: DwellingType
    bedrooms: int = Field(ge=0, le=20)
    usable_area: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=1)
    floor: int | None = Field(None, ge=-5, le=100)
    wheelchair_accessible: bool = False
    features: list[str] = Field(default_factory=list)
    rent: Decimal = Field(ge=0, max_digits=10, decimal_places=0)
    rent_to_own: bool = False
    disposition_form: DispositionForm = DispositionForm.OWNED
    status: DwellingStatus = DwellingStatus.READY
    gnr: int | None = Field(None, ge=1)
    bnr: int | None = Field(None, ge=1)
    building: str = Field("", max_length=100)
    shared_house_name: str = Field("", max_length=200)
    area_name: str = Field("", max_length=100)


class DwellingOut(Schema):
    id: int
    address: str
    unit_number: str
    dwelling_type: str
    bedrooms: int
    usable_area: Decimal | None
    floor: int | None
    wheelchair_accessible: bool
    features: list[str]
    rent: Decimal
    rent_to_own: bool
    status: str
    disposition_form: str
    property_id: int | None
    shared_house: str | None
    area: str | None

    @staticmethod
    def resolve_shared_house(obj: Dwelling) -> str | None:
        return obj.shared_house.name if obj.shared_house else None

    @staticmethod
    def resolve_area(obj: Dwelling) -> str | None:
        return obj.area.name if obj.area else None


class StatusIn(InputSchema):
    status: DwellingStatus
    reason: str = Field("", max_length=300)


class LeaseIn(InputSchema):
    dwelling_id: int
    household_id: int
    start: datetime.date
    end: datetime.date | None = None
    rent: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=0)
    short_lease_reason: str = ""
    security_kind: SecurityKind = SecurityKind.DEPOSIT
    security_amount: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=0)
    six_month_clause: bool = False
    three_party_agreement: bool = False


class LeaseOut(Schema):
    id: int
    dwelling_id: int
    household_id: int
    start: datetime.date
    end: datetime.date
    rent: Decimal
    security_kind: str
    security_amount: Decimal | None
    six_month_clause: bool
    three_party_agreement: bool
    terminated_on: datetime.date | None
    termination_reason: str


@router.get("/properties", response=list[PropertyOut], summary="List properties")
@paginate(BoundedPageNumberPagination, page_size=25)
def property_list(request: HttpRequest):  # noqa: ANN201
    actor = require_role(request.auth, *READ_ROLES)
    return Property.objects.filter(municipality=actor.municipality).order_by("gnr", "bnr", "id")


@router.get("/dwellings", response=list[DwellingOut], summary="List dwellings")
@paginate(BoundedPageNumberPagination, page_size=25)
def dwelling_list(  # noqa: ANN201
    request: HttpRequest,
    q: str = "",
    status: DwellingStatus | None = None,
    dwelling_type: DwellingType | None = None,
    min_bedrooms: int | None = None,
    accessible: bool = False,
    disposition_form: DispositionForm | None = None,
    sort: str = "address",
):
    return selectors.dwelling_list(
        actor=request.auth,
        search=q,
        status=status or "",
        dwelling_type=dwelling_type or "",
        min_bedrooms=min_bedrooms,
        accessible=accessible,
        disposition_form=disposition_form or "",
        ordering=sort,
    )


@router.get("/dwellings/{int:dwelling_id}", response=DwellingOut, summary="Read a dwelling")
def dwelling_read(request: HttpRequest, dwelling_id: int) -> Dwelling:
    return selectors.dwelling_get(actor=request.auth, dwelling_id=dwelling_id)


@router.post("/dwellings", response={201: DwellingOut}, summary="Register a dwelling")
def dwelling_create(request: HttpRequest, payload: DwellingIn):  # noqa: ANN201
    return Status(201, services.dwelling_create(actor=request.auth, **payload.dict()))


@router.post(
    "/dwellings/{int:dwelling_id}/status", response=DwellingOut, summary="Change the status"
)
def dwelling_status(request: HttpRequest, dwelling_id: int, payload: StatusIn) -> Dwelling:
    dwelling = selectors.dwelling_get(actor=request.auth, dwelling_id=dwelling_id)
    return services.dwelling_change_status(actor=request.auth, dwelling=dwelling, **payload.dict())


@router.get(
    "/dwellings/{int:dwelling_id}/leases", response=list[LeaseOut], summary="Leases of a dwelling"
)
def dwelling_leases(request: HttpRequest, dwelling_id: int) -> list[Lease]:
    dwelling = selectors.dwelling_get(actor=request.auth, dwelling_id=dwelling_id)
    return selectors.dwelling_leases(actor=request.auth, dwelling=dwelling)


@router.get("/leases/{int:lease_id}", response=LeaseOut, summary="Read a lease")
def lease_read(request: HttpRequest, lease_id: int) -> Lease:
    lease = selectors.lease_get(actor=request.auth, lease_id=lease_id)
    # A lease names its tenant household: a read of a person's data.
    audit_record(actor=request.auth, action=AuditAction.VIEW, obj=lease)
    return lease


@router.post("/leases", response={201: LeaseOut}, summary="Let a dwelling to a household")
def lease_create(request: HttpRequest, payload: LeaseIn):  # noqa: ANN201
    actor = request.auth
    if not actor.has_role(*WRITE_ROLES):
        raise PermissionDenied
    dwelling = selectors.dwelling_get(actor=actor, dwelling_id=payload.dwelling_id)
    household = get_for_actor(Household.objects.all(), actor, pk=payload.household_id)
    fields = payload.dict(exclude={"dwelling_id", "household_id"})
    return Status(
        201, services.lease_register(actor=actor, dwelling=dwelling, household=household, **fields)
    )
