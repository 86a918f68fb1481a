"""Writes of a financing case: registering it (with the applicant's household),
the home and financing plan, the economy lines, the eligibility checklist,
withdrawing and closing.

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
Every write is audited; a stale form (another save in between) is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import (
    Application,
    Household,
    HouseholdMember,
    HouseholdRelation,
    TargetGroup,
)
from boligtorg.cases.services.applications import (
    applicant_find_or_register,
)
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.finance_lifecycle import OPEN_STATUSES, check_financing_transition
from boligtorg.domain.finance_lifecycle import FinancingStatus as Status
from boligtorg.domain.lifecycle import ForbiddenTransition

from ..access import WRITE_ROLES, require_same
from ..models import (
    EconomyKind,
    EconomyLine,
    EligibilityAnswer,
    EligibilityQuestion,
    FinancingCase,
    FinancingCounter,
    FinancingStatus,
    HandOverLoan,
)

ERROR_RECEIVED_FUTURE = _("The date received cannot be after today.")
ERROR_OPEN_CASE = _("This household already has an open financing case: %(number)s.")
ERROR_STALE = _("Someone else saved this case in the meantime. Reload the page and try again.")
ERROR_NOT_OPEN = _("This case is %(status)s and can no longer be changed.")
ERROR_TRANSITION = _("A case that is %(current)s cannot become %(target)s.")
ERROR_AMOUNT_NEGATIVE = _("The amount cannot be negative.")
ERROR_REASON_REQUIRED = _("Give the reason for the answer.")
ERROR_CATEGORY_REQUIRED = _("Say what the line is.")
ERROR_APPLICATION_OTHER_HOUSEHOLD = _("The housing case belongs to another household.")
ERROR_CLOSING_NOTE = _("Say why the case is closed.")
ERROR_NOT_HANDED_OVER = _(
    "Hand the start loan over to the loan servicer before the case is closed."
)

EDITABLE = (Status.RECEIVED, Status.ASSESSING)
# A household has one case at a time until it is closed or withdrawn.
OPEN = [status.value for status in OPEN_STATUSES]
PLAN_FIELDS = (
    "purpose",
    "product",
    "home_address",
    "home_area",
    "price",
    "home_value",
    "costs",
    "equity",
    "bank_loan",
    "bank_loan_monthly",
    "loan_applied",
    "grant_applied",
)


def _next_number(municipality: Any, year: int) -> str:
    counter, _created = FinancingCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"F{year}-{counter.last:04d}"


def _status_label(status: str) -> str:
    return str(dict(FinancingStatus.choices).get(status, status)).lower()


def require_open(case: FinancingCase) -> None:
    if case.status not in EDITABLE:
        raise ValidationError(ERROR_NOT_OPEN % {"status": _status_label(case.status)})


def transition(case: FinancingCase, target: Status) -> None:
    """Move ``case`` to ``target`` if the life cycle allows it (domain table)."""
    try:
        check_financing_transition(case.status, target)
    except ForbiddenTransition as exc:
        raise ValidationError(
            ERROR_TRANSITION
            % {"current": _status_label(case.status), "target": _status_label(target)}
        ) from exc
    case.status = target


def financing_case_register(
    *,
    actor: Actor,
    purpose: str,
    received_on: datetime.date,
    national_id: str = "",
    first_name: str = "",
    last_name: str = "",
    date_of_birth: datetime.date | None = None,
    product: str = "ordinary",
    application: Application | None = None,
    target_groups: Iterable[TargetGroup] = (),
    **plan: Any,
) -> FinancingCase:
    """Register an application for financing. The applicant is found by national id
    (the main applicant of a registered household) or registered with a new
    household. A household has one open financing case at a time."""
    require_role(actor, *WRITE_ROLES)
    errors: dict[str, Any] = {}
    if received_on > timezone.localdate():
        errors["received_on"] = ERROR_RECEIVED_FUTURE
    errors.update(_plan_errors(plan))
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
        if application is not None:
            require_same(actor, application)
            if application.household_id != household.pk:
                errors["application"] = ERROR_APPLICATION_OTHER_HOUSEHOLD
        open_case = (
            FinancingCase.objects.select_for_update()
            .filter(household=household, status__in=OPEN)
            .first()
        )
        if open_case is not None:
            errors["national_id"] = ERROR_OPEN_CASE % {"number": open_case.number}
        if errors:
            raise ValidationError(errors)
        case = FinancingCase.objects.create(
            municipality=actor.municipality,
            number=_next_number(actor.municipality, received_on.year),
            household=household,
            applicant=person,
            application=application,
            purpose=purpose,
            product=product,
            received_on=received_on,
            officer=actor.user,
            **plan,
        )
        case.target_groups.set(list(target_groups))
        audit_record(actor=actor, action=AuditAction.CREATE, obj=case)
    return case


def financing_case_open(
    *,
    actor: Actor,
    household: Household,
    purpose: str,
    received_on: datetime.date,
    **plan: Any,
) -> FinancingCase:
    """Open a financing case for a household already registered, with its plan
    filled in (a rent-to-own purchase): the applicant is the household's main
    applicant. A household has one open financing case at a time."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, household)
    errors = _plan_errors(plan)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        open_case = (
            FinancingCase.objects.select_for_update()
            .filter(household=household, status__in=OPEN)
            .first()
        )
        if open_case is not None:
            raise ValidationError(ERROR_OPEN_CASE % {"number": open_case.number})
        applicant = HouseholdMember.objects.get(
            household=household, relation=HouseholdRelation.MAIN_APPLICANT
        ).person
        case = FinancingCase.objects.create(
            municipality=actor.municipality,
            number=_next_number(actor.municipality, received_on.year),
            household=household,
            applicant=applicant,
            purpose=purpose,
            received_on=received_on,
            officer=actor.user,
            **plan,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=case)
    return case


