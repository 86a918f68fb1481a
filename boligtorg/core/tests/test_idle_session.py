"""The idle-session logout: besides the absolute session age, a session unused for
BOLIGTORG_SESSION_IDLE_TIMEOUT seconds (30 minutes) is logged out."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.core.middleware import SESSION_LAST_ACTIVITY_KEY
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds):
    """Move the session's last activity ``seconds`` into the past."""
    session = client.session
    session[SESSION_LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def _stamp(client):
    return client.session[SESSION_LAST_ACTIVITY_KEY]


def test_the_idle_timeout_is_thirty_minutes_by_default(settings):
    assert settings.BOLIGTORG_SESSION_IDLE_TIMEOUT == 30 * 60


def test_kari_idle_for_31_minutes_is_sent_to_log_in_again_with_a_message(client, kari):
    client.force_login(kari)
    assert client.get(reverse("dashboard")).status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get(reverse("core:notification_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Du ble logget ut etter 30 minutter uten aktivitet." in page
    # The session is gone, not only this request refused, and the trail says so.
    assert client.get(reverse("dashboard"))["Location"] == reverse("login")
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=kari).exists()


def test_the_message_is_in_english_for_an_english_user(english, kari):
    english.force_login(kari)
    english.get(reverse("dashboard"))
    _idle_for(english, 31 * 60)
    page = english.get(reverse("dashboard"), follow=True).content.decode()
    assert "You were logged out after 30 minutes without activity." in page


def test_kari_idle_for_29_minutes_is_still_logged_in(client, kari):
    client.force_login(kari)
    client.get(reverse("dashboard"))
    _idle_for(client, 29 * 60)
    assert client.get(reverse("dashboard")).status_code == 200
    assert _stamp(client) >= int(time.time()) - 5


def test_the_api_answers_401_after_the_idle_timeout(client, kari):
    client.force_login(kari)
    assert client.get("/api/applications").status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get("/api/applications")
    assert response.status_code == 401
    assert client.get("/api/applications").status_code == 401


def test_the_activity_stamp_is_written_at_most_once_a_minute(client, kari):
    client.force_login(kari)
    client.get(reverse("dashboard"))
    _idle_for(client, 20)
    written = _stamp(client)
    client.get(reverse("dashboard"))
    assert _stamp(client) == written
    _idle_for(client, 90)
    client.get(reverse("dashboard"))
    assert _stamp(client) >= int(time.time()) - 5


def test_logging_in_again_starts_a_fresh_idle_period(client, kari):
    client.force_login(kari)
    client.get(reverse("dashboard"))
    _idle_for(client, 31 * 60)
    client.get(reverse("dashboard"))
    response = client.post(reverse("login"), {"username": "kari", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_logging_in_starts_the_idle_period_so_the_first_page_writes_no_session(client, kari):
    client.post(reverse("login"), {"username": "kari", "password": TEST_PASSWORD})
    assert _stamp(client) >= int(time.time()) - 5
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
