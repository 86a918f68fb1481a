"""Offers: a dwelling offered to a household with an answer deadline; accepted
(a lease is drafted in the register), declined with a coded reason (back on the
list), withdrawn, or expired by the daily job (the dwelling returns to the next
meeting).

Concurrency: the database allows one open offer per dwelling and per household and
one accepted offer per household (partial unique constraints on ``Offer``); the
services turn a clash into a ValidationError, and lock the offer row while they
answer it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Decision, DecisionOutcome
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.notifications import notify
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain.housing import DEFAULT_LEASE_MONTHS, lease_end
from boligtorg.domain.offers import AnswerProblem, answer_problems, is_answer_late
from boligtorg.housing import services as housing_services
from boligtorg.housing.models import Dwelling, DwellingStatus, Lease

from ..access import MEETING_ROLES, OFFER_ROLES
from ..models import DeclineReason, Meeting, Offer, OfferStatus
from .rules import rule_set_for

ERROR_DWELLING_OFFERED = _("The dwelling already has an offer awaiting an answer.")
ERROR_HOUSEHOLD_OFFERED = _("The household already has an offer awaiting an answer.")
ERROR_HOUSEHOLD_HOUSED = _("The household has already accepted an offer.")
ERROR_NOT_READY = _("Only a dwelling ready for moving in can be offered.")
ERROR_NOT_WAITING = _("Only a household with a granted application can be offered a dwelling.")
ERROR_NOT_OPEN = _("The offer has already been answered (%(status)s).")
ERROR_REASON_REQUIRED = _("Choose the reason for declining.")
ERROR_ANSWER_BEFORE_OFFER = _("The answer cannot be dated before the offer.")
ERROR_ANSWER_AFTER_TODAY = _("The answer cannot be dated after today.")
ERROR_LATE_ANSWER_REASON = _(
    "The answer came after the deadline (%(date)s); give the reason it is taken late."
)
ERROR_LEASE_BEFORE_ANSWER = _("The lease cannot start before the answer (%(date)s).")
ERROR_DEADLINE = _("The answer deadline cannot be before the offer.")
ERROR_NO_RULE_SET = _(
    "No rule set is valid on %(date)s; a municipality administrator must make one first."
)

EXPIRED_KIND = "offer_expired"
DECLINE_LIMIT_KIND = "declines_limit"


def _latest_decision(application: Application) -> Decision | None:
    return application.decisions.order_by("-decided_on", "-created_at", "-pk").first()


def offer_create(
    *,
    actor: Actor,
    dwelling: Dwelling,
    application: Application,
    offered_on: datetime.date,
    meeting: Meeting | None = None,
    deadline: datetime.date | None = None,
) -> Offer:
    """Offer a dwelling to a household; the deadline is the rule set's answer days
    after ``offered_on`` unless given."""
    require_role(actor, *MEETING_ROLES)
    require_same_municipality(actor, dwelling, application, meeting)
    decision = _latest_decision(application)
    if decision is None or decision.outcome != DecisionOutcome.GRANTED:
        raise ValidationError(ERROR_NOT_WAITING)
    if deadline is None:
        rule_set = meeting.rule_set if meeting else rule_set_for(actor.municipality, offered_on)
        if rule_set is None:
            raise ValidationError(
                ERROR_NO_RULE_SET % {"date": formats.date_format(offered_on, "SHORT_DATE_FORMAT")}
            )
        deadline = offered_on + datetime.timedelta(days=rule_set.offer_answer_days)
    if deadline < offered_on:
        raise ValidationError({"deadline": ERROR_DEADLINE})
    try:
        with transaction.atomic():
            locked = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
            if locked.status != DwellingStatus.READY:
                raise ValidationError(ERROR_NOT_READY)
            if Offer.objects.filter(application=application, status=OfferStatus.ACCEPTED).exists():
                raise ValidationError(ERROR_HOUSEHOLD_HOUSED)
            offer = Offer.objects.create(
                municipality=actor.municipality,
                meeting=meeting,
                dwelling=locked,
                application=application,
                offered_on=offered_on,
                deadline=deadline,
                created_by=actor.user,
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=offer,
                changes={
                    "dwelling": [None, dwelling.pk],
                    "application": [None, application.number],
                    "deadline": [None, str(deadline)],
                },
            )
    except IntegrityError as exc:
        raise ValidationError(_offer_clash(dwelling, application)) from exc
    return offer


def _offer_clash(dwelling: Dwelling, application: Application) -> Any:
    if Offer.objects.filter(dwelling=dwelling, status=OfferStatus.OPEN).exists():
        return ERROR_DWELLING_OFFERED
    if Offer.objects.filter(application=application, status=OfferStatus.OPEN).exists():
        return ERROR_HOUSEHOLD_OFFERED
    return ERROR_HOUSEHOLD_HOUSED


def _lock_open(actor: Actor, offer: Offer) -> Offer:
    require_role(actor, *OFFER_ROLES)
    require_same_municipality(actor, offer)
    locked = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
    if locked.status != OfferStatus.OPEN:
        raise ValidationError(ERROR_NOT_OPEN % {"status": OfferStatus(locked.status).label.lower()})
    return locked


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def offer_answer_errors(
    *,
    offer: Offer,
    answered_on: datetime.date,
    late_answer_reason: str = "",
    lease_start: datetime.date | None = None,
) -> dict[str, Any]:
    """The domain's answer problems (``domain.offers``) as messages keyed by field,
    empty when the dates may stand. The services raise them; the answer forms show
    them beside their own checks, so a user meets every error in one round."""
    problems = answer_problems(
        offered_on=offer.offered_on,
        deadline=offer.deadline,
        answered_on=answered_on,
        today=timezone.localdate(),
        late_answer_reason=late_answer_reason,
        lease_start=lease_start,
    )
    messages = {
        AnswerProblem.BEFORE_OFFER: ERROR_ANSWER_BEFORE_OFFER,
        AnswerProblem.AFTER_TODAY: ERROR_ANSWER_AFTER_TODAY,
        AnswerProblem.LATE_WITHOUT_REASON: ERROR_LATE_ANSWER_REASON
        % {"date": _date(offer.deadline)},
        AnswerProblem.LEASE_BEFORE_ANSWER: ERROR_LEASE_BEFORE_ANSWER % {"date": _date(answered_on)},
    }
    return {field: messages[problem] for field, problem in problems.items()}


def _late_reason(offer: Offer, answered_on: datetime.date, reason: str) -> str:
    """The reason is kept only for an answer that was late."""
    return reason.strip() if is_answer_late(offer.deadline, answered_on) else ""


def _at_lease_start(exc: ValidationError) -> ValidationError:
    """The register's error about the lease's start (an overlap) under the name the
    answer gives that date."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {"lease_start" if f == "start" else f: errors for f, errors in exc.error_dict.items()}
    )


