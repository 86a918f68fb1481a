"""Reflow (WCAG 2.1 1.4.10) in a real Chromium: at 320 and 390 px wide no main page
scrolls sideways; at 1280 px no table is wider than the page, text areas are as wide
as inputs and cards keep their padding. Every entry of the main menu, the module
menus' lists and the main detail pages, each as a demo user who may see it, with
axe-core on each page.

One browser page walks them all: the demo data is loaded once, and the width is
checked by resizing the loaded page rather than loading it again."""

import pytest
from playwright.sync_api import Page

from boligtorg.allocation.models import Meeting
from boligtorg.cases.models import Application
from boligtorg.core.demo import DEMO_PASSWORD, load_demo_data
from boligtorg.core.models import Municipality
from boligtorg.finance.models import FinancingCase
from boligtorg.followup.models import FollowUpPlan
from boligtorg.housing.models import Dwelling
from boligtorg.planning.models import ActionPlan, HousingProgramme, PlanningArea

from .helpers import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390)
DESKTOP = 1280
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# On a desktop nothing is cut off or squeezed: a shown table fits its region, a text
# area is as wide as its field (the inputs are), and a card's content is inset.
DESKTOP_FLAWS = """() => {
  const flaws = [];
  const name = el => (el.querySelector('caption') || el).textContent.trim().slice(0, 60);
  for (const region of document.querySelectorAll('.bt-table-scroll')) {
    if (region.checkVisibility() && region.scrollWidth > region.clientWidth + 1) {
      flaws.push(`table "${name(region)}" is ${region.scrollWidth} px in ${region.clientWidth} px`);
    }
  }
  for (const area of document.querySelectorAll('.bt-field textarea')) {
    const field = area.closest('.bt-field');
    if (area.offsetWidth < field.clientWidth - 1) {
      flaws.push(`text area ${area.id}: ${area.offsetWidth} px of ${field.clientWidth} px`);
    }
  }
  for (const card of document.querySelectorAll('.ds-card')) {
    const inset = parseFloat(getComputedStyle(card).paddingInlineStart);
    if (!card.querySelector(':scope > .ds-card__block') && inset < 8) {
      flaws.push(`card "${name(card).slice(0, 40)}" has ${inset} px padding`);
    }
  }
  return flaws;
}"""


def _first(model, municipality) -> int:
    return (
        model.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


def _main_pages() -> dict[str, list[str]]:
    """The pages each demo user walks: the main menu is read from the page itself;
    these are the module lists and the detail pages below it."""
    trondheim = Municipality.objects.get(code="5001")
    case = _first(Application, trondheim)
    dwelling = _first(Dwelling, trondheim)
    meeting = _first(Meeting, trondheim)
    plan = _first(FollowUpPlan, trondheim)
    area = _first(PlanningArea, trondheim)
    programme = _first(HousingProgramme, trondheim)
    action_plan = _first(ActionPlan, trondheim)
    financing = {
        case.status: case.pk
        for case in FinancingCase.objects.filter(municipality=trondheim).order_by("pk")
    }
    return {
        "kari": [
            f"/cases/{case}/",
            "/cases/new/",
            "/cases/deadlines/",
            f"/housing/{dwelling}/",
            "/housing/vacancies/",
            "/housing/leases/expiring/",
            "/housing/landlords/",
            f"/allocation/meetings/{meeting}/",
            "/allocation/waiting-list/",
            "/allocation/offers/",
            "/allocation/statistics/",
            "/allocation/rules/",
            "/allocation/shared-houses/",
            "/followup/plans/",
            f"/followup/plans/{plan}/",
            "/followup/warnings/",
            "/followup/houses/",
        ],
        "tone": ["/users/new/"],
        "per": [],
        "ingrid": [
            f"/planning/areas/{area}/",
            "/planning/areas/new/",
            "/planning/areas/criteria/",
            "/planning/programmes/",
            f"/planning/programmes/{programme}/",
            "/planning/action-plans/",
            f"/planning/action-plans/{action_plan}/",
            "/planning/statistics/",
            "/planning/statistics/yearly-report/",
            "/planning/statistics/stock-need/",
        ],
        "mona": [],
        "lars": [
            "/finance/new/",
            f"/finance/{financing['assessing']}/",
            f"/finance/{financing['assessing']}/eligibility/",
            f"/finance/{financing['assessing']}/recommend/",
            f"/finance/{financing['recommended']}/",
            f"/finance/{financing['recommended']}/schedule/",
            f"/finance/{financing['paid_out']}/",
        ],
    }


def _walk(page: Page, path: str, seen: set[str], problems: list[str]) -> None:
    if path in seen:
        return
    seen.add(path)
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    response = page.goto(path)
    if response is None or response.status != 200:
        problems.append(f"{path}: answered {response and response.status}")
        return
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width = page.evaluate(PAGE_WIDTH)
        if scroll_width > width:
            problems.append(f"{path}: {scroll_width} px wide at {width} px")
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    problems.extend(f"{path} at {DESKTOP} px: {flaw}" for flaw in page.evaluate(DESKTOP_FLAWS))
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    problems.extend(f"{path}: {violation}" for violation in axe_violations(page))


def test_no_main_page_scrolls_sideways_on_a_phone_nor_cuts_anything_off_on_a_desktop(
    page, live_server
):
    load_demo_data()
    problems: list[str] = []
    for username, pages in _main_pages().items():
        page.context.clear_cookies()
        log_in(page, username, DEMO_PASSWORD)
        seen: set[str] = set()
        menu = page.locator("nav.bt-nav a").evaluate_all("links => links.map(a => a.pathname)")
        for path in [*menu, *pages]:
            if not path.startswith("/admin/"):  # Django's own admin is not ours to lay out
                _walk(page, path, seen, problems)
    assert not problems, "\n".join(problems)
