"""A financing case in a real Chromium, with axe-core on every page: Lars the loan
officer registers an application (first with an error, which keeps what he typed),
adds the economy, answers the checklist and recommends a start loan; Mona the
manager, another person, decides; Lars records the explanation duty and pays out."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.finance.models import FinancingCase

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_lars_takes_an_application_from_received_to_payout(page, browser, live_server, trondheim):
    member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")
    today = timezone.localdate().isoformat()
    _english(page, live_server)
    log_in(page, "lars", TEST_PASSWORD)

    page.get_by_role("link", name="Financing").first.click()
    expect(page.get_by_text("No applications for financing yet.")).to_be_visible()
    assert_accessible(page, "finance-list-empty")

    page.get_by_role("link", name="New application").click()
    page.fill("#id_first_name", "Nora")
    page.fill("#id_last_name", "Lie")
    page.fill("#id_date_of_birth", "1990-05-01")
    page.fill("#id_price", "3000000")
    page.get_by_role("button", name="Register the application").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("Purpose")
    expect(page.locator("#id_first_name")).to_have_value("Nora")
    assert_accessible(page, "finance-register-error")
    page.select_option("#id_purpose", "buy_full")
    page.fill("#id_costs", "80000")
    page.fill("#id_loan_applied", "3080000")
    page.get_by_role("button", name="Register the application").click()
    expect(page.locator("h1")).to_contain_text("Nora Lie")
    expect(page.get_by_text("Adds up")).to_be_visible()
    assert_accessible(page, "finance-case-received")

    for kind, what, amount in (
        ("income", "Wages after tax", "38000"),
        ("living", "Food and daily costs", "11000"),
        ("maintenance", "Maintenance and common costs", "3000"),
    ):
        page.get_by_role("link", name="Add a line").click()
        page.select_option("#id_line-kind", kind)
        page.fill("#id_line-category", what)
        page.fill("#id_line-monthly_amount", amount)
        page.get_by_role("button", name="Add the line").click()
    expect(page.locator("dd strong")).to_have_text("24,000 kr")

    page.get_by_role("link", name="Answer the checklist").click()
    assert_accessible(page, "finance-eligibility")
    page.select_option("#id_no_bank_loan__answer", "yes")
    page.fill("#id_no_bank_loan__reason", "Two banks refused in writing.")
    page.select_option("#id_children_or_needs__answer", "yes")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("Give the reason for the answer.")
    page.fill("#id_children_or_needs__reason", "Two children at school nearby.")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("Two children at school nearby.")).to_be_visible()

    page.get_by_role("link", name="Recommend", exact=True).click()
    assert_accessible(page, "finance-recommend")
    page.select_option("#id_outcome", "loan")
    page.fill("#id_facts", "Income 456,000 a year after tax; two banks refused.")
    page.fill("#id_considerations", "The household can carry the loan at the stress rate.")
    page.get_by_role("button", name="Send for decision").click()
    expect(page.get_by_text("Waiting for the decision by another person")).to_be_visible()
    assert_accessible(page, "finance-case-recommended")

    # Mona decides in her own browser session.
    mona_context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}
    )
    mona = mona_context.new_page()
    _english(mona, live_server)
    log_in(mona, "mona", TEST_PASSWORD)
    case = FinancingCase.objects.get()
    mona.goto(f"/finance/{case.pk}/")
    mona.get_by_role("link", name="Decide", exact=True).click()
    assert_accessible(mona, "finance-decide")
    mona.fill("#id_decided_on", today)
    mona.get_by_role("button", name="Make the decision").click()
    expect(mona.locator(".bt-page-head .ds-tag").first).to_have_text("Decided")
    mona_context.close()

    page.reload()
    page.get_by_role("link", name="Record a payout").click()
    page.fill("#id_loan_part", "3080000")
    page.fill("#id_paid_on", today)
    page.get_by_role("button", name="Record the payout").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("finansavtaleloven § 5-1")
    assert_accessible(page, "finance-payout-error")
    page.get_by_role("link", name=re.compile("Cancel")).click()
    page.get_by_role("link", name="Record the explanation").click()
    for label in (
        "Fixed or floating rate",
        "Term and payment plan",
        "Monthly cost against today's rent",
        "Remaining debt after a sale",
        "The risk of a forced sale",
    ):
        page.get_by_label(label).check()
    page.get_by_role("button", name="Record the explanation").click()
    expect(page.get_by_text(re.compile("All five topics explained"))).to_be_visible()
    page.get_by_role("link", name="Record a payout").click()
    page.fill("#id_loan_part", "3080000")
    page.fill("#id_paid_on", today)
    page.get_by_role("button", name="Record the payout").click()
    expect(page.locator(".bt-page-head .ds-tag").first).to_have_text("Paid out")
    assert_accessible(page, "finance-case-paid-out")
    case.refresh_from_db()
    assert case.status == "paid_out"
