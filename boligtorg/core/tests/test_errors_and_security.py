import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import path, reverse

from boligtorg.core import views as core_views
from config.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", _boom), *project_urlpatterns]


def test_an_unknown_url_gets_the_404_page_in_the_base_layout(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Fant ikke siden" in page
    assert 'href="#main"' in page


def test_a_forbidden_page_gets_the_403_page(client, kari):
    client.force_login(kari)
    response = client.get(reverse("core:audit_list"))
    assert response.status_code == 403
    assert "Ingen tilgang" in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_500_page_without_a_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Noe gikk galt" in page
    assert "secret internal detail" not in page
    assert "Traceback" not in page


def test_healthz_reports_the_database_as_json(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = core_views.healthz(client.get(reverse("healthz")).wsgi_request)
    assert response.status_code == 503


def test_every_page_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_load_no_third_party_assets(client, kari):
    client.force_login(kari)
    page = client.get(reverse("dashboard")).content.decode()
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page
    assert "<script>" not in page and "style=" not in page


def _manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no part of a production environment.
    env = {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secret_key_and_hosts():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    env.pop("SECRET_KEY", None)
    env.pop("ALLOWED_HOSTS", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    env["SECRET_KEY"] = "x" * 60
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_pass_djangos_deployment_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "k" * 30 + "Z9#" * 10 + "q" * 20,
        "ALLOWED_HOSTS": "boligtorg.example.no",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
