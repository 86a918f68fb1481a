"""The header's search box in a real Chromium: a national id searched never shows in
the address bar, the results page is grouped by kind and passes axe."""

import pytest
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.housing.factories import DwellingFactory

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_search_finds_a_person_by_national_id_without_it_in_the_address(
    page, live_server, kari, trondheim, ole_case
):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)
    national_id = ole_case.applicant.national_id

    search = page.get_by_role("search", name="Search everything")
    search.get_by_label("Person, national id, case number or address").fill(national_id)
    search.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="Persons (1)")).to_be_visible()
    expect(page.get_by_role("link", name=f"case {ole_case.number}")).to_be_visible()
    assert national_id not in page.url and "s=" in page.url
    assert_accessible(page, "search-results")


def test_an_address_search_lists_the_dwelling_and_an_unknown_word_says_nothing_found(
    page, live_server, kari, trondheim
):
    DwellingFactory(municipality=trondheim, address="Munkegata 12")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)

    search = page.get_by_role("search", name="Search everything")
    search.get_by_label("Person, national id, case number or address").fill("Munkegata")
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Munkegata 12")).to_be_visible()

    page.get_by_role("main").get_by_label("Person, national id, case number or address").fill(
        "Nowhere"
    )
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nothing found.")).to_be_visible()
    assert_accessible(page, "search-empty")
