"""The API documentation is for staff, as the README says: log in first."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_an_anonymous_visitor_is_sent_to_log_in_before_the_api_documentation(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={path}"


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_kari_logged_in_reads_the_api_documentation(client, kari, path):
    client.force_login(kari)
    assert client.get(path).status_code == 200