def _plan_errors(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        name: ERROR_AMOUNT_NEGATIVE
        for name, value in plan.items()
        if isinstance(value, (int, Decimal)) and value < 0
    }


def _locked(actor: Actor, case: FinancingCase, version: int | None) -> FinancingCase:
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    current = FinancingCase.objects.select_for_update().get(pk=case.pk)
    if version is not None and current.version != version:
        raise ValidationError(ERROR_STALE)
    require_open(current)
    return current


def _touch(case: FinancingCase) -> None:
    """A saved change: the version moves on and a received case is being assessed."""
    fields = ["version"]
    if case.status == Status.RECEIVED:
        case.status = Status.ASSESSING
        fields.append("status")
    case.version = F("version") + 1
    case.save(update_fields=fields)
    case.refresh_from_db(fields=["version"])


def financing_case_update(
    *,
    actor: Actor,
    case: FinancingCase,
    version: int,
    target_groups: Iterable[TargetGroup] | None = None,
    **plan: Any,
) -> FinancingCase:
    """Change the purpose, product, home and financing plan of an open case."""
    unknown = set(plan) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"not plan fields: {sorted(unknown)}")
    errors = _plan_errors(plan)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(actor, case, version)
        before = {name: getattr(current, name) for name in plan}
        for name, value in plan.items():
            setattr(current, name, value)
        current.save(update_fields=list(plan))
        if target_groups is not None:
            current.target_groups.set(list(target_groups))
        _touch(current)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(
                {k: str(v) for k, v in before.items()}, {k: str(v) for k, v in plan.items()}
            ),
        )
    return current


def economy_line_add(
    *,
    actor: Actor,
    case: FinancingCase,
    kind: str,
    category: str,
    monthly_amount: Decimal,
    note: str = "",
) -> EconomyLine:
    errors: dict[str, Any] = {}
    if kind not in EconomyKind.values:
        errors["kind"] = _("Choose the kind of line.")
    if not category.strip():
        errors["category"] = ERROR_CATEGORY_REQUIRED
    if monthly_amount < 0:
        errors["monthly_amount"] = ERROR_AMOUNT_NEGATIVE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(actor, case, None)
        line = EconomyLine.objects.create(
            case=current,
            kind=kind,
            category=category.strip(),
            monthly_amount=monthly_amount,
            note=note.strip(),
        )
        _touch(current)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=line,
            municipality=actor.municipality,
            changes={"monthly_amount": [None, str(monthly_amount)]},
        )
    return line


def economy_line_update(
    *, actor: Actor, line: EconomyLine, monthly_amount: Decimal, note: str | None = None
) -> EconomyLine:
    if monthly_amount < 0:
        raise ValidationError({"monthly_amount": ERROR_AMOUNT_NEGATIVE})
    with transaction.atomic():
        current = _locked(actor, line.case, None)
        before = str(line.monthly_amount)
        line.monthly_amount = monthly_amount
        fields = ["monthly_amount"]
        if note is not None:
            line.note = note.strip()
            fields.append("note")
        line.save(update_fields=fields)
        _touch(current)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=line,
            municipality=actor.municipality,
            changes=changed_fields(
                {"monthly_amount": before}, {"monthly_amount": str(monthly_amount)}
            ),
        )
    return line


