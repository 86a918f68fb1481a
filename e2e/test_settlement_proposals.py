"""A household from IMDi's distribution list in a real Chromium, with axe-core on
every page: Kari registers it (first with an error, which keeps what she typed),
accepts it with an expected arrival, and follows the link to the housing case made
from the settlement record."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kari_registers_accepts_and_opens_the_housing_case(page, live_server, kari):
    today = timezone.localdate()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    page.goto(f"{live_server.url}/settlement/proposals/")
    expect(page.get_by_text("No proposed households yet.")).to_be_visible()
    assert_accessible(page, "settlement-proposals-empty")

    page.get_by_role("link", name="Register a proposed household").first.click()
    page.fill("#id_list_reference", "IMDi-2026-11")
    page.fill("#id_received_on", (today - datetime.timedelta(days=4)).isoformat())
    page.fill("#id_languages", "Somali")
    page.fill("#id_persons-0-first_name", "Amina")
    page.fill("#id_persons-0-date_of_birth", "1994-03-12")
    page.select_option("#id_persons-0-relation", "main")
    page.fill("#id_persons-1-first_name", "Hodan")
    page.fill("#id_persons-1-last_name", "Warsame")
    page.fill("#id_persons-1-date_of_birth", "2021-08-30")
    page.select_option("#id_persons-1-relation", "child")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text("Person 1: give the first and last name.")).to_be_visible()
    expect(page.locator("#id_persons-0-first_name")).to_have_value("Amina")
    assert_accessible(page, "settlement-proposal-register-error")

    page.fill("#id_persons-0-last_name", "Warsame")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("h1")).to_contain_text("IMDi-2026-11")
    expect(page.get_by_text("consent to share the mapping is not recorded")).to_be_visible()
    assert_accessible(page, "settlement-proposal-detail")

    page.fill("#id_accept-expected_arrival_on", (today + datetime.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("The proposal is accepted.")).to_be_visible()
    assert_accessible(page, "settlement-proposal-accepted")

    page.get_by_role("link", name=re.compile(r"^case \d{4}-\d{5}$")).click()
    expect(page.locator("h1")).to_contain_text("Amina Warsame")
    expect(page.get_by_text("From settlement:")).to_be_visible()
    assert_accessible(page, "settlement-housing-case")

    page.get_by_role("link", name="IMDi-2026-11").click()
    expect(page.locator("h1")).to_contain_text("IMDi-2026-11")
    page.goto(f"{live_server.url}/settlement/proposals/")
    expect(page.get_by_role("link", name="IMDi-2026-11")).to_be_visible()
    assert_accessible(page, "settlement-proposals-list")
