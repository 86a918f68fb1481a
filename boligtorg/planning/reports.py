"""The yearly (KOSTRA) report as PDF (WeasyPrint, through the decision letters'
``render_pdf``) and as an Excel workbook (openpyxl). Both take the report the
selector made, so they show exactly the page's figures: exact (the report the
municipality submits, not for publication), with KOSTRA form 13's items. Text cells go through
``boligtorg.core.spreadsheet``, so a name that looks like a formula stays text."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from boligtorg.cases.letters import render_pdf
from boligtorg.core.spreadsheet import xlsx_append

from .selectors_kostra import KostraLine, KostraReport


def kostra_item_text(line: KostraLine) -> str:
    """The line's KOSTRA form 13 item as a reader sees it; never a guessed number."""
    item = line.item
    if item is None:
        return _("No confirmed KOSTRA item")
    text = (
        _("Form 13, item %(point)s") % {"point": item.point}
        if item.confirmed
        else _("Form 13, item number not confirmed")
    )
    return f"{text} (SSB {item.variable})" if item.variable else text


def kostra_pdf(report: KostraReport, language: str) -> bytes:
    return render_pdf("planning/statistics/kostra_pdf.html", {"report": report}, language)


def kostra_xlsx(report: KostraReport) -> bytes:
    """One sheet: a heading, then KOSTRA item, SSB's name, our name, count and
    percentage per line."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Yearly report"))
    xlsx_append(sheet, [_("Yearly report %(year)s") % {"year": report.year}, report.municipality])
    xlsx_append(sheet, [_("Counted until"), report.counted_until])
    xlsx_append(sheet, [_("Exact figures, not for publication.")])
    xlsx_append(sheet, [])
    xlsx_append(
        sheet, [_("KOSTRA item"), _("Name in the form"), _("Figure"), _("Count"), _("Percent")]
    )
    for line in report.lines:
        name = line.item.name if line.item else ""
        xlsx_append(
            sheet,
            [kostra_item_text(line), name, str(line.label), line.cell.value, line.percent],
        )
    xlsx_append(sheet, [])
    xlsx_append(
        sheet,
        [
            _("No confirmed KOSTRA item"),
            "",
            _("Median days waited by the households waiting at the end of the year"),
            report.median_days_waited,
            None,
        ],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
