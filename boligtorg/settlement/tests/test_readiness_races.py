"""Two people reserving one dwelling for two arrivals at the same moment, on
PostgreSQL: exactly one reservation is made, the other gets the named message."""

import datetime
import threading
import time
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from boligtorg.core.factories import actor_for
from boligtorg.housing.factories import DwellingFactory
from boligtorg.settlement.models import ProposalStatus, Reservation
from boligtorg.settlement.services import readiness as services

from .factories import ProposalFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and a real race need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(*calls: Callable[[], object]) -> list[object]:
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


def test_two_reservations_of_one_dwelling_at_once_give_one(kari, anders, trondheim, monkeypatch):
    today = timezone.localdate()
    dwelling = DwellingFactory(municipality=trondheim)
    arrivals = [
        ProposalFactory(
            municipality=trondheim,
            status=ProposalStatus.ACCEPTED,
            expected_arrival_on=today + datetime.timedelta(days=10),
        )
        for _ in range(2)
    ]
    checked = services.reservation_errors

    def slow_check(**kwargs: object) -> dict[str, object]:
        # Widen the window between the check and the insert, where the race would be.
        errors = checked(**kwargs)
        time.sleep(0.5)
        return errors

    monkeypatch.setattr(services, "reservation_errors", slow_check)
    results = _race(
        *(
            lambda user=user, proposal=proposal: services.reservation_make(
                actor=actor_for(user, trondheim),
                proposal=proposal,
                dwelling=dwelling,
                ready_on=today,
            )
            for user, proposal in zip((kari, anders), arrivals, strict=True)
        )
    )

    assert sum(isinstance(r, Reservation) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Reservation.objects.filter(dwelling=dwelling).count() == 1
