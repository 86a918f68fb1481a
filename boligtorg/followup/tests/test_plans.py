"""Follow-up plans, goals, reviews and visits: who sees them, what is refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.models import Consent, TeamMember
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditEvent, Role
from boligtorg.followup import selectors
from boligtorg.followup.factories import goal_for, plan_for, visit_for
from boligtorg.followup.models import FollowUpPlan, GoalArea, GoalStatus, Progress, VisitStatus
from boligtorg.followup.services import plans as services
from boligtorg.housing.factories import LeaseFactory

TODAY = timezone.localdate


@pytest.fixture
def fatima(trondheim):
    return member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )


@pytest.fixture
def team_case(ole_case, fatima):
    """Ole's case with Fatima of the follow-up service on its team."""
    TeamMember.objects.create(application=ole_case, user=fatima, service="Bomiljøtjenesten")
    return ole_case


@pytest.fixture
def plan(team_case, trondheim):
    return plan_for(municipality=trondheim, application=team_case)


def test_a_team_member_starts_a_plan_for_the_households_lease(team_case, fatima, trondheim):
    lease = LeaseFactory(municipality=trondheim, household=team_case.household)

    plan = services.plan_create(
        actor=actor_for(fatima, trondheim), application=team_case, started_on=TODAY(), lease=lease
    )

    assert plan.lease == lease
    assert team_case.events.filter(kind="followup_plan").exists()


def test_a_plan_cannot_start_before_the_application_or_follow_another_households_lease(
    team_case, fatima, trondheim
):
    other = LeaseFactory(municipality=trondheim)

    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            actor=actor_for(fatima, trondheim),
            application=team_case,
            started_on=team_case.received_on - datetime.timedelta(days=1),
            lease=other,
        )

    assert exc.value.message_dict["started_on"] == [str(services.ERROR_START_BEFORE_CASE)]
    assert exc.value.message_dict["lease"] == [str(services.ERROR_LEASE_NOT_HOUSEHOLD)]
    assert not FollowUpPlan.objects.exists()


