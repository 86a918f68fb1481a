"""Reads of the housing career: the conditions of a decision, the leases of a case
with their transition periods and reviews, and a person's chain of tenures.

Every read of a person's data goes through ``application_for_career`` or
``person_for_career``, which check access to the case and write the audit event."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from boligtorg.cases import access
from boligtorg.cases.models import (
    Application,
    Decision,
    DecisionOutcome,
    DwellingType,
    HouseholdMember,
    Person,
)
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import Actor, get_for_actor
from boligtorg.domain import housing_career as rules
from boligtorg.housing.models import Lease

from .models import (
    ConditionReview,
    DecisionCondition,
    HousingTenure,
    LeaseEndReview,
    TenureKind,
    TransitionAssessment,
    TransitionPeriod,
)

# Access -------------------------------------------------------------------------


def application_for_career(*, actor: Actor, pk: int, edit: bool = False) -> Application:
    """The case for its career pages: 404 outside the municipality, 403 without
    access (edit access when ``edit``); the read is audited."""
    if edit:
        return access.application_for_edit(actor=actor, pk=pk, audit=True)
    return access.application_get(actor=actor, pk=pk)


def decision_for_career(*, actor: Actor, pk: int, edit: bool = False) -> Decision:
    """A decision of the actor's municipality, its case read (and audited) with access."""
    if actor.municipality is None:
        raise Http404
    decision = (
        Decision.objects.filter(pk=pk, application__municipality=actor.municipality)
        .select_related("application")
        .first()
    )
    if decision is None:
        raise Http404
    decision.application = application_for_career(
        actor=actor, pk=decision.application_id, edit=edit
    )
    return decision


def condition_for_career(*, actor: Actor, pk: int, edit: bool = False) -> DecisionCondition:
    condition = get_for_actor(DecisionCondition.objects.select_related("decision"), actor, pk=pk)
    condition.decision = decision_for_career(actor=actor, pk=condition.decision_id, edit=edit)
    return condition


def lease_of_case(*, application: Application, lease_id: int) -> Lease:
    """A lease of the case's household; 404 for any other (another household's or
    another municipality's)."""
    lease = (
        Lease.objects.filter(
            pk=lease_id,
            municipality_id=application.municipality_id,
            household_id=application.household_id,
        )
        .select_related("dwelling", "household", "renewal_of")
        .first()
    )
    if lease is None:
        raise Http404
    return lease


def _applications_of(person: Person) -> QuerySet[Application]:
    return Application.objects.filter(
        municipality_id=person.municipality_id, household__members__person=person
    ).distinct()


def person_for_career(*, actor: Actor, pk: int, audit: bool = True) -> Person:
    """A person whose housing career the actor may read: those who read every case
    (``cases.access.READ_ROLES``) and the team of one of the person's cases. 404
    outside the municipality; the read is audited."""
    person = get_for_actor(Person.objects.all(), actor, pk=pk)
    readers = actor.has_role(*access.READ_ROLES)
    if not readers and not any(
        access.is_team_member(actor, case) for case in _applications_of(person)
    ):
        raise PermissionDenied
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=person)
    return person


def can_edit_person(actor: Actor, person: Person) -> bool:
    """Caseworkers, and the coordinator of one of the person's cases."""
    if actor.has_role(Role.CASEWORKER):
        return True
    return _applications_of(person).filter(coordinator_id=actor.user.pk).exists()


# Transition leases --------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdContext:
    """What decides which leases of a household are transition dwellings."""

    decisions: tuple[rules.DecisionAtDate, ...]
    starts: tuple[tuple[int, datetime.date], ...]  # (lease id, start) of non-renewals


def household_context(household_ids: list[int], leases: list[Lease]) -> dict[int, Any]:
    """Per household: its granted decisions and the starts of its first leases (one query)."""
    decisions = Decision.objects.filter(
        application__household_id__in=household_ids, outcome=DecisionOutcome.GRANTED
    ).values_list("application__household_id", "decided_on", "dwelling_type")
    by_household: dict[int, list[rules.DecisionAtDate]] = {pk: [] for pk in household_ids}
    for household_id, decided_on, dwelling_type in decisions:
        by_household[household_id].append(
            rules.DecisionAtDate(decided_on, dwelling_type == DwellingType.TRANSITION)
        )
    return {
        pk: HouseholdContext(
            tuple(by_household[pk]),
            tuple(
                (lease.pk, lease.start)
                for lease in leases
                if lease.household_id == pk and lease.renewal_of_id is None
            ),
        )
        for pk in household_ids
    }


def marked_period(lease: Lease) -> TransitionPeriod | None:
    try:
        return lease.transition_period
    except TransitionPeriod.DoesNotExist:
        return None


def transition_end(lease: Lease, context: HouseholdContext) -> datetime.date | None:
    """The day the lease's transition period ends, or None when it is no transition
    lease: the mark's day, else the lease's end when a transition decision granted it."""
    period = marked_period(lease)
    if period is not None:
        return period.ends_on
    implied = rules.lease_is_transition(
        lease_start=lease.start,
        is_renewal=lease.renewal_of_id is not None,
        decisions=context.decisions,
        other_lease_starts=[start for pk, start in context.starts if pk != lease.pk],
    )
    return lease.effective_end if implied else None


def lease_transition_end(lease: Lease) -> datetime.date | None:
    """``transition_end`` for one lease, with its household's context, read afresh
    (a cached mark may have moved since the lease was fetched)."""
    leases = list(
        Lease.objects.filter(household_id=lease.household_id).select_related("transition_period")
    )
    fresh = next(row for row in leases if row.pk == lease.pk)
    context = household_context([lease.household_id], leases)[lease.household_id]
    return transition_end(fresh, context)


