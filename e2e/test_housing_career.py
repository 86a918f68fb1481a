"""The housing career in a real Chromium, with axe-core on every page: a conditional
decision's condition is tracked and reviewed, the transition period is assessed
with the next step «permanent», and the person's timeline shows both dwellings."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.followup.factories_career import HousingTenureFactory, transition_case
from boligtorg.followup.models import TenureKind, TransitionAssessment
from boligtorg.housing.factories import DwellingFactory, LeaseFactory

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


def test_kari_follows_a_transition_dwelling_to_a_permanent_one(page, live_server, kari, trondheim):
    today = timezone.localdate()
    application, lease = transition_case(trondheim, kari, lease_start=today - 310 * DAY)
    person = application.applicant
    HousingTenureFactory(
        person=person,
        kind=TenureKind.TEMPORARY_SHELTER,
        started_on=lease.start - 200 * DAY,
        ended_on=lease.start - DAY,
        address="Midlertidig botilbud, sentrum",
    )
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    page.goto(f"/cases/{application.pk}/")
    page.get_by_role(
        "link", name="Housing career: conditions, transition period and lease end"
    ).click()
    expect(page.locator("h1")).to_have_text(f"Housing career of {person}")
    expect(page.get_by_text("Due", exact=True).first).to_be_visible()
    assert_accessible(page, "housing-career-case")

    # A condition of the cooperation agreement: first with a date before the decision.
    page.get_by_role("link", name=re.compile("Conditions and reviews")).click()
    page.fill("#id_text", "Pay the rent on time")
    page.fill("#id_next_review_on", "2000-01-01")
    page.get_by_role("button", name="Add the condition").click()
    expect(page.locator("#id_next_review_on_error")).to_contain_text("before the decision")
    expect(page.locator("#id_text")).to_have_value("Pay the rent on time")
    assert_accessible(page, "housing-career-condition-error")
    page.fill("#id_next_review_on", (today + 7 * DAY).isoformat())
    page.get_by_role("button", name="Add the condition").click()
    expect(page.get_by_role("heading", name="Pay the rent on time")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Review")).click()
    assert_accessible(page, "housing-career-condition-review")
    page.get_by_label("Partly met").check()
    page.fill("#id_notes", "One month late in March; a payment plan is agreed.")
    page.fill("#id_next_review_on", (today + 60 * DAY).isoformat())
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("One month late in March")).to_be_visible()
    assert_accessible(page, "housing-career-conditions")

    # The transition period ends within 60 days: assess, next step permanent.
    page.get_by_role("link", name="Back to the housing career").click()
    page.get_by_role("link", name=re.compile("Assess tenancy capacity")).click()
    assert_accessible(page, "housing-career-assessment-form")
    for field, score in (
        ("economy_score", 3),
        ("neighbours_score", 4),
        ("cleaning_score", 3),
        ("daily_activity_score", 2),
        ("network_score", 2),
    ):
        page.check(f"#id_{field}_{score - 1}")
    page.get_by_label("Prolonged transition period").check()
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.locator("#id_prolonged_until_error")).to_contain_text("new period ends")
    expect(page.locator("main")).to_contain_text("The scores support: Private rent.")
    assert_accessible(page, "housing-career-assessment")
    page.get_by_label("Permanent municipal dwelling").check()
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_role("status").first).to_contain_text("The assessment is recorded.")
    assert TransitionAssessment.objects.get().next_step == "permanent"

    # The housing office lets the permanent dwelling; the timeline shows both.
    permanent = LeaseFactory(
        municipality=trondheim,
        dwelling=DwellingFactory(municipality=trondheim, address="Tempevegen 15", status="let"),
        household=application.household,
        start=lease.end + DAY,
        end=lease.end + 1096 * DAY,
    )
    page.reload()
    page.get_by_role("link", name=str(person), exact=True).click()
    timeline = page.locator("#housing-career")
    expect(timeline.locator("li")).to_have_count(3)
    expect(timeline.locator("li").nth(0)).to_contain_text(str(permanent.dwelling))
    expect(timeline.locator("li").nth(0)).to_contain_text("Municipal dwelling")
    expect(timeline.locator("li").nth(1)).to_contain_text(str(lease.dwelling))
    expect(timeline.locator("li").nth(1)).to_contain_text("Transition dwelling")
    expect(timeline.locator("li").nth(2)).to_contain_text("Temporary shelter")
    assert_accessible(page, "housing-career-timeline")
