"""Writes of the housing career: conditions of a decision and their reviews, the
transition period and its assessment, the review at lease end, tenures recorded by
hand.

Every write checks access to the case (``cases.access.require_edit``), validates
(errors named at their field; the module's ``ERROR_`` constants, asserted verbatim
by the tests), writes in one transaction, appends to the case timeline and records
an audit event. Leases are renewed and terminated only through the housing
services (``housing.services.lease_renew`` / ``lease_terminate``), so that the
dwelling register sees every change.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.access import require_edit
from boligtorg.cases.events import case_event
from boligtorg.cases.models import Application, Decision, DecisionOutcome, Person, Score
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor
from boligtorg.domain import housing_career as rules
from boligtorg.domain.housing import Period
from boligtorg.housing import services as housing
from boligtorg.housing.access import WRITE_ROLES as HOUSING_WRITE_ROLES
from boligtorg.housing.models import Lease

from .. import selectors_career as selectors
from ..models import (
    ConditionOutcome,
    ConditionReview,
    DecisionCondition,
    HousingTenure,
    LeaseEndChoice,
    LeaseEndReview,
    NextStep,
    TenureKind,
    TransitionAssessment,
    TransitionPeriod,
)

ERROR_NOT_GRANTED = _("Conditions can be tracked only on a granted decision.")
ERROR_CONDITION_REQUIRED = _("Write the condition.")
ERROR_DATE_REQUIRED = _("Give the date.")
ERROR_BEFORE_DECISION = _("The date cannot be before the decision was made (%(date)s).")
ERROR_FUTURE = _("The date cannot be in the future.")
ERROR_CONDITION_OUTCOME = _("Choose whether the condition is met, partly met or not met.")
ERROR_NEXT_REVIEW_NOT_AFTER = _("The next review must be after this review.")

ERROR_NOT_TRANSITION = _(
    "This lease is not a transition period: mark it as one first, with the day it ends."
)
ERROR_PERIOD_END = _("The transition period must end within the lease (%(start)s–%(end)s).")
ERROR_LEASE_CLOSED = _("This lease has been terminated or renewed already.")
ERROR_BEFORE_LEASE = _("The date cannot be before the lease started (%(date)s).")
ERROR_SCORE = _("Choose a score from 1 to 4.")
ERROR_NEXT_STEP = _("Choose the next step.")
ERROR_PROLONGED_UNTIL_REQUIRED = _("A prolonged period needs the day the new period ends.")
ERROR_PROLONGED_UNTIL_AFTER = _(
    "The new end must be after the current end of the transition period (%(date)s)."
)
ERROR_STEP_NEEDS_REASON = _(
    "The scores do not support this next step: explain in the notes why it is chosen."
)
ERROR_ALREADY_ASSESSED = _("This transition period has already been assessed.")
ERROR_HOUSING_ROLE = _(
    "Only the housing office renews and ends leases: ask a caseworker to record this."
)

ERROR_LEASE_END_CHOICE = _("Choose whether the lease is renewed or the household moves on.")
ERROR_REASONS_REQUIRED = _("Give the reasons.")
ERROR_ALREADY_REVIEWED = _("The end of this lease has already been reviewed.")
ERROR_MOVE_OUT_WITHIN_LEASE = _("The moving day must be within the lease (%(start)s–%(end)s).")
ERROR_NEW_END_AFTER = _("The renewed lease must end after %(date)s.")

ERROR_TENURE_KIND = _("Choose the kind of tenure.")
ERROR_TENURE_END_BEFORE_START = _("The tenure cannot end before it starts.")
ERROR_TENURE_OVERLAP = _(
    "%(name)s lived somewhere else then (%(start)s–%(end)s): a tenure may not share a day "
    "with another."
)

SCORE_FIELDS = (
    "economy_score",
    "neighbours_score",
    "cleaning_score",
    "daily_activity_score",
    "network_score",
)
PROLONG_REASON = _("Transition period prolonged after the assessment of tenancy capacity.")
MOVE_ON_KINDS = {
    LeaseEndChoice.PRIVATE_RENT: TenureKind.PRIVATE_RENT,
    LeaseEndChoice.PURCHASE: TenureKind.OWNERSHIP,
}


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _date_errors(
    name: str, value: datetime.date | None, not_before: datetime.date, before_error: Any
) -> dict[str, Any]:
    """A required date, not in the future and not before ``not_before``."""
    if value is None:
        return {name: ERROR_DATE_REQUIRED}
    if value < not_before:
        return {name: before_error % {"date": _date(not_before)}}
    if value > timezone.localdate():
        return {name: ERROR_FUTURE}
    return {}


def _same_case(application: Application, lease: Lease) -> None:
    """A lease of another household than the case's is refused as if absent."""
    if lease.household_id != application.household_id:
        raise PermissionDenied


