"""Writes of the dated reference data: loading the defaults a new installation
starts from (``boligtorg.finance.defaults``), each row only when its country, kind
and date are not there yet, so an admin's own rows and edits are kept."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role

from ..access import REFERENCE_ROLES
from ..defaults import DEFAULTS, RATES
from ..models import FinanceRate, PriceLimit, RateName, ReferenceTable


def reference_defaults_ensure() -> int:
    """Create the default tables and rates that are missing; return how many."""
    made = 0
    with transaction.atomic():
        for row in DEFAULTS:
            _obj, created = ReferenceTable.objects.get_or_create(
                country=row["country"],
                kind=row["kind"],
                valid_from=datetime.date.fromisoformat(row["valid_from"]),
                defaults={"data": row["data"], "source": row["source"]},
            )
            made += created
        for row in RATES:
            _obj, created = FinanceRate.objects.get_or_create(
                country=row["country"],
                municipality=None,
                name=row["name"],
                valid_from=datetime.date.fromisoformat(row["valid_from"]),
                defaults={"percent": Decimal(row["percent"]), "source": row["source"]},
            )
            made += created
    return made


def finance_rate_set(
    *, actor: Actor, name: str, valid_from: datetime.date, percent: Decimal, source: str = ""
) -> FinanceRate:
    """The municipality's own rate of ``name`` from ``valid_from`` (its start-loan
    rates; a national rate it overrides), audited."""
    require_role(actor, *REFERENCE_ROLES)
    errors: dict[str, str] = {}
    if name not in RateName.values:
        errors["name"] = str(_("Choose a rate."))
    if not Decimal(0) <= percent <= Decimal(100):
        errors["percent"] = str(_("A rate is between 0 and 100 %."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rate, created = FinanceRate.objects.update_or_create(
            country=actor.municipality.country,
            municipality=actor.municipality,
            name=name,
            valid_from=valid_from,
            defaults={"percent": percent, "source": source.strip()[:300]},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=rate,
            municipality=actor.municipality,
            changes={"percent": [None, str(percent)]},
        )
    return rate


ERROR_PRICE_LIMIT_TAKEN = _("This area and household size already have a limit from this date.")


def price_limit_add(
    *,
    actor: Actor,
    area: str,
    household_size: int,
    max_price: Decimal,
    valid_from: datetime.date,
) -> PriceLimit:
    """A price limit of the municipality for a modest home (Husbanken's guidance:
    modest and reasonably priced); a fact for the assessment, never a refusal."""
    require_role(actor, *REFERENCE_ROLES)
    errors: dict[str, Any] = {}
    if household_size < 1:
        errors["household_size"] = _("A household has at least one person.")
    if max_price <= 0:
        errors["max_price"] = _("Give a price above zero.")
    area = area.strip()
    if PriceLimit.objects.filter(
        municipality=actor.municipality,
        area=area,
        household_size=household_size,
        valid_from=valid_from,
    ).exists():
        errors["valid_from"] = ERROR_PRICE_LIMIT_TAKEN
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        limit = PriceLimit.objects.create(
            municipality=actor.municipality,
            area=area,
            household_size=household_size,
            max_price=max_price,
            valid_from=valid_from,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=limit)
    return limit


def price_limit_delete(*, actor: Actor, limit: PriceLimit) -> None:
    require_role(actor, *REFERENCE_ROLES)
    if limit.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.DELETE, obj=limit)
        limit.delete()