def test_a_caseworker_outside_the_team_cannot_read_or_start_a_plan(plan, trondheim, client):
    outsider = member("lise", trondheim, Role.CASEWORKER)
    client.force_login(outsider)

    assert client.get(reverse("followup:plan_detail", args=[plan.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.goal_add(
            actor=actor_for(outsider, trondheim),
            plan=plan,
            area=GoalArea.ECONOMY,
            description="Pay the rent",
            responsible_service="NAV",
            next_review_on=TODAY(),
        )


def test_reading_a_plan_is_audited(plan, fatima, client):
    client.force_login(fatima)

    response = client.get(reverse("followup:plan_detail", args=[plan.pk]))

    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        object_type="followup.followupplan", object_id=str(plan.pk), action="view", actor=fatima
    ).exists()


def test_a_review_before_the_plan_started_is_refused_at_the_field(plan, fatima, trondheim):
    goal = goal_for(plan)

    with pytest.raises(ValidationError) as exc:
        services.goal_review_record(
            actor=actor_for(fatima, trondheim),
            goal=goal,
            reviewed_on=plan.started_on - datetime.timedelta(days=1),
            progress=Progress.SOME,
            next_review_on=TODAY() + datetime.timedelta(days=30),
        )

    assert list(exc.value.message_dict) == ["reviewed_on"]
    assert not goal.reviews.exists()


def test_a_goals_first_review_cannot_be_before_the_plan_started(plan, fatima, trondheim):
    with pytest.raises(ValidationError) as exc:
        services.goal_add(
            actor=actor_for(fatima, trondheim),
            plan=plan,
            area=GoalArea.NETWORK,
            description="Meet a friend every week",
            responsible_service="Frivilligsentralen",
            next_review_on=plan.started_on - datetime.timedelta(days=1),
        )

    assert list(exc.value.message_dict) == ["next_review_on"]


def test_an_achieved_review_closes_the_goal_and_another_moves_the_next_review(
    plan, fatima, trondheim
):
    actor = actor_for(fatima, trondheim)
    first, second = goal_for(plan), goal_for(plan, GoalArea.DAILY_ACTIVITY)
    later = TODAY() + datetime.timedelta(days=42)

    services.goal_review_record(
        actor=actor, goal=first, reviewed_on=TODAY(), progress=Progress.ACHIEVED
    )
    services.goal_review_record(
        actor=actor, goal=second, reviewed_on=TODAY(), progress=Progress.SOME, next_review_on=later
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == GoalStatus.ACHIEVED
    assert (second.status, second.next_review_on) == (GoalStatus.OPEN, later)


def test_a_health_goal_needs_consent_to_health_information(plan, fatima, trondheim, client):
    actor = actor_for(fatima, trondheim)
    goal_for(plan, GoalArea.HEALTH, description="Keep the appointments at the clinic")
    goal_for(plan, GoalArea.ECONOMY)
    client.force_login(fatima)

    page = client.get(reverse("followup:plan_detail", args=[plan.pk]))
    view = selectors.plan_read(actor=actor, plan=plan)
    with pytest.raises(ValidationError) as exc:
        services.goal_add(
            actor=actor,
            plan=plan,
            area=GoalArea.HEALTH,
            description="Take the medicine",
            responsible_service="Helse",
            next_review_on=TODAY(),
        )

    assert [g.area for g in view.goals] == [GoalArea.ECONOMY]
    assert view.hidden_goals == 1
    assert "Keep the appointments" not in page.content.decode()
    assert list(exc.value.message_dict) == ["area"]


def test_with_consent_to_health_the_team_sees_the_health_goal(plan, fatima, trondheim):
    Consent.objects.create(
        person=plan.application.applicant,
        services="Helse, NAV",
        covers_health=True,
        given_on=TODAY() - datetime.timedelta(days=5),
        valid_until=TODAY() + datetime.timedelta(days=365),
        recorded_by=fatima,
    )
    goal_for(plan, GoalArea.HEALTH)

    view = selectors.plan_read(actor=actor_for(fatima, trondheim), plan=plan)

    assert [g.area for g in view.goals] == [GoalArea.HEALTH]
    assert view.hidden_goals == 0


def test_a_visit_in_the_future_can_be_cancelled_but_not_marked_missed(plan, fatima, trondheim):
    actor = actor_for(fatima, trondheim)
    visit = visit_for(plan, fatima, days_from_now=3)

    with pytest.raises(ValidationError):
        services.visit_record(actor=actor, visit=visit, status=VisitStatus.MISSED)
    services.visit_record(actor=actor, visit=visit, status=VisitStatus.CANCELLED)

    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


def test_a_missed_visit_goes_on_the_case_timeline_and_cannot_be_recorded_twice(
    plan, fatima, trondheim
):
    actor = actor_for(fatima, trondheim)
    visit = visit_for(plan, fatima, days_from_now=-2)

    services.visit_record(actor=actor, visit=visit, status=VisitStatus.MISSED, notes="Not home")

    assert plan.application.events.filter(kind="followup_visit_missed").exists()
    with pytest.raises(ValidationError):
        services.visit_record(actor=actor, visit=visit, status=VisitStatus.DONE)


def test_the_agenda_flags_unrecorded_visits_and_lists_coming_ones_and_reviews(
    plan, fatima, trondheim, django_assert_num_queries
):
    visit_for(plan, fatima, days_from_now=-1)
    visit_for(plan, fatima, days_from_now=5)
    visit_for(plan, fatima, days_from_now=60)
    goal_for(plan, next_review_on=TODAY() + datetime.timedelta(days=10))
    actor = actor_for(fatima, trondheim)

    with django_assert_num_queries(3):
        agenda = selectors.agenda_read(actor=actor, weeks=4)

    assert len(agenda.unrecorded) == 1
    assert len(agenda.coming) == 1
    assert len(agenda.reviews_due) == 1


def test_the_plan_pages_render_for_the_team(plan, fatima, client):
    goal = goal_for(plan)
    visit = visit_for(plan, fatima, days_from_now=-1)
    client.force_login(fatima)

    for url in (
        reverse("followup:agenda"),
        reverse("followup:plan_list"),
        reverse("followup:goal_create", args=[plan.pk]),
        reverse("followup:visit_create", args=[plan.pk]),
        reverse("followup:goal_review", args=[goal.pk]),
        reverse("followup:visit_record", args=[visit.pk]),
        reverse("followup:plan_create", args=[plan.application_id]),
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


def test_a_goal_form_with_errors_keeps_what_was_typed(plan, fatima, client):
    client.force_login(fatima)

    response = client.post(
        reverse("followup:goal_create", args=[plan.pk]),
        {
            "area": GoalArea.NEIGHBOURS,
            "description": "Greet the neighbours",
            "responsible_service": "",
            "next_review_on": (plan.started_on - datetime.timedelta(days=3)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert "Greet the neighbours" in response.content.decode()
    assert response.context["form"].errors.keys() >= {"responsible_service", "next_review_on"}
    assert not plan.goals.exists()


def test_a_caseworker_outside_the_team_cannot_open_the_form_to_start_a_plan(
    ole_case, trondheim, client
):
    client.force_login(member("lise", trondheim, Role.CASEWORKER))

    response = client.get(reverse("followup:plan_create", args=[ole_case.pk]))

    assert response.status_code == 403


def test_each_page_of_my_plans_is_one_audit_event_with_the_plans_shown(plan, fatima, client):
    client.force_login(fatima)
    plan.coordinator = fatima
    plan.save()

    page = client.get(reverse("followup:plan_list"))

    [event] = AuditEvent.objects.filter(action="list")
    assert (event.actor, event.object_type) == (fatima, "followup.followupplan")
    assert event.changes["ids"] == [str(p.pk) for p in page.context["page"].object_list]
