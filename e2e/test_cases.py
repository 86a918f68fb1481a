"""The caseworker's path through a case in a real Chromium, axe-core on every page."""

import datetime
import random
import re
import subprocess

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from boligtorg.cases.models import Application
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.domain.deadlines import appeal_deadline
from boligtorg.domain.identity import Country, fictitious_national_id

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_kari_takes_a_household_from_application_to_decision_letter(
    page, live_server, kari, trondheim, tmp_path
):
    target_groups_ensure(municipality=trondheim)
    _english(page, live_server)
    log_in(page, "kari", TEST_PASSWORD)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Cases").click()
    expect(page.get_by_text("No cases yet.")).to_be_visible()
    assert_accessible(page, "cases-list-empty")

    page.get_by_role("link", name="New case").click()
    page.get_by_label("First name").fill("Ole")
    page.get_by_label("Last name").fill("Hansen")
    page.get_by_label("National identity number").fill("01019912345")
    page.get_by_label("Without a dwelling").check()
    page.get_by_label("Flyktning bosatt for første gang").check()
    expect(page.get_by_role("checkbox", name=re.compile("consent", re.I))).to_have_count(0)
    page.get_by_role("button", name="Register case").click()
    # A wrong national id: the error at the field, everything typed kept.
    expect(page.locator("#id_person-national_id_error")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("Hansen")
    assert_accessible(page, "cases-new-error")

    national_id = fictitious_national_id(Country.NORWAY, random.Random("ole-e2e"))  # noqa: S311
    page.get_by_label("National identity number").fill(national_id)
    page.get_by_role("button", name="Register case").click()
    expect(page.locator("h1")).to_have_text("Ole Hansen")
    # No consent yet: the case page says so once, and links to the one place to record it.
    expect(page.locator("[data-consent]")).to_have_count(1)
    expect(page.locator("#consent-state")).to_contain_text("None")
    expect(page.get_by_role("button", name="Register as received")).to_have_count(0)
    assert_accessible(page, "case-page-draft")
    application = Application.objects.get()

    page.locator("#consent-state").get_by_role("link", name="Record a consent").click()
    page.get_by_label("Services").fill("NAV, health and care")
    page.get_by_label("Health").check()
    page.get_by_label("Valid until").fill(str(timezone.localdate() + datetime.timedelta(days=365)))
    assert_accessible(page, "case-consent-form")
    page.get_by_role("button", name="Record the consent").click()
    expect(page.locator("h1")).to_have_text("Ole Hansen")
    expect(page.locator("[data-consent]")).to_have_count(1)
    expect(page.locator("#consent-state")).to_contain_text("Covers: health")
    assert_accessible(page, "case-page-consent")

    page.get_by_role("button", name="Register as received").click()
    expect(page.get_by_role("status").first).to_contain_text("registered as received")

    page.get_by_role("link", name="Add household member").click()
    page.get_by_label("Relation to the main applicant").select_option("child")
    page.get_by_label("First name").fill("Lille")
    page.get_by_label("Last name").fill("Hansen")
    page.get_by_label("Date of birth").fill("2018-06-01")
    assert_accessible(page, "case-add-member")
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_role("cell", name="Lille Hansen")).to_be_visible()
    assert_accessible(page, "case-page-submitted")

    # The mapping interview: scores in the five areas of tenancy capacity.
    page.get_by_role("link", name="Record the interview").click()
    page.get_by_label("Date of the interview").fill(str(timezone.localdate()))
    for area in ("economy_score", "neighbours_score", "cleaning_score"):
        page.locator(f"input[name={area}][value='3']").check()
    for area in ("daily_activity_score", "network_score"):
        page.locator(f"input[name={area}][value='2']").check()
    page.get_by_label("Needs for services").fill("Home follow-up the first year.")
    # The consent recorded once covers health: the interview asks for it at once.
    page.get_by_label("Health", exact=True).fill("Asthma, inhaler daily.")
    expect(page.get_by_label("Substance use")).to_have_count(0)
    assert_accessible(page, "case-interview")
    page.get_by_role("button", name="Save the interview").click()
    expect(page.get_by_text("Home follow-up the first year.")).to_be_visible()

    # The decision, and the letter downloaded and read.
    page.get_by_role("link", name="Write decision").click()
    page.get_by_label("Granted").check()
    page.select_option("#id_dwelling_type", "ordinary")
    page.fill("#id_lease_months", "36")
    page.fill("#id_reasons", "The household is without a dwelling and cannot find one alone.")
    page.select_option("#id_legal_basis", index=1)
    page.get_by_role("button", name="Make decision and write letter").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download letter (PDF)").click()
    path = tmp_path / "letter.pdf"
    download.value.save_as(path)
    text = " ".join(
        subprocess.run(  # noqa: S603
            ["pdftotext", str(path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split()
    )
    decision = application.decisions.get()
    with translation.override(decision.letter_language):
        deadline = formats.date_format(appeal_deadline(decision.received_on, "NO"), "DATE_FORMAT")
    assert "Ole Hansen" in text
    assert application.number in text
    assert deadline in text
    assert_accessible(page, "case-page-decided")

    page.goto("/cases/")
    expect(page.get_by_role("link", name=application.number)).to_be_visible()
    assert_accessible(page, "cases-list")
