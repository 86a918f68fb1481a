"""Writes of a Danish deposit loan (indskudslån): registering the application with
the applicant's household, the decision with the rules' check, payout, the start of
repayment and closing.

The decision runs ``deposit_loan_check`` (lov om individuel boligstøtte ch. 10) with
the dated table "deposit_loan" in force on the decision day; its errors become field
errors, and the decision stores the check's figures. Error messages are the module's
``ERROR_`` constants; tests assert them verbatim. Every write is audited.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.services.applications import applicant_find_or_register
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.financing.deposit import DepositLoanCheck, deposit_loan_check
from boligtorg.domain.financing.loaders import deposit_loan_rules_from_data

from ..access import DECIDE_ROLES, WRITE_ROLES, require_same
from ..models import (
    DepositLoan,
    DepositLoanCounter,
    DepositLoanOutcome,
    DepositLoanStatus,
    DwellingKind,
    ReferenceTable,
)
from ..models.deposit import DEPOSIT_TRANSITIONS
from ..selectors.reference import table_on
from .cases import ERROR_AMOUNT_NEGATIVE, ERROR_RECEIVED_FUTURE

ERROR_OPEN_LOAN = _("This household already has an open deposit loan: %(number)s.")
ERROR_ADDRESS = _("Give the address of the dwelling.")
ERROR_ORGANISATION = _("Give the housing organisation.")
ERROR_KIND = _("Choose the kind of dwelling.")
ERROR_NO_RULES = _("There are no deposit-loan rules for this day. Enter the year's table first.")
ERROR_DECISION_REASONS = _("Write the reasons for the decision.")
ERROR_OUTCOME = _("Choose granted or refused.")
ERROR_DECIDED_FUTURE = _("The decision date cannot be after today.")
ERROR_DECIDED_BEFORE = _("The decision date cannot be before the application was received.")
ERROR_TRANSITION = _("A deposit loan that is %(current)s cannot become %(target)s.")
ERROR_NOT_GRANTED = _("Only a granted deposit loan can be paid out.")
ERROR_DATE_FUTURE = _("The date cannot be after today.")
ERROR_PAID_BEFORE = _("The payout date cannot be before the decision.")
ERROR_CLOSING_NOTE = _("Say why the deposit loan is closed.")

FACT_FIELDS = ("deposit", "yearly_income", "children", "dwelling_kind", "disposable_means")
OPEN = (DepositLoanStatus.RECEIVED, DepositLoanStatus.DECIDED, DepositLoanStatus.PAID_OUT)


def _next_number(municipality: Any, year: int) -> str:
    counter, _created = DepositLoanCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"I{year}-{counter.last:04d}"


def _status_label(status: str) -> str:
    return str(dict(DepositLoanStatus.choices).get(status, status)).lower()


def _transition(loan: DepositLoan, target: str) -> None:
    if target not in DEPOSIT_TRANSITIONS[loan.status]:
        raise ValidationError(
            ERROR_TRANSITION
            % {"current": _status_label(loan.status), "target": _status_label(target)}
        )
    loan.status = target


def _fact_errors(facts: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for name in ("deposit", "yearly_income", "disposable_means"):
        value = facts.get(name)
        if value is not None and value < 0:
            errors[name] = ERROR_AMOUNT_NEGATIVE
    if "dwelling_kind" in facts and facts["dwelling_kind"] not in DwellingKind.values:
        errors["dwelling_kind"] = ERROR_KIND
    return errors


def deposit_rules_on(municipality: Any, on: datetime.date) -> tuple[Any, ReferenceTable] | None:
    """The deposit-loan rules of the municipality's country in force on ``on`` and
    the table row they come from; None when there is no table yet."""
    found = table_on(country=municipality.country, kind="deposit_loan", on=on)
    if found is None:
        return None
    data, row = found
    return deposit_loan_rules_from_data(data, valid_from=row.valid_from), row


def deposit_check(loan: DepositLoan, on: datetime.date) -> tuple[DepositLoanCheck, Any] | None:
    """The rules' check of ``loan``'s facts on ``on``, with the table row; None
    without rules."""
    found = deposit_rules_on(loan.municipality, on)
    if found is None:
        return None
    rules, row = found
    check = deposit_loan_check(
        rules,
        deposit=Decimal(loan.deposit),
        yearly_income=Decimal(loan.yearly_income),
        children=loan.children,
        dwelling_kind=loan.dwelling_kind,
        disposable_means=Decimal(loan.disposable_means),
    )
    return check, row


def deposit_loan_register(
    *,
    actor: Actor,
    received_on: datetime.date,
    dwelling_address: str,
    housing_organisation: str,
    dwelling_kind: str,
    deposit: Decimal,
    yearly_income: Decimal,
    children: int = 0,
    disposable_means: Decimal = Decimal(0),
    national_id: str = "",
    first_name: str = "",
    last_name: str = "",
    date_of_birth: datetime.date | None = None,
) -> DepositLoan:
    """Register an application for a deposit loan. The applicant is found by CPR
    number (the main applicant of a registered household) or registered with a new
    household. A household has one open deposit loan at a time."""
    require_role(actor, *WRITE_ROLES)
    errors = _fact_errors(
        {
            "deposit": deposit,
            "yearly_income": yearly_income,
            "disposable_means": disposable_means,
            "dwelling_kind": dwelling_kind,
        }
    )
    if received_on > timezone.localdate():
        errors["received_on"] = ERROR_RECEIVED_FUTURE
    if not dwelling_address.strip():
        errors["dwelling_address"] = ERROR_ADDRESS
    if not housing_organisation.strip():
        errors["housing_organisation"] = ERROR_ORGANISATION
    with transaction.atomic():
        try:
            person, household = applicant_find_or_register(
                actor,
                national_id=national_id,
                first_name=first_name,
                last_name=last_name,
                date_of_birth=date_of_birth,
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
            raise ValidationError(errors) from exc
        open_loan = (
            DepositLoan.objects.select_for_update()
            .filter(household=household, status__in=OPEN)
            .first()
        )
        if open_loan is not None:
            errors["national_id"] = ERROR_OPEN_LOAN % {"number": open_loan.number}
        if errors:
            raise ValidationError(errors)
        loan = DepositLoan.objects.create(
            municipality=actor.municipality,
            number=_next_number(actor.municipality, received_on.year),
            household=household,
            applicant=person,
            received_on=received_on,
            officer=actor.user,
            dwelling_address=dwelling_address.strip(),
            housing_organisation=housing_organisation.strip(),
            dwelling_kind=dwelling_kind,
            deposit=deposit,
            yearly_income=yearly_income,
            children=children,
            disposable_means=disposable_means,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=loan)
    return loan


def _locked(actor: Actor, loan: DepositLoan, *roles: str) -> DepositLoan:
    require_role(actor, *roles)
    require_same(actor, loan)
    current = DepositLoan.objects.select_for_update().get(pk=loan.pk)
    current.municipality = actor.municipality
    return current


def deposit_loan_decide(
    *,
    actor: Actor,
    loan: DepositLoan,
    outcome: str,
    decided_on: datetime.date,
    reasons: str,
    **facts: Any,
) -> DepositLoan:
    """Decide the application: the facts as the officer last corrected them are
    checked by the rules in force on ``decided_on``. A grant needs the check to
    pass (its errors are the fields' errors); a refusal stores the check's figures
    too, with the reasons. The decision stores the loan, own part, the
    municipality's share and the years without interest and instalments."""
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"not deposit-loan facts: {sorted(unknown)}")
    errors = _fact_errors(facts)
    if outcome not in DepositLoanOutcome.values:
        errors["outcome"] = ERROR_OUTCOME
    if not reasons.strip():
        errors["reasons"] = ERROR_DECISION_REASONS
    if decided_on > timezone.localdate():
        errors["decided_on"] = ERROR_DECIDED_FUTURE
    with transaction.atomic():
        current = _locked(actor, loan, *DECIDE_ROLES)
        _transition(current, DepositLoanStatus.DECIDED)
        if decided_on < current.received_on:
            errors["decided_on"] = ERROR_DECIDED_BEFORE
        for name, value in facts.items():
            setattr(current, name, value)
        found = None if errors else deposit_check(current, decided_on)
        if found is None and not errors:
            errors["decided_on"] = ERROR_NO_RULES
        if errors:
            raise ValidationError(errors)
        check, row = found
        if outcome == DepositLoanOutcome.GRANTED and check.errors:
            raise ValidationError(
                {name: gettext_now(message) for name, message in check.errors.items()}
            )
        current.outcome = outcome
        current.loan_amount = check.loan
        current.own_part = check.own_part
        current.municipality_share = check.municipality_share
        current.income_limit = check.income_limit
        current.interest_free_years = check.interest_free_years
        current.instalment_free_years = check.instalment_free_years
        current.rules_valid_from = row.valid_from
        current.rules_source = row.source[:300]
        current.reasons = reasons.strip()
        current.decided_by = actor.user
        current.decided_on = decided_on
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "outcome": [None, outcome],
                "loan_amount": [None, str(check.loan)],
                **{name: [None, str(value)] for name, value in facts.items()},
            },
        )
    return current


