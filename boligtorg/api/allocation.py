"""The allocation meeting: rule sets, meetings with their agenda, locks and bans of
pairs, proposals of the solver, offers and the waiting list. The same services,
selectors, permission checks and audit as the allocation pages.

Objects are fetched in the actor's municipality first (another municipality's
answers 404), then the write's role is checked (403), then the body's ids.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.allocation import access, selectors
from boligtorg.allocation.models import (
    AgendaItem,
    DeclineReason,
    Meeting,
    MeetingStatus,
    Offer,
    OfferStatus,
    PairConstraint,
    PairKind,
    Policy,
    Proposal,
    RuleSet,
)
from boligtorg.allocation.services import meetings, offers, rules
from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination, BoundedPageNumberPagination
from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain import allocation as domain
from boligtorg.housing.models import Dwelling

router = Router(tags=["allocation"])


def _default(name: str) -> Any:
    return RuleSet._meta.get_field(name).default


# Rule sets ----------------------------------------------------------------------------


class BedroomRowOut(Schema):
    persons: int
    min_bedrooms: int
    max_bedrooms: int


class GroupPointsOut(Schema):
    target_group: str = Field(description="Target group code")
    name: str
    points: int


class AreaCapOut(Schema):
    id: int
    area: str
    target_groups: list[str] = Field(description="Target group codes")
    limit: int
    period_months: int
    used: int = Field(description="Placements already made in the period before today")
    remaining: int


class RuleSetSummary(Schema):
    id: int
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    policy: Policy


class RuleSetOut(RuleSetSummary):
    points_without_dwelling: int
    points_at_risk: int
    points_unsuitable: int
    points_per_waiting_month: int
    max_waiting_points: int
    points_per_child: int
    max_children_points: int
    urgency_points: int
    weight_points: int
    weight_fit: int
    offer_answer_days: int
    max_unreasonable_declines: int | None
    in_force: bool = Field(description="The rule set valid today")
    bedroom_rows: list[BedroomRowOut]
    target_group_points: list[GroupPointsOut]
    area_caps: list[AreaCapOut]


class RuleSetIn(InputSchema):
    name: str = Field(max_length=150)
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    policy: Policy = Policy.BEST_FIT
    points_without_dwelling: int = _default("points_without_dwelling")
    points_at_risk: int = _default("points_at_risk")
    points_unsuitable: int = _default("points_unsuitable")
    points_per_waiting_month: int = _default("points_per_waiting_month")
    max_waiting_points: int = _default("max_waiting_points")
    points_per_child: int = _default("points_per_child")
    max_children_points: int = _default("max_children_points")
    urgency_points: int = _default("urgency_points")
    weight_points: int = Field(_default("weight_points"), ge=0, le=1000)
    weight_fit: int = Field(_default("weight_fit"), ge=0, le=1000)
    offer_answer_days: int = _default("offer_answer_days")
    max_unreasonable_declines: int | None = Field(None, ge=1, le=100)
    copy_from_id: int | None = Field(
        None, description="Copy the bedroom table, target-group points and area caps of this one"
    )


class RuleSetPatch(InputSchema):
    name: str | None = Field(None, max_length=150)
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = Field(None, description="null: no end")
    policy: Policy | None = None
    points_without_dwelling: int | None = None
    points_at_risk: int | None = None
    points_unsuitable: int | None = None
    points_per_waiting_month: int | None = None
    max_waiting_points: int | None = None
    points_per_child: int | None = None
    max_children_points: int | None = None
    urgency_points: int | None = None
    weight_points: int | None = Field(None, ge=0, le=1000)
    weight_fit: int | None = Field(None, ge=0, le=1000)
    offer_answer_days: int | None = None
    max_unreasonable_declines: int | None = Field(None, ge=1, le=100, description="null: never")


# The fields where null means something (no end, no limit); elsewhere null is "unchanged".
NULLABLE_RULE_FIELDS = ("valid_to", "max_unreasonable_declines")


def _rule_set_get(actor: Actor, rule_set_id: int) -> RuleSet:
    return get_for_actor(RuleSet.objects.all(), actor, pk=rule_set_id)


def _rule_set_out(rule_set: RuleSet) -> dict[str, Any]:
    current = rules.rule_set_for(rule_set.municipality, timezone.localdate())
    return {
        "id": rule_set.pk,
        **{name: getattr(rule_set, name) for name in rules.RULE_SET_FIELDS},
        "in_force": current is not None and current.pk == rule_set.pk,
        "bedroom_rows": list(rule_set.bedroom_rows.all()),
        "target_group_points": [
            {
                "target_group": row.target_group.code,
                "name": row.target_group.name,
                "points": row.points,
            }
            for row in rule_set.group_points.select_related("target_group")
        ],
        "area_caps": [
            {
                "id": use.cap.pk,
                "area": use.cap.area.name,
                "target_groups": sorted(group.code for group in use.cap.target_groups.all()),
                "limit": use.cap.limit,
                "period_months": use.cap.period_months,
                "used": use.used,
                "remaining": use.remaining,
            }
            for use in selectors.cap_uses(rule_set, timezone.localdate())
        ],
    }


@router.get("/allocation/rule-sets", response=list[RuleSetSummary], summary="List rule sets")
@paginate(BoundedPageNumberPagination, page_size=25)
def rule_set_list(request: HttpRequest):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    return RuleSet.objects.filter(municipality=actor.municipality).order_by("-valid_from", "-pk")


@router.get(
    "/allocation/rule-sets/{int:rule_set_id}", response=RuleSetOut, summary="Read a rule set"
)
def rule_set_read(request: HttpRequest, rule_set_id: int) -> dict[str, Any]:
    actor = require_role(request.auth, *access.READ_ROLES)
    return _rule_set_out(_rule_set_get(actor, rule_set_id))


@router.post("/allocation/rule-sets", response={201: RuleSetOut}, summary="Make a rule set")
def rule_set_create(request: HttpRequest, payload: RuleSetIn):  # noqa: ANN201
    actor = require_role(request.auth, *access.RULE_ROLES)
    copy_from = (
        _rule_set_get(actor, payload.copy_from_id) if payload.copy_from_id is not None else None
    )
    made = rules.rule_set_create(
        actor=actor, copy_from=copy_from, **payload.dict(exclude={"copy_from_id"})
    )
    return Status(201, _rule_set_out(made))


@router.patch(
    "/allocation/rule-sets/{int:rule_set_id}", response=RuleSetOut, summary="Change a rule set"
)
def rule_set_update(
    request: HttpRequest, rule_set_id: int, payload: RuleSetPatch
) -> dict[str, Any]:
    actor = require_role(request.auth, *access.READ_ROLES)
    rule_set = _rule_set_get(actor, rule_set_id)
    changes = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name in NULLABLE_RULE_FIELDS
    }
    return _rule_set_out(rules.rule_set_update(actor=actor, rule_set=rule_set, **changes))


# Meetings -----------------------------------------------------------------------------


class MeetingSummary(Schema):
    id: int
    held_on: datetime.date
    title: str
    status: MeetingStatus
    rule_set_id: int
    dwellings: int = Field(description="Dwellings on the agenda")
    offered: int = Field(description="Offers made by the meeting")


class AgendaDwellingOut(Schema):
    id: int
    address: str
    unit_number: str
    bedrooms: int
    area: str | None

    @staticmethod
    def resolve_area(obj: Dwelling) -> str | None:
        return obj.area.name if obj.area else None


class AgendaItemOut(Schema):
    id: int
    dwelling: AgendaDwellingOut
    taken_out: bool
    taken_out_reason: str
    outcome: str = Field(description="'' (not decided), offered or postponed")
    note: str
    offer_id: int | None


class ConstraintOut(Schema):
    id: int
    kind: PairKind
    application_id: int
    application_number: str
    dwelling_id: int
    created_by: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_application_number(obj: PairConstraint) -> str:
        return obj.application.number

    @staticmethod
    def resolve_created_by(obj: PairConstraint) -> str | None:
        return obj.created_by.username if obj.created_by else None


class ProposalSummary(Schema):
    id: int
    number: int
    policy: Policy
    objective: float
    proven_optimal: bool
    created_at: datetime.datetime


class AllocationMeetingOut(Schema):
    id: int
    held_on: datetime.date
    title: str
    status: MeetingStatus
    rule_set_id: int
    rule_set: str
    notes: str
    members: list[str] = Field(description="Usernames")
    items: list[AgendaItemOut]
    constraints: list[ConstraintOut] = Field(description="Active locks and bans")
    proposals: list[ProposalSummary] = Field(description="Newest first")


class AllocationMeetingIn(InputSchema):
    held_on: datetime.date | None = Field(
        None, description="Required (today or later); checked with the other fields"
    )
    title: str = Field("", max_length=150)
    member_ids: list[int] = Field(
        default_factory=list, description="Allocation meeting members: at least one"
    )
    dwelling_ids: list[int] | None = Field(
        None,
        description="Dwellings on the agenda; left out: every dwelling ready for moving "
        "in, not offered and not on another open meeting's agenda",
    )
    notes: str = Field("", max_length=5000)


class ProposalPairOut(Schema):
    dwelling_id: int
    application_id: int
    application_number: str
    points: int
    fit: int
    locked: bool

    @staticmethod
    def resolve_application_number(obj: Any) -> str:
        return obj.application.number


class ProposalOut(Schema):
    id: int
    meeting_id: int
    number: int
    policy: Policy
    objective: float
    bound: float | None
    gap: float | None
    proven_optimal: bool
    method: str
    households: int
    dwellings: int
    build_seconds: float
    solve_seconds: float
    comparison: dict[str, Any] = Field(
        description="The optimal match, strict priority and the baselines side by side"
    )
    pairs: list[ProposalPairOut]
    created_at: datetime.datetime

    @staticmethod
    def resolve_pairs(obj: Proposal) -> list[Any]:
        return list(obj.pairs.select_related("application"))


class ConstraintIn(InputSchema):
    kind: PairKind
    application_id: int
    dwelling_id: int


class ItemOfferIn(InputSchema):
    application_id: int
    offered_on: datetime.date | None = Field(None, description="Today when left out")


def _meeting_get(actor: Actor, meeting_id: int) -> Meeting:
    return get_for_actor(Meeting.objects.select_related("rule_set"), actor, pk=meeting_id)


def _item_get(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.items.select_related("dwelling", "meeting").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def _at_field(exc: ValidationError, fields: Mapping[str, Iterable[Any]]) -> ValidationError:
    """The service's message at the body field it concerns. Some rules answer
    without a field (the page shows them above its form); a client wants to know
    which id to change. A message of no listed field stays as it is."""
    if hasattr(exc, "error_dict"):
        return exc
    placed: dict[str, list[str]] = {}
    for message in exc.messages:
        field = next(
            (name for name, known in fields.items() if message in {str(m) for m in known}), None
        )
        if field is None:
            return exc
        placed.setdefault(field, []).append(message)
    return ValidationError(placed)


def _pair_error_fields() -> dict[str, list[Any]]:
    return {
        "dwelling_id": [
            meetings.ERROR_NOT_ON_AGENDA,
            meetings.ERROR_LOCK_TAKEN_OUT,
            meetings.ERROR_LOCK_DWELLING_TAKEN,
        ],
        "application_id": [
            meetings.ERROR_NOT_WAITING,
            meetings.ERROR_LOCK_HOUSEHOLD_TAKEN,
            meetings.ERROR_PAIR_EXISTS,
            *(
                meetings.ERROR_LOCK_NOT_ELIGIBLE % {"rule": label}
                for label in meetings.CHECK_LABELS.values()
            ),
        ],
    }


OFFER_ERROR_FIELDS = {
    "application_id": [
        offers.ERROR_NOT_WAITING,
        offers.ERROR_HOUSEHOLD_OFFERED,
        offers.ERROR_HOUSEHOLD_HOUSED,
    ]
}


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    offered = {offer.dwelling_id: offer.pk for offer in meeting.offers.order_by("created_at", "pk")}
    items = meeting.items.select_related("dwelling__area")
    return {
        "id": meeting.pk,
        "held_on": meeting.held_on,
        "title": meeting.title,
        "status": meeting.status,
        "rule_set_id": meeting.rule_set_id,
        "rule_set": meeting.rule_set.name,
        "notes": meeting.notes,
        "members": list(meeting.members.order_by("username").values_list("username", flat=True)),
        "items": [
            {
                "id": item.pk,
                "dwelling": item.dwelling,
                "taken_out": item.taken_out,
                "taken_out_reason": item.taken_out_reason,
                "outcome": item.outcome,
                "note": item.note,
                "offer_id": offered.get(item.dwelling_id),
            }
            for item in items
        ],
        "constraints": list(
            meeting.constraints.filter(removed_at__isnull=True).select_related(
                "application", "created_by"
            )
        ),
        "proposals": list(meeting.proposals.all()),
    }


def _members(actor: Actor, ids: list[int]) -> list[User]:
    """The chosen users of this municipality (the service checks each one's role);
    an id of no user here is refused like one of another municipality."""
    users = list(
        User.objects.filter(pk__in=ids, memberships__municipality=actor.municipality).distinct()
    )
    missing = sorted(set(ids) - {user.pk for user in users})
    if missing:
        raise ValidationError(
            {"member_ids": meetings.ERROR_UNKNOWN_USERS % {"ids": ", ".join(map(str, missing))}}
        )
    return users


def _agenda(actor: Actor, ids: list[int] | None) -> list[Dwelling]:
    if ids is None:
        return list(selectors.agenda_dwellings(actor.municipality))
    return [get_for_actor(Dwelling.objects.all(), actor, pk=pk) for pk in dict.fromkeys(ids)]


@router.get("/allocation/meetings", response=list[MeetingSummary], summary="List meetings")
@paginate(BoundedPageNumberPagination, page_size=25)
def meeting_list(request: HttpRequest, status: MeetingStatus | None = None):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    qs = Meeting.objects.filter(municipality=actor.municipality)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        dwellings=Count("items", distinct=True), offered=Count("offers", distinct=True)
    ).order_by("-held_on", "-pk")


@router.get(
    "/allocation/meetings/{int:meeting_id}", response=AllocationMeetingOut, summary="Read a meeting"
)
def meeting_read(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    actor = require_role(request.auth, *access.READ_ROLES)
    return _meeting_out(_meeting_get(actor, meeting_id))


@router.post(
    "/allocation/meetings",
    response={201: AllocationMeetingOut},
    summary="Make a meeting with its date, members and agenda",
)
def meeting_create(request: HttpRequest, payload: AllocationMeetingIn):  # noqa: ANN201
    actor = require_role(request.auth, *access.MEETING_ROLES)
    try:
        meeting = meetings.meeting_create(
            actor=actor,
            held_on=payload.held_on,
            title=payload.title,
            members=_members(actor, payload.member_ids),
            dwellings=_agenda(actor, payload.dwelling_ids),
            notes=payload.notes,
        )
    except ValidationError as exc:
        raise _renamed(exc, {"members": "member_ids", "dwellings": "dwelling_ids"}) from exc
    return Status(201, _meeting_out(_meeting_get(actor, meeting.pk)))


class MeetingCancelIn(InputSchema):
    reason: str = Field(max_length=5000)


@router.post(
    "/allocation/meetings/{int:meeting_id}/cancel",
    response=AllocationMeetingOut,
    summary="Cancel an open meeting with a reason (its undecided dwellings are freed)",
)
def meeting_cancel(request: HttpRequest, meeting_id: int, payload: MeetingCancelIn):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    meeting = _meeting_get(actor, meeting_id)
    require_role(actor, *access.MEETING_ROLES)
    meetings.meeting_cancel(actor=actor, meeting=meeting, reason=payload.reason)
    return _meeting_out(_meeting_get(actor, meeting_id))


@router.post(
    "/allocation/meetings/{int:meeting_id}/proposals",
    response={201: ProposalOut},
    summary="Solve the meeting's match (422 explains an empty or impossible case)",
)
def proposal_create(request: HttpRequest, meeting_id: int):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    meeting = _meeting_get(actor, meeting_id)
    return Status(201, meetings.proposal_make(actor=actor, meeting=meeting))


@router.get(
    "/allocation/meetings/{int:meeting_id}/proposals/{int:proposal_id}",
    response=ProposalOut,
    summary="Read a proposal with its proof and comparison",
)
def proposal_read(request: HttpRequest, meeting_id: int, proposal_id: int) -> Proposal:
    actor = require_role(request.auth, *access.READ_ROLES)
    proposal = _meeting_get(actor, meeting_id).proposals.filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404
    return proposal


@router.post(
    "/allocation/meetings/{int:meeting_id}/constraints",
    response={201: ConstraintOut},
    summary="Lock a household to a dwelling or forbid the pair",
)
def constraint_create(request: HttpRequest, meeting_id: int, payload: ConstraintIn):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    meeting = _meeting_get(actor, meeting_id)
    require_role(actor, *access.MEETING_ROLES)
    application = get_for_actor(Application.objects.all(), actor, pk=payload.application_id)
    dwelling = get_for_actor(Dwelling.objects.all(), actor, pk=payload.dwelling_id)
    try:
        constraint = meetings.pair_constraint_add(
            actor=actor,
            meeting=meeting,
            kind=payload.kind,
            application=application,
            dwelling=dwelling,
        )
    except ValidationError as exc:
        raise _at_field(exc, _pair_error_fields()) from exc
    return Status(201, constraint)


@router.delete(
    "/allocation/meetings/{int:meeting_id}/constraints/{int:constraint_id}",
    response={204: None},
    summary="Remove a lock or ban (it is kept, marked removed)",
)
def constraint_delete(request: HttpRequest, meeting_id: int, constraint_id: int):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    meeting = _meeting_get(actor, meeting_id)
    constraint = (
        PairConstraint.objects.select_related("meeting", "application")
        .filter(meeting=meeting, pk=constraint_id, removed_at__isnull=True)
        .first()
    )
    if constraint is None:
        raise Http404
    meetings.pair_constraint_remove(actor=actor, constraint=constraint)
    return Status(204, None)


# Offers -------------------------------------------------------------------------------


class OfferOut(Schema):
    id: int
    status: OfferStatus
    meeting_id: int | None
    dwelling_id: int
    dwelling: str
    application_id: int
    application_number: str
    applicant_name: str
    offered_on: datetime.date
    deadline: datetime.date
    answered_on: datetime.date | None
    late_answer_reason: str = Field(description="Why an answer after the deadline was taken")
    decline_reason: str | None = Field(description="Code of the reason for declining")
    note: str
    lease_id: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_dwelling(obj: Offer) -> str:
        return str(obj.dwelling)

    @staticmethod
    def resolve_application_number(obj: Offer) -> str:
        return obj.application.number

    @staticmethod
    def resolve_applicant_name(obj: Offer) -> str:
        return f"{obj.application.applicant.first_name} {obj.application.applicant.last_name}"

    @staticmethod
    def resolve_decline_reason(obj: Offer) -> str | None:
        return obj.decline_reason.code if obj.decline_reason else None


LATE_ANSWER_REASON_DESCRIPTION = (
    "Required when answered_on is after the offer's deadline; answered_on lies between "
    "offered_on and today"
)


class AcceptIn(InputSchema):
    answered_on: datetime.date
    lease_start: datetime.date = Field(description="On or after answered_on")
    six_month_clause: bool = False
    three_party_agreement: bool = False
    late_answer_reason: str = Field("", max_length=1000, description=LATE_ANSWER_REASON_DESCRIPTION)


class DeclineIn(InputSchema):
    answered_on: datetime.date
    late_answer_reason: str = Field("", max_length=1000, description=LATE_ANSWER_REASON_DESCRIPTION)
    reason: str | None = Field(
        None, description="Code of a reason, see /allocation/decline-reasons"
    )
    note: str = Field("", max_length=5000)


class WithdrawIn(InputSchema):
    note: str = Field("", max_length=5000)


class DeclineReasonOut(Schema):
    code: str
    label: str
    unreasonable: bool = Field(description="Counts towards closing the case")


def _offers() -> Any:
    return Offer.objects.select_related(
        "dwelling", "application__applicant", "decline_reason", "meeting__rule_set"
    )


def _offer_get(actor: Actor, offer_id: int) -> Offer:
    return get_for_actor(_offers(), actor, pk=offer_id)


def _decline_reason(actor: Actor, code: str | None) -> DeclineReason | None:
    if code is None:
        return None
    rules.decline_reasons_ensure(municipality=actor.municipality)
    reason = DeclineReason.objects.filter(
        municipality=actor.municipality, is_active=True, code=code
    ).first()
    if reason is None:
        raise ValidationError({"reason": f"Unknown decline reason: {code}"})
    return reason


def _renamed(exc: ValidationError, names: Mapping[str, str]) -> ValidationError:
    """The service's field under the name the body gives it."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(f, f): errors for f, errors in exc.error_dict.items()})


@router.post(
    "/allocation/meetings/{int:meeting_id}/items/{int:item_id}/offer",
    response={201: OfferOut},
    summary="The meeting's decision: offer the dwelling to a household",
)
def item_offer_create(  # noqa: ANN201
    request: HttpRequest, meeting_id: int, item_id: int, payload: ItemOfferIn
):
    actor = require_role(request.auth, *access.READ_ROLES)
    item = _item_get(_meeting_get(actor, meeting_id), item_id)
    require_role(actor, *access.MEETING_ROLES)
    application = get_for_actor(Application.objects.all(), actor, pk=payload.application_id)
    try:
        offer = meetings.item_offer(
            actor=actor,
            item=item,
            application=application,
            offered_on=payload.offered_on or timezone.localdate(),
        )
    except ValidationError as exc:
        raise _at_field(exc, OFFER_ERROR_FIELDS) from exc
    return Status(201, _offer_get(actor, offer.pk))


@router.get("/allocation/offers", response=list[OfferOut], summary="List offers")
@paginate(AuditedPageNumberPagination, page_size=25)
def offer_list(request: HttpRequest, status: OfferStatus | None = None):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    qs = _offers().filter(municipality=actor.municipality)
    # As on the page: one status by deadline (what to chase first), all by newest.
    if status:
        return qs.filter(status=status).order_by("deadline", "pk")
    return qs.order_by("-created_at", "-pk")


@router.get("/allocation/offers/{int:offer_id}", response=OfferOut, summary="Read an offer")
def offer_read(request: HttpRequest, offer_id: int) -> Offer:
    actor = require_role(request.auth, *access.READ_ROLES)
    offer = _offer_get(actor, offer_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=offer)
    return offer


@router.post(
    "/allocation/offers/{int:offer_id}/accept",
    response=OfferOut,
    summary="Accept (a lease is drafted in the dwelling register)",
)
def offer_accept(request: HttpRequest, offer_id: int, payload: AcceptIn) -> Offer:
    actor = require_role(request.auth, *access.READ_ROLES)
    offer = _offer_get(actor, offer_id)
    require_role(actor, *access.OFFER_ROLES)
    try:
        offers.offer_accept(actor=actor, offer=offer, **payload.dict())
    except ValidationError as exc:
        raise _renamed(exc, {"start": "lease_start"}) from exc
    return _offer_get(actor, offer_id)


@router.post(
    "/allocation/offers/{int:offer_id}/decline",
    response=OfferOut,
    summary="Decline with a coded reason (the household is back on the list)",
)
def offer_decline(request: HttpRequest, offer_id: int, payload: DeclineIn) -> Offer:
    actor = require_role(request.auth, *access.READ_ROLES)
    offer = _offer_get(actor, offer_id)
    require_role(actor, *access.OFFER_ROLES)
    offers.offer_decline(
        actor=actor,
        offer=offer,
        answered_on=payload.answered_on,
        reason=_decline_reason(actor, payload.reason),
        note=payload.note,
        late_answer_reason=payload.late_answer_reason,
    )
    return _offer_get(actor, offer_id)


@router.post(
    "/allocation/offers/{int:offer_id}/withdraw", response=OfferOut, summary="Withdraw an offer"
)
def offer_withdraw(request: HttpRequest, offer_id: int, payload: WithdrawIn | None = None) -> Offer:
    actor = require_role(request.auth, *access.READ_ROLES)
    offer = _offer_get(actor, offer_id)
    offers.offer_withdraw(actor=actor, offer=offer, note=payload.note if payload else "")
    return _offer_get(actor, offer_id)


@router.get(
    "/allocation/decline-reasons",
    response=list[DeclineReasonOut],
    summary="The coded reasons an offer can be declined for",
)
def decline_reason_list(request: HttpRequest) -> list[DeclineReason]:
    actor = require_role(request.auth, *access.READ_ROLES)
    rules.decline_reasons_ensure(municipality=actor.municipality)
    return list(DeclineReason.objects.filter(municipality=actor.municipality, is_active=True))


# The waiting list ---------------------------------------------------------------------


class PointPartOut(Schema):
    part: str
    points: int
    quantity: str = Field(description="The situation, months waited, target group, …")


class WaitingOut(Schema):
    rank: int
    application_id: int
    number: str
    name: str
    points: int
    parts: list[PointPartOut]


@router.get(
    "/allocation/waiting-list",
    response=list[WaitingOut],
    summary="Households waiting, ranked by the rule set valid today (empty without one)",
)
@paginate(
    AuditedPageNumberPagination,
    page_size=25,
    label="cases.application",
    name="waiting list",
    id_key="application_id",
)
def waiting_list(request: HttpRequest, q: str = ""):  # noqa: ANN201
    actor = require_role(request.auth, *access.READ_ROLES)
    today = timezone.localdate()
    rule_set = rules.rule_set_for(actor.municipality, today)
    if rule_set is None:
        return []
    found, shown = selectors.candidates(actor.municipality, today)
    query = q.strip().casefold()
    rows = []
    for ranked in domain.rank(found, rules.priority_rules(rule_set), today):
        household = shown[ranked.candidate.id]
        if query and query not in household.name.casefold() and query not in household.number:
            continue
        rows.append(
            {
                "rank": ranked.rank,
                "application_id": household.application_id,
                "number": household.number,
                "name": household.name,
                "points": ranked.priority.total,
                "parts": [
                    {"part": str(part.part), "points": part.points, "quantity": str(part.quantity)}
                    for part in ranked.priority.parts
                ],
            }
        )
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=rule_set,
        changes={"waiting_list": [None, len(rows)]},
    )
    return rows
