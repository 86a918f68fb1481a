"""Reads of the dwelling register for pages and exports, scoped to the actor's
municipality and to the roles of ``access.READ_ROLES``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Household,
    HouseholdMember,
    TargetGroup,
)
from boligtorg.cases.selectors import name_match
from boligtorg.core.models import Notification
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.core.query import id_from_query
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.housing import (
    REMINDER_MONTHS,
    VACANCY_HORIZON_DAYS,
    allocation_right_due,
    co_op_share_exceeds_limit,
    co_op_share_limit_percent,
    expiry_reminder_dates,
    is_valid_unit_number,
    normalise_unit_number,
    vacancies_until_next_due,
)

from .access import READ_ROLES
from .models import (
    DispositionForm,
    Dwelling,
    DwellingStatus,
    Landlord,
    LandlordKind,
    Lease,
)
from .services import running_from

DWELLING_ORDERINGS = {
    "address": ("address", "unit_number"),
    "-address": ("-address", "-unit_number"),
    "unit": ("unit_number", "address"),
    "-unit": ("-unit_number", "address"),
    "bedrooms": ("bedrooms", "address"),
    "-bedrooms": ("-bedrooms", "address"),
    "area": ("usable_area", "address"),
    "-area": ("-usable_area", "address"),
    "rent": ("rent", "address"),
    "-rent": ("-rent", "address"),
    "status": ("status", "address"),
    "-status": ("-status", "address"),
}


def dwelling_list(
    *,
    actor: Actor,
    search: str = "",
    status: str = "",
    dwelling_type: str = "",
    min_bedrooms: int | None = None,
    min_area: Decimal | None = None,
    max_area: Decimal | None = None,
    accessible: bool = False,
    disposition_form: str = "",
    ordering: str = "address",
) -> QuerySet[Dwelling]:
    """The municipality's dwellings for the register page, filtered and sorted."""
    require_role(actor, *READ_ROLES)
    qs = Dwelling.objects.filter(municipality=actor.municipality).select_related(
        "shared_house", "area"
    )
    if search:
        # A unit number (H0101) is looked up as such; anything else is part of an
        # address, one column at a time so that PostgreSQL can use its trigram index.
        unit = normalise_unit_number(search)
        if is_valid_unit_number(unit):
            qs = qs.filter(unit_number=unit)
        else:
            qs = qs.filter(address__icontains=search.strip())
    if status:
        qs = qs.filter(status=status)
    if dwelling_type:
        qs = qs.filter(dwelling_type=dwelling_type)
    if min_bedrooms is not None:
        qs = qs.filter(bedrooms__gte=min_bedrooms)
    if min_area is not None:
        qs = qs.filter(usable_area__gte=min_area)
    if max_area is not None:
        qs = qs.filter(usable_area__lte=max_area)
    if accessible:
        qs = qs.filter(wheelchair_accessible=True)
    if disposition_form:
        qs = qs.filter(disposition_form=disposition_form)
    return qs.order_by(*DWELLING_ORDERINGS.get(ordering, DWELLING_ORDERINGS["address"]))


def dwelling_get(*, actor: Actor, dwelling_id: int) -> Dwelling:
    """One dwelling of the actor's municipality (404 otherwise)."""
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        Dwelling.objects.select_related("property", "landlord", "shared_house", "area"),
        actor,
        pk=dwelling_id,
    )


def _household_prefetch(prefix: str = "") -> list[Any]:
    return [f"{prefix}household__members__person", f"{prefix}household__applications"]


def dwelling_leases(*, actor: Actor, dwelling: Dwelling) -> list[Lease]:
    require_role(actor, *READ_ROLES)
    return list(
        Lease.objects.filter(municipality=actor.municipality, dwelling=dwelling)
        .select_related("renewal")
        .prefetch_related(*_household_prefetch())
        .order_by("-start")
    )


def dwelling_status_history(*, actor: Actor, dwelling: Dwelling) -> list[Any]:
    require_role(actor, *READ_ROLES)
    return list(dwelling.status_changes.select_related("changed_by").order_by("-changed_at", "-id"))


def lease_get(*, actor: Actor, lease_id: int) -> Lease:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        Lease.objects.select_related("dwelling", "renewal").prefetch_related(
            *_household_prefetch()
        ),
        actor,
        pk=lease_id,
    )


# A tenant comes from a case that is under way or decided: not a draft nobody has
# submitted, not a closed case.
TENANT_CASE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_ASSESSMENT,
    ApplicationStatus.DECIDED,
    ApplicationStatus.APPEALED,
)
HOUSEHOLDS_SHOWN = 20


