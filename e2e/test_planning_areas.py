"""Vulnerable areas in a real Chromium, with axe-core on every page: Lise the
planner in Skanderborg registers Højvangen, imports an indicator file with a bad
row (the error is shown, nothing is written), fixes it, imports it, and reads the
area's classification, the criteria met and the criterion set's legal source.

With BOLIGTORG_GUIDE_SHOTS=1 the test also saves the screenshots of
docs/areas-guide.md into docs/img/."""

import os

import pytest
from playwright.sync_api import Page, expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.planning.models import AreaIndicator

from .helpers import ROOT, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDE = os.environ.get("BOLIGTORG_GUIDE_SHOTS") == "1"
HEADER = (
    "area;year;residents;outside_work;convictions_ratio;basic_schooling;income_ratio;non_western\n"
)
YEARS = "".join(f"Højvangen;{year};1200;45;2,1;65;50;55\n" for year in range(2019, 2023))


def _guide_shot(page: Page, name: str) -> None:
    if GUIDE:
        page.screenshot(path=ROOT / "docs" / "img" / f"areas-{name}.png", full_page=True)


def _upload(page: Page, text: str) -> None:
    page.set_input_files(
        "#id_file", files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()


def test_lise_imports_indicators_and_reads_an_areas_classification(page, live_server, skanderborg):
    member("lise", skanderborg, Role.PLANNER, first_name="Lise", last_name="Kjær")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "lise", TEST_PASSWORD)

    page.get_by_role("link", name="Areas and plans").first.click()
    expect(page.get_by_role("status")).to_contain_text("No areas registered yet.")
    assert_accessible(page, "areas-empty")
    page.get_by_role("link", name="New area").click()
    assert_accessible(page, "areas-new")
    page.get_by_label("Housing organisation").fill("Skanderborg Andelsboligforening")
    page.get_by_label("Boundary (GeoJSON)").fill("not a map")
    page.get_by_role("button", name="Register the area").click()
    expect(page.locator("#id_name_error")).to_have_text("Write the area's name.")
    expect(page.get_by_label("Housing organisation")).to_have_value(
        "Skanderborg Andelsboligforening"
    )
    assert_accessible(page, "areas-new-error")
    page.get_by_label("Name", exact=True).fill("Højvangen")
    page.get_by_label("Department").fill("afd. 12")
    page.get_by_label("Addresses").fill("Højvangen 2\nHøjvangen 4")
    page.get_by_label("Boundary (GeoJSON)").fill("")
    page.get_by_role("button", name="Register the area").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Højvangen")
    assert_accessible(page, "areas-detail-empty")

    # A file whose 2021 row has a share of 145 % and a misspelt area: nothing is written.
    page.get_by_role("link", name="Import indicators").click()
    assert_accessible(page, "areas-import")
    bad = (
        HEADER
        + YEARS.replace("2021;1200;45", "2021;1200;145")
        + "Højvangn;2023;1200;45;2;65;50;55\n"
    )
    _upload(page, bad)
    expect(page.locator("#import-errors-summary")).to_contain_text(
        "Nothing was imported: 2 rows have errors."
    )
    expect(page.locator("#import-errors")).to_contain_text("Write a share from 0 to 100.")
    expect(page.locator("#import-errors")).to_contain_text("No planning area is called “Højvangn”")
    assert_accessible(page, "areas-import-errors")
    _guide_shot(page, "import-errors")
    assert not AreaIndicator.objects.exists()

    _upload(page, HEADER + YEARS + "Højvangen;2023;1210;44;2,0;64;51;54\n")
    expect(page.get_by_role("status").first).to_contain_text("5 new years, 0 updated")
    expect(page.locator("#area-list")).to_contain_text("Transformation area (omdannelsesområde)")
    assert_accessible(page, "areas-list")
    _guide_shot(page, "list")

    page.get_by_role("link", name="Højvangen").click()
    expect(page.locator("#current-classification")).to_contain_text(
        "In 2023 the area is classified as: Transformation area (omdannelsesområde)."
    )
    expect(page.locator("#criteria-2023")).to_contain_text("5 consecutive years of 5 needed.")
    expect(page.locator("#indicator-history")).to_contain_text("Parallel society")
    expect(page.locator("#intensity")).to_contain_text("<5")
    assert_accessible(page, "areas-detail")
    _guide_shot(page, "detail")

    page.get_by_role(
        "link", name="Record a meeting (Coordination and development forum (KUF))"
    ).click()
    page.get_by_label("Date").fill("2025-03-04")
    page.get_by_label("Minutes").fill("Homework café is full on Tuesdays.")
    page.get_by_role("button", name="Record the meeting").click()
    assert_accessible(page, "areas-meeting")
    page.get_by_role("link", name="Add an agreed action").click()
    page.get_by_label("Agreed action").fill("Open on Thursdays too")
    page.get_by_label("Responsible").fill("SSP")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("#actions")).to_contain_text("Open on Thursdays too")
    assert_accessible(page, "areas-meeting-action")

    page.goto("/planning/areas/criteria/")
    assert_accessible(page, "areas-criteria")
    page.get_by_role("link", name="Forebyggelsesområde 2021– (2 of 4)").click()
    expect(page.locator("#criterion-source")).to_contain_text("Almenboligloven § 61 b")
    assert_accessible(page, "areas-criterion-set")
    _guide_shot(page, "criterion-set")

    # The law changes from the 2030 list: the set ends and is copied into its successor.
    page.get_by_role("link", name="End validity").click()
    assert_accessible(page, "areas-criterion-set-end")
    page.get_by_label("Last day of validity").fill("2030-11-30")
    page.get_by_role("button", name="Save the last day").click()
    expect(page.get_by_role("status").first).to_contain_text("is valid until")
    page.get_by_role("link", name="Copy into a new set").click()
    expect(page.get_by_label("Valid from")).to_have_value("2030-12-01")
    assert_accessible(page, "areas-criterion-set-copy")