def _housing_errors(exc: ValidationError, mapping: dict[str, str]) -> ValidationError:
    """The housing service's field errors under this form's field names."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {mapping.get(field, field): errors for field, errors in exc.error_dict.items()}
    )


# Conditions of a decision -------------------------------------------------------


def condition_create(
    *, actor: Actor, decision: Decision, text: str, next_review_on: datetime.date | None
) -> DecisionCondition:
    """Track one condition of a granted decision, with the day of its first review."""
    application = decision.application
    require_edit(actor, application)
    errors: dict[str, Any] = {}
    if decision.outcome != DecisionOutcome.GRANTED:
        raise ValidationError(ERROR_NOT_GRANTED)
    if not text.strip():
        errors["text"] = ERROR_CONDITION_REQUIRED
    if next_review_on is None:
        errors["next_review_on"] = ERROR_DATE_REQUIRED
    elif next_review_on < decision.decided_on:
        errors["next_review_on"] = ERROR_BEFORE_DECISION % {"date": _date(decision.decided_on)}
    _raise(errors)
    assert next_review_on is not None  # noqa: S101 - checked above
    with transaction.atomic():
        condition = DecisionCondition.objects.create(
            municipality=application.municipality,
            decision=decision,
            text=text.strip(),
            next_review_on=next_review_on,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=condition,
            changes={
                "decision": [None, decision.pk],
                "next_review_on": [None, str(next_review_on)],
            },
        )
        case_event(
            actor=actor,
            application=application,
            kind="condition_added",
            summary=gettext("Condition added to the decision: %(text)s") % {"text": condition},
        )
    return condition


def condition_review_record(
    *,
    actor: Actor,
    condition: DecisionCondition,
    reviewed_on: datetime.date | None,
    outcome: str,
    notes: str = "",
    next_review_on: datetime.date | None = None,
) -> ConditionReview:
    """Record how a condition is kept: met, partly met or not met, with notes; the
    next review date moves on when given."""
    decision = condition.decision
    application = decision.application
    require_edit(actor, application)
    errors = _date_errors("reviewed_on", reviewed_on, decision.decided_on, ERROR_BEFORE_DECISION)
    if outcome not in ConditionOutcome.values:
        errors["outcome"] = ERROR_CONDITION_OUTCOME
    if next_review_on is not None and reviewed_on is not None and next_review_on <= reviewed_on:
        errors["next_review_on"] = ERROR_NEXT_REVIEW_NOT_AFTER
    _raise(errors)
    assert reviewed_on is not None  # noqa: S101 - checked above
    with transaction.atomic():
        review = ConditionReview.objects.create(
            condition=condition,
            reviewed_on=reviewed_on,
            outcome=outcome,
            notes=notes.strip(),
            reviewed_by=actor.user,
        )
        changes = {"outcome": [None, outcome], "reviewed_on": [None, str(reviewed_on)]}
        if next_review_on is not None:
            before = {"next_review_on": str(condition.next_review_on)}
            condition.next_review_on = next_review_on
            condition.save(update_fields=["next_review_on"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=condition,
                changes=changed_fields(before, {"next_review_on": str(next_review_on)}),
            )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=review, changes=changes)
        case_event(
            actor=actor,
            application=application,
            kind="condition_reviewed",
            summary=gettext("Condition reviewed (%(outcome)s): %(text)s")
            % {"outcome": ConditionOutcome(outcome).label, "text": condition},
        )
    return review


# Transition periods -------------------------------------------------------------


def transition_period_mark(
    *, actor: Actor, application: Application, lease: Lease, ends_on: datetime.date | None
) -> TransitionPeriod:
    """Mark a lease of the case as a transition period that ends on ``ends_on``
    (within the lease), or move the end of its mark."""
    require_edit(actor, application)
    _same_case(application, lease)
    if lease.terminated_on or selectors.has_renewal(lease):
        raise ValidationError(ERROR_LEASE_CLOSED)
    if ends_on is None:
        raise ValidationError({"ends_on": ERROR_DATE_REQUIRED})
    if not lease.start < ends_on <= lease.end:
        raise ValidationError(
            {"ends_on": ERROR_PERIOD_END % {"start": _date(lease.start), "end": _date(lease.end)}}
        )
    with transaction.atomic():
        period, created = TransitionPeriod.objects.select_for_update().get_or_create(
            lease=lease,
            defaults={
                "municipality": lease.municipality,
                "ends_on": ends_on,
                "created_by": actor.user,
            },
        )
        before = {"ends_on": None if created else str(period.ends_on)}
        if not created:
            period.ends_on = ends_on
            period.save(update_fields=["ends_on"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=period,
            changes=changed_fields(before, {"ends_on": str(ends_on)}),
        )
        case_event(
            actor=actor,
            application=application,
            kind="transition_marked",
            summary=gettext("Transition period in %(dwelling)s until %(date)s")
            % {"dwelling": lease.dwelling, "date": _date(ends_on)},
        )
    return period


def _assessment_errors(
    *,
    lease: Lease,
    period_end: datetime.date,
    assessed_on: datetime.date | None,
    scores: dict[str, Any],
    next_step: str,
    prolonged_until: datetime.date | None,
    notes: str,
) -> dict[str, Any]:
    errors = _date_errors("assessed_on", assessed_on, lease.start, ERROR_BEFORE_LEASE)
    for name in SCORE_FIELDS:
        if scores.get(name) not in Score.values:
            errors[name] = ERROR_SCORE
    if next_step not in NextStep.values:
        errors["next_step"] = ERROR_NEXT_STEP
    elif next_step == NextStep.PROLONGED:
        if prolonged_until is None:
            errors["prolonged_until"] = ERROR_PROLONGED_UNTIL_REQUIRED
        elif prolonged_until <= period_end:
            errors["prolonged_until"] = ERROR_PROLONGED_UNTIL_AFTER % {"date": _date(period_end)}
    if not errors:
        capacity = rules.Capacity(
            **{name.removesuffix("_score"): scores[name] for name in SCORE_FIELDS}
        )
        if rules.NextStep(next_step) not in rules.sensible_next_steps(capacity) and not (
            notes.strip()
        ):
            errors["notes"] = ERROR_STEP_NEEDS_REASON
    return errors


def _prolong(
    *, actor: Actor, lease: Lease, until: datetime.date
) -> tuple[TransitionPeriod, Lease | None]:
    """Move the period's end; beyond the lease's end the lease is renewed until then
    through the housing service, and the renewal carries the new period."""
    if until <= lease.end:
        period, _created = TransitionPeriod.objects.update_or_create(
            lease=lease,
            defaults={"municipality": lease.municipality, "ends_on": until},
            create_defaults={
                "municipality": lease.municipality,
                "ends_on": until,
                "created_by": actor.user,
            },
        )
        return period, None
    if not actor.has_role(*HOUSING_WRITE_ROLES):
        raise ValidationError({"next_step": ERROR_HOUSING_ROLE})
    try:
        renewal = housing.lease_renew(
            actor=actor, lease=lease, end=until, short_lease_reason=str(PROLONG_REASON)
        )
    except ValidationError as exc:
        raise _housing_errors(exc, {"end": "prolonged_until"}) from exc
    period = TransitionPeriod.objects.create(
        municipality=lease.municipality, lease=renewal, ends_on=until, created_by=actor.user
    )
    return period, renewal


def transition_assessment_make(
    *,
    actor: Actor,
    application: Application,
    lease: Lease,
    assessed_on: datetime.date | None,
    economy_score: int | None,
    neighbours_score: int | None,
    cleaning_score: int | None,
    daily_activity_score: int | None,
    network_score: int | None,
    next_step: str,
    notes: str = "",
    prolonged_until: datetime.date | None = None,
) -> TransitionAssessment:
    """Assess tenancy capacity at the end of a transition period and choose the next
    step. A step the scores do not support (``domain.housing_career``) needs its
    reason in the notes; a prolonged period needs its new end, and renews the
    lease through the housing service when the new end is after the lease's."""
    require_edit(actor, application)
    _same_case(application, lease)
    period_end = selectors.lease_transition_end(lease)
    if period_end is None:
        raise ValidationError(ERROR_NOT_TRANSITION)
    scores = {
        "economy_score": economy_score,
        "neighbours_score": neighbours_score,
        "cleaning_score": cleaning_score,
        "daily_activity_score": daily_activity_score,
        "network_score": network_score,
    }
    _raise(
        _assessment_errors(
            lease=lease,
            period_end=period_end,
            assessed_on=assessed_on,
            scores=scores,
            next_step=next_step,
            prolonged_until=prolonged_until,
            notes=notes,
        )
    )
    with transaction.atomic():
        current = Lease.objects.select_for_update().get(pk=lease.pk)
        if TransitionAssessment.objects.filter(
            lease=current, period_ends_on__gte=period_end
        ).exists():
            raise ValidationError(ERROR_ALREADY_ASSESSED)
        if current.terminated_on or selectors.has_renewal(current):
            raise ValidationError(ERROR_LEASE_CLOSED)
        renewal = None
        if next_step == NextStep.PROLONGED:
            assert prolonged_until is not None  # noqa: S101 - checked above
            _period, renewal = _prolong(actor=actor, lease=current, until=prolonged_until)
        assessment = TransitionAssessment.objects.create(
            municipality=application.municipality,
            application=application,
            lease=current,
            period_ends_on=period_end,
            assessed_on=assessed_on,
            notes=notes.strip(),
            next_step=next_step,
            prolonged_until=prolonged_until if next_step == NextStep.PROLONGED else None,
            renewal=renewal,
            assessed_by=actor.user,
            **scores,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=assessment,
            changes={
                "lease": [None, lease.pk],
                "next_step": [None, next_step],
                "prolonged_until": [
                    None,
                    str(assessment.prolonged_until) if assessment.prolonged_until else None,
                ],
                **{name: [None, value] for name, value in scores.items()},
            },
        )
        case_event(
            actor=actor,
            application=application,
            kind="transition_assessed",
            summary=gettext("Tenancy capacity assessed; next step: %(step)s")
            % {"step": NextStep(next_step).label},
        )
    return assessment


