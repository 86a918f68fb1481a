"""Writes of the action plan (seed 003, Bydel Grorud): the plan and its vision,
main goals, sub-goals, activities, the municipality's focus areas, and status
reports that keep a snapshot of every activity's progress.

Each service checks the role (``selectors_programmes.WRITE_ROLES``) and the
municipality, validates with the field named, writes in one transaction and
records an audit event. Error messages are the ``ERROR_`` constants."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import TargetGroup
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, Municipality
from boligtorg.core.permissions import Actor

from ..models import (
    ActionPlan,
    Activity,
    ActivityProgress,
    FocusArea,
    MainGoal,
    ProgressStatus,
    ReportKind,
    StatusReport,
    SubGoal,
)
from .programmes import (
    ERROR_LAST_BEFORE_FIRST,
    _check,
    _raise,
    _snapshot,
    _year_error,
)

ERROR_NAME = _("Give the plan a name.")
ERROR_VISION = _("Write the plan's vision, for example “everyone has a safe and good home”.")
ERROR_GOAL = _("Write the goal.")
ERROR_ACTIVITY = _("Write what is to be done.")
ERROR_RESULT = _("Write the result the activity is expected to give.")
ERROR_RESPONSIBLE = _("Name who is responsible.")
ERROR_ENDS_BEFORE_START = _("The activity cannot end before it starts (%(day)s).")
ERROR_FOCUS_AREAS = _("Choose at least one focus area.")
ERROR_CHOICE = _("Choose one of the options.")
ERROR_SUB_GOAL = _("Choose a sub-goal of the main goal chosen.")
ERROR_PERIOD = _("The period cannot end before it starts (%(day)s).")
ERROR_PERIOD_OUTSIDE_PLAN = _("The period must lie within the plan's years, %(first)s–%(last)s.")
ERROR_NO_ACTIVITIES = _("The plan has no activities yet; add them before reporting.")
ERROR_PROGRESS = _("Give the status of every activity of the plan.")

DEFAULT_FOCUS_AREAS = (
    # Seed 003: Boso Oslo's five focus areas as Bydel Grorud names them.
    ("suitable_dwellings", "Egnede boliger for vanskeligstilte"),
    ("financial_instruments", "Boligøkonomiske virkemidler"),
    ("individual_follow_up", "Individuell oppfølging i bomiljø"),
    ("area_work", "Bomiljøarbeid i utsatte områder"),
    ("competence", "Kompetanse, læring og utvikling av ny kunnskap"),
)
PLAN_FIELDS = ("name", "vision", "first_year", "last_year")
ACTIVITY_FIELDS = (
    "name",
    "expected_result",
    "cost",
    "funding",
    "starts_on",
    "ends_on",
    "partners",
    "responsible",
    "goal_id",
    "sub_goal_id",
)


def focus_areas_ensure(*, municipality: Municipality) -> None:
    """Give a municipality Grorud's five focus areas (idempotent)."""
    for order, (code, name) in enumerate(DEFAULT_FOCUS_AREAS):
        FocusArea.objects.get_or_create(
            municipality=municipality, code=code, defaults={"name": name, "sort_order": order}
        )


# The plan ---------------------------------------------------------------------------


def _plan_errors(
    name: str, vision: str, first_year: int | None, last_year: int | None
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not name.strip():
        errors["name"] = ERROR_NAME
    if not vision.strip():
        errors["vision"] = ERROR_VISION
    for field, year in (("first_year", first_year), ("last_year", last_year)):
        if error := _year_error(year):
            errors[field] = error
    if not errors.keys() & {"first_year", "last_year"} and last_year < first_year:  # type: ignore[operator]
        errors["last_year"] = ValidationError(ERROR_LAST_BEFORE_FIRST, params={"year": first_year})
    return errors


@transaction.atomic
def action_plan_create(
    *, actor: Actor, name: str, vision: str, first_year: int, last_year: int
) -> ActionPlan:
    _check(actor)
    _raise(_plan_errors(name, vision, first_year, last_year))
    focus_areas_ensure(municipality=actor.municipality)
    plan = ActionPlan.objects.create(
        municipality=actor.municipality,
        name=name.strip(),
        vision=vision.strip(),
        first_year=first_year,
        last_year=last_year,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=plan,
        changes=changed_fields({}, _snapshot(plan, PLAN_FIELDS)),
    )
    return plan


@transaction.atomic
def action_plan_update(
    *, actor: Actor, plan: ActionPlan, name: str, vision: str, first_year: int, last_year: int
) -> ActionPlan:
    _check(actor, plan)
    _raise(_plan_errors(name, vision, first_year, last_year))
    before = _snapshot(plan, PLAN_FIELDS)
    plan.name, plan.vision = name.strip(), vision.strip()
    plan.first_year, plan.last_year = first_year, last_year
    plan.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=plan,
        changes=changed_fields(before, _snapshot(plan, PLAN_FIELDS)),
    )
    return plan


