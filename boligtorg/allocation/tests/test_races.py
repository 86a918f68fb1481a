"""Concurrency of offers and meetings on PostgreSQL: two transactions racing for one
dwelling (two offers, or two new meetings putting it on their agenda), and two
answers racing to accept one household's offer. Exactly one wins; the
other gets a clear error, never a second open or accepted offer."""

import datetime
import threading
import time
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from boligtorg.allocation.factories import granted_application, rule_set
from boligtorg.allocation.models import AgendaItem, Meeting, Offer, OfferStatus
from boligtorg.allocation.services import meetings, offers
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and a real race need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads that start together; each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the exception is the result
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def setting(trondheim, kari):
    anders = member("anders", trondheim, Role.ALLOCATION_MEMBER)
    rule_set(trondheim)
    return {
        "anders": actor_for(anders, trondheim),
        "kari": actor_for(kari, trondheim),
        "dwelling": DwellingFactory(municipality=trondheim, bedrooms=1),
        "first": granted_application(trondheim, kari),
        "second": granted_application(trondheim, kari),
    }


def test_two_offers_of_one_dwelling_at_once_give_one_open_offer(setting):
    today = timezone.localdate()
    results = _race(
        *(
            lambda app=setting[name]: offers.offer_create(
                actor=setting["anders"],
                dwelling=setting["dwelling"],
                application=app,
                offered_on=today,
            )
            for name in ("first", "second")
        )
    )
    made = [r for r in results if isinstance(r, Offer)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].messages == [str(offers.ERROR_DWELLING_OFFERED)]
    assert Offer.objects.filter(status=OfferStatus.OPEN).count() == 1


def test_two_acceptances_of_one_offer_at_once_give_one_lease(setting):
    today = timezone.localdate()
    offer = offers.offer_create(
        actor=setting["anders"],
        dwelling=setting["dwelling"],
        application=setting["first"],
        offered_on=today,
    )
    start = today + datetime.timedelta(days=7)
    results = _race(
        *(
            lambda actor=setting[name]: offers.offer_accept(
                actor=actor, offer=offer, answered_on=today, lease_start=start
            )
            for name in ("anders", "kari")
        )
    )
    assert sum(isinstance(r, Offer) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Offer.objects.filter(status=OfferStatus.ACCEPTED).count() == 1
    assert Lease.objects.count() == 1


def test_the_database_refuses_a_second_accepted_offer_even_without_the_service(setting):
    today = timezone.localdate()
    common = {
        "municipality": setting["dwelling"].municipality,
        "application": setting["first"],
        "offered_on": today,
        "deadline": today,
        "status": OfferStatus.ACCEPTED,
    }
    other = DwellingFactory(municipality=setting["dwelling"].municipality)
    results = _race(
        lambda: Offer.objects.create(dwelling=setting["dwelling"], **common),
        lambda: Offer.objects.create(dwelling=other, **common),
    )
    assert sum(isinstance(r, Offer) for r in results) == 1, results
    assert Offer.objects.filter(status=OfferStatus.ACCEPTED).count() == 1


def test_two_new_meetings_taking_one_dwelling_at_once_give_one_meeting(setting, monkeypatch):
    anders = setting["anders"]
    checked = meetings._agenda_errors

    def slow_check(*args: object, **kwargs: object) -> list[str]:
        # Widen the window between the check and the insert, where the race would be.
        errors = checked(*args, **kwargs)
        time.sleep(0.5)
        return errors

    monkeypatch.setattr(meetings, "_agenda_errors", slow_check)
    results = _race(
        *(
            lambda title=title: meetings.meeting_create(
                actor=anders,
                held_on=timezone.localdate(),
                title=title,
                members=[anders.user],
                dwellings=[setting["dwelling"]],
            )
            for title in ("Uke 2", "Uke 2 (igjen)")
        )
    )
    made = [r for r in results if isinstance(r, Meeting)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    # The refusal names the dwelling and the meeting that won it.
    assert str(setting["dwelling"]) in refused[0].messages[0]
    assert made[0].title in refused[0].messages[0]
    assert AgendaItem.objects.filter(dwelling=setting["dwelling"]).count() == 1
