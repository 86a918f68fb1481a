"""Pages of the housing career: a case's conditions, transition periods and
lease-end reviews; a decision's conditions and their reviews; a person's chain of
tenures. Thin: each parses a form and calls a selector or a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.cases import access
from boligtorg.cases.models import Application, DecisionOutcome
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs
from boligtorg.domain import housing_career as rules
from boligtorg.housing.access import WRITE_ROLES as HOUSING_WRITE_ROLES

from .. import selectors_career as selectors
from ..forms_career import (
    AssessmentForm,
    ConditionForm,
    ConditionReviewForm,
    LeaseEndReviewForm,
    TenureForm,
    TransitionPeriodForm,
)
from ..models import NextStep
from ..services import career as services


def _crumbs(
    request: HttpRequest, application: Application | None, current: str = ""
) -> list[tuple[str, str]]:
    """Dashboard › Cases › the case › Housing career › ``current``."""
    steps = [(_("Cases"), reverse("cases:list"))]
    if application is not None:
        steps.append((application.number, reverse("cases:detail", args=[application.pk])))
        steps.append((_("Housing career"), reverse("followup:case_career", args=[application.pk])))
    return crumbs(request, *steps, current=current)


def _to_case_career(application: Application) -> HttpResponse:
    return redirect("followup:case_career", application_id=application.pk)


def _saved(request: HttpRequest, form: Any, call: Any, message: str) -> bool:
    """Run the service; on its ValidationError put the messages at their fields."""
    try:
        call()
    except ValidationError as exc:
        add_service_errors(exc, form)
        return False
    messages.success(request, message)
    return True


@role_required()
def case_career(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = selectors.application_for_career(actor=actor, pk=application_id)
    career = selectors.case_career(application=application, today=timezone.localdate())
    context = {
        "application": application,
        "career": career,
        "can_edit": access.can_edit(actor, application),
        "can_change_leases": actor.has_role(*HOUSING_WRITE_ROLES),
        "crumbs": _crumbs(request, application),
    }
    return render(request, "followup/career/case_career.html", context)


@role_required()
def decision_conditions(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request.actor
    decision = selectors.decision_for_career(
        actor=actor, pk=decision_id, edit=request.method == "POST"
    )
    application = decision.application
    can_edit = access.can_edit(actor, application) and decision.outcome == DecisionOutcome.GRANTED
    form = ConditionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.condition_create(actor=actor, decision=decision, **form.cleaned_data),
            _("The condition is added."),
        )
    ):
        return redirect("followup:decision_conditions", decision_id=decision.pk)
    context = {
        "application": application,
        "decision": decision,
        "conditions": selectors.decision_conditions(decision=decision),
        "form": form,
        "can_edit": can_edit,
        "today": timezone.localdate(),
        "crumbs": _crumbs(request, application, _("Conditions")),
    }
    return render(request, "followup/career/decision_conditions.html", context)


@role_required()
def condition_review(request: HttpRequest, condition_id: int) -> HttpResponse:
    actor = request.actor
    condition = selectors.condition_for_career(actor=actor, pk=condition_id, edit=True)
    decision = condition.decision
    form = ConditionReviewForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.condition_review_record(
                actor=actor, condition=condition, **form.cleaned_data
            ),
            _("The review is recorded."),
        )
    ):
        return redirect("followup:decision_conditions", decision_id=decision.pk)
    context = {
        "application": decision.application,
        "decision": decision,
        "condition": condition,
        "form": form,
        "crumbs": _crumbs(request, decision.application, _("Review a condition")),
    }
    return render(request, "followup/career/condition_review.html", context)


def _lease_page(request: HttpRequest, application_id: int, lease_id: int) -> tuple[Any, Any]:
    application = selectors.application_for_career(
        actor=request.actor, pk=application_id, edit=True
    )
    return application, selectors.lease_of_case(application=application, lease_id=lease_id)


@role_required()
def transition_mark(request: HttpRequest, application_id: int, lease_id: int) -> HttpResponse:
    actor = request.actor
    application, lease = _lease_page(request, application_id, lease_id)
    period = selectors.marked_period(lease)
    form = TransitionPeriodForm(
        request.POST or None, initial={"ends_on": period.ends_on if period else lease.end}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.transition_period_mark(
                actor=actor, application=application, lease=lease, **form.cleaned_data
            ),
            _("The transition period is saved."),
        )
    ):
        return _to_case_career(application)
    context = {
        "application": application,
        "lease": lease,
        "form": form,
        "crumbs": _crumbs(request, application, _("Transition period")),
    }
    return render(request, "followup/career/transition_mark.html", context)


def _advice(form: AssessmentForm) -> dict[str, Any] | None:
    """The steps the typed scores support, to show beside the form."""
    data = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    if any(name not in data for name in services.SCORE_FIELDS):
        return None
    capacity = rules.Capacity(
        economy=data["economy_score"],
        neighbours=data["neighbours_score"],
        cleaning=data["cleaning_score"],
        daily_activity=data["daily_activity_score"],
        network=data["network_score"],
    )
    sensible = rules.sensible_next_steps(capacity)
    return {
        "advised": NextStep(rules.advised_next_step(capacity)).label,
        "sensible": [NextStep(step).label for step in rules.STEP_ORDER if step in sensible],
    }


@role_required()
def transition_assess(request: HttpRequest, application_id: int, lease_id: int) -> HttpResponse:
    actor = request.actor
    application, lease = _lease_page(request, application_id, lease_id)
    period_end = selectors.lease_transition_end(lease)
    form = AssessmentForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.transition_assessment_make(
                actor=actor, application=application, lease=lease, **form.cleaned_data
            ),
            _("The assessment is recorded."),
        )
    ):
        return _to_case_career(application)
    context = {
        "application": application,
        "lease": lease,
        "period_end": period_end,
        "due_on": rules.assessment_due_on(period_end) if period_end else None,
        "form": form,
        "advice": _advice(form),
        "crumbs": _crumbs(request, application, _("Assessment of tenancy capacity")),
    }
    return render(request, "followup/career/transition_assess.html", context)


@role_required()
def lease_end_review(request: HttpRequest, application_id: int, lease_id: int) -> HttpResponse:
    actor = request.actor
    application, lease = _lease_page(request, application_id, lease_id)
    form = LeaseEndReviewForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.lease_end_review_make(
                actor=actor, application=application, lease=lease, **form.cleaned_data
            ),
            _("The review at lease end is recorded."),
        )
    ):
        return _to_case_career(application)
    context = {
        "application": application,
        "lease": lease,
        "due_on": rules.lease_end_review_due_on(lease.end),
        "form": form,
        "can_change_leases": actor.has_role(*HOUSING_WRITE_ROLES),
        "crumbs": _crumbs(request, application, _("Review at lease end")),
    }
    return render(request, "followup/career/lease_end_review.html", context)


def _person_crumbs(request: HttpRequest, person: Any, cases: list[Application]) -> list[Any]:
    made = _crumbs(request, cases[0] if cases else None)
    made.append((str(person), reverse("followup:housing_career", args=[person.pk])))
    if request.path != made[-1][1]:
        made.append((_("New tenure"), request.path))
    return made


@role_required()
def housing_career(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.person_for_career(actor=actor, pk=person_id)
    cases = selectors.person_cases(actor=actor, person=person)
    context = {
        "person": person,
        "entries": selectors.housing_career(person=person),
        "cases": cases,
        "can_edit": selectors.can_edit_person(actor, person),
        "crumbs": _person_crumbs(request, person, cases),
    }
    return render(request, "followup/career/housing_career.html", context)


@role_required()
def tenure_create(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.person_for_career(actor=actor, pk=person_id)
    if not selectors.can_edit_person(actor, person):
        raise PermissionDenied
    form = TenureForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(
            request,
            form,
            lambda: services.tenure_create(actor=actor, person=person, **form.cleaned_data),
            _("The tenure is recorded."),
        )
    ):
        return redirect("followup:housing_career", person_id=person.pk)
    cases = selectors.person_cases(actor=actor, person=person)
    context = {"person": person, "form": form, "crumbs": _person_crumbs(request, person, cases)}
    return render(request, "followup/career/tenure_form.html", context)
