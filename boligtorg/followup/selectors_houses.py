"""Reads of shared-house life (seed 000): the houses with their next resident
meeting, one house's contact person, representative, meetings, rules and dugnad
list, and the residents who may attend, be elected or be given a task.

Residents are the members of the households with a lease on one of the house's
dwellings; on a given day, those whose lease covers that day."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from boligtorg.cases.models import HouseholdMember, Person
from boligtorg.core.models import Membership, Role, User
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain import resident_meetings as cadence
from boligtorg.housing.models import Lease, SharedHouse
from boligtorg.housing.services import running_from

from .models import (
    AgreedAction,
    DugnadTask,
    HouseContact,
    HouseMeetingPlan,
    HouseRepresentative,
    HouseRule,
    ResidentMeeting,
)

READ_ROLES = (Role.FOLLOWUP_WORKER, Role.CASEWORKER, Role.MANAGER)
WRITE_ROLES = (Role.FOLLOWUP_WORKER, Role.CASEWORKER)
# Who can be a house's contact person or be recorded as staff at a meeting.
STAFF_ROLES = (Role.FOLLOWUP_WORKER, Role.CASEWORKER, Role.MANAGER)
# Residents offered on the forms: those of the past year, today's and the coming ones.
CHOICE_LOOKBACK = datetime.timedelta(days=365)


# Fetching one object for the actor -------------------------------------------------


def house_get(*, actor: Actor, house_id: int) -> SharedHouse:
    require_role(actor, *READ_ROLES)
    return get_for_actor(SharedHouse.objects.all(), actor, pk=house_id)


def meeting_get(*, actor: Actor, meeting_id: int) -> ResidentMeeting:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        ResidentMeeting.objects.select_related("shared_house").prefetch_related(
            Prefetch("attendees", Person.objects.order_by("first_name", "last_name", "pk")),
            Prefetch("staff_present", User.objects.order_by("first_name", "last_name", "pk")),
            "actions",
        ),
        actor,
        pk=meeting_id,
    )


def action_get(*, actor: Actor, action_id: int) -> AgreedAction:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        AgreedAction.objects.select_related("meeting__shared_house"), actor, pk=action_id
    )


def rule_get(*, actor: Actor, rule_id: int) -> HouseRule:
    require_role(actor, *READ_ROLES)
    return get_for_actor(HouseRule.objects.select_related("shared_house"), actor, pk=rule_id)


def task_get(*, actor: Actor, task_id: int) -> DugnadTask:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        DugnadTask.objects.select_related("shared_house").prefetch_related("assigned"),
        actor,
        pk=task_id,
    )


def contact_get(*, actor: Actor, contact_id: int) -> HouseContact:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        HouseContact.objects.select_related("shared_house", "user"), actor, pk=contact_id
    )


def representative_get(*, actor: Actor, representative_id: int) -> HouseRepresentative:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        HouseRepresentative.objects.select_related("shared_house", "person"),
        actor,
        pk=representative_id,
    )


# Residents and staff -----------------------------------------------------------------


def _house_leases(house: SharedHouse) -> QuerySet[Lease]:
    return Lease.objects.filter(dwelling__shared_house=house)


def first_moving_in(house: SharedHouse) -> datetime.date | None:
    """The first day anyone's lease in the house started (the start of its cadence)."""
    return _house_leases(house).aggregate(first=Min("start"))["first"]


def _people_of(leases: QuerySet[Lease], also: Iterable[int] = ()) -> QuerySet[Person]:
    members = HouseholdMember.objects.filter(household_id__in=leases.values("household_id"))
    return Person.objects.filter(Q(pk__in=members.values("person_id")) | Q(pk__in=list(also)))


def residents_on(house: SharedHouse, day: datetime.date) -> QuerySet[Person]:
    """The people living in the house on ``day``: members of households whose lease
    there covers the day."""
    return _people_of(_house_leases(house).filter(running_from(day), start__lte=day)).order_by(
        "first_name", "last_name", "pk"
    )


