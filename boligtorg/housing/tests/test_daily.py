"""The daily command: lease-expiry reminders 6 and 3 months ahead, made once, and
let dwellings freed when their leases have ended."""

import datetime

import pytest
from django.core.management import call_command

from boligtorg.core.models import Notification
from boligtorg.housing.factories import LeaseFactory
from boligtorg.housing.models import Dwelling, DwellingStatus

pytestmark = pytest.mark.django_db
D = datetime.date


def test_running_the_command_twice_makes_one_set_of_reminders(trondheim, kari):
    six = LeaseFactory(
        municipality=trondheim, start=D(2023, 1, 1), end=D(2025, 12, 31), created_by=kari
    )
    three = LeaseFactory(municipality=trondheim, start=D(2023, 1, 1), end=D(2025, 9, 30))
    LeaseFactory(municipality=trondheim, start=D(2024, 1, 1), end=D(2027, 12, 31))
    call_command("boligtorg_daily", "--date", "2025-07-01")
    call_command("boligtorg_daily", "--date", "2025-07-01")
    made = {(n.object_id, n.kind, n.due_on) for n in Notification.objects.all()}
    assert made == {
        (str(six.pk), "lease_expiry_6m", D(2025, 6, 30)),
        (str(three.pk), "lease_expiry_3m", D(2025, 6, 30)),
    }
    assert Notification.objects.get(object_id=str(six.pk)).recipient == kari


def test_the_three_month_reminder_follows_the_six_month_one(trondheim):
    lease = LeaseFactory(municipality=trondheim, start=D(2023, 1, 1), end=D(2025, 12, 31))
    for day in ("2025-06-30", "2025-08-01", "2025-09-30", "2025-10-15"):
        call_command("boligtorg_daily", "--date", day)
    kinds = sorted(
        Notification.objects.filter(object_id=str(lease.pk)).values_list("kind", flat=True)
    )
    assert kinds == ["lease_expiry_3m", "lease_expiry_6m"]


def test_a_renewed_or_terminated_lease_gets_no_reminder(trondheim):
    renewed = LeaseFactory(municipality=trondheim, start=D(2023, 1, 1), end=D(2025, 12, 31))
    LeaseFactory(
        municipality=trondheim,
        dwelling=renewed.dwelling,
        household=renewed.household,
        start=D(2026, 1, 1),
        end=D(2028, 12, 31),
        renewal_of=renewed,
    )
    LeaseFactory(
        municipality=trondheim,
        start=D(2023, 1, 1),
        end=D(2025, 12, 31),
        terminated_on=D(2025, 8, 1),
    )
    call_command("boligtorg_daily", "--date", "2025-07-01")
    assert not Notification.objects.exists()


def test_a_let_dwelling_whose_lease_has_ended_becomes_ready_once(trondheim):
    ended = LeaseFactory(municipality=trondheim, start=D(2022, 1, 1), end=D(2024, 12, 31))
    running = LeaseFactory(municipality=trondheim, start=D(2024, 1, 1), end=D(2026, 12, 31))
    call_command("boligtorg_daily", "--date", "2025-01-01")
    call_command("boligtorg_daily", "--date", "2025-01-01")
    assert Dwelling.objects.get(pk=ended.dwelling_id).status == DwellingStatus.READY
    assert Dwelling.objects.get(pk=running.dwelling_id).status == DwellingStatus.LET
    assert Dwelling.objects.get(pk=ended.dwelling_id).status_changes.count() == 1
