"""Decisions, their letters, appeals and reconsideration; and the reads behind the
deadlines list and the dashboard panel.

Every write checks access, validates (errors named at their field), writes in one
transaction, appends to the timeline and the audit trail. Status changes go through
``application_set_status`` so that the life-cycle table (domain/lifecycle.py) rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor
from boligtorg.domain.deadlines import (
    interim_notice_due,
    interim_notice_overdue_cutoff,
    is_appeal_late,
)
from boligtorg.domain.lifecycle import ApplicationStatus as Status
from boligtorg.domain.lifecycle import short_lease_needs_reason

from ..access import require_edit
from ..events import case_event
from ..letters import appeal_summary_pdf, decision_letter_pdf
from ..models import (
    Appeal,
    AppealStatus,
    Application,
    Decision,
    DecisionOutcome,
    DwellingType,
    Language,
    LegalBasis,
)
from .applications import application_set_status

ERROR_OUTCOME = _("Choose granted or refused.")
ERROR_LEGAL_BASIS_REQUIRED = _("Choose the legal basis of the decision.")
ERROR_DECIDED_ON_REQUIRED = _("Give the date of the decision.")
ERROR_RECEIVED_ON_REQUIRED = _("Give the date the applicant receives the decision.")
ERROR_REASONS_REQUIRED = _("Give the reasons for the decision.")
ERROR_DWELLING_TYPE_REQUIRED = _("Choose the type of dwelling that is granted.")
ERROR_LEASE_REQUIRED = _("Give the length of the lease in months.")
ERROR_LEASE_POSITIVE = _("The lease must last at least one month.")
ERROR_SHORT_LEASE_REASON = _(
    "A lease shorter than 3 years needs a stated reason (husleieloven § 9-3)."
)
ERROR_DECIDED_BEFORE_RECEIVED = _(
    "The decision cannot be dated before the application was received (%(date)s)."
)
ERROR_DECIDED_FUTURE = _("The date of the decision cannot be in the future.")
ERROR_RECEIVED_BEFORE_DECIDED = _(
    "The applicant cannot receive the decision before the day it was made."
)
ERROR_LEGAL_BASIS_COUNTRY = _("Choose a legal basis of this municipality's country.")
ERROR_LEGAL_BASIS_NOT_IN_FORCE = _("This legal basis is not in force on the date of the decision.")
ERROR_LETTER_LANGUAGE = _("Choose the language of the letter.")
ERROR_NOT_DECIDABLE = _("A decision can be made on a submitted case or after a reversed appeal.")
ERROR_APPEAL_NOT_REVERSED = _(
    "The appeal must be reconsidered and reversed before a new decision is made."
)

ERROR_GROUNDS_REQUIRED = _("Give the grounds of the appeal.")
ERROR_APPEAL_DATE_REQUIRED = _("Give the date the appeal was received.")
ERROR_APPEAL_BEFORE_DECISION = _("An appeal cannot be received before the decision was made.")
ERROR_APPEAL_FUTURE = _("The date received cannot be in the future.")
ERROR_NOT_LATEST_DECISION = _("Only the latest decision in a case can be appealed.")
ERROR_NOT_APPEALABLE = _("Only a decided case can be appealed.")

ERROR_RECONSIDER_OUTCOME = _("Choose whether the decision is reversed or upheld.")
ERROR_NOTES_REQUIRED = _("Give the reasons for the reconsideration.")
ERROR_RECONSIDER_DATE_REQUIRED = _("Give the date of the reconsideration.")
ERROR_RECONSIDER_BEFORE_APPEAL = _(
    "The reconsideration cannot be dated before the appeal was received."
)
ERROR_RECONSIDER_FUTURE = _("The date of the reconsideration cannot be in the future.")
ERROR_ALREADY_RECONSIDERED = _("This appeal has already been reconsidered.")

DECIDABLE_STATUSES = (Status.SUBMITTED, Status.UNDER_ASSESSMENT, Status.APPEALED)


def _latest_decision(application: Application) -> Decision | None:
    return application.decisions.order_by("-decided_on", "-created_at", "-pk").first()


def _latest_appeal(decision: Decision) -> Appeal | None:
    return decision.appeals.order_by("-received_on", "-created_at", "-pk").first()


def _check_decidable(application: Application) -> None:
    """A case is decided once per round: submitted or under assessment, or again
    after the municipality reversed its decision on appeal (fvl. §33 second paragraph)."""
    if application.status not in DECIDABLE_STATUSES:
        raise ValidationError(ERROR_NOT_DECIDABLE)
    if application.status == Status.APPEALED:
        latest = _latest_decision(application)
        appeal = _latest_appeal(latest) if latest else None
        if appeal is None or appeal.status != AppealStatus.REVERSED:
            raise ValidationError(ERROR_APPEAL_NOT_REVERSED)


def _decision_errors(
    *,
    application: Application,
    outcome: str,
    reasons: str,
    legal_basis: LegalBasis | None,
    decided_on: datetime.date | None,
    received_on: datetime.date | None,
    dwelling_type: str,
    lease_months: int | None,
    short_lease_reason: str,
    letter_language: str,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = ERROR_OUTCOME
    if not reasons.strip():
        errors["reasons"] = ERROR_REASONS_REQUIRED
    if outcome == DecisionOutcome.GRANTED:
        if dwelling_type not in DwellingType.values:
            errors["dwelling_type"] = ERROR_DWELLING_TYPE_REQUIRED
        if lease_months is None:
            errors["lease_months"] = ERROR_LEASE_REQUIRED
        elif lease_months < 1:
            errors["lease_months"] = ERROR_LEASE_POSITIVE
        elif short_lease_needs_reason(lease_months) and not short_lease_reason.strip():
            errors["short_lease_reason"] = ERROR_SHORT_LEASE_REASON
    if decided_on is None:
        errors["decided_on"] = ERROR_DECIDED_ON_REQUIRED
    if received_on is None:
        errors["received_on"] = ERROR_RECEIVED_ON_REQUIRED
    if decided_on is not None:
        if application.received_on and decided_on < application.received_on:
            errors["decided_on"] = ERROR_DECIDED_BEFORE_RECEIVED % {
                "date": application.received_on.strftime("%d.%m.%Y")
            }
        elif decided_on > timezone.localdate():
            errors["decided_on"] = ERROR_DECIDED_FUTURE
        if received_on is not None and received_on < decided_on:
            errors["received_on"] = ERROR_RECEIVED_BEFORE_DECIDED
    if legal_basis is None:
        errors["legal_basis"] = ERROR_LEGAL_BASIS_REQUIRED
    elif legal_basis.country != application.municipality.country:
        errors["legal_basis"] = ERROR_LEGAL_BASIS_COUNTRY
    elif decided_on is not None and (
        (legal_basis.valid_from and decided_on < legal_basis.valid_from)
        or (legal_basis.valid_to and decided_on > legal_basis.valid_to)
    ):
        errors["legal_basis"] = ERROR_LEGAL_BASIS_NOT_IN_FORCE
    if letter_language not in Language.values:
        errors["letter_language"] = ERROR_LETTER_LANGUAGE
    return errors


def decision_errors(application: Application, fields: dict[str, Any]) -> dict[str, Any]:
    """The decision's rules on whatever fields a form could read, so that a form with
    errors of its own also shows the service's at once (a missing field counts as
    empty; the caller keeps the form's own error where it has one)."""
    return _decision_errors(
        application=application,
        outcome=fields.get("outcome") or "",
        reasons=fields.get("reasons") or "",
        legal_basis=fields.get("legal_basis"),
        decided_on=fields.get("decided_on"),
        received_on=fields.get("received_on"),
        dwelling_type=fields.get("dwelling_type") or "",
        lease_months=fields.get("lease_months"),
        short_lease_reason=fields.get("short_lease_reason") or "",
        letter_language=fields.get("letter_language") or application.applicant.language,
    )


