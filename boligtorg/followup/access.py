"""Who may read and change follow-up.

- A follow-up plan is part of a person's case: only the case team (the
  caseworker assigned, the coordinator and the team members from other services)
  reads it, and every read is audited. Goals in the health area are shown only as
  far as the main applicant's valid consent covers health (``cases.access``).
- The early-warning signals of a tenancy (rent arrears, complaints, the
  eviction-prevention workflow) are worked on by the housing office and the
  follow-up service: caseworkers and follow-up workers; managers read them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from boligtorg.cases.access import is_team_member, visible_special_categories
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import Actor, get_for_actor

from .models import FollowUpPlan, Goal
from .models.plans import SPECIAL_GOAL_AREAS

WARNING_READ_ROLES = (Role.FOLLOWUP_WORKER, Role.CASEWORKER, Role.MANAGER)
WARNING_WRITE_ROLES = (Role.FOLLOWUP_WORKER, Role.CASEWORKER)
# The risk score's weights are the municipality's policy.
RULES_ROLES = (Role.MUNICIPALITY_ADMIN, Role.MANAGER)


def plan_queryset() -> QuerySet[FollowUpPlan]:
    return FollowUpPlan.objects.select_related(
        "application",
        "application__applicant",
        "application__caseworker",
        "application__coordinator",
        "lease",
        "lease__dwelling",
    )


def plan_get(*, actor: Actor, pk: int, audit: bool = True) -> FollowUpPlan:
    """The plan for a team member: 404 outside the municipality, 403 for anyone
    outside the case team; the read is audited."""
    plan = get_for_actor(plan_queryset(), actor, pk=pk)
    if not is_team_member(actor, plan.application):
        raise PermissionDenied
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=plan)
    return plan


def hidden_goal_areas(actor: Actor, plan: FollowUpPlan) -> frozenset[str]:
    """The goal areas the actor may not see in this plan (health without consent)."""
    visible = visible_special_categories(actor, plan.application)
    return frozenset(
        area for area, category in SPECIAL_GOAL_AREAS.items() if category not in visible
    )


def goal_get(*, actor: Actor, pk: int) -> Goal:
    """A goal for its case team: 404 outside the municipality, 403 outside the
    team or for a goal in an area the actor may not see (health without consent)."""
    goal = Goal.objects.filter(pk=pk, plan__municipality=actor.municipality).first()
    if goal is None:
        raise Http404
    goal.plan = plan_get(actor=actor, pk=goal.plan_id, audit=False)
    if goal.area in hidden_goal_areas(actor, goal.plan):
        raise PermissionDenied
    return goal
