"""The waiting list, and one household's priority with its adjustments and parking."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_POST

from boligtorg.cases.models import Application, Situation
from boligtorg.core import exports
from boligtorg.core.audit import audit_export, audit_list_read, audit_record
from boligtorg.core.exports import ExportColumn
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import paginate
from boligtorg.domain import allocation as rules

from .. import selectors
from ..access import LIST_ROLES, READ_ROLES
from ..forms import (
    AdjustForm,
    ParkForm,
    WaitingFilterForm,
)
from ..models import (
    Parking,
    RuleSet,
)
from ..services import households as household_services
from ..services.rules import (
    priority_rules,
    rule_set_for,
)
from .common import (
    _group_names,
    _part_rows,
)


def _waiting_rows(
    request: HttpRequest, form: WaitingFilterForm, today: datetime.date
) -> tuple[RuleSet | None, list[dict[str, Any]]]:
    """The rule set valid ``today`` and the waiting list ranked by it, narrowed by
    the form's search: what the page shows across its pages and what it exports.
    Reading the ranking is audited as a view of the rule set."""
    actor = request.actor
    rule_set = rule_set_for(actor.municipality, today)
    rows: list[dict[str, Any]] = []
    if rule_set is None:
        return None, rows
    found, shown = selectors.candidates(actor.municipality, today)
    ranked = rules.rank(found, priority_rules(rule_set), today)
    groups = _group_names(actor.municipality)
    query = form.cleaned_data.get("q", "").strip().casefold() if form.is_valid() else ""
    for r in ranked:
        household = shown[r.candidate.id]
        if query and query not in household.name.casefold() and query not in household.number:
            continue
        rows.append({"ranked": r, "household": household, "parts": _part_rows(r.priority, groups)})
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=rule_set,
        changes={"waiting_list": [None, len(rows)]},
    )
    return rule_set, rows


@role_required(*READ_ROLES)
def waiting_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    form = WaitingFilterForm(request.GET or None)
    rule_set, rows = _waiting_rows(request, form, today)
    page = paginate(request, rows)
    audit_list_read(
        actor=actor,
        model=Application,
        query={**(form.cleaned_data if form.is_valid() else {}), "page": page.number},
        ids=[row["household"].application_id for row in page.object_list],
        name="waiting list",
    )
    return render(
        request,
        "allocation/waiting_list.html",
        {"rule_set": rule_set, "page": page, "form": form, "today": today},
    )


_SITUATIONS = dict(Situation.choices)

EXPORT_COLUMNS = (
    ExportColumn(gettext_lazy("Rank"), lambda row: row["ranked"].rank),
    ExportColumn(gettext_lazy("Case number"), lambda row: row["household"].number),
    ExportColumn(gettext_lazy("Household"), lambda row: row["household"].name),
    ExportColumn(gettext_lazy("Persons"), lambda row: row["ranked"].candidate.household_size),
    ExportColumn(gettext_lazy("Waiting since"), lambda row: row["ranked"].candidate.waiting_since),
    ExportColumn(
        gettext_lazy("Situation"),
        lambda row: str(_SITUATIONS.get(row["ranked"].candidate.situation, "")),
    ),
    ExportColumn(gettext_lazy("Points"), lambda row: row["ranked"].priority.total),
)


@require_GET
@role_required(*READ_ROLES)
def waiting_list_export(request: HttpRequest) -> HttpResponse:
    """The whole ranked waiting list (with the page's search) as CSV or XLSX; one
    audit event with the cases the file holds."""
    file_format = exports.export_format(request)
    form = WaitingFilterForm(request.GET or None)
    _rule_set, rows = _waiting_rows(request, form, timezone.localdate())
    kept = exports.bounded(rows)
    if kept is None:
        return exports.too_many_rows(request, reverse("allocation:waiting_list"))
    audit_export(
        actor=request.actor,
        model=Application,
        query=form.cleaned_data if form.is_valid() else {},
        ids=[row["household"].application_id for row in kept],
        name="waiting list",
        file_format=file_format,
    )
    return exports.export_response(
        file_format=file_format,
        name=pgettext("file name", "waiting list"),
        columns=EXPORT_COLUMNS,
        rows=kept,
    )


@role_required(*READ_ROLES)
def household_priority(request: HttpRequest, application_id: int) -> HttpResponse:
    """One household's points with their reasons, and (for the list roles) the
    forms to adjust them or park the household."""
    actor = request.actor
    application = get_for_actor(
        Application.objects.select_related("applicant"), actor, pk=application_id
    )
    today = timezone.localdate()
    rule_set = rule_set_for(actor.municipality, today)
    found, _shown = selectors.candidates(
        actor.municipality, today, Application.objects.filter(pk=application.pk)
    )
    waiting = (
        selectors.waiting_applications(actor.municipality, today).filter(pk=application.pk).exists()
    )
    prio = priority_rules(rule_set) if rule_set else None
    parts = (
        _part_rows(rules.priority(found[0], prio, today), _group_names(actor.municipality))
        if found and prio
        else []
    )
    can_edit = actor.has_role(*LIST_ROLES)
    adjust_form = AdjustForm(prefix="adjust")
    park_form = ParkForm(prefix="park")
    if request.method == "POST" and can_edit:
        if "adjust-points" in request.POST:
            adjust_form = AdjustForm(request.POST, prefix="adjust")
            if adjust_form.is_valid() and service_or_errors(
                adjust_form,
                lambda: household_services.priority_adjust(
                    actor=actor, application=application, **adjust_form.cleaned_data
                ),
            ):
                messages.success(request, _("The adjustment was saved."))
                return redirect("allocation:household_priority", application_id=application.pk)
        elif "park-until" in request.POST:
            park_form = ParkForm(request.POST, prefix="park")
            if park_form.is_valid() and service_or_errors(
                park_form,
                lambda: household_services.park(
                    actor=actor, application=application, today=today, **park_form.cleaned_data
                ),
            ):
                messages.success(request, _("The household is parked."))
                return redirect("allocation:household_priority", application_id=application.pk)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=application)
    return render(
        request,
        "allocation/household_priority.html",
        {
            "application": application,
            "rule_set": rule_set,
            "parts": parts,
            "total": sum(p["points"] for p in parts),
            "waiting": waiting,
            "adjustments": application.priority_adjustments.select_related("created_by")[:10],
            "parkings": application.parkings.select_related("created_by")[:10],
            "offers": application.offers.select_related("dwelling", "decline_reason"),
            "today": today,
            "can_edit": can_edit,
            "adjust_form": adjust_form,
            "park_form": park_form,
        },
    )


@require_POST
@role_required(*LIST_ROLES)
def parking_end(request: HttpRequest, parking_id: int) -> HttpResponse:
    parking = Parking.objects.filter(
        pk=parking_id, application__municipality=request.actor.municipality, ended_on__isnull=True
    ).first()
    if parking is None:
        raise Http404
    household_services.unpark(actor=request.actor, parking=parking, today=timezone.localdate())
    messages.success(request, _("The household is back on the waiting list."))
    return redirect("allocation:household_priority", application_id=parking.application_id)


urlpatterns = [
    path("waiting-list/", waiting_list, name="waiting_list"),
    path("waiting-list/export/", waiting_list_export, name="waiting_list_export"),
    path("households/<int:application_id>/", household_priority, name="household_priority"),
    path("parkings/<int:parking_id>/end/", parking_end, name="parking_end"),
]
