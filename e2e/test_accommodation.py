"""Temporary accommodation in a real Chromium, with axe-core on every page (issue 26):
Kari sees who stays now with the family past the limit warned, opens a provider with
its agreement and inspection, and makes an emergency placement after a form that
showed every error at once."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.accommodation.demo.placements import load
from boligtorg.accommodation.models import Placement
from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import TEST_PASSWORD

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kari_sees_the_stays_past_the_limit_and_places_a_household_the_same_night(
    page, live_server, kari, trondheim
):
    load(trondheim, kari)
    ole_case = ApplicationFactory(municipality=trondheim, number="2026-E2E01", caseworker=kari)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Temporary accommodation"
    ).click()
    expect(page.locator("h1")).to_have_text("In temporary accommodation now")
    expect(page.get_by_text("Past the limit of 0 nights")).to_be_visible()
    expect(page.get_by_text("Past the limit of 90 nights")).to_be_visible()
    assert_accessible(page, "accommodation-current")

    page.get_by_role("link", name="Providers").click()
    assert_accessible(page, "accommodation-providers")
    page.get_by_role("link", name="Sentrum Hostel").click()
    expect(page.get_by_role("heading", name="Inspections")).to_be_visible()
    assert_accessible(page, "accommodation-provider")

    page.goto(f"{live_server.url}/accommodation/placements/new/")
    page.fill("#id_number", ole_case.number)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Save").click()
    # Every error at once: no provider, no date, no one chosen, no decision.
    expect(page.locator(".bt-error-summary li")).to_have_count(4)
    assert_accessible(page, "accommodation-placement-errors")
    page.select_option("#id_provider", label="Sentrum Hostel")
    page.fill("#id_starts_on", timezone.localdate().isoformat())
    page.locator("input[name=members]").first.check()
    page.check("#id_emergency")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("In temporary accommodation now")
    assert Placement.objects.filter(application=ole_case, emergency=True).exists()
