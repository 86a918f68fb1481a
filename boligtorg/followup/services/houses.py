"""Writes of shared-house life (seed 000): the contact person and the resident
representative (each from one day to another, a successor ends the predecessor's
period), the meeting cadence, resident meetings and their agreed actions, house
rules and dugnad tasks.

Each service checks the role (``selectors_houses.WRITE_ROLES``) and the
municipality, validates with the field named, writes in one transaction and
records an audit event. Error messages are the ``ERROR_`` constants; tests assert
them verbatim.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Person
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import resident_meetings as cadence
from boligtorg.housing.models import SharedHouse

from ..models import (
    AgreedAction,
    DugnadTask,
    HouseContact,
    HouseMeetingPlan,
    HouseRepresentative,
    HouseRule,
    HouseRuleSource,
    RepresentativeBasis,
    ResidentMeeting,
)
from ..selectors_houses import WRITE_ROLES, residents_on, staff_choices

ERROR_NOT_STAFF = _("Choose a staff member of the municipality (follow-up, housing office).")
ERROR_ALREADY_CONTACT = _("%(name)s is already the house's contact person.")
ERROR_ALREADY_REPRESENTATIVE = _("%(name)s is already the residents' representative.")
ERROR_NOT_AFTER_CURRENT = _(
    "The current period started on %(day)s; the new one must start after that day."
)
ERROR_ALREADY_ENDED = _("This period has already ended.")
ERROR_END_BEFORE_START = _("The last day cannot be before the first day (%(day)s).")
ERROR_NOT_RESIDENT = _("%(name)s did not live in the house on %(day)s.")
ERROR_INTERVAL = _("Give a number of months from %(min)s to %(max)s.")
ERROR_MEETING_IN_FUTURE = _("Record a meeting on or after the day it was held.")
ERROR_MEETING_SAME_DAY = _("The house already has a resident meeting recorded on this day.")
ERROR_TOPICS_REQUIRED = _("Write what the meeting talked about.")
ERROR_TEXT_REQUIRED = _("Write what was agreed.")
ERROR_RESPONSIBLE_REQUIRED = _("Name who is responsible.")
ERROR_DUE_BEFORE_MEETING = _("The due date cannot be before the meeting (%(day)s).")
ERROR_DONE_BEFORE_MEETING = _("It cannot be done before the meeting (%(day)s).")
ERROR_DONE_IN_FUTURE = _("The day it was done cannot be in the future.")
ERROR_RULE_REQUIRED = _("Write the rule.")
ERROR_RULE_RETIRED = _("This rule is retired; add a new rule instead.")
ERROR_RETIRED_BEFORE_ADOPTED = _("A rule cannot be retired before it was adopted (%(day)s).")
ERROR_POSITION = _("The number must be from 1 to 999.")
ERROR_TASK_REQUIRED = _("Write the task.")

MAX_POSITION = 999


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _check(actor: Actor, *objects: Model | None) -> Actor:
    """The actor may write, and every object is of its municipality (another
    municipality's objects answer as if they did not exist)."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, *objects)
    return actor


def _raise(errors: dict[str, list[Any]]) -> None:
    found = {name: messages for name, messages in errors.items() if messages}
    if found:
        raise ValidationError(found)


def _not_residents(house: SharedHouse, people: Iterable[Person], day: datetime.date) -> list[Any]:
    living = set(residents_on(house, day).values_list("pk", flat=True))
    return [
        ValidationError(ERROR_NOT_RESIDENT, params={"name": person, "day": _day(day)})
        for person in people
        if person.pk not in living
    ]


# Contact person and representative ---------------------------------------------


def _start_period(
    model: type[HouseContact] | type[HouseRepresentative],
    *,
    actor: Actor,
    house: SharedHouse,
    field: str,
    holder: Model,
    from_date: datetime.date,
    already: Any,
) -> None:
    """Lock the house's current holder; refuse the same holder or a start on or
    before the current one's; end the current period the day before (audited)."""
    current = model.objects.select_for_update().filter(shared_house=house, to_date=None).first()
    if current is not None:
        if getattr(current, f"{field}_id") == holder.pk:
            raise ValidationError({field: ValidationError(already, params={"name": holder})})
        if from_date <= current.from_date:
            raise ValidationError(
                {
                    "from_date": ValidationError(
                        ERROR_NOT_AFTER_CURRENT, params={"day": _day(current.from_date)}
                    )
                }
            )
        current.to_date = from_date - datetime.timedelta(days=1)
        current.save(update_fields=["to_date"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"to_date": [None, current.to_date.isoformat()]},
        )


def house_contact_set(
    *, actor: Actor, house: SharedHouse, user: User, from_date: datetime.date
) -> HouseContact:
    """Make ``user`` the house's contact person from ``from_date``; the current one's
    period ends the day before."""
    _check(actor, house)
    if not staff_choices(actor=actor).filter(pk=user.pk).exists():
        raise ValidationError({"user": ERROR_NOT_STAFF})
    with transaction.atomic():
        SharedHouse.objects.select_for_update().get(pk=house.pk)
        _start_period(
            HouseContact,
            actor=actor,
            house=house,
            field="user",
            holder=user,
            from_date=from_date,
            already=ERROR_ALREADY_CONTACT,
        )
        contact = HouseContact.objects.create(
            municipality=house.municipality,
            shared_house=house,
            user=user,
            from_date=from_date,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=contact,
            changes={"user": [None, user.pk], "from_date": [None, from_date.isoformat()]},
        )
    return contact


def house_representative_set(
    *,
    actor: Actor,
    house: SharedHouse,
    person: Person,
    basis: str,
    from_date: datetime.date,
) -> HouseRepresentative:
    """Make a resident the residents' representative from ``from_date``, appointed
    (at the start) or elected; the current one's period ends the day before."""
    _check(actor, house, person)
    if basis not in RepresentativeBasis.values:
        raise ValidationError({"basis": _("Choose appointed or elected.")})
    _raise({"person": _not_residents(house, [person], from_date)})
    with transaction.atomic():
        SharedHouse.objects.select_for_update().get(pk=house.pk)
        _start_period(
            HouseRepresentative,
            actor=actor,
            house=house,
            field="person",
            holder=person,
            from_date=from_date,
            already=ERROR_ALREADY_REPRESENTATIVE,
        )
        representative = HouseRepresentative.objects.create(
            municipality=house.municipality,
            shared_house=house,
            person=person,
            basis=basis,
            from_date=from_date,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=representative,
            changes={
                "person": [None, person.pk],
                "basis": [None, basis],
                "from_date": [None, from_date.isoformat()],
            },
        )
    return representative


def _period_end(
    actor: Actor, period: HouseContact | HouseRepresentative, to_date: datetime.date
) -> Any:
    _check(actor, period)
    with transaction.atomic():
        current = type(period).objects.select_for_update().get(pk=period.pk)
        if current.to_date is not None:
            raise ValidationError({"to_date": ERROR_ALREADY_ENDED})
        if to_date < current.from_date:
            raise ValidationError(
                {
                    "to_date": ValidationError(
                        ERROR_END_BEFORE_START, params={"day": _day(current.from_date)}
                    )
                }
            )
        current.to_date = to_date
        current.save(update_fields=["to_date"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"to_date": [None, to_date.isoformat()]},
        )
    return current


def house_contact_end(
    *, actor: Actor, contact: HouseContact, to_date: datetime.date
) -> HouseContact:
    """End the contact person's period on ``to_date`` without a successor."""
    ended: HouseContact = _period_end(actor, contact, to_date)
    return ended


def house_representative_end(
    *, actor: Actor, representative: HouseRepresentative, to_date: datetime.date
) -> HouseRepresentative:
    """End the representative's period (moved out, stepped down) on ``to_date``."""
    ended: HouseRepresentative = _period_end(actor, representative, to_date)
    return ended


def house_meeting_plan_save(
    *,
    actor: Actor,
    house: SharedHouse,
    later_interval_months: int,
    decided_on: datetime.date | None = None,
) -> HouseMeetingPlan:
    """How often the house meets after its first six months, as it decided."""
    _check(actor, house)
    if not cadence.MIN_LATER_MONTHS <= later_interval_months <= cadence.MAX_LATER_MONTHS:
        raise ValidationError(
            {
                "later_interval_months": ValidationError(
                    ERROR_INTERVAL,
                    params={"min": cadence.MIN_LATER_MONTHS, "max": cadence.MAX_LATER_MONTHS},
                )
            }
        )
    with transaction.atomic():
        plan, created = HouseMeetingPlan.objects.select_for_update().get_or_create(
            shared_house=house, defaults={"municipality": house.municipality}
        )
        before = {
            "later_interval_months": None if created else plan.later_interval_months,
            "decided_on": None if created or not plan.decided_on else plan.decided_on.isoformat(),
        }
        plan.later_interval_months = later_interval_months
        plan.decided_on = decided_on
        plan.updated_by = actor.user
        plan.updated_at = timezone.now()
        plan.save()
        after = {
            "later_interval_months": later_interval_months,
            "decided_on": decided_on.isoformat() if decided_on else None,
        }
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=plan,
            changes=changed_fields(before, after),
        )
    return plan


