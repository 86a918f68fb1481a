"""The statistics API: the same figures as the pages, suppressed the same way, and
a 422 naming the field for a bad year or granularity."""

import pytest

from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.planning.factories_statistics import year_of_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(trondheim, kari):
    return year_of_work(trondheim, kari)


def test_kari_reads_the_figures_as_json(client, kari, work):
    client.force_login(kari)
    response = client.get("/api/planning/statistics", {"year": work.year, "granularity": "half"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["periods"] == [f"{work.year}-H1", f"{work.year}-H2"]
    assert body["suppressed_below"] == 5
    decisions = next(f for f in body["figures"] if f["key"] == "decisions")
    assert [row["total"] for row in decisions["rows"]] == [12, 5]


def test_the_yearly_report_gives_a_manager_exact_figures_with_kostras_items(
    client, trondheim, work
):
    mona = member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")
    client.force_login(mona)
    body = client.get("/api/planning/statistics/yearly-report", {"year": work.year}).json()
    assert body["municipality"] == "Trondheim"
    assert body["suppressed_below"] is None
    figures = body["figures"]
    assert figures["applications_received"] == 17
    assert figures["allocated"] == 6
    assert (figures["allocated_new"], figures["allocated_transfer"]) == (5, 1)
    assert body["items"]["dwellings_owned"] == {
        "form": "13",
        "point": "2",
        "name": "Kommunalt eide boliger",
    }
    assert "applications_received" not in body["items"]
    assert body["median_days_waited"] == 296.0


def test_kari_the_caseworker_gets_no_exact_report(client, kari, work):
    client.force_login(kari)
    response = client.get("/api/planning/statistics/yearly-report", {"year": work.year})
    assert response.status_code == 403


def test_stock_versus_need_as_json(client, kari, work):
    client.force_login(kari)
    body = client.get("/api/planning/statistics/stock-need").json()
    two = next(row for row in body["by_size"] if row["households_waiting"] == 6)
    assert (two["dwellings"], two["vacant"], two["shortfall"], two["gap"]) == (8, 1, 5, True)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": 1899}, "year"),
        ({"year": "abc"}, "year"),
        ({}, "year"),
        ({"year": 2025, "granularity": "week"}, "granularity"),
    ],
)
def test_a_bad_year_or_granularity_is_a_422_naming_the_field(client, kari, params, field):
    client.force_login(kari)
    response = client.get("/api/planning/statistics", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_per_the_auditor_gets_403_and_a_visitor_401(client, per):
    assert client.get("/api/planning/statistics/stock-need").status_code == 401
    client.force_login(per)
    assert client.get("/api/planning/statistics/stock-need").status_code == 403
