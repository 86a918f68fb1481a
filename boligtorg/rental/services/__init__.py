"""Writes of the private rental work: landlords and their dwellings, guarantees, claims
and repayments. Every write is audited; every rule error is reported at once, keyed by
field (``ValidationError``); messages are the module's ``ERROR_`` constants.

Rules: ``boligtorg.domain.rental`` (a claim within the guarantee's term and never above
what remains of its amount); the municipality's maximum amount is dated data
(``GuaranteeLimit``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Household
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Membership
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import rental as rules

from ..access import WRITE_ROLES
from ..models import (
    Claim,
    ClaimStatus,
    Guarantee,
    GuaranteeKind,
    GuaranteeLimit,
    Landlord,
    LandlordDwelling,
    LandlordKind,
    Repayment,
)

ERROR_REQUIRED = _("This field is required.")
ERROR_KIND = _("Choose a kind from the list.")
ERROR_ORG_NUMBER = _("A company needs its organisation number (9 digits).")
ERROR_CONTACT_PERSON = _("Choose a staff member of this municipality.")
ERROR_POSITIVE = _("Give an amount above 0.")
ERROR_BEDROOMS = _("Give the number of bedrooms (0 or more).")
ERROR_TERM_ORDER = _("The term cannot end before it starts.")
ERROR_OVER_LIMIT = _("The amount is over the municipality's maximum of %(limit)s.")
ERROR_APPLICATION_HOUSEHOLD = _("The case belongs to another household.")
ERROR_ALREADY_ENDED = _("The guarantee has already ended.")
ERROR_END_BEFORE_START = _("The guarantee cannot end before it started.")
ERROR_CLAIM_LATE = _("The claim must be received from %(start)s to %(deadline)s.")
ERROR_CLAIM_OVER_REMAINING = _("The claim is above what remains of the guarantee (%(left)s).")
ERROR_FUTURE = _("The date cannot be after today.")
ERROR_DECISION = _("Choose pay or refuse.")
ERROR_ALREADY_DECIDED = _("The claim has already been decided.")
ERROR_REASON = _("Give the reason for the refusal.")
ERROR_PAID_OVER = _("The amount paid cannot be more than %(most)s.")
ERROR_NOT_PAID = _("Only a paid claim can be repaid.")
ERROR_REPAID_OVER = _("The repayment cannot be more than what is owed (%(owed)s).")


class Errors(dict):
    def add(self, field: str, message: Any) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def _changes(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: str(getattr(obj, f)) for f in fields}


def _positive(errors: Errors, field: str, value: Decimal | None) -> None:
    if value is None:
        errors.add(field, ERROR_REQUIRED)
    elif value <= 0:
        errors.add(field, ERROR_POSITIVE)


def limit_for(municipality: Any, kind: str, on: datetime.date) -> Decimal | None:
    """The municipality's maximum amount of a guarantee of ``kind`` in force on ``on``."""
    row = (
        GuaranteeLimit.objects.filter(municipality=municipality, kind=kind, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )
    return row.max_amount if row else None


def landlord_create(
    actor: Actor,
    *,
    name: str,
    kind: str,
    contact_person: Any,
    org_number: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    note: str = "",
) -> Landlord:
    require_role(actor, *WRITE_ROLES)
    errors = Errors()
    if not (name or "").strip():
        errors.add("name", ERROR_REQUIRED)
    if kind not in LandlordKind.values:
        errors.add("kind", ERROR_KIND)
    org_number = (org_number or "").replace(" ", "")
    if kind == LandlordKind.COMPANY and not (len(org_number) == 9 and org_number.isdigit()):
        errors.add("org_number", ERROR_ORG_NUMBER)
    if (
        contact_person is None
        or not Membership.objects.filter(
            user=contact_person, municipality=actor.municipality, is_active=True
        ).exists()
    ):
        errors.add("contact_person", ERROR_CONTACT_PERSON)
    errors.raise_if_any()
    landlord = Landlord.objects.create(
        municipality=actor.municipality,
        name=name.strip(),
        kind=kind,
        org_number=org_number if kind == LandlordKind.COMPANY else "",
        contact_name=contact_name,
        phone=phone,
        email=email,
        contact_person=contact_person,
        note=note,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=landlord,
        changes=_changes(landlord, ("name", "kind")),
    )
    return landlord


def landlord_dwelling_add(
    actor: Actor,
    landlord: Landlord,
    *,
    address: str,
    bedrooms: int | None,
    monthly_rent: Decimal | None,
    available_from: datetime.date | None = None,
) -> LandlordDwelling:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, landlord)
    errors = Errors()
    if not (address or "").strip():
        errors.add("address", ERROR_REQUIRED)
    if bedrooms is None or bedrooms < 0:
        errors.add("bedrooms", ERROR_BEDROOMS)
    _positive(errors, "monthly_rent", monthly_rent)
    errors.raise_if_any()
    dwelling = LandlordDwelling.objects.create(
        municipality=actor.municipality,
        landlord=landlord,
        address=address.strip(),
        bedrooms=bedrooms,
        monthly_rent=monthly_rent,
        available_from=available_from,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=dwelling,
        changes=_changes(dwelling, ("address", "bedrooms", "monthly_rent")),
    )
    return dwelling