# Resident meetings and agreed actions --------------------------------------------


def _meeting_snapshot(meeting: ResidentMeeting) -> dict[str, Any]:
    return {
        "held_on": meeting.held_on.isoformat(),
        "topics": meeting.topics,
        "minutes": meeting.minutes,
        "attendees": sorted(meeting.attendees.values_list("pk", flat=True)),
        "staff_present": sorted(meeting.staff_present.values_list("pk", flat=True)),
    }


def _check_meeting(
    actor: Actor,
    house: SharedHouse,
    *,
    held_on: datetime.date,
    topics: str,
    attendees: list[Person],
    staff_present: list[User],
    exclude_pk: int | None = None,
) -> None:
    _check(actor, house, *attendees)
    staff = set(staff_choices(actor=actor).values_list("pk", flat=True))
    same_day = ResidentMeeting.objects.filter(shared_house=house, held_on=held_on).exclude(
        pk=exclude_pk
    )
    _raise(
        {
            "held_on": [ERROR_MEETING_IN_FUTURE] * (held_on > timezone.localdate())
            + [ERROR_MEETING_SAME_DAY] * same_day.exists(),
            "topics": [ERROR_TOPICS_REQUIRED] * (not topics.strip()),
            "attendees": _not_residents(house, attendees, held_on),
            "staff_present": [ERROR_NOT_STAFF] * any(u.pk not in staff for u in staff_present),
        }
    )