def _late_change(offer: Offer) -> dict[str, list[str | None]]:
    return (
        {"late_answer_reason": [None, offer.late_answer_reason]} if offer.late_answer_reason else {}
    )


def offer_accept(
    *,
    actor: Actor,
    offer: Offer,
    answered_on: datetime.date,
    lease_start: datetime.date,
    six_month_clause: bool = False,
    three_party_agreement: bool = False,
    late_answer_reason: str = "",
) -> Offer:
    """Accept: the offer is closed as accepted and a lease is drafted in the
    dwelling register for the length the decision granted (3 years by default).
    The dates must be possible (``domain.offers``): every problem is raised at once
    as a ValidationError keyed by field; an answer after the deadline needs
    ``late_answer_reason``."""
    require_role(actor, *OFFER_ROLES)
    require_same_municipality(actor, offer)
    errors = offer_answer_errors(
        offer=offer,
        answered_on=answered_on,
        late_answer_reason=late_answer_reason,
        lease_start=lease_start,
    )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock_open(actor, offer)
            decision = _latest_decision(locked.application)
            months = (decision.lease_months if decision else None) or DEFAULT_LEASE_MONTHS
            reason = decision.short_lease_reason if decision else ""
            locked.status = OfferStatus.ACCEPTED
            locked.answered_on = answered_on
            locked.answered_by = actor.user
            locked.late_answer_reason = _late_reason(locked, answered_on, late_answer_reason)
            locked.save(
                update_fields=["status", "answered_on", "answered_by", "late_answer_reason"]
            )
            try:
                lease: Lease = housing_services.lease_register(
                    actor=actor,
                    dwelling=locked.dwelling,
                    household=locked.application.household,
                    start=lease_start,
                    end=lease_end(lease_start, months),
                    short_lease_reason=reason,
                    six_month_clause=six_month_clause,
                    three_party_agreement=three_party_agreement,
                )
            except ValidationError as exc:
                raise _at_lease_start(exc) from exc
            locked.lease = lease
            locked.save(update_fields=["lease"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=locked,
                changes={
                    "status": [OfferStatus.OPEN, OfferStatus.ACCEPTED],
                    "lease": [None, lease.pk],
                    **_late_change(locked),
                },
            )
    except IntegrityError as exc:
        raise ValidationError(ERROR_HOUSEHOLD_HOUSED) from exc
    return locked


@transaction.atomic
def offer_decline(
    *,
    actor: Actor,
    offer: Offer,
    answered_on: datetime.date,
    reason: DeclineReason | None,
    note: str = "",
    late_answer_reason: str = "",
) -> Offer:
    """Decline with a coded reason: the household is back on the waiting list. When
    the rule set counts unreasonable declines and the limit is reached, the
    caseworker is notified to consider closing the case. The answer date follows
    the same rule as an acceptance; every problem is raised at once."""
    require_role(actor, *OFFER_ROLES)
    require_same_municipality(actor, offer)
    errors = offer_answer_errors(
        offer=offer, answered_on=answered_on, late_answer_reason=late_answer_reason
    )
    if reason is None:
        errors["reason"] = ERROR_REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    locked = _lock_open(actor, offer)
    require_same_municipality(actor, reason)
    locked.status = OfferStatus.DECLINED
    locked.answered_on = answered_on
    locked.answered_by = actor.user
    locked.decline_reason = reason
    locked.note = note.strip()
    locked.late_answer_reason = _late_reason(locked, answered_on, late_answer_reason)
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={
            "status": [OfferStatus.OPEN, OfferStatus.DECLINED],
            "reason": [None, reason.code],
            **_late_change(locked),
        },
    )
    _check_decline_limit(locked, answered_on)
    return locked