def guarantee_issue(
    actor: Actor,
    *,
    kind: str,
    household: Household | None,
    landlord: Landlord | None,
    amount: Decimal | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    lease_address: str,
    application: Application | None = None,
) -> Guarantee:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, household, landlord, application)
    errors = Errors()
    if kind not in GuaranteeKind.values:
        errors.add("kind", ERROR_KIND)
    if household is None:
        errors.add("household", ERROR_REQUIRED)
    elif application is not None and application.household_id != household.pk:
        errors.add("application", ERROR_APPLICATION_HOUSEHOLD)
    if landlord is None:
        errors.add("landlord", ERROR_REQUIRED)
    _positive(errors, "amount", amount)
    if starts_on is None:
        errors.add("starts_on", ERROR_REQUIRED)
    if ends_on is None:
        errors.add("ends_on", ERROR_REQUIRED)
    elif starts_on is not None and ends_on < starts_on:
        errors.add("ends_on", ERROR_TERM_ORDER)
    if not (lease_address or "").strip():
        errors.add("lease_address", ERROR_REQUIRED)
    if amount is not None and amount > 0 and kind in GuaranteeKind.values and starts_on:
        limit = limit_for(actor.municipality, kind, starts_on)
        if not rules.within_limit(amount, limit):
            errors.add("amount", ERROR_OVER_LIMIT % {"limit": limit})
    errors.raise_if_any()
    guarantee = Guarantee.objects.create(
        municipality=actor.municipality,
        kind=kind,
        household=household,
        application=application,
        landlord=landlord,
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on,
        lease_address=lease_address.strip(),
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=guarantee,
        changes=_changes(guarantee, ("kind", "amount", "starts_on", "ends_on", "lease_address")),
    )
    return guarantee


def guarantee_end(
    actor: Actor, guarantee: Guarantee, *, ended_on: datetime.date | None
) -> Guarantee:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, guarantee)
    errors = Errors()
    with transaction.atomic():
        guarantee = Guarantee.objects.select_for_update().get(pk=guarantee.pk)
        if guarantee.ended_on is not None:
            errors.add("ended_on", ERROR_ALREADY_ENDED)
        elif ended_on is None:
            errors.add("ended_on", ERROR_REQUIRED)
        elif ended_on < guarantee.starts_on:
            errors.add("ended_on", ERROR_END_BEFORE_START)
        errors.raise_if_any()
        guarantee.ended_on = ended_on
        guarantee.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=guarantee,
            changes={"ended_on": str(ended_on)},
        )
    return guarantee


def paid_amounts(guarantee: Guarantee) -> list[Decimal]:
    return list(
        guarantee.claims.filter(status=ClaimStatus.PAID).values_list("amount_paid", flat=True)
    )


def remaining_of(guarantee: Guarantee) -> Decimal:
    return rules.remaining(guarantee.amount, paid_amounts(guarantee))


