"""Writes of the early-warning signals and of the eviction-prevention workflow:
rent arrears (by hand or from the rent ledger, all or nothing), complaints, and
the steps taken (contact, payment plan, referral, outcome).

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, Municipality
from boligtorg.core.permissions import Actor, require_role
from boligtorg.housing.models import Dwelling, Lease
from boligtorg.housing.services import ImportRejected, ImportRow, RowError

from ..access import RULES_ROLES, WARNING_WRITE_ROLES
from ..models import (
    ArrearsEntry,
    ArrearsSource,
    Complaint,
    PreventionCase,
    PreventionOutcome,
    Referral,
    RiskRules,
)

ERROR_IN_FUTURE = _("The date cannot be after today.")
ERROR_BEFORE_LEASE = _("The date is before the lease started.")
ERROR_NEGATIVE = _("The amount cannot be negative.")
ERROR_SUMMARY_REQUIRED = _("Say what the complaint is about.")
ERROR_ALREADY_OPEN = _("This tenancy already has an open eviction-prevention case.")
ERROR_CLOSED = _("This eviction-prevention case is closed.")
ERROR_STALE = _("Someone else saved this case in the meantime. Reload the page and try again.")
ERROR_BEFORE_OPENED = _("The date cannot be before the case was opened.")
ERROR_INSTALMENT = _("Give an instalment above zero.")
ERROR_PLAN_DATES = _("Give the date the payment plan was agreed.")
ERROR_PLAN_UNTIL = _("The payment plan must end after it was agreed.")
ERROR_REFERRAL_DATE = _("Give the date of the referral.")
ERROR_OUTCOME_DATE = _("Give the date the case was closed.")
ERROR_UNKNOWN_DWELLING = _("No dwelling with this address and unit number.")
ERROR_NO_LEASE = _("The dwelling had no lease on this date.")
ERROR_TWICE = _("The same dwelling and date are already on line %(line)s.")


def _require_writer(actor: Actor, lease: Lease) -> None:
    require_role(actor, *WARNING_WRITE_ROLES)
    if lease.municipality_id != getattr(actor.municipality, "pk", None):
        raise PermissionDenied


def risk_rules_for(municipality: Municipality, on: datetime.date) -> RiskRules:
    """The rules valid on ``on``; the defaults are created the first time a
    municipality needs them (valid from the start of that year)."""
    rules = (
        RiskRules.objects.filter(municipality=municipality, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )
    if rules is None:
        rules, _created = RiskRules.objects.get_or_create(
            municipality=municipality, valid_from=on.replace(month=1, day=1)
        )
    return rules


def _arrears_errors(
    lease: Lease, as_of: datetime.date, amount: Decimal, today: datetime.date
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if as_of > today:
        errors["as_of"] = ERROR_IN_FUTURE
    elif as_of < lease.start:
        errors["as_of"] = ERROR_BEFORE_LEASE
    if amount < 0:
        errors["amount"] = ERROR_NEGATIVE
    return errors


def arrears_record(
    *,
    actor: Actor,
    lease: Lease,
    as_of: datetime.date,
    amount: Decimal,
    today: datetime.date | None = None,
) -> ArrearsEntry:
    """Register the rent owed on a day by hand (zero when the arrears are cleared).
    A second entry for the same day replaces the first."""
    _require_writer(actor, lease)
    errors = _arrears_errors(lease, as_of, amount, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry, created = ArrearsEntry.objects.update_or_create(
            lease=lease,
            as_of=as_of,
            defaults={
                "municipality_id": lease.municipality_id,
                "amount": amount,
                "source": ArrearsSource.MANUAL,
                "recorded_by": actor.user,
            },
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=entry,
            changes={"amount": [None, str(amount)]},
        )
    return entry


def _running_lease(leases: Sequence[Lease], day: datetime.date) -> Lease | None:
    for lease in leases:
        ends = lease.terminated_on or lease.end
        if lease.start <= day <= ends:
            return lease
    return None


def arrears_import(
    *,
    actor: Actor,
    rows: Sequence[ImportRow],
    read_errors: Sequence[RowError] = (),
    today: datetime.date | None = None,
) -> int:
    """Import the rent ledger: each row names a dwelling (address and unit number),
    a day and the rent owed then. Every row is checked first; with any error
    nothing is written and ``ImportRejected`` lists each bad row and column.
    ``read_errors`` are the cells the reader could not parse, reported with the
    rest. Importing the same ledger again changes nothing (one entry per lease
    and day)."""
    require_role(actor, *WARNING_WRITE_ROLES)
    today = today or timezone.localdate()
    dwellings = {
        (d.address.casefold(), d.unit_number): d
        for d in Dwelling.objects.filter(municipality=actor.municipality)
    }
    leases: dict[int, list[Lease]] = {}
    for lease in Lease.objects.filter(municipality=actor.municipality).order_by("start"):
        leases.setdefault(lease.dwelling_id, []).append(lease)
    errors: list[RowError] = list(read_errors)
    matched: list[tuple[Lease, datetime.date, Decimal]] = []
    seen: dict[tuple[int, datetime.date], int] = {}
    for row in rows:
        values = row.values
        # A cell that did not parse is missing here; its error is the reader's.
        key_of_dwelling = (values.get("address", "").casefold(), values.get("unit_number"))
        dwelling = dwellings.get(key_of_dwelling)
        as_of, amount = values.get("as_of"), values.get("amount")
        if dwelling is None:
            if None not in key_of_dwelling:
                errors.append(RowError(row.line, "unit_number", str(ERROR_UNKNOWN_DWELLING)))
            continue
        lease = _running_lease(leases.get(dwelling.pk, []), as_of) if as_of else None
        if as_of and lease is None:
            errors.append(RowError(row.line, "as_of", str(ERROR_NO_LEASE)))
        if lease is None or as_of is None or amount is None:
            continue
        for field, message in _arrears_errors(lease, as_of, amount, today).items():
            errors.append(RowError(row.line, field, str(message)))
        key = (lease.pk, as_of)
        if key in seen:
            errors.append(RowError(row.line, "as_of", str(ERROR_TWICE % {"line": seen[key]})))
        seen.setdefault(key, row.line)
        matched.append((lease, as_of, amount))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.line, e.column)))
    with transaction.atomic():
        existing = {
            (e.lease_id, e.as_of): e
            for e in ArrearsEntry.objects.filter(
                lease_id__in={lease.pk for lease, _day, _amount in matched},
                as_of__in={day for _lease, day, _amount in matched},
            )
        }
        new: list[ArrearsEntry] = []
        changed: list[ArrearsEntry] = []
        for lease, as_of, amount in matched:
            entry = existing.get((lease.pk, as_of))
            if entry is None:
                new.append(
                    ArrearsEntry(
                        municipality_id=lease.municipality_id,
                        lease=lease,
                        as_of=as_of,
                        amount=amount,
                        source=ArrearsSource.IMPORT,
                        recorded_by=actor.user,
                    )
                )
            elif entry.amount != amount:
                entry.amount = amount
                entry.source = ArrearsSource.IMPORT
                changed.append(entry)
        ArrearsEntry.objects.bulk_create(new, batch_size=1000)
        ArrearsEntry.objects.bulk_update(changed, ["amount", "source"], batch_size=1000)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            municipality=actor.municipality,
            changes={"rent_ledger_import": [None, {"new": len(new), "changed": len(changed)}]},
        )
    return len(new) + len(changed)


def complaint_record(
    *,
    actor: Actor,
    lease: Lease,
    received_on: datetime.date,
    source: str,
    summary: str,
    today: datetime.date | None = None,
) -> Complaint:
    _require_writer(actor, lease)
    errors: dict[str, Any] = {}
    if received_on > (today or timezone.localdate()):
        errors["received_on"] = ERROR_IN_FUTURE
    elif received_on < lease.start:
        errors["received_on"] = ERROR_BEFORE_LEASE
    if not summary.strip():
        errors["summary"] = ERROR_SUMMARY_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            municipality_id=lease.municipality_id,
            lease=lease,
            received_on=received_on,
            source=source,
            summary=summary.strip(),
            recorded_by=actor.user,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=complaint)
    return complaint


def prevention_open(
    *,
    actor: Actor,
    lease: Lease,
    opened_on: datetime.date,
    reason: str = "",
    today: datetime.date | None = None,
) -> PreventionCase:
    """Open the eviction-prevention workflow of a tenancy (one open at a time)."""
    _require_writer(actor, lease)
    if opened_on > (today or timezone.localdate()):
        raise ValidationError({"opened_on": ERROR_IN_FUTURE})
    try:
        with transaction.atomic():
            case = PreventionCase.objects.create(
                municipality_id=lease.municipality_id,
                lease=lease,
                opened_on=opened_on,
                reason=reason.strip(),
                opened_by=actor.user,
            )
            audit_record(actor=actor, action=AuditAction.CREATE, obj=case)
    except IntegrityError as exc:
        raise ValidationError(ERROR_ALREADY_OPEN) from exc
    return case


PREVENTION_FIELDS = (
    "contact_made_on",
    "payment_plan_agreed_on",
    "payment_plan_monthly",
    "payment_plan_until",
    "payment_plan_broken_on",
    "referral",
    "referred_on",
    "outcome",
    "closed_on",
    "notes",
)


# The days something happened: recorded once it has, so never after today. The
# other date, ``payment_plan_until``, is the end the plan was agreed to run to and
# lies ahead while the plan runs.
PREVENTION_EVENT_DATES = frozenset(
    {
        "contact_made_on",
        "payment_plan_agreed_on",
        "payment_plan_broken_on",
        "referred_on",
        "closed_on",
    }
)


def _prevention_errors(
    case: PreventionCase, values: dict[str, Any], today: datetime.date
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for field in PREVENTION_FIELDS:
        day = values.get(field)
        if isinstance(day, datetime.date):
            if field in PREVENTION_EVENT_DATES and day > today:
                errors[field] = ERROR_IN_FUTURE
            elif day < case.opened_on:
                errors[field] = ERROR_BEFORE_OPENED
    instalment = values.get("payment_plan_monthly")
    agreed = values.get("payment_plan_agreed_on")
    if instalment is not None and instalment <= 0:
        errors["payment_plan_monthly"] = ERROR_INSTALMENT
    if (instalment is not None or values.get("payment_plan_until")) and agreed is None:
        errors.setdefault("payment_plan_agreed_on", ERROR_PLAN_DATES)
    until = values.get("payment_plan_until")
    if agreed and until and until <= agreed:
        errors["payment_plan_until"] = ERROR_PLAN_UNTIL
    if values.get("referral") and not values.get("referred_on"):
        errors.setdefault("referred_on", ERROR_REFERRAL_DATE)
    if values.get("outcome") and not values.get("closed_on"):
        errors.setdefault("closed_on", ERROR_OUTCOME_DATE)
    return errors


def prevention_update(
    *,
    actor: Actor,
    case: PreventionCase,
    version: int,
    today: datetime.date | None = None,
    **values: Any,
) -> PreventionCase:
    """Record the steps of the workflow: contact made, the payment plan (and when
    it was broken), the referral to NAV or financial advice, and the outcome. An
    outcome closes the case. ``version`` is the one the form was read at."""
    _require_writer(actor, case.lease)
    unknown = set(values) - set(PREVENTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values.setdefault("referral", Referral.NONE)
    values.setdefault("outcome", PreventionOutcome.ONGOING)
    errors = _prevention_errors(case, values, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = PreventionCase.objects.select_for_update().get(pk=case.pk)
        if current.closed_on is not None:
            raise ValidationError(ERROR_CLOSED)
        if current.version != version:
            raise ValidationError(ERROR_STALE)
        before = {field: str(getattr(current, field) or "") for field in PREVENTION_FIELDS}
        for field in PREVENTION_FIELDS:
            if field in values:
                setattr(current, field, values[field])
        current.version += 1
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(
                before, {field: str(getattr(current, field) or "") for field in PREVENTION_FIELDS}
            ),
        )
    return current


RULE_FIELDS = (
    "points_per_month_in_arrears",
    "arrears_months_cap",
    "payment_plan_relief_percent",
    "points_per_complaint",
    "points_per_missed_visit",
    "window_days",
    "points_clause_due",
    "clause_due_days",
    "watch_from",
    "high_from",
)
ERROR_RULES_FROM = _("The new rules must start after %(date)s, when the current ones started.")
ERROR_HIGH_BELOW_WATCH = _("High risk cannot start below watch.")
ERROR_RELIEF = _("At most 100 %.")
ERROR_CAP = _("Count at least one month.")


def risk_rules_create(*, actor: Actor, valid_from: datetime.date, **weights: int) -> RiskRules:
    """New weights from ``valid_from``: the period before ends the day before, so
    periods never overlap and the score of a past day keeps its rules."""
    require_role(actor, *RULES_ROLES)
    unknown = set(weights) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    errors: dict[str, Any] = {}
    if weights.get("high_from", 0) < weights.get("watch_from", 0):
        errors["high_from"] = ERROR_HIGH_BELOW_WATCH
    if weights.get("payment_plan_relief_percent", 0) > 100:
        errors["payment_plan_relief_percent"] = ERROR_RELIEF
    if weights.get("arrears_months_cap", 1) < 1:
        errors["arrears_months_cap"] = ERROR_CAP
    with transaction.atomic():
        current = (
            RiskRules.objects.select_for_update()
            .filter(municipality=actor.municipality)
            .order_by("-valid_from")
            .first()
        )
        if current is not None and valid_from <= current.valid_from:
            errors["valid_from"] = ERROR_RULES_FROM % {"date": current.valid_from.isoformat()}
        if errors:
            raise ValidationError(errors)
        if current is not None:
            current.valid_to = valid_from - datetime.timedelta(days=1)
            current.save(update_fields=["valid_to"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=current,
                changes={"valid_to": [None, str(current.valid_to)]},
            )
        rules = RiskRules.objects.create(
            municipality=actor.municipality, valid_from=valid_from, **weights
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=rules,
            changes={field: [None, getattr(rules, field)] for field in RULE_FIELDS},
        )
    return rules
