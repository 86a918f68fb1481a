"""Answers with personal data are never stored by a proxy or the browser's cache:
``Cache-Control: private, no-store`` on every answer to a logged-in user."""

import pytest
from django.urls import reverse

from boligtorg.housing.factories import DwellingFactory

pytestmark = pytest.mark.django_db


def _no_store(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    return "no-store" in directives and "public" not in directives


def test_kari_s_case_page_is_not_stored(client, kari, ole_case):
    client.force_login(kari)
    response = client.get(reverse("cases:detail", args=[ole_case.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_api_list_of_persons_is_not_stored(client, kari, ole_case):
    client.force_login(kari)
    response = client.get("/api/persons")
    assert response.status_code == 200
    assert _no_store(response)


def test_an_htmx_partial_with_names_is_not_stored(client, kari, trondheim, ole_case):
    client.force_login(kari)
    dwelling = DwellingFactory(municipality=trondheim)
    response = client.post(
        reverse("housing:lease_households", args=[dwelling.pk]),
        {"household_query": "Hansen"},
        headers={"hx-request": "true"},
    )
    assert response.status_code == 200
    assert "Ole Hansen" in response.content.decode()
    assert _no_store(response)


def test_the_login_page_is_not_stored(client):
    assert _no_store(client.get(reverse("login")))


def test_a_static_file_keeps_its_long_cache_for_a_logged_in_user(client, kari):
    client.force_login(kari)
    response = client.get("/static/css/boligtorg.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]
