"""Factories of the vulnerable-areas part; the municipality stays the same down
the tree (planning area → housing area, indicators, groups, meetings, actions)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from boligtorg.core.factories import MunicipalityFactory
from boligtorg.housing.models import Area

from .models import (
    AreaIndicator,
    CoordinationGroup,
    GroupKind,
    GroupMeeting,
    GroupMember,
    MeetingAction,
    PlanningArea,
)


class HousingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("municipality", "name")

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Område {n}")


class PlanningAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningArea

    municipality = factory.SubFactory(MunicipalityFactory)
    area = factory.SubFactory(
        HousingAreaFactory, municipality=factory.SelfAttribute("..municipality")
    )
    housing_organisation = "Skanderborg Andelsboligforening"
    department = "afd. 3"
    addresses = "Højvangen 1\nHøjvangen 3"


class AreaIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaIndicator

    area = factory.SubFactory(PlanningAreaFactory)
    municipality = factory.SelfAttribute("area.municipality")
    year = 2019
    residents = 1200
    outside_work = Decimal("45")
    convictions_ratio = Decimal("2.1")
    basic_schooling = Decimal("65")
    income_ratio = Decimal("50")
    non_western = Decimal("55")


class CoordinationGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinationGroup
        django_get_or_create = ("area", "kind")

    area = factory.SubFactory(PlanningAreaFactory)
    municipality = factory.SelfAttribute("area.municipality")
    kind = GroupKind.KUF


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(CoordinationGroupFactory)
    municipality = factory.SelfAttribute("group.municipality")
    name = "Søren Aalund"
    organisation = "Skanderborg Kommune"
    role = "chair"


class GroupMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMeeting

    group = factory.SubFactory(CoordinationGroupFactory)
    municipality = factory.SelfAttribute("group.municipality")
    held_on = datetime.date(2025, 3, 4)
    minutes = "Status on the homework café."


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(GroupMeetingFactory)
    municipality = factory.SelfAttribute("meeting.municipality")
    text = "Invite the housing organisation's board"
    responsible = "Søren Aalund"
    due_on = datetime.date(2025, 4, 1)
