"""Pages of the decision step: the recommendation, the decision by another person
(or sending it back), the explanation duty and payouts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required

from ..access import DECIDE_ROLES, WRITE_ROLES
from ..forms.cases import NoteForm
from ..forms.decisions import DecideForm, ExplanationForm, PayoutForm, RecommendationForm
from ..selectors import cases as selectors
from ..selectors.authority import authority_shortfall
from ..services import decisions as services
from .cases import _case_crumbs


def _case(request: HttpRequest, financing_id: int):  # noqa: ANN202
    # The forms show the applicant's name: opening one is a read of the case.
    return selectors.financing_case_get(
        actor=request.actor, pk=financing_id, audit=request.method == "GET"
    )


@role_required(*WRITE_ROLES)
def recommend(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    initial = {
        "version": case.version,
        "loan_amount": case.loan_applied or None,
        "grant_amount": case.grant_applied or None,
        "years": 30,
        "interest_only_years": 0,
        "due_day": 20,
    }
    form = RecommendationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_recommend(
                actor=request.actor,
                case=case,
                version=form.cleaned_data["version"],
                **form.values(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request, _("The recommendation is sent for decision by another person.")
            )
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/recommend.html",
        {"case": case, "form": form, "crumbs": _case_crumbs(request, case, _("Recommendation"))},
    )


@role_required(*DECIDE_ROLES)
def decide(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    open_round = next(
        (d for d in case.decisions.all() if d.decided_by_id is None and d.returned_at is None),
        None,
    )
    form = DecideForm(
        request.POST if request.POST.get("action") == "decide" else None,
        initial={"decided_on": timezone.localdate()},
    )
    back = NoteForm(request.POST if request.POST.get("action") == "return" else None)
    same_person = open_round is not None and open_round.recommended_by_id == request.actor.user.pk
    if request.method == "POST" and open_round is not None and not same_person:
        try:
            if request.POST.get("action") == "decide" and form.is_valid():
                services.financing_decide(
                    actor=request.actor, case=case, decided_on=form.cleaned_data["decided_on"]
                )
                messages.success(request, _("The decision is made."))
                return redirect("finance:case_detail", case.pk)
            if request.POST.get("action") == "return" and back.is_valid():
                services.financing_return(
                    actor=request.actor, case=case, note=back.cleaned_data["note"]
                )
                messages.success(request, _("The recommendation is sent back for assessment."))
                return redirect("finance:case_detail", case.pk)
        except ValidationError as exc:
            add_service_errors(exc, form if request.POST.get("action") == "decide" else back)
        except PermissionDenied:
            same_person = True
    # The decider sees before trying whether their delegated authority covers the
    # round on the date in the form (the service refuses it all the same).
    decided_on = form.cleaned_data.get("decided_on") if form.is_bound and form.is_valid() else None
    shortfall = (
        authority_shortfall(
            actor=request.actor,
            decision=open_round,
            on=decided_on or timezone.localdate(),
        )
        if open_round is not None and not same_person
        else None
    )
    return render(
        request,
        "finance/cases/decide.html",
        {
            "case": case,
            "round": open_round,
            "shortfall": shortfall,
            "form": form,
            "back": back,
            "same_person": same_person,
            "crumbs": _case_crumbs(request, case, _("Decision")),
        },
    )


@role_required(*WRITE_ROLES)
def explanation(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    current = getattr(case, "explanation", None)
    initial = {"explained_on": timezone.localdate()}
    if current is not None:
        initial = {
            name: getattr(current, name)
            for name in (
                "explained_on",
                "advised_against",
                "advice_text",
                *services.EXPLANATION_TOPICS,
            )
        }
    form = ExplanationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.explanation_record(actor=request.actor, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The explanation is recorded."))
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Explanation of the loan"),
            "lead": _(
                "Finansavtaleloven § 5-1: before the loan agreement, explain each of the five "
                "topics to the borrower, and record it here."
            ),
            "submit": _("Record the explanation"),
            "crumbs": _case_crumbs(request, case, _("Explanation of the loan")),
        },
    )


@role_required(*WRITE_ROLES)
def payout(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    form = PayoutForm(request.POST or None, initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payout_record(
                actor=request.actor,
                case=case,
                loan_part=data["loan_part"] or 0,
                grant_part=data["grant_part"] or 0,
                paid_on=data["paid_on"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The payout is recorded."))
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Record a payout"),
            "lead": _("A payout may be a part; the case is paid out when all is paid."),
            "submit": _("Record the payout"),
            "crumbs": _case_crumbs(request, case, _("Record a payout")),
        },
    )
