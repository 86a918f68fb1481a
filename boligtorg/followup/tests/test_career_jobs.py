"""The daily reminders of the housing career: to the coordinator, or the caseworker
when there is none; once per object and day however often the job runs."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.core.daily import DAILY_JOBS
from boligtorg.core.factories import member
from boligtorg.core.models import Notification, Role
from boligtorg.followup import jobs_career as jobs
from boligtorg.followup.factories_career import (
    DecisionConditionFactory,
    granted_decision,
    transition_case,
)
from boligtorg.followup.models import ConditionReview, TransitionAssessment

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def fatima(trondheim):
    return member("fatima", trondheim, Role.FOLLOWUP_WORKER)


def _kinds(user=None):
    notes = Notification.objects.all()
    if user is not None:
        notes = notes.filter(recipient=user)
    return sorted(notes.values_list("kind", flat=True))


def test_the_job_is_one_of_the_daily_jobs():
    assert "boligtorg.followup.jobs_career.career_reminders" in DAILY_JOBS


def test_a_condition_review_a_week_ahead_notifies_the_coordinator_once(trondheim, kari, fatima):
    today = timezone.localdate()
    application, _lease = transition_case(
        trondheim, kari, coordinator=fatima, lease_start=today - 30 * DAY
    )
    DecisionConditionFactory(decision=granted_decision(application), next_review_on=today + 7 * DAY)
    DecisionConditionFactory(decision=granted_decision(application), next_review_on=today + 8 * DAY)
    assert jobs.career_reminders(today) == 1
    assert jobs.career_reminders(today) == 0
    assert _kinds(fatima) == [jobs.CONDITION_KIND]


def test_a_condition_reviewed_in_its_week_needs_no_reminder(trondheim, kari):
    today = timezone.localdate()
    application, _lease = transition_case(trondheim, kari, lease_start=today - 30 * DAY)
    condition = DecisionConditionFactory(
        decision=granted_decision(application), next_review_on=today + 2 * DAY
    )
    ConditionReview.objects.create(condition=condition, reviewed_on=today, outcome="met")
    assert jobs.career_reminders(today) == 0


def test_a_transition_period_ending_in_sixty_days_asks_the_caseworker_for_an_assessment(
    trondheim, kari
):
    today = timezone.localdate()
    application, lease = transition_case(
        trondheim, kari, lease_start=today - 310 * DAY, lease_months=12
    )
    assert lease.end - today <= datetime.timedelta(days=60)
    made = jobs.career_reminders(today)
    assert jobs.ASSESSMENT_KIND in _kinds(kari)
    assert made == len(_kinds())
    assert jobs.career_reminders(today) == 0
    TransitionAssessment.objects.create(
        municipality=trondheim,
        application=application,
        lease=lease,
        period_ends_on=lease.end,
        assessed_on=today,
        economy_score=3,
        neighbours_score=3,
        cleaning_score=3,
        daily_activity_score=3,
        network_score=3,
        next_step="permanent",
    )
    Notification.objects.all().delete()
    jobs.career_reminders(today)
    assert jobs.ASSESSMENT_KIND not in _kinds()


def test_a_lease_ending_within_three_months_asks_for_the_review_at_lease_end(trondheim, kari):
    today = timezone.localdate()
    transition_case(trondheim, kari, lease_start=today - 300 * DAY, lease_months=12)
    jobs.career_reminders(today)
    assert jobs.LEASE_END_KIND in _kinds(kari)


def test_a_period_far_from_its_end_is_not_due(trondheim, kari):
    today = timezone.localdate()
    transition_case(trondheim, kari, lease_start=today - 10 * DAY, lease_months=12)
    assert jobs.career_reminders(today) == 0
