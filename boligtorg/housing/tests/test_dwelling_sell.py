"""Selling a dwelling out of the municipal stock (``dwelling_sell``): to its sitting
tenant (rent-to-own) or when it is empty; never from under another household."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.core.factories import actor_for
from boligtorg.housing import services
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_kari_sells_an_empty_dwelling_and_it_never_comes_back(kari, trondheim, english_messages):
    actor = actor_for(kari, trondheim)
    dwelling = DwellingFactory(municipality=trondheim)
    services.dwelling_sell(actor=actor, dwelling=dwelling, sold_on=TODAY, reason="Solgt.")
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.SOLD
    with pytest.raises(ValidationError):
        services.dwelling_change_status(actor=actor, dwelling=dwelling, status="ready")


def test_the_sitting_tenant_buys_and_the_lease_ends_the_day_before(kari, trondheim):
    lease = LeaseFactory(municipality=trondheim)
    services.dwelling_sell(
        actor=actor_for(kari, trondheim),
        dwelling=lease.dwelling,
        sold_on=TODAY,
        reason="Leie til eie.",
        buyer=lease.household,
    )
    lease.refresh_from_db()
    assert lease.terminated_on == TODAY - datetime.timedelta(days=1)
    assert lease.dwelling.status_changes.first().to_status == DwellingStatus.SOLD


def test_a_dwelling_let_to_another_household_is_not_sold(kari, trondheim, english_messages):
    lease = LeaseFactory(municipality=trondheim)
    with pytest.raises(ValidationError) as caught:
        services.dwelling_sell(
            actor=actor_for(kari, trondheim), dwelling=lease.dwelling, sold_on=TODAY, reason="x"
        )
    assert caught.value.messages == [
        services.ERROR_SALE_LEASE
        % {"start": services._date(lease.start), "end": services._date(lease.end)}
    ]
    lease.dwelling.refresh_from_db()
    assert lease.dwelling.status == DwellingStatus.LET


def test_the_auditor_cannot_sell(per, trondheim):
    with pytest.raises(PermissionDenied):
        services.dwelling_sell(
            actor=actor_for(per, trondheim),
            dwelling=DwellingFactory(municipality=trondheim),
            sold_on=TODAY,
            reason="x",
        )
