"""The yearly (KOSTRA) report as PDF (WeasyPrint, through the decision letters'
``render_pdf``) and as an Excel workbook (openpyxl). Both take the report the
selector made, so they show exactly the page's figures, suppressed the same way:
a hidden count is the symbol ``:``, never a number. Text cells go through
``boligtorg.core.spreadsheet``, so a name that looks like a formula stays text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from boligtorg.cases.letters import render_pdf
from boligtorg.core.spreadsheet import xlsx_append
from boligtorg.domain.reporting import HIDDEN_SYMBOL

from .selectors_kostra import KostraReport


def kostra_pdf(report: KostraReport, language: str) -> bytes:
    return render_pdf("planning/statistics/kostra_pdf.html", {"report": report}, language)


def kostra_xlsx(report: KostraReport) -> bytes:
    """One sheet: a heading, then code, figure, count and percentage per line."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Yearly report"))
    xlsx_append(sheet, [_("Yearly report %(year)s") % {"year": report.year}, report.municipality])
    xlsx_append(sheet, [_("Counted until"), report.counted_until])
    xlsx_append(
        sheet,
        [
            _("Counts of households from 1 to %(below)s are hidden (%(symbol)s).")
            % {"below": report.threshold - 1, "symbol": HIDDEN_SYMBOL}
        ],
    )
    xlsx_append(sheet, [])
    xlsx_append(sheet, [_("Code"), _("Figure"), _("Count"), _("Percent")])
    for line in report.lines:
        value = HIDDEN_SYMBOL if line.cell.hidden else line.cell.value
        xlsx_append(sheet, [line.code, str(line.label), value, line.percent])
    xlsx_append(sheet, [])
    xlsx_append(
        sheet,
        [
            "median_days_waited",
            _("Median days waited by the households waiting at the end of the year"),
            HIDDEN_SYMBOL if report.median_days_waited is None else report.median_days_waited,
            None,
        ],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
