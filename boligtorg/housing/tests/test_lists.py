"""The vacancy list, the lease-expiry list and the dashboard panel."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory, LeaseFactory

pytestmark = pytest.mark.django_db


def test_vacancies_show_ready_dwellings_and_leases_ending_within_90_days(english, kari, trondheim):
    today = timezone.localdate()
    DwellingFactory(municipality=trondheim, address="Ready street 1")
    ending = LeaseFactory(
        municipality=trondheim,
        start=today - datetime.timedelta(days=1000),
        end=today + datetime.timedelta(days=60),
        dwelling__address="Ending street 2",
    )
    LeaseFactory(
        municipality=trondheim,
        start=today - datetime.timedelta(days=100),
        end=today + datetime.timedelta(days=900),
        dwelling__address="Far street 3",
    )
    renewed = LeaseFactory(
        municipality=trondheim,
        start=today - datetime.timedelta(days=1000),
        end=today + datetime.timedelta(days=30),
        dwelling__address="Renewed street 4",
    )
    LeaseFactory(
        municipality=trondheim,
        dwelling=renewed.dwelling,
        household=renewed.household,
        start=renewed.end + datetime.timedelta(days=1),
        end=renewed.end + datetime.timedelta(days=1000),
        renewal_of=renewed,
    )
    english.force_login(kari)
    response = english.get(reverse("housing:vacancy_list"))
    assert [d.address for d in response.context["vacancies"].ready] == ["Ready street 1"]
    assert response.context["vacancies"].ending == [ending]


def test_the_expiry_list_shows_reminder_days_and_reminders_made(english, kari, trondheim):
    today = timezone.localdate()
    lease = LeaseFactory(
        municipality=trondheim,
        start=today - datetime.timedelta(days=900),
        end=today + datetime.timedelta(days=80),
    )
    call_command("boligtorg_daily")
    english.force_login(kari)
    response = english.get(reverse("housing:lease_expiry_list"))
    (row,) = response.context["rows"]
    assert row.lease == lease
    assert [n.kind for n in row.sent] == ["lease_expiry_3m"]
    assert "3 months:" in response.content.decode()


def test_the_dashboard_counts_vacant_dwellings_for_the_allocation_meeting(
    english, anders, trondheim
):
    DwellingFactory(municipality=trondheim)
    DwellingFactory(municipality=trondheim, status="maintenance")
    english.force_login(anders)
    page = english.get(reverse("dashboard")).content.decode()
    assert "1 dwelling ready for moving in" in page
    assert reverse("housing:vacancy_list") in page


def test_the_dwellings_menu_is_for_caseworkers_the_meeting_and_managers(client, trondheim, kari):
    planner = member("ingrid", trondheim, Role.PLANNER)
    client.force_login(kari)
    assert f'href="{reverse("housing:dwelling_list")}"' in client.get("/").content.decode()
    client.force_login(planner)
    assert f'href="{reverse("housing:dwelling_list")}"' not in client.get("/").content.decode()
    assert client.get(reverse("housing:dwelling_list")).status_code == 403


def test_the_dwelling_list_counts_up_to_the_cap_and_says_there_are_more(
    english, kari, trondheim, monkeypatch
):
    """Counting 116,000 dwellings on every page view costs more than the page; the
    register counts up to the cap (core.pagination) and a search counts exactly."""
    from boligtorg.core import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    for number in range(5):
        DwellingFactory(municipality=trondheim, address=f"Capped street {number}")
    DwellingFactory(municipality=trondheim, address="Lonely road 1")
    english.force_login(kari)
    page = english.get(reverse("housing:dwelling_list")).content.decode()
    assert "More than 3 results; narrow the search to see the rest." in page
    searched = english.get(reverse("housing:dwelling_list"), {"q": "Lonely"}).content.decode()
    assert "1 result" in searched and "More than" not in searched