def resident_meeting_create(
    *,
    actor: Actor,
    house: SharedHouse,
    held_on: datetime.date,
    topics: str,
    minutes: str = "",
    attendees: Iterable[Person] = (),
    staff_present: Iterable[User] = (),
) -> ResidentMeeting:
    """Record a meeting that was held: who came (residents living there that day,
    staff of the municipality), the topics and the minutes."""
    attendees, staff_present = list(attendees), list(staff_present)
    _check_meeting(
        actor,
        house,
        held_on=held_on,
        topics=topics,
        attendees=attendees,
        staff_present=staff_present,
    )
    with transaction.atomic():
        SharedHouse.objects.select_for_update().get(pk=house.pk)
        meeting = ResidentMeeting.objects.create(
            municipality=house.municipality,
            shared_house=house,
            held_on=held_on,
            topics=topics.strip(),
            minutes=minutes.strip(),
            created_by=actor.user,
        )
        meeting.attendees.set(attendees)
        meeting.staff_present.set(staff_present)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=meeting,
            changes=changed_fields({}, _meeting_snapshot(meeting)),
        )
    return meeting


def resident_meeting_update(
    *,
    actor: Actor,
    meeting: ResidentMeeting,
    held_on: datetime.date,
    topics: str,
    minutes: str = "",
    attendees: Iterable[Person] = (),
    staff_present: Iterable[User] = (),
) -> ResidentMeeting:
    attendees, staff_present = list(attendees), list(staff_present)
    _check(actor, meeting)
    _check_meeting(
        actor,
        meeting.shared_house,
        held_on=held_on,
        topics=topics,
        attendees=attendees,
        staff_present=staff_present,
        exclude_pk=meeting.pk,
    )
    with transaction.atomic():
        current = ResidentMeeting.objects.select_for_update().get(pk=meeting.pk)
        before = _meeting_snapshot(current)
        current.held_on = held_on
        current.topics = topics.strip()
        current.minutes = minutes.strip()
        current.save(update_fields=["held_on", "topics", "minutes"])
        current.attendees.set(attendees)
        current.staff_present.set(staff_present)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, _meeting_snapshot(current)),
        )
    return current


def _action_snapshot(action: AgreedAction) -> dict[str, Any]:
    return {
        "text": action.text,
        "responsible": action.responsible,
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "done_on": action.done_on.isoformat() if action.done_on else None,
    }


