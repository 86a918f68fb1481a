"""A change of terms on the payment schedule in a real Chromium, with axe-core on the
schedule page: Lars records three months of postponed instalments on a paid-out loan,
and the schedule marks the postponement on its first instalment."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.domain.deadlines import add_months
from boligtorg.finance.selectors.schedules import first_due_after
from boligtorg.finance.tests.factories import paid_out_loan

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lars_postpones_instalments_and_the_schedule_marks_them(page, live_server, trondheim):
    lars = member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")
    mona = member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")
    today = timezone.localdate()
    paid_on = today - datetime.timedelta(days=40)
    loan = paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=paid_on)
    due = first_due_after(paid_on, 20)
    end = add_months(due, 3) - datetime.timedelta(days=1)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "lars", TEST_PASSWORD)

    page.goto(f"/finance/{loan.pk}/terms/")
    page.select_option("#id_kind", "deferral")
    page.fill("#id_period_from", due.isoformat())
    page.fill("#id_period_to", end.isoformat())
    page.fill("#id_decided_on", today.isoformat())
    page.fill("#id_reason", "Sick leave; three months without instalments.")
    page.get_by_role("button", name="Record a change of terms").click()
    page.goto(f"/finance/{loan.pk}/schedule/")

    changes = page.locator("section", has=page.get_by_role("heading", name="Changes of terms"))
    expect(changes).to_contain_text("Instalments postponed from")
    expect(changes).to_contain_text("4,250.00")
    assert_accessible(page, "finance-schedule-changes")
