"""Writes of follow-up plans, goals, reviews and visits. Each checks that the actor
is on the case team, validates, writes in one transaction, and records an audit
event and a line on the case's timeline.

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.access import is_team_member
from boligtorg.cases.events import case_event
from boligtorg.cases.models import Application
from boligtorg.cases.selectors_team import colleague_list
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Lease

from ..access import hidden_goal_areas
from ..models import FollowUpPlan, Goal, GoalReview, GoalStatus, Progress, Visit, VisitStatus

ERROR_PLAN_EXISTS = _("This case already has a follow-up plan.")
ERROR_START_BEFORE_CASE = _("The plan cannot start before the application was received.")
ERROR_FAR_FUTURE = _("Give a date within the next year.")
ERROR_LEASE_NOT_HOUSEHOLD = _("Choose a lease of this household.")
ERROR_BEFORE_PLAN = _("The date cannot be before the plan started (%(date)s).")
ERROR_REVIEW_IN_FUTURE = _("A review is recorded when it has been held: not after today.")
ERROR_NEXT_REVIEW_REQUIRED = _("Give the date of the next review while the goal is open.")
ERROR_NEXT_AFTER_REVIEW = _("The next review must come after this one.")
ERROR_NOT_IN_TEAM = _("Choose someone on the case team.")
ERROR_AREA_HIDDEN = _("Goals about health need the applicant's consent to health information.")
ERROR_DESCRIPTION_REQUIRED = _("Describe the goal.")
ERROR_SERVICE_REQUIRED = _("Name the service responsible.")
ERROR_VISIT_NOT_HELD_YET = _("A visit that has not taken place yet can only be cancelled.")
ERROR_VISIT_RECORDED = _("This visit is already recorded.")
ERROR_WORKER_NOT_COLLEAGUE = _("Choose a colleague in this municipality.")
ERROR_PLAN_ENDED = _("The plan has ended.")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _require_team(actor: Actor, application: Application) -> None:
    if application.municipality_id != getattr(actor.municipality, "pk", None):
        raise PermissionDenied
    if not is_team_member(actor, application):
        raise PermissionDenied


def _require_open(plan: FollowUpPlan) -> None:
    _plan_fresh(plan)
    if not plan.is_active:
        raise ValidationError(ERROR_PLAN_ENDED)


def _plan_fresh(plan: FollowUpPlan) -> None:
    plan.ended_on = FollowUpPlan.objects.values_list("ended_on", flat=True).get(pk=plan.pk)


def _in_team(user: User | None, application: Application) -> bool:
    if user is None:
        return False
    if user.pk in (application.caseworker_id, application.coordinator_id):
        return True
    return application.team.filter(user=user).exists()


def plan_create(
    *,
    actor: Actor,
    application: Application,
    started_on: datetime.date,
    lease: Lease | None = None,
    summary: str = "",
) -> FollowUpPlan:
    """Start the follow-up plan of a case (one per case)."""
    _require_team(actor, application)
    errors: dict[str, Any] = {}
    if FollowUpPlan.objects.filter(application=application).exists():
        raise ValidationError(ERROR_PLAN_EXISTS)
    if application.received_on and started_on < application.received_on:
        errors["started_on"] = ERROR_START_BEFORE_CASE
    elif started_on > timezone.localdate() + datetime.timedelta(days=366):
        errors["started_on"] = ERROR_FAR_FUTURE
    if lease is not None and (
        lease.household_id != application.household_id
        or lease.municipality_id != application.municipality_id
    ):
        errors["lease"] = ERROR_LEASE_NOT_HOUSEHOLD
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = FollowUpPlan.objects.create(
            municipality_id=application.municipality_id,
            application=application,
            lease=lease,
            started_on=started_on,
            summary=summary.strip(),
            created_by=actor.user,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=plan)
        case_event(
            actor=actor,
            application=application,
            kind="followup_plan",
            summary=_("Follow-up plan started %(date)s") % {"date": _date(started_on)},
        )
    return plan


def _goal_errors(actor: Actor, plan: FollowUpPlan, values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if values["area"] in hidden_goal_areas(actor, plan):
        errors["area"] = ERROR_AREA_HIDDEN
    if not values["description"].strip():
        errors["description"] = ERROR_DESCRIPTION_REQUIRED
    if not values["responsible_service"].strip():
        errors["responsible_service"] = ERROR_SERVICE_REQUIRED
    if values.get("responsible") is not None and not _in_team(
        values["responsible"], plan.application
    ):
        errors["responsible"] = ERROR_NOT_IN_TEAM
    if values["next_review_on"] < plan.started_on:
        errors["next_review_on"] = ERROR_BEFORE_PLAN % {"date": _date(plan.started_on)}
    return errors


def goal_add(
    *,
    actor: Actor,
    plan: FollowUpPlan,
    area: str,
    description: str,
    responsible_service: str,
    next_review_on: datetime.date,
    actions: str = "",
    responsible: User | None = None,
) -> Goal:
    """A goal in one area of the mapping interview, with its actions, the service
    (and person) responsible and the first review date."""
    _require_team(actor, plan.application)
    _require_open(plan)
    values = {
        "area": area,
        "description": description,
        "actions": actions,
        "responsible_service": responsible_service,
        "responsible": responsible,
        "next_review_on": next_review_on,
    }
    errors = _goal_errors(actor, plan, values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        goal = Goal.objects.create(
            plan=plan,
            area=area,
            description=description.strip(),
            actions=actions.strip(),
            responsible_service=responsible_service.strip(),
            responsible=responsible,
            next_review_on=next_review_on,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=goal,
            municipality=actor.municipality,
        )
        case_event(
            actor=actor,
            application=plan.application,
            kind="followup_goal",
            summary=_("Follow-up goal added: %(area)s") % {"area": goal.get_area_display()},
        )
    return goal


def goal_review_record(
    *,
    actor: Actor,
    goal: Goal,
    reviewed_on: datetime.date,
    progress: str,
    notes: str = "",
    next_review_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> GoalReview:
    """Record the progress at a review. Achieved closes the goal; otherwise the
    next review date is required and comes after this one."""
    plan = goal.plan
    _require_team(actor, plan.application)
    _require_open(plan)
    if goal.area in hidden_goal_areas(actor, plan):
        raise PermissionDenied
    today = today or timezone.localdate()
    errors: dict[str, Any] = {}
    if reviewed_on < plan.started_on:
        errors["reviewed_on"] = ERROR_BEFORE_PLAN % {"date": _date(plan.started_on)}
    elif reviewed_on > today:
        errors["reviewed_on"] = ERROR_REVIEW_IN_FUTURE
    achieved = progress == Progress.ACHIEVED
    if not achieved:
        if next_review_on is None:
            errors["next_review_on"] = ERROR_NEXT_REVIEW_REQUIRED
        elif next_review_on <= reviewed_on:
            errors["next_review_on"] = ERROR_NEXT_AFTER_REVIEW
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = GoalReview.objects.create(
            goal=goal,
            reviewed_on=reviewed_on,
            progress=progress,
            notes=notes.strip(),
            reviewed_by=actor.user,
        )
        before = {"status": goal.status, "next_review_on": str(goal.next_review_on)}
        if achieved:
            goal.status = GoalStatus.ACHIEVED
        goal.next_review_on = next_review_on or goal.next_review_on
        goal.save(update_fields=["status", "next_review_on"])
        audit_record(
            actor=actor, action=AuditAction.CREATE, obj=review, municipality=actor.municipality
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=goal,
            municipality=actor.municipality,
            changes=changed_fields(
                before, {"status": goal.status, "next_review_on": str(goal.next_review_on)}
            ),
        )
        case_event(
            actor=actor,
            application=plan.application,
            kind="followup_review",
            summary=_("Goal reviewed (%(area)s): %(progress)s")
            % {"area": goal.get_area_display(), "progress": review.get_progress_display()},
        )
    return review


def visit_plan(
    *,
    actor: Actor,
    plan: FollowUpPlan,
    planned_at: datetime.datetime,
    kind: str,
    worker: User,
    notes: str = "",
) -> Visit:
    """Plan a visit or contact for a worker of the municipality."""
    _require_team(actor, plan.application)
    _require_open(plan)
    errors: dict[str, Any] = {}
    if timezone.localtime(planned_at).date() < plan.started_on:
        errors["planned_at"] = ERROR_BEFORE_PLAN % {"date": _date(plan.started_on)}
    if not colleague_list(municipality_id=plan.municipality_id).filter(pk=worker.pk).exists():
        errors["worker"] = ERROR_WORKER_NOT_COLLEAGUE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        visit = Visit.objects.create(
            municipality_id=plan.municipality_id,
            plan=plan,
            planned_at=planned_at,
            kind=kind,
            worker=worker,
            notes=notes.strip(),
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=visit)
    return visit


def visit_record(
    *,
    actor: Actor,
    visit: Visit,
    status: str,
    notes: str = "",
    now: datetime.datetime | None = None,
) -> Visit:
    """Record what became of a planned visit: done, missed (the household was not
    there, an early-warning signal) or cancelled. Only a visit whose time has come
    can be done or missed."""
    plan = visit.plan
    _require_team(actor, plan.application)
    now = now or timezone.now()
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status != VisitStatus.PLANNED:
            raise ValidationError(ERROR_VISIT_RECORDED)
        if status in (VisitStatus.DONE, VisitStatus.MISSED) and visit.planned_at > now:
            raise ValidationError({"status": ERROR_VISIT_NOT_HELD_YET})
        before = {"status": visit.status, "notes": visit.notes}
        visit.status = status
        visit.notes = notes.strip() or visit.notes
        visit.recorded_at = now
        visit.save(update_fields=["status", "notes", "recorded_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=visit,
            changes=changed_fields(before, {"status": visit.status, "notes": visit.notes}),
        )
        if status == VisitStatus.MISSED:
            case_event(
                actor=actor,
                application=plan.application,
                kind="followup_visit_missed",
                summary=_("Visit %(date)s missed: the household was not there")
                % {"date": _date(timezone.localtime(visit.planned_at).date())},
            )
    return visit