def _check_action(
    meeting: ResidentMeeting,
    *,
    text: str,
    responsible: str,
    due_on: datetime.date | None,
    done_on: datetime.date | None,
) -> None:
    held = {"day": _day(meeting.held_on)}
    _raise(
        {
            "text": [ERROR_TEXT_REQUIRED] * (not text.strip()),
            "responsible": [ERROR_RESPONSIBLE_REQUIRED] * (not responsible.strip()),
            "due_on": [ValidationError(ERROR_DUE_BEFORE_MEETING, params=held)]
            * bool(due_on and due_on < meeting.held_on),
            "done_on": [ValidationError(ERROR_DONE_BEFORE_MEETING, params=held)]
            * bool(done_on and done_on < meeting.held_on)
            + [ERROR_DONE_IN_FUTURE] * bool(done_on and done_on > timezone.localdate()),
        }
    )


def agreed_action_add(
    *,
    actor: Actor,
    meeting: ResidentMeeting,
    text: str,
    responsible: str,
    due_on: datetime.date | None = None,
) -> AgreedAction:
    """Record what the meeting agreed, who is responsible and by when."""
    _check(actor, meeting)
    _check_action(meeting, text=text, responsible=responsible, due_on=due_on, done_on=None)
    with transaction.atomic():
        action = AgreedAction.objects.create(
            municipality=meeting.municipality,
            meeting=meeting,
            text=text.strip(),
            responsible=responsible.strip(),
            due_on=due_on,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=action,
            changes=changed_fields({}, _action_snapshot(action)),
        )
    return action


def agreed_action_update(
    *,
    actor: Actor,
    action: AgreedAction,
    text: str,
    responsible: str,
    due_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
) -> AgreedAction:
    """Change an agreed action; a ``done_on`` marks it done (None: not done)."""
    _check(actor, action)
    _check_action(
        action.meeting, text=text, responsible=responsible, due_on=due_on, done_on=done_on
    )
    with transaction.atomic():
        current = AgreedAction.objects.select_for_update().get(pk=action.pk)
        before = _action_snapshot(current)
        current.text, current.responsible = text.strip(), responsible.strip()
        current.due_on, current.done_on = due_on, done_on
        current.save(update_fields=["text", "responsible", "due_on", "done_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, _action_snapshot(current)),
        )
    return current


def agreed_action_remove(*, actor: Actor, action: AgreedAction) -> None:
    """Remove an action recorded by mistake (the audit log keeps what it said)."""
    _check(actor, action)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=action,
            changes=changed_fields(_action_snapshot(action), {}),
        )
        action.delete()


# House rules ---------------------------------------------------------------------


def _rule_snapshot(rule: HouseRule) -> dict[str, Any]:
    return {
        "position": rule.position,
        "source": rule.source,
        "text": rule.text,
        "adopted_on": rule.adopted_on.isoformat(),
        "retired_on": rule.retired_on.isoformat() if rule.retired_on else None,
    }


def _check_rule(*, text: str, source: str, position: int | None) -> None:
    _raise(
        {
            "text": [ERROR_RULE_REQUIRED] * (not text.strip()),
            "source": [_("Choose where the rule comes from.")]
            * (source not in HouseRuleSource.values),
            "position": [ERROR_POSITION]
            * (position is not None and not 1 <= position <= MAX_POSITION),
        }
    )


def house_rule_add(
    *,
    actor: Actor,
    house: SharedHouse,
    text: str,
    source: str,
    adopted_on: datetime.date,
    position: int | None = None,
) -> HouseRule:
    """Add a rule, municipal or the residents' own; without a number it goes last."""
    _check(actor, house)
    _check_rule(text=text, source=source, position=position)
    with transaction.atomic():
        SharedHouse.objects.select_for_update().get(pk=house.pk)
        if position is None:
            highest = HouseRule.objects.filter(
                shared_house=house, retired_on__isnull=True
            ).aggregate(top=Max("position"))["top"]
            position = min((highest or 0) + 1, MAX_POSITION)
        rule = HouseRule.objects.create(
            municipality=house.municipality,
            shared_house=house,
            position=position,
            source=source,
            text=text.strip(),
            adopted_on=adopted_on,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=rule,
            changes=changed_fields({}, _rule_snapshot(rule)),
        )
    return rule


