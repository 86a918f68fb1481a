"""Pages of the dwelling register: thin, they parse input and call selectors and
services. Reads need one of ``access.READ_ROLES``, writes one of ``WRITE_ROLES``."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from boligtorg.cases.models import Household
from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, role_required
from boligtorg.core.views import object_url, paginate
from boligtorg.followup.access import WARNING_READ_ROLES

from . import selectors, services, transfer
from .access import READ_ROLES, WRITE_ROLES
from .forms import (
    DwellingFilterForm,
    DwellingForm,
    DwellingStatusForm,
    HouseholdSearchForm,
    ImportForm,
    LandlordForm,
    LeaseForm,
    LeaseRenewForm,
    LeaseTerminateForm,
    VacancyReportForm,
)
from .models import DispositionForm, Dwelling, DwellingStatus, DwellingType, Landlord, Lease

MAX_ERRORS_SHOWN = 200


def _day(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _form_data(form: Any) -> dict[str, Any]:
    return dict(form.cleaned_data)


def _warn_co_op(request: HttpRequest, dwelling: Dwelling) -> None:
    warning = selectors.co_op_share_warning(actor=request.actor, dwelling=dwelling)
    if warning:
        messages.warning(request, warning)


# What the register shows of each dwelling, fetched as plain rows and drawn from
# dicts (as the case list is: a dict's key is found at the template engine's first
# try, and no model objects are made).
LIST_COLUMNS = (
    "pk",
    "address",
    "shared_house__name",
    "unit_number",
    "dwelling_type",
    "wheelchair_accessible",
    "bedrooms",
    "usable_area",
    "rent",
    "disposition_form",
    "status",
)
STATUS_COLORS = {DwellingStatus.READY: "success", DwellingStatus.LET: "neutral"}


def _list_rows(values: Any) -> list[dict[str, Any]]:
    url = object_url("housing:dwelling_detail")
    types, forms = dict(DwellingType.choices), dict(DispositionForm.choices)
    statuses = dict(DwellingStatus.choices)
    return [
        {
            **row,
            "url": url(row["pk"]),
            "type_label": types.get(row["dwelling_type"], row["dwelling_type"]),
            "disposition_label": forms.get(row["disposition_form"], row["disposition_form"]),
            "status_label": statuses.get(row["status"], row["status"]),
            "status_color": STATUS_COLORS.get(row["status"], "warning"),
        }
        for row in values
    ]


@role_required(*READ_ROLES)
def dwelling_list(request: HttpRequest) -> HttpResponse:
    form = DwellingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    ordering = request.GET.get("sort", "address")
    dwellings = selectors.dwelling_list(
        actor=request.actor,
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        dwelling_type=filters.get("dwelling_type", ""),
        min_bedrooms=filters.get("min_bedrooms"),
        min_area=filters.get("min_area"),
        max_area=filters.get("max_area"),
        accessible=filters.get("accessible", False),
        disposition_form=filters.get("disposition_form", ""),
        ordering=ordering,
    )
    page = paginate(request, dwellings, capped=True, sort_few=bool(filters.get("q")))
    page.object_list = _list_rows(page.object_list.values(*LIST_COLUMNS))
    return render(
        request,
        "housing/dwelling_list.html",
        {
            "form": form,
            "page": page,
            "sort": ordering,
            "can_edit": request.actor.has_role(*WRITE_ROLES),
        },
    )


@role_required(*READ_ROLES)
def dwelling_detail(request: HttpRequest, dwelling_id: int) -> HttpResponse:
    actor = request.actor
    dwelling = selectors.dwelling_get(actor=actor, dwelling_id=dwelling_id)
    return render(
        request,
        "housing/dwelling_detail.html",
        {
            "dwelling": dwelling,
            "leases": selectors.dwelling_leases(actor=actor, dwelling=dwelling),
            "history": selectors.dwelling_status_history(actor=actor, dwelling=dwelling),
            "co_op_warning": selectors.co_op_share_warning(actor=actor, dwelling=dwelling),
            "today": timezone.localdate(),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "can_see_warnings": actor.has_role(*WARNING_READ_ROLES),
        },
    )


def _dwelling_initial(dwelling: Dwelling) -> dict[str, Any]:
    initial = {name: getattr(dwelling, name) for name in services.DWELLING_FIELDS}
    initial["landlord"] = dwelling.landlord_id
    initial["shared_house_name"] = dwelling.shared_house.name if dwelling.shared_house else ""
    initial["area_name"] = dwelling.area.name if dwelling.area else ""
    initial["reserved_for"] = list(dwelling.reserved_for.all())
    if dwelling.property:
        initial.update(
            gnr=dwelling.property.gnr,
            bnr=dwelling.property.bnr,
            building=dwelling.property.building_name,
        )
    return initial


@role_required(*WRITE_ROLES)
def dwelling_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = DwellingForm(
        request.POST or None,
        landlords=selectors.landlord_choices(actor=actor),
        target_groups=selectors.target_group_choices(actor=actor),
        creating=True,
    )
    if request.method == "POST" and form.is_valid():
        dwelling = service_or_errors(
            form, lambda: services.dwelling_create(actor=actor, **_form_data(form))
        )
        if dwelling:
            messages.success(request, _("Dwelling %(name)s was registered.") % {"name": dwelling})
            _warn_co_op(request, dwelling)
            return redirect("housing:dwelling_detail", dwelling_id=dwelling.pk)
    return render(request, "housing/dwelling_form.html", {"form": form, "creating": True})


@role_required(*WRITE_ROLES)
def dwelling_edit(request: HttpRequest, dwelling_id: int) -> HttpResponse:
    actor = request.actor
    dwelling = selectors.dwelling_get(actor=actor, dwelling_id=dwelling_id)
    form = DwellingForm(
        request.POST or None,
        initial=_dwelling_initial(dwelling),
        landlords=selectors.landlord_choices(actor=actor),
        target_groups=selectors.target_group_choices(actor=actor),
        creating=False,
    )
    if request.method == "POST" and form.is_valid():
        saved = service_or_errors(
            form,
            lambda: services.dwelling_update(actor=actor, dwelling=dwelling, **_form_data(form)),
        )
        if saved:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": saved})
            _warn_co_op(request, saved)
            return redirect("housing:dwelling_detail", dwelling_id=saved.pk)
    return render(
        request,
        "housing/dwelling_form.html",
        {"form": form, "creating": False, "dwelling": dwelling},
    )


@role_required(*WRITE_ROLES)
def dwelling_status(request: HttpRequest, dwelling_id: int) -> HttpResponse:
    actor = request.actor
    dwelling = selectors.dwelling_get(actor=actor, dwelling_id=dwelling_id)
    form = DwellingStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = service_or_errors(
            form,
            lambda: services.dwelling_change_status(
                actor=actor, dwelling=dwelling, **_form_data(form)
            ),
        )
        if saved:
            messages.success(
                request,
                _("The status is now “%(status)s”.") % {"status": saved.get_status_display()},
            )
            return redirect("housing:dwelling_detail", dwelling_id=saved.pk)
    return render(request, "housing/dwelling_status.html", {"form": form, "dwelling": dwelling})


@role_required(*WRITE_ROLES)
def lease_create(request: HttpRequest, dwelling_id: int) -> HttpResponse:
    """Without JavaScript in two steps: "Search" shows the households found (what
    was typed kept, nothing checked yet), "Register lease" checks and saves. With
    it, the households found follow the search box as one types. Enter in any
    field saves (the form's default button), except when a search is typed and no
    household is chosen yet: then it searches, as the user meant."""
    actor = request.actor
    dwelling = selectors.dwelling_get(actor=actor, dwelling_id=dwelling_id)
    posted = request.POST if request.method == "POST" else None
    # A search the database cannot take (a NUL character) finds nothing; the lease
    # form, bound to what was posted, then names the field.
    search = HouseholdSearchForm(posted or {})
    searchable = search.is_valid()
    searching = (
        posted is not None
        and searchable
        and (
            "search" in posted
            or (posted.get("household_query", "").strip() != "" and not posted.get("household"))
        )
    )
    shown = (
        selectors.household_search(
            actor=actor,
            search=search.cleaned_data["household_query"],
            chosen=search.cleaned_data["household"],
        )
        if searchable
        else []
    )
    if searchable:
        _audit_household_search(actor, search.cleaned_data["household_query"], shown)
    form = LeaseForm(
        None if searching else posted,
        initial={"rent": dwelling.rent, **(posted.dict() if searching else {})},
        households=selectors.household_choices(actor=actor),
        shown=shown,
        search_url=reverse("housing:lease_households", args=[dwelling.pk]),
    )
    if posted is not None and not searching and form.is_valid():
        fields = _form_data(form)
        fields.pop("household_query")
        lease = service_or_errors(
            form, lambda: services.lease_register(actor=actor, dwelling=dwelling, **fields)
        )
        if lease:
            messages.success(
                request,
                _("The lease was registered: %(start)s to %(end)s.")
                % {"start": _day(lease.start), "end": _day(lease.end)},
            )
            return redirect("housing:dwelling_detail", dwelling_id=dwelling.pk)
    return render(
        request,
        "housing/lease_form.html",
        {"form": form, "dwelling": dwelling, "household_limit": selectors.HOUSEHOLDS_SHOWN},
    )


def _audit_household_search(actor: Actor, search: str, shown: list[Household]) -> None:
    """One audit event for the households a lease form offers (named persons):
    the search typed and the households shown."""
    audit_list_read(
        actor=actor,
        model=Household,
        query={"household_query": search.strip()},
        ids=[household.pk for household in shown],
        name="lease household search",
    )


@require_POST
@role_required(*WRITE_ROLES)
def lease_households(request: HttpRequest, dwelling_id: int) -> HttpResponse:
    """The options of the lease form's household select for the posted
    ``household_query`` (the chosen ``household`` kept first), and how many were
    found. Posted, not asked in the URL: what is typed may be a national id, which
    must not land in access logs."""
    actor = request.actor
    selectors.dwelling_get(actor=actor, dwelling_id=dwelling_id)
    form = HouseholdSearchForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    search = form.cleaned_data["household_query"]
    households = selectors.household_search(
        actor=actor, search=search, chosen=form.cleaned_data["household"]
    )
    _audit_household_search(actor, search, households)
    return render(
        request,
        "housing/partials/household_options.html",
        {
            "households": households,
            "chosen": form.cleaned_data["household"],
            "limit": selectors.HOUSEHOLDS_SHOWN,
        },
    )


@role_required(*WRITE_ROLES)
def lease_renew(request: HttpRequest, lease_id: int) -> HttpResponse:
    actor = request.actor
    lease = selectors.lease_get(actor=actor, lease_id=lease_id)
    form = LeaseRenewForm(request.POST or None, initial={"rent": lease.rent})
    if request.method == "POST" and form.is_valid():
        renewal = service_or_errors(
            form, lambda: services.lease_renew(actor=actor, lease=lease, **_form_data(form))
        )
        if renewal:
            messages.success(
                request,
                _("The lease was renewed: %(start)s to %(end)s.")
                % {"start": _day(renewal.start), "end": _day(renewal.end)},
            )
            return redirect("housing:dwelling_detail", dwelling_id=lease.dwelling_id)
    return render(
        request,
        "housing/lease_renew.html",
        {"form": form, "lease": lease, "dwelling": lease.dwelling},
    )


@role_required(*WRITE_ROLES)
def lease_terminate(request: HttpRequest, lease_id: int) -> HttpResponse:
    """GET asks for the day and reason; POST terminates after that confirmation."""
    actor = request.actor
    lease = selectors.lease_get(actor=actor, lease_id=lease_id)
    form = LeaseTerminateForm(request.POST or None, initial={"terminated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        ended = service_or_errors(
            form, lambda: services.lease_terminate(actor=actor, lease=lease, **_form_data(form))
        )
        if ended:
            messages.success(
                request,
                _("The lease was terminated; the last day is %(day)s.")
                % {"day": _day(ended.terminated_on)},
            )
            return redirect("housing:dwelling_detail", dwelling_id=lease.dwelling_id)
    return render(
        request,
        "housing/lease_terminate.html",
        {"form": form, "lease": lease, "dwelling": lease.dwelling},
    )


@role_required(*READ_ROLES)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "housing/vacancy_list.html",
        {"vacancies": selectors.vacancies(actor=request.actor)},
    )


@role_required(*READ_ROLES)
def lease_expiry_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.lease_expiry_list(actor=request.actor)
    audit_list_read(
        actor=request.actor,
        model=Lease,
        query={},
        ids=[row.lease.pk for row in rows],
        name="expiring leases",
    )
    return render(request, "housing/lease_expiry_list.html", {"rows": rows})


@role_required(*READ_ROLES)
def landlord_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "housing/landlord_list.html",
        {
            "rows": selectors.landlord_list(actor=request.actor),
            "can_edit": request.actor.has_role(*WRITE_ROLES),
        },
    )


@role_required(*WRITE_ROLES)
def landlord_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    initial = {"allocation_every_nth": 4}
    form = LandlordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        landlord = service_or_errors(
            form, lambda: services.landlord_create(actor=actor, **_form_data(form))
        )
        if landlord:
            messages.success(request, _("Landlord %(name)s was registered.") % {"name": landlord})
            return redirect("housing:landlord_list")
    return render(request, "housing/landlord_form.html", {"form": form, "creating": True})


@role_required(*WRITE_ROLES)
def landlord_edit(request: HttpRequest, landlord_id: int) -> HttpResponse:
    actor = request.actor
    landlord = selectors.landlord_get(actor=actor, landlord_id=landlord_id)
    initial = {name: getattr(landlord, name) for name in services.LANDLORD_FIELDS}
    form = LandlordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = service_or_errors(
            form,
            lambda: services.landlord_update(actor=actor, landlord=landlord, **_form_data(form)),
        )
        if saved:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": saved})
            return redirect("housing:landlord_list")
    return render(
        request,
        "housing/landlord_form.html",
        {"form": form, "creating": False, "landlord": landlord},
    )


@role_required(*WRITE_ROLES)
def landlord_vacancies(request: HttpRequest, landlord_id: int) -> HttpResponse:
    actor = request.actor
    landlord: Landlord = selectors.landlord_get(actor=actor, landlord_id=landlord_id)
    form = VacancyReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = service_or_errors(
            form,
            lambda: services.landlord_report_vacancies(
                actor=actor, landlord=landlord, **_form_data(form)
            ),
        )
        if saved:
            messages.success(
                request,
                _("%(name)s has now reported %(count)s vacancies.")
                % {"name": saved, "count": saved.vacancies_reported},
            )
            return redirect("housing:landlord_list")
    return render(request, "housing/landlord_vacancies.html", {"form": form, "landlord": landlord})


@role_required(*WRITE_ROLES)
def dwelling_import(request: HttpRequest) -> HttpResponse:
    """Upload → read every row → validate every row → write all or none."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, parse_errors = transfer.read_upload(upload.name, upload.read())
            count = services.dwellings_import(actor=request.actor, rows=rows, errors=parse_errors)
        except transfer.FileRejected as exc:
            form.add_error("file", str(exc))
        except services.ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, _("%(count)s dwellings were imported.") % {"count": count})
            return redirect("housing:dwelling_list")
    return render(
        request,
        "housing/dwelling_import.html",
        {
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "error_count": len(errors),
            "bad_lines": len({error.line for error in errors}),
            "columns": transfer.COLUMNS,
        },
    )


@require_GET
@role_required(*READ_ROLES)
def dwelling_export(request: HttpRequest) -> HttpResponse:
    """The register as CSV or XLSX (``?format=``), in the import's columns."""
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404
    dwellings = selectors.dwelling_export_list(actor=request.actor)
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        text = io.StringIO()
        transfer.write_csv(dwellings.iterator(chunk_size=2000), text)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        data = io.BytesIO()
        transfer.write_xlsx(dwellings.iterator(chunk_size=2000), data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="dwellings-{stamp}.{file_format}"'
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        changes={"dwellings": [None, file_format]},
    )
    return response
