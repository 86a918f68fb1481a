"""Shared-house life in a real Chromium, with axe-core on every page: open a shared
house, set its contact person and representative, record a resident meeting with
attendance and an agreed action, add a house rule and a dugnad task.

With BOLIGTORG_GUIDE_SHOTS=1 the test also saves the screenshots of
docs/shared-house-guide.md into docs/img/."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.followup.factories_houses import shared_house_with_residents
from boligtorg.followup.models import AgreedAction, DugnadTask, HouseRule, ResidentMeeting

from .helpers import ROOT, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDE = os.environ.get("BOLIGTORG_GUIDE_SHOTS") == "1"


def _guide_shot(page: Page, name: str) -> None:
    if GUIDE:
        page.screenshot(path=ROOT / "docs" / "img" / f"shared-house-{name}.png", full_page=True)


def test_fatima_runs_the_life_of_a_shared_house(page, live_server, trondheim, kari):
    fatima = member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )
    shared_house_with_residents(
        trondheim, moved_in=timezone.localdate() - datetime.timedelta(days=40), free_units=2
    )
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, fatima.username, TEST_PASSWORD)

    page.goto("/followup/houses/")
    expect(page.locator("h1")).to_have_text("Shared houses")
    expect(page.locator("table")).to_contain_text("Overdue")
    assert_accessible(page, "houses-list")
    _guide_shot(page, "list")

    page.get_by_role("link", name="Bofellesskap Lade").click()
    expect(page.locator("h1")).to_have_text("Bofellesskap Lade")
    expect(page.locator("#residents")).to_contain_text("Hala Haddad")
    assert_accessible(page, "houses-detail-empty")

    # The contact person and the representative.
    page.get_by_role("link", name="Set the contact person").click()
    page.select_option("#id_user", label="Fatima Haugen (fatima) – Follow-up worker")
    assert_accessible(page, "houses-contact")
    page.get_by_role("button", name="Save the contact person").click()
    expect(page.locator("#contact-person")).to_contain_text("Fatima Haugen")
    page.get_by_role("link", name="Set the representative").click()
    page.select_option("#id_person", label="Hala Haddad")
    page.get_by_label("Appointed until an election").check()
    assert_accessible(page, "houses-representative")
    page.get_by_role("button", name="Save the representative").click()
    expect(page.locator("#representative")).to_contain_text("Hala Haddad")

    # A meeting: first without topics (the form keeps the rest), then recorded.
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Yonas Tesfay").uncheck()
    page.fill("#id_minutes", "Alle ønsker en fast liste for gangvask.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator("#id_topics_error")).to_contain_text("Write what the meeting talked")
    expect(page.locator("#id_minutes")).to_have_value("Alle ønsker en fast liste for gangvask.")
    expect(page.get_by_label("Yonas Tesfay")).not_to_be_checked()
    assert_accessible(page, "houses-meeting-error")
    page.fill("#id_topics", "Gangvask, vaskekjeller, hagearbeid")
    _guide_shot(page, "meeting-form")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator("#attendees")).to_have_text("Hala Haddad, Tekle Gebre")
    page.get_by_role("link", name="New agreed action").first.click()
    page.fill("#id_text", "Lage liste for gangvask")
    page.fill("#id_responsible", "Hala")
    page.fill("#id_due_on", (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    assert_accessible(page, "houses-action")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("section[aria-labelledby=actions-heading] table")).to_contain_text(
        "Lage liste for gangvask"
    )
    assert_accessible(page, "houses-meeting")
    _guide_shot(page, "meeting")

    # A house rule and a dugnad task.
    page.get_by_role("link", name="Back to the house").click()
    page.get_by_role("link", name="New house rule").click()
    page.get_by_label("Municipal house rule").check()
    page.fill("#id_text", "Det skal være ro i huset mellom kl. 23 og 07.")
    assert_accessible(page, "houses-rule")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.locator("section[aria-labelledby=rules-heading] table")).to_contain_text(
        "ro i huset"
    )
    page.get_by_role("link", name="New dugnad task").click()
    page.fill("#id_task", "Gangvask")
    page.fill("#id_day", (timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.get_by_label("Tekle Gebre").check()
    assert_accessible(page, "houses-task")
    page.get_by_role("button", name="Put it on the list").click()
    expect(page.locator("section[aria-labelledby=dugnad-heading] table")).to_contain_text(
        "Tekle Gebre"
    )
    page.get_by_role("button", name="Mark done").click()
    expect(page.locator("section[aria-labelledby=dugnad-heading] table")).to_contain_text("Done")
    expect(page.locator("#next-meeting")).to_contain_text("On schedule")
    assert_accessible(page, "houses-detail")
    _guide_shot(page, "detail")

    # Retiring a rule asks first.
    page.get_by_role("link", name="Retire rule 1").click()
    expect(page.locator("h1")).to_have_text("Retire rule 1?")
    assert_accessible(page, "houses-rule-retire")
    page.get_by_role("link", name="Cancel").click()

    assert ResidentMeeting.objects.get().attendees.count() == 2
    assert AgreedAction.objects.get().responsible == "Hala"
    assert HouseRule.objects.get().retired_on is None
    assert DugnadTask.objects.get().done
