"""The running loan in a real Chromium, with axe-core on every new page: Lars the
loan officer hands a paid-out loan to the loan servicer, imports the servicer's file
of missed instalments (first with a bad row, which writes nothing), and Fatima in
follow-up sees the borrower in the early warning beside the tenancies."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.finance.models import MissedInstalment
from boligtorg.finance.selectors.schedules import first_due_after
from boligtorg.finance.tests.factories import paid_out_loan

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_lars_hands_over_a_loan_and_a_missed_instalment_warns_follow_up(
    page, browser, live_server, trondheim, tmp_path
):
    lars = member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    mona = member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")
    member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen")
    paid_on = timezone.localdate() - datetime.timedelta(days=120)
    due = first_due_after(paid_on, 20)
    loan = paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=paid_on)
    _english(page, live_server)
    log_in(page, "lars", TEST_PASSWORD)

    page.get_by_role("link", name="Financing").first.click()
    page.get_by_role("link", name="Loan servicer").click()
    expect(page.get_by_role("cell", name=loan.number)).to_be_visible()
    assert_accessible(page, "finance-servicer-waiting")
    page.get_by_role("button", name="Hand over 1 loan").click()
    expect(page.get_by_text("No paid-out loan is waiting to be handed over.")).to_be_visible()
    expect(page.get_by_role("link", name="CSV")).to_be_visible()
    assert_accessible(page, "finance-servicer-handed-over")

    bad = tmp_path / "missed.csv"
    bad.write_text(
        f"case_number;due_date;amount_missed;reported_date\n"
        f"{loan.number};{due};5432,10;{due}\nF1999-0001;{due};0;{due}\n"
    )
    page.get_by_role("link", name="Import missed instalments").click()
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("2 errors in the file: nothing was imported.")).to_be_visible()
    assert_accessible(page, "finance-missed-import-errors")
    assert not MissedInstalment.objects.exists()

    good = tmp_path / "missed-good.csv"
    good.write_text(
        f"case_number;due_date;amount_missed;reported_date\n{loan.number};{due};5432,10;{due}\n"
    )
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Import").click()
    expect(
        page.get_by_text("The servicer's file was imported: 1 missed instalments.")
    ).to_be_visible()

    page.goto(f"/finance/{loan.pk}/")
    expect(page.get_by_role("heading", name="Missed instalments")).to_be_visible()
    assert_accessible(page, "finance-case-missed")

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    fatima = context.new_page()
    _english(fatima, live_server)
    log_in(fatima, "fatima", TEST_PASSWORD)
    fatima.goto("/followup/warnings/")
    section = fatima.locator(
        "section",
        has=fatima.get_by_role("heading", name="Start-loan borrowers with missed instalments"),
    )
    expect(section).to_contain_text(loan.number)
    assert_accessible(fatima, "followup-warnings-loans")
    context.close()
