"""Statistics in a real Chromium, with axe-core on every page: Pia the planner opens
the figures (the charts draw under the strict Content-Security-Policy, each with its
table), reads the page without JavaScript, takes the yearly report as PDF and looks
at stock versus need.

With BOLIGTORG_GUIDE_SHOTS=1 the test also saves the screenshots of
docs/statistics-guide.md into docs/img/."""

import os
import subprocess

import pytest
from playwright.sync_api import Page, expect

from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.planning.factories_statistics import year_of_work

from .helpers import ROOT, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDE = os.environ.get("BOLIGTORG_GUIDE_SHOTS") == "1"


def _guide_shot(page: Page, name: str, *, full_page: bool = True) -> None:
    if GUIDE:
        page.screenshot(path=ROOT / "docs" / "img" / f"statistics-{name}.png", full_page=full_page)


def _english(page: Page, live_server) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_pia_reads_the_figures_the_yearly_report_and_stock_versus_need(
    page, browser, live_server, trondheim, kari, tmp_path
):
    work = year_of_work(trondheim, kari)
    member("pia", trondheim, Role.PLANNER, first_name="Pia", last_name="Strand")
    _english(page, live_server)
    log_in(page, "pia", TEST_PASSWORD)

    page.goto(f"/planning/statistics/?year={work.year}&granularity=month")
    expect(page.locator("h1")).to_have_text("Statistics")
    chart = page.locator("#chart-applications_by_situation")
    expect(chart).to_be_visible()
    # Chart.js drew on the canvas: it has an instance and a non-empty bitmap.
    assert page.evaluate(
        "() => !!Chart.getChart(document.getElementById('chart-applications_by_situation'))"
    )
    assert page.evaluate(
        "() => document.getElementById('chart-applications_by_situation').width > 0"
    )
    table = page.locator(
        "table", has=page.locator("caption", has_text="Applications received, by situation")
    )
    expect(table.locator("tbody tr", has_text=f"{work.year}-03")).to_contain_text("12")
    assert_accessible(page, "statistics-figures")
    page.set_viewport_size({"width": 1280, "height": 1100})
    _guide_shot(page, "figures", full_page=False)
    assert not [m for m in page.console_messages if "Content Security Policy" in m]
    assert not [m for m in page.console_messages if "rror" in m]

    # Without JavaScript the charts stay hidden and the tables carry the figures.
    plain = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain.add_cookies(page.context.cookies())
    without_js = plain.new_page()
    without_js.goto(f"/planning/statistics/?year={work.year}&granularity=year")
    expect(without_js.locator("#chart-applications_by_situation")).to_be_hidden()
    expect(without_js.locator("caption", has_text="Decisions, granted and refused")).to_be_visible()
    plain.close()

    page.get_by_role("link", name="Yearly report").click()
    page.fill("#id_year", str(work.year))
    page.get_by_role("button", name="Show").click()
    expect(page.locator("caption")).to_contain_text(f"KOSTRA figures {work.year}, Trondheim")
    assert_accessible(page, "statistics-yearly-report")
    _guide_shot(page, "yearly-report")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Trondheim municipality" in lines
    # The KOSTRA item column comes first; the figures are exact.
    assert any(line.endswith("Applications received 17") for line in lines)
    assert any(line.endswith("of which granted 12 70.6 %") for line in lines)
    assert "Exact figures, not for publication." in " ".join(lines)

    page.get_by_role("link", name="Stock versus need").click()
    expect(page.locator("h1")).to_have_text("Stock versus need")
    expect(page.locator("#chart-stock_need")).to_be_visible()
    size_row = page.locator("tbody tr", has=page.locator("th", has_text="2 bedrooms")).first
    expect(size_row).to_contain_text("Short")
    assert_accessible(page, "statistics-stock-need")
    _guide_shot(page, "stock-need")
    assert not [m for m in page.console_messages if "Content Security Policy" in m]
