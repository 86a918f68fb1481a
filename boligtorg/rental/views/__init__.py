"""Pages of the private rental work: landlords (list with search, detail with the
dwellings offered and the guarantees with them, create), guarantees (list in force or
ended with filters, detail with its claims and the decide form, create from a case
chooser). Rows of another municipality are not found (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligtorg.cases.models import Application
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs, paginate

from .. import selectors, services
from ..access import READ_ROLES, WRITE_ROLES, can_write
from ..forms import (
    CaseChooserForm,
    ClaimForm,
    DecideForm,
    DwellingForm,
    EndForm,
    GuaranteeFilterForm,
    GuaranteeForm,
    LandlordForm,
    SearchForm,
)
from ..models import Claim, ClaimStatus


def _crumbs(request: HttpRequest, *trail: tuple[str, str], current: str = "") -> Any:
    return crumbs(request, *trail, current=current)


@role_required(*READ_ROLES)
def landlord_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = paginate(request, selectors.landlords(request.actor, q=q.strip()))
    return render(
        request,
        "rental/landlord_list.html",
        {
            "form": form,
            "q": q,
            "page_obj": page,
            "can_write": can_write(request.actor),
            "crumbs": _crumbs(request, current=_("Landlords")),
        },
    )


@role_required(*WRITE_ROLES)
def landlord_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = LandlordForm(request.POST or None, municipality=actor.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            landlord = services.landlord_create(actor, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The landlord is added."))
            return redirect("rental:landlord_detail", landlord.pk)
    title = _("New landlord")
    return render(
        request,
        "rental/form.html",
        {
            "form": form,
            "title": title,
            "submit": _("Add the landlord"),
            "cancel": reverse("rental:landlord_list"),
            "crumbs": _crumbs(
                request, (_("Landlords"), reverse("rental:landlord_list")), current=title
            ),
        },
    )


@role_required(*READ_ROLES)
def landlord_detail(request: HttpRequest, rental_landlord_id: int) -> HttpResponse:
    actor = request.actor
    landlord = selectors.landlord_get(actor, rental_landlord_id)
    form = DwellingForm(request.POST or None)
    if request.method == "POST" and can_write(actor) and form.is_valid():
        try:
            services.landlord_dwelling_add(actor, landlord, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The dwelling is added."))
            return redirect("rental:landlord_detail", landlord.pk)
    return render(
        request,
        "rental/landlord_detail.html",
        {
            "landlord": landlord,
            "dwellings": landlord.dwellings.all(),
            "guarantees": selectors.guarantees(actor, landlord=landlord.pk),
            "form": form,
            "can_write": can_write(actor),
            "crumbs": _crumbs(
                request, (_("Landlords"), reverse("rental:landlord_list")), current=landlord.name
            ),
        },
    )


@role_required(*READ_ROLES)
def guarantee_list(request: HttpRequest) -> HttpResponse:
    form = GuaranteeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.guarantees(
        request.actor, state=filters.get("state", ""), kind=filters.get("kind", "")
    )
    return render(
        request,
        "rental/guarantee_list.html",
        {
            "form": form,
            "page_obj": paginate(request, qs),
            "can_write": can_write(request.actor),
            "crumbs": _crumbs(request, current=_("Guarantees")),
        },
    )


@role_required(*WRITE_ROLES)
def guarantee_create(request: HttpRequest) -> HttpResponse:
    """First choose the case (by its number), then give the guarantee."""
    actor = request.actor
    title = _("New guarantee")
    trail = ((_("Guarantees"), reverse("rental:guarantee_list")),)
    application = None
    if request.GET.get("application"):
        application = get_object_or_404(
            Application.objects.select_related("household"),
            municipality=actor.municipality,
            pk=request.GET["application"] if request.GET["application"].isdigit() else 0,
        )
    if application is None:
        chooser = CaseChooserForm(request.GET or None)
        matches = []
        if chooser.is_valid() and chooser.cleaned_data["number"].strip():
            matches = list(
                Application.objects.filter(
                    municipality=actor.municipality,
                    number__icontains=chooser.cleaned_data["number"].strip(),
                ).select_related("applicant")[:20]
            )
        return render(
            request,
            "rental/case_chooser.html",
            {
                "form": chooser,
                "matches": matches,
                "searched": chooser.is_bound,
                "title": title,
                "crumbs": _crumbs(request, *trail, current=title),
            },
        )
    form = GuaranteeForm(request.POST or None, municipality=actor.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            guarantee = services.guarantee_issue(
                actor, household=application.household, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The guarantee is issued."))
            return redirect("rental:guarantee_detail", guarantee.pk)
    return render(
        request,
        "rental/form.html",
        {
            "form": form,
            "title": title,
            "lead": _("For case %(number)s.") % {"number": application.number},
            "submit": _("Issue the guarantee"),
            "cancel": reverse("rental:guarantee_list"),
            "crumbs": _crumbs(request, *trail, current=title),
        },
    )


@role_required(*READ_ROLES)
def guarantee_detail(request: HttpRequest, rental_guarantee_id: int) -> HttpResponse:
    actor = request.actor
    guarantee = selectors.guarantee_get(actor, rental_guarantee_id)
    action = request.POST.get("action", "")
    claim_form = ClaimForm(request.POST if action == "claim" else None, prefix="claim")
    end_form = EndForm(request.POST if action == "end" else None, prefix="end")
    posted_claim = request.POST.get("claim", "")
    claims = list(guarantee.claims.all())
    decide_forms = [
        (
            c,
            DecideForm(
                request.POST if action == "decide" and posted_claim == str(c.pk) else None,
                prefix=f"decide-{c.pk}",
            ),
        )
        for c in claims
        if c.status == ClaimStatus.RECEIVED
    ]
    decide_form = next((f for c, f in decide_forms if str(c.pk) == posted_claim), None)
    if request.method == "POST" and can_write(actor):
        try:
            if action == "claim" and claim_form.is_valid():
                services.claim_register(actor, guarantee, **claim_form.cleaned_data)
                messages.success(request, _("The claim is registered."))
                return redirect("rental:guarantee_detail", guarantee.pk)
            if action == "end" and end_form.is_valid():
                services.guarantee_end(actor, guarantee, **end_form.cleaned_data)
                messages.success(request, _("The guarantee is ended."))
                return redirect("rental:guarantee_detail", guarantee.pk)
            if action == "decide" and decide_form is not None and decide_form.is_valid():
                claim = get_object_or_404(Claim, guarantee=guarantee, pk=posted_claim)
                services.claim_decide(actor, claim, **decide_form.cleaned_data)
                messages.success(request, _("The claim is decided."))
                return redirect("rental:guarantee_detail", guarantee.pk)
        except ValidationError as exc:
            target = {"claim": claim_form, "end": end_form, "decide": decide_form}[action]
            add_service_errors(exc, target)
    return render(
        request,
        "rental/guarantee_detail.html",
        {
            "guarantee": guarantee,
            "claims": claims,
            "decide_forms": decide_forms,
            "remaining": services.remaining_of(guarantee),
            "claim_form": claim_form,
            "end_form": end_form,
            "can_write": can_write(actor),
            "crumbs": _crumbs(
                request, (_("Guarantees"), reverse("rental:guarantee_list")), current=str(guarantee)
            ),
        },
    )
