"""Follow-up in a real Chromium, with axe-core on every page: a household has moved
in, Fatima of the follow-up service starts a plan with two goals, a visit is
missed, the rent ledger is imported, the household rises to the top of the
warning list, a payment plan is recorded, and the risk falls.

With BOLIGTORG_GUIDE_SHOTS=1 the test also saves the screenshots of
docs/followup-guide.md into docs/img/."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from boligtorg.cases.models import TeamMember
from boligtorg.core.factories import TEST_PASSWORD, actor_for, member
from boligtorg.core.models import Role
from boligtorg.followup.services import warnings as warning_services
from boligtorg.housing.factories import DwellingFactory, LeaseFactory

from .helpers import ROOT, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDE = os.environ.get("BOLIGTORG_GUIDE_SHOTS") == "1"


def _guide_shot(page: Page, name: str) -> None:
    if GUIDE:
        page.screenshot(path=ROOT / "docs" / "img" / f"followup-{name}.png", full_page=True)


def _row_of(page: Page, dwelling: str):  # noqa: ANN202
    return page.locator("tbody tr", has=page.get_by_role("link", name=dwelling))


def test_fatima_follows_up_a_household_and_prevents_an_eviction(
    page, live_server, trondheim, kari, ole_case
):
    today = timezone.localdate()
    fatima = member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )
    TeamMember.objects.create(application=ole_case, user=fatima, service="Bomiljøtjenesten")
    # Ole's household moved in three weeks ago; a neighbouring tenancy has two complaints.
    home = DwellingFactory(municipality=trondheim, address="Lade allé 4", unit_number="H0201")
    LeaseFactory(
        municipality=trondheim,
        dwelling=home,
        household=ole_case.household,
        start=today - datetime.timedelta(days=21),
        rent=9500,
    )
    neighbour = LeaseFactory(
        municipality=trondheim,
        dwelling=DwellingFactory(municipality=trondheim, address="Lade allé 6"),
    )
    for summary in ("Noise at night", "Rubbish in the stairwell"):
        warning_services.complaint_record(
            actor=actor_for(kari, trondheim),
            lease=neighbour,
            received_on=today,
            source="neighbour",
            summary=summary,
        )
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "fatima", TEST_PASSWORD)

    # Start the plan from the case page.
    page.goto(f"/cases/{ole_case.pk}/")
    page.get_by_role("link", name="Start a follow-up plan").click()
    page.fill("#id_started_on", (today - datetime.timedelta(days=7)).isoformat())
    page.fill("#id_summary", "Keep the flat and finish school.")
    assert_accessible(page, "followup-plan-new")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.locator("h1")).to_contain_text("Follow-up plan for Ole Hansen")
    assert_accessible(page, "followup-plan-empty")

    # Two goals; the first try lacks the responsible service and keeps what was typed.
    page.get_by_role("link", name="New goal").click()
    page.select_option("#id_area", "economy")
    page.fill("#id_description", "Pay the rent on the first of each month.")
    page.fill("#id_next_review_on", (today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Add the goal").click()
    expect(page.locator("#id_responsible_service_error")).to_be_visible()
    expect(page.locator("#id_description")).to_have_value(
        "Pay the rent on the first of each month."
    )
    assert_accessible(page, "followup-goal-error")
    page.fill("#id_responsible_service", "NAV")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_role("link", name="New goal").click()
    page.select_option("#id_area", "daily_activity")
    page.fill("#id_description", "Go to school every day.")
    page.fill("#id_responsible_service", "Oppfølgingstjenesten")
    page.fill("#id_next_review_on", (today + datetime.timedelta(days=42)).isoformat())
    _guide_shot(page, "goal-form")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.locator("#goals-heading ~ article")).to_have_count(2)

    # A home visit two days ago: nobody was there.
    page.get_by_role("link", name="Plan a visit").click()
    two_days_ago = datetime.datetime.combine(today - datetime.timedelta(days=2), datetime.time(10))
    page.fill("#id_planned_at", two_days_ago.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Plan the visit").click()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Follow-up").click()
    expect(page.get_by_role("heading", name="Visits not recorded")).to_be_visible()
    assert_accessible(page, "followup-agenda")
    _guide_shot(page, "agenda")
    page.get_by_role("link", name="Record").first.click()
    page.get_by_label("Missed: the household was not there").check()
    page.fill("#id_notes", "Not at home; a note left in the letterbox.")
    assert_accessible(page, "followup-visit-record")
    page.get_by_role("button", name="Record").click()

    # Before the ledger, the neighbour's complaints weigh more than one missed visit.
    page.get_by_role("navigation", name="Follow-up").get_by_role(
        "link", name="Early warning"
    ).click()
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Lade allé 6")
    expect(_row_of(page, "Lade allé 4 H0201")).to_contain_text("10")

    # Import the rent ledger: two months owed put Ole's household on top.
    page.get_by_role("link", name="Import the rent ledger").click()
    assert_accessible(page, "followup-ledger-import")
    ledger = f"address;unit_number;as_of;amount_owed\nLade allé 4;H0201;{today.isoformat()};19000\n"
    page.set_input_files(
        "#id_file",
        files=[{"name": "ledger.csv", "mimeType": "text/csv", "buffer": ledger.encode()}],
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").first).to_contain_text("1 entries new or changed")
    expect(rows.first).to_contain_text("Lade allé 4 H0201")
    expect(rows.first).to_contain_text("High")
    expect(rows.first).to_contain_text("50")
    assert_accessible(page, "followup-warnings")
    _guide_shot(page, "warnings")

    # Eviction prevention: contact, a payment plan and a referral to NAV.
    page.get_by_role("link", name="Lade allé 4 H0201").click()
    page.get_by_role("link", name="Open eviction prevention").click()
    page.fill("#id_reason", "Two months of rent owed.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record the steps").click()
    page.fill("#id_contact_made_on", today.isoformat())
    page.fill("#id_payment_plan_agreed_on", today.isoformat())
    page.fill("#id_payment_plan_monthly", "1500")
    # The plan is agreed to run a year ahead: its end lies after today.
    page.fill("#id_payment_plan_until", (today + datetime.timedelta(days=365)).isoformat())
    page.select_option("#id_referral", "nav")
    page.fill("#id_referred_on", today.isoformat())
    assert_accessible(page, "followup-prevention")
    page.get_by_role("button", name="Save the steps").click()
    expect(page.locator("#risk-heading ~ p")).to_contain_text("Watch risk: 30 points")
    expect(page.locator("#risk-heading ~ [role=region] table")).to_contain_text("Payment plan kept")
    assert_accessible(page, "followup-tenancy")
    _guide_shot(page, "tenancy")

    # The risk has fallen on the warning list too.
    page.get_by_role("navigation", name="You are here:").get_by_role(
        "link", name="Early warning"
    ).click()
    expect(_row_of(page, "Lade allé 4 H0201")).to_contain_text("30")
    page.goto(f"/followup/plans/{ole_case.followup_plan.pk}/")
    assert_accessible(page, "followup-plan")
    _guide_shot(page, "plan")
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def test_kari_assigns_a_followup_worker_who_starts_the_plan(
    page, live_server, trondheim, kari, ole_case
):
    """The assign step: the picker lists only follow-up workers with their role;
    the worker is notified and starts the plan from the case. A second worker not
    on the team sees only the case number on the access request page."""
    member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen")
    member("jon", trondheim, Role.FOLLOWUP_WORKER, first_name="Jon", last_name="Lie")
    member("per", trondheim, Role.AUDITOR, first_name="Per", last_name="Vik")
    cookie = {"name": "django_language", "value": "en", "url": live_server.url}
    page.context.add_cookies([cookie])
    log_in(page, "kari", TEST_PASSWORD)

    page.goto(f"/cases/{ole_case.pk}/team/")
    picker = page.get_by_role("combobox", name="Follow-up worker")
    expect(picker.locator("option")).to_have_text(
        [
            "Choose a follow-up worker",
            "Fatima Haugen (fatima) – Follow-up worker",
            "Jon Lie (jon) – Follow-up worker",
        ]
    )
    assert_accessible(page, "case-team-assign-followup")
    picker.select_option(label="Fatima Haugen (fatima) – Follow-up worker")
    page.get_by_role("button", name="Assign follow-up worker").click()
    expect(page.get_by_text("Fatima Haugen was assigned")).to_be_visible()
    members = page.locator("section", has=page.locator("#members-heading"))
    expect(members).to_contain_text("Fatima Haugen")

    page.context.clear_cookies()
    page.context.add_cookies([cookie])
    log_in(page, "fatima", TEST_PASSWORD)
    page.goto("/reminders/")
    reminder = page.locator("tbody tr", has_text=ole_case.number)
    reminder.get_by_role("button", name="Open").click()
    page.get_by_role("link", name="Start a follow-up plan").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.locator("h1")).to_contain_text("Follow-up plan for Ole Hansen")

    page.context.clear_cookies()
    page.context.add_cookies([cookie])
    log_in(page, "jon", TEST_PASSWORD)
    page.goto(f"/cases/{ole_case.pk}/access/")
    expect(page.locator("h1")).to_have_text(f"Access to case {ole_case.number}")
    expect(page.locator("main")).not_to_contain_text("Hansen")
    assert_accessible(page, "case-access-request")
