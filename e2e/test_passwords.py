"""Passwords in a real Chromium with axe-core on every page: a forgotten password
reset by e-mail (the mail read from Django's locmem outbox), and an administrator's
new password that the user must change at next login."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/password/reset/[^\s]+/)")


def test_kari_resets_a_forgotten_password_by_e_mail(page, kari):
    page.goto("/login/")
    page.get_by_role("link", name="Glemt passordet?").click()
    expect(page.locator("h1")).to_have_text("Glemt passordet?")
    assert_accessible(page, "password-reset")
    page.fill("#id_email", "kari@example.invalid")
    page.get_by_role("button", name="Send lenken").click()
    expect(page.locator("h1")).to_have_text("Sjekk e-posten din")
    assert_accessible(page, "password-reset-sent")

    [message] = mail.outbox
    assert message.subject == "Nytt passord til Boligtorg"
    page.goto(LINK.search(message.body).group(1))
    expect(page.locator("h1")).to_have_text("Velg nytt passord")
    page.fill("#id_new_password1", "kort")
    page.fill("#id_new_password2", "kort")
    page.get_by_role("button", name="Lagre det nye passordet").click()
    expect(page.locator("#id_new_password2_error")).to_be_visible()
    assert_accessible(page, "password-reset-confirm-error")
    page.fill("#id_new_password1", "karis-new-passphrase")
    page.fill("#id_new_password2", "karis-new-passphrase")
    page.get_by_role("button", name="Lagre det nye passordet").click()
    expect(page.locator("h1")).to_have_text("Passordet ditt er endret")
    assert_accessible(page, "password-reset-complete")

    log_in(page, "kari", "karis-new-passphrase")
    expect(page.locator("h1")).to_have_text("Velkommen, Kari")
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def test_tone_sets_karis_password_and_kari_must_change_it(page, tone, kari):
    log_in(page, "tone", TEST_PASSWORD)
    page.goto("/users/")
    page.get_by_role("link", name="Endre kari").click()
    page.get_by_role("link", name="Sett nytt passord kari").click()
    assert_accessible(page, "member-password")
    page.fill("#id_new_password1", "12345678")
    page.fill("#id_new_password2", "12345678")
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator("#id_new_password1_error")).to_be_visible()
    assert_accessible(page, "member-password-error")
    page.fill("#id_new_password1", "tone-sets-this-one-42")
    page.fill("#id_new_password2", "tone-sets-this-one-42")
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator("h1")).to_have_text("Sette nytt passord for Kari Nordmann?")
    assert_accessible(page, "member-password-confirm")
    page.get_by_role("button", name="Sett det nye passordet").click()
    expect(page.get_by_role("status").first).to_contain_text("må bytte det ved neste innlogging")
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, "kari", "tone-sets-this-one-42")
    expect(page.locator("h1")).to_have_text("Bytt passord")
    expect(page.get_by_text("En administrator har satt passordet ditt")).to_be_visible()
    assert_accessible(page, "password-change-forced")
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Bytt passord")
    page.fill("#id_old_password", "tone-sets-this-one-42")
    page.fill("#id_new_password1", "karis-own-passphrase")
    page.fill("#id_new_password2", "karis-own-passphrase")
    page.get_by_role("button", name="Bytt passord").click()
    expect(page.locator("h1")).to_have_text("Velkommen, Kari")
    assert not [m for m in page.console_messages if "Content Security Policy" in m]
