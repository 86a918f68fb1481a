"""Reads for shared-house composition (seed 000): the municipality's shared houses,
their units and residents, and the waiting households who could fill a free unit,
as the plain ``composition.Person`` data the solver takes."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch

from boligtorg.cases.models import (
    Application,
    HouseholdMember,
    HouseholdRelation,
    MappingInterview,
    Person,
)
from boligtorg.core.models import Municipality
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import allocation as rules
from boligtorg.domain import composition
from boligtorg.housing.models import Dwelling, DwellingStatus, Lease, SharedHouse
from boligtorg.housing.services import running_from

from . import selectors
from .access import READ_ROLES
from .models import HouseRules, HouseSlot, ItemOutcome, Meeting, MeetingStatus

WORK_OR_EDUCATION = "work_or_education"
INTEREST_IN_YOUNG = "interest_in_young_people"


def group_attribute(code: str) -> str:
    """The attribute a target group gives a person in the composition model."""
    return f"group:{code}"


def slot_attributes(slot: HouseSlot) -> frozenset[str]:
    """What a slot requires, in the attribute codes of ``person_attributes``."""
    required = {group_attribute(group.code) for group in slot.target_groups.all()}
    if slot.needs_work_or_education:
        required.add(WORK_OR_EDUCATION)
    if slot.needs_interest_in_young_people:
        required.add(INTEREST_IN_YOUNG)
    return frozenset(required)


@dataclass(frozen=True)
class HouseRow:
    house: SharedHouse
    units: int
    let: int
    vacant: int
    slots: int


def shared_house_list(*, actor: Actor, today: datetime.date) -> list[HouseRow]:
    """The municipality's shared houses with their units, the let and vacant ones,
    and how many units their composition rules describe; three queries."""
    require_role(actor, *READ_ROLES)
    running = Lease.objects.filter(running_from(today), dwelling=OuterRef("pk"))
    houses = (
        SharedHouse.objects.filter(municipality=actor.municipality)
        .annotate(units=Count("dwellings"))
        .order_by("name")
    )
    dwellings = (
        Dwelling.objects.filter(municipality=actor.municipality, shared_house__isnull=False)
        .annotate(is_let=Exists(running))
        .values_list("shared_house_id", "status", "is_let")
    )
    let: dict[int, int] = defaultdict(int)
    vacant: dict[int, int] = defaultdict(int)
    for house_id, status, is_let in dwellings:
        if is_let:
            let[house_id] += 1
        elif status == DwellingStatus.READY:
            vacant[house_id] += 1
    slot_units: dict[int, int] = defaultdict(int)
    for house_id, count in HouseSlot.objects.filter(
        rules__shared_house__municipality=actor.municipality
    ).values_list("rules__shared_house_id", "count"):
        slot_units[house_id] += count
    return [
        HouseRow(house, house.units, let[house.pk], vacant[house.pk], slot_units[house.pk])
        for house in houses
    ]


def house_rules(house: SharedHouse) -> HouseRules | None:
    """The house's composition rules with their slots and groups, or None."""
    return (
        HouseRules.objects.filter(shared_house=house)
        .prefetch_related(Prefetch("slots", HouseSlot.objects.prefetch_related("target_groups")))
        .first()
    )


def domain_rules(rules_row: HouseRules) -> composition.HouseRules:
    return composition.HouseRules(
        slots=tuple(
            composition.Slot(
                code=str(slot.pk),
                count=slot.count,
                required=slot_attributes(slot),
                min_age=slot.min_age,
                max_age=slot.max_age,
            )
            for slot in rules_row.slots.all()
        ),
        max_same_gender=rules_row.max_same_gender,
        max_same_country=rules_row.max_same_country,
    )


@dataclass(frozen=True)
class Unit:
    dwelling: Dwelling
    lease: Lease | None

    @property
    def free(self) -> bool:
        return self.lease is None and self.dwelling.status == DwellingStatus.READY


def house_units(house: SharedHouse, today: datetime.date) -> list[Unit]:
    """The house's dwellings, each with its running (or else coming) lease."""
    # The current lease first, where a coming one is registered too.
    leases = Lease.objects.filter(running_from(today)).select_related("household").order_by("start")
    dwellings = (
        selectors.dwellings_with_details()
        .filter(shared_house=house)
        .prefetch_related(Prefetch("leases", leases, to_attr="running"))
        .order_by("unit_number", "address", "pk")
    )
    return [Unit(d, d.running[0] if d.running else None) for d in dwellings]  # type: ignore[attr-defined]


