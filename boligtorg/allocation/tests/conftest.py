"""Fixtures of the allocation tests: Anders of the allocation meeting, a rule set,
households on the waiting list and vacant dwellings in Trondheim."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.allocation.factories import granted_application, rule_set
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Area


@pytest.fixture
def anders(trondheim):
    return member(
        "anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders", last_name="Berg"
    )


@pytest.fixture
def anders_actor(anders, trondheim):
    return actor_for(anders, trondheim)


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def rules_2000(trondheim):
    return rule_set(trondheim)


@pytest.fixture
def midtbyen(trondheim):
    return Area.objects.create(municipality=trondheim, name="Midtbyen")


@pytest.fixture
def flat(trondheim, midtbyen):
    """A one-bedroom flat ready for moving in."""
    return DwellingFactory(
        municipality=trondheim,
        address="Kongens gate 1",
        unit_number="H0101",
        bedrooms=1,
        area=midtbyen,
        floor=1,
    )


@pytest.fixture
def family_flat(trondheim):
    return DwellingFactory(
        municipality=trondheim,
        address="Innherredsveien 5",
        unit_number="H0201",
        bedrooms=3,
        floor=2,
    )


@pytest.fixture
def single(trondheim, kari, today):
    """A single adult without a dwelling, waiting 5 months."""
    return granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=152))


@pytest.fixture
def family(trondheim, kari, today):
    """Two adults and two children at risk of losing their home, waiting 2 months."""
    return granted_application(
        trondheim,
        kari,
        adults=2,
        children=2,
        situation="at_risk",
        received_on=today - datetime.timedelta(days=61),
    )
