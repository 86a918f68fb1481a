"""A whole allocation meeting in a real Chromium, with axe-core on every page:
the rules, the waiting list, a new meeting, a proposal, one household's reasons,
a lock and a new proposal, an offer, its acceptance and the lease it drafts."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.allocation.factories import granted_application, rule_set
from boligtorg.allocation.models import Offer, OfferStatus
from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anders_runs_a_meeting_from_proposal_to_lease(page, live_server, trondheim, kari):
    today = timezone.localdate()
    member("anders", trondheim, Role.ALLOCATION_MEMBER)
    rule_set(trondheim, name="Tildelingsregler 2026")
    flat = DwellingFactory(
        municipality=trondheim, address="Kongens gate 1", unit_number="H0101", bedrooms=1
    )
    DwellingFactory(
        municipality=trondheim, address="Innherredsveien 5", unit_number="H0201", bedrooms=3
    )
    early = granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=700))
    later = granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=40))
    granted_application(trondheim, kari, adults=2, children=2, situation="at_risk")

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "anders", TEST_PASSWORD)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Allocation").click()
    expect(page.locator("h1")).to_have_text("Allocation meetings")
    assert_accessible(page, "allocation-meetings-empty")

    page.get_by_role("link", name="Rules").click()
    page.get_by_role("link", name="Tildelingsregler 2026").click()
    assert_accessible(page, "allocation-rules")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Allocation").click()
    page.get_by_role("link", name="Waiting list").click()
    expect(page.locator("table").first).to_contain_text(early.number)
    page.locator("summary").first.click()
    assert_accessible(page, "allocation-waiting-list")

    # A new meeting: both ready dwellings on the agenda.
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="New meeting").click()
    page.fill("#id_title", "Boligmøte uke 48")
    assert_accessible(page, "allocation-meeting-new")
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("2 dwellings on the agenda")

    # Propose: the household that waited longest gets the one-bedroom flat, proven optimal.
    page.get_by_role("button", name="Propose a match").click()
    expect(page.get_by_role("status").first).to_contain_text("Proposal 1")
    expect(page.locator("#proof-heading + p")).to_contain_text("Proven optimal")
    row = page.locator("#agenda-heading + table tr", has_text="Kongens gate 1 H0101")
    expect(row).to_contain_text(early.number)
    assert_accessible(page, "allocation-meeting-proposal")

    # Why? The flat's candidates, with points and the rules each meets.
    page.get_by_role("link", name="Kongens gate 1 H0101", exact=True).click()
    expect(page.locator("#eligible-heading")).to_have_text("2 eligible households")
    expect(page.locator("#ineligible-heading + table")).to_contain_text(
        "Size of the household against the bedrooms"
    )
    assert_accessible(page, "allocation-candidates")

    # Lock the later household to the flat and solve again.
    page.get_by_role("row", name=later.number).get_by_role("button", name="Lock").click()
    expect(page.get_by_role("status").first).to_contain_text("Solve again to see the effect")
    page.get_by_role("button", name="Solve again").click()
    expect(row).to_contain_text(later.number)
    expect(row).to_contain_text("Locked")
    assert_accessible(page, "allocation-meeting-locked")

    # Decide: offer the flat to the locked household.
    row.get_by_role("button", name="Offer").click()
    expect(page.get_by_role("status").first).to_contain_text(f"offered to case {later.number}")
    offer = Offer.objects.get(dwelling=flat)
    assert offer.deadline == today + datetime.timedelta(days=7)

    # The household accepts: a lease is drafted in the dwelling register.
    row.get_by_role("link", name=f"Offered to {later.number}").click()
    assert_accessible(page, "allocation-offer")
    page.fill("#id_accept-lease_start", (today + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Register acceptance").click()
    expect(page.get_by_role("status").first).to_contain_text("A lease was drafted")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert Lease.objects.get(dwelling=flat).household == later.household
    page.get_by_role("link", name="Offers", exact=True).first.click()
    assert_accessible(page, "allocation-offers")
