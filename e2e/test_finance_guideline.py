"""The start-loan guideline and the delegated authority in a real Chromium, with
axe-core on every page, at 1280 and 320 px: Lars finds no guideline, writes one (a
binding setting first, refused at the field), and sees it guide the eligibility
page of a case; Mona delegates authority on the settings page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.finance.models import EconomyLine
from boligtorg.finance.tests.factories import FinancingCaseFactory

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def _both_widths(page, name):
    assert_accessible(page, f"{name}-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_lars_writes_the_guideline_and_it_guides_the_assessment(page, live_server, trondheim):
    member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")
    case = FinancingCaseFactory(municipality=trondheim, status="assessing")
    EconomyLine.objects.create(case=case, kind="income", category="Lønn", monthly_amount=53_334)
    today = timezone.localdate()
    _english(page, live_server)
    log_in(page, "lars", TEST_PASSWORD)

    page.goto("/finance/settings/guideline/")
    expect(
        page.get_by_text("The municipality has no start-loan guideline in force.")
    ).to_be_visible()
    _both_widths(page, "finance-guideline-empty")

    page.fill("#id_valid_from", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("#id_adopted_on", (today - datetime.timedelta(days=20)).isoformat())
    page.fill("#id_case_reference", "PS 142/25")
    page.fill("#id_income_cap", "600000")
    page.check("#id_income_cap_absolute")
    page.select_option("#id_fifty_years", "never")
    page.fill("#id_text", "Alle typer trygd regnes som fast inntekt.")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.locator(".bt-error-summary")).to_contain_text("cannot be absolute")
    expect(page.locator(".bt-error-summary")).to_contain_text("cannot rule out 50 years")
    expect(page.locator("#id_case_reference")).to_have_value("PS 142/25")
    _both_widths(page, "finance-guideline-refused")

    page.uncheck("#id_income_cap_absolute")
    page.select_option("#id_fifty_years", "special_cases")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.get_by_text("The new version of the guideline is saved.")).to_be_visible()
    expect(page.get_by_text("600,000 kr a year after tax, as guidance")).to_be_visible()
    _both_widths(page, "finance-guideline-in-force")

    page.goto(f"/finance/{case.pk}/eligibility/")
    expect(page.get_by_text("the guideline guides, it does not decide (§ 9-1)")).to_be_visible()
    _both_widths(page, "finance-eligibility-guidance")

    page.context.clear_cookies()
    _english(page, live_server)
    log_in(page, "mona", TEST_PASSWORD)
    page.goto("/finance/settings/")
    page.select_option("#id_authority-role", "loan_officer")
    page.fill("#id_authority-max_loan", "2000000")
    page.fill("#id_authority-max_grant", "200000")
    page.fill("#id_authority-valid_from", today.isoformat())
    page.get_by_role("button", name="Save the authority").click()
    expect(page.get_by_text("The delegated authority is saved.")).to_be_visible()
    _both_widths(page, "finance-settings-authority")
