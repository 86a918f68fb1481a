"""A user who forgot the password gets a reset link by e-mail (Django's own views and
tokens), without the page telling which addresses exist (issue 23, "Administration")."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "karis-new-passphrase"
LINK = re.compile(r"https?://[^/\s]+(/password/reset/[^\s]+/)")


def _ask(client, email, address="127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def _link(message):
    return LINK.search(message.body).group(1)


def test_the_login_page_links_to_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Glemt passordet?" in page


def test_kari_gets_a_link_in_bokmal_to_the_configured_address(client, kari, settings):
    settings.BOLIGTORG_BASE_URL = "https://boligtorg.trondheim.example"
    response = _ask(client, "kari@example.invalid")
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["kari@example.invalid"]
    assert message.subject == "Nytt passord til Boligtorg"
    assert "Brukernavnet ditt er kari." in message.body
    assert "https://boligtorg.trondheim.example/password/reset/" in message.body
    assert "virker i 60 minutter" in message.body


def test_the_mail_is_in_english_for_a_user_working_in_english(english, kari):
    _ask(english, "kari@example.invalid")
    [message] = mail.outbox
    assert message.subject == "New password for Boligtorg"
    assert "Your user name is kari." in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, kari):
    known = _ask(client, "kari@example.invalid")
    unknown = _ask(client, "nobody@example.invalid")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["kari@example.invalid"]]


def test_inactive_users_and_users_without_access_get_nothing(client, kari, per, trondheim):
    kari.is_active = False
    kari.save(update_fields=["is_active"])
    Membership.objects.filter(user=per).update(is_active=False)
    assert _ask(client, "kari@example.invalid")["Location"] == reverse("password_reset_done")
    assert _ask(client, "per@example.invalid")["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_kari_follows_the_link_and_logs_in_with_the_new_password(client, kari, trondheim):
    kari.must_change_password = True
    kari.save(update_fields=["must_change_password"])
    _ask(client, "kari@example.invalid")
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("password_reset_complete")
    kari.refresh_from_db()
    assert kari.check_password(NEW_PASSWORD)
    assert not kari.must_change_password  # a password of her own
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=kari)
    assert event.municipality == trondheim
    assert event.changes == {"password": ["***", "***"]}
    logged_in = client.post(reverse("login"), {"username": "kari", "password": NEW_PASSWORD})
    assert logged_in["Location"] == reverse("dashboard")


def test_the_link_works_once(client, kari):
    _ask(client, "kari@example.invalid")
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_the_link_expires_after_an_hour(client, kari, monkeypatch):
    _ask(client, "kari@example.invalid")
    link = _link(mail.outbox[0])
    later = datetime.datetime.now() + datetime.timedelta(minutes=61)  # noqa: DTZ005 - as Django
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    page = client.get(link, follow=True)
    assert not page.context["validlink"]
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)


def test_a_weak_new_password_is_refused_at_the_field(english, kari):
    _ask(english, "kari@example.invalid")
    form_page = english.get(_link(mail.outbox[0]), follow=True)
    page = english.post(
        form_page.redirect_chain[-1][0], {"new_password1": "kari", "new_password2": "kari"}
    ).content.decode()
    assert 'id="id_new_password2_error"' in page
    assert "This password is too short" in page


def test_a_fourth_request_for_one_address_in_an_hour_is_refused_whether_or_not_it_exists(
    client, kari
):
    for _ in range(3):
        _ask(client, "kari@example.invalid")
        _ask(client, "nobody@example.invalid")
    assert len(mail.outbox) == 3
    refused_known = _ask(client, "kari@example.invalid")
    refused_unknown = _ask(client, "nobody@example.invalid")
    assert refused_known.status_code == refused_unknown.status_code == 429
    assert "For din sikkerhet" in refused_known.content.decode()
    assert len(mail.outbox) == 3


def test_one_client_address_may_ask_a_limited_number_of_times(client, trondheim, settings):
    settings.BOLIGTORG_PASSWORD_RESET_ADDRESS_LIMIT = 4
    for n in range(5):
        member(f"worker{n}", trondheim, Role.CASEWORKER)
    answers = [_ask(client, f"worker{n}@example.invalid").status_code for n in range(5)]
    assert answers == [302, 302, 302, 302, 429]
    # Another address is not held back by the first.
    assert _ask(client, "worker4@example.invalid", address="198.51.100.9").status_code == 302