# The review at lease end --------------------------------------------------------


def _lease_end_errors(
    *,
    lease: Lease,
    reviewed_on: datetime.date | None,
    choice: str,
    reasons: str,
    new_end: datetime.date | None,
    moves_out_on: datetime.date | None,
) -> dict[str, Any]:
    errors = _date_errors("reviewed_on", reviewed_on, lease.start, ERROR_BEFORE_LEASE)
    if choice not in LeaseEndChoice.values:
        errors["choice"] = ERROR_LEASE_END_CHOICE
    if not reasons.strip():
        errors["reasons"] = ERROR_REASONS_REQUIRED
    if choice == LeaseEndChoice.RENEW and new_end is not None and new_end <= lease.end:
        errors["new_end"] = ERROR_NEW_END_AFTER % {"date": _date(lease.end)}
    if (
        choice in LeaseEndChoice.values
        and choice != LeaseEndChoice.RENEW
        and moves_out_on is not None
        and not lease.start <= moves_out_on <= lease.end
    ):
        errors["moves_out_on"] = ERROR_MOVE_OUT_WITHIN_LEASE % {
            "start": _date(lease.start),
            "end": _date(lease.end),
        }
    return errors


def _record_next_tenures(
    *, actor: Actor, lease: Lease, kind: str, started_on: datetime.date, address: str, note: str
) -> list[HousingTenure]:
    """The next tenure of every member of the lease's household (they move together)."""
    persons = [member.person for member in lease.household.members.select_related("person")]
    errors = []
    for person in persons:
        error = _tenure_overlap(person, started_on, None)
        if error:
            errors.append(error)
    if errors:
        raise ValidationError({"moves_out_on": errors})
    return [
        _tenure_write(
            actor=actor,
            person=person,
            kind=kind,
            started_on=started_on,
            ended_on=None,
            address=address,
            note=note,
        )
        for person in persons
    ]


