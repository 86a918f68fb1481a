"""Reading and writing the dwelling register as CSV (the csv module) and XLSX
(openpyxl), with Kobo's fields (DOMAIN.md, "Kobo compatibility").

The header names are English snake_case names of Kobo's fields; on import the
Norwegian names Kobo's users know (adresse, bruksenhetsnummer, soverom, ...) are
accepted too. Values are the codes the export writes (``apartment``, ``ready``,
``yes``/``no``, features separated by ``;``); labels in the current language are
accepted on import. Export → import → export gives the same file.

Text a spreadsheet would run as a formula (``=HYPERLINK(...)`` as an address) is
written inert by ``boligtorg.core.spreadsheet``: behind an apostrophe in CSV, which
the CSV import takes off again, and as a quote-prefixed string cell in XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from python_calamine import CalamineError, CalamineWorkbook

from boligtorg.core.imports import import_max_bytes, import_max_rows, too_many_rows_message
from boligtorg.core.spreadsheet import csv_unquote, csv_value, xlsx_append
from boligtorg.domain.housing import normalise_unit_number

from .models import DispositionForm, Dwelling, DwellingStatus, DwellingType, Feature
from .services import ImportRow, RowError

ERROR_REQUIRED = _("This column must have a value.")
ERROR_INTEGER = _("Write a whole number.")
ERROR_NUMBER = _("Write a number, e.g. 54.5.")
ERROR_BOOLEAN = _("Write yes or no.")
ERROR_CHOICE = _("Unknown value “%(value)s”. Use one of: %(choices)s.")
ERROR_DATE = _("Write the date as YYYY-MM-DD.")
ERROR_TOO_LONG = _("At most %(max)s characters.")
ERROR_MISSING_COLUMNS = _("The file lacks the columns: %(columns)s.")
ERROR_FILE_TYPE = _("Upload a .csv or an .xlsx file.")
ERROR_ENCODING = _("Save the CSV file as UTF-8 and upload it again.")
ERROR_EMPTY = _("The file has no dwellings.")
ERROR_XLSX = _("This is not an Excel file that can be read (.xlsx).")

YES = {"yes", "y", "true", "1", "ja", "j", "x"}
NO = {"no", "n", "false", "0", "nei", ""}


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass(frozen=True)
class Column:
    name: str
    key: str
    parse: Callable[[str], Any]
    export: Callable[[Any], Any]
    aliases: tuple[str, ...] = ()
    required: bool = False


def parse_text(max_length: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise ValueError(ERROR_TOO_LONG % {"max": max_length})
        return value

    return parse


def _integer(value: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(ERROR_INTEGER) from exc


def parse_decimal(places: int) -> Callable[[str], Decimal | None]:
    quantum = Decimal(1).scaleb(-places)

    def parse(value: str) -> Decimal | None:
        if not value:
            return None
        try:
            number = Decimal(value.replace(" ", "").replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(ERROR_NUMBER) from exc
        if not number.is_finite():
            raise ValueError(ERROR_NUMBER)
        return number.quantize(quantum)

    return parse


def _boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise ValueError(ERROR_BOOLEAN)


def parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValueError(ERROR_DATE) from exc


def _choice_value(choices: type[TextChoices], value: str) -> str:
    lowered = value.lower()
    for code, label in choices.choices:
        if lowered in (code, str(label).lower()):
            return str(code)
    raise ValueError(ERROR_CHOICE % {"value": value, "choices": ", ".join(choices.values)})


def _choice(choices: type[TextChoices]) -> Callable[[str], str | None]:
    codes = frozenset(choices.values)

    def parse(value: str) -> str | None:
        if not value:
            return None
        # Codes first: exported files hold codes, and labels are slow (translated).
        return value.lower() if value.lower() in codes else _choice_value(choices, value)

    return parse


FEATURE_CODES = tuple(Feature.values)


def _features(value: str) -> list[str]:
    if not value:
        return []
    parts = [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
    chosen = {part if part in FEATURE_CODES else _choice_value(Feature, part) for part in parts}
    return [code for code in FEATURE_CODES if code in chosen]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _plain(value: Any) -> Any:
    return "" if value is None else value


COLUMNS: tuple[Column, ...] = (
    Column("address", "address", parse_text(200), lambda d: d.address, ("adresse",), True),
    Column(
        "unit_number",
        "unit_number",
        normalise_unit_number,
        lambda d: d.unit_number,
        ("bruksenhetsnummer",),
        True,
    ),
    Column(
        "dwelling_type",
        "dwelling_type",
        _choice(DwellingType),
        lambda d: d.dwelling_type,
        ("boligtype",),
        True,
    ),
    Column(
        "bedrooms",
        "bedrooms",
        _integer,
        lambda d: d.bedrooms,
        ("soverom", "antall_soverom"),
        True,
    ),
    Column(
        "usable_area",
        "usable_area",
        parse_decimal(1),
        lambda d: _plain(d.usable_area),
        ("bra", "bruksareal"),
    ),
    Column("floor", "floor", _integer, lambda d: _plain(d.floor), ("etasje",)),
    Column(
        "building",
        "building",
        parse_text(100),
        lambda d: d.property.building_name if d.property else "",
        ("bygning",),
    ),
    Column(
        "gnr",
        "gnr",
        _integer,
        lambda d: d.property.gnr if d.property else "",
        ("gardsnummer", "gårdsnummer"),
    ),
    Column(
        "bnr",
        "bnr",
        _integer,
        lambda d: d.property.bnr if d.property else "",
        ("bruksnummer",),
    ),
    Column(
        "owner",
        "owner",
        parse_text(200),
        lambda d: d.landlord.name if d.landlord else "",
        ("eier",),
    ),
    Column(
        "disposition_form",
        "disposition_form",
        _choice(DispositionForm),
        lambda d: d.disposition_form,
        ("disposisjonsform",),
        True,
    ),
    Column("features", "features", _features, lambda d: ";".join(d.features), ("egenskaper",)),
    Column(
        "shared_house",
        "shared_house",
        parse_text(200),
        lambda d: d.shared_house.name if d.shared_house else "",
        ("bofellesskap",),
    ),
    Column(
        "area",
        "area",
        parse_text(100),
        lambda d: d.area.name if d.area else "",
        ("bydel", "omrade"),
    ),
    Column(
        "wheelchair_accessible",
        "wheelchair_accessible",
        _boolean,
        lambda d: _yes_no(d.wheelchair_accessible),
        ("rullestoltilpasset", "wheelchair"),
    ),
    Column("rent", "rent", parse_decimal(0), lambda d: d.rent, ("husleie",), True),
    Column(
        "rent_to_own",
        "rent_to_own",
        _boolean,
        lambda d: _yes_no(d.rent_to_own),
        ("leie_til_eie",),
    ),
    Column("status", "status", _choice(DwellingStatus), lambda d: d.status, (), True),
    Column("contract_start", "head_lease_start", parse_date, lambda d: _iso(d.head_lease_start)),
    Column("contract_end", "head_lease_end", parse_date, lambda d: _iso(d.head_lease_end)),
    Column(
        "contract_rent", "head_lease_rent", parse_decimal(0), lambda d: _plain(d.head_lease_rent)
    ),
    Column(
        "rent_guarantee", "rent_guarantee", parse_decimal(0), lambda d: _plain(d.rent_guarantee)
    ),
    Column("co_op", "co_op_name", parse_text(200), lambda d: d.co_op_name, ("borettslag",)),
    Column("co_op_units", "co_op_units", _integer, lambda d: _plain(d.co_op_units)),
    Column(
        "development", "nomination_development", parse_text(200), lambda d: d.nomination_development
    ),
    Column("fdv_id", "fdv_id", parse_text(50), lambda d: d.fdv_id, ("fdv",)),
)
HEADER = [column.name for column in COLUMNS]


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _normalise_header(value: str) -> str:
    return "_".join(str(value).strip().lower().replace("-", " ").replace("/", " ").split())


def _column_index(header: Sequence[str], columns: Sequence[Column]) -> dict[str, int]:
    """Column name → position in the file; raises FileRejected for a missing one."""
    names = {alias: column.name for column in columns for alias in (column.name, *column.aliases)}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        name = names.get(_normalise_header(title))
        if name and name not in positions:
            positions[name] = index
    missing = [c.name for c in columns if c.required and c.name not in positions]
    if missing:
        raise FileRejected(ERROR_MISSING_COLUMNS % {"columns": ", ".join(missing)})
    return positions


def _cell_text(value: Any) -> str:
    if type(value) is str:  # nearly every cell: CSV has only text
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_rows(
    lines: Iterable[Sequence[Any]],
    columns: Sequence[Column] = COLUMNS,
    empty: Promise | str = ERROR_EMPTY,
    max_rows: int | None = None,
) -> tuple[list[ImportRow], list[RowError]]:
    """Rows of cells (the first is the header) → parsed rows and the errors of
    their cells, by ``columns`` (the dwelling register's unless given; ``empty`` is
    the message for a file without rows). Line numbers count the header as line 1,
    as a spreadsheet does. A file of more lines than ``max_rows`` (the import limit
    ``BOLIGTORG_IMPORT_MAX_ROWS`` unless given; empty lines count too) is refused as
    soon as the reader gets there."""
    limit = max_rows or import_max_rows()
    last_line = limit + 1
    iterator: Iterator[Sequence[Any]] = iter(lines)
    try:
        header = [_cell_text(cell) for cell in next(iterator)]
    except StopIteration as exc:
        raise FileRejected(empty) from exc
    positions = _column_index(header, columns)
    placed = [(column, positions.get(column.name)) for column in columns]
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    for line, cells in enumerate(iterator, start=2):
        if line > last_line:
            raise FileRejected(too_many_rows_message(limit))
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        width = len(texts)
        values: dict[str, Any] = {}
        for column, position in placed:
            text = texts[position] if position is not None and position < width else ""
            if column.required and not text:
                errors.append(RowError(line, column.name, str(ERROR_REQUIRED)))
                continue
            try:
                values[column.key] = column.parse(text)
            except ValueError as exc:
                errors.append(RowError(line, column.name, str(exc)))
        if columns is COLUMNS:
            values.setdefault("building", "")
        rows.append(ImportRow(line, values))
    if not rows:
        raise FileRejected(empty)
    return rows, errors


def csv_lines(data: bytes) -> Iterator[list[str]]:
    """The rows of a CSV file separated by ``;`` (as Norwegian Excel saves it) or
    ``,``, in UTF-8 (with or without a byte-order mark), with the apostrophe our
    exports put before formula-like text taken off."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(ERROR_ENCODING) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    if "'" not in text:  # nearly every file: no cell to look at
        return reader
    return ([csv_unquote(cell) if cell[:1] == "'" else cell for cell in row] for row in reader)


