"""The programmes demo data: synthetic, idempotent, and the pages render with it."""

import pytest
from django.urls import reverse

from boligtorg.cases import demo as cases_demo
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.planning import demo_programmes
from boligtorg.planning import selectors_programmes as selectors
from boligtorg.planning.models import (
    ActionPlan,
    Activity,
    ActivityProgress,
    HousingProgramme,
    MainGoal,
    MappedPerson,
    ProgrammeNeed,
    Project,
    StatusReport,
    SubGoal,
)

pytestmark = pytest.mark.django_db
MODELS = (
    HousingProgramme,
    MappedPerson,
    ProgrammeNeed,
    Project,
    ActionPlan,
    MainGoal,
    SubGoal,
    Activity,
    StatusReport,
    ActivityProgress,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def loaded(kari, sven, trondheim, skanderborg):
    cases_demo.load(trondheim, kari)
    assert demo_programmes.load(trondheim, kari) == 2
    assert demo_programmes.load(skanderborg, sven) == 2


def test_loading_the_demo_again_adds_nothing(loaded, kari, sven, trondheim, skanderborg):
    before = _counts()
    assert demo_programmes.load(trondheim, kari) == 0
    assert demo_programmes.load(skanderborg, sven) == 0
    assert _counts() == before
    assert before["HousingProgramme"] == before["ActionPlan"] == 2


def test_trondheims_demo_programme_is_grouped_financed_and_short_where_nothing_is_started(
    loaded, trondheim
):
    programme = HousingProgramme.objects.get(municipality=trondheim)
    kinds = sorted(programme.needs.values_list("kind", "units"))
    assert kinds == [
        ("cluster", 5),
        ("separate", 1),
        ("separate", 1),
        ("separate", 1),
        ("with_services", 5),
    ]
    for project in programme.projects.all():
        assert project.cost == project.own_funds + project.investment_grant + project.loans
    coverage = selectors.coverage_of(programme)
    cluster = {c.year: c.shortfall for c in coverage.by_kind["cluster"]}
    assert cluster[2029] == 5  # the conversion is not started, so it does not count
    assert {c.shortfall for c in coverage.by_kind["with_services"]} == {0}
    linked = programme.persons.filter(application__isnull=False)
    assert linked.count() == 2
    assert all(p.pseudonym.count(".") == 2 for p in programme.persons.all())


def test_the_pages_render_with_the_demo(loaded, client, trondheim, skanderborg):
    ingrid = member("ingrid", trondheim, Role.PLANNER)
    client.force_login(ingrid)
    programme = HousingProgramme.objects.get(municipality=trondheim)
    plan = ActionPlan.objects.get(municipality=trondheim)
    urls = [
        reverse("planning:programme_list"),
        reverse("planning:programme_detail", args=[programme.pk]),
        reverse("planning:mapped_person_list", args=[programme.pk]),
        reverse("planning:programme_grouping", args=[programme.pk]),
        reverse("planning:project_edit", args=[programme.projects.first().pk]),
        reverse("planning:mapped_person_edit", args=[programme.persons.first().pk]),
        reverse("planning:action_plan_list"),
        reverse("planning:action_plan_detail", args=[plan.pk]),
        reverse("planning:action_plan_matrix", args=[plan.pk]),
        reverse("planning:status_report_detail", args=[plan.reports.get().pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    anne = member("anne", skanderborg, Role.PLANNER)
    client.force_login(anne)
    danish = HousingProgramme.objects.get(municipality=skanderborg)
    assert client.get(reverse("planning:programme_detail", args=[danish.pk])).status_code == 200
    actor = actor_for(anne, skanderborg)
    assert [p.name for p in selectors.programme_list(actor=actor)] == [danish.name]
