"""The OpenAPI document names every body by its own schema: two schema classes with
one name would share one component, and one operation would be documented with the
other's body (POST /api/allocation/meetings once showed the resident meeting's)."""

import importlib
import json
import pkgutil
from collections import defaultdict

from ninja import Schema

import boligtorg.api
from boligtorg.api.api import api
from boligtorg.api.tests.operations import operation_models


def _api_schema_classes() -> list[type[Schema]]:
    for module in pkgutil.iter_modules(boligtorg.api.__path__):
        importlib.import_module(f"boligtorg.api.{module.name}")
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("boligtorg.api.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_no_two_api_schema_classes_share_a_name():
    by_name = defaultdict(set)
    for cls in _api_schema_classes():
        by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


def test_no_two_models_of_the_api_operations_share_a_name_with_different_bodies():
    """django-ninja makes a paged answer's class per operation (``PagedPersonOut`` for
    both the person list and the person search): one name for one body is one
    component, as it should be; one name for two bodies is the defect."""
    by_name = defaultdict(dict)
    for model in operation_models():
        body = json.dumps(model.model_json_schema(), sort_keys=True)
        by_name[model.__name__][body] = model
    assert {name: bodies for name, bodies in by_name.items() if len(bodies) > 1} == {}


def test_the_allocation_meeting_is_created_with_the_allocation_meetings_body():
    document = api.get_openapi_schema()
    body = document["paths"]["/api/allocation/meetings"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    name = ref.rsplit("/", 1)[-1]
    assert name == "AllocationMeetingIn"
    fields = document["components"]["schemas"][name]["properties"]
    assert "topics" not in fields  # the resident meeting's