def read_csv(data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    return parse_rows(csv_lines(data))


def _unpacked_size(data: bytes) -> int:
    """The bytes an .xlsx (a zip archive) unpacks to, from its directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileRejected(ERROR_XLSX) from exc


def read_xlsx(data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    """The first sheet of an Excel workbook, read with calamine (a Rust reader about
    a hundred times faster than openpyxl's; bench/dwellings.py measures it).

    A small file can unpack to a sheet far over the row limit, and calamine reads
    the whole sheet: a workbook that unpacks to more than ten times the byte limit
    is refused before it is read, one with too many rows before its cells become
    Python values."""
    if _unpacked_size(data) > 10 * import_max_bytes():
        raise FileRejected(too_many_rows_message())
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        if sheet.height > import_max_rows() + 1:
            raise FileRejected(too_many_rows_message())
        cells = sheet.to_python()
    except CalamineError as exc:
        raise FileRejected(ERROR_XLSX) from exc
    return parse_rows(cells)


def read_upload(name: str, data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return read_csv(data)
    if lowered.endswith(".xlsx"):
        return read_xlsx(data)
    raise FileRejected(ERROR_FILE_TYPE)


def export_rows(dwellings: Iterable[Dwelling]) -> Iterator[list[Any]]:
    """The header, then one row of typed values per dwelling."""
    yield HEADER
    for dwelling in dwellings:
        yield [column.export(dwelling) for column in COLUMNS]


def write_csv(dwellings: Iterable[Dwelling], out: IO[str]) -> None:
    """UTF-8 with a byte-order mark and ``;`` between fields, so Excel in a
    Norwegian or Danish office opens it as columns."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in export_rows(dwellings):
        writer.writerow([csv_value(value) for value in row])


def write_xlsx(dwellings: Iterable[Dwelling], out: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dwellings")
    for row in export_rows(dwellings):
        xlsx_append(sheet, row)
    workbook.save(out)
