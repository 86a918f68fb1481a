"""The statistics pages: figures with charts and tables, the yearly (KOSTRA) report
with its PDF and Excel downloads, and stock versus need. Thin: a form for the
year and the period, a selector, a template; every download is audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligtorg.core.audit import audit_record
from boligtorg.core.forms import DesignsystemetMixin
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Granularity

from .. import reports
from .. import selectors_kostra as kostra
from .. import selectors_statistics as stats
from .. import selectors_stock_need as stock
from ..selectors_statistics import READ_ROLES

GRANULARITY_CHOICES = [
    (Granularity.YEAR.value, gettext_lazy("Year (the last five)")),
    (Granularity.HALF.value, gettext_lazy("Half-year")),
    (Granularity.MONTH.value, gettext_lazy("Month")),
]


class YearForm(DesignsystemetMixin, forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=reporting.FIRST_YEAR,
        max_value=reporting.LAST_YEAR,
        required=False,
    )

    def year_or_default(self) -> int:
        chosen = self.cleaned_data.get("year") if self.is_bound else None
        return chosen or timezone.localdate().year


class StatisticsForm(YearForm):
    granularity = forms.ChoiceField(
        label=gettext_lazy("Periods"), choices=GRANULARITY_CHOICES, required=False
    )


def _statistics_crumbs(request: HttpRequest, current: str) -> list[tuple[str, str]]:
    return crumbs(request, (_("Statistics"), reverse("planning:statistics")), current=current)


@role_required(*READ_ROLES)
def statistics(request: HttpRequest) -> HttpResponse:
    """Applications, decisions, allocations, the waiting list, dwellings and
    follow-up, by period, with a chart and a table each."""
    form = StatisticsForm(request.GET or None)
    figures = None
    if not form.is_bound or form.is_valid():
        chosen = form.cleaned_data.get("granularity") if form.is_bound else ""
        granularity = Granularity(chosen or Granularity.YEAR.value)
        figures = stats.statistics_figures(
            actor=request.actor, year=form.year_or_default(), granularity=granularity
        )
    return render(
        request,
        "planning/statistics/index.html",
        {
            "form": form,
            "figures": figures,
            "crumbs": crumbs(request, current=_("Statistics")),
        },
    )


def _report(request: HttpRequest) -> tuple[YearForm, kostra.KostraReport | None]:
    form = YearForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, kostra.kostra_report(actor=request.actor, year=form.year_or_default())


@role_required(*kostra.REPORT_ROLES)
def kostra_report(request: HttpRequest) -> HttpResponse:
    """The yearly figures for Statistics Norway, exact (not for publication), with
    PDF and Excel downloads; only for the roles that submit the report."""
    form, report = _report(request)
    return render(
        request,
        "planning/statistics/kostra.html",
        {"form": form, "report": report, "crumbs": _statistics_crumbs(request, _("Yearly report"))},
    )


def _download(request: HttpRequest, kind: str) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(
            request,
            "planning/statistics/kostra.html",
            {
                "form": form,
                "report": None,
                "crumbs": _statistics_crumbs(request, _("Yearly report")),
            },
            status=400,
        )
    if kind == "pdf":
        content = reports.kostra_pdf(report, translation.get_language() or "nb")
        content_type = "application/pdf"
    else:
        content = reports.kostra_xlsx(report)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        changes={"report": "kostra", "year": report.year, "format": kind},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kostra-{report.year}.{kind}"'
    return response


@role_required(*kostra.REPORT_ROLES)
def kostra_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


@role_required(*kostra.REPORT_ROLES)
def kostra_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@role_required(*READ_ROLES)
def stock_need(request: HttpRequest) -> HttpResponse:
    """Dwellings by size, type, accessibility and area against the households
    waiting, with the gaps marked."""
    context: dict[str, Any] = {
        "view": stock.stock_need(actor=request.actor),
        "crumbs": _statistics_crumbs(request, _("Stock versus need")),
    }
    return render(request, "planning/statistics/stock_need.html", context)
