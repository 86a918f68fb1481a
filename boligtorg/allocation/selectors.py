"""Reads of the allocation module: the waiting list as ``Candidate`` objects, the
agenda's dwellings as ``Vacancy`` objects, and the area caps with what is left of
them. A constant number of queries, whatever the size of the list."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    HouseholdMember,
    MappingInterview,
)
from boligtorg.core.models import Membership, Municipality, Role, User
from boligtorg.domain import allocation as rules
from boligtorg.domain.deadlines import add_months
from boligtorg.housing.models import Dwelling, DwellingStatus, Feature

from .models import (
    AgendaItem,
    AreaCap,
    ItemOutcome,
    MeetingStatus,
    Offer,
    OfferStatus,
    Parking,
    PriorityAdjustment,
    RuleSet,
)

AREA_SEPARATORS = re.compile(r"[,;\n]+")


def area_key(name: str) -> str:
    """Areas are compared by name, ignoring case and surrounding spaces."""
    return " ".join(name.split()).casefold()


def area_keys(text: str) -> frozenset[str]:
    return frozenset(key for part in AREA_SEPARATORS.split(text or "") if (key := area_key(part)))


def waiting_applications(municipality: Municipality, today: datetime.date) -> QuerySet[Application]:
    """Granted applications still waiting: decided (not appealed or closed), the
    latest decision granted, no open or accepted offer, not parked today."""
    latest_outcome = (
        Decision.objects.filter(application=OuterRef("pk"))
        .order_by("-decided_on", "-created_at", "-pk")
        .values("outcome")[:1]
    )
    busy = Offer.objects.filter(
        application=OuterRef("pk"), status__in=(OfferStatus.OPEN, OfferStatus.ACCEPTED)
    )
    parked = Parking.objects.filter(
        application=OuterRef("pk"), until__gte=today, ended_on__isnull=True
    )
    return (
        Application.objects.filter(municipality=municipality, status=ApplicationStatus.DECIDED)
        .annotate(latest_outcome=Subquery(latest_outcome))
        .filter(latest_outcome=DecisionOutcome.GRANTED)
        .exclude(Exists(busy))
        .exclude(Exists(parked))
    )


@dataclass(frozen=True)
class WaitingHousehold:
    """What the pages show of a candidate besides its rules data."""

    application_id: int
    number: str
    name: str
    caseworker_id: int | None


def _years_ago(today: datetime.date, years: int) -> datetime.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def candidates(
    municipality: Municipality,
    today: datetime.date,
    applications: QuerySet[Application] | None = None,
) -> tuple[list[rules.Candidate], dict[int, WaitingHousehold]]:
    """The waiting list (or ``applications``) as pure Candidates, keyed by the
    application's id, and what the pages show of each household."""
    qs = applications if applications is not None else waiting_applications(municipality, today)
    rows = list(
        qs.values(
            "pk",
            "number",
            "household_id",
            "situation",
            "received_on",
            "created_at",
            "min_bedrooms",
            "needs_wheelchair_access",
            "needs_ground_floor",
            "has_pets",
            "wanted_areas",
            "excluded_areas",
            "accepts_shared_house",
            "caseworker_id",
            "applicant__first_name",
            "applicant__last_name",
        )
    )
    ids = [row["pk"] for row in rows]
    households = {row["household_id"] for row in rows}
    adult_from = _years_ago(today, 18)
    size: dict[int, int] = defaultdict(int)
    children: dict[int, int] = defaultdict(int)
    for household_id, born in HouseholdMember.objects.filter(
        household_id__in=households
    ).values_list("household_id", "person__date_of_birth"):
        size[household_id] += 1
        if born > adult_from:
            children[household_id] += 1
    urgent = set(
        MappingInterview.objects.filter(application_id__in=ids, urgent=True).values_list(
            "application_id", flat=True
        )
    )
    groups: dict[int, set[str]] = defaultdict(set)
    through = Application.target_groups.through
    for application_id, code in through.objects.filter(application_id__in=ids).values_list(
        "application_id", "targetgroup__code"
    ):
        groups[application_id].add(code)
    manual: dict[int, tuple[int, str]] = {}
    for application_id, points, reason in (
        PriorityAdjustment.objects.filter(application_id__in=ids)
        .order_by("created_at", "pk")
        .values_list("application_id", "points", "reason")
    ):
        manual[application_id] = (points, reason)
    result, shown = [], {}
    for row in rows:
        pk = row["pk"]
        points, reason = manual.get(pk, (0, ""))
        result.append(
            rules.Candidate(
                id=pk,
                situation=row["situation"],
                waiting_since=row["received_on"] or row["created_at"].date(),
                household_size=max(size[row["household_id"]], 1),
                children=children[row["household_id"]],
                target_groups=frozenset(groups[pk]),
                urgent=pk in urgent,
                manual_points=points,
                manual_reason=reason,
                min_bedrooms=row["min_bedrooms"],
                needs_wheelchair=row["needs_wheelchair_access"],
                needs_step_free=row["needs_ground_floor"],
                has_pets=row["has_pets"],
                wanted_areas=area_keys(row["wanted_areas"]),
                excluded_areas=area_keys(row["excluded_areas"]),
                accepts_shared_house=row["accepts_shared_house"],
            )
        )
        shown[pk] = WaitingHousehold(
            application_id=pk,
            number=row["number"],
            name=f"{row['applicant__first_name']} {row['applicant__last_name']}".strip(),
            caseworker_id=row["caseworker_id"],
        )
    return result, shown


