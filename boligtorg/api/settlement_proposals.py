"""API of the settlement work (proposals): the same services, selectors, permission checks
and audit as the pages; rule errors answer 422 naming the field.

The households proposed (IMDi's distribution list in Norway, the placement decision
in Denmark), their persons and the municipality's answer. Another municipality's
proposal answers 404, as does a list asked for the other country's source. Health
needs are in the answer only for those who may see them (``access.can_see_health``)."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.cases.models import Gender, HouseholdRelation
from boligtorg.core.permissions import require_role
from boligtorg.settlement.access import WRITE_ROLES, can_see_health
from boligtorg.settlement.models import DeclineReason, Proposal, ProposalSource, ProposalStatus
from boligtorg.settlement.selectors import proposals as selectors
from boligtorg.settlement.services import proposals as services

router = Router(tags=["settlement"])

TEXT = {"max_length": 2000}


class ProposedPersonIn(InputSchema):
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    national_id: str = Field("", max_length=20)
    date_of_birth: datetime.date
    gender: Gender = Gender.UNKNOWN
    relation: HouseholdRelation


class ProposedPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    gender: str
    relation: str
    person_id: int | None


class SettlementProposalIn(InputSchema):
    source: ProposalSource | None = None
    list_reference: str = Field("", max_length=100)
    received_on: datetime.date
    unaccompanied_minor: bool = False
    residence_permit_on: datetime.date | None = None
    bedrooms_needed: int = Field(1, ge=0, le=100)
    needs_accessible: bool = False
    location_needs: str = Field("", **TEXT)
    languages: str = Field("", max_length=200)
    education_and_work: str = Field("", **TEXT)
    reception_centre: str = Field("", max_length=200)
    contact: str = Field("", max_length=200)
    decided_on: datetime.date | None = None
    consented_from: datetime.date | None = None
    consent_on: datetime.date | None = None
    health_needs: str = Field("", **TEXT)
    persons: list[ProposedPersonIn] = Field(default_factory=list, max_length=20)


class SettlementAnswerIn(InputSchema):
    answer: Literal["accept", "decline"]
    answered_on: datetime.date
    expected_arrival_on: datetime.date | None = None
    reason: DeclineReason | Literal[""] = ""
    note: str = Field("", **TEXT)
    version: int | None = Field(None, ge=1, le=2**31)


class SettlementProposalListOut(Schema):
    id: int
    source: str
    list_reference: str
    received_on: datetime.date
    status: str
    unaccompanied_minor: bool
    bedrooms_needed: int
    needs_accessible: bool
    expected_arrival_on: datetime.date | None
    responsible_from: datetime.date | None


class SettlementProposalOut(SettlementProposalListOut):
    residence_permit_on: datetime.date | None
    location_needs: str
    languages: str
    education_and_work: str
    reception_centre: str
    contact: str
    decided_on: datetime.date | None
    consented_from: datetime.date | None
    consent_on: datetime.date | None
    health_needs: str | None
    answered_on: datetime.date | None
    decline_reason: str
    decline_note: str
    arrived_on: datetime.date | None
    application_id: int | None
    household_id: int | None
    version: int
    persons: list[ProposedPersonOut]


def _out(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    fields = {
        name: getattr(proposal, name)
        for name in SettlementProposalOut.model_fields
        if name != "persons"
    }
    fields["id"] = proposal.pk
    fields["health_needs"] = (
        proposal.health_needs if can_see_health(request.auth, proposal) else None
    )
    fields["persons"] = list(proposal.persons.all())
    return fields


def _get(request: HttpRequest, proposal_id: int, *, audit: bool = True) -> Proposal:
    return selectors.proposal_get(actor=request.auth, pk=proposal_id, audit=audit)


@router.get(
    "/settlement/proposals", response=list[SettlementProposalListOut], summary="Proposed households"
)
@paginate(AuditedPageNumberPagination, page_size=25)
def proposal_list(  # noqa: ANN201, PLR0913
    request: HttpRequest,
    status: ProposalStatus | None = None,
    source: ProposalSource | None = None,
    year: int | None = None,
    minors: bool = False,
    q: str = "",
):
    municipality = request.auth.municipality
    if year is not None and not 1900 <= year <= 9999:
        raise ValidationError({"year": services.ERROR_YEAR})
    if source is not None and services.SOURCE_COUNTRY[source] != municipality.country:
        raise Http404
    return selectors.proposal_list(
        actor=request.auth,
        status=status or "",
        source=source or "",
        year=year,
        minors=minors,
        search=q,
    )


@router.post(
    "/settlement/proposals",
    response={201: SettlementProposalOut},
    summary="Register a proposed household with its persons",
)
def proposal_register(request: HttpRequest, payload: SettlementProposalIn):  # noqa: ANN201
    require_role(request.auth, *WRITE_ROLES)
    data = payload.dict()
    source = data.pop("source") or services.source_for(request.auth.municipality.country)
    if request.auth.municipality.country != "DK":
        for name in ("decided_on", "consented_from"):
            if data[name] is None:
                data.pop(name)
    proposal = services.proposal_register(actor=request.auth, source=source, **data)
    return Status(201, _out(request, _get(request, proposal.pk, audit=False)))


@router.get(
    "/settlement/proposals/{int:proposal_id}",
    response=SettlementProposalOut,
    summary="Read a proposed household (audited)",
)
def proposal_read(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    return _out(request, _get(request, proposal_id))


@router.post(
    "/settlement/proposals/{int:proposal_id}/answer",
    response=SettlementProposalOut,
    summary="Accept (with the expected arrival) or decline (with a reason)",
)
def proposal_answer(
    request: HttpRequest, proposal_id: int, payload: SettlementAnswerIn
) -> dict[str, Any]:
    require_role(request.auth, *WRITE_ROLES)
    proposal = _get(request, proposal_id, audit=False)
    if payload.answer == "accept":
        services.proposal_accept(
            actor=request.auth,
            proposal=proposal,
            answered_on=payload.answered_on,
            expected_arrival_on=payload.expected_arrival_on,
            version=payload.version,
        )
    else:
        services.proposal_decline(
            actor=request.auth,
            proposal=proposal,
            answered_on=payload.answered_on,
            reason=payload.reason,
            note=payload.note,
            version=payload.version,
        )
    return _out(request, _get(request, proposal_id, audit=False))


@router.post(
    "/settlement/proposals/{int:proposal_id}/persons",
    response={201: ProposedPersonOut},
    summary="Add a person to an open proposal",
)
def person_add(request: HttpRequest, proposal_id: int, payload: ProposedPersonIn):  # noqa: ANN201
    require_role(request.auth, *WRITE_ROLES)
    proposal = _get(request, proposal_id, audit=False)
    person = services.proposed_person_add(actor=request.auth, proposal=proposal, **payload.dict())
    return Status(201, person)
