"""Pages of a household's search for a private rental: the list, opening one from a
case, and its page with dwellings found, viewings and the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs, paginate

from ..access import READ_ROLES, WRITE_ROLES, can_write
from ..forms.search import CloseForm, FoundForm, SearchOpenForm, ViewingForm
from ..models import SearchCase
from ..services import search as services


@role_required(*READ_ROLES)
def search_list(request: HttpRequest) -> HttpResponse:
    qs = SearchCase.objects.filter(municipality=request.actor.municipality).select_related(
        "application"
    )
    audit_record(actor=request.actor, action=AuditAction.LIST, label="rental search")
    return render(
        request,
        "rental/search_list.html",
        {
            "page_obj": paginate(request, qs.order_by("-opened_on", "-pk")),
            "can_write": can_write(request.actor),
            "crumbs": crumbs(request, current=_("Rental searches")),
        },
    )


@role_required(*WRITE_ROLES)
def search_open(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    application = get_object_or_404(
        Application.objects.select_related("household"),
        municipality=actor.municipality,
        pk=request.GET.get("application", "")
        if request.GET.get("application", "").isdigit()
        else 0,
    )
    form = SearchOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            search = services.search_case_open(
                actor, household=application.household, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            return redirect("rental:search_detail", search.pk)
    title = _("New rental search")
    return render(
        request,
        "rental/form.html",
        {
            "form": form,
            "title": title,
            "lead": _("For case %(number)s.") % {"number": application.number},
            "submit": _("Open the search"),
            "cancel": reverse("rental:search_list"),
            "crumbs": crumbs(
                request, (_("Rental searches"), reverse("rental:search_list")), current=title
            ),
        },
    )


@role_required(*READ_ROLES)
def search_detail(request: HttpRequest, rental_search_id: int) -> HttpResponse:
    actor = request.actor
    search = get_object_or_404(
        SearchCase.objects.select_related("application"),
        municipality=actor.municipality,
        pk=rental_search_id,
    )
    audit_record(actor=actor, action=AuditAction.VIEW, obj=search)
    action = request.POST.get("action", "")
    found_form = FoundForm(request.POST if action == "found" else None, prefix="found")
    viewing_form = ViewingForm(
        request.POST if action == "viewing" else None, prefix="viewing", search=search
    )
    close_form = CloseForm(request.POST if action == "close" else None, prefix="close")
    forms = {"found": found_form, "viewing": viewing_form, "close": close_form}
    if request.method == "POST" and can_write(actor) and action in forms:
        form = forms[action]
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if action == "found":
                    services.dwelling_found_add(actor, search, **data)
                elif action == "viewing":
                    services.viewing_record(actor, data.pop("dwelling"), **data)
                else:
                    services.search_case_close(actor, search, **data)
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("Saved."))
                return redirect("rental:search_detail", search.pk)
    return render(
        request,
        "rental/search_detail.html",
        {
            "search": search,
            "found": search.found.all(),
            "viewings": search.viewings.select_related("dwelling"),
            "found_form": found_form,
            "viewing_form": viewing_form,
            "close_form": close_form,
            "can_write": can_write(actor),
            "crumbs": crumbs(
                request,
                (_("Rental searches"), reverse("rental:search_list")),
                current=str(search),
            ),
        },
    )
