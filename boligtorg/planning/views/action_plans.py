"""Pages of the action plan (seed 003): the list, a plan with its vision, goals,
activities and status reports, the reporting matrix, and the forms. Thin: they
parse input and call selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from boligtorg.core.audit import audit_record
from boligtorg.core.files import document_file_name, pdf_response
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs, paginate

from .. import documents
from .. import selectors_programmes as selectors
from ..forms_programmes import ActionPlanForm, ActivityForm, GoalForm, StatusReportForm
from ..models import ActionPlan, Activity, SubGoal
from ..services import action_plans as services
from .common import confirm_page, form_page

READ_ROLES = selectors.READ_ROLES
WRITE_ROLES = selectors.WRITE_ROLES
REPORTS_PER_PAGE = 10


def _crumbs(
    request: HttpRequest, plan: ActionPlan | None = None, current: str = ""
) -> list[tuple[str, str]]:
    """Dashboard › Action plans › the plan › ``current``."""
    return crumbs(
        request,
        (_("Action plans"), reverse("planning:action_plan_list")),
        plan and (plan.name, reverse("planning:action_plan_detail", args=[plan.pk])),
        current=current,
    )


def _plan_url(plan: ActionPlan, anchor: str = "") -> str:
    url = reverse("planning:action_plan_detail", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


@role_required(*READ_ROLES)
def action_plan_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor
    return render(
        request,
        "planning/action_plans/plan_list.html",
        {
            "page": paginate(request, selectors.action_plan_list(actor=actor)),
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request),
        },
    )


@role_required(*READ_ROLES)
def action_plan_detail(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor: Actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    activities = list(selectors.activity_queryset(plan))
    goals = selectors.goal_tree(plan)
    for goal in goals:
        goal.activity_rows = [a for a in activities if a.goal_id == goal.pk]
    return render(
        request,
        "planning/action_plans/plan_detail.html",
        {
            "plan": plan,
            "goals": goals,
            "activity_count": len(activities),
            "reports": paginate(request, selectors.report_queryset(plan), REPORTS_PER_PAGE),
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request, plan),
        },
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan_download(request: HttpRequest, action_plan_id: int, kind: str) -> HttpResponse:
    """The plan as a council's document in the user's language, named in it
    ("handlingsplan-<name>-<date>.pdf"); every download is an audited export."""
    actor: Actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    today = timezone.localdate()
    document = documents.plan_document(
        plan=plan,
        goals=selectors.goal_tree(plan),
        activities=list(selectors.activity_queryset(plan)),
        report=selectors.latest_status_report(plan),
        made_on=today,
    )
    language = translation.get_language() or "nb"
    name = document_file_name(
        pgettext("file name", "action-plan"),
        slugify(plan.name, allow_unicode=True),
        today.isoformat(),
        extension=kind,
    )
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=plan, changes={"format": kind})
    if kind == "pdf":
        return pdf_response(documents.plan_pdf(document, language), name)
    response = HttpResponse(documents.plan_docx(document, language), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*READ_ROLES)
def action_plan_pdf(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    return _plan_download(request, action_plan_id, "pdf")


@role_required(*READ_ROLES)
def action_plan_docx(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    return _plan_download(request, action_plan_id, "docx")


@role_required(*READ_ROLES)
def action_plan_matrix(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor: Actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    activities = list(selectors.activity_queryset(plan))
    title = _("Reporting matrix")
    return render(
        request,
        "planning/action_plans/matrix.html",
        {
            "plan": plan,
            "matrix": selectors.reporting_matrix(actor=actor, activities=activities),
            "unmatched": [a for a in activities if not a.target_groups.all()],
            "can_edit": selectors.can_write(actor),
            "title": title,
            "crumbs": _crumbs(request, plan, title),
        },
    )


@role_required(*WRITE_ROLES)
def action_plan_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = ActionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.action_plan_create(actor=actor, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("The action plan is created. Add its main goals next."))
            return redirect(_plan_url(made))
    title = _("New action plan")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, current=title),
        submit=_("Create the plan"),
        back=reverse("planning:action_plan_list"),
        intro=_(
            "An action plan runs from a vision through main goals and sub-goals to the "
            "activities that reach them, and is reported on every half year or year."
        ),
    )


@role_required(*WRITE_ROLES)
def action_plan_edit(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    initial = {
        "name": plan.name,
        "vision": plan.vision,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
    }
    form = ActionPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = service_or_errors(
            form, lambda: services.action_plan_update(actor=actor, plan=plan, **form.cleaned_data)
        )
        if done:
            messages.success(request, _("The action plan is saved."))
            return redirect(_plan_url(plan))
    title = _("Edit the plan")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, plan, title),
        submit=_("Save"),
        back=_plan_url(plan),
    )


@role_required(*WRITE_ROLES)
def action_plan_delete(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    if request.method == "POST":
        services.action_plan_delete(actor=actor, plan=plan)
        messages.success(request, _("The action plan is deleted."))
        return redirect("planning:action_plan_list")
    return confirm_page(
        request,
        question=_("Delete the action plan?"),
        lead=plan.name,
        warning=_(
            "Its goals, activities and status reports are deleted with it. This cannot be undone."
        ),
        submit=_("Delete the plan"),
        back=_plan_url(plan),
        trail=_crumbs(request, plan, _("Delete")),
    )


# Goals ------------------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def main_goal_create(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.main_goal_add(actor=actor, plan=plan, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("The main goal is added."))
            return redirect(_plan_url(plan, "goals-heading"))
    title = _("New main goal")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, plan, title),
        submit=_("Add the main goal"),
        back=_plan_url(plan, "goals-heading"),
        lead=plan.name,
    )


@role_required(*WRITE_ROLES)
def main_goal_edit(request: HttpRequest, plan_goal_id: int) -> HttpResponse:
    actor = request.actor
    goal = selectors.goal_get(actor=actor, plan_goal_id=plan_goal_id)
    form = GoalForm(request.POST or None, initial={"text": goal.text})
    if request.method == "POST" and form.is_valid():
        done = service_or_errors(
            form, lambda: services.main_goal_update(actor=actor, goal=goal, **form.cleaned_data)
        )
        if done:
            messages.success(request, _("The main goal is saved."))
            return redirect(_plan_url(goal.plan, f"goal-{goal.pk}"))
    title = _("Main goal %(number)s") % {"number": goal.position}
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, goal.plan, title),
        submit=_("Save"),
        back=_plan_url(goal.plan, f"goal-{goal.pk}"),
        lead=goal.plan.name,
        delete_url=reverse("planning:main_goal_delete", args=[goal.pk]),
    )


@role_required(*WRITE_ROLES)
def main_goal_delete(request: HttpRequest, plan_goal_id: int) -> HttpResponse:
    actor = request.actor
    goal = selectors.goal_get(actor=actor, plan_goal_id=plan_goal_id)
    plan = goal.plan
    if request.method == "POST":
        services.main_goal_delete(actor=actor, goal=goal)
        messages.success(request, _("The main goal is deleted."))
        return redirect(_plan_url(plan, "goals-heading"))
    return confirm_page(
        request,
        question=_("Delete the main goal?"),
        lead=str(goal),
        warning=_(
            "Its sub-goals and activities are deleted with it. Status reports already "
            "written keep their copies."
        ),
        submit=_("Delete the main goal"),
        back=_plan_url(plan, f"goal-{goal.pk}"),
        trail=_crumbs(request, plan, _("Delete")),
    )


@role_required(*WRITE_ROLES)
def sub_goal_create(request: HttpRequest, plan_goal_id: int) -> HttpResponse:
    actor = request.actor
    goal = selectors.goal_get(actor=actor, plan_goal_id=plan_goal_id)
    form = GoalForm(request.POST or None)
    form.fields["text"].label = _("Sub-goal")
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.sub_goal_add(actor=actor, goal=goal, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("The sub-goal is added."))
            return redirect(_plan_url(goal.plan, f"goal-{goal.pk}"))
    title = _("New sub-goal")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, goal.plan, title),
        submit=_("Add the sub-goal"),
        back=_plan_url(goal.plan, f"goal-{goal.pk}"),
        lead=str(goal),
    )


@role_required(*WRITE_ROLES)
def sub_goal_delete(request: HttpRequest, sub_goal_id: int) -> HttpResponse:
    actor = request.actor
    sub_goal = selectors.sub_goal_get(actor=actor, sub_goal_id=sub_goal_id)
    plan = sub_goal.goal.plan
    if request.method == "POST":
        services.sub_goal_delete(actor=actor, sub_goal=sub_goal)
        messages.success(request, _("The sub-goal is deleted."))
        return redirect(_plan_url(plan, f"goal-{sub_goal.goal_id}"))
    return confirm_page(
        request,
        question=_("Delete the sub-goal?"),
        lead=str(sub_goal),
        warning=_("Its activities stay under the main goal."),
        submit=_("Delete the sub-goal"),
        back=_plan_url(plan, f"goal-{sub_goal.goal_id}"),
        trail=_crumbs(request, plan, _("Delete")),
    )


# Activities -------------------------------------------------------------------------


def _activity_form(
    request: HttpRequest, actor: Actor, plan: ActionPlan, **kw: object
) -> ActivityForm:
    return ActivityForm(
        request.POST or None,
        goals=plan.goals.order_by("position", "pk"),
        sub_goals=SubGoal.objects.filter(goal__plan=plan)
        .select_related("goal")
        .order_by("goal__position", "position"),
        focus_areas=selectors.focus_area_choices(actor=actor),
        target_groups=selectors.target_group_choices(actor=actor),
        **kw,
    )


@role_required(*WRITE_ROLES)
def activity_create(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    services.focus_areas_ensure(municipality=actor.municipality)
    initial = {}
    if (goal_id := id_from_query(request.GET.get("goal"))) is not None:
        initial["goal"] = plan.goals.filter(pk=goal_id).first()
    form = _activity_form(request, actor, plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.activity_add(actor=actor, plan=plan, **form.service_data()),
        )
        if made:
            messages.success(request, _("The activity is added."))
            return redirect(_plan_url(plan, f"goal-{made.goal_id}"))
    title = _("New activity")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, plan, title),
        submit=_("Add the activity"),
        back=_plan_url(plan, "goals-heading"),
        lead=plan.name,
    )


@role_required(*WRITE_ROLES)
def activity_edit(request: HttpRequest, plan_activity_id: int) -> HttpResponse:
    actor = request.actor
    activity: Activity = selectors.activity_get(actor=actor, plan_activity_id=plan_activity_id)
    plan = activity.plan
    initial = {
        "goal": activity.goal,
        "sub_goal": activity.sub_goal,
        "name": activity.name,
        "expected_result": activity.expected_result,
        "cost": activity.cost,
        "funding": activity.funding,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "partners": activity.partners,
        "responsible": activity.responsible,
        "focus_areas": list(activity.focus_areas.all()),
        "target_groups": list(activity.target_groups.all()),
    }
    form = _activity_form(request, actor, plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = service_or_errors(
            form,
            lambda: services.activity_update(actor=actor, activity=activity, **form.service_data()),
        )
        if done:
            messages.success(request, _("The activity is saved."))
            return redirect(_plan_url(plan, f"goal-{activity.goal_id}"))
    return form_page(
        request,
        form,
        activity.name,
        trail=_crumbs(request, plan, activity.name),
        submit=_("Save"),
        back=_plan_url(plan, f"goal-{activity.goal_id}"),
        lead=plan.name,
        delete_url=reverse("planning:activity_delete", args=[activity.pk]),
    )


@role_required(*WRITE_ROLES)
def activity_delete(request: HttpRequest, plan_activity_id: int) -> HttpResponse:
    actor = request.actor
    activity = selectors.activity_get(actor=actor, plan_activity_id=plan_activity_id)
    plan = activity.plan
    if request.method == "POST":
        services.activity_delete(actor=actor, activity=activity)
        messages.success(request, _("The activity is deleted."))
        return redirect(_plan_url(plan, "goals-heading"))
    return confirm_page(
        request,
        question=_("Delete the activity?"),
        lead=activity.name,
        warning=_("Status reports already written keep their copy of it."),
        submit=_("Delete the activity"),
        back=reverse("planning:activity_edit", args=[activity.pk]),
        trail=_crumbs(request, plan, _("Delete")),
    )


# Status reports ---------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def status_report_create(request: HttpRequest, action_plan_id: int) -> HttpResponse:
    actor = request.actor
    plan = selectors.action_plan_get(actor=actor, action_plan_id=action_plan_id)
    activities = list(selectors.activity_queryset(plan))
    form = StatusReportForm(request.POST or None, activities=activities)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.status_report_create(actor=actor, plan=plan, **form.service_data()),
        )
        if made:
            messages.success(request, _("The status report is saved."))
            return redirect(reverse("planning:status_report_detail", args=[made.pk]))
    title = _("New status report")
    return render(
        request,
        "planning/action_plans/report_form.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "crumbs": _crumbs(request, plan, title),
        },
    )


@role_required(*READ_ROLES)
def status_report_detail(request: HttpRequest, status_report_id: int) -> HttpResponse:
    actor: Actor = request.actor
    report = selectors.status_report_get(actor=actor, status_report_id=status_report_id)
    title = _("Status report %(from)s – %(to)s") % {
        "from": report.period_from.isoformat(),
        "to": report.period_to.isoformat(),
    }
    return render(
        request,
        "planning/action_plans/report_detail.html",
        {
            "report": report,
            "plan": report.plan,
            "title": title,
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request, report.plan, title),
        },
    )


@role_required(*WRITE_ROLES)
def status_report_delete(request: HttpRequest, status_report_id: int) -> HttpResponse:
    actor = request.actor
    report = selectors.status_report_get(actor=actor, status_report_id=status_report_id)
    plan = report.plan
    if request.method == "POST":
        services.status_report_delete(actor=actor, report=report)
        messages.success(request, _("The status report is deleted."))
        return redirect(_plan_url(plan, "reports-heading"))
    return confirm_page(
        request,
        question=_("Delete the status report?"),
        lead=str(report),
        warning=_("This cannot be undone."),
        submit=_("Delete the report"),
        back=reverse("planning:status_report_detail", args=[report.pk]),
        trail=_crumbs(request, plan, _("Delete")),
    )