@transaction.atomic
def action_plan_delete(*, actor: Actor, plan: ActionPlan) -> None:
    """Delete the plan with its goals, activities and status reports."""
    _check(actor, plan)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=plan)
    plan.delete()


# Goals ------------------------------------------------------------------------------


@transaction.atomic
def main_goal_add(*, actor: Actor, plan: ActionPlan, text: str) -> MainGoal:
    """A main goal, numbered after the plan's last."""
    _check(actor, plan)
    if not text.strip():
        raise ValidationError({"text": ERROR_GOAL})
    ActionPlan.objects.select_for_update().get(pk=plan.pk)
    last = plan.goals.aggregate(last=Max("position"))["last"] or 0
    goal = MainGoal.objects.create(
        municipality=plan.municipality, plan=plan, position=last + 1, text=text.strip()
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=goal, changes={"text": [None, goal.text]}
    )
    return goal


@transaction.atomic
def main_goal_update(*, actor: Actor, goal: MainGoal, text: str) -> MainGoal:
    _check(actor, goal)
    if not text.strip():
        raise ValidationError({"text": ERROR_GOAL})
    before = goal.text
    goal.text = text.strip()
    goal.save(update_fields=["text"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=goal,
        changes=changed_fields({"text": before}, {"text": goal.text}),
    )
    return goal


@transaction.atomic
def main_goal_delete(*, actor: Actor, goal: MainGoal) -> None:
    """Delete the goal with its sub-goals and activities; reports keep their copies."""
    _check(actor, goal)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=goal)
    goal.delete()


@transaction.atomic
def sub_goal_add(*, actor: Actor, goal: MainGoal, text: str) -> SubGoal:
    _check(actor, goal)
    if not text.strip():
        raise ValidationError({"text": ERROR_GOAL})
    MainGoal.objects.select_for_update().get(pk=goal.pk)
    last = goal.sub_goals.aggregate(last=Max("position"))["last"] or 0
    sub_goal = SubGoal.objects.create(
        municipality=goal.municipality, goal=goal, position=last + 1, text=text.strip()
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=sub_goal,
        changes={"text": [None, sub_goal.text]},
    )
    return sub_goal


@transaction.atomic
def sub_goal_delete(*, actor: Actor, sub_goal: SubGoal) -> None:
    """Delete the sub-goal; its activities stay under the main goal."""
    _check(actor, sub_goal)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=sub_goal)
    sub_goal.delete()


# Activities -------------------------------------------------------------------------


def _activity_errors(
    actor: Actor,
    plan: ActionPlan,
    *,
    goal: MainGoal | None,
    sub_goal: SubGoal | None,
    name: str,
    expected_result: str,
    responsible: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    focus_areas: Sequence[FocusArea],
    target_groups: Sequence[TargetGroup],
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if goal is None or goal.plan_id != plan.pk:
        errors["goal"] = ERROR_CHOICE
    elif sub_goal is not None and sub_goal.goal_id != goal.pk:
        errors["sub_goal"] = ERROR_SUB_GOAL
    for field, value, message in (
        ("name", name, ERROR_ACTIVITY),
        ("expected_result", expected_result, ERROR_RESULT),
        ("responsible", responsible, ERROR_RESPONSIBLE),
    ):
        if not value.strip():
            errors[field] = message
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = ValidationError(
            ERROR_ENDS_BEFORE_START, params={"day": starts_on.isoformat()}
        )
    if not focus_areas:
        errors["focus_areas"] = ERROR_FOCUS_AREAS
    elif any(area.municipality_id != actor.municipality.pk for area in focus_areas):
        errors["focus_areas"] = ERROR_CHOICE
    if any(group.municipality_id != actor.municipality.pk for group in target_groups):
        errors["target_groups"] = ERROR_CHOICE
    return errors


def _activity_write(
    activity: Activity,
    *,
    goal: MainGoal,
    sub_goal: SubGoal | None,
    name: str,
    expected_result: str,
    cost: int | None,
    funding: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    partners: str,
    responsible: str,
) -> None:
    activity.goal, activity.sub_goal = goal, sub_goal
    activity.name, activity.expected_result = name.strip(), expected_result.strip()
    activity.cost, activity.funding = cost, funding.strip()
    activity.starts_on, activity.ends_on = starts_on, ends_on
    activity.partners, activity.responsible = partners.strip(), responsible.strip()
    activity.save()


@transaction.atomic
def activity_add(
    *,
    actor: Actor,
    plan: ActionPlan,
    goal: MainGoal | None,
    name: str,
    expected_result: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    responsible: str,
    focus_areas: Sequence[FocusArea],
    sub_goal: SubGoal | None = None,
    target_groups: Sequence[TargetGroup] = (),
    cost: int | None = None,
    funding: str = "",
    partners: str = "",
) -> Activity:
    """An activity of the plan, under a main goal (and optionally a sub-goal), with
    the focus areas and target groups it addresses (the reporting matrix)."""
    _check(actor, plan)
    _raise(
        _activity_errors(
            actor,
            plan,
            goal=goal,
            sub_goal=sub_goal,
            name=name,
            expected_result=expected_result,
            responsible=responsible,
            starts_on=starts_on,
            ends_on=ends_on,
            focus_areas=focus_areas,
            target_groups=target_groups,
        )
    )
    activity = Activity(municipality=plan.municipality, plan=plan)
    _activity_write(
        activity,
        goal=goal,  # type: ignore[arg-type]
        sub_goal=sub_goal,
        name=name,
        expected_result=expected_result,
        cost=cost,
        funding=funding,
        starts_on=starts_on,
        ends_on=ends_on,
        partners=partners,
        responsible=responsible,
    )
    activity.focus_areas.set(focus_areas)
    activity.target_groups.set(target_groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=activity,
        changes=changed_fields({}, _snapshot(activity, ACTIVITY_FIELDS)),
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Actor,
    activity: Activity,
    goal: MainGoal | None,
    name: str,
    expected_result: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    responsible: str,
    focus_areas: Sequence[FocusArea],
    sub_goal: SubGoal | None = None,
    target_groups: Sequence[TargetGroup] = (),
    cost: int | None = None,
    funding: str = "",
    partners: str = "",
) -> Activity:
    """Change an activity; the status reports written before keep their copies."""
    _check(actor, activity)
    _raise(
        _activity_errors(
            actor,
            activity.plan,
            goal=goal,
            sub_goal=sub_goal,
            name=name,
            expected_result=expected_result,
            responsible=responsible,
            starts_on=starts_on,
            ends_on=ends_on,
            focus_areas=focus_areas,
            target_groups=target_groups,
        )
    )
    before = _snapshot(activity, ACTIVITY_FIELDS)
    _activity_write(
        activity,
        goal=goal,  # type: ignore[arg-type]
        sub_goal=sub_goal,
        name=name,
        expected_result=expected_result,
        cost=cost,
        funding=funding,
        starts_on=starts_on,
        ends_on=ends_on,
        partners=partners,
        responsible=responsible,
    )
    activity.focus_areas.set(focus_areas)
    activity.target_groups.set(target_groups)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=activity,
        changes=changed_fields(before, _snapshot(activity, ACTIVITY_FIELDS)),
    )
    return activity