def decision_draft(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    reasons: str,
    legal_basis: LegalBasis,
    decided_on: datetime.date,
    received_on: datetime.date,
    dwelling_type: str = "",
    conditions: str = "",
    lease_months: int | None = None,
    short_lease_reason: str = "",
    letter_language: str = "",
) -> Decision:
    """The decision as it would be made, checked as for a save (every field error at
    once, then whether the case can be decided) but not saved."""
    require_edit(actor, application)
    letter_language = letter_language or application.applicant.language
    errors = _decision_errors(
        application=application,
        outcome=outcome,
        reasons=reasons,
        legal_basis=legal_basis,
        decided_on=decided_on,
        received_on=received_on,
        dwelling_type=dwelling_type,
        lease_months=lease_months,
        short_lease_reason=short_lease_reason,
        letter_language=letter_language,
    )
    if errors:
        raise ValidationError(errors)
    _check_decidable(application)
    granted = outcome == DecisionOutcome.GRANTED
    return Decision(
        application=application,
        outcome=outcome,
        dwelling_type=dwelling_type if granted else "",
        conditions=conditions.strip() if granted else "",
        lease_months=lease_months if granted else None,
        short_lease_reason=(
            short_lease_reason.strip() if granted and short_lease_needs_reason(lease_months) else ""
        ),
        reasons=reasons.strip(),
        legal_basis=legal_basis,
        decided_on=decided_on,
        received_on=received_on,
        letter_language=letter_language,
        decided_by=actor.user,
    )


