"""A dwelling ready on the day of arrival, in a real Chromium with axe-core on every
page: Kari reserves a dwelling for an arrival from the arrivals page, settles the
household with a lease, and the forecast shows the month an accessible dwelling is
missing; Sven's temporary residences (Denmark) refuse an area on the vulnerable list
at the field. Each page is also drawn 320 px wide without sideways scrolling."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.domain.settlement import list_year_in_force
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease
from boligtorg.planning.factories_areas import AreaIndicatorFactory, PlanningAreaFactory
from boligtorg.planning.services.areas import criterion_sets_ensure
from boligtorg.settlement.models import ProposalStatus
from boligtorg.settlement.tests.factories import ProposalFactory, ProposedPersonFactory

from .helpers import ARTIFACTS, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def _no_sideways_scroll(page, name):
    page.set_viewport_size({"width": 320, "height": 800})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}-320.png", full_page=True)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320 px"


def test_kari_reserves_settles_and_sees_the_shortfall(page, live_server, kari, trondheim):
    today = timezone.localdate()
    year = today.year + 1
    application = ApplicationFactory(municipality=trondheim)
    household_a = ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11/A",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=today,
        application=application,
        household=application.household,
    )
    ProposedPersonFactory(proposal=household_a)
    ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11/B",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=datetime.date(year, 2, 10),
        needs_accessible=True,
    )
    minor = ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11/C",
        status=ProposalStatus.ACCEPTED,
        unaccompanied_minor=True,
        expected_arrival_on=today,
    )
    ProposedPersonFactory(proposal=minor, date_of_birth=today.replace(year=today.year - 17))
    DwellingFactory(
        municipality=trondheim,
        bedrooms=1,
        address="Innherredsveien 90",
        unit_number="H0203",
        rent=8900,
    )
    _english(page, live_server)
    log_in(page, "kari", TEST_PASSWORD)

    page.goto("/settlement/arrivals/")
    expect(page.locator("h1")).to_have_text("Arrivals")
    assert_accessible(page, "settlement-arrivals")
    _no_sideways_scroll(page, "settlement-arrivals")

    page.get_by_role("button", name="Reserve Innherredsveien 90 H0203 for IMDi-2026-11/A").click()
    expect(page.get_by_text("is reserved for IMDi-2026-11/A")).to_be_visible()
    assert_accessible(page, "settlement-arrivals-reserved")

    page.get_by_role("link", name="Release Innherredsveien 90").click()
    assert_accessible(page, "settlement-release-confirm")
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="Settle IMDi-2026-11/A").click()
    assert_accessible(page, "settlement-settle")
    page.fill("#id_rent", "9100")
    page.get_by_role("button", name="Settle").click()
    expect(page.get_by_text("the lease is drafted in the dwelling register")).to_be_visible()
    lease = Lease.objects.get(household=application.household)
    assert lease.rent == Decimal("9100")

    page.goto(f"/settlement/forecast/?year={year}")
    expect(page.locator(".ds-alert")).to_have_text(
        f"In February {year} 1 accessible 1-bedroom dwelling is missing."
    )
    assert_accessible(page, "settlement-forecast")
    _no_sideways_scroll(page, "settlement-forecast")

    page.goto("/settlement/minors/")
    expect(page.get_by_text("Needed within 12 months")).to_be_visible()
    assert_accessible(page, "settlement-minors")
    _no_sideways_scroll(page, "settlement-minors")


def test_sven_is_refused_a_temporary_residence_in_a_vulnerable_area(
    page, live_server, sven, skanderborg
):
    today = timezone.localdate()
    criterion_sets_ensure(municipality=skanderborg)
    area = PlanningAreaFactory(municipality=skanderborg, area__name="Vestergade")
    AreaIndicatorFactory(
        area=area, year=list_year_in_force(today), convictions_ratio=Decimal("3.2")
    )
    ProposalFactory(
        municipality=skanderborg,
        list_reference="US-2026-0101",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=today,
    )
    _english(page, live_server)
    log_in(page, "sven", TEST_PASSWORD)

    page.goto("/settlement/temporary-residences/")
    assert_accessible(page, "settlement-residences-empty")
    page.get_by_role("link", name="New temporary residence").click()
    page.get_by_label("Placement").select_option(index=1)
    page.fill("#id_address", "Vestergade 4")
    page.get_by_label("Area").select_option(label="Vestergade")
    page.get_by_role("button", name="Record").click()
    expect(page.locator("#id_area_error")).to_contain_text("integrationsloven § 12, stk. 2 forbids")
    expect(page.locator("#id_address")).to_have_value("Vestergade 4")
    assert_accessible(page, "settlement-residence-refused")
    _no_sideways_scroll(page, "settlement-residence-refused")


def test_anders_reserves_an_agenda_dwelling_for_an_arrival_in_the_meeting(
    page, live_server, trondheim
):
    from boligtorg.allocation.factories import open_meeting, rule_set
    from boligtorg.core.factories import actor_for, member
    from boligtorg.core.models import Role

    anders = member("anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders")
    today = timezone.localdate()
    rule_set(trondheim)
    DwellingFactory(municipality=trondheim, bedrooms=1, address="Byåsveien 45", unit_number="H0201")
    meeting = open_meeting(actor_for(anders, trondheim), title="Tildelingsmøte uke 50")
    ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11/A",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=today + datetime.timedelta(days=21),
    )
    _english(page, live_server)
    log_in(page, "anders", TEST_PASSWORD)

    page.goto(f"/allocation/meetings/{meeting.pk}/")
    expect(page.get_by_role("heading", name="Refugees arriving")).to_be_visible()
    assert_accessible(page, "settlement-meeting-arrivals")
    _no_sideways_scroll(page, "settlement-meeting-arrivals")
    page.get_by_label("Arrival", exact=True).select_option(index=1)
    page.get_by_label("Dwelling on the agenda").select_option(index=1)
    page.get_by_role("button", name="Reserve for the arrival").click()
    expect(page.get_by_text("is reserved for IMDi-2026-11/A")).to_be_visible()
    expect(page.get_by_text("Reserved for settlement (IMDi-2026-11/A).")).to_be_visible()
