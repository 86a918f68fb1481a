"""The daily run's follow-up reminders: made once, e-mailed once, shown in the app."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Notification, Role
from boligtorg.followup import jobs
from boligtorg.followup.factories import goal_for, plan_for, visit_for
from boligtorg.followup.services import warnings as services

TODAY = timezone.localdate


@pytest.fixture
def fatima(trondheim):
    user = member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")
    user.email = "fatima@example.invalid"
    user.save()
    return user


@pytest.fixture
def plan(trondheim, fatima):
    return plan_for(municipality=trondheim, coordinator=fatima)


def test_the_daily_run_reminds_once_of_reviews_visits_and_arrears_and_emails_each_once(
    plan, fatima, trondheim, django_capture_on_commit_callbacks
):
    goal_for(plan, next_review_on=TODAY() + datetime.timedelta(days=3))
    visit_for(plan, fatima, days_from_now=1)
    visit_for(plan, fatima, days_from_now=-2)
    services.arrears_record(
        actor=actor_for(fatima, trondheim), lease=plan.lease, as_of=TODAY(), amount=Decimal(30000)
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = (
            jobs.goal_review_reminders(TODAY()),
            jobs.visit_reminders(TODAY()),
            jobs.arrears_warnings(TODAY()),
        )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("boligtorg_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert first == (1, 2, 1)
    kinds = sorted(Notification.objects.filter(recipient=fatima).values_list("kind", flat=True))
    assert kinds == ["arrears_high", "goal_review_due", "visit_tomorrow", "visit_unrecorded"]
    assert len(mail.outbox) == 4
    assert all(message.to == ["fatima@example.invalid"] for message in mail.outbox)
    arrears = next(m for m in mail.outbox if "30" in m.body and "/followup/tenancies/" in m.body)
    assert "http://127.0.0.1:8000/followup/tenancies/" in arrears.body


def test_a_reminder_of_a_health_goal_does_not_quote_the_goal(plan, fatima):
    goal_for(
        plan,
        area="health",
        description="Keep the appointments at the clinic",
        next_review_on=TODAY() + datetime.timedelta(days=1),
    )

    jobs.goal_review_reminders(TODAY())

    assert "clinic" not in Notification.objects.get().message


def test_reminders_are_listed_for_their_recipient_and_open_where_they_point(
    plan, fatima, client, trondheim
):
    visit = visit_for(plan, fatima, days_from_now=-1)
    jobs.visit_reminders(TODAY())
    other = member("lise", trondheim, Role.FOLLOWUP_WORKER)
    notification = Notification.objects.get()
    client.force_login(fatima)

    listed = client.get(reverse("core:notification_list"))
    opened = client.post(reverse("core:notification_read", args=[notification.pk]), {"open": "1"})
    client.force_login(other)
    foreign = client.post(reverse("core:notification_read", args=[notification.pk]))

    assert notification in listed.context["page"].object_list
    assert opened.url == reverse("followup:visit_record", args=[visit.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert foreign.status_code == 404


def test_the_dashboard_shows_the_workers_week_and_unread_reminders(plan, fatima, client):
    visit_for(plan, fatima, days_from_now=-1)
    visit_for(plan, fatima, days_from_now=1)
    jobs.visit_reminders(TODAY())
    client.cookies["django_language"] = "en"
    client.force_login(fatima)

    page = client.get(reverse("dashboard")).content.decode()

    assert "1 visit in the coming week" in page
    assert "1 visit not recorded" in page
    assert "2 unread reminders" in page
