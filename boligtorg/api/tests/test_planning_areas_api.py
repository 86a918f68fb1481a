"""The areas API: the same rules as the pages, JSON errors naming the field, 404
for another municipality's area."""

import pytest
from django.test import override_settings

from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.planning.models import AreaIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def lise(skanderborg):
    return member("lise", skanderborg, Role.PLANNER)


@pytest.fixture
def area_id(client, lise):
    client.force_login(lise)
    response = client.post(
        "/api/planning/areas",
        {"name": "Højvangen", "addresses": ["Højvangen 1", "Højvangen 3"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    return response.json()["id"]


ROW = {
    "area": "Højvangen",
    "year": 2019,
    "residents": 1200,
    "outside_work": "45",
    "convictions_ratio": "2.1",
    "basic_schooling": "65",
    "income_ratio": "50",
    "non_western": "55",
}


def test_a_planner_registers_an_area_imports_rows_and_reads_its_classification(client, area_id):
    response = client.post(
        "/api/planning/indicators/import", {"rows": [ROW]}, content_type="application/json"
    )
    assert response.json() == {"created": 1, "updated": 0}
    years = client.get(f"/api/planning/areas/{area_id}/classifications").json()
    assert years[0]["year"] == 2019
    assert years[0]["classifications"] == ["parallel_society", "vulnerable"]
    assert client.get(f"/api/planning/areas/{area_id}").json()["addresses"] == [
        "Højvangen 1",
        "Højvangen 3",
    ]
    assert client.get(f"/api/planning/areas/{area_id}/indicators").json()[0]["residents"] == 1200


def test_a_bad_row_answers_422_naming_the_row_and_field_and_nothing_is_written(client, area_id):
    rows = [ROW, {**ROW, "area": "Ukendt"}]
    response = client.post(
        "/api/planning/indicators/import", {"rows": rows}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "rows", 1, "area"]
    assert not AreaIndicator.objects.exists()


@override_settings(BOLIGTORG_IMPORT_MAX_ROWS=2)
def test_more_rows_than_an_import_may_hold_answer_422_naming_rows_and_nothing_is_written(
    english, area_id
):
    rows = [{**ROW, "year": year} for year in (2019, 2020, 2021)]
    response = english.post(
        "/api/planning/indicators/import", {"rows": rows}, content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "rows"]
    assert "at most 2 can be imported at once" in error["msg"]
    assert not AreaIndicator.objects.exists()


def test_a_share_above_100_is_refused_by_the_schema(client, area_id):
    response = client.post(
        "/api/planning/indicators/import",
        {"rows": [{**ROW, "non_western": "120"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "non_western" in response.json()["detail"][0]["loc"]


def test_a_bad_boundary_answers_422_naming_the_field(client, lise):
    client.force_login(lise)
    response = client.post(
        "/api/planning/areas",
        {"name": "Mølleparken", "boundary": "not json"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "boundary"]


def test_another_municipalitys_area_is_not_found(client, area_id, kari):
    client.force_login(kari)
    assert client.get(f"/api/planning/areas/{area_id}").status_code == 404
    assert client.get(f"/api/planning/areas/{area_id}/classifications").status_code == 404


def test_a_caseworker_reads_but_cannot_import(client, area_id, sven):
    client.force_login(sven)
    assert client.get("/api/planning/areas").json()["count"] == 1
    response = client.post(
        "/api/planning/indicators/import", {"rows": [ROW]}, content_type="application/json"
    )
    assert response.status_code == 403


NEW_SET = {
    "kind": "vulnerable",
    "name": "Udsat 2030",
    "valid_from": "2030-12-01",
    "needed": 1,
    "criteria": [
        {"indicator": "residents", "comparison": "gte", "threshold": "1000", "required": True},
        {"indicator": "outside_work", "comparison": "gt", "threshold": "45"},
    ],
}


def test_a_set_overlapping_the_current_one_is_refused_until_that_one_is_ended(client, area_id):
    """The 2018 set (in force) overlaps a set from 2030: 422 naming valid_from and
    nothing written; after the 2018 set ends on 30 November 2030 the new one is made."""
    before = client.get("/api/planning/criterion-sets").json()["count"]
    refused = client.post("/api/planning/criterion-sets", NEW_SET, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "valid_from"]
    assert client.get("/api/planning/criterion-sets").json()["count"] == before
    current = next(
        row
        for row in client.get("/api/planning/criterion-sets").json()["items"]
        if row["kind"] == "vulnerable" and row["valid_to"] is None
    )
    ended = client.post(
        f"/api/planning/criterion-sets/{current['id']}/end",
        {"valid_to": "2030-11-30"},
        content_type="application/json",
    )
    assert ended.json()["valid_to"] == "2030-11-30"
    made = client.post("/api/planning/criterion-sets", NEW_SET, content_type="application/json")
    assert made.status_code == 201
    assert [c["indicator"] for c in made.json()["criteria"]] == ["residents", "outside_work"]


def test_an_unknown_kind_or_indicator_answers_422_naming_it(client, area_id):
    bad = {**NEW_SET, "kind": "ghetto", "criteria": [{**NEW_SET["criteria"][0], "indicator": "x"}]}
    response = client.post("/api/planning/criterion-sets", bad, content_type="application/json")
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert locations == [
        ["body", "payload", "kind"],
        ["body", "payload", "criteria", 0, "indicator"],
    ]


def test_another_municipalitys_set_is_not_found_and_a_caseworker_cannot_end_one(
    client, area_id, kari, sven
):
    set_id = client.get("/api/planning/criterion-sets").json()["items"][0]["id"]
    client.force_login(sven)
    assert client.get(f"/api/planning/criterion-sets/{set_id}").status_code == 200
    response = client.post(
        f"/api/planning/criterion-sets/{set_id}/end",
        {"valid_to": "2030-11-30"},
        content_type="application/json",
    )
    assert response.status_code == 403
    client.force_login(kari)
    assert client.get(f"/api/planning/criterion-sets/{set_id}").status_code == 404
