"""The API of the persons proposed: register, list, read, answer and add persons,
with 422 naming the field and 404 across municipalities and countries."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.settlement import responsibility_date

from ..models import Proposal, ProposalSource
from .factories import ProposalFactory, ProposedPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
URL = "/api/settlement/proposals"


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _payload(**extra):
    return {
        "list_reference": "IMDi-2026-11",
        "received_on": (TODAY() - 3 * DAY).isoformat(),
        "bedrooms_needed": 2,
        "persons": [
            {
                "first_name": "Amina",
                "last_name": "Warsame",
                "date_of_birth": "1992-04-02",
                "relation": "main",
            }
        ],
        **extra,
    }


def _locs(response):
    return {tuple(error["loc"]) for error in response.json()["detail"]}


def test_kari_registers_answers_and_adds_a_person_through_the_api(client, kari):
    client.force_login(kari)
    created = _post(client, URL, _payload())
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["source"] == ProposalSource.DISTRIBUTION_LIST
    assert body["persons"][0]["first_name"] == "Amina"
    assert body["health_needs"] is None
    added = _post(
        client,
        f"{URL}/{body['id']}/persons",
        {
            "first_name": "Hodan",
            "last_name": "Warsame",
            "date_of_birth": "2020-01-01",
            "relation": "child",
        },
    )
    assert added.status_code == 201
    version = client.get(f"{URL}/{body['id']}").json()["version"]
    answered = _post(
        client,
        f"{URL}/{body['id']}/answer",
        {
            "answer": "accept",
            "answered_on": TODAY().isoformat(),
            "expected_arrival_on": (TODAY() + 30 * DAY).isoformat(),
            "version": version,
        },
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "accepted"
    assert answered.json()["application_id"] is not None
    listed = client.get(URL).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert AuditEvent.objects.filter(action=AuditAction.LIST, actor=kari).exists()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, actor=kari).exists()


def test_bad_input_answers_422_naming_the_field(client, kari):
    client.force_login(kari)
    response = _post(
        client,
        URL,
        _payload(received_on=(TODAY() + DAY).isoformat(), bedrooms_needed=0, persons=[]),
    )
    assert response.status_code == 422
    assert {("body", "received_on"), ("body", "bedrooms_needed"), ("body", "persons")} <= _locs(
        response
    )
    response = _post(client, URL, _payload(source=ProposalSource.PLACEMENT))
    assert response.status_code == 422
    assert ("body", "source") in _locs(response)
    assert not Proposal.objects.exists()


def test_a_decline_without_a_reason_answers_422_naming_the_reason(client, kari, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    client.force_login(kari)
    response = _post(
        client,
        f"{URL}/{proposal.pk}/answer",
        {"answer": "decline", "answered_on": TODAY().isoformat()},
    )
    assert response.status_code == 422
    assert ("body", "reason") in _locs(response)


def test_a_stale_answer_answers_409(client, kari, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    client.force_login(kari)
    response = _post(
        client,
        f"{URL}/{proposal.pk}/answer",
        {
            "answer": "accept",
            "answered_on": TODAY().isoformat(),
            "expected_arrival_on": TODAY().isoformat(),
            "version": 9,
        },
    )
    assert response.status_code == 409


def test_another_municipalitys_proposal_is_not_found_in_the_api(client, sven, trondheim):
    proposal = ProposedPersonFactory(proposal__municipality=trondheim).proposal
    client.force_login(sven)
    assert client.get(f"{URL}/{proposal.pk}").status_code == 404
    answer = {"answer": "accept", "answered_on": TODAY().isoformat()}
    assert _post(client, f"{URL}/{proposal.pk}/answer", answer).status_code == 404
    person = {"date_of_birth": "2000-01-01", "relation": "child"}
    assert _post(client, f"{URL}/{proposal.pk}/persons", person).status_code == 404


def test_the_other_countrys_source_is_not_found(client, kari, sven):
    client.force_login(kari)
    assert client.get(URL, {"source": "placement"}).status_code == 404
    assert client.get(URL, {"source": "imdi_list"}).status_code == 200
    client.force_login(sven)
    assert client.get(URL, {"source": "imdi_list"}).status_code == 404


def test_sven_registers_a_placement_and_reads_the_responsibility_date(client, sven, skanderborg):
    client.force_login(sven)
    decided = TODAY() - 2 * DAY
    response = _post(
        client,
        URL,
        {
            "list_reference": "US-API-1",
            "received_on": (TODAY() - 9 * DAY).isoformat(),
            "decided_on": decided.isoformat(),
            "persons": [{"date_of_birth": "1990-01-01", "relation": "main"}],
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["responsible_from"] == responsibility_date(decided).isoformat()
    proposal = ProposalFactory(
        municipality=skanderborg, source=ProposalSource.PLACEMENT, decided_on=decided
    )
    declined = _post(
        client,
        f"{URL}/{proposal.pk}/answer",
        {"answer": "decline", "answered_on": TODAY().isoformat(), "reason": "needs"},
    )
    assert declined.status_code == 422


def test_the_api_gives_health_needs_only_to_those_who_may_see_them(client, kari, anders, trondheim):
    proposal = ProposedPersonFactory(
        proposal__municipality=trondheim,
        proposal__health_needs="Dialysis",
        proposal__consent_on=TODAY(),
    ).proposal
    client.force_login(kari)
    assert client.get(f"{URL}/{proposal.pk}").json()["health_needs"] == "Dialysis"
    client.force_login(anders)
    assert client.get(f"{URL}/{proposal.pk}").json()["health_needs"] is None
    unconsented = ProposedPersonFactory(
        proposal__municipality=trondheim, proposal__health_needs="Dialysis"
    ).proposal
    client.force_login(kari)
    assert client.get(f"{URL}/{unconsented.pk}").json()["health_needs"] is None
