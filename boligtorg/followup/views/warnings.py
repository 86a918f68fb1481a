"""Pages of early warning: the warning list, a tenancy's signals and risk, rent
arrears (by hand and from the rent ledger), complaints and eviction prevention."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import crumbs, paginate
from boligtorg.finance.access import can_read as can_read_financing
from boligtorg.housing.models import Lease
from boligtorg.housing.services import ImportRejected
from boligtorg.housing.transfer import FileRejected

from .. import selectors
from ..access import RULES_ROLES, WARNING_READ_ROLES, WARNING_WRITE_ROLES
from ..forms import (
    ArrearsForm,
    ComplaintForm,
    LedgerUploadForm,
    PreventionForm,
    PreventionOpenForm,
    RiskRulesForm,
)
from ..ledger import read_ledger_csv
from ..models import PreventionCase
from ..services import warnings as services


def _warning_crumbs(request: HttpRequest, lease: Lease | None = None, current: str = "") -> Any:
    trail = [(_("Early warning"), reverse("followup:warning_list"))]
    if lease is not None:
        trail.append((str(lease.dwelling), reverse("followup:tenancy", args=[lease.pk])))
    return crumbs(request, *trail, current=current)


def _lease(request: HttpRequest, lease_id: int) -> Lease:
    return get_for_actor(
        Lease.objects.select_related("dwelling", "household"),
        request.actor,
        pk=lease_id,
    )


@role_required(*WARNING_READ_ROLES)
def warning_list(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", "")
    level = level if level in ("watch", "high") else ""
    page = paginate(request, selectors.warning_list(actor=request.actor, level=level))
    selectors.with_households(page.object_list)
    audit_list_read(
        actor=request.actor,
        model=Lease,
        query={"level": level, "page": page.number},
        ids=[row.lease.pk for row in page.object_list],
        name="early warning",
    )
    loans = selectors.loan_warnings(actor=request.actor)
    if loans.rows:
        audit_list_read(
            actor=request.actor,
            model="finance.financingcase",
            query={},
            ids=[row.case.pk for row in loans.rows],
            name="early warning: missed instalments",
        )
    return render(
        request,
        "followup/warning_list.html",
        {
            "page": page,
            "loans": loans,
            "can_open_financing": can_read_financing(request.actor),
            "level": level,
            "can_edit": request.actor.has_role(*WARNING_WRITE_ROLES),
            "crumbs": crumbs(request, current=_("Early warning")),
        },
    )


@role_required(*WARNING_READ_ROLES)
def tenancy(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = _lease(request, lease_id)
    audit_record(actor=request.actor, action=AuditAction.VIEW, obj=lease)
    return render(
        request,
        "followup/tenancy.html",
        {
            "lease": lease,
            "assessment": selectors.tenancy_risk(lease=lease),
            "signals": selectors.tenancy_signals(lease=lease),
            "can_edit": request.actor.has_role(*WARNING_WRITE_ROLES),
            "crumbs": _warning_crumbs(request, current=str(lease.dwelling)),
        },
    )


def _lease_form_page(
    request: HttpRequest,
    lease_id: int,
    form_class: Any,
    save: Any,
    *,
    title: str,
    done: str,
    initial: dict[str, Any],
) -> HttpResponse:
    lease = _lease(request, lease_id)
    form = form_class(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(form, lambda: save(lease, form.cleaned_data))
    )
    if saved:
        messages.success(request, done)
        return redirect("followup:tenancy", lease_id=lease.pk)
    return render(
        request,
        "followup/lease_form.html",
        {
            "form": form,
            "lease": lease,
            "title": title,
            "crumbs": _warning_crumbs(request, lease, current=title),
        },
    )


@role_required(*WARNING_WRITE_ROLES)
def arrears_create(request: HttpRequest, lease_id: int) -> HttpResponse:
    return _lease_form_page(
        request,
        lease_id,
        ArrearsForm,
        lambda lease, data: services.arrears_record(actor=request.actor, lease=lease, **data),
        title=_("Register rent arrears"),
        done=_("The arrears were registered."),
        initial={"as_of": timezone.localdate()},
    )


@role_required(*WARNING_WRITE_ROLES)
def complaint_create(request: HttpRequest, lease_id: int) -> HttpResponse:
    return _lease_form_page(
        request,
        lease_id,
        ComplaintForm,
        lambda lease, data: services.complaint_record(actor=request.actor, lease=lease, **data),
        title=_("Register a complaint"),
        done=_("The complaint was registered."),
        initial={"received_on": timezone.localdate()},
    )


@role_required(*WARNING_WRITE_ROLES)
def prevention_open(request: HttpRequest, lease_id: int) -> HttpResponse:
    return _lease_form_page(
        request,
        lease_id,
        PreventionOpenForm,
        lambda lease, data: services.prevention_open(actor=request.actor, lease=lease, **data),
        title=_("Open eviction prevention"),
        done=_("Eviction prevention was opened."),
        initial={"opened_on": timezone.localdate()},
    )


@role_required(*WARNING_WRITE_ROLES)
def prevention_edit(request: HttpRequest, prevention_id: int) -> HttpResponse:
    case = get_for_actor(
        PreventionCase.objects.select_related("lease__dwelling", "lease__municipality"),
        request.actor,
        pk=prevention_id,
    )
    form = PreventionForm(request.POST or None, instance=case, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = service_or_errors(
            form,
            lambda: services.prevention_update(
                actor=request.actor, case=case, version=version, **data
            ),
        )
        if saved:
            messages.success(request, _("The eviction-prevention steps were saved."))
            return redirect("followup:tenancy", lease_id=case.lease_id)
    title = _("Eviction prevention")
    return render(
        request,
        "followup/prevention_form.html",
        {
            "form": form,
            "case": case,
            "lease": case.lease,
            "closed": case.closed_on is not None,
            "crumbs": _warning_crumbs(request, case.lease, current=title),
        },
    )


@role_required(*WARNING_WRITE_ROLES)
def arrears_import(request: HttpRequest) -> HttpResponse:
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    row_errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, read_errors = read_ledger_csv(upload.read())
            count = services.arrears_import(actor=request.actor, rows=rows, read_errors=read_errors)
            messages.success(
                request,
                _("The rent ledger was imported: %(count)s entries new or changed.")
                % {"count": count},
            )
            return redirect("followup:warning_list")
        except FileRejected as exc:
            form.add_error("file", str(exc))
        except ImportRejected as exc:
            row_errors = list(exc.errors)
    return render(
        request,
        "followup/arrears_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "crumbs": _warning_crumbs(request, current=_("Import the rent ledger")),
        },
    )


@role_required(*WARNING_READ_ROLES, *RULES_ROLES)
def risk_rules(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    can_edit = actor.has_role(*RULES_ROLES)
    today = timezone.localdate()
    current = services.risk_rules_for(actor.municipality, today)
    initial = {field: getattr(current, field) for field in services.RULE_FIELDS}
    form = RiskRulesForm(
        request.POST if request.method == "POST" and can_edit else None,
        initial={**initial, "valid_from": today + datetime.timedelta(days=1)},
    )
    if request.method == "POST" and can_edit and form.is_valid():
        data = dict(form.cleaned_data)
        if service_or_errors(form, lambda: services.risk_rules_create(actor=actor, **data)):
            messages.success(request, _("The new risk rules were saved."))
            return redirect("followup:risk_rules")
    return render(
        request,
        "followup/risk_rules.html",
        {
            "form": form,
            "current": current,
            "periods": selectors.risk_rule_periods(actor=actor),
            "can_edit": can_edit,
            "crumbs": _warning_crumbs(request, current=_("Risk rules")),
        },
    )