@transaction.atomic
def activity_delete(*, actor: Actor, activity: Activity) -> None:
    _check(actor, activity)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=activity)
    activity.delete()


# Status reports ---------------------------------------------------------------------


@transaction.atomic
def status_report_create(
    *,
    actor: Actor,
    plan: ActionPlan,
    kind: str,
    period_from: datetime.date,
    period_to: datetime.date,
    progress: Mapping[int, tuple[str, str]],
    summary: str = "",
) -> StatusReport:
    """A semi-annual or annual report: ``progress`` gives (status, note) for every
    activity id of the plan. Each activity's texts are copied into the report, so
    that later edits of the activity leave the report as it was written."""
    _check(actor, plan)
    errors: dict[str, Any] = {}
    if kind not in ReportKind.values:
        errors["kind"] = ERROR_CHOICE
    if period_from and period_to and period_to < period_from:
        errors["period_to"] = ValidationError(ERROR_PERIOD, params={"day": period_from.isoformat()})
    years = {"first": plan.first_year, "last": plan.last_year}
    for field, day in (("period_from", period_from), ("period_to", period_to)):
        if day and field not in errors and not plan.first_year <= day.year <= plan.last_year:
            errors[field] = ValidationError(ERROR_PERIOD_OUTSIDE_PLAN, params=years)
    activities = list(
        plan.activities.select_related("goal").order_by("goal__position", "starts_on", "pk")
    )
    if not activities:
        errors["progress"] = ERROR_NO_ACTIVITIES
    for activity in activities:
        status = progress.get(activity.pk, ("", ""))[0]
        if status not in ProgressStatus.values:
            errors[f"status_{activity.pk}"] = ERROR_PROGRESS
    if set(progress) - {a.pk for a in activities}:
        errors["progress"] = ERROR_PROGRESS
    _raise(errors)
    report = StatusReport.objects.create(
        municipality=plan.municipality,
        plan=plan,
        kind=kind,
        period_from=period_from,
        period_to=period_to,
        summary=summary.strip(),
        created_by=actor.user,
    )
    ActivityProgress.objects.bulk_create(
        ActivityProgress(
            report=report,
            activity=activity,
            position=position,
            goal_text=str(activity.goal),
            activity_name=activity.name,
            expected_result=activity.expected_result,
            responsible=activity.responsible,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            status=progress[activity.pk][0],
            note=progress[activity.pk][1].strip(),
        )
        for position, activity in enumerate(activities)
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=report,
        changes={
            "kind": [None, kind],
            "period": [None, [period_from.isoformat(), period_to.isoformat()]],
        },
    )
    return report


@transaction.atomic
def status_report_delete(*, actor: Actor, report: StatusReport) -> None:
    _check(actor, report)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=report)
    report.delete()
