"""The finance settings: the municipality's own start-loan rates (Husbanken's rate
and its margin; the national policy rate shows beside them), its price limits for
a modest home, its delegated decision authority, and its start-loan guideline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import crumbs

from ..access import REFERENCE_ROLES
from ..forms.settings import AuthorityForm, GuidelineForm, PriceLimitForm, RateForm
from ..models import PriceLimit, StartLoanGuideline
from ..selectors import authority as authority_selectors
from ..selectors import guideline as guideline_selectors
from ..selectors import reference as selectors
from ..services import guideline as guideline_services
from ..services import reference as services


def _crumbs(request: HttpRequest, current: str):  # noqa: ANN202
    return crumbs(request, (_("Financing"), reverse("finance:case_list")), current=current)


@role_required(*REFERENCE_ROLES)
def settings_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    action = request.POST.get("action")
    rate_form = RateForm(request.POST if action == "rate" else None, initial={"valid_from": today})
    limit_form = PriceLimitForm(
        request.POST if action == "limit" else None, initial={"valid_from": today}
    )
    if action == "rate" and rate_form.is_valid():
        try:
            services.finance_rate_set(actor=actor, **rate_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, rate_form)
        else:
            messages.success(request, _("The rate is saved."))
            return redirect("finance:settings")
    authority_form = AuthorityForm(
        request.POST if action == "authority" else None,
        initial={"valid_from": today},
        prefix="authority",
    )
    if action == "authority" and authority_form.is_valid():
        try:
            guideline_services.decision_authority_add(actor=actor, **authority_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, authority_form)
        else:
            messages.success(request, _("The delegated authority is saved."))
            return redirect(reverse("finance:settings") + "#authority-heading")
    if action == "limit" and limit_form.is_valid():
        try:
            services.price_limit_add(actor=actor, **limit_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, limit_form)
        else:
            messages.success(request, _("The price limit is saved."))
            return redirect(reverse("finance:settings") + "#limits-heading")
    return render(
        request,
        "finance/settings.html",
        {
            "rates": selectors.rates_today(municipality=actor.municipality, on=today),
            "limits": selectors.price_limit_list(municipality=actor.municipality),
            "rate_form": rate_form,
            "limit_form": limit_form,
            "authorities": authority_selectors.authorities_on(
                municipality=actor.municipality, on=today
            ).values(),
            "authority_rows": authority_selectors.authority_list(municipality=actor.municipality),
            "authority_form": authority_form,
            "guideline": guideline_selectors.guideline_in_force(
                municipality=actor.municipality, on=today
            ),
            "crumbs": _crumbs(request, _("Rates and price limits")),
        },
    )


@role_required(*REFERENCE_ROLES)
def price_limit_delete(request: HttpRequest, price_limit_id: int) -> HttpResponse:
    limit = get_for_actor(PriceLimit.objects.all(), request.actor, pk=price_limit_id)
    if request.method == "POST":
        services.price_limit_delete(actor=request.actor, limit=limit)
        messages.success(request, _("The price limit is removed."))
        return redirect(reverse("finance:settings") + "#limits-heading")
    return render(
        request,
        "finance/price_limit_delete.html",
        {"limit": limit, "crumbs": _crumbs(request, _("Remove a price limit"))},
    )


@role_required(*REFERENCE_ROLES)
def guideline_page(request: HttpRequest) -> HttpResponse:
    """The guideline in force, its earlier and coming versions, and a form for a new
    version (a version is never overwritten)."""
    actor = request.actor
    today = timezone.localdate()
    in_force = guideline_selectors.guideline_in_force(municipality=actor.municipality, on=today)
    initial: dict = {
        "valid_from": today,
        "adopted_on": today,
        # The model's defaults (Husbanken's guidance: 50 years and deferral for
        # special cases, a fixed rate as the household chooses).
        **{
            name: StartLoanGuideline._meta.get_field(name).default
            for name in ("fifty_years", "fixed_rate", "deferral")
        },
    }
    if in_force is not None:
        # A new version usually changes a little of the one in force: start from it.
        initial |= {name: getattr(in_force, name) for name in guideline_services.GUIDELINE_FIELDS}
        initial["text"] = in_force.text
    form = GuidelineForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["residence_years"] = data["residence_years"] or None
        try:
            guideline_services.guideline_version_add(actor=actor, **data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The new version of the guideline is saved."))
            return redirect("finance:guideline")
    return render(
        request,
        "finance/guideline.html",
        {
            "in_force": in_force,
            "history": guideline_selectors.guideline_history(municipality=actor.municipality),
            "today": today,
            "form": form,
            "crumbs": crumbs(
                request,
                (_("Financing"), reverse("finance:case_list")),
                (_("Rates and price limits"), reverse("finance:settings")),
                current=_("Start-loan guideline"),
            ),
        },
    )


@role_required(*REFERENCE_ROLES)
def guideline_document(request: HttpRequest, guideline_id: int) -> FileResponse:
    row = get_for_actor(StartLoanGuideline.objects.all(), request.actor, pk=guideline_id)
    if not row.document:
        raise Http404
    return FileResponse(
        row.document.open("rb"),
        as_attachment=False,
        filename=f"retningslinjer-startlan-{row.valid_from.isoformat()}.pdf",
        content_type="application/pdf",
    )
