"""The start-loan report and the housing-allowance estimate in a real Chromium, with
axe-core on each page: Lars the loan officer reads the estimate beside the economy,
opens the yearly report from the case list, and mistypes the year."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Country, Role
from boligtorg.finance.models import FinanceRate
from boligtorg.finance.services.reference import reference_defaults_ensure
from boligtorg.finance.tests.factories import EconomyLineFactory, FinancingCaseFactory

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lars_reads_the_allowance_estimate_and_the_yearly_report(page, live_server, trondheim):
    member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    reference_defaults_ensure()
    FinanceRate.objects.create(
        country=Country.NORWAY,
        municipality=trondheim,
        name="floating_rate",
        valid_from=datetime.date(2020, 1, 1),
        percent=Decimal("5.000"),
    )
    case = FinancingCaseFactory(municipality=trondheim, bank_loan_monthly=9_000)
    EconomyLineFactory(case=case, kind="income", monthly_amount=32_000)
    EconomyLineFactory(case=case, kind="maintenance", category="Upkeep", monthly_amount=2_000)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "lars", TEST_PASSWORD)

    page.goto(f"{live_server.url}/finance/{case.pk}/")
    section = page.locator("section[aria-labelledby='allowance-heading']")
    expect(section).to_contain_text("guidance only: the state (Husbanken) decides")
    expect(section).to_contain_text("Estimated housing allowance")
    assert_accessible(page, "finance-allowance")

    page.goto(f"{live_server.url}/finance/")
    page.get_by_role("link", name="Start-loan report").first.click()
    expect(page.locator("h1")).to_contain_text("Yearly report on start loans and grants")
    expect(page.get_by_role("row", name="Applications received")).to_contain_text("1")
    assert_accessible(page, "finance-report")

    page.fill("#id_year", "1800")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("Year")
    expect(page.locator("#id_year")).to_have_value("1800")
    assert_accessible(page, "finance-report-error")
