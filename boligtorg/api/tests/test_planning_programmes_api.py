"""API of housing programmes and action plans: read with coverage, create a
project (422 naming the field when the financing does not add up), write a status
report; another municipality's objects answer 404."""

import pytest

from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.planning.factories_programmes import (
    ActionPlanFactory,
    ActivityFactory,
    MainGoalFactory,
    MappedPersonFactory,
    ProgrammeFactory,
)
from boligtorg.planning.models import Project, StatusReport

pytestmark = pytest.mark.django_db
PROJECT = {
    "name": "Klynge Lade",
    "kind": "build",
    "status": "planned",
    "year": 2028,
    "units": 5,
    "need_kind": "cluster",
    "cost": 10_000_000,
    "own_funds": 3_000_000,
    "investment_grant": 7_000_000,
}


@pytest.fixture
def ingrid(trondheim):
    return member("ingrid", trondheim, Role.PLANNER)


def test_ingrid_adds_a_project_and_reads_the_coverage(client, ingrid, trondheim):
    programme = ProgrammeFactory(municipality=trondheim)
    MappedPersonFactory(programme=programme, expected_year=2027)
    client.force_login(ingrid)
    url = f"/api/programmes/{programme.pk}"
    created = client.post(f"{url}/projects", PROJECT, content_type="application/json")
    assert created.status_code == 201, created.content
    body = client.get(url).json()
    assert body["projects"][0]["name"] == "Klynge Lade"
    cluster = {row["year"]: row for row in body["coverage"]["cluster"]}
    assert (cluster[2027]["shortfall"], cluster[2028]["units"]) == (1, 5)


def test_financing_that_does_not_add_up_answers_422_naming_the_field(client, ingrid, trondheim):
    programme = ProgrammeFactory(municipality=trondheim)
    client.force_login(ingrid)
    response = client.post(
        f"/api/programmes/{programme.pk}/projects",
        {**PROJECT, "investment_grant": 6_000_000},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ["body", "own_funds"] in [e["loc"] for e in response.json()["detail"]]
    assert not Project.objects.exists()


def test_ingrid_writes_a_status_report_and_reads_the_plan(client, ingrid, trondheim):
    plan = ActionPlanFactory(municipality=trondheim)
    activity = ActivityFactory(goal=MainGoalFactory(plan=plan))
    client.force_login(ingrid)
    response = client.post(
        f"/api/action-plans/{plan.pk}/status-reports",
        {
            "kind": "annual",
            "period_from": "2026-01-01",
            "period_to": "2026-12-31",
            "progress": [{"activity_id": activity.pk, "status": "done", "note": "Ferdig"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["progress"][0]["status"] == "done"
    read = client.get(f"/api/action-plans/{plan.pk}").json()
    assert read["activities"][0]["name"] == activity.name
    assert StatusReport.objects.count() == 1


def test_a_planner_of_skanderborg_gets_404(client, skanderborg, trondheim):
    programme = ProgrammeFactory(municipality=trondheim)
    plan = ActionPlanFactory(municipality=trondheim)
    client.force_login(member("anne", skanderborg, Role.PLANNER))
    assert client.get(f"/api/programmes/{programme.pk}").status_code == 404
    assert client.get(f"/api/action-plans/{plan.pk}").status_code == 404
    response = client.post(
        f"/api/programmes/{programme.pk}/projects", PROJECT, content_type="application/json"
    )
    assert response.status_code == 404