def decision_letter_preview(*, actor: Actor, application: Application, **fields: Any) -> bytes:
    """The letter the decision would get, from the form's current values, with
    nothing written: no decision, no status change, no timeline line, no audit
    event. Raises the same errors as ``decision_make``."""
    decision = decision_draft(actor=actor, application=application, **fields)
    return decision_letter_pdf(decision, application)


def decision_make(
    *,
    actor: Actor,
    application: Application,
    **fields: Any,
) -> Decision:
    """Decide the case (enkeltvedtak): granted with dwelling type, lease length and
    conditions, or refused; always with reasons and a legal basis (fvl. §§24–25).
    The fields are those of ``decision_draft``. The letter is rendered to PDF in
    ``letter_language`` (the applicant's language when empty) and stored with the
    decision; the case becomes decided."""
    decision = decision_draft(actor=actor, application=application, **fields)
    outcome, legal_basis = decision.outcome, decision.legal_basis
    decided_on, received_on = decision.decided_on, decision.received_on
    with transaction.atomic():
        # Locks the case and checks the life cycle, so two caseworkers cannot both decide.
        current = application_set_status(
            actor=actor,
            application=application,
            status=Status.DECIDED,
            summary=_("Decision made: %(outcome)s") % {"outcome": decision.get_outcome_display()},
        )
        decision.application = current
        decision.save()
        decision.letter.save(
            f"decision-{current.number}-{decision.pk}.pdf",
            ContentFile(decision_letter_pdf(decision, current)),
            save=True,
        )
        case_event(
            actor=actor,
            application=current,
            kind="decision_letter",
            summary=_("Decision letter written (%(language)s)")
            % {"language": decision.get_letter_language_display()},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=decision,
            municipality=current.municipality,
            changes={
                "application": [None, current.number],
                "outcome": [None, outcome],
                "legal_basis": [None, legal_basis.code],
                "decided_on": [None, str(decided_on)],
                "received_on": [None, str(received_on)],
            },
        )
    return decision


def appeal_register(
    *, actor: Actor, decision: Decision, received_on: datetime.date | None, grounds: str
) -> Appeal:
    """Register an appeal against the latest decision of a decided case. An appeal
    after the deadline is flagged ``is_late``, not refused (fvl. §31)."""
    application = decision.application
    require_edit(actor, application)
    errors: dict[str, Any] = {}
    if not grounds.strip():
        errors["grounds"] = ERROR_GROUNDS_REQUIRED
    if received_on is None:
        errors["received_on"] = ERROR_APPEAL_DATE_REQUIRED
    elif received_on < decision.decided_on:
        errors["received_on"] = ERROR_APPEAL_BEFORE_DECISION
    elif received_on > timezone.localdate():
        errors["received_on"] = ERROR_APPEAL_FUTURE
    if errors:
        raise ValidationError(errors)
    if application.status != Status.DECIDED:
        raise ValidationError(ERROR_NOT_APPEALABLE)
    latest = _latest_decision(application)
    if latest is None or latest.pk != decision.pk:
        raise ValidationError(ERROR_NOT_LATEST_DECISION)
    country = application.municipality.country
    late = is_appeal_late(decision.received_on, received_on, country)
    with transaction.atomic():
        current = application_set_status(
            actor=actor,
            application=application,
            status=Status.APPEALED,
            summary=(
                _("Appeal received after the deadline")
                if late
                else _("Appeal received within the deadline")
            ),
        )
        appeal = Appeal.objects.create(
            decision=decision, received_on=received_on, is_late=late, grounds=grounds.strip()
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=appeal,
            municipality=current.municipality,
            changes={
                "decision": [None, decision.pk],
                "received_on": [None, str(received_on)],
                "is_late": [None, late],
            },
        )
    return appeal


def appeal_reconsider(
    *,
    actor: Actor,
    appeal: Appeal,
    outcome: str,
    notes: str,
    on: datetime.date | None,
) -> Appeal:
    """The municipality reconsiders the decision (fvl. §33). Reversed: the case stays
    appealed until the caseworker makes the new decision. Upheld: the appeal is sent
    on to the appeal body with a PDF summary of the case."""
    application = appeal.decision.application
    require_edit(actor, application)
    errors: dict[str, Any] = {}
    if outcome not in (AppealStatus.REVERSED, AppealStatus.UPHELD):
        errors["outcome"] = ERROR_RECONSIDER_OUTCOME
    if not notes.strip():
        errors["notes"] = ERROR_NOTES_REQUIRED
    if on is None:
        errors["on"] = ERROR_RECONSIDER_DATE_REQUIRED
    elif on < appeal.received_on:
        errors["on"] = ERROR_RECONSIDER_BEFORE_APPEAL
    elif on > timezone.localdate():
        errors["on"] = ERROR_RECONSIDER_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if current.status != AppealStatus.PENDING:
            raise ValidationError(ERROR_ALREADY_RECONSIDERED)
        current.status = outcome
        current.reconsidered_on = on
        current.reconsideration_notes = notes.strip()
        upheld = outcome == AppealStatus.UPHELD
        if upheld:
            current.sent_to_governor_on = on
        current.save()
        case_event(
            actor=actor,
            application=application,
            kind=f"appeal_{outcome}",
            summary=(
                _("Appeal upheld on reconsideration and sent to the appeal body")
                if upheld
                else _("Appeal reversed on reconsideration: a new decision is to be made")
            ),
        )
        if upheld:
            current.summary.save(
                f"appeal-{application.number}-{current.pk}.pdf",
                ContentFile(
                    appeal_summary_pdf(current, application, on=on, language=settings.LANGUAGE_CODE)
                ),
                save=True,
            )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            municipality=application.municipality,
            changes={
                "status": [AppealStatus.PENDING, outcome],
                "reconsidered_on": [None, str(on)],
                "sent_to_governor_on": [None, str(on) if upheld else None],
            },
        )
    return current


