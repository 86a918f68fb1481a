"""Login, dashboard, language, user administration and the audit log in a real
Chromium, with axe-core on every page (WCAG 2.1 A/AA)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Membership, Role

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_page_is_accessible_in_bokmal_and_english(page):
    page.goto("/login/")
    expect(page.locator("h1")).to_have_text("Logg inn i Boligtorg")
    assert_accessible(page, "login-nb")
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.locator("h1")).to_have_text("Log in to Boligtorg")
    assert_accessible(page, "login-en")


def test_a_wrong_password_keeps_the_user_name_and_is_accessible(page, kari):
    log_in(page, "kari", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    expect(page.locator("#id_username")).to_have_value("kari")
    assert_accessible(page, "login-error")


def test_kari_logs_in_and_sees_her_dashboard(page, kari):
    log_in(page, "kari", TEST_PASSWORD)
    expect(page.locator("h1")).to_have_text("Velkommen, Kari")
    expect(page.get_by_text("Ingen saker ennå.")).to_be_visible()
    assert_accessible(page, "dashboard-kari-nb")
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.locator("h1")).to_have_text("Welcome, Kari")
    assert_accessible(page, "dashboard-kari-en")
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def test_mona_the_manager_follows_the_overdue_figure_to_the_deadline_list(page, trondheim):
    member("mona", trondheim, Role.MANAGER, first_name="Mona")
    today = timezone.localdate()
    for days_ago in (60, 70, 2):
        ApplicationFactory(
            municipality=trondheim,
            status="submitted",
            received_on=today - datetime.timedelta(days=days_ago),
        )
    log_in(page, "mona", TEST_PASSWORD)
    expect(page.get_by_role("link", name="3 saker")).to_be_visible()
    assert_accessible(page, "dashboard-mona")
    page.get_by_role("link", name="2 foreløpige svar over fristen").click()
    expect(page.locator("h1")).to_have_text("Frister")
    expect(page.locator("section[aria-labelledby=interim-heading] tbody tr")).to_have_count(2)
    assert_accessible(page, "deadlines-mona")


def test_the_skip_link_moves_focus_to_the_main_content(page, kari):
    log_in(page, "kari", TEST_PASSWORD)
    expect(page.locator("h1")).to_have_text("Velkommen, Kari")
    page.goto("/")  # a fresh page load: focus starts at the top of the document
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_tone_creates_a_user_after_fixing_a_mistake(page, tone, trondheim):
    log_in(page, "tone", TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Brukere").click()
    assert_accessible(page, "users-list")
    page.get_by_role("link", name="Ny bruker").click()
    page.fill("#id_username", "ola")
    page.fill("#id_first_name", "Ola")
    page.fill("#id_last_name", "Hansen")
    page.fill("#id_password", "a-long-initial-passphrase")
    page.get_by_role("button", name="Opprett bruker").click()
    # No role chosen: the form comes back with everything typed and the error at the field.
    expect(page.locator("#id_roles_error")).to_be_visible()
    expect(page.locator("#id_last_name")).to_have_value("Hansen")
    assert_accessible(page, "users-new-error")
    page.get_by_label("Saksbehandler", exact=True).check()
    page.get_by_role("button", name="Opprett bruker").click()
    expect(page.get_by_role("status").first).to_contain_text("Brukeren Ola Hansen er opprettet")
    expect(page.get_by_role("cell", name="ola", exact=True)).to_be_visible()
    assert Membership.objects.get(user__username="ola").municipality == trondheim


def test_tone_removes_access_after_confirming(page, tone, kari):
    log_in(page, "tone", TEST_PASSWORD)
    page.goto("/users/")
    page.get_by_role("link", name="Fjern tilgang kari").click()
    assert_accessible(page, "users-confirm-remove")
    page.get_by_role("button", name="Fjern tilgang").click()
    expect(page.get_by_role("cell", name="kari", exact=True)).to_have_count(0)
    assert not Membership.objects.get(user=kari).is_active


def test_per_reads_the_audit_log(page, per):
    log_in(page, "per", TEST_PASSWORD)
    page.get_by_role("link", name="Revisjonslogg").first.click()
    expect(page.locator("h1")).to_have_text("Revisjonslogg")
    expect(page.get_by_role("cell", name="Logget inn").first).to_be_visible()
    assert_accessible(page, "audit-log")


def test_per_filters_the_audit_log_and_reads_what_changed(page, per, kari, ole_case):
    from boligtorg.cases.services.applications import application_update
    from boligtorg.core.factories import actor_for

    application_update(
        actor=actor_for(kari, ole_case.municipality),
        application=ole_case,
        version=ole_case.version,
        situation="at_risk",
    )
    today = timezone.localdate()
    log_in(page, "per", TEST_PASSWORD)
    page.goto("/audit/")
    page.fill("#id_date_from", today.isoformat())
    page.fill("#id_date_to", (today - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#id_date_to_error")).to_have_text(
        "Siste dag kan ikke være før første dag."
    )
    assert_accessible(page, "audit-log-bad-range")
    page.fill("#id_date_to", today.isoformat())
    page.fill("#id_case", ole_case.number)
    page.fill("#id_person", ole_case.applicant.national_id)
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Nåværende situasjon: Uten bolig")).to_be_visible()
    assert ole_case.applicant.national_id not in page.url
    expect(page.get_by_role("link", name="Eksporter CSV")).to_be_visible()
    assert_accessible(page, "audit-log-filtered")


def test_no_page_breaks_the_content_security_policy(page, tone):
    log_in(page, "tone", TEST_PASSWORD)
    for path in ("/", "/users/", "/users/new/", "/password/", "/no-such-page/"):
        page.goto(path)
    page.goto("/login/")
    violations = [m for m in page.console_messages if "Content Security Policy" in m]
    assert not violations, violations