def claim_register(
    actor: Actor,
    guarantee: Guarantee,
    *,
    received_on: datetime.date | None,
    amount_claimed: Decimal | None,
    months_after_end: int = rules.CLAIM_MONTHS_AFTER_END,
) -> Claim:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, guarantee)
    errors = Errors()
    with transaction.atomic():
        guarantee = Guarantee.objects.select_for_update().get(pk=guarantee.pk)
        if received_on is None:
            errors.add("received_on", ERROR_REQUIRED)
        elif received_on > timezone.localdate():
            errors.add("received_on", ERROR_FUTURE)
        else:
            term_end = min(guarantee.ends_on, guarantee.ended_on or guarantee.ends_on)
            if not rules.claim_in_time(
                received_on, guarantee.starts_on, term_end, months_after_end
            ):
                errors.add(
                    "received_on",
                    ERROR_CLAIM_LATE
                    % {
                        "start": guarantee.starts_on,
                        "deadline": rules.claim_deadline(term_end, months_after_end),
                    },
                )
        _positive(errors, "amount_claimed", amount_claimed)
        if amount_claimed is not None and amount_claimed > 0:
            left = remaining_of(guarantee)
            if amount_claimed > left:
                errors.add("amount_claimed", ERROR_CLAIM_OVER_REMAINING % {"left": left})
        errors.raise_if_any()
        claim = Claim.objects.create(
            municipality=actor.municipality,
            guarantee=guarantee,
            received_on=received_on,
            amount_claimed=amount_claimed,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=claim,
            changes=_changes(claim, ("received_on", "amount_claimed")),
        )
    return claim


def claim_decide(
    actor: Actor,
    claim: Claim,
    *,
    decision: str,
    checked_on: datetime.date | None = None,
    amount_paid: Decimal | None = None,
    refusal_reason: str = "",
) -> Claim:
    """Pay (at most the claim and what remains of the guarantee) or refuse with a reason."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, claim)
    errors = Errors()
    with transaction.atomic():
        Guarantee.objects.select_for_update().get(pk=claim.guarantee_id)
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.status != ClaimStatus.RECEIVED:
            errors.add("decision", ERROR_ALREADY_DECIDED)
        elif decision not in (ClaimStatus.PAID, ClaimStatus.REFUSED):
            errors.add("decision", ERROR_DECISION)
        if checked_on is None:
            errors.add("checked_on", ERROR_REQUIRED)
        elif checked_on > timezone.localdate():
            errors.add("checked_on", ERROR_FUTURE)
        if decision == ClaimStatus.PAID:
            _positive(errors, "amount_paid", amount_paid)
            most = rules.payable(
                claim.amount_claimed, claim.guarantee.amount, paid_amounts(claim.guarantee)
            )
            if amount_paid is not None and amount_paid > most:
                errors.add("amount_paid", ERROR_PAID_OVER % {"most": most})
        elif decision == ClaimStatus.REFUSED and not (refusal_reason or "").strip():
            errors.add("refusal_reason", ERROR_REASON)
        errors.raise_if_any()
        claim.status = decision
        claim.checked_on = checked_on
        claim.decided_by = actor.user
        if decision == ClaimStatus.PAID:
            claim.amount_paid = amount_paid
        else:
            claim.refusal_reason = refusal_reason.strip()
        claim.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=claim,
            changes=_changes(claim, ("status", "checked_on", "amount_paid", "refusal_reason")),
        )
    return claim


def repayment_record(
    actor: Actor, claim: Claim, *, paid_on: datetime.date | None, amount: Decimal | None
) -> Repayment:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, claim)
    errors = Errors()
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.status != ClaimStatus.PAID:
            errors.add("claim", ERROR_NOT_PAID)
        if paid_on is None:
            errors.add("paid_on", ERROR_REQUIRED)
        elif paid_on > timezone.localdate():
            errors.add("paid_on", ERROR_FUTURE)
        _positive(errors, "amount", amount)
        if claim.status == ClaimStatus.PAID and amount is not None and amount > 0:
            owed = claim.amount_paid - sum(
                claim.repayments.values_list("amount", flat=True), Decimal(0)
            )
            if amount > owed:
                errors.add("amount", ERROR_REPAID_OVER % {"owed": owed})
        errors.raise_if_any()
        repayment = Repayment.objects.create(
            municipality=actor.municipality, claim=claim, paid_on=paid_on, amount=amount
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=repayment,
            changes=_changes(repayment, ("paid_on", "amount")),
        )
    return repayment
