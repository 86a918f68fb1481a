import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.core.models import AuditAction, AuditEvent
from config.settings import base as base_settings

pytestmark = pytest.mark.django_db


OFFICE = "203.0.113.7"  # a municipal office behind one NAT address
ELSEWHERE = "198.51.100.9"  # a stranger's address
PROXY = "10.0.0.2"  # our load balancer


def _login(client, username, password, address="127.0.0.1", **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


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


def test_many_names_from_one_address_are_throttled(client, kari, settings):
    limit = settings.BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT
    answers = [_login(client, f"guess{n}", "wrong-password", OFFICE).status_code for n in range(40)]
    assert answers[: limit - 1] == [200] * (limit - 1)
    assert answers[limit - 1 :] == [429] * (40 - limit + 1)
    # The address is paused for everyone, even with a right password ...
    locked = _login(client, "kari", TEST_PASSWORD, OFFICE)
    assert locked.status_code == 429
    assert "prøv igjen etter" in locked.content.decode()
    assert "nettverket ditt" in locked.content.decode()
    # ... and not for another address.
    assert _login(client, "kari", TEST_PASSWORD, ELSEWHERE).status_code == 302


def test_an_office_behind_one_address_tolerates_more_failures_than_one_name(client, kari):
    for n in range(10):
        assert _login(client, f"colleague{n}", "mistyped", OFFICE).status_code == 200
    assert _login(client, "kari", TEST_PASSWORD, OFFICE).status_code == 302


def test_a_stranger_elsewhere_cannot_lock_out_kari(client, kari):
    for _ in range(8):
        _login(client, "kari", "wrong-password", ELSEWHERE)
    assert _login(client, "kari", "wrong-password", ELSEWHERE).status_code == 429
    assert _login(client, "kari", TEST_PASSWORD, OFFICE).status_code == 302


def test_a_login_does_not_reset_the_address_count_of_other_names(client, kari, settings):
    limit = settings.BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        _login(client, f"guess{n}", "wrong-password", OFFICE)
    assert _login(client, "kari", TEST_PASSWORD, OFFICE).status_code == 302
    client.logout()
    assert _login(client, "guess-more", "wrong-password", OFFICE).status_code == 429


def test_the_lock_message_is_in_english_for_an_english_user(english, kari):
    for _ in range(5):
        locked = _login(english, "kari", "wrong-password")
    assert locked.status_code == 429
    assert "the account is locked for a while: try again after" in locked.content.decode()


def test_a_forged_forwarded_for_from_a_client_does_not_change_its_address(client, kari, settings):
    settings.BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        forged = f"192.0.2.{n}"
        _login(client, f"guess{n}", "wrong-password", ELSEWHERE, x_forwarded_for=forged)
    forged = "192.0.2.99"
    assert (
        _login(client, "kari", TEST_PASSWORD, ELSEWHERE, x_forwarded_for=forged).status_code == 429
    )


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(client, kari):
    for n in range(5):
        # What the stranger writes into the header is kept in front of what the
        # proxy appends: only the proxy's part counts.
        forwarded = f"{OFFICE}, 192.0.2.{n}, {ELSEWHERE}"
        _login(client, "kari", "wrong-password", PROXY, x_forwarded_for=forwarded)
    assert (
        _login(client, "kari", TEST_PASSWORD, PROXY, x_forwarded_for=ELSEWHERE).status_code == 429
    )
    assert _login(client, "kari", TEST_PASSWORD, PROXY, x_forwarded_for=OFFICE).status_code == 302
