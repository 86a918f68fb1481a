"""Factories of shared-house life: a shared house whose units are let to invented
residents, and its meetings, rules and dugnad tasks; the municipality stays the
same down the tree."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory, PersonFactory
from boligtorg.cases.models import Person
from boligtorg.core.models import Municipality
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus, DwellingType, SharedHouse

from .models import (
    AgreedAction,
    DugnadTask,
    HouseContact,
    HouseRule,
    HouseRuleSource,
    ResidentMeeting,
)

RESIDENT_NAMES = (("Hala", "Haddad"), ("Tekle", "Gebre"), ("Yonas", "Tesfay"))


def shared_house_with_residents(
    municipality: Municipality,
    *,
    name: str = "Bofellesskap Lade",
    residents: tuple[tuple[str, str], ...] = RESIDENT_NAMES,
    moved_in: datetime.date | None = None,
    free_units: int = 0,
) -> tuple[SharedHouse, list[Person]]:
    """A shared house with one unit per resident, each let to a household of one
    from ``moved_in`` (two months ago by default), plus ``free_units`` unlet."""
    start = moved_in or timezone.localdate() - datetime.timedelta(days=60)
    house, _created = SharedHouse.objects.get_or_create(municipality=municipality, name=name)
    people = []
    for first, last in residents:
        person = PersonFactory(municipality=municipality, first_name=first, last_name=last)
        dwelling = DwellingFactory(
            municipality=municipality,
            shared_house=house,
            dwelling_type=DwellingType.SHARED_HOUSE_UNIT,
            status=DwellingStatus.LET,
        )
        LeaseFactory(
            municipality=municipality,
            dwelling=dwelling,
            household=HouseholdFactory(municipality=municipality, main=person),
            start=start,
        )
        people.append(person)
    for _unit in range(free_units):
        DwellingFactory(
            municipality=municipality,
            shared_house=house,
            dwelling_type=DwellingType.SHARED_HOUSE_UNIT,
        )
    return house, people


class ResidentMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting a week ago; give ``shared_house``."""

    class Meta:
        model = ResidentMeeting

    municipality = factory.LazyAttribute(lambda m: m.shared_house.municipality)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    topics = "Gangvask, vaskekjeller, hagearbeid"


class AgreedActionFactory(factory.django.DjangoModelFactory):
    """An action due two weeks after its meeting; give ``meeting``."""

    class Meta:
        model = AgreedAction

    municipality = factory.LazyAttribute(lambda a: a.meeting.municipality)
    text = "Lage liste for gangvask"
    responsible = "Hala"
    due_on = factory.LazyAttribute(lambda a: a.meeting.held_on + datetime.timedelta(days=14))


class HouseRuleFactory(factory.django.DjangoModelFactory):
    """Give ``shared_house`` (so for the factories below)."""

    class Meta:
        model = HouseRule

    municipality = factory.LazyAttribute(lambda r: r.shared_house.municipality)
    position = factory.Sequence(lambda n: n + 1)
    source = HouseRuleSource.MUNICIPAL
    text = "Ro i huset mellom kl. 23 og 07."
    adopted_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class DugnadTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DugnadTask

    municipality = factory.LazyAttribute(lambda t: t.shared_house.municipality)
    task = "Gangvask"
    day = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


class HouseContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseContact

    municipality = factory.LazyAttribute(lambda c: c.shared_house.municipality)
    from_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
