"""Action plans (seed 003, Grorud): Ingrid the planner writes a vision, goals and
activities, reads the reporting matrix and writes a status report that later edits
do not change; Kari reads; Skanderborg gets 404."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from boligtorg.cases.models import TargetGroup
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.planning.factories_programmes import ActionPlanFactory, MainGoalFactory
from boligtorg.planning.models import FocusArea
from boligtorg.planning.services import action_plans as services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
JAN, JUN = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


@pytest.fixture
def ingrid(trondheim):
    return member("ingrid", trondheim, Role.PLANNER, first_name="Ingrid", last_name="Lie")


@pytest.fixture
def actor(ingrid, trondheim):
    return actor_for(ingrid, trondheim)


@pytest.fixture
def plan(actor):
    return services.action_plan_create(
        actor=actor,
        name="Boligsosial handlingsplan",
        vision="Alle har et trygt og godt sted å bo.",
        first_year=2026,
        last_year=2029,
    )


def _activity(actor, plan, goal, **overrides):
    fields = {
        "goal": goal,
        "name": "Kartlegge boforhold",
        "expected_result": "Oversikt over gruppene",
        "starts_on": JAN,
        "ends_on": JUN,
        "responsible": "Boligkontoret",
        "focus_areas": [FocusArea.objects.get(municipality=plan.municipality, code="competence")],
    }
    return services.activity_add(actor=actor, plan=plan, **{**fields, **overrides})


def test_a_new_plan_gives_the_municipality_grorud_s_five_focus_areas(plan):
    assert FocusArea.objects.filter(municipality=plan.municipality).count() == 5


def test_an_activity_that_ends_before_it_starts_is_refused_at_the_field(actor, plan):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Flere i egen bolig")
    with pytest.raises(ValidationError) as caught:
        _activity(actor, plan, goal, ends_on=JAN - datetime.timedelta(days=1))
    assert "cannot end before it starts" in caught.value.message_dict["ends_on"][0]


def test_a_status_report_is_a_snapshot_that_later_edits_do_not_change(actor, plan):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Flere i egen bolig")
    activity = _activity(actor, plan, goal)
    report = services.status_report_create(
        actor=actor,
        plan=plan,
        kind="semi_annual",
        period_from=JAN,
        period_to=JUN,
        progress={activity.pk: ("delayed", "Venter på data")},
    )
    services.activity_update(
        actor=actor,
        activity=activity,
        goal=goal,
        name="Nytt navn",
        expected_result="Noe annet",
        starts_on=JAN,
        ends_on=JUN,
        responsible="NAV",
        focus_areas=list(activity.focus_areas.all()),
    )
    row = report.progress.get()
    assert (row.activity_name, row.responsible, row.status) == (
        "Kartlegge boforhold",
        "Boligkontoret",
        "delayed",
    )


def test_a_report_without_a_status_for_every_activity_names_the_field(actor, plan):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Mål")
    activity = _activity(actor, plan, goal)
    with pytest.raises(ValidationError) as caught:
        services.status_report_create(
            actor=actor, plan=plan, kind="annual", period_from=JAN, period_to=JUN, progress={}
        )
    assert f"status_{activity.pk}" in caught.value.message_dict


def test_a_report_for_a_period_outside_the_plans_years_is_refused_at_the_field(actor, plan):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Mål")
    activity = _activity(actor, plan, goal)
    before = datetime.date(plan.first_year - 1, 7, 1)
    with pytest.raises(ValidationError) as caught:
        services.status_report_create(
            actor=actor,
            plan=plan,
            kind="semi_annual",
            period_from=before,
            period_to=JUN,
            progress={activity.pk: ("on_track", "")},
        )
    assert caught.value.message_dict == {
        "period_from": [
            str(services.ERROR_PERIOD_OUTSIDE_PLAN)
            % {"first": plan.first_year, "last": plan.last_year}
        ]
    }
    assert not plan.reports.exists()


def test_the_matrix_shows_the_activity_in_its_target_group_and_focus_area(
    client, ingrid, actor, plan, trondheim
):
    target_groups_ensure(municipality=trondheim)
    refugees = TargetGroup.objects.get(municipality=trondheim, code="refugee")
    goal = services.main_goal_add(actor=actor, plan=plan, text="Mål")
    _activity(actor, plan, goal, name="Lære å bo", target_groups=[refugees])
    client.force_login(ingrid)
    response = client.get(reverse("planning:action_plan_matrix", args=[plan.pk]))
    matrix = response.context["matrix"]
    row = next(r for r in matrix.rows if r.target_group == refugees)
    column = [a.code for a in matrix.focus_areas].index("competence")
    assert [a.name for a in row.cells[column]] == ["Lære å bo"]
    assert '<th scope="row">' in response.content.decode()


def test_ingrid_writes_a_report_through_the_form(client, ingrid, actor, plan):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Mål")
    activity = _activity(actor, plan, goal)
    client.force_login(ingrid)
    url = reverse("planning:status_report_create", args=[plan.pk])
    form_page = client.get(url).content.decode()
    for name in ("period_from", "period_to", "summary", f"status_{activity.pk}"):
        assert f'<label class="ds-label" for="id_{name}">' in form_page, name
    assert 'name="kind" value="semi_annual"' in form_page  # radio buttons, in a fieldset
    response = client.post(
        url,
        {
            "kind": "semi_annual",
            "period_from": "2026-01-01",
            "period_to": "2026-06-30",
            f"status_{activity.pk}": "on_track",
            f"note_{activity.pk}": "Godt i gang",
        },
    )
    assert response.status_code == 302
    detail = client.get(response.url)
    assert "Godt i gang" in detail.content.decode()


def test_the_plan_page_takes_a_fixed_number_of_queries(
    client, ingrid, actor, plan, django_assert_num_queries
):
    goal = services.main_goal_add(actor=actor, plan=plan, text="Mål")
    for n in range(3):
        _activity(actor, plan, goal, name=f"A{n}")
    client.force_login(ingrid)
    url = reverse("planning:action_plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
    other = services.main_goal_add(actor=actor, plan=plan, text="Mål 2")
    for n in range(3):
        _activity(actor, plan, other, name=f"B{n}")
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


def test_kari_reads_the_plan_but_cannot_change_it(client, kari, plan):
    client.force_login(kari)
    assert client.get(reverse("planning:action_plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("planning:main_goal_create", args=[plan.pk])).status_code == 403


def test_a_planner_of_skanderborg_gets_404_for_trondheims_plan(client, skanderborg, trondheim):
    plan = ActionPlanFactory(municipality=trondheim)
    goal = MainGoalFactory(plan=plan)
    client.force_login(member("anne", skanderborg, Role.PLANNER))
    assert client.get(reverse("planning:action_plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("planning:main_goal_edit", args=[goal.pk])).status_code == 404


def test_an_empty_plan_list_offers_to_create_one(client, ingrid):
    client.force_login(ingrid)
    body = client.get(reverse("planning:action_plan_list")).content.decode()
    assert "bt-empty" in body


def test_a_new_activity_starts_under_the_goal_the_link_names_and_only_that(client, ingrid, plan):
    """The plan page links "New activity for goal n" with ``?goal=<id>``; an id the
    page cannot read (Arabic-Indic digits, beyond 64 bits) starts without a goal."""
    goal = MainGoalFactory(plan=plan)
    client.force_login(ingrid)
    url = reverse("planning:activity_create", args=[plan.pk])
    assert client.get(url, {"goal": goal.pk}).context["form"].initial["goal"] == goal
    arabic_indic = "".join(chr(0x0660 + int(digit)) for digit in str(goal.pk))
    for value in (arabic_indic, "99999999999999999999", f" {goal.pk}"):
        form = client.get(url, {"goal": value}).context["form"]
        assert form.initial.get("goal") is None, value