def is_step_free(floor: int | None, features: Sequence[str]) -> bool:
    """Reachable without stairs: on the first floor (Norwegian numbering: 1. etasje is
    the ground floor) or with a lift or marked as ground floor."""
    return floor == 1 or Feature.LIFT in features or Feature.GROUND_FLOOR in features


def vacancies(dwellings: Iterable[Dwelling]) -> list[rules.Vacancy]:
    """Dwellings as pure Vacancies (prefetch ``area`` and ``reserved_for``)."""
    return [
        rules.Vacancy(
            id=dwelling.pk,
            bedrooms=dwelling.bedrooms,
            wheelchair_accessible=dwelling.wheelchair_accessible,
            step_free=is_step_free(dwelling.floor, dwelling.features),
            pets_allowed=Feature.PETS_ALLOWED in dwelling.features,
            area=area_key(dwelling.area.name) if dwelling.area else "",
            reserved_for=frozenset(group.code for group in dwelling.reserved_for.all()),
            shared_house=dwelling.shared_house_id is not None,
        )
        for dwelling in dwellings
    ]


def dwellings_with_details() -> QuerySet[Dwelling]:
    """Dwellings with what ``vacancies`` reads, in two queries."""
    return Dwelling.objects.select_related("area").prefetch_related("reserved_for")


def allocation_members(municipality: Municipality) -> QuerySet[User]:
    """Users who may sit in the municipality's allocation meeting: an active
    membership here with the allocation meeting role."""
    ids = Membership.objects.filter(
        municipality=municipality, is_active=True, roles__role=Role.ALLOCATION_MEMBER
    ).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username")


def held_agenda_items(municipality: Municipality) -> QuerySet[AgendaItem]:
    """Agenda items that hold their dwelling: on an open meeting and not yet decided
    (taken out included: the meeting may put it back). A dwelling is held by at
    most one meeting at a time; a postponed one is free for the next."""
    return AgendaItem.objects.filter(
        meeting__municipality=municipality,
        meeting__status=MeetingStatus.OPEN,
        outcome=ItemOutcome.PENDING,
    )


def settlement_reservations() -> QuerySet:  # type: ignore[type-arg]
    """The open reservations of dwellings for a refugee's arrival (the settlement
    app's), looked up by name: a dwelling held for an arrival is not the meeting's
    to offer."""
    from django.apps import apps

    reservation = apps.get_model("settlement", "Reservation")
    return reservation.objects.filter(released_on__isnull=True)


def agenda_dwellings(municipality: Municipality) -> QuerySet[Dwelling]:
    """Dwellings a new meeting may put on its agenda: ready for moving in, not
    already offered to someone, not held by another open meeting and not reserved
    for a refugee's arrival."""
    open_offer = Offer.objects.filter(dwelling=OuterRef("pk"), status=OfferStatus.OPEN)
    held = held_agenda_items(municipality).filter(dwelling=OuterRef("pk"))
    reserved = settlement_reservations().filter(dwelling=OuterRef("pk"))
    return (
        dwellings_with_details()
        .filter(municipality=municipality, status=DwellingStatus.READY)
        .exclude(Exists(open_offer))
        .exclude(Exists(held))
        .exclude(Exists(reserved))
    )


@dataclass(frozen=True)
class CapUse:
    cap: AreaCap
    used: int

    @property
    def remaining(self) -> int:
        return max(self.cap.limit - self.used, 0)


def cap_uses(rule_set: RuleSet, on: datetime.date) -> list[CapUse]:
    """Each area cap of the rule set with the placements already made in its period
    (accepted offers answered in the months before ``on``)."""
    uses = []
    for cap in rule_set.area_caps.select_related("area").prefetch_related("target_groups"):
        since = add_months(on, -cap.period_months)
        group_ids = [group.pk for group in cap.target_groups.all()]
        used = (
            Offer.objects.filter(
                municipality=rule_set.municipality,
                status=OfferStatus.ACCEPTED,
                dwelling__area=cap.area,
                answered_on__gt=since,
                answered_on__lte=on,
            )
            .filter(Q(application__target_groups__in=group_ids))
            .values("application_id")
            .distinct()
            .count()
        )
        uses.append(CapUse(cap, used))
    return uses


def domain_caps(uses: Iterable[CapUse]) -> list[rules.AreaCap]:
    return [
        rules.AreaCap(
            area=area_key(use.cap.area.name),
            target_groups=frozenset(group.code for group in use.cap.target_groups.all()),
            limit=use.remaining,
        )
        for use in uses
    ]
