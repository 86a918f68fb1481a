"""The yearly start-loan report: a year picker, the exact figures, and PDF and Excel
downloads (each audited). The year form is the statistics pages' own."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs
from boligtorg.planning.views.statistics import YearForm

from .. import reports
from ..access import REPORT_ROLES
from ..selectors.reports import FinancingReport, financing_report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _report(request: HttpRequest) -> tuple[YearForm, FinancingReport | None]:
    form = YearForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    report = financing_report(
        actor=request.actor, year=form.year_or_default(), today=timezone.localdate()
    )
    return form, report


def _page(
    request: HttpRequest, form: YearForm, report: FinancingReport | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "finance/reports/report.html",
        {
            "form": form,
            "report": report,
            # No link to the case list: a planner reads the report but not the cases.
            "crumbs": crumbs(request, current=_("Start-loan report")),
        },
        status=status,
    )


@role_required(*REPORT_ROLES)
def report(request: HttpRequest) -> HttpResponse:
    """The yearly start-loan figures, exact (not for publication)."""
    form, result = _report(request)
    return _page(request, form, result)


def _download(request: HttpRequest, kind: str) -> HttpResponse:
    form, result = _report(request)
    if result is None:
        return _page(request, form, None, status=400)
    if kind == "pdf":
        content = reports.financing_report_pdf(result, translation.get_language() or "nb")
    else:
        content = reports.financing_report_xlsx(result)
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        changes={"report": "start_loans", "year": result.year, "format": kind},
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="start-loans-{result.year}.{kind}"'
    return response


@role_required(*REPORT_ROLES)
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


@role_required(*REPORT_ROLES)
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")
