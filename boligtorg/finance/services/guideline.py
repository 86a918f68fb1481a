"""Writes of the municipality's start-loan guideline and its delegated decision
authority, each as a new dated row (a version is never overwritten).

Sources: forskrift om lån fra Husbanken § 9-1 (guidelines guide the discretion,
they may not bind it: ``boligtorg.domain.financing.guideline_errors`` names every
setting that would); Husbanken's guidance for start loans (the decision is made by
a person with delegated authority). Error messages are the module's ``ERROR_``
constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.financing import guideline_errors

from ..access import DECIDE_ROLES, REFERENCE_ROLES
from ..models import DecisionAuthority, StartLoanGuideline
from ..selectors.guideline import to_domain

ERROR_VERSION_TAKEN = _(
    "A version of the guideline already applies from this date; a version is never "
    "overwritten: give the new version its own date."
)
ERROR_TEXT_OR_DOCUMENT = _("Write the guideline's text or attach the adopted document.")
ERROR_ADOPTED_AFTER_VALID = _("The guideline cannot apply before it was adopted.")
ERROR_CASE_REFERENCE = _("Give the case reference of the adoption.")
ERROR_INCOME_CAP = _("Give an income cap above zero, or leave it empty.")

GUIDELINE_FIELDS = (
    "income_cap",
    "income_cap_absolute",
    "fifty_years",
    "fixed_rate",
    "deferral",
    "excludes_municipal_debt",
    "excludes_payment_remarks",
    "requires_citizenship",
    "excludes_non_eea",
    "residence_years",
    "residence_exceptions",
)


def guideline_version_add(
    *,
    actor: Actor,
    valid_from: datetime.date,
    adopted_on: datetime.date,
    case_reference: str,
    text: str = "",
    document: UploadedFile | None = None,
    **settings: Any,
) -> StartLoanGuideline:
    """A new version of the municipality's guideline from ``valid_from``, audited.
    Refuses, all at once and at the field, every setting that would bind the
    assessment (§ 9-1), with the reason in the user's language."""
    require_role(actor, *REFERENCE_ROLES)
    unknown = set(settings) - set(GUIDELINE_FIELDS)
    if unknown:
        raise TypeError(f"unknown guideline settings: {sorted(unknown)}")
    row = StartLoanGuideline(
        municipality=actor.municipality,
        valid_from=valid_from,
        adopted_on=adopted_on,
        case_reference=case_reference.strip()[:100],
        text=text.strip(),
        created_by=actor.user,
        **settings,
    )
    row.residence_exceptions = row.residence_exceptions.strip()
    errors: dict[str, Any] = {}
    if row.income_cap is not None and row.income_cap <= 0:
        errors["income_cap"] = ERROR_INCOME_CAP
    else:
        errors.update(
            {name: _(message) for name, message in guideline_errors(to_domain(row)).items()}
        )
    if not row.case_reference:
        errors["case_reference"] = ERROR_CASE_REFERENCE
    if adopted_on > valid_from:
        errors["valid_from"] = ERROR_ADOPTED_AFTER_VALID
    if not row.text and not document:
        errors["text"] = ERROR_TEXT_OR_DOCUMENT
    same_day = StartLoanGuideline.objects.filter(
        municipality=actor.municipality, valid_from=valid_from
    )
    if same_day.exists():
        errors.setdefault("valid_from", ERROR_VERSION_TAKEN)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if document:
            row.document.save(document.name, document, save=False)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as exc:  # the same date, raced
            raise ValidationError({"valid_from": ERROR_VERSION_TAKEN}) from exc
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            changes={
                "valid_from": [None, valid_from.isoformat()],
                "case_reference": [None, row.case_reference],
                **{
                    name: [None, str(getattr(row, name))]
                    for name in GUIDELINE_FIELDS
                    if getattr(row, name) not in (None, "", False)
                },
            },
        )
    return row


ERROR_AUTHORITY_ROLE = _("Only a loan officer or a manager decides financing cases.")
ERROR_AUTHORITY_OVERLAP = _(
    "The role already has authority on some of these days (from %(start)s). A new row "
    "starts after the one in force; it then ends the day before."
)
ERROR_AUTHORITY_ENDS_BEFORE = _("The end cannot be before the start.")
ERROR_AUTHORITY_NEGATIVE = _("A limit cannot be negative; leave it empty for no limit.")


def decision_authority_add(
    *,
    actor: Actor,
    role: str,
    valid_from: datetime.date,
    max_loan: Decimal | None = None,
    max_grant: Decimal | None = None,
    valid_to: datetime.date | None = None,
) -> DecisionAuthority:
    """The authority of ``role`` from ``valid_from`` (delegert vedtaksmyndighet),
    audited. A row in force with no end that started earlier is ended the day before
    (the new row replaces it from its date, the old one stays as history); any other
    overlap with the role's rows is refused."""
    require_role(actor, *REFERENCE_ROLES)
    errors: dict[str, Any] = {}
    if role not in DECIDE_ROLES:
        errors["role"] = ERROR_AUTHORITY_ROLE
    for name, limit in (("max_loan", max_loan), ("max_grant", max_grant)):
        if limit is not None and limit < 0:
            errors[name] = ERROR_AUTHORITY_NEGATIVE
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = ERROR_AUTHORITY_ENDS_BEFORE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rows = DecisionAuthority.objects.select_for_update().filter(
            municipality=actor.municipality, role=role
        )
        replaced = None
        for row in rows:
            ends = row.valid_to or datetime.date.max
            starts_after_new_ends = valid_to is not None and row.valid_from > valid_to
            if ends < valid_from or starts_after_new_ends:
                continue
            if row.valid_to is None and row.valid_from < valid_from and replaced is None:
                replaced = row
                continue
            raise ValidationError(
                {"valid_from": ERROR_AUTHORITY_OVERLAP % {"start": row.valid_from.isoformat()}}
            )
        if replaced is not None:
            replaced.valid_to = valid_from - datetime.timedelta(days=1)
            replaced.save(update_fields=["valid_to"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=replaced,
                changes={"valid_to": [None, replaced.valid_to.isoformat()]},
            )
        authority = DecisionAuthority.objects.create(
            municipality=actor.municipality,
            role=role,
            max_loan=max_loan,
            max_grant=max_grant,
            valid_from=valid_from,
            valid_to=valid_to,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=authority,
            changes={
                "max_loan": [None, None if max_loan is None else str(max_loan)],
                "max_grant": [None, None if max_grant is None else str(max_grant)],
                "valid_from": [None, valid_from.isoformat()],
            },
        )
    return authority
