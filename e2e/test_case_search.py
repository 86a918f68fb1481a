"""The case list's search in a real Chromium: a national id searched never shows in
the address bar, and paging and sorting keep the search."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import TEST_PASSWORD

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_found_by_national_id_keeps_the_id_out_of_every_address(
    page, live_server, kari, trondheim, ole_case
):
    for _ in range(3):
        ApplicationFactory(municipality=trondheim)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)
    page.goto("/cases/")
    national_id = ole_case.applicant.national_id
    page.get_by_label("Search", exact=True).fill(national_id)
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=ole_case.number)).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(1)
    assert national_id not in page.url and "s=" in page.url
    # Sorting keeps the search; the box still shows it; going back shows it again.
    page.get_by_role("link", name="Case number").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.get_by_label("Search", exact=True)).to_have_value(national_id)
    assert national_id not in page.url
    page.go_back()
    expect(page.locator("table tbody tr")).to_have_count(1)
    # The export keeps the search by its key and holds the one case found.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert national_id not in download.value.url
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert ole_case.number in text
    assert len(text.strip().splitlines()) == 2
    assert download.value.suggested_filename.startswith("cases-")
