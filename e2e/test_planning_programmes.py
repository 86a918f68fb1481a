"""Housing programmes and action plans in a real Chromium, with axe-core on every
page: Ingrid the planner in Trondheim makes a programme, maps a person from a case
on her case team and four directly (the first with a year after the programme:
the error is shown at the field and what she typed is kept), groups them into
needs, adds a project with financing and reads the coverage per year; then makes
an action plan with a main goal, a sub-goal and an activity, reads the reporting
matrix and writes a semi-annual status report.

With BOLIGTORG_GUIDE_SHOTS=1 the test also saves the screenshots of
docs/programmes-guide.md into docs/img/."""

import os

import pytest
from playwright.sync_api import Page, expect

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.cases.models import TargetGroup, TeamMember
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.factories import TEST_PASSWORD, member
from boligtorg.core.models import Role
from boligtorg.planning.models import MappedPerson

from .helpers import ROOT, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDE = os.environ.get("BOLIGTORG_GUIDE_SHOTS") == "1"


def _guide_shot(page: Page, name: str) -> None:
    if GUIDE:
        page.screenshot(path=ROOT / "docs" / "img" / f"programmes-{name}.png", full_page=True)


def _map(page: Page, pseudonym: str, age_group: str, need: str, interests: str) -> None:
    page.get_by_label("Initials or pseudonym").fill(pseudonym)
    page.get_by_label("Age group").select_option(label=age_group)
    page.get_by_label(need).check()
    page.get_by_label("Interests and habits").fill(interests)


@pytest.fixture
def ingrid(trondheim):
    return member("ingrid", trondheim, Role.PLANNER, first_name="Ingrid", last_name="Lie")


@pytest.fixture
def oles_case(trondheim, ingrid):
    """Ole Hansen's case, with Ingrid on its case team (she plans his dwelling)."""
    target_groups_ensure(municipality=trondheim)
    ole = PersonFactory(municipality=trondheim, first_name="Ole", last_name="Hansen")
    case = ApplicationFactory(
        municipality=trondheim,
        household=HouseholdFactory(municipality=trondheim, main=ole),
        status="submitted",
    )
    case.target_groups.set(TargetGroup.objects.filter(municipality=trondheim, code="low_income"))
    TeamMember.objects.create(application=case, user=ingrid, service="Boligprogram")
    return case


