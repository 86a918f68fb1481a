"""Writes of the dated reference data: loading the defaults a new installation
starts from (``boligtorg.finance.defaults``), each row only when its country, kind
and date are not there yet, so an admin's own rows and edits are kept."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role

from ..access import REFERENCE_ROLES
from ..defaults import DEFAULTS, RATES
from ..models import FinanceRate, RateName, ReferenceTable


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
