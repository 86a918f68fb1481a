"""The pieces every list export shares: bounded reads, the file in the user's language,
values a spreadsheet reads as they are meant, and audit values shown by name."""

import datetime
import io

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from boligtorg.core.audit_display import value_text
from boligtorg.core.exports import ExportColumn, bounded, file_name, write_csv, write_xlsx
from boligtorg.core.models import AuditAction, AuditEvent

COLUMNS = (
    ExportColumn("Name", lambda row: row["name"]),
    ExportColumn("Day", lambda row: row["day"]),
    ExportColumn("At", lambda row: row["at"]),
    ExportColumn("Done", lambda row: row["done"]),
)
ROW = {
    "name": "=1+1",
    "day": datetime.date(2026, 3, 1),
    "at": datetime.datetime(2026, 3, 1, 11, 30, tzinfo=datetime.UTC),
    "done": True,
}


def test_bounded_gives_every_row_up_to_the_limit_and_none_beyond():
    assert bounded(iter(range(3)), limit=3) == [0, 1, 2]
    assert bounded(iter(range(4)), limit=3) is None


@pytest.mark.django_db
def test_bounded_reads_a_queryset_with_one_row_more_than_the_limit(
    django_assert_num_queries,
):
    for _ in range(3):
        AuditEvent.objects.create(action=AuditAction.VIEW)
    with django_assert_num_queries(1):
        assert bounded(AuditEvent.objects.all(), limit=2) is None


def test_the_file_name_is_in_the_users_language_with_the_date():
    day = datetime.date(2026, 12, 7)
    with translation.override("nb"):
        from django.utils.translation import pgettext

        assert file_name(pgettext("file name", "waiting list"), "xlsx", day) == (
            "venteliste-2026-12-07.xlsx"
        )
    assert file_name("audit log", "csv", day) == "audit-log-2026-12-07.csv"


def test_csv_writes_local_times_iso_dates_and_a_formula_behind_an_apostrophe():
    with translation.override("nb"), timezone.override("Europe/Oslo"):
        text = write_csv(COLUMNS, [ROW]).decode("utf-8")
    assert text == "\ufeffName;Day;At;Done\r\n'=1+1;2026-03-01;2026-03-01 12:30:00;ja\r\n"


def test_xlsx_writes_dates_and_local_times_as_cells_and_a_formula_as_text():
    with timezone.override("Europe/Oslo"):
        content = write_xlsx(COLUMNS, [ROW], "Sheet: [1]")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Sheet 1"
    name, day, at, done = next(sheet.iter_rows(min_row=2))
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+1", "s", True)
    # Spreadsheets have no time zones: the day, and the moment in local time.
    assert day.value.isoformat() == "2026-03-01T00:00:00"
    assert at.value.isoformat() == "2026-03-01T12:30:00"
    assert done.value is True


def test_audit_values_show_labels_dates_and_numbers_in_bokmal():
    from boligtorg.cases.models import Application

    field = Application._meta.get_field
    with translation.override("nb"):
        assert value_text(field("situation"), "at_risk") == "I fare for å miste boligen"
        assert value_text(field("received_on"), "2026-03-04") == "04.03.2026"
        assert value_text(field("needs_wheelchair_access"), "True") == "Ja"
        assert value_text(field("household_income"), "350000") == "350\xa0000"
        assert value_text(field("min_bedrooms"), 1) == "1"
        assert value_text(field("received_on"), "None") == "–"
        assert value_text(None, ["a", "b"]) == "a, b"