def lease_end_review_make(
    *,
    actor: Actor,
    application: Application,
    lease: Lease,
    reviewed_on: datetime.date | None,
    choice: str,
    reasons: str,
    new_end: datetime.date | None = None,
    moves_out_on: datetime.date | None = None,
    address: str = "",
) -> LeaseEndReview:
    """Review a lease at its end (DOMAIN.md step 6). Renew: a new lease through the
    housing service (3 years unless ``new_end`` says otherwise). Move on: the lease
    is terminated at its end (or the moving day) through the housing service, so
    the dwelling shows as becoming vacant; moving to private rent or an own home
    records that tenure for every member from the next day. A move to another
    municipal dwelling shows in the career once its lease is registered."""
    require_edit(actor, application)
    _same_case(application, lease)
    if not actor.has_role(*HOUSING_WRITE_ROLES):
        raise ValidationError({"choice": ERROR_HOUSING_ROLE})
    _raise(
        _lease_end_errors(
            lease=lease,
            reviewed_on=reviewed_on,
            choice=choice,
            reasons=reasons,
            new_end=new_end,
            moves_out_on=moves_out_on,
        )
    )
    with transaction.atomic():
        current = (
            Lease.objects.select_for_update()
            .select_related("dwelling", "household")
            .get(pk=lease.pk)
        )
        if LeaseEndReview.objects.filter(lease=current).exists():
            raise ValidationError(ERROR_ALREADY_REVIEWED)
        if current.terminated_on or selectors.has_renewal(current):
            raise ValidationError(ERROR_LEASE_CLOSED)
        renewal = None
        moving_day = None
        if choice == LeaseEndChoice.RENEW:
            try:
                renewal = housing.lease_renew(
                    actor=actor,
                    lease=current,
                    end=new_end,
                    short_lease_reason=reasons if new_end else "",
                )
            except ValidationError as exc:
                raise _housing_errors(exc, {"end": "new_end"}) from exc
        else:
            moving_day = moves_out_on or current.end
            try:
                housing.lease_terminate(
                    actor=actor,
                    lease=current,
                    terminated_on=moving_day,
                    reason=f"{LeaseEndChoice(choice).label}: {reasons.strip()}",
                )
            except ValidationError as exc:
                raise _housing_errors(exc, {"terminated_on": "moves_out_on"}) from exc
            if choice in MOVE_ON_KINDS:
                _record_next_tenures(
                    actor=actor,
                    lease=current,
                    kind=MOVE_ON_KINDS[LeaseEndChoice(choice)],
                    started_on=moving_day + datetime.timedelta(days=1),
                    address=address.strip(),
                    note=reasons.strip(),
                )
        review = LeaseEndReview.objects.create(
            municipality=application.municipality,
            application=application,
            lease=current,
            reviewed_on=reviewed_on,
            choice=choice,
            reasons=reasons.strip(),
            renewal=renewal,
            moves_out_on=moving_day,
            reviewed_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=review,
            changes={
                "lease": [None, lease.pk],
                "choice": [None, choice],
                "renewal": [None, renewal.pk if renewal else None],
                "moves_out_on": [None, str(moving_day) if moving_day else None],
            },
        )
        case_event(
            actor=actor,
            application=application,
            kind="lease_end_reviewed",
            summary=gettext("Lease of %(dwelling)s reviewed at its end: %(choice)s")
            % {"dwelling": current.dwelling, "choice": LeaseEndChoice(choice).label},
        )
    return review


