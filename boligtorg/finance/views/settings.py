"""The finance settings: the municipality's own start-loan rates (Husbanken's rate
and its margin; the national policy rate shows beside them) and its price limits for
a modest home."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import crumbs

from ..access import REFERENCE_ROLES
from ..forms.settings import PriceLimitForm, RateForm
from ..models import PriceLimit
from ..selectors import reference as selectors
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
