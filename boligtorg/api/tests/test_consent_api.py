"""Consent through the API: recorded as a Consent row of the main applicant, the one
way the pages record it; the application's former ``consent_given`` flag answers 422
naming it instead of being dropped silently."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.cases.models import Application, Consent
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _consent(**overrides):
    body = {
        "services": "NAV",
        "covers": ["health"],
        "given_on": TODAY.isoformat(),
        "valid_until": (TODAY + datetime.timedelta(days=365)).isoformat(),
    }
    body.update(overrides)
    return body


def test_kari_records_ole_s_consent_and_the_case_shows_it(client, kari, ole, ole_case):
    client.force_login(kari)
    response = client.post(
        f"/api/applications/{ole_case.pk}/consents", _consent(), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["covers"] == ["health"]
    consent = Consent.objects.get(person=ole)
    assert consent.covers_health and not consent.covers_criminal_record
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="cases.consent", object_id=str(consent.pk)
    ).exists()
    case = client.get(f"/api/applications/{ole_case.pk}").json()
    assert case["consent"]["status"] == "valid"
    assert [c["id"] for c in case["consent"]["current"]] == [consent.pk]
    assert "consent_given" not in case


def test_a_consent_ending_before_it_was_given_answers_422_naming_the_field(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(
        f"/api/applications/{ole_case.pk}/consents",
        _consent(valid_until=(TODAY - datetime.timedelta(days=1)).isoformat()),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "valid_until"]
    assert not Consent.objects.exists()


def test_per_the_auditor_cannot_record_a_consent(client, per, ole_case):
    client.force_login(per)
    response = client.post(
        f"/api/applications/{ole_case.pk}/consents", _consent(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Consent.objects.exists()


@pytest.mark.parametrize("method", ["post", "patch"])
def test_the_former_consent_given_flag_answers_422_naming_it(client, kari, ole_case, method):
    client.force_login(kari)
    if method == "post":
        url = "/api/applications"
        body = {"household_id": ole_case.household_id, "situation": "at_risk"}
    else:
        url = f"/api/applications/{ole_case.pk}"
        body = {"version": ole_case.version, "min_bedrooms": 2}
    response = getattr(client, method)(
        url, {**body, "consent_given": True}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "consent_given"
    assert "POST /api/applications/{id}/consents" in response.json()["detail"][0]["msg"]
    assert Application.objects.count() == 1
    assert Application.objects.get().min_bedrooms == ole_case.min_bedrooms
    assert not Consent.objects.exists()
