"""The case list is a read of many persons: each page shown is one audit event with
the search and the cases shown, and a national id never travels in its URLs."""

import pytest
from django.urls import reverse

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Application
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _list_events():
    return list(AuditEvent.objects.filter(action=AuditAction.LIST).order_by("id"))


def test_each_page_of_the_case_list_is_one_audit_event_with_the_cases_shown(
    client, kari, trondheim
):
    for _ in range(30):
        ApplicationFactory(municipality=trondheim, caseworker=kari, status="submitted")
    client.force_login(kari)
    response = client.get(reverse("cases:list"), {"status": "submitted", "page": "2"})
    shown = [row["number"] for row in response.context["page"].object_list]
    [event] = _list_events()
    assert event.actor == kari
    assert event.municipality == trondheim
    assert event.object_type == "cases.application"
    assert event.changes["query"]["status"] == "submitted"
    assert event.changes["query"]["page"] == 2
    numbers = dict(Application.objects.values_list("pk", "number"))
    assert [numbers[int(pk)] for pk in event.changes["ids"]] == shown
    assert len(shown) == 5


def test_a_case_search_posts_and_its_url_carries_a_key_not_the_national_id(
    client, kari, trondheim, ole_case
):
    for _ in range(30):
        ApplicationFactory(municipality=trondheim, caseworker=kari)
    client.force_login(kari)
    national_id = ole_case.applicant.national_id
    response = client.post(reverse("cases:list"), {"q": national_id, "sort": "number"})
    assert response.status_code == 302
    location = response["Location"]
    assert national_id not in location
    assert "s=" in location
    page = client.get(location)
    assert [row["number"] for row in page.context["page"].object_list] == [ole_case.number]
    # The box shows what was searched; the sort links keep the key, not the id.
    html = page.content.decode()
    assert f'value="{national_id}"' in html
    assert f"q={national_id}" not in html
    [event] = _list_events()
    assert event.changes["query"]["q"] == national_id
    assert event.changes["ids"] == [str(ole_case.pk)]


def test_the_pagination_links_of_a_search_carry_no_search(client, kari, trondheim):
    from boligtorg.cases.factories import HouseholdFactory, PersonFactory

    for _ in range(30):
        person = PersonFactory(municipality=trondheim, last_name="Hansen")
        ApplicationFactory(
            municipality=trondheim, household=HouseholdFactory(municipality=trondheim, main=person)
        )
    client.force_login(kari)
    location = client.post(reverse("cases:list"), {"q": "Hansen"})["Location"]
    html = client.get(location).content.decode()
    assert "page=2" in html
    assert "Hansen" not in location
    assert "q=Hansen" not in html


def test_a_national_id_typed_into_the_url_is_sent_on_without_it(client, kari, ole_case):
    client.force_login(kari)
    national_id = ole_case.applicant.national_id
    response = client.get(reverse("cases:list"), {"q": national_id, "status": "received"})
    assert response.status_code == 302
    assert national_id not in response["Location"]
    assert "status=received" in response["Location"]
    page = client.get(response["Location"])
    assert [row["number"] for row in page.context["page"].object_list] == [ole_case.number]


def test_a_key_from_another_session_shows_the_list_unfiltered(client, kari, per, ole_case):
    client.force_login(kari)
    location = client.post(reverse("cases:list"), {"q": ole_case.applicant.national_id})["Location"]
    client.force_login(per)
    assert client.get(location).context["form"]["q"].value() in (None, "")
