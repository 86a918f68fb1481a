import random

import pytest

from boligtorg.cases.models import Application, Person
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.identity import Country, fictitious_national_id

pytestmark = pytest.mark.django_db


def _nid(seed):
    return fictitious_national_id(Country.NORWAY, random.Random(seed))


def test_anonymous_requests_get_401_json(client):
    response = client.get("/api/applications")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log in first."}


def test_kari_registers_person_household_and_application_through_the_api(client, kari, trondheim):
    target_groups_ensure(municipality=trondheim)
    client.force_login(kari)
    person = client.post(
        "/api/persons",
        {"first_name": "Ole", "last_name": "Hansen", "national_id": _nid(1)},
        content_type="application/json",
    )
    assert person.status_code == 201, person.content
    assert person.json()["date_of_birth"]
    household = client.post(
        "/api/households",
        {"members": [{"person_id": person.json()["id"], "relation": "main"}]},
        content_type="application/json",
    )
    assert household.status_code == 201, household.content
    application = client.post(
        "/api/applications",
        {
            "household_id": household.json()["id"],
            "situation": "at_risk",
            "target_groups": ["refugee"],
        },
        content_type="application/json",
    )
    assert application.status_code == 201, application.content
    body = application.json()
    assert body["applicant_name"] == "Ole Hansen"
    assert body["target_groups"] == ["refugee"]
    assert body["status"] == "draft"


def test_an_invalid_national_id_answers_422_naming_the_field(client, kari):
    client.force_login(kari)
    response = client.post(
        "/api/persons",
        {"first_name": "Ole", "last_name": "Hansen", "national_id": "01019912345"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "national_id"]
    assert not Person.objects.exists()


def test_a_schema_error_answers_422_naming_the_field(client, kari, ole_case):
    client.force_login(kari)
    response = client.patch(
        f"/api/applications/{ole_case.pk}",
        {"version": ole_case.version, "min_bedrooms": 42},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "min_bedrooms" in str(response.json()["detail"])


def test_malformed_json_is_a_4xx_not_a_500(client, kari):
    client.force_login(kari)
    response = client.post("/api/persons", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_a_household_without_a_main_applicant_answers_422(client, kari, ole):
    client.force_login(kari)
    response = client.post(
        "/api/households",
        {"members": [{"person_id": ole.pk, "relation": "child"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "members"]


def test_a_stale_version_answers_409_and_changes_nothing(client, kari, ole_case):
    client.force_login(kari)
    url = f"/api/applications/{ole_case.pk}"
    first = client.patch(
        url, {"version": ole_case.version, "min_bedrooms": 2}, content_type="application/json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == ole_case.version + 1
    stale = client.patch(
        url, {"version": ole_case.version, "min_bedrooms": 3}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert Application.objects.get(pk=ole_case.pk).min_bedrooms == 2


def test_reading_an_application_is_audited(client, kari, ole_case):
    client.force_login(kari)
    response = client.get(f"/api/applications/{ole_case.pk}")
    assert response.status_code == 200
    assert response.json()["number"] == ole_case.number
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(ole_case.pk)).exists()


def test_the_list_is_paginated_and_searchable(client, kari, ole_case):
    client.force_login(kari)
    body = client.get("/api/applications", {"q": "Hansen"}).json()
    assert body["count"] == 1
    assert body["items"][0]["number"] == ole_case.number


def test_sven_gets_404_for_trondheim_objects_and_sees_none_in_lists(client, sven, ole_case):
    client.force_login(sven)
    assert client.get(f"/api/applications/{ole_case.pk}").status_code == 404
    assert client.get(f"/api/persons/{ole_case.applicant_id}").status_code == 404
    assert client.get("/api/applications").json()["count"] == 0
    assert client.get("/api/persons").json()["count"] == 0


def test_per_the_auditor_reads_but_cannot_write(client, per, ole_case):
    client.force_login(per)
    assert client.get(f"/api/applications/{ole_case.pk}").status_code == 200
    response = client.patch(
        f"/api/applications/{ole_case.pk}",
        {"version": ole_case.version, "min_bedrooms": 2},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert (
        client.post(
            "/api/persons", {"first_name": "A", "last_name": "B"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_the_openapi_schema_and_docs_are_served(client, kari):
    client.force_login(kari)
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/applications" in schema.json()["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode()


def _decision(**overrides):
    from django.utils import timezone

    today = str(timezone.localdate())
    return {
        "outcome": "granted",
        "reasons": "The household is without a dwelling.",
        "legal_basis": "boligsosial-6",
        "decided_on": today,
        "received_on": today,
        "dwelling_type": "ordinary",
        "lease_months": 36,
        **overrides,
    }


def test_kari_decides_a_case_through_the_api_and_the_letter_is_written(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(
        f"/api/applications/{ole_case.pk}/decisions", _decision(), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "granted"
    ole_case.refresh_from_db()
    assert ole_case.status == "decided"
    assert ole_case.decisions.get().letter.read(4) == b"%PDF"


def test_a_short_lease_without_a_reason_answers_422_at_the_field(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(
        f"/api/applications/{ole_case.pk}/decisions",
        _decision(lease_months=12),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ["body", "short_lease_reason"] in [e["loc"] for e in response.json()["detail"]]
    assert not ole_case.decisions.exists()


def test_an_unknown_legal_basis_answers_422(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(
        f"/api/applications/{ole_case.pk}/decisions",
        _decision(legal_basis="abl-59"),  # Danish: not for a Norwegian municipality
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "legal_basis"]


def test_per_cannot_decide_through_the_api(client, per, ole_case):
    client.force_login(per)
    response = client.post(
        f"/api/applications/{ole_case.pk}/decisions", _decision(), content_type="application/json"
    )
    assert response.status_code == 403