def deposit_loan_pay_out(
    *, actor: Actor, loan: DepositLoan, paid_out_on: datetime.date
) -> DepositLoan:
    """The granted loan is paid to the housing organisation as the deposit."""
    with transaction.atomic():
        current = _locked(actor, loan, *WRITE_ROLES)
        if not current.granted:
            raise ValidationError(ERROR_NOT_GRANTED)
        errors: dict[str, Any] = {}
        if paid_out_on > timezone.localdate():
            errors["paid_out_on"] = ERROR_DATE_FUTURE
        elif current.decided_on and paid_out_on < current.decided_on:
            errors["paid_out_on"] = ERROR_PAID_BEFORE
        if errors:
            raise ValidationError(errors)
        _transition(current, DepositLoanStatus.PAID_OUT)
        current.paid_out_on = paid_out_on
        current.save(update_fields=["status", "paid_out_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": ["decided", "paid_out"], "paid_out_on": [None, str(paid_out_on)]},
        )
    return current


def deposit_loan_start_repaying(*, actor: Actor, loan: DepositLoan) -> DepositLoan:
    """The years without instalments are over: the household repays the loan."""
    with transaction.atomic():
        current = _locked(actor, loan, *WRITE_ROLES)
        _transition(current, DepositLoanStatus.REPAYING)
        current.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": ["paid_out", "repaying"]},
        )
    return current


def deposit_loan_close(
    *, actor: Actor, loan: DepositLoan, note: str, closed_on: datetime.date | None = None
) -> DepositLoan:
    """Close the loan: repaid, written off, refused and done, or withdrawn before
    the decision; always with a note."""
    closed_on = closed_on or timezone.localdate()
    errors: dict[str, Any] = {}
    if not note.strip():
        errors["note"] = ERROR_CLOSING_NOTE
    if closed_on > timezone.localdate():
        errors["closed_on"] = ERROR_DATE_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(actor, loan, *WRITE_ROLES)
        before = current.status
        _transition(current, DepositLoanStatus.CLOSED)
        current.closed_on = closed_on
        current.closing_note = note.strip()
        current.save(update_fields=["status", "closed_on", "closing_note"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, "closed"]},
        )
    return current
