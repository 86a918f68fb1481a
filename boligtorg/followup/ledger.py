"""Reading the rent ledger (husleiereskontro) exported from the municipality's
accounts: one row per tenancy and day with the rent owed. Parsed with the
dwelling import's column machinery; a CSV separated by ``;`` or ``,``, with
Norwegian or English headers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from boligtorg.domain.housing import normalise_unit_number
from boligtorg.housing.services import ImportRow, RowError
from boligtorg.housing.transfer import (
    Column,
    csv_lines,
    parse_date,
    parse_decimal,
    parse_rows,
    parse_text,
)

ERROR_EMPTY_LEDGER = _("The file has no rows of rent owed.")

LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("address", "address", parse_text(200), str, ("adresse",), True),
    Column("unit_number", "unit_number", normalise_unit_number, str, ("bruksenhetsnummer",), True),
    Column("as_of", "as_of", parse_date, str, ("dato", "date"), True),
    Column("amount_owed", "amount", parse_decimal(0), str, ("restanse", "skyldig", "owed"), True),
)


def read_ledger_csv(data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    return parse_rows(csv_lines(data), LEDGER_COLUMNS, ERROR_EMPTY_LEDGER)
