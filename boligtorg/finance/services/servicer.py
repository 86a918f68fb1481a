"""Writes of the running loan: the hand-over of paid-out loans to the loan servicer,
the instalments the servicer reports missed (by hand, or its file all or nothing),
and the changes of terms decided for a household with payment problems.

Sources: Husbanken's guidance for start loans ("Betalingsproblemer": postponement,
interest added to the loan for at most 2.5 years in all; the servicer reports a
missed instalment within 14 days), in ``boligtorg.domain.financing.servicing``.
Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.finance_lifecycle import FinancingStatus as Status
from boligtorg.domain.financing.servicing import PERIOD_BACKWARDS, capitalisation_error
from boligtorg.housing.services import ImportRejected, ImportRow, RowError
from boligtorg.housing.transfer import Column, csv_lines, parse_date, parse_decimal, parse_rows

from ..access import WRITE_ROLES, require_same
from ..models import (
    FinancingCase,
    HandOver,
    HandOverLoan,
    MissedInstalment,
    MissedSource,
    Payout,
    TermsChange,
    TermsChangeKind,
)
from .decisions import MAX_YEARS, granted_decision

ERROR_NOTHING_TO_HAND_OVER = _("There are no paid-out loans waiting to be handed over.")
ERROR_NOT_RUNNING = _("This case has no paid-out start loan.")
ERROR_IN_FUTURE = _("The date cannot be after today.")
ERROR_REPORTED_BEFORE_DUE = _("The report cannot be before the due date.")
ERROR_AMOUNT = _("Give an amount above zero.")
ERROR_DUPLICATE = _("A missed instalment due on this date is already registered for this case.")
ERROR_TWICE_IN_FILE = _("The same case and due date are already on line %(line)s.")
ERROR_UNKNOWN_CASE = _("No financing case with this number.")
ERROR_EMPTY_FILE = _("The file has no missed instalments.")
ERROR_REASON = _("Give the reason for the change.")
ERROR_PERIOD_REQUIRED = _("Give the period.")
ERROR_YEARS_LONGER = _("The new term must be longer than today's %(years)s years.")
ERROR_YEARS_MAX = _("The term can be at most %(years)s years.")
ERROR_RATE_SAME = _("Choose another interest rate than today's.")
ERROR_RATE_REQUIRED = _("Choose the new interest rate.")
ERROR_BEFORE_PAYOUT = _("The date cannot be before the loan was paid out.")

MISSED_COLUMNS: tuple[Column, ...] = (
    Column("case_number", "case_number", str.strip, str, ("saksnummer", "sak", "case"), True),
    Column("due_date", "due_on", parse_date, str, ("forfallsdato", "forfall", "due"), True),
    Column(
        "amount_missed",
        "amount",
        parse_decimal(2),
        str,
        ("beløp", "belop", "amount", "ubetalt"),
        True,
    ),
    Column(
        "reported_date",
        "reported_on",
        parse_date,
        str,
        ("rapportert", "meldt", "reported", "reported_on"),
        True,
    ),
)


def read_missed_csv(data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    """The rows of the servicer's file (CSV with ``;`` or ``,``, English or
    Norwegian headers) and the cells that could not be read."""
    return parse_rows(csv_lines(data), MISSED_COLUMNS, ERROR_EMPTY_FILE)


# --- Hand-over -------------------------------------------------------------------


def loans_to_hand_over(municipality: Any) -> QuerySet[FinancingCase]:
    """Paid-out cases with a start loan that no hand-over holds yet."""
    return (
        FinancingCase.objects.filter(
            municipality=municipality,
            status=Status.PAID_OUT,
            handover__isnull=True,
        )
        .filter(Exists(Payout.objects.filter(case=OuterRef("pk"), loan_part__gt=0)))
        .order_by("number")
    )


def handover_create(*, actor: Actor) -> HandOver:
    """Put every paid-out loan not yet handed over into one new hand-over; its file is
    then the servicer's. Refused when there is none."""
    require_role(actor, *WRITE_ROLES)
    with transaction.atomic():
        cases = list(loans_to_hand_over(actor.municipality).select_for_update(of=("self",)))
        if not cases:
            raise ValidationError(ERROR_NOTHING_TO_HAND_OVER)
        handover = HandOver.objects.create(municipality=actor.municipality, created_by=actor.user)
        try:
            HandOverLoan.objects.bulk_create(
                [HandOverLoan(handover=handover, case=case) for case in cases]
            )
        except IntegrityError as exc:  # another officer handed the same loans over
            raise ValidationError(ERROR_NOTHING_TO_HAND_OVER) from exc
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=handover,
            changes={"cases": [None, [case.number for case in cases]]},
        )
    return handover


# --- Missed instalments ----------------------------------------------------------


def loan_paid_on(case: FinancingCase) -> datetime.date | None:
    """The day the last part of the start loan was paid out; None when no loan was."""
    last = Payout.objects.filter(case=case, loan_part__gt=0).order_by("-paid_on").first()
    return last.paid_on if last else None


