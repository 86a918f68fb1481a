"""The API's lists of persons are reads of many persons: each page returned is one
audit event with the parameters and the ids returned, and a national id is
searched through a POST, never in a URL."""

import pytest
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.followup.factories import plan_for

pytestmark = pytest.mark.django_db


def _list_events():
    return list(AuditEvent.objects.filter(action=AuditAction.LIST).order_by("id"))


def test_each_page_of_the_person_list_is_one_audit_event_with_the_ids_returned(
    client, kari, trondheim
):
    for number in range(30):
        PersonFactory(municipality=trondheim, last_name=f"Hansen{number:02}")
    client.force_login(kari)
    body = client.get("/api/persons", {"q": "Hansen", "page": 2}).json()
    [event] = _list_events()
    assert event.actor == kari
    assert event.municipality == trondheim
    assert event.object_type == "cases.person"
    assert event.changes["query"] == {"q": "Hansen", "page": 2, "page_size": 25}
    assert event.changes["ids"] == [str(row["id"]) for row in body["items"]]
    assert len(body["items"]) == 5


def test_a_national_id_in_the_person_lists_url_is_refused_naming_the_field(client, kari, ole_case):
    client.force_login(kari)
    national_id = ole_case.applicant.national_id
    for written in (national_id, f"{national_id[:6]}-{national_id[6:]}", "0101901234"):
        response = client.get("/api/persons", {"q": written})
        assert response.status_code == 422, written
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "q"]
        assert "/api/persons/search" in error["msg"]
    assert not _list_events()


def test_a_person_is_found_by_national_id_through_a_post_and_the_read_audited(
    client, kari, ole_case
):
    client.force_login(kari)
    national_id = ole_case.applicant.national_id
    response = client.post(
        "/api/persons/search", {"q": national_id}, content_type="application/json"
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["items"]] == [ole_case.applicant_id]
    [event] = _list_events()
    assert event.changes["query"]["q"] == national_id
    assert event.changes["ids"] == [str(ole_case.applicant_id)]


def test_the_application_list_refuses_a_national_id_in_the_url_and_searches_by_post(
    client, kari, ole_case
):
    client.force_login(kari)
    national_id = ole_case.applicant.national_id
    refused = client.get("/api/applications", {"q": national_id})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "q"]
    found = client.post(
        "/api/applications/search",
        {"q": national_id, "status": ole_case.status},
        content_type="application/json",
    )
    assert [row["id"] for row in found.json()["items"]] == [ole_case.pk]
    [event] = _list_events()
    assert event.object_type == "cases.application"
    assert event.changes["query"]["q"] == national_id
    assert event.changes["query"]["status"] == ole_case.status
    assert event.changes["ids"] == [str(ole_case.pk)]


def test_the_application_list_audits_its_filters_and_the_page_returned(client, kari, trondheim):
    for _ in range(3):
        ApplicationFactory(municipality=trondheim, status="submitted")
    client.force_login(kari)
    body = client.get("/api/applications", {"status": "submitted", "page_size": 2}).json()
    [event] = _list_events()
    assert event.changes["query"]["status"] == "submitted"
    assert event.changes["ids"] == [str(row["id"]) for row in body["items"]]
    assert event.changes["count"] == 2


def test_the_person_list_writes_one_insert_per_page_whatever_its_length(
    client, kari, trondheim, django_assert_num_queries
):
    for _ in range(3):
        PersonFactory(municipality=trondheim)
    client.force_login(kari)
    # session, user, memberships with their roles, the page, the count, the audit event
    with django_assert_num_queries(6):
        client.get("/api/persons")
    for _ in range(30):
        PersonFactory(municipality=trondheim)
    with django_assert_num_queries(6):
        client.get("/api/persons")


def test_the_follow_up_lists_are_audited(client, trondheim):
    fatima = member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")
    plan = plan_for(municipality=trondheim, coordinator=fatima)
    client.force_login(fatima)
    client.post(
        f"/api/followup/tenancies/{plan.lease_id}/arrears",
        {"as_of": timezone.localdate().isoformat(), "amount": "19000"},
        content_type="application/json",
    )
    plans = client.get("/api/followup/plans").json()
    client.get("/api/followup/warnings", {"level": "watch"})
    plan_event, warning_event = _list_events()
    assert plan_event.object_type == "followup.followupplan"
    assert plan_event.changes["ids"] == [str(row["id"]) for row in plans["items"]]
    assert warning_event.object_type == "housing.lease"
    assert warning_event.object_repr == "early warning"
    assert warning_event.changes["query"] == {"level": "watch"}
    assert warning_event.changes["ids"] == [str(plan.lease_id)]


def test_the_offer_list_and_the_waiting_list_are_audited(client, kari, rules_2000, single, family):
    client.force_login(kari)
    client.get("/api/allocation/offers")
    waiting = client.get("/api/allocation/waiting-list", {"q": family.number}).json()
    offers_event, waiting_event = _list_events()
    assert offers_event.object_type == "allocation.offer"
    assert waiting_event.object_type == "cases.application"
    assert waiting_event.object_repr == "waiting list"
    assert waiting_event.changes["query"]["q"] == family.number
    assert waiting_event.changes["ids"] == [str(row["application_id"]) for row in waiting["items"]]
    assert waiting_event.changes["ids"] == [str(family.pk)]


def test_a_household_with_its_members_is_found_by_name_through_the_person_search(
    client, kari, trondheim
):
    liv = PersonFactory(municipality=trondheim, first_name="Liv", last_name="Berg")
    HouseholdFactory(municipality=trondheim, main=liv)
    client.force_login(kari)
    found = client.post("/api/persons/search", {"q": "Liv Berg"}, content_type="application/json")
    assert [row["id"] for row in found.json()["items"]] == [liv.pk]


def test_a_danish_cpr_number_written_with_its_dash_is_found_by_the_post_search(
    client, sven, skanderborg
):
    person = PersonFactory(municipality=skanderborg)
    assert len(person.national_id) == 10
    client.force_login(sven)
    written = f"{person.national_id[:6]}-{person.national_id[6:]}"
    assert client.get("/api/persons", {"q": written}).status_code == 422
    found = client.post("/api/persons/search", {"q": written}, content_type="application/json")
    assert [row["id"] for row in found.json()["items"]] == [person.pk]
