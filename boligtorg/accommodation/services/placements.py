"""Writes of placements in temporary accommodation and of the municipality's stay
limits. Every rule error at once, keyed by field; each write is audited.

The placement rests on a decision made in the case's own decision flow
(``cases.Decision``); only an emergency placement the same night may be made before
it. The provider's agreement must be in force on the placement's dates, and a family
with children is never placed with a provider not approved for children
(``boligtorg.domain.accommodation``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import (
    Application,
    Decision,
    DecisionOutcome,
    HouseholdMember,
    HouseholdRelation,
)
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import accommodation as rules

from ..access import WRITE_ROLES
from ..models import Placement, Provider, StayLimit
from .providers import ERROR_ENDS_BEFORE, ERROR_PRICE, ERROR_REQUIRED, _plain

ERROR_NO_AGREEMENT = _("The provider has no quality agreement in force on all these dates.")
ERROR_NOT_FOR_CHILDREN = _(
    "The provider is not approved for children; a family with children cannot be placed there."
)
ERROR_MEMBERS = _("Choose who stays, from the case's household.")
ERROR_DECISION = _("Choose a granting decision on this case.")
ERROR_DECISION_NEEDED = _(
    "A placement needs a decision; only an emergency placement the same night may wait for it."
)
ERROR_EMERGENCY_DATE = _("An emergency placement starts today.")
ERROR_OVERLAP = _("The case already has a placement on these dates.")
ERROR_ALREADY_ENDED = _("The placement has already ended.")
ERROR_NIGHTS = _("Give a number of nights of 0 or more.")
ERROR_LIMIT_EXISTS = _("A limit from this date is already registered.")

ADULT_AGE = 18


def is_child(member: HouseholdMember, on: datetime.date) -> bool:
    """A member is a child when registered as one or under 18 on ``on``."""
    if member.relation == HouseholdRelation.CHILD:
        return True
    born = member.person.date_of_birth
    if born is None:
        return False
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return age < ADULT_AGE


def _periods(provider: Provider) -> list[rules.AgreementPeriod]:
    return [
        rules.AgreementPeriod(a.valid_from, a.valid_to, a.approved_for_children)
        for a in provider.agreements.all()
    ]


def placement_errors(
    *,
    application: Application,
    provider: Provider | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    price_per_night: Decimal | None,
    members: list[HouseholdMember],
    decision: Decision | None,
    emergency: bool,
    today: datetime.date,
) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}

    def add(field: str, message: Any) -> None:
        errors.setdefault(field, []).append(message)

    if provider is None:
        add("provider", ERROR_REQUIRED)
    if starts_on is None:
        add("starts_on", ERROR_REQUIRED)
    if starts_on and ends_on and ends_on < starts_on:
        add("ends_on", ERROR_ENDS_BEFORE)
    if price_per_night is not None and price_per_night < 0:
        add("price_per_night", ERROR_PRICE)
    if not members or any(m.household_id != application.household_id for m in members):
        add("members", ERROR_MEMBERS)
    if decision is not None:
        if decision.application_id != application.pk or decision.outcome != DecisionOutcome.GRANTED:
            add("decision", ERROR_DECISION)
    elif not emergency:
        add("decision", ERROR_DECISION_NEEDED)
    elif starts_on and starts_on != today:
        add("starts_on", ERROR_EMERGENCY_DATE)
    if provider is not None and starts_on and "ends_on" not in errors:
        agreement = rules.covering_agreement(_periods(provider), starts_on, ends_on)
        if agreement is None:
            add("provider", ERROR_NO_AGREEMENT)
        elif not rules.children_allowed(
            agreement, with_children=any(is_child(m, starts_on) for m in members)
        ):
            add("provider", ERROR_NOT_FOR_CHILDREN)
    if starts_on and "ends_on" not in errors:
        overlapping = application.accommodation_placements.exclude(ends_on__lt=starts_on)
        if ends_on:
            overlapping = overlapping.filter(starts_on__lte=ends_on)
        if overlapping.exists():
            add("starts_on", ERROR_OVERLAP)
    return errors


def placement_create(
    *,
    actor: Actor,
    application: Application,
    provider: Provider | None,
    starts_on: datetime.date | None,
    members: Iterable[HouseholdMember],
    ends_on: datetime.date | None = None,
    price_per_night: Decimal | None = None,
    decision: Decision | None = None,
    emergency: bool = False,
    address: str = "",
) -> Placement:
    """Place the chosen members of the case's household with a provider. The price
    defaults to the agreement's. Raises ``ValidationError`` with every error at once."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, application, provider)
    members = list(members)
    errors = placement_errors(
        application=application,
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        price_per_night=price_per_night,
        members=members,
        decision=decision,
        emergency=emergency,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    if price_per_night is None:
        agreement = (
            provider.agreements.filter(valid_from__lte=starts_on).order_by("-valid_from").first()
        )
        price_per_night = agreement.price_per_night if agreement else Decimal(0)
    with transaction.atomic():
        placement = Placement.objects.create(
            municipality=actor.municipality,
            application=application,
            provider=provider,
            address=address.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            price_per_night=price_per_night,
            decision=decision,
            emergency=decision is None and emergency,
            created_by=actor.user,
        )
        placement.members.set(members)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=placement,
            changes={
                "application": application.pk,
                "provider": provider.pk,
                "starts_on": _plain(starts_on),
                "ends_on": _plain(ends_on),
                "price_per_night": _plain(price_per_night),
                "members": sorted(m.pk for m in members),
                "decision": decision.pk if decision else None,
                "emergency": placement.emergency,
            },
        )
    return placement


def placement_end(
    *, actor: Actor, placement: Placement, ends_on: datetime.date | None, reason: str = ""
) -> Placement:
    """End an open placement on ``ends_on`` (the morning the household leaves)."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, placement)
    errors: dict[str, list[Any]] = {}
    if placement.ends_on is not None:
        errors.setdefault("ends_on", []).append(ERROR_ALREADY_ENDED)
    elif ends_on is None:
        errors.setdefault("ends_on", []).append(ERROR_REQUIRED)
    elif ends_on < placement.starts_on:
        errors.setdefault("ends_on", []).append(ERROR_ENDS_BEFORE)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        placement.ends_on = ends_on
        placement.end_reason = reason.strip()
        placement.save(update_fields=["ends_on", "end_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=placement,
            changes={"ends_on": [None, _plain(ends_on)], "end_reason": ["", placement.end_reason]},
        )
    return placement


def stay_limit_set(
    *,
    actor: Actor,
    valid_from: datetime.date | None,
    nights: int | None,
    nights_with_children: int | None,
    note: str = "",
) -> StayLimit:
    """Register the limit in force from ``valid_from`` (earlier limits are kept)."""
    require_role(actor, *WRITE_ROLES)
    errors: dict[str, list[Any]] = {}
    if valid_from is None:
        errors.setdefault("valid_from", []).append(ERROR_REQUIRED)
    elif StayLimit.objects.filter(municipality=actor.municipality, valid_from=valid_from).exists():
        errors.setdefault("valid_from", []).append(ERROR_LIMIT_EXISTS)
    for name, value in (("nights", nights), ("nights_with_children", nights_with_children)):
        if value is None or value < 0:
            errors.setdefault(name, []).append(ERROR_NIGHTS)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        limit = StayLimit.objects.create(
            municipality=actor.municipality,
            valid_from=valid_from,
            nights=nights,
            nights_with_children=nights_with_children,
            note=note.strip(),
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=limit,
            changes={
                "valid_from": _plain(valid_from),
                "nights": nights,
                "nights_with_children": nights_with_children,
            },
        )
    return limit
