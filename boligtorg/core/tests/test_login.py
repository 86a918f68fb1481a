import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.core.models import AuditAction, AuditEvent
from config.settings import base as base_settings

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_in_bokmal_by_default(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en"})
    assert response.status_code == 200
    assert response["Content-Language"] == "nb"
    assert "Logg inn" in response.content.decode()


def test_kari_logs_in_and_lands_on_her_dashboard(client, kari):
    response = _login(client, "kari", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == kari
    assert event.request_id


def test_a_wrong_password_keeps_the_username_and_says_what_is_wrong(client, kari):
    response = _login(client, "kari", "not-the-password")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="kari"' in page
    assert "Feil brukernavn eller passord" in page
    assert TEST_PASSWORD not in page


def test_five_failures_lock_the_account_and_say_when_to_try_again(client, kari):
    for _ in range(4):
        assert _login(client, "kari", "wrong-password").status_code == 200
    locked = _login(client, "kari", "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "prøv igjen etter" in page
    assert 'value="kari"' in page
    # The right password does not help while locked out.
    assert _login(client, "kari", TEST_PASSWORD).status_code == 429


def test_a_lockout_of_one_user_does_not_lock_another(client, kari, per):
    for _ in range(5):
        _login(client, "kari", "wrong-password")
    assert _login(client, "per", TEST_PASSWORD).status_code == 302


def test_production_hashes_passwords_with_argon2():
    with override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS):
        assert make_password("a-long-passphrase").startswith("argon2$")


def test_logout_is_a_post_and_is_audited(client, kari):
    client.force_login(kari)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=kari).exists()
    assert client.get(reverse("dashboard")).status_code == 302


def test_kari_changes_her_password(client, kari):
    client.force_login(kari)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.check_password("a-new-long-passphrase")
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(kari.pk)).exists()


def test_a_too_short_new_password_is_refused_with_a_message(client, kari):
    client.force_login(kari)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "id_new_password2_error" in response.content.decode()
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)


def test_switching_language_to_english_sticks(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert "Log in to Boligtorg" in page
