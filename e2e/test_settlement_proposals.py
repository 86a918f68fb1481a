"""A household from IMDi's distribution list in a real Chromium, with axe-core on
every page: Kari registers it (first with an error, which keeps what she typed),
accepts it with an expected arrival, and follows the link to the housing case made
from the settlement record."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kari_registers_accepts_and_opens_the_housing_case(page, live_server, kari):
    today = timezone.localdate()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    page.goto(f"{live_server.url}/settlement/proposals/")
    expect(page.get_by_text("No proposed households yet.")).to_be_visible()
    assert_accessible(page, "settlement-proposals-empty")

    page.get_by_role("link", name="Register a proposed household").first.click()
    page.fill("#id_list_reference", "IMDi-2026-11")
    page.fill("#id_received_on", (today - datetime.timedelta(days=4)).isoformat())
    page.fill("#id_languages", "Somali")
    page.fill("#id_persons-0-first_name", "Amina")
    page.fill("#id_persons-0-date_of_birth", "1994-03-12")
    page.select_option("#id_persons-0-relation", "main")
    page.fill("#id_persons-1-first_name", "Hodan")
    page.fill("#id_persons-1-last_name", "Warsame")
    page.fill("#id_persons-1-date_of_birth", "2021-08-30")
    page.select_option("#id_persons-1-relation", "child")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text("Person 1: give the first and last name.")).to_be_visible()
    expect(page.locator("#id_persons-0-first_name")).to_have_value("Amina")
    assert_accessible(page, "settlement-proposal-register-error")

    page.fill("#id_persons-0-last_name", "Warsame")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator("h1")).to_contain_text("IMDi-2026-11")
    expect(page.get_by_text("consent to share the mapping is not recorded")).to_be_visible()
    assert_accessible(page, "settlement-proposal-detail")

    page.fill("#id_accept-expected_arrival_on", (today + datetime.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("The proposal is accepted.")).to_be_visible()
    assert_accessible(page, "settlement-proposal-accepted")

    page.get_by_role("link", name=re.compile(r"^case \d{4}-\d{5}$")).click()
    expect(page.locator("h1")).to_contain_text("Amina Warsame")
    expect(page.get_by_text("From settlement:")).to_be_visible()
    assert_accessible(page, "settlement-housing-case")

    page.get_by_role("link", name="IMDi-2026-11").click()
    expect(page.locator("h1")).to_contain_text("IMDi-2026-11")
    page.goto(f"{live_server.url}/settlement/proposals/")
    expect(page.get_by_role("link", name="IMDi-2026-11")).to_be_visible()
    assert_accessible(page, "settlement-proposals-list")


PAGE_WIDTH = "() => document.documentElement.scrollWidth"


def _pages(kari_actor, sven_actor):
    """A Norwegian household accepted with a case, a minor proposed, and a Danish
    placement without names: the pages a caseworker reads most."""
    from boligtorg.settlement.demo.proposals import minor_birth_dates
    from boligtorg.settlement.services import proposals as services

    today = timezone.localdate()
    received = today - datetime.timedelta(days=6)
    accepted = services.proposal_register(
        actor=kari_actor,
        source="imdi_list",
        received_on=received,
        list_reference="IMDi-2026-11",
        languages="somali",
        reception_centre="Trondheim mottak (demo)",
        location_needs="Nær barnehage og helsestasjon, trinnfri adkomst til inngangen.",
        persons=[
            {
                "first_name": "Amina",
                "last_name": "Warsame",
                "date_of_birth": datetime.date(1994, 3, 12),
                "relation": "main",
            },
            {
                "first_name": "Hodan",
                "last_name": "Warsame",
                "date_of_birth": datetime.date(2021, 8, 30),
                "relation": "child",
            },
        ],
    )
    services.proposal_accept(
        actor=kari_actor,
        proposal=accepted,
        answered_on=today,
        expected_arrival_on=today + datetime.timedelta(days=21),
    )
    minor = services.proposal_register(
        actor=kari_actor,
        source="imdi_list",
        received_on=received,
        list_reference="IMDi-2026-11",
        unaccompanied_minor=True,
        persons=[
            {
                "first_name": "Samir",
                "last_name": "Rahimi",
                "date_of_birth": minor_birth_dates(today)[1],
                "relation": "main",
            }
        ],
    )
    placement = services.proposal_register(
        actor=sven_actor,
        source="placement",
        received_on=datetime.date(2026, 5, 10),
        decided_on=datetime.date(2026, 5, 15),
        list_reference="US-2026-0101",
        persons=[{"date_of_birth": datetime.date(1991, 6, 15), "relation": "main"}],
    )
    accepted.refresh_from_db()
    return {
        "kari": {
            "list": "/settlement/proposals/",
            "register": "/settlement/proposals/new/",
            "detail-accepted": f"/settlement/proposals/{accepted.pk}/",
            "detail-proposed": f"/settlement/proposals/{minor.pk}/",
            "edit": f"/settlement/proposals/{minor.pk}/edit/",
            "case": f"/cases/{accepted.application_id}/",
        },
        "sven": {
            "placement": f"/settlement/proposals/{placement.pk}/",
            "placement-register": "/settlement/proposals/new/",
        },
    }


def test_the_proposal_pages_reflow_at_320_px_and_pass_axe(
    browser, live_server, kari, sven, trondheim, skanderborg
):
    from boligtorg.core.factories import actor_for

    walk = _pages(actor_for(kari, trondheim), actor_for(sven, skanderborg))
    from .helpers import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    wide = []
    for username, pages in walk.items():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        log_in(page, username, TEST_PASSWORD)
        for name, url in pages.items():
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(url)
            assert_accessible(page, f"settlement-{name}-1280")
            page.set_viewport_size({"width": 320, "height": 800})
            page.screenshot(path=ARTIFACTS / f"settlement-{name}-320.png", full_page=True)
            width = page.evaluate(PAGE_WIDTH)
            if width > 320:
                wide.append(f"{url} is {width} px wide at 320 px")
        context.close()
    assert not wide, "\n".join(wide)
