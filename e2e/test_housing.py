"""The dwelling register in a real Chromium, with axe-core on every page: register a
dwelling, import a file with one bad row (nothing written), fix it and import,
let the dwelling, and find it on the vacancy and lease-expiry lists."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boligtorg.core.factories import TEST_PASSWORD
from boligtorg.housing.models import Dwelling

from .helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "address;unit_number;dwelling_type;bedrooms;usable_area;disposition_form;rent;status"
ROWS = [
    "Kongens gate 1;H0101;apartment;2;54,5;owned;9500;ready",
    "Kongens gate 1;H0102;apartment;1;38;owned;8100;ready",
    "Kongens gate 3;X102;bedsit;1;22;owned;6100;ready",
]


def _csv(rows):
    return {
        "name": "kobo.csv",
        "mimeType": "text/csv",
        "buffer": "\n".join([HEADER, *rows]).encode(),
    }


def test_kari_keeps_the_register_and_lets_a_dwelling(page, live_server, kari, ole_case):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "kari", TEST_PASSWORD)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Dwellings").click()
    expect(page.locator("h1")).to_have_text("Dwellings in Trondheim")
    assert_accessible(page, "housing-list-empty")

    # Register a dwelling, first with a wrong unit number: the form keeps what was typed.
    page.get_by_role("link", name="New dwelling").click()
    page.fill("#id_unit_number", "0101")
    page.fill("#id_address", "Innherredsveien 7")
    page.fill("#id_bedrooms", "2")
    page.fill("#id_usable_area", "54.5")
    page.fill("#id_rent", "9800")
    page.get_by_label("Lift").check()
    assert_accessible(page, "housing-new")
    page.get_by_role("button", name="Register dwelling").click()
    expect(page.locator("#id_unit_number_error")).to_contain_text("four digits")
    expect(page.locator("#id_address")).to_have_value("Innherredsveien 7")
    assert_accessible(page, "housing-new-error")
    page.fill("#id_unit_number", "H0201")
    page.get_by_role("button", name="Register dwelling").click()
    expect(page.locator("h1")).to_have_text("Innherredsveien 7, H0201")
    assert_accessible(page, "housing-detail")

    # Import a file with one bad row: the error is shown and nothing is written.
    page.get_by_role("link", name="Dwellings", exact=True).first.click()
    page.get_by_role("link", name="Import").click()
    assert_accessible(page, "housing-import")
    page.set_input_files("#id_file", files=[_csv(ROWS)])
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("#import-errors-summary")).to_contain_text("Nothing was imported")
    expect(page.locator("#import-errors")).to_contain_text("unit_number")
    assert_accessible(page, "housing-import-errors")
    assert Dwelling.objects.count() == 1

    # Fixed: all three rows are imported.
    fixed = [*ROWS[:2], ROWS[2].replace("X102", "H0102")]
    page.set_input_files("#id_file", files=[_csv(fixed)])
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("status").first).to_contain_text("3 dwellings were imported.")
    assert Dwelling.objects.count() == 4
    assert_accessible(page, "housing-list")

    # Let the dwelling to Ole's household: three years from 34 months ago.
    page.get_by_role("link", name="Innherredsveien 7").click()
    page.get_by_role("link", name="Register a lease").click()
    start = timezone.localdate().replace(day=1) - datetime.timedelta(days=34 * 30)
    # The tenant is searched for: the households found follow the search box.
    page.get_by_label("Search for the tenant household").fill("Hansen")
    expect(page.locator("#household-found")).to_have_text("1 household found.")
    page.get_by_label("Tenant household", exact=True).select_option(str(ole_case.household.pk))
    page.fill("#id_start", start.isoformat())
    page.get_by_label("6-month clause").check()
    assert_accessible(page, "housing-lease-new")
    page.get_by_role("button", name="Register lease").click()
    expect(page.get_by_role("status").first).to_contain_text("The lease was registered")
    expect(page.locator("#leases-heading + [role=region] table")).to_contain_text("Ole Hansen")
    assert_accessible(page, "housing-detail-let")

    # It ends within 90 days: on the vacancy list and the lease-expiry list.
    page.get_by_role("link", name="Dwellings", exact=True).first.click()
    page.get_by_role("link", name="Vacancies").click()
    expect(page.locator("#ending-heading + [role=region] table")).to_contain_text(
        "Innherredsveien 7 H0201"
    )
    expect(page.locator("#ready-heading + [role=region] table")).to_contain_text("Kongens gate 3")
    assert_accessible(page, "housing-vacancies")
    page.get_by_role("link", name="Leases ending").click()
    expect(page.locator("table")).to_contain_text("Innherredsveien 7 H0201")
    assert_accessible(page, "housing-expiry")
