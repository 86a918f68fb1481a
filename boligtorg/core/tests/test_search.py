"""The header's one search box: persons, national ids, case numbers and addresses,
grouped by kind, only what the user may open, audited, never an id in a URL."""

import pytest
from django.urls import reverse

from boligtorg.cases.factories import PersonFactory
from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.housing.factories import DwellingFactory

pytestmark = pytest.mark.django_db


def _search(client, text):
    posted = client.post(reverse("core:search"), {"q": text})
    assert posted.status_code == 302
    assert text not in posted["Location"]
    return client.get(posted["Location"])


def test_a_national_id_finds_the_person_and_the_case_and_stays_out_of_the_url(
    client, kari, ole_case
):
    client.force_login(kari)
    client.cookies["django_language"] = "en"

    page = _search(client, ole_case.applicant.national_id)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Ole Hansen" in html
    assert reverse("cases:detail", args=[ole_case.pk]) in html
    assert ole_case.applicant.national_id not in page.request["QUERY_STRING"]


def test_a_case_number_a_name_and_an_address_each_find_their_kind(
    client, kari, trondheim, ole_case
):
    dwelling = DwellingFactory(municipality=trondheim, address="Munkegata 12")
    client.force_login(kari)

    by_number = _search(client, ole_case.number).context["results"]
    by_name = _search(client, "hansen ole").context["results"]
    by_address = _search(client, "munkegata").context["results"]

    assert [row["pk"] for row in by_number.cases] == [ole_case.pk]
    assert [p.name for p in by_name.persons] == ["Ole Hansen"]
    assert [row["pk"] for row in by_address.dwellings] == [dwelling.pk]
    assert by_address.persons == [] and by_address.cases == []


def test_every_search_is_audited_as_a_list_read_with_what_it_showed(client, kari, ole_case):
    client.force_login(kari)

    _search(client, "Hansen")

    event = AuditEvent.objects.get(actor=kari, action=AuditAction.LIST, object_type="core.search")
    assert f"case:{ole_case.pk}" in event.changes["ids"]


def test_skanderborg_sees_none_of_trondheims_persons_cases_or_dwellings(
    client, sven, trondheim, ole_case
):
    DwellingFactory(municipality=trondheim, address="Hansens gate 1")
    client.force_login(sven)

    results = _search(client, "Hansen").context["results"]

    assert results.count == 0


def test_a_person_without_a_case_the_user_may_open_is_not_shown(client, kari, trondheim):
    PersonFactory(municipality=trondheim, first_name="Nora", last_name="Berg")
    client.force_login(kari)

    results = _search(client, "Berg").context["results"]

    assert results.persons == []


def test_the_search_box_is_in_the_header_for_case_readers_only(client, kari, trondheim):
    allocator = member("anne", trondheim, Role.ALLOCATION_MEMBER)
    client.force_login(kari)
    karis = client.get(reverse("dashboard")).content.decode()
    client.force_login(allocator)
    annes = client.get(reverse("dashboard")).content.decode()

    assert 'id="header-search"' in karis
    assert 'id="header-search"' not in annes
    assert client.get(reverse("core:search")).status_code == 403


def test_an_empty_search_shows_how_to_search_and_audits_nothing(client, kari):
    client.force_login(kari)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("core:search")).content.decode()

    assert "Type a name, a national id" in page
    assert not AuditEvent.objects.filter(object_type="core.search").exists()
