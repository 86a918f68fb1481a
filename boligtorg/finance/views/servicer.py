"""Pages of the running loan: the hand-over to the loan servicer (the loans waiting,
the hand-overs, their file), the servicer's file of missed instalments, a missed
instalment by hand, and a change of terms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from boligtorg.core.audit import audit_list_read
from boligtorg.core.exports import FORMATS, ExportColumn, export_response
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs
from boligtorg.housing.services import ImportRejected, RowError
from boligtorg.housing.transfer import FileRejected

from ..access import READ_ROLES, WRITE_ROLES
from ..forms.servicer import MissedInstalmentForm, MissedUploadForm, TermsChangeForm
from ..models import FinancingCase
from ..selectors import cases as case_selectors
from ..selectors import servicer as selectors
from ..services import servicer as services
from .cases import _case_crumbs

HANDOVER_COLUMNS = (
    ExportColumn(gettext_lazy("Case number"), lambda r: r.case.number),
    ExportColumn(gettext_lazy("Borrower"), lambda r: r.borrower),
    ExportColumn(gettext_lazy("National id"), lambda r: r.national_id),
    ExportColumn(gettext_lazy("Address of the home"), lambda r: r.address),
    ExportColumn(gettext_lazy("Amount paid out"), lambda r: r.paid_out),
    ExportColumn(gettext_lazy("Paid out on"), lambda r: r.paid_on),
    ExportColumn(gettext_lazy("Repayment"), lambda r: r.method),
    ExportColumn(gettext_lazy("Term in years"), lambda r: r.years),
    ExportColumn(gettext_lazy("Years without instalments"), lambda r: r.interest_only_years),
    ExportColumn(gettext_lazy("Interest rate"), lambda r: r.rate_kind),
    ExportColumn(gettext_lazy("Nominal rate (%)"), lambda r: r.rate),
    ExportColumn(gettext_lazy("Instalments per year"), lambda r: r.periods_per_year),
    ExportColumn(gettext_lazy("Due day"), lambda r: r.due_day),
    ExportColumn(gettext_lazy("First due date"), lambda r: r.first_due),
)


def _servicer_crumbs(request: HttpRequest, current: str) -> Any:
    return crumbs(
        request,
        (_("Financing"), reverse("finance:case_list")),
        (_("Loan servicer"), reverse("finance:handover_list")),
        current=current,
    )


@role_required(*READ_ROLES)
def handover_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    waiting = selectors.loans_waiting(actor=actor)
    if waiting:  # the page names the borrowers
        audit_list_read(
            actor=actor,
            model=FinancingCase,
            query={},
            ids=[row.case.pk for row in waiting],
            name="loans waiting for the loan servicer",
        )
    return render(
        request,
        "finance/servicer/handover_list.html",
        {
            "waiting": waiting,
            "handovers": selectors.handover_list(actor=actor),
            "can_write": actor.has_role(*WRITE_ROLES),
            "crumbs": crumbs(
                request, (_("Financing"), reverse("finance:case_list")), current=_("Loan servicer")
            ),
        },
    )


@require_POST
@role_required(*WRITE_ROLES)
def handover_create(request: HttpRequest) -> HttpResponse:
    try:
        handover = services.handover_create(actor=request.actor)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The loans are handed over. Download the file and send it to the loan servicer."),
        )
        return redirect(f"{reverse('finance:handover_list')}#handover-{handover.pk}")
    return redirect("finance:handover_list")


@role_required(*READ_ROLES)
def handover_file(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = selectors.handover_get(actor=request.actor, pk=handover_id)
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        raise Http404
    rows = selectors.handover_rows(actor=request.actor, handover=handover, file_format=file_format)
    return export_response(
        file_format=file_format,
        name=f"{selectors.HANDOVER_EXPORT_NAME} {handover.pk}",
        columns=HANDOVER_COLUMNS,
        rows=rows,
    )


@role_required(*WRITE_ROLES)
def missed_import(request: HttpRequest) -> HttpResponse:
    form = MissedUploadForm(request.POST or None, request.FILES or None)
    row_errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows, read_errors = services.read_missed_csv(form.cleaned_data["file"].read())
            count = services.missed_instalments_import(
                actor=request.actor, rows=rows, read_errors=read_errors
            )
        except FileRejected as exc:
            form.add_error("file", str(exc))
        except ImportRejected as exc:
            row_errors = exc.errors
        else:
            messages.success(
                request,
                _("The servicer's file was imported: %(count)s missed instalments.")
                % {"count": count},
            )
            return redirect("finance:handover_list")
    return render(
        request,
        "finance/servicer/missed_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "crumbs": _servicer_crumbs(request, _("Import missed instalments")),
        },
    )


def _case(request: HttpRequest, financing_id: int):  # noqa: ANN202
    return case_selectors.financing_case_get(actor=request.actor, pk=financing_id, audit=False)


@role_required(*WRITE_ROLES)
def missed_add(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    form = MissedInstalmentForm(request.POST or None, initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.missed_instalment_record(actor=request.actor, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The missed instalment is registered."))
            return redirect("finance:case_detail", case.pk)
    title = _("Register a missed instalment")
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "lead": _(
                "An instalment the loan servicer reported missed. The household then shows "
                "in follow-up's early warning."
            ),
            "submit": title,
            "crumbs": _case_crumbs(request, case, title),
        },
    )


@role_required(*WRITE_ROLES)
def terms_change_add(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _case(request, financing_id)
    form = TermsChangeForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_change_record(actor=request.actor, case=case, **form.change())
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The change of terms is recorded."))
            return redirect("finance:case_detail", case.pk)
    title = _("Record a change of terms")
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "lead": _(
                "Payment problems: instalments postponed, or interest added to the loan "
                "(at most 2.5 years in all, Husbanken's guidance); or a longer term or "
                "another interest rate."
            ),
            "submit": title,
            "crumbs": _case_crumbs(request, case, title),
        },
    )
