"""Walks every URL pattern of the project as a user of Skanderborg who holds every
role, against objects of Trondheim (see boligtorg/core/testing/tenancy.py)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boligtorg.core.audit import audit_record
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.testing.tenancy import EXCLUDED_PREFIXES, MAKERS

pytestmark = pytest.mark.django_db
CANARY = "Canary-Trondheim-Only"
MISSING = 2_000_000_000  # an id no test creates


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}" if entry.name else "", entry


def _project_routes():
    return [
        (route, name, entry)
        for route, name, entry in _walk(get_resolver().url_patterns)
        if not any(route.startswith(p) for p in EXCLUDED_PREFIXES)
    ]


def test_every_route_has_a_name_so_the_walk_can_build_its_url():
    assert not [route for route, name, _ in _project_routes() if not name]


def test_every_url_parameter_has_a_maker():
    missing = {
        name
        for _, _, entry in _project_routes()
        for name in entry.pattern.converters
        if name not in MAKERS
    }
    assert not missing, f"register a maker in core/testing/tenancy.py for: {sorted(missing)}"


def test_the_walk_covers_routes_with_and_without_parameters():
    routes = _project_routes()
    assert any(entry.pattern.converters for _, _, entry in routes)
    assert len(routes) >= 8


def test_a_user_of_b_gets_403_or_404_for_every_object_of_a(client, trondheim, skanderborg):
    values = {name: maker(trondheim) for name, maker in MAKERS.items()}
    intruder = member("intruder", skanderborg, *Role.values)
    client.force_login(intruder)
    leaks = []
    for _, name, entry in _project_routes():
        if not entry.pattern.converters:
            continue
        url = reverse(name, kwargs={key: values[key] for key in entry.pattern.converters})
        missing = reverse(name, kwargs=dict.fromkeys(entry.pattern.converters, MISSING))
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status in (403, 404):
                continue
            # Anything else must be the answer an object that does not exist gets too
            # (405 for the method, 400/422 for a body the API cannot read): answered
            # before any lookup, it cannot tell that A's object exists.
            if not 400 <= status < 500 or status != getattr(client, method)(missing).status_code:
                leaks.append(f"{method.upper()} {url} -> {status}")
    assert not leaks, leaks


def test_pages_without_parameters_show_nothing_of_a_to_a_user_of_b(client, trondheim, skanderborg):
    canary = member("canary", trondheim, Role.CASEWORKER, first_name=CANARY, last_name=CANARY)
    audit_record(actor=actor_for(canary, trondheim), action=AuditAction.VIEW, obj=canary)
    for maker in MAKERS.values():
        maker(trondheim)
    intruder = member("intruder", skanderborg, *Role.values)
    client.force_login(intruder)
    for _, name, entry in _project_routes():
        if entry.pattern.converters:
            continue
        response = client.get(reverse(name))
        assert CANARY not in response.content.decode(errors="replace"), name