def _running(case: FinancingCase) -> bool:
    return case.status in (Status.PAID_OUT, Status.CLOSED) and loan_paid_on(case) is not None


def _missed_errors(
    due_on: datetime.date, amount: Decimal, reported_on: datetime.date, today: datetime.date
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if due_on > today:
        errors["due_on"] = ERROR_IN_FUTURE
    if reported_on > today:
        errors["reported_on"] = ERROR_IN_FUTURE
    elif reported_on < due_on:
        errors["reported_on"] = ERROR_REPORTED_BEFORE_DUE
    if amount <= 0:
        errors["amount"] = ERROR_AMOUNT
    return errors


def missed_instalment_record(
    *,
    actor: Actor,
    case: FinancingCase,
    due_on: datetime.date,
    amount: Decimal,
    reported_on: datetime.date,
    today: datetime.date | None = None,
) -> MissedInstalment:
    """Register by hand an instalment the servicer reported missed."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    if not _running(case):
        raise ValidationError(ERROR_NOT_RUNNING)
    errors = _missed_errors(due_on, amount, reported_on, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            missed = MissedInstalment.objects.create(
                municipality=case.municipality,
                case=case,
                due_on=due_on,
                amount=amount,
                reported_on=reported_on,
                days_late=(reported_on - due_on).days,
                source=MissedSource.MANUAL,
                recorded_by=actor.user,
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=missed,
                changes={"due_on": [None, str(due_on)], "amount": [None, str(amount)]},
            )
    except IntegrityError as exc:
        raise ValidationError({"due_on": ERROR_DUPLICATE}) from exc
    return missed


# The file's column of each field, for the errors of a row.
_COLUMN_OF = {"due_on": "due_date", "amount": "amount_missed", "reported_on": "reported_date"}


def missed_instalments_import(
    *,
    actor: Actor,
    rows: Sequence[ImportRow],
    read_errors: Sequence[RowError] = (),
    today: datetime.date | None = None,
) -> int:
    """Import the servicer's file of missed instalments: each row names a case by
    its number, the due date, the amount missed and the day it was reported. Every
    row is checked first; with any error nothing is written and ``ImportRejected``
    lists each bad row and column (``read_errors`` are the reader's). A case and due
    date already registered, or twice in the file, is an error: the servicer's
    report of one instalment is registered once. Returns the rows written."""
    require_role(actor, *WRITE_ROLES)
    today = today or timezone.localdate()
    numbers = {row.values.get("case_number") for row in rows} - {None, ""}
    cases = {
        case.number: case
        for case in FinancingCase.objects.filter(
            municipality=actor.municipality, number__in=numbers
        )
    }
    paid = {
        entry["case"]: entry["total"]
        for entry in Payout.objects.filter(case__in=cases.values(), loan_part__gt=0)
        .values("case")
        .annotate(total=Sum("loan_part"))
    }
    existing = set(
        MissedInstalment.objects.filter(case__in=cases.values()).values_list("case_id", "due_on")
    )
    errors: list[RowError] = list(read_errors)
    matched: list[tuple[FinancingCase, datetime.date, Decimal, datetime.date]] = []
    seen: dict[tuple[int, datetime.date], int] = {}
    for row in rows:
        values = row.values
        number = values.get("case_number")
        case = cases.get(number) if number else None
        if number and case is None:
            errors.append(RowError(row.line, "case_number", str(ERROR_UNKNOWN_CASE)))
        elif case is not None and (
            case.status not in (Status.PAID_OUT, Status.CLOSED) or case.pk not in paid
        ):
            errors.append(RowError(row.line, "case_number", str(ERROR_NOT_RUNNING)))
            case = None
        due_on, amount, reported_on = (
            values.get("due_on"),
            values.get("amount"),
            values.get("reported_on"),
        )
        if due_on is None or amount is None or reported_on is None:
            continue  # the reader reported the missing cell
        for field, message in _missed_errors(due_on, amount, reported_on, today).items():
            errors.append(RowError(row.line, _COLUMN_OF[field], str(message)))
        if case is None:
            continue
        key = (case.pk, due_on)
        if key in existing:
            errors.append(RowError(row.line, "due_date", str(ERROR_DUPLICATE)))
        elif key in seen:
            errors.append(
                RowError(row.line, "due_date", gettext(ERROR_TWICE_IN_FILE) % {"line": seen[key]})
            )
        seen.setdefault(key, row.line)
        matched.append((case, due_on, amount, reported_on))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.line, e.column)))
    with transaction.atomic():
        created = MissedInstalment.objects.bulk_create(
            [
                MissedInstalment(
                    municipality=case.municipality,
                    case=case,
                    due_on=due_on,
                    amount=amount,
                    reported_on=reported_on,
                    days_late=(reported_on - due_on).days,
                    source=MissedSource.IMPORT,
                    recorded_by=actor.user,
                )
                for case, due_on, amount, reported_on in matched
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            municipality=actor.municipality,
            label="finance.missedinstalment",
            label_repr="servicer import",
            changes={"servicer_import": [None, {"new": len(created)}]},
        )
    return len(created)


# --- Changes of terms ------------------------------------------------------------

TERMS_FIELDS = ("period_from", "period_to", "interest_amount", "new_years", "new_rate_kind")
# The fields each kind of change records; the others are left empty.
KIND_FIELDS = {
    TermsChangeKind.DEFERRAL: ("period_from", "period_to"),
    TermsChangeKind.INTEREST_ADDED: ("period_from", "period_to", "interest_amount"),
    TermsChangeKind.TERM_EXTENDED: ("new_years",),
    TermsChangeKind.RATE_KIND_CHANGED: ("new_rate_kind",),
}


def current_terms(case: FinancingCase) -> tuple[int, str]:
    """The loan's term in years and rate kind after the changes recorded so far."""
    decision = granted_decision(case)
    years, rate_kind = (decision.years, decision.rate_kind) if decision else (0, "")
    for change in TermsChange.objects.filter(case=case).order_by("decided_on", "pk"):
        if change.kind == TermsChangeKind.TERM_EXTENDED and change.new_years:
            years = change.new_years
        elif change.kind == TermsChangeKind.RATE_KIND_CHANGED and change.new_rate_kind:
            rate_kind = change.new_rate_kind
    return years, rate_kind


def _terms_errors(
    case: FinancingCase, kind: str, values: dict[str, Any], paid_on: datetime.date
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    start, end = values.get("period_from"), values.get("period_to")
    if kind in (TermsChangeKind.DEFERRAL, TermsChangeKind.INTEREST_ADDED):
        for field in ("period_from", "period_to"):
            if values.get(field) is None:
                errors[field] = ERROR_PERIOD_REQUIRED
        if start and start < paid_on:
            errors["period_from"] = ERROR_BEFORE_PAYOUT
    if kind == TermsChangeKind.INTEREST_ADDED:
        amount = values.get("interest_amount")
        if amount is None or amount <= 0:
            errors["interest_amount"] = ERROR_AMOUNT
        if start and end and "period_to" not in errors:
            earlier = TermsChange.objects.filter(
                case=case, kind=TermsChangeKind.INTEREST_ADDED
            ).values_list("period_from", "period_to")
            refused = capitalisation_error(list(earlier), start, end)
            if refused:
                message, params = refused
                errors["period_to"] = gettext(message) % params if params else gettext(message)
    elif kind == TermsChangeKind.DEFERRAL and start and end and end <= start:
        errors["period_to"] = gettext(PERIOD_BACKWARDS)
    years, rate_kind = current_terms(case)
    if kind == TermsChangeKind.TERM_EXTENDED:
        new_years = values.get("new_years") or 0
        if new_years <= years:
            errors["new_years"] = ERROR_YEARS_LONGER % {"years": years}
        elif new_years > MAX_YEARS:
            errors["new_years"] = ERROR_YEARS_MAX % {"years": MAX_YEARS}
    if kind == TermsChangeKind.RATE_KIND_CHANGED:
        new_rate_kind = values.get("new_rate_kind") or ""
        if not new_rate_kind:
            errors["new_rate_kind"] = ERROR_RATE_REQUIRED
        elif new_rate_kind == rate_kind:
            errors["new_rate_kind"] = ERROR_RATE_SAME
    return errors


def terms_change_record(
    *,
    actor: Actor,
    case: FinancingCase,
    kind: str,
    decided_on: datetime.date,
    reason: str,
    today: datetime.date | None = None,
    **values: Any,
) -> TermsChange:
    """Record a change of the running loan's terms: instalments postponed over a
    period, interest added to the loan (2.5 years at most in all), a longer term, or
    another interest rate. Only the fields of ``kind`` are kept."""
    unknown = set(values) - set(TERMS_FIELDS)
    if unknown:
        raise TypeError(f"not terms fields: {sorted(unknown)}")
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    kept = {field: values.get(field) for field in KIND_FIELDS[TermsChangeKind(kind)]}
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        paid_on = loan_paid_on(current)
        if current.status not in (Status.PAID_OUT, Status.CLOSED) or paid_on is None:
            raise ValidationError(ERROR_NOT_RUNNING)
        errors = _terms_errors(current, kind, kept, paid_on)
        if decided_on > (today or timezone.localdate()):
            errors["decided_on"] = ERROR_IN_FUTURE
        elif decided_on < paid_on:
            errors["decided_on"] = ERROR_BEFORE_PAYOUT
        if not reason.strip():
            errors["reason"] = ERROR_REASON
        if errors:
            raise ValidationError(errors)
        change = TermsChange.objects.create(
            municipality=current.municipality,
            case=current,
            kind=kind,
            decided_by=actor.user,
            decided_on=decided_on,
            reason=reason.strip(),
            **{field: value for field, value in kept.items() if value is not None},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=change,
            changes={
                "kind": [None, kind],
                **{field: [None, str(value)] for field, value in kept.items() if value},
            },
        )
    return change
