"""Reminders are current when read: computed from the data when a user opens a
page, before the nightly run; the nightly run then only e-mails them."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import Notification, Role
from boligtorg.followup import jobs
from boligtorg.followup.factories import plan_for, visit_for


@pytest.fixture
def fatima(trondheim):
    user = member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")
    user.email = "fatima@example.invalid"
    user.save()
    return user


@pytest.fixture
def plan(trondheim, fatima):
    return plan_for(municipality=trondheim, coordinator=fatima)


def _menu_count(page: str) -> int:
    entry = re.search(r'href="/reminders/"[^>]*>[^<(]*(?:\((\d+))?', page)
    assert entry is not None
    return int(entry.group(1) or 0)


def test_a_visit_reminder_is_listed_as_soon_as_the_visit_is_planned_without_the_daily_run(
    plan, fatima, client
):
    visit_for(plan, fatima, days_from_now=1)
    visit_for(plan, fatima, days_from_now=-2)
    client.cookies["django_language"] = "en"
    client.force_login(fatima)

    page = client.get(reverse("core:notification_list"))

    kinds = sorted(n.kind for n in page.context["page"].object_list)
    assert kinds == ["visit_tomorrow", "visit_unrecorded"]
    assert _menu_count(page.content.decode()) == 2


def test_the_menu_count_equals_the_unread_rows_and_falls_when_one_is_read(plan, fatima, client):
    visit_for(plan, fatima, days_from_now=1)
    visit_for(plan, fatima, days_from_now=-2)
    client.force_login(fatima)
    dashboard = client.get(reverse("dashboard")).content.decode()
    unread = client.get(reverse("core:notification_list"), {"unread": "1"})
    first = unread.context["page"].object_list[0]

    client.post(reverse("core:notification_read", args=[first.pk]))
    after = client.get(reverse("core:notification_list"), {"unread": "1"})

    assert _menu_count(dashboard) == len(unread.context["page"].object_list) == 2
    assert _menu_count(after.content.decode()) == len(after.context["page"].object_list) == 1


def test_a_reminder_read_in_the_app_is_not_e_mailed_and_an_unread_one_is_e_mailed_once(
    plan, fatima, client, django_capture_on_commit_callbacks
):
    visit_for(plan, fatima, days_from_now=1)
    visit_for(plan, fatima, days_from_now=-2)
    client.force_login(fatima)
    listed = client.get(reverse("core:notification_list")).context["page"].object_list
    read = next(n for n in listed if n.kind == "visit_unrecorded")
    client.post(reverse("core:notification_read", args=[read.pk]))
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        jobs.visit_reminders(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        jobs.visit_reminders(timezone.localdate())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [fatima.email]
    assert read.message not in mail.outbox[0].body
    assert Notification.objects.filter(recipient=fatima).count() == 2


def test_another_workers_reminders_are_not_made_or_counted_for_me(plan, fatima, client, trondheim):
    lise = member("lise", trondheim, Role.FOLLOWUP_WORKER)
    visit_for(plan, fatima, days_from_now=1)
    client.force_login(lise)

    page = client.get(reverse("core:notification_list"))

    assert list(page.context["page"].object_list) == []
    assert _menu_count(page.content.decode()) == 0


def test_reading_the_reminders_takes_a_fixed_number_of_queries(
    plan, fatima, client, django_assert_max_num_queries
):
    for days in (1, -2, -3, -4):
        visit_for(plan, fatima, days_from_now=days)
    client.force_login(fatima)
    client.get(reverse("core:notification_list"))  # stores them

    # 21 with four visits (the jobs read each kind of cause once; the menu and the
    # page share one refresh).
    with django_assert_max_num_queries(21):
        client.get(reverse("core:notification_list"))


def test_notify_in_collecting_mode_writes_nothing(plan, fatima):
    from boligtorg.core.notifications import computed_reminders

    visit_for(plan, fatima, days_from_now=1)

    collected = computed_reminders(timezone.localdate())

    assert [n.kind for n in collected] == ["visit_tomorrow"]
    assert Notification.objects.count() == 0


def test_other_pages_show_the_count_last_read_without_running_the_jobs_again(
    plan, fatima, client, django_assert_max_num_queries
):
    visit_for(plan, fatima, days_from_now=1)
    client.force_login(fatima)
    client.get(reverse("dashboard"))

    with django_assert_max_num_queries(12):
        agenda = client.get(reverse("followup:agenda"))

    assert _menu_count(agenda.content.decode()) == 1


def test_a_users_read_computes_only_their_municipalitys_reminders(plan, fatima, skanderborg):
    """The jobs run at read for the reader's municipality alone: a national
    installation does not compute every municipality's reminders on each page."""
    from boligtorg.core.notifications import computed_reminders

    birgit = member("birgit", skanderborg, Role.FOLLOWUP_WORKER, first_name="Birgit")
    visit_for(plan, fatima, days_from_now=1)
    visit_for(plan_for(municipality=skanderborg, coordinator=birgit), birgit, days_from_now=1)
    today = timezone.localdate()

    nightly = {n.municipality_id for n in computed_reminders(today)}
    at_read = {n.municipality_id for n in computed_reminders(today, plan.municipality)}

    assert nightly == {plan.municipality.pk, skanderborg.pk}
    assert at_read == {plan.municipality.pk}