def resident_choices(
    house: SharedHouse, today: datetime.date, also: Iterable[int] = ()
) -> QuerySet[Person]:
    """The people a form offers: those who lived in the house during the past year,
    who live there now, or who are moving in, and the people ``also`` names (those
    already recorded on the object being edited). The service checks the exact day."""
    leases = _house_leases(house).filter(running_from(today - CHOICE_LOOKBACK))
    return _people_of(leases, also).order_by("first_name", "last_name", "pk")


def staff_choices(*, actor: Actor) -> QuerySet[User]:
    """Active staff of the actor's municipality who can be a contact person, each
    with the membership whose roles the picker shows (``core.forms.user_label``)."""
    memberships = Membership.objects.filter(
        municipality=actor.municipality, is_active=True, roles__role__in=STAFF_ROLES
    )
    shown = Membership.objects.filter(
        municipality=actor.municipality, is_active=True
    ).prefetch_related("roles")
    return (
        User.objects.filter(is_active=True, memberships__in=memberships)
        .distinct()
        .order_by("first_name", "last_name", "username")
        .prefetch_related(Prefetch("memberships", shown, to_attr="picker_memberships"))
    )


# The list of shared houses ---------------------------------------------------------


@dataclass(frozen=True)
class HouseLifeRow:
    house: SharedHouse
    contact: HouseContact | None
    residents: int
    last_meeting: datetime.date | None
    next_meeting: cadence.NextMeeting | None
    state: cadence.MeetingState
    overdue_actions: int


def house_life_list(*, actor: Actor, today: datetime.date) -> list[HouseLifeRow]:
    """Every shared house of the municipality with its contact person, residents
    today, last meeting, next meeting due and overdue actions; eight queries."""
    require_role(actor, *READ_ROLES)
    municipality = actor.municipality
    houses = list(SharedHouse.objects.filter(municipality=municipality).order_by("name"))
    contacts = {
        c.shared_house_id: c
        for c in HouseContact.objects.filter(
            municipality=municipality, to_date__isnull=True
        ).select_related("user")
    }
    leases = Lease.objects.filter(municipality=municipality, dwelling__shared_house__isnull=False)
    first_in = dict(
        leases.values("dwelling__shared_house")
        .annotate(first=Min("start"))
        .values_list("dwelling__shared_house", "first")
    )
    living = list(
        leases.filter(running_from(today), start__lte=today).values_list(
            "dwelling__shared_house", "household_id"
        )
    )
    sizes = dict(
        HouseholdMember.objects.filter(household_id__in={h for _house, h in living})
        .values("household_id")
        .annotate(n=Count("pk"))
        .values_list("household_id", "n")
    )
    residents: dict[int, int] = defaultdict(int)
    for house_id, household_id in living:
        residents[house_id] += sizes.get(household_id, 0)
    last = dict(
        ResidentMeeting.objects.filter(municipality=municipality)
        .values("shared_house")
        .annotate(last=Max("held_on"))
        .values_list("shared_house", "last")
    )
    plans = dict(
        HouseMeetingPlan.objects.filter(municipality=municipality).values_list(
            "shared_house", "later_interval_months"
        )
    )
    overdue = dict(
        AgreedAction.objects.filter(
            municipality=municipality, done_on__isnull=True, due_on__lt=today
        )
        .values("meeting__shared_house")
        .annotate(n=Count("pk"))
        .values_list("meeting__shared_house", "n")
    )
    rows = []
    for house in houses:
        upcoming = cadence.next_meeting(
            first_moving_in=first_in.get(house.pk),
            last_meeting=last.get(house.pk),
            later_months=plans.get(house.pk, cadence.DEFAULT_LATER_MONTHS),
        )
        rows.append(
            HouseLifeRow(
                house=house,
                contact=contacts.get(house.pk),
                residents=residents[house.pk],
                last_meeting=last.get(house.pk),
                next_meeting=upcoming,
                state=cadence.meeting_state(upcoming, today),
                overdue_actions=overdue.get(house.pk, 0),
            )
        )
    return rows