def test_ingrid_plans_a_programme_and_an_action_plan(page, live_server, ingrid, oles_case):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    log_in(page, "ingrid", TEST_PASSWORD)

    page.goto("/planning/programmes/")
    expect(page.get_by_role("status")).to_contain_text("No housing programme yet.")
    assert_accessible(page, "programmes-empty")
    page.get_by_role("link", name="New programme").click()
    page.get_by_label("Name").fill("Boligprogram 2026–2030")
    page.get_by_label("Purpose").fill("Boliger til unge med utviklingshemming")
    page.get_by_label("First year").fill("2026")
    page.get_by_label("Last year").fill("2030")
    assert_accessible(page, "programmes-new")
    page.get_by_role("button", name="Create the programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligprogram 2026–2030")
    assert_accessible(page, "programmes-detail-empty")

    # From a case: found by name, the fields suggested, never the name.
    page.get_by_role("link", name="Mapped persons", exact=True).click()
    assert_accessible(page, "programmes-persons-empty")
    page.get_by_role("link", name="Map from a case").click()
    page.get_by_label("Case number or name").fill("Hansen")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#case-results")).to_contain_text("Hansen, Ole")
    assert_accessible(page, "programmes-case-search")
    _guide_shot(page, "case-search")
    page.get_by_role("link", name=f"Map from {oles_case.number}").click()
    expect(page.locator("#linked-case")).to_contain_text(f"From case {oles_case.number}")
    expect(page.get_by_label("Case number (optional)")).to_have_value(oles_case.number)
    expect(page.get_by_label("Initials or pseudonym")).to_have_value("")
    expect(page.get_by_label("Only a separate dwelling")).to_be_checked()
    expect(page.get_by_label("Target group")).to_have_value(str(oles_case.target_groups.get().pk))
    page.get_by_label("Initials or pseudonym").fill("O.H.")
    assert_accessible(page, "programmes-person-from-case")
    _guide_shot(page, "person-from-case")
    page.get_by_role("button", name="Map and add another").click()
    expect(page.get_by_role("status").first).to_contain_text("O.H. is mapped.")

    # Directly, the first with a year after the programme: the error at the field.
    _map(page, "A.B.", "18–25", "A cluster or a separate dwelling", "music, outdoors")
    page.get_by_label("Needs a dwelling from (year)").fill("2034")
    page.get_by_role("button", name="Map and add another").click()
    expect(page.locator("#id_expected_year_error")).to_have_text(
        "The programme ends in 2030; map needs up to that year."
    )
    expect(page.get_by_label("Initials or pseudonym")).to_have_value("A.B.")
    expect(page.get_by_label("Interests and habits")).to_have_value("music, outdoors")
    assert_accessible(page, "programmes-person-error")
    _guide_shot(page, "person-error")
    page.get_by_label("Needs a dwelling from (year)").fill("2027")
    page.get_by_role("button", name="Map and add another").click()
    for pseudonym, need in (
        ("C.D.", "A cluster or a separate dwelling"),
        ("E.F.", "A cluster or a separate dwelling"),
        ("G.H.", "Needs services: a cluster with a staff base"),
    ):
        _map(page, pseudonym, "18–25", need, "music")
        page.get_by_label("Needs a dwelling from (year)").fill("2028")
        page.get_by_role("button", name="Map and add another").click()
        expect(page.get_by_role("status").first).to_contain_text(f"{pseudonym} is mapped.")
    page.get_by_role("link", name="Cancel").click()
    expect(page.locator("table")).to_contain_text(oles_case.number)
    assert_accessible(page, "programmes-persons")
    _guide_shot(page, "persons")
    assert MappedPerson.objects.get(pseudonym="O.H.").application == oles_case

    # Grouping into needs.
    page.get_by_role("link", name="Group the mapped persons").first.click()
    page.get_by_role("button", name="Propose a grouping").click()
    expect(page.get_by_role("heading", name="Proposal")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Cluster with services 1:")
    assert_accessible(page, "programmes-grouping")
    _guide_shot(page, "grouping")
    page.get_by_role("button", name="Accept as the programme's needs").click()
    expect(page.get_by_role("status").first).to_contain_text("The grouping is accepted")

    # A project with financing: 30 % own funds, 70 % Husbanken grant.
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Name").fill("Klynge Lade")
    page.get_by_label("Kind").select_option(label="Build")
    page.get_by_label("Status").select_option(label="Planned")
    page.get_by_label("Ready in (year)").fill("2028")
    page.get_by_label("Units").fill("4")
    page.get_by_label("Dwellings for").select_option(label="Cluster with services")
    page.get_by_label("Cluster with services 1").check()
    page.get_by_label("Cost (NOK)").fill("16000000")
    assert_accessible(page, "programmes-project")
    _guide_shot(page, "project")
    page.get_by_role("button", name="Add the project").click()
    expect(page.get_by_role("status").first).to_contain_text("The project is added.")
    projects = page.locator("section", has=page.locator("#projects-heading"))
    expect(projects).to_contain_text("Klynge Lade")
    expect(projects).to_contain_text("4,800,000")
    expect(projects).to_contain_text("11,200,000")
    coverage = page.locator("section", has=page.locator("#coverage-heading"))
    expect(coverage.get_by_role("row", name="Cluster with services")).to_contain_text("4 of 4")
    expect(coverage.get_by_role("row", name="Separate dwelling")).to_contain_text("1 short")
    assert_accessible(page, "programmes-detail")
    _guide_shot(page, "detail")

    # The action plan.
    page.goto("/planning/action-plans/")
    assert_accessible(page, "plans-empty")
    page.get_by_role("link", name="New action plan").click()
    page.get_by_label("Name").fill("Boligsosial handlingsplan 2026–2029")
    page.get_by_label("Vision").fill("Alle skal ha et trygt og godt sted å bo.")
    page.get_by_label("First year").fill("2026")
    page.get_by_label("Last year").fill("2029")
    page.get_by_role("button", name="Create the plan").click()
    page.get_by_role("link", name="Add the first main goal").click()
    page.get_by_label("Goal").fill("Flere vanskeligstilte får en egnet bolig")
    page.get_by_role("button", name="Add the main goal").click()
    page.get_by_role("link", name="New sub-goal of goal 1").click()
    page.get_by_label("Goal").fill("Unge under 25 år bor ikke i midlertidig botilbud")
    page.get_by_role("button", name="Add the sub-goal").click()
    page.get_by_role("link", name="New activity for goal 1").click()
    page.get_by_label("Sub-goal").select_option(index=1)
    page.get_by_label("Activity", exact=True).fill("Kartlegge boligbehovet hos unge")
    page.get_by_label("Expected result").fill("Oversikt over behovet, brukt i boligprogrammet")
    page.get_by_label("Cost estimate (NOK)").fill("150000")
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("To", exact=True).fill("2026-06-30")
    page.get_by_label("Partners").fill("NAV, Helse og velferd")
    page.get_by_label("Responsible").fill("Boligkontoret")
    page.get_by_label("Egnede boliger for vanskeligstilte").check()
    page.get_by_label("Ungdom, også ut av barnevernet (18–23 år)").check()
    assert_accessible(page, "plans-activity")
    page.get_by_role("button", name="Add the activity").click()
    expect(page.get_by_role("status").first).to_contain_text("The activity is added.")
    expect(page.locator("main")).to_contain_text("Kartlegge boligbehovet hos unge")
    assert_accessible(page, "plans-detail")
    _guide_shot(page, "plan")

    page.get_by_role("link", name="Reporting matrix: target groups × focus areas").click()
    row = page.get_by_role("row", name="Ungdom, også ut av barnevernet (18–23 år)")
    expect(row).to_contain_text("Kartlegge boligbehovet hos unge")
    assert_accessible(page, "plans-matrix")
    _guide_shot(page, "matrix")
    page.get_by_role("link", name="Back to the plan").click()

    page.get_by_role("link", name="New status report").click()
    page.get_by_label("Semi-annual").check()
    page.get_by_label("Period from").fill("2026-01-01")
    page.get_by_label("Period to").fill("2026-06-30")
    page.get_by_label("Summary").fill("Kartleggingen er ferdig.")
    page.get_by_label("Status of “Kartlegge boligbehovet hos unge”").select_option(label="Done")
    page.get_by_label("Note on “Kartlegge boligbehovet hos unge”").fill("50 samtaler holdt.")
    assert_accessible(page, "plans-report-form")
    _guide_shot(page, "report-form")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("status").first).to_contain_text("The status report is saved.")
    expect(page.locator("main")).to_contain_text("50 samtaler holdt.")
    assert_accessible(page, "plans-report")
    _guide_shot(page, "report")
