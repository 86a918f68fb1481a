"""API of the follow-up module's houses part: resident meetings (list, read,
create, with their attendance and agreed actions) and house rules (list, add).
The same services, selectors, permission checks and audit as the pages: minutes
and attendance are about people, so every read is audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.cases.models import Person
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import Actor, require_role
from boligtorg.followup import selectors_houses as selectors
from boligtorg.followup.models import AgreedAction, HouseRule, HouseRuleSource, ResidentMeeting
from boligtorg.followup.services import houses as services

router = Router(tags=["follow-up"])

ERROR_UNKNOWN_PEOPLE = _("No resident with id %(ids)s is registered in this municipality.")
ERROR_UNKNOWN_STAFF = _("No staff member with id %(ids)s works in this municipality.")


class ActionIn(InputSchema):
    text: str = Field(min_length=1, max_length=300)
    responsible: str = Field(min_length=1, max_length=200)
    due_on: datetime.date | None = None


class ActionOut(Schema):
    id: int
    text: str
    responsible: str
    due_on: datetime.date | None
    done_on: datetime.date | None


class ResidentMeetingIn(InputSchema):
    held_on: datetime.date
    topics: str = Field(min_length=1, max_length=2000)
    minutes: str = Field("", max_length=10000)
    attendee_ids: list[int] = Field(default_factory=list, description="Residents present")
    staff_ids: list[int] = Field(default_factory=list, description="Staff present")
    actions: list[ActionIn] = Field(default_factory=list, description="What was agreed")


class MeetingAttendeeOut(Schema):
    id: int
    first_name: str
    last_name: str


class ResidentMeetingOut(Schema):
    id: int
    shared_house_id: int
    held_on: datetime.date
    topics: str
    minutes: str
    attendees: list[MeetingAttendeeOut]
    staff_ids: list[int]
    actions: list[ActionOut]

    @staticmethod
    def resolve_attendees(obj: ResidentMeeting) -> list[Person]:
        return list(obj.attendees.all())

    @staticmethod
    def resolve_staff_ids(obj: ResidentMeeting) -> list[int]:
        return [user.pk for user in obj.staff_present.all()]

    @staticmethod
    def resolve_actions(obj: ResidentMeeting) -> list[AgreedAction]:
        return list(obj.actions.all())


class RuleIn(InputSchema):
    text: str = Field(min_length=1, max_length=1000)
    source: HouseRuleSource
    adopted_on: datetime.date
    position: int | None = Field(None, ge=1, le=999)


class RuleOut(Schema):
    id: int
    position: int
    source: str
    text: str
    adopted_on: datetime.date
    retired_on: datetime.date | None


def _own(
    actor: Actor, model: type[Person] | type[User], ids: list[int], field: str, message: str
) -> list:  # noqa: ANN401
    """The objects of ``ids`` in the actor's municipality; 422 naming the field for
    any that are not (another municipality's look the same as missing ones)."""
    if model is Person:
        found = {
            p.pk: p for p in Person.objects.filter(municipality=actor.municipality, pk__in=ids)
        }
    else:
        found = {u.pk: u for u in selectors.staff_choices(actor=actor).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError({field: ValidationError(message, params={"ids": ", ".join(missing)})})
    return [found[pk] for pk in dict.fromkeys(ids)]


@router.get(
    "/shared-houses/{int:house_id}/resident-meetings",
    response=list[ResidentMeetingOut],
    summary="Resident meetings of a shared house",
)
@paginate(AuditedPageNumberPagination, page_size=25)
def meeting_list(request: HttpRequest, house_id: int):  # noqa: ANN201
    actor = request.auth
    house = selectors.house_get(actor=actor, house_id=house_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=house)
    return selectors.meeting_list(actor=actor, house=house)


@router.get(
    "/resident-meetings/{int:meeting_id}",
    response=ResidentMeetingOut,
    summary="Read a resident meeting",
)
def meeting_read(request: HttpRequest, meeting_id: int) -> ResidentMeeting:
    meeting = selectors.meeting_get(actor=request.auth, meeting_id=meeting_id)
    audit_record(actor=request.auth, action=AuditAction.VIEW, obj=meeting)
    return meeting


@router.post(
    "/shared-houses/{int:house_id}/resident-meetings",
    response={201: ResidentMeetingOut},
    summary="Record a resident meeting",
)
def meeting_create(request: HttpRequest, house_id: int, payload: ResidentMeetingIn):  # noqa: ANN201
    actor = require_role(request.auth, *selectors.WRITE_ROLES)
    house = selectors.house_get(actor=actor, house_id=house_id)
    attendees = _own(actor, Person, payload.attendee_ids, "attendee_ids", ERROR_UNKNOWN_PEOPLE)
    staff = _own(actor, User, payload.staff_ids, "staff_ids", ERROR_UNKNOWN_STAFF)
    with transaction.atomic():
        meeting = services.resident_meeting_create(
            actor=actor,
            house=house,
            held_on=payload.held_on,
            topics=payload.topics,
            minutes=payload.minutes,
            attendees=attendees,
            staff_present=staff,
        )
        for action in payload.actions:
            services.agreed_action_add(actor=actor, meeting=meeting, **action.dict())
    return Status(201, selectors.meeting_get(actor=actor, meeting_id=meeting.pk))


@router.get(
    "/shared-houses/{int:house_id}/house-rules",
    response=list[RuleOut],
    summary="House rules of a shared house, in order",
)
def rule_list(request: HttpRequest, house_id: int, include_retired: bool = False) -> list:  # noqa: ANN401
    house = selectors.house_get(actor=request.auth, house_id=house_id)
    return list(
        selectors.house_rule_list(actor=request.auth, house=house, include_retired=include_retired)
    )


@router.post(
    "/shared-houses/{int:house_id}/house-rules",
    response={201: RuleOut},
    summary="Add a house rule",
)
def rule_create(request: HttpRequest, house_id: int, payload: RuleIn):  # noqa: ANN201
    actor = require_role(request.auth, *selectors.WRITE_ROLES)
    house = selectors.house_get(actor=actor, house_id=house_id)
    rule: HouseRule = services.house_rule_add(actor=actor, house=house, **payload.dict())
    return Status(201, rule)