def house_rule_update(
    *,
    actor: Actor,
    rule: HouseRule,
    text: str,
    source: str,
    adopted_on: datetime.date,
    position: int | None = None,
) -> HouseRule:
    """Correct a rule's wording, source, number or adoption day (audited). A rule
    the house replaced is retired instead, so its history stays."""
    _check(actor, rule)
    _check_rule(text=text, source=source, position=position)
    with transaction.atomic():
        current = HouseRule.objects.select_for_update().get(pk=rule.pk)
        if current.retired_on is not None:
            raise ValidationError(ERROR_RULE_RETIRED)
        before = _rule_snapshot(current)
        current.text, current.source, current.adopted_on = text.strip(), source, adopted_on
        if position is not None:
            current.position = position
        current.save(update_fields=["text", "source", "adopted_on", "position"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, _rule_snapshot(current)),
        )
    return current


def house_rule_retire(*, actor: Actor, rule: HouseRule, retired_on: datetime.date) -> HouseRule:
    """Retire a rule from ``retired_on``; it stays in the house's history."""
    _check(actor, rule)
    with transaction.atomic():
        current = HouseRule.objects.select_for_update().get(pk=rule.pk)
        if current.retired_on is not None:
            raise ValidationError({"retired_on": ERROR_RULE_RETIRED})
        if retired_on < current.adopted_on:
            raise ValidationError(
                {
                    "retired_on": ValidationError(
                        ERROR_RETIRED_BEFORE_ADOPTED, params={"day": _day(current.adopted_on)}
                    )
                }
            )
        current.retired_on = retired_on
        current.save(update_fields=["retired_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"retired_on": [None, retired_on.isoformat()]},
        )
    return current


# Dugnad --------------------------------------------------------------------------


def _task_snapshot(task: DugnadTask) -> dict[str, Any]:
    return {
        "task": task.task,
        "day": task.day.isoformat(),
        "done": task.done,
        "assigned": sorted(task.assigned.values_list("pk", flat=True)),
    }


def _check_task(
    actor: Actor, house: SharedHouse, *, task: str, day: datetime.date, assigned: list[Person]
) -> None:
    _check(actor, house, *assigned)
    _raise(
        {
            "task": [ERROR_TASK_REQUIRED] * (not task.strip()),
            "assigned": _not_residents(house, assigned, day),
        }
    )


def dugnad_task_add(
    *,
    actor: Actor,
    house: SharedHouse,
    task: str,
    day: datetime.date,
    assigned: Iterable[Person] = (),
) -> DugnadTask:
    """Put a task on the house's dugnad list, for the residents who do it."""
    assigned = list(assigned)
    _check_task(actor, house, task=task, day=day, assigned=assigned)
    with transaction.atomic():
        made = DugnadTask.objects.create(
            municipality=house.municipality,
            shared_house=house,
            task=task.strip(),
            day=day,
            created_by=actor.user,
        )
        made.assigned.set(assigned)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=made,
            changes=changed_fields({}, _task_snapshot(made)),
        )
    return made


def dugnad_task_update(
    *,
    actor: Actor,
    task: DugnadTask,
    name: str,
    day: datetime.date,
    assigned: Iterable[Person] = (),
    done: bool = False,
) -> DugnadTask:
    assigned = list(assigned)
    _check(actor, task)
    _check_task(actor, task.shared_house, task=name, day=day, assigned=assigned)
    with transaction.atomic():
        current = DugnadTask.objects.select_for_update().get(pk=task.pk)
        before = _task_snapshot(current)
        current.task, current.day, current.done = name.strip(), day, done
        current.save(update_fields=["task", "day", "done"])
        current.assigned.set(assigned)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, _task_snapshot(current)),
        )
    return current


def dugnad_task_set_done(*, actor: Actor, task: DugnadTask, done: bool) -> DugnadTask:
    """Tick a task done, or undo the tick."""
    _check(actor, task)
    with transaction.atomic():
        current = DugnadTask.objects.select_for_update().get(pk=task.pk)
        if current.done != done:
            current.done = done
            current.save(update_fields=["done"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=current,
                changes={"done": [not done, done]},
            )
    return current


def dugnad_task_remove(*, actor: Actor, task: DugnadTask) -> None:
    """Take a task off the list (the audit log keeps what it was)."""
    _check(actor, task)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=task,
            changes=changed_fields(_task_snapshot(task), {}),
        )
        task.delete()
