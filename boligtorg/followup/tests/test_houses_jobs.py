"""The daily reminders of shared-house life: a meeting due within a week, then
overdue, and agreed actions past their due date, each made once, to the house's
contact person."""

import datetime

import pytest

from boligtorg.core.daily import DAILY_JOBS
from boligtorg.core.factories import member
from boligtorg.core.models import Notification, Role
from boligtorg.followup.factories_houses import (
    AgreedActionFactory,
    HouseContactFactory,
    ResidentMeetingFactory,
    shared_house_with_residents,
)
from boligtorg.followup.jobs_houses import house_meeting_reminders

pytestmark = pytest.mark.django_db
D = datetime.date
MOVED_IN = D(2026, 3, 2)


@pytest.fixture
def fatima(trondheim):
    return member("fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima")


@pytest.fixture
def lade(trondheim, fatima):
    house, _people = shared_house_with_residents(trondheim, moved_in=MOVED_IN)
    HouseContactFactory(shared_house=house, user=fatima, from_date=MOVED_IN)
    return house


def test_the_job_is_listed_for_the_daily_command():
    assert "boligtorg.followup.jobs_houses.house_meeting_reminders" in DAILY_JOBS


def test_the_contact_person_is_reminded_a_week_ahead_then_when_overdue_once_each(lade, fatima):
    ResidentMeetingFactory(shared_house=lade, held_on=D(2026, 3, 10))  # next due 21 April
    assert house_meeting_reminders(D(2026, 4, 13)) == 0
    assert house_meeting_reminders(D(2026, 4, 14)) == 1
    assert house_meeting_reminders(D(2026, 4, 15)) == 0
    assert house_meeting_reminders(D(2026, 4, 22)) == 1
    assert house_meeting_reminders(D(2026, 4, 23)) == 0
    made = list(Notification.objects.order_by("kind").values_list("kind", "due_on", "recipient"))
    assert made == [
        ("house_meeting_due", D(2026, 4, 21), fatima.pk),
        ("house_meeting_overdue", D(2026, 4, 21), fatima.pk),
    ]


def test_a_new_meeting_moves_the_next_reminder(lade):
    ResidentMeetingFactory(shared_house=lade, held_on=D(2026, 3, 10))
    house_meeting_reminders(D(2026, 4, 14))
    ResidentMeetingFactory(shared_house=lade, held_on=D(2026, 4, 16))
    assert house_meeting_reminders(D(2026, 4, 22)) == 0
    assert house_meeting_reminders(D(2026, 5, 21)) == 1
    assert Notification.objects.filter(due_on=D(2026, 5, 28)).exists()


def test_an_action_past_due_is_reminded_once_and_a_done_one_never(lade, fatima):
    meeting = ResidentMeetingFactory(shared_house=lade, held_on=D(2026, 3, 10))
    late = AgreedActionFactory(meeting=meeting, due_on=D(2026, 3, 20), text="Bestille container")
    AgreedActionFactory(meeting=meeting, due_on=D(2026, 3, 20), done_on=D(2026, 3, 19))
    AgreedActionFactory(meeting=meeting, due_on=None)
    assert house_meeting_reminders(D(2026, 3, 21)) == 1
    assert house_meeting_reminders(D(2026, 3, 22)) == 0
    notification = Notification.objects.get(kind="house_action_overdue")
    assert notification.object_id == str(late.pk)
    assert notification.recipient == fatima
    assert "Bestille container" in notification.message


def test_a_house_nobody_has_moved_into_gets_no_reminder(trondheim):
    shared_house_with_residents(trondheim, name="Tomt hus", residents=(), free_units=2)
    assert house_meeting_reminders(D(2026, 4, 1)) == 0
