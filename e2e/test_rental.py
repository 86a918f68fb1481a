"""Private rental in a real Chromium, with axe-core on every page: Kari adds a landlord
(first with every error at once), issues a deposit guarantee from the household's
case, registers the landlord's claim and refuses it (first without a reason)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import TEST_PASSWORD

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kari_takes_a_deposit_guarantee_from_landlord_to_a_refused_claim(
    page, live_server, kari, trondheim
):
    case = ApplicationFactory(municipality=trondheim)
    today = timezone.localdate()

    def days_ago(days):
        return (today - datetime.timedelta(days=days)).isoformat()

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    page.goto(live_server.url + "/rental/")
    expect(page.get_by_text("No landlords yet.")).to_be_visible()
    assert_accessible(page, "rental-landlords-empty")

    page.get_by_role("link", name="New landlord").click()
    page.select_option("#id_kind", "company")
    page.get_by_role("button", name="Add the landlord").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("organisation number")
    assert_accessible(page, "rental-landlord-errors")
    page.fill("#id_name", "Bakklandet Utleie AS")
    page.fill("#id_org_number", "912345678")
    page.select_option("#id_contact_person", label="Kari Nordmann")
    page.get_by_role("button", name="Add the landlord").click()
    expect(page.locator("h1")).to_contain_text("Bakklandet Utleie AS")
    assert_accessible(page, "rental-landlord-detail")

    page.goto(live_server.url + "/rental/guarantees/new/")
    page.fill("#id_number", case.number)
    page.get_by_role("button", name="Find").click()
    assert_accessible(page, "rental-case-chooser")
    page.get_by_role("link", name=case.number).first.click()
    page.select_option("#id_kind", "deposit")
    page.select_option("#id_landlord", label="Bakklandet Utleie AS")
    page.fill("#id_amount", "30000")
    page.fill("#id_starts_on", days_ago(525))
    page.fill("#id_ends_on", days_ago(161))
    page.fill("#id_lease_address", "Nedre Bakklandet 3")
    page.get_by_role("button", name="Issue the guarantee").click()
    expect(page.get_by_text("No claims against this guarantee.")).to_be_visible()
    assert_accessible(page, "rental-guarantee-detail")

    # Received ten days after the term ended: within the three months for claims.
    page.fill("#id_claim-received_on", days_ago(151))
    page.fill("#id_claim-amount_claimed", "12000")
    page.get_by_role("button", name="Register the claim").click()
    page.get_by_label("Refuse").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Give the reason for the refusal.").first).to_be_visible()
    assert_accessible(page, "rental-claim-decide-errors")
    page.get_by_label("Refuse").check()
    page.locator("input[name$='-checked_on']").fill(days_ago(141))
    page.locator("textarea[name$='-refusal_reason']").fill("The damage was there before.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("cell", name="Refused")).to_be_visible()
    assert_accessible(page, "rental-claim-refused")

    page.goto(live_server.url + "/rental/guarantees/?state=in_force")
    expect(page.get_by_role("link", name="Nedre Bakklandet 3")).to_be_visible()
    assert_accessible(page, "rental-guarantees")
