"""Pages of follow-up plans, goals, reviews, visits and the worker's agenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.cases.access import application_get, is_team_member
from boligtorg.cases.selectors_team import colleague_list
from boligtorg.core.audit import audit_list_read
from boligtorg.core.forms import service_or_errors
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import crumbs, paginate

from .. import selectors
from ..access import goal_get, hidden_goal_areas, plan_get
from ..forms import GoalForm, PlanForm, ReviewForm, VisitForm, VisitRecordForm
from ..models import FollowUpPlan, GoalArea, Visit
from ..services import plans as services


def _plan_crumbs(request: HttpRequest, plan: Any, current: str = "") -> list[tuple[str, str]]:
    trail = [
        (_("Follow-up"), reverse("followup:agenda")),
        (
            _("Plan for %(case)s") % {"case": plan.application.number},
            reverse("followup:plan_detail", args=[plan.pk]),
        ),
    ]
    return crumbs(request, *trail, current=current)


@role_required()
def agenda(request: HttpRequest) -> HttpResponse:
    # One week is the dashboard panel's span: its figures link here with weeks=1.
    weeks = {"1": 1, "8": 8}.get(request.GET.get("weeks", ""), 4)
    view = selectors.agenda_read(actor=request.actor, weeks=weeks)
    return render(
        request,
        "followup/agenda.html",
        {
            "agenda": view,
            "weeks": weeks,
            "today": timezone.localdate(),
            "crumbs": crumbs(request, current=_("Follow-up")),
        },
    )


@role_required()
def plan_list(request: HttpRequest) -> HttpResponse:
    include_ended = request.GET.get("ended") == "1"
    page = paginate(
        request, selectors.my_plan_list(actor=request.actor, include_ended=include_ended)
    )
    audit_list_read(
        actor=request.actor,
        model=FollowUpPlan,
        query={"ended": include_ended, "page": page.number},
        ids=[plan.pk for plan in page.object_list],
    )
    return render(
        request,
        "followup/plan_list.html",
        {
            "page": page,
            "include_ended": include_ended,
            "crumbs": crumbs(
                request,
                (_("Follow-up"), reverse("followup:agenda")),
                current=_("My follow-up plans"),
            ),
        },
    )


@role_required()
def plan_create(request: HttpRequest, application_id: int) -> HttpResponse:
    application = application_get(actor=request.actor, pk=application_id)
    if not is_team_member(request.actor, application):
        raise PermissionDenied
    existing = selectors.plan_for_case(application=application)
    if existing:
        return redirect("followup:plan_detail", plan_id=existing.pk)
    leases = selectors.household_leases(application=application)
    form = PlanForm(
        request.POST or None,
        leases=leases,
        initial={"started_on": timezone.localdate(), "lease": leases.first()},
    )
    if request.method == "POST" and form.is_valid():
        plan = service_or_errors(
            form,
            lambda: services.plan_create(
                actor=request.actor, application=application, **form.cleaned_data
            ),
        )
        if plan:
            messages.success(request, _("The follow-up plan was started."))
            return redirect("followup:plan_detail", plan_id=plan.pk)
    case_url = reverse("cases:detail", args=[application.pk])
    return render(
        request,
        "followup/plan_form.html",
        {
            "form": form,
            "application": application,
            "cancel_url": case_url,
            "crumbs": crumbs(
                request,
                (_("Cases"), reverse("cases:list")),
                (application.number, case_url),
                current=_("New follow-up plan"),
            ),
        },
    )


@role_required()
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(actor=request.actor, pk=plan_id)
    view = selectors.plan_read(actor=request.actor, plan=plan)
    risk = selectors.tenancy_risk(lease=plan.lease) if plan.lease else None
    return render(
        request,
        "followup/plan_detail.html",
        {
            "view": view,
            "plan": plan,
            "risk": risk,
            "now": timezone.now(),
            "crumbs": crumbs(
                request,
                (_("Follow-up"), reverse("followup:agenda")),
                current=_("Plan for %(case)s") % {"case": plan.application.number},
            ),
        },
    )


def _goal_areas(request: HttpRequest, plan: Any) -> list[tuple[str, str]]:
    hidden = hidden_goal_areas(request.actor, plan)
    return [(value, label) for value, label in GoalArea.choices if value not in hidden]


@role_required()
def goal_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(actor=request.actor, pk=plan_id, audit=False)
    form = GoalForm(
        request.POST or None,
        team=selectors.team_users(plan.application),
        areas=_goal_areas(request, plan),
    )
    if request.method == "POST" and form.is_valid():
        goal = service_or_errors(
            form, lambda: services.goal_add(actor=request.actor, plan=plan, **form.cleaned_data)
        )
        if goal:
            messages.success(request, _("The goal was added."))
            return redirect("followup:plan_detail", plan_id=plan.pk)
    return render(
        request,
        "followup/goal_form.html",
        {
            "form": form,
            "plan": plan,
            "health_hidden": GoalArea.HEALTH in hidden_goal_areas(request.actor, plan),
            "crumbs": _plan_crumbs(request, plan, current=_("New goal")),
        },
    )


@role_required()
def goal_review(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goal_get(actor=request.actor, pk=goal_id)
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        review = service_or_errors(
            form,
            lambda: services.goal_review_record(
                actor=request.actor, goal=goal, **form.cleaned_data
            ),
        )
        if review:
            messages.success(request, _("The review was recorded."))
            return redirect("followup:plan_detail", plan_id=goal.plan_id)
    return render(
        request,
        "followup/review_form.html",
        {
            "form": form,
            "goal": goal,
            "plan": goal.plan,
            "crumbs": _plan_crumbs(request, goal.plan, current=_("Review a goal")),
        },
    )


@role_required()
def visit_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(actor=request.actor, pk=plan_id, audit=False)
    form = VisitForm(
        request.POST or None,
        colleagues=colleague_list(municipality_id=plan.municipality_id),
        initial={"worker": request.actor.user},
    )
    if request.method == "POST" and form.is_valid():
        visit = service_or_errors(
            form, lambda: services.visit_plan(actor=request.actor, plan=plan, **form.cleaned_data)
        )
        if visit:
            messages.success(request, _("The visit was planned."))
            return redirect("followup:plan_detail", plan_id=plan.pk)
    return render(
        request,
        "followup/visit_form.html",
        {
            "form": form,
            "plan": plan,
            "crumbs": _plan_crumbs(request, plan, current=_("Plan a visit")),
        },
    )


@role_required()
def visit_record(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_for_actor(
        Visit.objects.select_related("plan", "worker"), request.actor, pk=visit_id
    )
    plan = plan_get(actor=request.actor, pk=visit.plan_id, audit=False)
    form = VisitRecordForm(request.POST or None, visit=visit)
    if request.method == "POST" and form.is_valid():
        recorded = service_or_errors(
            form,
            lambda: services.visit_record(actor=request.actor, visit=visit, **form.cleaned_data),
        )
        if recorded:
            messages.success(request, _("The visit was recorded."))
            back = request.POST.get("next") == "agenda"
            return (
                redirect("followup:agenda")
                if back
                else redirect("followup:plan_detail", plan_id=plan.pk)
            )
    return render(
        request,
        "followup/visit_record.html",
        {
            "form": form,
            "visit": visit,
            "plan": plan,
            "next": request.GET.get("next", request.POST.get("next", "")),
            "crumbs": _plan_crumbs(request, plan, current=_("Record a visit")),
        },
    )
