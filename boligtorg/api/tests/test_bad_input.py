"""Bad input answers 4xx naming the field, never 500: a page number beyond 64 bits, a
NUL byte (PostgreSQL refuses it in text), a time-zone offset no database or zone
library takes, a body over the upload limit."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.api.api import api
from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.followup.factories import plan_for
from boligtorg.followup.models import Visit
from boligtorg.housing.models import Dwelling

pytestmark = pytest.mark.django_db

HUGE_PAGE = "99999999999999999999"  # 20 digits: beyond a 64-bit integer


@pytest.fixture
def ada(trondheim):
    """Ada holds every staff role in Trondheim: no list is closed to her."""
    return member("ada", trondheim, *Role.values, first_name="Ada", last_name="Berg")


def _paginated_lists() -> list[str]:
    paths = api.get_openapi_schema()["paths"]
    return sorted(
        path
        for path, operations in paths.items()
        if "{" not in path
        and "get" in operations
        and any(p["name"] == "page" for p in operations["get"].get("parameters", []))
    )


def test_every_paginated_list_is_found():
    assert {"/api/persons", "/api/applications", "/api/dwellings"} <= set(_paginated_lists())


@pytest.mark.parametrize("path", _paginated_lists())
def test_a_page_number_beyond_64_bits_answers_422_naming_the_page(client, ada, path):
    client.force_login(ada)
    response = client.get(path, {"page": HUGE_PAGE})
    assert response.status_code == 422, response.content
    assert ["query", "page"] in [error["loc"] for error in response.json()["detail"]]


def test_a_resident_meeting_page_beyond_64_bits_answers_422(client, ada):
    client.force_login(ada)
    response = client.get("/api/shared-houses/1/resident-meetings", {"page": HUGE_PAGE})
    assert response.status_code == 422, response.content


def test_the_last_page_and_beyond_answer_an_empty_page_not_an_error(client, ada):
    client.force_login(ada)
    response = client.get("/api/persons", {"page": "1000000"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_every_page_parameter_of_the_api_is_bounded():
    pages = [
        (path, method, parameter.get("schema", {}))
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "page"
    ]
    assert pages
    assert [(path, method) for path, method, schema in pages if "maximum" not in schema] == []


NEW_DWELLING = {
    "address": "Elgeseter gate 12",
    "unit_number": "H0201",
    "dwelling_type": "apartment",
    "bedrooms": 2,
    "usable_area": "54.5",
    "rent": "9800",
    "gnr": 410,
    "bnr": 12,
}


def _locs(response) -> list[list[str]]:  # noqa: ANN001
    return [error["loc"] for error in response.json()["detail"]]


def test_a_nul_in_a_body_text_answers_422_naming_the_field_and_stores_nothing(client, ada):
    client.force_login(ada)
    response = client.post(
        "/api/dwellings",
        {**NEW_DWELLING, "address": "Elgeseter\x00gate 12"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert [loc[-1] for loc in _locs(response)] == ["address"]
    assert not Dwelling.objects.exists()


def test_a_nul_in_a_nested_list_of_a_body_answers_422(client, ada):
    client.force_login(ada)
    response = client.post(
        "/api/shared-houses/1/resident-meetings",
        {"held_on": "2026-01-05", "topics": "Vask", "actions": [{"text": "Kjøp\x00 såpe"}]},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "actions" in _locs(response)[0]


@pytest.mark.parametrize(
    "path", ["/api/persons", "/api/applications", "/api/dwellings", "/api/allocation/waiting-list"]
)
def test_a_nul_in_the_search_answers_422_naming_q(client, ada, path):
    client.force_login(ada)
    response = client.get(path, {"q": "Han\x00sen"})
    assert response.status_code == 422, response.content
    assert _locs(response) == [["query", "q"]]


def _next_week() -> str:
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


@pytest.fixture
def fatimas_plan(trondheim):
    fatima = member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")
    return fatima, plan_for(municipality=trondheim, coordinator=fatima)


def test_a_time_zone_offset_beyond_15_59_answers_422_naming_the_field(client, fatimas_plan):
    fatima, plan = fatimas_plan
    client.force_login(fatima)
    response = client.post(
        f"/api/followup/plans/{plan.pk}/visits",
        {"planned_at": f"{_next_week()}T12:00:00+23:59", "worker_id": fatima.pk},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert [loc[-1] for loc in _locs(response)] == ["planned_at"]
    assert not Visit.objects.exists()


def test_a_time_zone_offset_within_15_59_is_read(client, fatimas_plan):
    fatima, plan = fatimas_plan
    client.force_login(fatima)
    response = client.post(
        f"/api/followup/plans/{plan.pk}/visits",
        {"planned_at": f"{_next_week()}T12:00:00+14:00", "worker_id": fatima.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    planned = datetime.datetime.fromisoformat(f"{_next_week()}T12:00:00+14:00")
    assert Visit.objects.get().planned_at == planned


@pytest.mark.parametrize("path", ["/api/dwellings", "/api/persons"])
def test_a_body_over_the_upload_limit_answers_413_with_json(client, ada, settings, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(ada)
    response = client.post(
        path, {**NEW_DWELLING, "address": "x" * 2000}, content_type="application/json"
    )
    assert response.status_code == 413, response.content
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_every_schema_an_operation_reads_refuses_what_the_database_cannot_store():
    """Every body and query schema derives from InputSchema, so no new one forgets."""
    from ninja.params.models import BodyModel, QueryModel

    from boligtorg.api.inputs import InputSchema
    from boligtorg.api.tests.operations import nested_models

    unguarded = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for wrapper in operation.models:
                    if issubclass(wrapper, BodyModel | QueryModel):
                        for model in nested_models(wrapper):
                            if model.__module__.startswith("boligtorg") and not issubclass(
                                model, InputSchema
                            ):
                                unguarded.add(model.__name__)
    assert unguarded == set()


def test_an_id_beyond_64_bits_in_a_list_answers_422_naming_the_field(client, ada):
    """Found by the fuzzing (test_fuzz_openapi.py): the driver could not send it."""
    client.force_login(ada)
    response = client.post(
        "/api/allocation/meetings",
        {"held_on": "2026-01-05", "title": "Januar", "member_ids": [ada.pk, 2**70]},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert [loc[-1] for loc in _locs(response)] == ["member_ids"]
