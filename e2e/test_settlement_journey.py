"""Settling refugees from end to end in a real Chromium, with axe-core on every page
(issue 25): Kari registers IMDi's request and the council's decision for the year,
registers a household from a distribution list and accepts it, reserves a dwelling
for its arrival, settles it with a lease, and sees the year's overview count the
household as settled."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease
from boligtorg.settlement.models import Proposal, ProposalStatus

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kari_goes_from_imdis_request_to_a_settled_household_with_a_lease(
    page, live_server, kari, trondheim
):
    today = timezone.localdate()
    DwellingFactory(
        municipality=trondheim, address="Innherredsveien 90", unit_number="H0203", bedrooms=1
    )
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    # The year's numbers: IMDi's request, then the council's decision.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Settlement").click()
    expect(page.locator("h1")).to_have_text("Settlement")
    assert_accessible(page, "settlement-journey-overview-empty")
    page.get_by_role("link", name="Yearly numbers").click()
    page.get_by_role("link", name=f"Register IMDi's request, {today.year}").click()
    page.fill("#id_dated_on", today.isoformat())
    page.fill("#id_total", "20")
    page.fill("#id_minors", "2")
    page.get_by_role("button", name="Register the request").click()
    expect(page.locator("h1")).to_have_text(f"IMDi's request {today.year}")
    assert_accessible(page, "settlement-journey-request")
    page.get_by_role("link", name="Yearly numbers").click()
    page.get_by_role("link", name=f"Register Council decision, {today.year}").click()
    page.fill("#id_dated_on", today.isoformat())
    page.fill("#id_total", "18")
    page.fill("#id_minors", "2")
    page.get_by_role("button", name="Register the decision").click()
    expect(page.locator("h1")).to_have_text(f"Council decision {today.year}")
    assert_accessible(page, "settlement-journey-decision")

    # A household from the distribution list, accepted with its arrival in a week.
    page.goto(f"{live_server.url}/settlement/")
    page.get_by_role("link", name="Proposed for settlement").click()
    page.get_by_role("link", name="Register a proposed household").first.click()
    page.fill("#id_list_reference", "IMDi-2026-12")
    page.fill("#id_received_on", (today - datetime.timedelta(days=3)).isoformat())
    page.fill("#id_persons-0-first_name", "Amina")
    page.fill("#id_persons-0-last_name", "Warsame")
    page.fill("#id_persons-0-date_of_birth", "1994-03-12")
    page.select_option("#id_persons-0-relation", "main")
    assert_accessible(page, "settlement-journey-register")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("h1")).to_contain_text("IMDi-2026-12")
    page.fill("#id_accept-expected_arrival_on", (today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("The proposal is accepted.")).to_be_visible()
    assert_accessible(page, "settlement-journey-accepted")
    proposal = Proposal.objects.get(list_reference="IMDi-2026-12")
    assert proposal.application is not None

    # A dwelling ready on the day of arrival: reserved, then the household settles.
    page.goto(f"{live_server.url}/settlement/")
    page.get_by_role("link", name="Arrivals and dwellings ready").click()
    expect(page.locator("h1")).to_have_text("Arrivals")
    assert_accessible(page, "settlement-journey-arrivals")
    page.get_by_role("button", name="Reserve Innherredsveien 90 H0203 for IMDi-2026-12").click()
    expect(page.get_by_text("is reserved for IMDi-2026-12")).to_be_visible()
    page.get_by_role("link", name="Settle IMDi-2026-12").click()
    assert_accessible(page, "settlement-journey-settle")
    page.fill("#id_rent", "8900")
    page.get_by_role("button", name="Settle").click()
    expect(page.get_by_text("the lease is drafted in the dwelling register")).to_be_visible()
    assert_accessible(page, "settlement-journey-settled")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SETTLED
    lease = Lease.objects.get(household=proposal.household)
    assert lease.dwelling.address == "Innherredsveien 90"

    # The year's overview counts her against the council's decision.
    page.goto(f"{live_server.url}/settlement/?year={today.year}")
    section = page.locator(f"section[aria-labelledby=year-{today.year}-heading]")
    expect(section).to_contain_text("Council decision, version 1")
    expect(section).to_contain_text("Amina Warsame")
    assert_accessible(page, "settlement-journey-overview")