def has_renewal(lease: Lease) -> bool:
    return Lease.objects.filter(renewal_of=lease).exists()


# The case's career page ---------------------------------------------------------


@dataclass
class LeaseRow:
    lease: Lease
    transition_end: datetime.date | None
    assessment: TransitionAssessment | None
    assessment_due: bool
    end_review: LeaseEndReview | None
    end_review_due: bool
    is_open: bool  # neither terminated nor renewed: a review can still be made


@dataclass
class CaseCareer:
    decisions: list[Decision]
    leases: list[LeaseRow]
    members: list[HouseholdMember] = field(default_factory=list)


def _conditions_prefetch() -> Prefetch:
    return Prefetch(
        "tracked_conditions",
        queryset=DecisionCondition.objects.prefetch_related(
            Prefetch("reviews", queryset=ConditionReview.objects.select_related("reviewed_by"))
        ),
    )


def _lease_rows(leases: list[Lease], context: HouseholdContext, today: datetime.date) -> list[Any]:
    renewed = {lease.renewal_of_id for lease in leases if lease.renewal_of_id}
    rows = []
    for lease in leases:
        end = transition_end(lease, context)
        assessments = list(lease.assessments.all())
        current = next((a for a in assessments if end and a.period_ends_on >= end), None)
        review = end_review_of(lease)
        is_open = lease.terminated_on is None and lease.pk not in renewed
        rows.append(
            LeaseRow(
                lease=lease,
                transition_end=end,
                assessment=current or (assessments[0] if assessments else None),
                assessment_due=bool(
                    end and is_open and rules.assessment_is_due(end, today, current is not None)
                ),
                end_review=review,
                end_review_due=is_open
                and rules.lease_end_review_is_due(lease.end, today, review is not None),
                is_open=is_open,
            )
        )
    return rows


def end_review_of(lease: Lease) -> LeaseEndReview | None:
    try:
        return lease.end_review
    except LeaseEndReview.DoesNotExist:
        return None


def case_career(*, application: Application, today: datetime.date) -> CaseCareer:
    """The case's granted decisions with their conditions, the household's leases
    newest first with transition periods, assessments and reviews, and the members."""
    decisions = list(
        Decision.objects.filter(application=application, outcome=DecisionOutcome.GRANTED)
        .prefetch_related(_conditions_prefetch())
        .order_by("-decided_on", "-pk")
    )
    leases = list(
        Lease.objects.filter(household_id=application.household_id)
        .select_related("dwelling", "transition_period", "end_review")
        .prefetch_related("assessments")
        .order_by("-start", "-pk")
    )
    context = household_context([application.household_id], leases)[application.household_id]
    members = list(
        HouseholdMember.objects.filter(household_id=application.household_id)
        .select_related("person")
        .order_by("relation", "person__last_name", "pk")
    )
    return CaseCareer(decisions, _lease_rows(leases, context, today), members)


def decision_conditions(*, decision: Decision) -> list[DecisionCondition]:
    """The tracked conditions of a decision, each with its reviews newest first."""
    return list(
        DecisionCondition.objects.filter(decision=decision).prefetch_related(
            Prefetch("reviews", queryset=ConditionReview.objects.select_related("reviewed_by"))
        )
    )


# A person's housing career ------------------------------------------------------


@dataclass(frozen=True)
class CareerEntry:
    step: rules.CareerStep
    label: str
    lease: Lease | None = None
    tenure: HousingTenure | None = None


def person_tenures(person: Person) -> QuerySet[HousingTenure]:
    return HousingTenure.objects.filter(person=person)


def housing_career(*, person: Person) -> list[CareerEntry]:
    """The person's chain of tenures newest first: the municipality's leases of the
    households the person belongs to (a transition dwelling or a municipal one, a
    lease and its renewals as one), and the tenures recorded by hand."""
    household_ids = list(
        HouseholdMember.objects.filter(person=person).values_list("household_id", flat=True)
    )
    leases = list(
        Lease.objects.filter(household_id__in=household_ids, municipality_id=person.municipality_id)
        .select_related("dwelling", "transition_period")
        .order_by("start", "pk")
    )
    contexts = household_context(household_ids, leases)
    stays: list[rules.Stay] = []
    by_key: dict[str, Lease | HousingTenure] = {}
    for lease in leases:
        transition = transition_end(lease, contexts[lease.household_id]) is not None
        kind = rules.TenureKind.TRANSITION if transition else rules.TenureKind.MUNICIPAL
        key = f"lease:{lease.pk}"
        by_key[key] = lease
        place = str(lease.dwelling)
        stays.append(rules.Stay(kind, lease.start, lease.effective_end, place, key))
    for tenure in person_tenures(person):
        key = f"tenure:{tenure.pk}"
        by_key[key] = tenure
        stays.append(
            rules.Stay(
                rules.TenureKind(tenure.kind),
                tenure.started_on,
                tenure.ended_on,
                tenure.address,
                key,
            )
        )
    entries = []
    for step in rules.career_timeline(stays):
        row = by_key[step.stay.key]
        entries.append(
            CareerEntry(
                step=step,
                label=str(TenureKind(step.stay.kind).label),
                lease=row if isinstance(row, Lease) else None,
                tenure=row if isinstance(row, HousingTenure) else None,
            )
        )
    return entries


def person_cases(*, actor: Actor, person: Person) -> list[Application]:
    """The person's cases the actor may read, for the links back."""
    applications = list(_applications_of(person).select_related("applicant").order_by("-pk"))
    return [a for a in applications if access.can_read(actor, a)]