# Reads behind the deadlines list and the dashboard panel.

DUE_SOON_DAYS = 7
INTERIM_STATUSES = (Status.SUBMITTED, Status.UNDER_ASSESSMENT)


@dataclass(frozen=True)
class InterimNoticeRow:
    application: Application
    due: datetime.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def interim_notices_due_filter(today: datetime.date, country: str) -> Q:
    """Open cases without an interim notice (fvl. §11a) whose notice is overdue or due
    within ``DUE_SOON_DAYS``. The date cut-off comes from the domain rule, so that the
    database agrees with ``interim_notice_due`` for every date of receipt."""
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS + 1)
    return Q(
        status__in=INTERIM_STATUSES,
        interim_notice_sent_on__isnull=True,
        received_on__lte=interim_notice_overdue_cutoff(horizon, country),
    )


def interim_notice_overdue_filter(today: datetime.date, country: str) -> Q:
    return Q(
        status__in=INTERIM_STATUSES,
        interim_notice_sent_on__isnull=True,
        received_on__lte=interim_notice_overdue_cutoff(today, country),
    )


INTERIM_ORDERINGS = {
    "due": ("received_on", "number"),
    "-due": ("-received_on", "-number"),
    "number": ("number",),
    "-number": ("-number",),
    "name": ("applicant__last_name", "applicant__first_name", "number"),
    "-name": ("-applicant__last_name", "-applicant__first_name", "-number"),
}


def interim_notice_list(
    *,
    actor: Actor,
    today: datetime.date,
    mine: bool = False,
    due: str = "",
    ordering: str = "due",
) -> QuerySet[Application]:
    """Cases of the actor's municipality whose interim notice is due soon or overdue;
    ``due`` "overdue" or "soon" keeps only one of the two."""
    country = actor.municipality.country
    qs = Application.objects.filter(
        interim_notices_due_filter(today, country), municipality=actor.municipality
    ).select_related("applicant", "caseworker")
    if due == "overdue":
        qs = qs.filter(interim_notice_overdue_filter(today, country))
    elif due == "soon":
        qs = qs.exclude(interim_notice_overdue_filter(today, country))
    if mine:
        qs = qs.filter(caseworker=actor.user)
    return qs.order_by(*INTERIM_ORDERINGS.get(ordering, INTERIM_ORDERINGS["due"]))


def interim_notice_rows(
    applications: list[Application], *, today: datetime.date, country: str
) -> list[InterimNoticeRow]:
    rows = []
    for application in applications:
        due = interim_notice_due(application.received_on, country)
        rows.append(InterimNoticeRow(application, due, (due - today).days))
    return rows


def pending_appeal_list(*, actor: Actor, mine: bool = False) -> QuerySet[Appeal]:
    """Appeals of the actor's municipality awaiting the municipality's reconsideration,
    oldest first."""
    qs = Appeal.objects.filter(
        status=AppealStatus.PENDING,
        decision__application__municipality=actor.municipality,
    ).select_related(
        "decision", "decision__application__applicant", "decision__application__caseworker"
    )
    if mine:
        qs = qs.filter(decision__application__caseworker=actor.user)
    return qs.order_by("received_on", "pk")


def deadline_counts(*, actor: Actor, today: datetime.date) -> dict[str, int]:
    """The numbers of the dashboard panel, in one query each."""
    country = actor.municipality.country
    cases = Application.objects.filter(municipality=actor.municipality)
    due = cases.filter(interim_notices_due_filter(today, country))
    overdue = due.filter(interim_notice_overdue_filter(today, country)).count()
    return {
        "interim_overdue": overdue,
        "interim_due_soon": due.count() - overdue,
        "appeals_pending": pending_appeal_list(actor=actor).count(),
    }