def household_choices(*, actor: Actor) -> QuerySet[Household]:
    """The households a lease may name: the municipality's, with a case in one of
    ``TENANT_CASE_STATUSES``."""
    require_role(actor, *READ_ROLES)
    cases = Application.objects.filter(household=OuterRef("pk"), status__in=TENANT_CASE_STATUSES)
    return Household.objects.filter(Exists(cases), municipality=actor.municipality)


def _household_match(search: str) -> Q:
    """Digits (2026-00042, 42) are part of a case number; words are each part of the
    name of one member of the household."""
    compact = search.replace(" ", "").replace("-", "")
    if compact.isdigit():
        numbers = Application.objects.filter(
            household=OuterRef("pk"), number__icontains=search.replace(" ", "")
        )
        return Q(Exists(numbers))
    named = name_match(search, "person__")
    return Q(Exists(HouseholdMember.objects.filter(named, household=OuterRef("pk"))))


def household_search(
    *, actor: Actor, search: str = "", chosen: Any = None, limit: int = HOUSEHOLDS_SHOWN
) -> list[Household]:
    """Up to ``limit`` households a lease may name that match ``search``, newest
    first (without a search, the newest), with what their labels need; ``chosen``
    (an id, as posted) comes first when it may be named, so that a choice stays
    shown after another search. Four queries whatever the number found."""
    eligible = household_choices(actor=actor)
    search = search.strip()
    found = eligible.filter(_household_match(search)) if search else eligible
    picked = None
    chosen_id = id_from_query(None if chosen is None else str(chosen))
    if chosen_id is not None:
        picked = Q(pk=chosen_id)
        newest = found.order_by("-created_at", "-pk").values("pk")[:limit]
        found = eligible.filter(picked | Q(pk__in=newest))
    households = list(
        found.prefetch_related("members__person", "applications").order_by("-created_at", "-pk")[
            : limit + (picked is not None)
        ]
    )
    households.sort(key=lambda household: household.pk != chosen_id)
    return households


def household_label(household: Household) -> str:
    """'2025-00012 – Ole Hansen': case numbers and the main applicant."""
    numbers = ", ".join(sorted(a.number for a in household.applications.all()))
    main = next((m.person for m in household.members.all() if m.is_main_applicant), None)
    name = str(main) if main else f"#{household.pk}"
    return f"{numbers} – {name}" if numbers else name


def co_op_share_warning(*, actor: Actor, dwelling: Dwelling) -> str:
    """A warning when the municipality holds more of the dwelling's co-op than
    burettslagslova §4-2/§4-3 allows (``domain.housing.co_op_share_exceeds_limit``:
    one unit always, else 10 %, or 20 % where the dwelling records that the co-op's
    statutes allow it); empty otherwise."""
    require_role(actor, *READ_ROLES)
    if dwelling.disposition_form != DispositionForm.CO_OP_SHARE or not dwelling.co_op_units:
        return ""
    held = (
        Dwelling.objects.filter(
            municipality=actor.municipality,
            disposition_form=DispositionForm.CO_OP_SHARE,
            co_op_name=dwelling.co_op_name,
        )
        .exclude(status=DwellingStatus.SOLD)
        .count()
    )
    twenty = dwelling.co_op_statutes_allow_twenty_percent
    if not co_op_share_exceeds_limit(
        held, dwelling.co_op_units, statutes_allow_twenty_percent=twenty
    ):
        return ""
    values = {
        "held": held,
        "units": dwelling.co_op_units,
        "co_op": dwelling.co_op_name,
        "limit": co_op_share_limit_percent(statutes_allow_twenty_percent=twenty),
    }
    if twenty:
        return (
            _(
                "The municipality holds %(held)s of %(units)s units in %(co_op)s, more than the "
                "%(limit)s %% the co-op's statutes allow public owners (burettslagslova §4-3)."
            )
            % values
        )
    return (
        _(
            "The municipality holds %(held)s of %(units)s units in %(co_op)s, more than one unit "
            "and more than the %(limit)s %% public owners may hold (burettslagslova §4-2). If the "
            "co-op's statutes allow 20 %% (§4-3), record it on the dwelling."
        )
        % values
    )


@dataclass(frozen=True)
class Vacancies:
    ready: list[Dwelling]
    ending: list[Lease]
    horizon: datetime.date


