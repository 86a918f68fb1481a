"""The caseworker's path through a case in a real Chromium, axe-core on every page."""

import random
import re

import pytest
from playwright.sync_api import expect

from boligtorg.cases.models import Application
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.domain.identity import Country, fictitious_national_id

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_kari_takes_a_household_from_application_to_decision_letter(
    page, live_server, kari, trondheim
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
    page.get_by_role("checkbox", name=re.compile("consent", re.I)).check()
    page.get_by_role("button", name="Register case").click()
    # A wrong national id: the error at the field, everything typed kept.
    expect(page.locator("#id_person-national_id_error")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("Hansen")
    assert_accessible(page, "cases-new-error")

    national_id = fictitious_national_id(Country.NORWAY, random.Random("ole-e2e"))  # noqa: S311
    page.get_by_label("National identity number").fill(national_id)
    page.get_by_role("button", name="Register case").click()
    expect(page.locator("h1")).to_have_text("Ole Hansen")
    assert_accessible(page, "case-page-draft")
    application = Application.objects.get()

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

    page.goto("/cases/")
    expect(page.get_by_role("link", name=application.number)).to_be_visible()
    assert_accessible(page, "cases-list")
