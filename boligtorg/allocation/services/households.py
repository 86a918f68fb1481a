"""A household's place on the waiting list: a manual adjustment of its points
(always with a written reason) and parking (not offered anything until a date)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role

from ..access import LIST_ROLES
from ..models import Parking, PriorityAdjustment

ERROR_REASON = _("A manual adjustment needs a written reason.")
ERROR_POINTS = _("An adjustment must be between −500 and 500 points.")
ERROR_PARK_REASON = _("Say why the household is parked.")
ERROR_PARK_UNTIL = _("A household is parked until a day after today.")


def _own(actor: Actor, application: Application) -> None:
    require_role(actor, *LIST_ROLES)
    if application.municipality_id != actor.municipality.pk:
        raise PermissionDenied


@transaction.atomic
def priority_adjust(
    *, actor: Actor, application: Application, points: int, reason: str
) -> PriorityAdjustment:
    """Set the manual adjustment (it replaces the previous one; 0 removes it)."""
    _own(actor, application)
    errors = {}
    if not reason.strip():
        errors["reason"] = ERROR_REASON
    if not -500 <= points <= 500:
        errors["points"] = ERROR_POINTS
    if errors:
        raise ValidationError(errors)
    previous = application.priority_adjustments.first()
    adjustment = PriorityAdjustment.objects.create(
        application=application, points=points, reason=reason.strip(), created_by=actor.user
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=application,
        changes={"priority_adjustment": [previous.points if previous else None, points]},
    )
    return adjustment


@transaction.atomic
def park(
    *,
    actor: Actor,
    application: Application,
    until: datetime.date,
    reason: str,
    today: datetime.date,
) -> Parking:
    _own(actor, application)
    errors = {}
    if not reason.strip():
        errors["reason"] = ERROR_PARK_REASON
    if until <= today:
        errors["until"] = ERROR_PARK_UNTIL
    if errors:
        raise ValidationError(errors)
    parking = Parking.objects.create(
        application=application, until=until, reason=reason.strip(), created_by=actor.user
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=application,
        changes={"parked_until": [None, str(until)]},
    )
    return parking


@transaction.atomic
def unpark(*, actor: Actor, parking: Parking, today: datetime.date) -> None:
    _own(actor, parking.application)
    parking.ended_on = today
    parking.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=parking.application,
        changes={"parked_until": [str(parking.until), None]},
    )
