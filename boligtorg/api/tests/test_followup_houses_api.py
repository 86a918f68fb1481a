import datetime

import pytest
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.followup.factories_houses import (
    HouseRuleFactory,
    ResidentMeetingFactory,
    shared_house_with_residents,
)
from boligtorg.followup.models import HouseRule, ResidentMeeting

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def fatima(trondheim):
    return member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")


@pytest.fixture
def lade(trondheim):
    return shared_house_with_residents(trondheim)


def _meetings_url(house):
    return f"/api/shared-houses/{house.pk}/resident-meetings"


def test_fatima_records_a_meeting_with_attendance_and_an_action(client, fatima, lade):
    house, (hala, tekle, _yonas) = lade
    client.force_login(fatima)
    response = client.post(
        _meetings_url(house),
        {
            "held_on": TODAY.isoformat(),
            "topics": "Gangvask",
            "attendee_ids": [hala.pk, tekle.pk],
            "staff_ids": [fatima.pk],
            "actions": [{"text": "Lage liste", "responsible": "Hala", "due_on": None}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert {p["first_name"] for p in body["attendees"]} == {"Hala", "Tekle"}
    assert body["actions"][0]["text"] == "Lage liste"
    read = client.get(f"/api/resident-meetings/{body['id']}")
    assert read.status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="followup.residentmeeting"
    ).exists()
    listed = client.get(_meetings_url(house)).json()
    assert listed["count"] == 1


def test_a_meeting_in_the_future_answers_422_naming_the_field_and_writes_nothing(
    client, fatima, lade
):
    house, _people = lade
    client.force_login(fatima)
    response = client.post(
        _meetings_url(house),
        {
            "held_on": (TODAY + datetime.timedelta(days=3)).isoformat(),
            "topics": "Hage",
            "actions": [{"text": "Klippe plenen", "responsible": "Alle"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ["body", "held_on"] in [error["loc"] for error in response.json()["detail"]]
    assert not ResidentMeeting.objects.exists()


def test_an_action_due_before_the_meeting_rolls_the_whole_meeting_back(client, fatima, lade):
    house, _people = lade
    client.force_login(fatima)
    response = client.post(
        _meetings_url(house),
        {
            "held_on": TODAY.isoformat(),
            "topics": "Hage",
            "actions": [
                {"text": "Klippe", "responsible": "Alle", "due_on": "2000-01-01"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ["body", "due_on"] in [error["loc"] for error in response.json()["detail"]]
    assert not ResidentMeeting.objects.exists()


def test_another_municipalitys_person_as_attendee_answers_422(client, fatima, lade, skanderborg):
    from boligtorg.cases.factories import PersonFactory

    house, _people = lade
    dane = PersonFactory(municipality=skanderborg)
    client.force_login(fatima)
    response = client.post(
        _meetings_url(house),
        {"held_on": TODAY.isoformat(), "topics": "Hage", "attendee_ids": [dane.pk]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ["body", "attendee_ids"] in [error["loc"] for error in response.json()["detail"]]


def test_house_rules_are_listed_in_order_and_added(client, fatima, lade):
    house, _people = lade
    HouseRuleFactory(shared_house=house, position=2, text="Lufte etter dusjing.")
    HouseRuleFactory(shared_house=house, position=1, text="Ro etter kl. 23.")
    HouseRuleFactory(shared_house=house, position=3, text="Gammel regel", retired_on=TODAY)
    client.force_login(fatima)
    url = f"/api/shared-houses/{house.pk}/house-rules"
    assert [r["text"] for r in client.get(url).json()] == [
        "Ro etter kl. 23.",
        "Lufte etter dusjing.",
    ]
    assert len(client.get(url, {"include_retired": True}).json()) == 3
    response = client.post(
        url,
        {"text": "Varsle naboene før fest.", "source": "residents", "adopted_on": str(TODAY)},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["position"] == 3
    bad = client.post(
        url,
        {"text": "x", "source": "nobody", "adopted_on": str(TODAY)},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "source" in str(bad.json()["detail"])
    assert HouseRule.objects.count() == 4


def test_sven_gets_404_for_trondheims_meetings_and_rules(client, sven, lade):
    house, _people = lade
    meeting = ResidentMeetingFactory(shared_house=house)
    client.force_login(sven)
    assert client.get(_meetings_url(house)).status_code == 404
    assert client.get(f"/api/resident-meetings/{meeting.pk}").status_code == 404
    assert client.get(f"/api/shared-houses/{house.pk}/house-rules").status_code == 404
    response = client.post(
        _meetings_url(house),
        {"held_on": TODAY.isoformat(), "topics": "x"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)


def test_a_manager_reads_meetings_but_cannot_record_one(client, trondheim, lade):
    house, _people = lade
    ResidentMeetingFactory(shared_house=house)
    mona = member("mona", trondheim, Role.MANAGER)
    client.force_login(mona)
    assert client.get(_meetings_url(house)).json()["count"] == 1
    response = client.post(
        _meetings_url(house),
        {"held_on": TODAY.isoformat(), "topics": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_per_the_auditor_may_not_read_minutes(client, per, lade):
    house, _people = lade
    client.force_login(per)
    assert client.get(_meetings_url(house)).status_code == 403


def test_each_page_of_a_houses_meetings_is_one_list_event_with_the_meetings_returned(
    client, fatima, lade
):
    house, _residents = lade
    meetings = [
        ResidentMeetingFactory(shared_house=house, held_on=TODAY - datetime.timedelta(days=days))
        for days in (7, 21)
    ]
    client.force_login(fatima)
    body = client.get(_meetings_url(house), {"page_size": 1}).json()
    [event] = AuditEvent.objects.filter(action=AuditAction.LIST)
    assert (event.actor, event.object_type) == (fatima, "followup.residentmeeting")
    assert event.changes["query"] == {"house_id": house.pk, "page": 1, "page_size": 1}
    assert event.changes["ids"] == [str(row["id"]) for row in body["items"]]
    assert event.changes["ids"][0] in {str(m.pk) for m in meetings}