def unreasonable_declines(application: Application) -> int:
    return Offer.objects.filter(
        application=application,
        status=OfferStatus.DECLINED,
        decline_reason__unreasonable=True,
    ).count()


def _check_decline_limit(offer: Offer, on: datetime.date) -> None:
    rule_set = (offer.meeting.rule_set if offer.meeting else None) or rule_set_for(
        offer.municipality, on
    )
    limit = rule_set.max_unreasonable_declines if rule_set else None
    count = unreasonable_declines(offer.application)
    if limit and count >= limit:
        application = offer.application
        notify(
            municipality=offer.municipality,
            recipient=application.caseworker,
            kind=DECLINE_LIMIT_KIND,
            obj=application,
            due_on=on,
            message=_(
                "Case %(number)s has declined %(count)s offers without good reason; "
                "consider closing it with a decision."
            )
            % {"number": application.number, "count": count},
            link=reverse("cases:detail", args=[application.pk]),
        )


@transaction.atomic
def offer_withdraw(*, actor: Actor, offer: Offer, note: str = "") -> Offer:
    require_role(actor, *MEETING_ROLES)
    locked = _lock_open(actor, offer)
    locked.status = OfferStatus.WITHDRAWN
    locked.answered_on = timezone.localdate()
    locked.answered_by = actor.user
    locked.note = note.strip()
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"status": [OfferStatus.OPEN, OfferStatus.WITHDRAWN]},
    )
    return locked


def offers_expire(today: datetime.date) -> int:
    """The daily job: open offers whose deadline has passed expire, the household
    is back on the list and the dwelling goes to the next meeting. Idempotent."""
    expired = 0
    for offer in Offer.objects.filter(status=OfferStatus.OPEN, deadline__lt=today).select_related(
        "application"
    ):
        with transaction.atomic():
            updated = Offer.objects.filter(pk=offer.pk, status=OfferStatus.OPEN).update(
                status=OfferStatus.EXPIRED, answered_on=today
            )
            if not updated:
                continue
            expired += 1
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=offer,
                changes={"status": [OfferStatus.OPEN, OfferStatus.EXPIRED]},
            )
            notify(
                municipality=offer.municipality,
                recipient=offer.created_by,
                kind=EXPIRED_KIND,
                obj=offer,
                due_on=today,
                message=_("The offer of %(dwelling)s to case %(number)s expired unanswered.")
                % {"dwelling": offer.dwelling, "number": offer.application.number},
                link=reverse("allocation:offer_detail", args=[offer.pk]),
            )
    return expired
