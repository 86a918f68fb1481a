"""The settlement figures: the page, protected for publication like the other
statistics, and the exact export (CSV or XLSX) the office sends to IMDi or the
Immigration Service, audited. Cells a spreadsheet would run as formulas are written
inert (``core.spreadsheet``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from boligtorg.core.audit import audit_record
from boligtorg.core.exports import FORMATS
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.spreadsheet import csv_value, xlsx_append
from boligtorg.core.views import crumbs

from ..access import FIGURE_ROLES
from ..forms.numbers import YearForm
from ..selectors.figures import SettlementFigures, settlement_figures


def _year(request: HttpRequest) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None)
    return form, form.year_or_default()


@role_required(*FIGURE_ROLES)
def figures(request: HttpRequest) -> HttpResponse:
    """The year's figures with small counts hidden (not for a person to be found)."""
    form, year = _year(request)
    return render(
        request,
        "settlement/figures/figures.html",
        {
            "form": form,
            "figures": settlement_figures(actor=request.actor, year=year),
            "crumbs": crumbs(
                request,
                (_("Settlement"), reverse("settlement:overview")),
                current=_("Settlement figures"),
            ),
        },
    )


def export_rows(figures: SettlementFigures, municipality: str) -> Iterator[list[Any]]:
    """The export's rows: a heading, then each table with its exact counts."""
    yield [_("Settlement figures %(year)s") % {"year": figures.year}, municipality]
    yield [_("Exact figures, not for publication.")]
    if figures.goal_source:
        yield [_("National goal"), figures.goal_source]
    for table in figures.tables:
        yield []
        yield [str(table.title), str(table.unit)]
        yield ["", *table.columns, _("Total"), *table.extra_labels]
        for label, cells, total, extras in table.labelled_rows:
            yield [label, *(cell.value for cell in cells), total.value, *extras]
        yield [_("Total"), *(cell.value for cell in table.table.column_totals)]
        for label, value in table.summary:
            yield [label, value]


@role_required(*FIGURE_ROLES)
def figures_export(request: HttpRequest) -> HttpResponse:
    """The exact figures as CSV or XLSX (``?format=``), audited as an export."""
    kind = request.GET.get("format", "csv")
    if kind not in FORMATS:
        raise Http404
    _form, year = _year(request)
    actor = request.actor
    exact = settlement_figures(actor=actor, year=year, exact=True)
    rows = export_rows(exact, actor.municipality.name)
    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([csv_value(value) for value in row])
        content: bytes = out.getvalue().encode("utf-8-sig")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Settlement"))
        for row in rows:
            xlsx_append(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        changes={"report": "settlement_figures", "year": year, "format": kind},
    )
    response = HttpResponse(content, content_type=FORMATS[kind])
    filename = f"{_('settlement')}-{year}.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
