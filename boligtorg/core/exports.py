"""Lists downloaded as CSV or XLSX: the case list, the waiting list, the audit log.

Each export is the page's own selector with the page's filters, so it holds exactly
the rows the page would show across all its pages, scoped and checked as the page
is. Headings and choice labels are in the user's language, as is the file name
(with the day's date). Cells that a spreadsheet would run as a formula are written
inert by ``boligtorg.core.spreadsheet``.

An export is bounded: at most ``BOLIGTORG_EXPORT_MAX_ROWS`` rows are read (one more,
to know there are more); over that the view sends the user back to the page with a
message asking for a narrower filter, rather than a file that silently lacks rows.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from .spreadsheet import csv_value, xlsx_append

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_PARAM = "format"

ERROR_TOO_MANY_ROWS = gettext_lazy(
    "More than %(rows)s rows match, more than an export holds. Narrow the filter and export again."
)


@dataclass(frozen=True)
class ExportColumn:
    """A column of an export: its heading (translated when the file is written) and
    the value of a row in it."""

    heading: str | Promise
    value: Callable[[Any], Any]


def export_max_rows() -> int:
    return settings.BOLIGTORG_EXPORT_MAX_ROWS


def export_format(request: HttpRequest) -> str:
    """``csv`` or ``xlsx`` from ``?format=`` (CSV when absent); 404 for anything else."""
    file_format = request.GET.get(FORMAT_PARAM, "csv")
    if file_format not in FORMATS:
        raise Http404
    return file_format


def bounded(rows: Iterable[Any], limit: int | None = None) -> list[Any] | None:
    """The first ``limit`` rows (the setting unless given) as a list, or None when
    there are more: a slice of one more row, so a queryset reads at most that."""
    limit = export_max_rows() if limit is None else limit
    if isinstance(rows, QuerySet):
        taken = list(rows[: limit + 1])
    else:
        taken = []
        for row in rows:
            taken.append(row)
            if len(taken) > limit:
                break
    return None if len(taken) > limit else taken


def too_many_rows(request: HttpRequest, page_url: str, limit: int | None = None) -> HttpResponse:
    """Back to the list (``page_url``, with the request's filters) with the message
    that the export would be over the limit."""
    rows = number_format(export_max_rows() if limit is None else limit, force_grouping=True)
    messages.error(request, ERROR_TOO_MANY_ROWS % {"rows": rows})
    query = request.GET.copy()
    query.pop(FORMAT_PARAM, None)
    return HttpResponseRedirect(f"{page_url}?{query.urlencode()}" if query else page_url)


def _cell(value: Any) -> Any:
    """A value as a spreadsheet cell: text for lazy text, local time for a moment
    (XLSX cannot hold a time zone), dates and numbers as they are."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return csv_value(value)


def _matrix(columns: Sequence[ExportColumn], rows: Iterable[Any]) -> Iterable[list[Any]]:
    yield [str(column.heading) for column in columns]
    for row in rows:
        yield [_cell(column.value(row)) for column in columns]


def write_csv(columns: Sequence[ExportColumn], rows: Iterable[Any]) -> bytes:
    """UTF-8 with a byte-order mark and ``;`` between fields, as the dwelling export,
    so Excel in a Norwegian or Danish office opens it as columns."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for values in _matrix(columns, rows):
        writer.writerow([_csv_text(value) for value in values])
    return out.getvalue().encode("utf-8")


def write_xlsx(columns: Sequence[ExportColumn], rows: Iterable[Any], sheet_name: str) -> bytes:
    workbook = Workbook(write_only=True)
    # A sheet's name is at most 31 characters and may not hold []:*?/\.
    sheet = workbook.create_sheet(
        "".join(c for c in sheet_name if c not in "[]:*?/\\")[:31] or "export"
    )
    for values in _matrix(columns, rows):
        xlsx_append(sheet, values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file_name(name: str | Promise, file_format: str, on: datetime.date | None = None) -> str:
    """``name`` (translated: "saker") with the date, e.g. ``saker-2026-12-07.csv``."""
    day = on or timezone.localdate()
    stem = "-".join(str(name).split())
    return f"{stem}-{day.isoformat()}.{file_format}"


def export_response(
    *,
    file_format: str,
    name: str | Promise,
    columns: Sequence[ExportColumn],
    rows: Iterable[Any],
) -> HttpResponse:
    """The download of ``rows`` in ``columns`` as ``file_format``, named ``name``
    and the date in the user's language."""
    if file_format == "csv":
        content = write_csv(columns, rows)
    else:
        content = write_xlsx(columns, rows, str(name))
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(True, file_name(name, file_format))
    return response
