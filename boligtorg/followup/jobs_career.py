"""The housing career's daily job (listed in ``boligtorg.core.daily``): reminders to
the case's coordinator (or, without one, its caseworker) when a condition review,
a transition assessment or a lease-end review is due. Idempotent: the
notification's unique constraint (kind, object, day) lets a second run make none;
``core.notifications.notify`` also e-mails each reminder once."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Exists, F, Model, OuterRef, Q
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from boligtorg.cases.models import Application, DecisionOutcome, DwellingType
from boligtorg.core.notifications import notify, scoped
from boligtorg.domain import housing_career as rules
from boligtorg.housing.models import Lease

from . import selectors_career as selectors
from .models import ConditionReview, DecisionCondition, TransitionAssessment

CONDITION_KIND = "career_condition_review"
ASSESSMENT_KIND = "career_transition_assessment"
LEASE_END_KIND = "career_lease_end_review"


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _notify(
    *,
    application: Application,
    kind: str,
    obj: Model,
    due_on: datetime.date,
    message: str,
) -> int:
    made = notify(
        municipality=application.municipality,
        kind=kind,
        obj=obj,
        due_on=due_on,
        message=message,
        recipient=application.coordinator or application.caseworker,
        link=reverse("followup:case_career", args=[application.pk]),
    )
    return int(made is not None)


def _condition_reminders(today: datetime.date) -> int:
    horizon = today + datetime.timedelta(days=rules.CONDITION_REVIEW_LEAD_DAYS)
    # A review made in the week before the review day already covers it.
    covered = ConditionReview.objects.filter(
        condition=OuterRef("pk"),
        reviewed_on__gte=F("condition__next_review_on")
        - datetime.timedelta(days=rules.CONDITION_REVIEW_LEAD_DAYS),
    )
    conditions = (
        scoped(
            DecisionCondition.objects.filter(next_review_on__lte=horizon),
            "decision__application__municipality",
        )
        .filter(~Exists(covered))
        .select_related("decision__application")
        .order_by("next_review_on", "pk")
    )
    made = 0
    for condition in conditions:
        application = condition.decision.application
        made += _notify(
            application=application,
            kind=CONDITION_KIND,
            obj=condition,
            due_on=condition.next_review_on,
            message=_("Review the condition «%(text)s» in case %(case)s by %(date)s.")
            % {
                "text": condition.text[:80],
                "case": application.number,
                "date": _date(condition.next_review_on),
            },
        )
    return made


def _case_of(lease: Lease) -> Application | None:
    """The household's latest case: the one that follows the tenancy up."""
    return (
        Application.objects.filter(household_id=lease.household_id)
        .order_by("-received_on", "-pk")
        .first()
    )


def _transition_candidates(today: datetime.date) -> Iterator[Lease]:
    """Open leases marked as transition periods, or of households granted a
    transition dwelling; which of the latter is one ``selectors.transition_end``
    decides."""
    granted = Application.objects.filter(
        household_id=OuterRef("household_id"),
        decisions__outcome=DecisionOutcome.GRANTED,
        decisions__dwelling_type=DwellingType.TRANSITION,
    )
    horizon = today + datetime.timedelta(days=rules.ASSESSMENT_LEAD_DAYS)
    return (
        scoped(Lease.objects.filter(terminated_on__isnull=True, renewal__isnull=True))
        .filter(
            Q(transition_period__ends_on__lte=horizon)
            | (Q(transition_period__isnull=True, end__lte=horizon) & Exists(granted))
        )
        .select_related("dwelling", "transition_period")
        .order_by("end", "pk")
        .iterator()
    )


def _assessment_reminders(today: datetime.date) -> int:
    made = 0
    for lease in _transition_candidates(today):
        period_end = selectors.lease_transition_end(lease)
        if period_end is None:
            continue
        assessed = TransitionAssessment.objects.filter(
            lease=lease, period_ends_on__gte=period_end
        ).exists()
        application = _case_of(lease)
        if application is None or not rules.assessment_is_due(period_end, today, assessed):
            continue
        made += _notify(
            application=application,
            kind=ASSESSMENT_KIND,
            obj=lease,
            due_on=rules.assessment_due_on(period_end),
            message=_(
                "Assess the tenancy capacity of case %(case)s: the transition period in "
                "%(dwelling)s ends on %(date)s."
            )
            % {"case": application.number, "dwelling": lease.dwelling, "date": _date(period_end)},
        )
    return made


def _lease_end_reminders(today: datetime.date) -> int:
    horizon = today + datetime.timedelta(days=rules.LEASE_END_REVIEW_LEAD_DAYS)
    leases = (
        scoped(
            Lease.objects.filter(
                terminated_on__isnull=True,
                renewal__isnull=True,
                end_review__isnull=True,
                end__gte=today,
                end__lte=horizon,
            )
        )
        .select_related("dwelling")
        .order_by("end", "pk")
    )
    made = 0
    for lease in leases:
        application = _case_of(lease)
        if application is None:
            continue
        made += _notify(
            application=application,
            kind=LEASE_END_KIND,
            obj=lease,
            due_on=rules.lease_end_review_due_on(lease.end),
            message=_(
                "Review the lease of %(dwelling)s with case %(case)s: renew or move on. "
                "It ends on %(date)s."
            )
            % {"case": application.number, "dwelling": lease.dwelling, "date": _date(lease.end)},
        )
    return made


def career_reminders(today: datetime.date) -> int:
    """Notify the coordinator (or caseworker) of each case with a condition review,
    a transition assessment or a lease-end review due (``domain.housing_career``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return (
            _condition_reminders(today) + _assessment_reminders(today) + _lease_end_reminders(today)
        )
