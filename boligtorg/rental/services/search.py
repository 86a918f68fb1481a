"""Writes of a household's search for a private rental; every write audited, every
rule error at once keyed by field."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Household
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role, require_same_municipality

from ..access import WRITE_ROLES
from ..models import FoundDwelling, Landlord, SearchCase, SearchOutcome, Viewing
from . import ERROR_APPLICATION_HOUSEHOLD, ERROR_FUTURE, ERROR_REQUIRED, Errors, _positive

ERROR_CLOSED = _("The search is closed.")
ERROR_OUTCOME = _("Choose how the search ended.")
ERROR_VIEWING_BEFORE_OPENED = _("The viewing cannot be before the search was opened.")


def search_case_open(
    actor: Actor,
    *,
    household: Household | None,
    needs: str,
    max_rent: Decimal | None,
    opened_on: datetime.date | None,
    application: Application | None = None,
) -> SearchCase:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, household, application)
    errors = Errors()
    if household is None:
        errors.add("household", ERROR_REQUIRED)
    elif application is not None and application.household_id != household.pk:
        errors.add("application", ERROR_APPLICATION_HOUSEHOLD)
    if not (needs or "").strip():
        errors.add("needs", ERROR_REQUIRED)
    _positive(errors, "max_rent", max_rent)
    if opened_on is None:
        errors.add("opened_on", ERROR_REQUIRED)
    elif opened_on > timezone.localdate():
        errors.add("opened_on", ERROR_FUTURE)
    errors.raise_if_any()
    search = SearchCase.objects.create(
        municipality=actor.municipality,
        household=household,
        application=application,
        needs=needs.strip(),
        max_rent=max_rent,
        opened_on=opened_on,
        created_by=actor.user,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=search)
    return search


def dwelling_found_add(
    actor: Actor,
    search: SearchCase,
    *,
    address: str,
    monthly_rent: Decimal | None,
    landlord: Landlord | None = None,
    landlord_name: str = "",
    advertised_where: str = "",
) -> FoundDwelling:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, search, landlord)
    errors = Errors()
    if search.outcome != SearchOutcome.OPEN:
        errors.add("address", ERROR_CLOSED)
    if not (address or "").strip():
        errors.add("address", ERROR_REQUIRED)
    _positive(errors, "monthly_rent", monthly_rent)
    errors.raise_if_any()
    found = FoundDwelling.objects.create(
        search=search,
        address=address.strip(),
        monthly_rent=monthly_rent,
        landlord=landlord,
        landlord_name=landlord_name,
        advertised_where=advertised_where,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=found, municipality=actor.municipality)
    return found


def viewing_record(
    actor: Actor,
    found: FoundDwelling,
    *,
    viewed_on: datetime.date | None,
    accompanied_by: str = "",
    note: str = "",
) -> Viewing:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, found.search)
    errors = Errors()
    if viewed_on is None:
        errors.add("viewed_on", ERROR_REQUIRED)
    elif viewed_on < found.search.opened_on:
        errors.add("viewed_on", ERROR_VIEWING_BEFORE_OPENED)
    errors.raise_if_any()
    viewing = Viewing.objects.create(
        search=found.search,
        dwelling=found,
        viewed_on=viewed_on,
        accompanied_by=accompanied_by,
        note=note,
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=viewing, municipality=actor.municipality
    )
    return viewing


def search_case_close(
    actor: Actor,
    search: SearchCase,
    *,
    outcome: str,
    outcome_on: datetime.date | None,
    followup_needed: bool = False,
) -> SearchCase:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, search)
    errors = Errors()
    if search.outcome != SearchOutcome.OPEN:
        errors.add("outcome", ERROR_CLOSED)
    elif outcome not in SearchOutcome.values or outcome == SearchOutcome.OPEN:
        errors.add("outcome", ERROR_OUTCOME)
    if outcome_on is None:
        errors.add("outcome_on", ERROR_REQUIRED)
    elif outcome_on > timezone.localdate():
        errors.add("outcome_on", ERROR_FUTURE)
    errors.raise_if_any()
    search.outcome = outcome
    search.outcome_on = outcome_on
    search.followup_needed = followup_needed
    search.save(update_fields=["outcome", "outcome_on", "followup_needed"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=search,
        changes={"outcome": outcome, "followup_needed": str(followup_needed)},
    )
    return search
