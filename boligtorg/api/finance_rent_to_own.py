"""API of rent-to-own (leie til eie): the municipality's agreements, one agreement,
the offer, each step of the pipeline and the savings paid. The same selectors,
services, permission checks and audit as the pages; rule errors answer 422 naming
the field. Rent-to-own is a Norwegian instrument: a Danish municipality gets 404, as
on the pages (``finance.access.country_only``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.core.permissions import require_role
from boligtorg.finance.access import START_LOAN_COUNTRY, WRITE_ROLES
from boligtorg.finance.models import RentBasis, RentToOwnAgreement, RentToOwnSaving
from boligtorg.finance.selectors import rent_to_own as selectors
from boligtorg.finance.services import rent_to_own as services

router = Router(tags=["finance: rent-to-own"])

KRONER = {"ge": 0, "le": 10**11}
ERROR_NO_DWELLING = gettext_lazy("No dwelling of the municipality has this id.")


class RentToOwnStep(StrEnum):
    """The pipeline's steps, as on the agreement's page."""

    SIGN = "sign"
    RENT = "rent"
    REQUEST = "request"
    RESUME = "resume"
    PURCHASE = "purchase"
    END = "end"
    DEFAULT = "default"


class RentToOwnListOut(Schema):
    id: int
    status: str
    dwelling_id: int
    household_id: int
    price: Decimal
    start: datetime.date
    option_years: int | None
    purchase_deadline: datetime.date | None
    rent_basis: str
    monthly_rent: Decimal
    offered_on: datetime.date


class RentToOwnSavingOut(Schema):
    id: int
    month: datetime.date
    amount: Decimal


class RentToOwnOut(RentToOwnListOut):
    lease_id: int | None
    monthly_cost_rent: Decimal
    monthly_saving: Decimal
    maintenance_duties: str
    signed_on: datetime.date | None
    renting_on: datetime.date | None
    purchase_requested_on: datetime.date | None
    purchased_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    financing_case_id: int | None
    sale_proceeds: Decimal | None
    option_last_day: datetime.date
    savings: list[RentToOwnSavingOut]
    savings_paid: Decimal

    @staticmethod
    def resolve_option_last_day(obj: RentToOwnAgreement) -> datetime.date:
        return selectors.option_last_day(obj)

    @staticmethod
    def resolve_savings(obj: RentToOwnAgreement) -> list[RentToOwnSaving]:
        return list(obj.savings.all())

    @staticmethod
    def resolve_savings_paid(obj: RentToOwnAgreement) -> Decimal:
        return sum((saving.amount for saving in obj.savings.all()), Decimal(0))


class RentToOwnOfferIn(InputSchema):
    dwelling_id: int = Field(ge=1, le=2**63 - 1)
    national_id: str = Field(
        "",
        max_length=20,
        description="The main applicant's national id; empty for the dwelling's tenant.",
    )
    price: int = Field(**KRONER)
    start: datetime.date
    rent_basis: RentBasis
    monthly_rent: int = Field(**KRONER)
    monthly_cost_rent: int = Field(**KRONER)
    monthly_saving: int = Field(0, **KRONER)
    maintenance_duties: str = Field(max_length=5000)
    option_years: int | None = Field(None, ge=1, le=20)
    purchase_deadline: datetime.date | None = None


class RentToOwnStepIn(InputSchema):
    step: RentToOwnStep
    day: datetime.date | None = Field(None, description="The step's day; today when not given.")
    reason: str = Field("", max_length=500, description="Why it ended (end and default).")
    sale_proceeds: int | None = Field(None, **KRONER)


class RentToOwnSavingIn(InputSchema):
    month: datetime.date
    amount: int = Field(**KRONER)


def _norway(request: HttpRequest) -> None:
    municipality = getattr(request.auth, "municipality", None)
    if municipality is not None and municipality.country != START_LOAN_COUNTRY:
        raise Http404


def _agreement(request: HttpRequest, rent_to_own_id: int, *, audit: bool) -> RentToOwnAgreement:
    _norway(request)
    return selectors.rent_to_own_get(actor=request.auth, pk=rent_to_own_id, audit=audit)


def _writable(request: HttpRequest, rent_to_own_id: int) -> RentToOwnAgreement:
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    return _agreement(request, rent_to_own_id, audit=False)


@router.get(
    "/rent-to-own-agreements", response=list[RentToOwnListOut], summary="Rent-to-own agreements"
)
@paginate(AuditedPageNumberPagination, page_size=25)
def rent_to_own_list(request: HttpRequest, status: str = ""):  # noqa: ANN201
    _norway(request)
    return selectors.rent_to_own_list(actor=request.auth, status=status)


@router.get(
    "/rent-to-own-agreements/{int:rent_to_own_id}",
    response=RentToOwnOut,
    summary="Read a rent-to-own agreement",
)
def rent_to_own_read(request: HttpRequest, rent_to_own_id: int) -> RentToOwnAgreement:
    return _agreement(request, rent_to_own_id, audit=True)


@router.post(
    "/rent-to-own-agreements",
    response={201: RentToOwnOut},
    summary="Offer rent-to-own on a dwelling with rent-to-own potential",
)
def rent_to_own_offer(request: HttpRequest, payload: RentToOwnOfferIn):  # noqa: ANN201
    _norway(request)
    actor = request.auth
    require_role(actor, *WRITE_ROLES)
    try:
        dwelling = selectors.rent_to_own_dwelling(actor=actor, pk=payload.dwelling_id)
    except Http404 as exc:
        raise ValidationError({"dwelling_id": ERROR_NO_DWELLING}) from exc
    terms = payload.dict(exclude={"dwelling_id", "national_id"})
    national_id = payload.national_id.strip()
    if national_id:
        household = selectors.household_of(actor=actor, national_id=national_id)
        missing = _("No household has this main applicant.")
    else:
        household = selectors.tenant_household(dwelling=dwelling, on=timezone.localdate())
        missing = _("Nobody rents the dwelling: give the main applicant's national id.")
    if household is None:
        raise ValidationError({"national_id": missing})
    for name in ("price", "monthly_rent", "monthly_cost_rent", "monthly_saving"):
        terms[name] = Decimal(terms[name])
    try:
        agreement = services.rent_to_own_offer(
            actor=actor, dwelling=dwelling, household=household, **terms
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "dwelling" in exc.error_dict:
            exc.error_dict["dwelling_id"] = exc.error_dict.pop("dwelling")
        if hasattr(exc, "error_dict") and "household" in exc.error_dict:
            exc.error_dict["national_id"] = exc.error_dict.pop("household")
        raise
    return Status(201, _agreement(request, agreement.pk, audit=False))


# The service's name for each step's day, answered as ``day``.
DAY_FIELDS = ("signed_on", "renting_on", "requested_on", "purchased_on", "ended_on")


def _step(request: HttpRequest, agreement: RentToOwnAgreement, payload: RentToOwnStepIn) -> None:
    actor, day = request.auth, payload.day or timezone.localdate()
    step = payload.step
    if step is RentToOwnStep.SIGN:
        services.rent_to_own_sign(actor=actor, agreement=agreement, signed_on=day)
    elif step is RentToOwnStep.RENT:
        services.rent_to_own_start_renting(actor=actor, agreement=agreement, renting_on=day)
    elif step is RentToOwnStep.REQUEST:
        services.rent_to_own_request_purchase(actor=actor, agreement=agreement, requested_on=day)
    elif step is RentToOwnStep.RESUME:
        services.rent_to_own_resume_renting(actor=actor, agreement=agreement)
    elif step is RentToOwnStep.PURCHASE:
        proceeds = payload.sale_proceeds
        services.rent_to_own_purchase(
            actor=actor,
            agreement=agreement,
            purchased_on=day,
            sale_proceeds=None if proceeds is None else Decimal(proceeds),
        )
    else:
        services.rent_to_own_end(
            actor=actor,
            agreement=agreement,
            reason=payload.reason,
            ended_on=day,
            defaulted=step is RentToOwnStep.DEFAULT,
        )


@router.post(
    "/rent-to-own-agreements/{int:rent_to_own_id}/steps",
    response=RentToOwnOut,
    summary="Take one step of the pipeline: sign, rent, request, resume, purchase, end, default",
)
def rent_to_own_step(
    request: HttpRequest, rent_to_own_id: int, payload: RentToOwnStepIn
) -> RentToOwnAgreement:
    agreement = _writable(request, rent_to_own_id)
    try:
        _step(request, agreement, payload)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name in DAY_FIELDS:
                if name in exc.error_dict:
                    exc.error_dict["day"] = exc.error_dict.pop(name)
        raise
    return _agreement(request, rent_to_own_id, audit=False)


@router.post(
    "/rent-to-own-agreements/{int:rent_to_own_id}/savings",
    response={201: RentToOwnSavingOut},
    summary="Record the savings paid for one month",
)
def rent_to_own_saving(request: HttpRequest, rent_to_own_id: int, payload: RentToOwnSavingIn):  # noqa: ANN201
    agreement = _writable(request, rent_to_own_id)
    saving = services.rent_to_own_saving_record(
        actor=request.auth,
        agreement=agreement,
        month=payload.month,
        amount=Decimal(payload.amount),
    )
    return Status(201, saving)
