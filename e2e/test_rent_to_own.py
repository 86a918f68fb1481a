"""Rent-to-own in a real Chromium, with axe-core on every page: Lars the loan officer
finds the agreements from the financing list, offers one on a dwelling with
rent-to-own potential (first with an error, which keeps what he typed), records the
signature, and is asked to confirm before he ends it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lars_offers_signs_and_ends_a_rent_to_own_agreement(page, live_server, trondheim):
    member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    dwelling = DwellingFactory(
        municipality=trondheim,
        rent_to_own=True,
        status=DwellingStatus.LET,
        address="Saupstadringen 14",
    )
    LeaseFactory(municipality=trondheim, dwelling=dwelling)
    today = timezone.localdate().isoformat()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "lars", TEST_PASSWORD)

    page.get_by_role("link", name="Financing").first.click()
    page.get_by_role("link", name="Rent-to-own agreements").click()
    expect(page.get_by_text("No rent-to-own agreements yet.")).to_be_visible()
    assert_accessible(page, "rto-list-empty")

    page.get_by_role("link", name="New agreement").click()
    assert_accessible(page, "rto-pick")
    page.get_by_role("link", name="Saupstadringen 14 H").click()
    page.fill("#id_price", "2400000")
    page.fill("#id_maintenance_duties", "Indre vedlikehold.")
    page.get_by_role("button", name="Offer the agreement").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("saving part")
    expect(page.locator("#id_maintenance_duties")).to_have_value("Indre vedlikehold.")
    assert_accessible(page, "rto-offer-error")
    page.fill("#id_monthly_saving", "2000")
    page.get_by_role("button", name="Offer the agreement").click()
    expect(page.locator("h1")).to_contain_text("Saupstadringen 14")
    assert_accessible(page, "rto-offered")

    page.get_by_role("link", name="Record the signature").click()
    page.fill("#id_day", today)
    page.get_by_role("button", name="Record the signature").click()
    expect(page.locator(".bt-page-head .ds-tag")).to_have_text("Signed")

    page.get_by_role("link", name="End the agreement").click()
    assert_accessible(page, "rto-end-confirm")
    page.fill("#id_reason", "The household moved to another town.")
    page.get_by_role("button", name="End the agreement").click()
    expect(page.locator(".bt-page-head .ds-tag")).to_have_text("Ended")
    assert_accessible(page, "rto-ended")
