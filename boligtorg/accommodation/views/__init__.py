"""Pages of temporary accommodation: the provider register (list, detail with
agreements and inspections, new provider), the list of who stays now with nights so
far and warnings past the limit, a new placement (the case chosen by its number),
ending a placement, and the stay limits. Every error at once; reads of persons are
audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import crumbs, paginate

from .. import selectors, services
from ..access import READ_ROLES, WRITE_ROLES, can_write
from ..forms import (
    AgreementForm,
    CaseChoiceForm,
    EndForm,
    InspectionForm,
    PlacementForm,
    ProviderForm,
)
from ..models import Placement


def _crumbs(request: HttpRequest, *trail: tuple[str, str], current: str = "") -> Any:
    return crumbs(
        request,
        (_("Temporary accommodation"), reverse("accommodation:current")),
        *trail,
        current=current,
    )


@role_required(*READ_ROLES)
def current(request: HttpRequest) -> HttpResponse:
    """Who stays in temporary accommodation now: nights so far, past the limit, and
    the way out (the case's status and an open offer)."""
    actor = request.actor
    page = paginate(request, selectors.current_stays(actor=actor))
    stays = selectors.stays_of(actor=actor, page=list(page.object_list))
    audit_list_read(
        actor=actor, model=Placement, query={}, ids=[s.placement.pk for s in stays], name="current"
    )
    return render(
        request,
        "accommodation/current.html",
        {
            "page": page,
            "stays": stays,
            "limit": selectors.stay_limit(actor=actor),
            "can_write": can_write(actor),
            "breadcrumbs": crumbs(request, current=_("Temporary accommodation")),
        },
    )


@role_required(*READ_ROLES)
def provider_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.providers(actor=request.actor))
    return render(
        request,
        "accommodation/provider_list.html",
        {
            "page": page,
            "can_write": can_write(request.actor),
            "breadcrumbs": _crumbs(request, current=_("Providers")),
        },
    )


@role_required(*WRITE_ROLES)
def provider_create(request: HttpRequest) -> HttpResponse:
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_create(actor=request.actor, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The provider is registered."))
            return redirect("accommodation:provider_detail", provider.pk)
    return _form(request, form, _("New provider"), reverse("accommodation:provider_list"))


def _form(request: HttpRequest, form: Any, title: str, cancel: str) -> HttpResponse:
    return render(
        request,
        "accommodation/form.html",
        {
            "form": form,
            "title": title,
            "cancel": cancel,
            "breadcrumbs": _crumbs(
                request, (_("Providers"), reverse("accommodation:provider_list")), current=title
            ),
        },
    )


@role_required(*READ_ROLES)
def provider_detail(request: HttpRequest, accommodation_provider_id: int) -> HttpResponse:
    provider = selectors.provider_get(actor=request.actor, pk=accommodation_provider_id)
    return render(
        request,
        "accommodation/provider_detail.html",
        {
            "provider": provider,
            "agreements": provider.agreements.all(),
            "inspections": provider.inspections.all(),
            "can_write": can_write(request.actor),
            "breadcrumbs": _crumbs(
                request,
                (_("Providers"), reverse("accommodation:provider_list")),
                current=provider.name,
            ),
        },
    )


@role_required(*WRITE_ROLES)
def agreement_add(request: HttpRequest, accommodation_provider_id: int) -> HttpResponse:
    provider = selectors.provider_get(actor=request.actor, pk=accommodation_provider_id)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_add(actor=request.actor, provider=provider, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The agreement is added."))
            return redirect("accommodation:provider_detail", provider.pk)
    cancel = reverse("accommodation:provider_detail", args=[provider.pk])
    return _form(request, form, _("New agreement version: %s") % provider.name, cancel)


@role_required(*WRITE_ROLES)
def inspection_add(request: HttpRequest, accommodation_provider_id: int) -> HttpResponse:
    provider = selectors.provider_get(actor=request.actor, pk=accommodation_provider_id)
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_add(actor=request.actor, provider=provider, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The inspection is registered."))
            return redirect("accommodation:provider_detail", provider.pk)
    cancel = reverse("accommodation:provider_detail", args=[provider.pk])
    return _form(request, form, _("New inspection: %s") % provider.name, cancel)


@role_required(*WRITE_ROLES)
def placement_choose_case(request: HttpRequest) -> HttpResponse:
    """Step one of a new placement: the case, by its number."""
    form = CaseChoiceForm(request.GET or None)
    if form.is_bound and form.is_valid():
        application = Application.objects.filter(
            municipality=request.actor.municipality, number=form.cleaned_data["number"].strip()
        ).first()
        if application is None:
            form.add_error("number", _("No case with this number."))
        else:
            return redirect("accommodation:placement_create", application.pk)
    return render(
        request,
        "accommodation/form.html",
        {
            "form": form,
            "title": _("New placement"),
            "method": "get",
            "submit": _("Next"),
            "cancel": reverse("accommodation:current"),
            "breadcrumbs": _crumbs(request, current=_("New placement")),
        },
    )


@role_required(*WRITE_ROLES)
def placement_create(request: HttpRequest, accommodation_application_id: int) -> HttpResponse:
    actor = request.actor
    application = get_for_actor(
        Application.objects.select_related("household"), actor, pk=accommodation_application_id
    )
    audit_record(actor=actor, action=AuditAction.VIEW, obj=application)
    form = PlacementForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_create(actor=actor, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The household is placed."))
            return redirect("accommodation:current")
    title = _("New placement for case %s") % application.number
    return render(
        request,
        "accommodation/form.html",
        {
            "form": form,
            "title": title,
            "cancel": reverse("accommodation:current"),
            "breadcrumbs": _crumbs(request, current=title),
        },
    )


@role_required(*WRITE_ROLES)
def placement_end(request: HttpRequest, accommodation_placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(actor=request.actor, pk=accommodation_placement_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_end(
                actor=request.actor,
                placement=placement,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The placement is ended."))
            return redirect("accommodation:current")
    title = _("End the placement of case %s") % placement.application.number
    return render(
        request,
        "accommodation/form.html",
        {
            "form": form,
            "title": title,
            "cancel": reverse("accommodation:current"),
            "breadcrumbs": _crumbs(request, current=title),
        },
    )


@role_required(*READ_ROLES)
def figures(request: HttpRequest) -> HttpResponse:
    """The period's figures; empty: this year so far."""
    from django.utils import timezone

    from ..forms import PeriodForm
    from ..selectors.figures import accommodation_figures

    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    first, last = today.replace(month=1, day=1), today
    if form.is_bound and form.is_valid():
        first = form.cleaned_data.get("first") or first
        last = form.cleaned_data.get("last") or last
    result = (
        accommodation_figures(actor=request.actor, first=first, last=last)
        if not form.errors
        else None
    )
    return render(
        request,
        "accommodation/figures.html",
        {
            "form": form,
            "figures": result,
            "breadcrumbs": _crumbs(request, current=_("Figures")),
        },
    )


@role_required(*WRITE_ROLES)
def stay_limit_set(request: HttpRequest) -> HttpResponse:
    """Register the stay limit from a date; earlier limits are kept."""
    from ..forms import StayLimitForm

    form = StayLimitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stay_limit_set(actor=request.actor, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The stay limit is registered."))
            return redirect("accommodation:current")
    title = _("New stay limit")
    return render(
        request,
        "accommodation/form.html",
        {
            "form": form,
            "title": title,
            "cancel": reverse("accommodation:current"),
            "breadcrumbs": _crumbs(request, current=title),
        },
    )