def vacancies(*, actor: Actor, today: datetime.date | None = None) -> Vacancies:
    """Dwellings ready for moving in now, and leases ending within 90 days with
    no lease after them: what the allocation meeting can offer."""
    require_role(actor, *READ_ROLES)
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=VACANCY_HORIZON_DAYS)
    ready = list(
        Dwelling.objects.filter(municipality=actor.municipality, status=DwellingStatus.READY)
        .select_related("shared_house")
        .order_by("address", "unit_number")
    )
    later = Lease.objects.filter(dwelling=OuterRef("dwelling"), start__gt=OuterRef("last_day"))
    ending = list(
        Lease.objects.filter(municipality=actor.municipality)
        .annotate(last_day=Coalesce("terminated_on", "end"))
        .filter(last_day__gte=today, last_day__lte=horizon)
        .filter(~Exists(later))
        .select_related("dwelling")
        .prefetch_related(*_household_prefetch())
        .order_by("last_day", "pk")
    )
    return Vacancies(ready=ready, ending=ending, horizon=horizon)


@dataclass(frozen=True)
class ExpiringLease:
    lease: Lease
    reminders: dict[int, datetime.date]
    sent: list[Notification]


def lease_expiry_list(*, actor: Actor, today: datetime.date | None = None) -> list[ExpiringLease]:
    """Leases ending within six months that are neither renewed nor terminated,
    soonest first, with their reminder days and the reminders already made."""
    require_role(actor, *READ_ROLES)
    today = today or timezone.localdate()
    leases = list(
        Lease.objects.filter(
            municipality=actor.municipality,
            end__gte=today,
            end__lte=add_months(today, max(REMINDER_MONTHS)),
            terminated_on__isnull=True,
            renewal__isnull=True,
        )
        .select_related("dwelling")
        .prefetch_related(*_household_prefetch())
        .order_by("end", "pk")
    )
    sent: dict[str, list[Notification]] = {}
    for notification in Notification.objects.filter(
        municipality=actor.municipality,
        object_type=Lease._meta.label_lower,
        object_id__in=[str(lease.pk) for lease in leases],
    ).order_by("due_on"):
        sent.setdefault(notification.object_id, []).append(notification)
    return [
        ExpiringLease(lease, expiry_reminder_dates(lease.end), sent.get(str(lease.pk), []))
        for lease in leases
    ]


@dataclass(frozen=True)
class LandlordRow:
    landlord: Landlord
    dwellings: int
    received: int
    due: int
    until_next: int


def landlord_list(*, actor: Actor) -> list[LandlordRow]:
    """Landlords with their dwellings; for housing organisations the allocation
    right's count: vacancies reported, dwellings received and still due."""
    require_role(actor, *READ_ROLES)
    landlords = Landlord.objects.filter(municipality=actor.municipality).annotate(
        dwelling_count=Count("dwellings"),
        received=Count(
            "dwellings", filter=Q(dwellings__disposition_form=DispositionForm.ALLOCATION_RIGHT)
        ),
    )
    rows = []
    for landlord in landlords.order_by("name"):
        is_organisation = landlord.kind == LandlordKind.HOUSING_ORGANISATION
        every = landlord.allocation_every_nth
        rows.append(
            LandlordRow(
                landlord=landlord,
                dwellings=landlord.dwelling_count,
                received=landlord.received,
                due=allocation_right_due(landlord.vacancies_reported, every, landlord.received)
                if is_organisation
                else 0,
                until_next=vacancies_until_next_due(landlord.vacancies_reported, every)
                if is_organisation
                else 0,
            )
        )
    return rows


def landlord_get(*, actor: Actor, landlord_id: int) -> Landlord:
    require_role(actor, *READ_ROLES)
    return get_for_actor(Landlord.objects.all(), actor, pk=landlord_id)


def landlord_choices(*, actor: Actor) -> QuerySet[Landlord]:
    require_role(actor, *READ_ROLES)
    return Landlord.objects.filter(municipality=actor.municipality).order_by("name")


def target_group_choices(*, actor: Actor) -> QuerySet[TargetGroup]:
    require_role(actor, *READ_ROLES)
    return TargetGroup.objects.filter(municipality=actor.municipality, is_active=True)


def vacant_dwelling_count(*, actor: Actor) -> int:
    """For the dashboard panel: dwellings ready for moving in."""
    require_role(actor, *READ_ROLES)
    return Dwelling.objects.filter(
        municipality=actor.municipality, status=DwellingStatus.READY
    ).count()


def dwelling_export_list(*, actor: Actor) -> QuerySet[Dwelling]:
    """Every dwelling of the municipality, with what the export columns need."""
    require_role(actor, *READ_ROLES)
    return (
        Dwelling.objects.filter(municipality=actor.municipality)
        .select_related("property", "landlord", "shared_house", "area")
        .order_by("address", "unit_number", "pk")
    )


def has_running_lease(*, dwelling: Dwelling, today: datetime.date) -> bool:
    return Lease.objects.filter(running_from(today), dwelling=dwelling).exists()
