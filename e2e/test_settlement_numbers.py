"""The yearly numbers in a real Chromium, with axe-core on every page: Kari registers
IMDi's request for next year (first with an error, which keeps what she typed) and
the council's decision, then a change as a new version, and sees the overview and
the figures; Sven in Skanderborg registers the quota. Every page is also drawn at
320 px, where nothing may scroll sideways."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role

from .helpers import ARTIFACTS, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def _reflows(page, name):
    """At 320 px wide the page does not scroll sideways (WCAG 2.1 1.4.10)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}-320.png", full_page=True)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.set_viewport_size(size)
    assert overflow <= 0, f"{name}: {overflow} px sideways at 320 px"


def test_kari_registers_a_request_and_a_decision_and_sees_the_overview(
    page, live_server, trondheim
):
    member("kari", trondheim, Role.CASEWORKER, first_name="Kari", last_name="Nordmann")
    today = timezone.localdate()
    next_year = today.year + 1
    _english(page, live_server)
    log_in(page, "kari", TEST_PASSWORD)

    page.get_by_role("link", name="Settlement").first.click()
    expect(page.locator("h1")).to_have_text("Settlement")
    expect(page.get_by_text("No figure is registered for this year yet.").first).to_be_visible()
    assert_accessible(page, "settlement-overview-empty")
    _reflows(page, "settlement-overview-empty")

    page.get_by_role("link", name="Yearly numbers").click()
    assert_accessible(page, "settlement-numbers-empty")
    _reflows(page, "settlement-numbers-empty")
    page.get_by_role("link", name=f"Register IMDi's request, {next_year}").click()
    page.fill("#id_dated_on", (today + datetime.timedelta(days=3)).isoformat())
    page.fill("#id_total", "30")
    page.fill("#id_minors", "40")
    page.get_by_role("button", name="Register the request").click()
    summary = page.locator(".bt-error-summary")
    expect(summary).to_contain_text("The date cannot be after today.")
    expect(summary).to_contain_text("The unaccompanied minors cannot be more than the total.")
    expect(page.locator("#id_total")).to_have_value("30")
    assert_accessible(page, "settlement-request-error")
    _reflows(page, "settlement-request-error")
    page.fill("#id_dated_on", today.isoformat())
    page.fill("#id_minors", "5")
    page.fill("#id_next_year_total", "25")
    page.fill("#id_reference", "IMDi 24/0388")
    page.get_by_role("button", name="Register the request").click()
    expect(page.locator("h1")).to_have_text(f"IMDi's request {next_year}")
    assert_accessible(page, "settlement-request")
    _reflows(page, "settlement-request")

    page.get_by_role("link", name="Yearly numbers").click()
    page.get_by_role("link", name=f"Register Council decision, {next_year}").click()
    page.fill("#id_total", "25")
    page.fill("#id_minors", "4")
    page.get_by_role("button", name="Register the decision").click()
    page.get_by_role("link", name="Register a change").first.click()
    expect(page.locator("#id_total")).to_have_value("25")
    page.fill("#id_total", "28")
    page.get_by_role("button", name="Register the decision").click()
    expect(page.get_by_text("Version 2").first).to_be_visible()
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history).to_have_count(2)
    assert_accessible(page, "settlement-decision-history")
    _reflows(page, "settlement-decision-history")

    page.get_by_role("link", name="Settlement").first.click()
    section = page.locator(f"section[aria-labelledby=year-{next_year}-heading]")
    expect(section).to_contain_text("Council decision, version 2")
    expect(section.locator("tbody tr").nth(0)).to_contain_text("IMDi's request305")
    expect(section.locator("tbody tr").nth(1)).to_contain_text("Council decision284")
    assert_accessible(page, "settlement-overview")
    _reflows(page, "settlement-overview")

    page.get_by_role("link", name="Figures").click()
    expect(page.locator("h1")).to_have_text("Settlement figures")
    assert_accessible(page, "settlement-figures")
    _reflows(page, "settlement-figures")


def test_sven_registers_skanderborgs_quota(page, live_server, skanderborg):
    member("sven", skanderborg, Role.CASEWORKER, first_name="Sven", last_name="Madsen")
    next_year = timezone.localdate().year + 1
    _english(page, live_server)
    log_in(page, "sven", TEST_PASSWORD)

    page.goto("/settlement/numbers/")
    expect(page.get_by_text("IMDi")).to_have_count(0)
    page.get_by_role("link", name=f"Register Municipal quota, {next_year}").click()
    page.fill("#id_national_figure", "1200")
    page.fill("#id_region", "Region Midtjylland")
    page.fill("#id_regional_quota", "265")
    page.fill("#id_total", "14")
    page.get_by_label("Set by the Immigration Service").check()
    assert_accessible(page, "settlement-quota-form")
    _reflows(page, "settlement-quota-form")
    page.get_by_role("button", name="Register the quota").click()
    expect(page.locator("h1")).to_have_text(f"Municipal quota {next_year}")
    expect(page.get_by_text("Set by the Immigration Service")).to_be_visible()
    assert_accessible(page, "settlement-quota")

    page.goto("/settlement/figures/")
    expect(page.get_by_text("Time in a temporary residence, begun in the year")).to_be_visible()
    assert_accessible(page, "settlement-figures-dk")
    _reflows(page, "settlement-figures-dk")