# One house -------------------------------------------------------------------------


@dataclass
class HouseLife:
    house: SharedHouse
    residents: list[Person]
    contact: HouseContact | None
    contacts: list[HouseContact]
    representative: HouseRepresentative | None
    representatives: list[HouseRepresentative]
    plan: HouseMeetingPlan | None
    first_moving_in: datetime.date | None
    next_meeting: cadence.NextMeeting | None
    state: cadence.MeetingState
    rules: list[HouseRule]
    retired_rules: list[HouseRule]
    tasks: list[DugnadTask]
    overdue_actions: list[AgreedAction] = field(default_factory=list)


def meeting_queryset(house: SharedHouse) -> QuerySet[ResidentMeeting]:
    """The house's meetings, newest first, with attendance and actions prefetched."""
    return (
        ResidentMeeting.objects.filter(shared_house=house)
        .prefetch_related(
            Prefetch("attendees", Person.objects.order_by("first_name", "last_name")),
            Prefetch("staff_present", User.objects.order_by("first_name", "last_name")),
            "actions",
        )
        .order_by("-held_on", "-pk")
    )


def house_life(*, actor: Actor, house: SharedHouse, today: datetime.date) -> HouseLife:
    """Everything the house page shows but its meetings (``meeting_queryset``, one
    page at a time); a fixed number of queries whatever the house's size."""
    require_role(actor, *READ_ROLES)
    contacts = list(
        HouseContact.objects.filter(shared_house=house)
        .select_related("user")
        .order_by("-from_date", "-pk")
    )
    representatives = list(
        HouseRepresentative.objects.filter(shared_house=house)
        .select_related("person")
        .order_by("-from_date", "-pk")
    )
    plan = HouseMeetingPlan.objects.filter(shared_house=house).first()
    first_in = first_moving_in(house)
    last = ResidentMeeting.objects.filter(shared_house=house).aggregate(last=Max("held_on"))["last"]
    upcoming = cadence.next_meeting(
        first_moving_in=first_in,
        last_meeting=last,
        later_months=plan.later_interval_months if plan else cadence.DEFAULT_LATER_MONTHS,
    )
    rules = list(HouseRule.objects.filter(shared_house=house).order_by("position", "pk"))
    tasks = list(
        DugnadTask.objects.filter(shared_house=house)
        .filter(Q(done=False) | Q(day__gte=today - datetime.timedelta(days=90)))
        .prefetch_related(Prefetch("assigned", Person.objects.order_by("first_name")))
        .order_by("day", "pk")
    )
    overdue = list(
        AgreedAction.objects.filter(
            meeting__shared_house=house, done_on__isnull=True, due_on__lt=today
        )
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    return HouseLife(
        house=house,
        residents=list(residents_on(house, today)),
        contact=next((c for c in contacts if c.to_date is None), None),
        contacts=contacts,
        representative=next((r for r in representatives if r.to_date is None), None),
        representatives=representatives,
        plan=plan,
        first_moving_in=first_in,
        next_meeting=upcoming,
        state=cadence.meeting_state(upcoming, today),
        rules=[rule for rule in rules if rule.retired_on is None],
        retired_rules=[rule for rule in rules if rule.retired_on is not None],
        tasks=tasks,
        overdue_actions=overdue,
    )


def house_rule_list(
    *, actor: Actor, house: SharedHouse, include_retired: bool = False
) -> QuerySet[HouseRule]:
    require_role(actor, *READ_ROLES)
    rules = HouseRule.objects.filter(shared_house=house, municipality=actor.municipality)
    if not include_retired:
        rules = rules.filter(retired_on__isnull=True)
    return rules.order_by("position", "pk")


def meeting_list(*, actor: Actor, house: SharedHouse) -> QuerySet[ResidentMeeting]:
    require_role(actor, *READ_ROLES)
    return meeting_queryset(house).filter(municipality=actor.municipality)