def age_on(born: datetime.date, today: datetime.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass
class Profile:
    """What the composition page shows of one person (resident or candidate)."""

    application_id: int | None
    number: str
    name: str
    person: composition.Person
    groups: list[str] = field(default_factory=list)


def _attributes(
    application_ids: Iterable[int],
) -> tuple[dict[int, set[str]], dict[int, list[str]]]:
    """Each application's attributes: its target groups and the interview's answers."""
    ids = list(application_ids)
    attributes: dict[int, set[str]] = defaultdict(set)
    names: dict[int, list[str]] = defaultdict(list)
    through = Application.target_groups.through
    for application_id, code, name in through.objects.filter(application_id__in=ids).values_list(
        "application_id", "targetgroup__code", "targetgroup__name"
    ):
        attributes[application_id].add(group_attribute(code))
        names[application_id].append(name)
    for application_id, works, interested in MappingInterview.objects.filter(
        application_id__in=ids
    ).values_list("application_id", "in_work_or_education", "interest_in_young_people"):
        if works:
            attributes[application_id].add(WORK_OR_EDUCATION)
        if interested:
            attributes[application_id].add(INTEREST_IN_YOUNG)
    return attributes, names


def _profile(
    person: Person,
    application_id: int | None,
    number: str,
    points: int,
    today: datetime.date,
    attributes: dict[int, set[str]],
    names: dict[int, list[str]],
) -> Profile:
    key = application_id or 0
    return Profile(
        application_id=application_id,
        number=number,
        name=f"{person.first_name} {person.last_name}",
        person=composition.Person(
            id=application_id or -person.pk,
            points=points,
            gender=person.gender,
            country=" ".join(person.country_background.split()).casefold() or "?",
            age=age_on(person.date_of_birth, today),
            attributes=frozenset(attributes.get(key, ())),
        ),
        groups=sorted(names.get(key, [])),
    )


def residents(units: Iterable[Unit], today: datetime.date) -> list[Profile]:
    """The main applicants of the house's running leases, each with the attributes
    of the household's latest application."""
    households = [unit.lease.household_id for unit in units if unit.lease]
    latest: dict[int, tuple[int, str]] = {}
    for pk, household_id, number in (
        Application.objects.filter(household_id__in=households)
        .order_by("created_at", "pk")
        .values_list("pk", "household_id", "number")
    ):
        latest[household_id] = (pk, number)
    mains = {
        member.household_id: member.person
        for member in HouseholdMember.objects.filter(
            household_id__in=households, relation=HouseholdRelation.MAIN_APPLICANT
        ).select_related("person")
    }
    attributes, names = _attributes(pk for pk, _number in latest.values())
    result = []
    for household_id in households:
        person = mains.get(household_id)
        if person is None:
            continue
        pk, number = latest.get(household_id, (None, ""))
        result.append(_profile(person, pk, number, 0, today, attributes, names))
    return result


def unlet_vacancies(units: Iterable[Unit]) -> list[rules.Vacancy]:
    """The units without a tenant, ready or not: composition plans the house."""
    return selectors.vacancies(unit.dwelling for unit in units if unit.lease is None)


def candidates(
    *,
    municipality: Municipality,
    today: datetime.date,
    priority_rules: rules.PriorityRules,
    eligibility_rules: rules.EligibilityRules,
    vacant: list[rules.Vacancy],
) -> list[Profile]:
    """Waiting households eligible for at least one of ``vacant`` (which includes
    accepting a shared house), with their priority points, best first."""
    found, shown = selectors.candidates(municipality, today)
    eligible = [
        c
        for c in found
        if any(rules.is_eligible(rules.eligibility(c, v, eligibility_rules)) for v in vacant)
    ]
    ids = [c.id for c in eligible]
    people = {
        a.pk: a.applicant
        for a in Application.objects.filter(pk__in=ids).select_related("applicant")
    }
    attributes, names = _attributes(ids)
    result = [
        _profile(
            people[c.id],
            c.id,
            shown[c.id].number,
            rules.priority(c, priority_rules, today).total,
            today,
            attributes,
            names,
        )
        for c in eligible
    ]
    result.sort(key=lambda p: (-p.person.points, p.number))
    return result


def open_meeting_for(house: SharedHouse) -> Meeting | None:
    """The latest open meeting with one of the house's dwellings undecided on its
    agenda, where the chosen can be locked."""
    return (
        Meeting.objects.filter(
            municipality=house.municipality,
            status=MeetingStatus.OPEN,
            items__dwelling__shared_house=house,
            items__taken_out=False,
            items__outcome=ItemOutcome.PENDING,
        )
        .distinct()
        .order_by("-held_on", "-pk")
        .first()
    )