# Tenures recorded by hand -------------------------------------------------------


def _tenure_overlap(
    person: Person, started_on: datetime.date, ended_on: datetime.date | None
) -> str | None:
    existing = [
        Period(tenure.started_on, tenure.ended_on)
        for tenure in HousingTenure.objects.filter(person=person)
    ]
    problem = rules.tenure_error(started_on, ended_on, existing)
    if problem is None or problem[0] != rules.TenureError.OVERLAP:
        return None
    clash = problem[1]
    assert clash is not None  # noqa: S101 - an overlap names the other tenure
    return str(
        ERROR_TENURE_OVERLAP
        % {
            "name": person,
            "start": _date(clash.start),
            "end": _date(clash.end) if clash.end else "",
        }
    )


def _tenure_write(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    address: str,
    note: str,
) -> HousingTenure:
    tenure = HousingTenure.objects.create(
        municipality=person.municipality,
        person=person,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        address=address,
        note=note,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=tenure,
        changes={
            "kind": [None, kind],
            "started_on": [None, str(started_on)],
            "ended_on": [None, str(ended_on) if ended_on else None],
        },
    )
    return tenure


def tenure_create(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    started_on: datetime.date | None,
    ended_on: datetime.date | None = None,
    address: str = "",
    note: str = "",
) -> HousingTenure:
    """Record where a person lived outside the municipality's leases. It may not end
    before it starts nor share a day with another recorded tenure of the person."""
    if person.municipality_id != getattr(actor.municipality, "pk", None):
        raise PermissionDenied
    if not selectors.can_edit_person(actor, person):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    if kind not in TenureKind.values:
        errors["kind"] = ERROR_TENURE_KIND
    if started_on is None:
        errors["started_on"] = ERROR_DATE_REQUIRED
    elif ended_on is not None and ended_on < started_on:
        errors["ended_on"] = ERROR_TENURE_END_BEFORE_START
    _raise(errors)
    assert started_on is not None  # noqa: S101 - checked above
    with transaction.atomic():
        # The person's row is locked so that two tenures cannot be checked at once.
        Person.objects.select_for_update().get(pk=person.pk)
        overlap = _tenure_overlap(person, started_on, ended_on)
        if overlap:
            raise ValidationError({"started_on": overlap})
        return _tenure_write(
            actor=actor,
            person=person,
            kind=kind,
            started_on=started_on,
            ended_on=ended_on,
            address=address.strip(),
            note=note.strip(),
        )
