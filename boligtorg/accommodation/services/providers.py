"""Writes of the provider register: providers, their quality agreements (dated
versions, never changed in place) and inspections. Every rule error at once, keyed by
field; each write is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role, require_same_municipality

from ..access import WRITE_ROLES
from ..models import Inspection, InspectionResult, Provider, QualityAgreement

ERROR_REQUIRED = _("This field is required.")
ERROR_NAME_TAKEN = _("A provider with this name is already registered.")
ERROR_ORG_NUMBER = _("Give the organisation number as 9 digits (Norway) or 8 (Denmark).")
ERROR_ENDS_BEFORE = _("The end cannot be before the start.")
ERROR_PRICE = _("Give a price per night of 0 or more.")
ERROR_OVERLAP = _("Another version of the agreement is in force on these dates.")
ERROR_RESULT = _("Choose a result.")
ERROR_FUTURE = _("The date cannot be after today.")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _raise(errors: dict[str, list[Any]]) -> None:
    if errors:
        raise ValidationError(errors)


def provider_create(
    *,
    actor: Actor,
    name: str,
    address: str,
    org_number: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Provider:
    require_role(actor, *WRITE_ROLES)
    errors: dict[str, list[Any]] = {}
    name, address, org_number = name.strip(), address.strip(), org_number.replace(" ", "")
    if not name:
        errors.setdefault("name", []).append(ERROR_REQUIRED)
    elif Provider.objects.filter(municipality=actor.municipality, name__iexact=name).exists():
        errors.setdefault("name", []).append(ERROR_NAME_TAKEN)
    if not address:
        errors.setdefault("address", []).append(ERROR_REQUIRED)
    if org_number and not (org_number.isdigit() and len(org_number) in (8, 9)):
        errors.setdefault("org_number", []).append(ERROR_ORG_NUMBER)
    _raise(errors)
    fields = {
        "name": name,
        "address": address,
        "org_number": org_number,
        "contact_name": contact_name.strip(),
        "contact_phone": contact_phone.strip(),
        "contact_email": contact_email.strip(),
    }
    with transaction.atomic():
        provider = Provider.objects.create(
            municipality=actor.municipality, created_by=actor.user, **fields
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=provider, changes=fields)
    return provider


def agreement_add(
    *,
    actor: Actor,
    provider: Provider,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None = None,
    standard: str = "",
    house_rules: str = "",
    price_per_night: Decimal | None = None,
    approved_for_children: bool = False,
) -> QualityAgreement:
    """Add a dated version of the provider's agreement; versions may not overlap, so
    a new version starts after the previous one ends."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, provider)
    errors: dict[str, list[Any]] = {}
    if valid_from is None:
        errors.setdefault("valid_from", []).append(ERROR_REQUIRED)
    if valid_from and valid_to and valid_to < valid_from:
        errors.setdefault("valid_to", []).append(ERROR_ENDS_BEFORE)
    if not standard.strip():
        errors.setdefault("standard", []).append(ERROR_REQUIRED)
    if price_per_night is None or price_per_night < 0:
        errors.setdefault("price_per_night", []).append(ERROR_PRICE)
    if valid_from and "valid_to" not in errors:
        overlapping = provider.agreements.filter(
            **({"valid_from__lte": valid_to} if valid_to else {})
        ).exclude(valid_to__lt=valid_from)
        if overlapping.exists():
            errors.setdefault("valid_from", []).append(ERROR_OVERLAP)
    _raise(errors)
    fields = {
        "valid_from": valid_from,
        "valid_to": valid_to,
        "standard": standard.strip(),
        "house_rules": house_rules.strip(),
        "price_per_night": price_per_night,
        "approved_for_children": approved_for_children,
    }
    with transaction.atomic():
        agreement = QualityAgreement.objects.create(
            provider=provider, created_by=actor.user, **fields
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=agreement,
            municipality=actor.municipality,
            changes={k: _plain(v) for k, v in fields.items()},
        )
    return agreement


def inspection_add(
    *,
    actor: Actor,
    provider: Provider,
    inspected_on: datetime.date | None,
    result: str,
    note: str = "",
) -> Inspection:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, provider)
    errors: dict[str, list[Any]] = {}
    if inspected_on is None:
        errors.setdefault("inspected_on", []).append(ERROR_REQUIRED)
    elif inspected_on > timezone.localdate():
        errors.setdefault("inspected_on", []).append(ERROR_FUTURE)
    if result not in InspectionResult.values:
        errors.setdefault("result", []).append(ERROR_RESULT)
    _raise(errors)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            provider=provider,
            inspected_on=inspected_on,
            result=result,
            note=note.strip(),
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=inspection,
            municipality=actor.municipality,
            changes={"inspected_on": _plain(inspected_on), "result": result},
        )
    return inspection
