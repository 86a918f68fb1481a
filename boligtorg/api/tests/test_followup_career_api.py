import datetime

import pytest
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.followup.factories_career import (
    DecisionConditionFactory,
    HousingTenureFactory,
    granted_decision,
    transition_case,
)
from boligtorg.followup.models import ConditionReview, TenureKind

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def case(trondheim, kari):
    return transition_case(trondheim, kari)


@pytest.fixture
def condition(case):
    return DecisionConditionFactory(decision=granted_decision(case[0]), text="Ta imot besøk")


def test_kari_reads_the_conditions_of_a_decision_and_the_read_is_audited(
    client, kari, case, condition
):
    client.force_login(kari)
    response = client.get(f"/api/decisions/{condition.decision_id}/conditions")
    assert response.status_code == 200, response.content
    assert [c["text"] for c in response.json()] == ["Ta imot besøk"]
    assert AuditEvent.objects.filter(
        actor=kari, action=AuditAction.VIEW, object_type="cases.application"
    ).exists()


def test_kari_reviews_a_condition_through_the_api(client, kari, condition):
    client.force_login(kari)
    response = client.post(
        f"/api/conditions/{condition.pk}/reviews",
        {"reviewed_on": timezone.localdate().isoformat(), "outcome": "partly_met", "notes": "Ok"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "partly_met"
    assert response.json()["reviewed_by"] == "kari"


def test_a_review_before_the_decision_answers_422_naming_the_field(client, kari, condition):
    client.force_login(kari)
    early = condition.decision.decided_on - DAY
    response = client.post(
        f"/api/conditions/{condition.pk}/reviews",
        {"reviewed_on": early.isoformat(), "outcome": "met"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "reviewed_on"]
    assert not ConditionReview.objects.exists()


def test_the_auditor_reads_but_cannot_review(client, per, condition):
    client.force_login(per)
    assert client.get(f"/api/decisions/{condition.decision_id}/conditions").status_code == 200
    response = client.post(
        f"/api/conditions/{condition.pk}/reviews",
        {"reviewed_on": timezone.localdate().isoformat(), "outcome": "met"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_sven_gets_404_for_trondheims_conditions_and_careers(client, sven, case, condition):
    client.force_login(sven)
    assert client.get(f"/api/decisions/{condition.decision_id}/conditions").status_code == 404
    response = client.post(
        f"/api/conditions/{condition.pk}/reviews",
        {"reviewed_on": timezone.localdate().isoformat(), "outcome": "met"},
        content_type="application/json",
    )
    assert response.status_code == 404
    person = case[0].applicant
    assert client.get(f"/api/persons/{person.pk}/housing-career").status_code == 404


def test_a_persons_housing_career_is_newest_first_and_audited(client, kari, case):
    application, lease = case
    person = application.applicant
    HousingTenureFactory(
        person=person,
        kind=TenureKind.INSTITUTION,
        started_on=lease.start - 300 * DAY,
        ended_on=lease.start - DAY,
    )
    client.force_login(kari)
    response = client.get(f"/api/persons/{person.pk}/housing-career")
    assert response.status_code == 200, response.content
    entries = response.json()["entries"]
    assert [(e["kind"], e["source"], e["direction"]) for e in entries] == [
        ("transition", "lease", "up"),
        ("institution", "tenure", None),
    ]
    assert entries[0]["lease_id"] == lease.pk
    assert AuditEvent.objects.filter(
        actor=kari, action=AuditAction.VIEW, object_type="cases.person", object_id=str(person.pk)
    ).exists()