def economy_line_delete(*, actor: Actor, line: EconomyLine) -> None:
    with transaction.atomic():
        current = _locked(actor, line.case, None)
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=line,
            municipality=actor.municipality,
            changes={"monthly_amount": [str(line.monthly_amount), None]},
        )
        line.delete()
        _touch(current)


def eligibility_answer_set(
    *, actor: Actor, case: FinancingCase, question: str, answer: bool, reason: str
) -> EligibilityAnswer:
    """Answer one question of the checklist, always with a reason."""
    errors: dict[str, Any] = {}
    if question not in EligibilityQuestion.values:
        errors["question"] = _("Choose a question of the checklist.")
    if not reason.strip():
        errors["reason"] = ERROR_REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked(actor, case, None)
        previous = EligibilityAnswer.objects.filter(case=current, question=question).first()
        row, _created = EligibilityAnswer.objects.update_or_create(
            case=current,
            question=question,
            defaults={
                "answer": answer,
                "reason": reason.strip(),
                "answered_by": actor.user,
                "answered_at": timezone.now(),
            },
        )
        _touch(current)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if previous else AuditAction.CREATE,
            obj=row,
            municipality=actor.municipality,
            changes=changed_fields(
                {"answer": previous.answer if previous else None},
                {"answer": answer},
            ),
        )
    return row


def financing_case_withdraw(*, actor: Actor, case: FinancingCase, note: str) -> FinancingCase:
    """The household withdraws its application before the decision."""
    return _finish(actor, case, Status.WITHDRAWN, note)


def financing_case_close(*, actor: Actor, case: FinancingCase, note: str) -> FinancingCase:
    """Close a decided or paid-out case (handed over to the loan servicer)."""
    return _finish(actor, case, Status.CLOSED, note)


def _loan_not_handed_over(case: FinancingCase) -> bool:
    """A paid-out start loan goes to the loan servicer before its case is closed."""
    return (
        case.payouts.filter(loan_part__gt=0).exists()
        and not HandOverLoan.objects.filter(case=case).exists()
    )


def _finish(actor: Actor, case: FinancingCase, target: Status, note: str) -> FinancingCase:
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    if not note.strip():
        raise ValidationError({"note": ERROR_CLOSING_NOTE})
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        before = current.status
        transition(current, target)
        if target == Status.CLOSED and _loan_not_handed_over(current):
            raise ValidationError(ERROR_NOT_HANDED_OVER)
        current.closed_on = timezone.localdate()
        current.closing_note = note.strip()[:500]
        current.version = F("version") + 1
        current.save(update_fields=["status", "closed_on", "closing_note", "version"])
        current.refresh_from_db(fields=["version"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, current.status]},
        )
    return current


ERROR_NOTICE_FUTURE = _("The date cannot be after today.")
ERROR_NOTICE_BEFORE = _("The notice cannot be sent before the application was received.")
ERROR_NOTICE_DECIDED = _("The case is decided: no interim notice is needed.")


def financing_interim_notice_record(
    *, actor: Actor, case: FinancingCase, sent_on: datetime.date
) -> FinancingCase:
    """Record that the interim notice (forvaltningsloven § 11 a) was sent."""
    require_role(actor, *WRITE_ROLES)
    require_same(actor, case)
    with transaction.atomic():
        current = FinancingCase.objects.select_for_update().get(pk=case.pk)
        errors: dict[str, Any] = {}
        if current.status not in (*EDITABLE, Status.RECOMMENDED):
            errors["sent_on"] = ERROR_NOTICE_DECIDED
        elif sent_on > timezone.localdate():
            errors["sent_on"] = ERROR_NOTICE_FUTURE
        elif sent_on < current.received_on:
            errors["sent_on"] = ERROR_NOTICE_BEFORE
        if errors:
            raise ValidationError(errors)
        before = current.interim_notice_sent_on
        current.interim_notice_sent_on = sent_on
        current.save(update_fields=["interim_notice_sent_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "interim_notice_sent_on": [
                    before.isoformat() if before else None,
                    sent_on.isoformat(),
                ]
            },
        )
    return current
