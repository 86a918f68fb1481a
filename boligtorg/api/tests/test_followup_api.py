import datetime

import pytest
from django.utils import timezone

from boligtorg.cases.models import TeamMember
from boligtorg.core.factories import member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.followup.factories import goal_for, plan_for, visit_for
from boligtorg.followup.models import ArrearsEntry, Visit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def fatima(trondheim):
    return member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")


@pytest.fixture
def plan(trondheim, fatima):
    return plan_for(municipality=trondheim, coordinator=fatima)


def test_the_coordinator_reads_the_plan_with_goals_and_visits_and_the_read_is_audited(
    client, plan, fatima
):
    goal_for(plan)
    goal_for(plan, area="health")
    visit_for(plan, fatima)
    client.force_login(fatima)

    response = client.get(f"/api/followup/plans/{plan.pk}")

    assert response.status_code == 200, response.content
    body = response.json()
    assert [g["area"] for g in body["goals"]] == ["economy"]
    assert body["hidden_goals"] == 1
    assert len(body["visits"]) == 1
    assert AuditEvent.objects.filter(
        object_type="followup.followupplan", object_id=str(plan.pk), action="view"
    ).exists()


def test_someone_outside_the_case_team_gets_403_and_another_municipality_404(
    client, plan, kari, sven
):
    client.force_login(kari)
    assert client.get(f"/api/followup/plans/{plan.pk}").status_code == 403
    client.force_login(sven)
    assert client.get(f"/api/followup/plans/{plan.pk}").status_code == 404


def test_a_goal_with_a_review_date_before_the_plan_answers_422_naming_the_field(
    client, plan, fatima
):
    client.force_login(fatima)

    response = client.post(
        f"/api/followup/plans/{plan.pk}/goals",
        {
            "area": "economy",
            "description": "Pay the rent",
            "responsible_service": "NAV",
            "next_review_on": (plan.started_on - datetime.timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "next_review_on"]


def test_a_visit_for_someone_outside_the_municipality_names_worker_id(client, plan, fatima, sven):
    client.force_login(fatima)

    response = client.post(
        f"/api/followup/plans/{plan.pk}/visits",
        {"planned_at": timezone.now().isoformat(), "worker_id": sven.pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "worker_id"]
    assert not Visit.objects.exists()


def test_a_team_member_plans_and_records_a_missed_visit(client, plan, fatima, trondheim):
    colleague = member("jon", trondheim, Role.FOLLOWUP_WORKER)
    TeamMember.objects.create(application=plan.application, user=colleague, service="NAV")
    client.force_login(colleague)
    planned = client.post(
        f"/api/followup/plans/{plan.pk}/visits",
        {
            "planned_at": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
            "worker_id": colleague.pk,
        },
        content_type="application/json",
    )
    assert planned.status_code == 201, planned.content

    recorded = client.post(
        f"/api/followup/visits/{planned.json()['id']}/record",
        {"status": "missed", "notes": "Not at home"},
        content_type="application/json",
    )

    assert recorded.status_code == 200
    assert recorded.json()["status"] == "missed"


def test_arrears_through_the_api_put_the_tenancy_on_the_warning_list(client, plan, fatima):
    client.force_login(fatima)

    created = client.post(
        f"/api/followup/tenancies/{plan.lease_id}/arrears",
        {"as_of": TODAY().isoformat(), "amount": "19000"},
        content_type="application/json",
    )
    warnings = client.get("/api/followup/warnings")
    risk = client.get(f"/api/followup/tenancies/{plan.lease_id}/risk")

    assert created.status_code == 201
    assert [row["lease_id"] for row in warnings.json()] == [plan.lease_id]
    assert risk.json()["contributions"] == [{"signal": "arrears", "points": 40, "quantity": "2.0"}]


def test_negative_arrears_answer_422_and_write_nothing(client, plan, fatima):
    client.force_login(fatima)

    response = client.post(
        f"/api/followup/tenancies/{plan.lease_id}/arrears",
        {"as_of": TODAY().isoformat(), "amount": "-10"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "amount"]
    assert not ArrearsEntry.objects.exists()


def test_an_unknown_warning_level_answers_422(client, fatima):
    client.force_login(fatima)

    response = client.get("/api/followup/warnings?level=purple")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "level"]
