"""Fixtures of the housing tests, on top of the shared personas (kari, per, sven,
ole_case): Anders of the allocation meeting, a few dwellings and a landlord."""

import pytest

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.housing.factories import DwellingFactory, LandlordFactory
from boligtorg.housing.models import LandlordKind


@pytest.fixture
def anders(trondheim):
    return member(
        "anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders", last_name="Berg"
    )


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def per_actor(per, trondheim):
    return actor_for(per, trondheim)


@pytest.fixture
def sven_actor(sven, skanderborg):
    return actor_for(sven, skanderborg)


@pytest.fixture
def dwelling(trondheim):
    return DwellingFactory(
        municipality=trondheim, address="Elgeseter gate 10", unit_number="H0101", rent=9000
    )


@pytest.fixture
def ole_household(ole_case):
    return ole_case.household


@pytest.fixture
def other_household(trondheim):
    return HouseholdFactory(municipality=trondheim)


@pytest.fixture
def landlord(trondheim):
    return LandlordFactory(municipality=trondheim, name="Utleiehuset AS")


@pytest.fixture
def housing_organisation(skanderborg):
    return LandlordFactory(
        municipality=skanderborg,
        name="Skanderborg Andelsboligforening",
        kind=LandlordKind.HOUSING_ORGANISATION,
        allocation_every_nth=6,
    )


# The fields of a valid dwelling form, as a browser posts them.
DWELLING_POST = {
    "unit_number": "H0201",
    "address": "Innherredsveien 7",
    "dwelling_type": "apartment",
    "bedrooms": "2",
    "usable_area": "54.5",
    "floor": "2",
    "features": ["lift", "pets_allowed"],
    "shared_house_name": "",
    "rent": "9800",
    "fdv_id": "",
    "gnr": "412",
    "bnr": "86",
    "building": "Blokk A",
    "disposition_form": "owned",
    "status": "ready",
}


@pytest.fixture
def dwelling_post():
    return dict(DWELLING_POST)
