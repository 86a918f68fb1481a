"""The yearly start-loan report as PDF (WeasyPrint, through the letters'
``render_pdf``) and as an Excel workbook (openpyxl), made from the report the
selector made, so both show exactly the page's figures: exact, not for publication.
Text cells go through ``boligtorg.core.spreadsheet`` as the KOSTRA report's do."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from boligtorg.cases.letters import render_pdf
from boligtorg.core.spreadsheet import xlsx_append

from .selectors.reports import BreakdownRow, FinancingReport


def financing_report_pdf(report: FinancingReport, language: str) -> bytes:
    return render_pdf("finance/reports/report_pdf.html", {"report": report}, language)


def _breakdown_header(first: str) -> list[str]:
    return [
        first,
        _("Received"),
        _("Decided"),
        _("Granted"),
        _("Refused"),
        _("Advice only"),
        _("Start loan granted (kr)"),
        _("Grant granted (kr)"),
    ]


def _breakdown_row(row: BreakdownRow) -> list[object]:
    return [
        row.label,
        row.received,
        row.decided,
        row.granted,
        row.refused,
        row.advice,
        int(row.loan_granted),
        int(row.grant_granted),
    ]


def financing_report_xlsx(report: FinancingReport) -> bytes:
    """One sheet: a heading, the figures (name, value), then the tables by target
    group and by purpose."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Start-loan report"))
    xlsx_append(
        sheet, [_("Start-loan report %(year)s") % {"year": report.year}, report.municipality]
    )
    xlsx_append(sheet, [_("Counted until"), report.counted_until])
    xlsx_append(sheet, [_("Exact figures, not for publication.")])
    xlsx_append(sheet, [])
    xlsx_append(sheet, [_("Figure"), _("Value")])
    for line in report.lines:
        value = int(line.value) if line.kroner and line.value is not None else line.value
        xlsx_append(sheet, [str(line.label), value])
    xlsx_append(sheet, [])
    xlsx_append(sheet, _breakdown_header(_("Target group")))
    for row in report.by_target_group:
        xlsx_append(sheet, _breakdown_row(row))
    xlsx_append(sheet, [])
    xlsx_append(sheet, _breakdown_header(_("Purpose")))
    for row in report.by_purpose:
        xlsx_append(sheet, _breakdown_row(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
