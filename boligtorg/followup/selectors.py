"""Reads of follow-up for pages and the API: a plan as its team member may see it,
a worker's agenda, and the early-warning list with each tenancy's risk explained.

The risk of many tenancies is computed from one query that brings each lease's
signals as annotations; the score itself is ``boligtorg.domain.risk``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from boligtorg.cases.models import Application, HouseholdMember
from boligtorg.core.models import Municipality, User
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.risk import (
    SIX_MONTH_CLAUSE_MONTHS,
    Level,
    Risk,
    RiskWeights,
    Signals,
    clauses_due,
    months_in_arrears,
    risk_score,
)
from boligtorg.finance.selectors.servicer import MissedWarning, missed_instalment_warnings
from boligtorg.housing.models import Lease
from boligtorg.housing.services import running_from

from .access import WARNING_READ_ROLES, hidden_goal_areas
from .models import (
    ArrearsEntry,
    Complaint,
    FollowUpPlan,
    Goal,
    GoalReview,
    GoalStatus,
    PreventionCase,
    RiskRules,
    Visit,
    VisitStatus,
)
from .models.plans import SPECIAL_GOAL_AREAS
from .services.warnings import risk_rules_for


def weights_of(rules: RiskRules) -> RiskWeights:
    return RiskWeights(
        points_per_month_in_arrears=rules.points_per_month_in_arrears,
        arrears_months_cap=rules.arrears_months_cap,
        payment_plan_relief_percent=rules.payment_plan_relief_percent,
        points_per_complaint=rules.points_per_complaint,
        points_per_missed_visit=rules.points_per_missed_visit,
        points_clause_due=rules.points_clause_due,
        watch_from=rules.watch_from,
        high_from=rules.high_from,
    )


# --- Plans -------------------------------------------------------------------


@dataclass(frozen=True)
class PlanView:
    plan: FollowUpPlan
    goals: list[Goal]
    hidden_goals: int
    upcoming_visits: list[Visit]
    past_visits: list[Visit]


def plan_read(*, actor: Actor, plan: FollowUpPlan) -> PlanView:
    """The plan's goals (each with its reviews, newest first) and visits. Goals in
    an area the actor may not see are left out and counted. The caller has
    checked that the actor is on the case team."""
    hidden = hidden_goal_areas(actor, plan)
    goals = list(
        plan.goals.select_related("responsible").prefetch_related(
            Prefetch("reviews", GoalReview.objects.select_related("reviewed_by"))
        )
    )
    visits = list(plan.visits.select_related("worker"))
    now = timezone.now()
    return PlanView(
        plan=plan,
        goals=[g for g in goals if g.area not in hidden],
        hidden_goals=sum(1 for g in goals if g.area in hidden),
        upcoming_visits=sorted(
            (v for v in visits if v.status == VisitStatus.PLANNED and v.planned_at >= now),
            key=lambda v: v.planned_at,
        ),
        past_visits=[
            v for v in visits if not (v.status == VisitStatus.PLANNED and v.planned_at >= now)
        ],
    )


def _team_plans(actor: Actor) -> QuerySet[FollowUpPlan]:
    user = actor.user
    return FollowUpPlan.objects.filter(municipality=actor.municipality).filter(
        Q(application__caseworker=user)
        | Q(application__coordinator=user)
        | Q(application__team__user=user)
    )


def my_plan_list(*, actor: Actor, include_ended: bool = False) -> QuerySet[FollowUpPlan]:
    """The plans of the cases whose team the actor is on."""
    plans = FollowUpPlan.objects.filter(pk__in=_team_plans(actor).values("pk"))
    if not include_ended:
        plans = plans.filter(ended_on__isnull=True)
    return plans.select_related(
        "application", "application__applicant", "lease", "lease__dwelling"
    ).order_by("application__applicant__last_name", "application__number")


def team_users(application: Application) -> QuerySet[User]:
    """The case team as users: caseworker, coordinator and team members."""
    ids = {application.caseworker_id, application.coordinator_id} - {None}
    ids |= set(application.team.values_list("user_id", flat=True))
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


def plan_for_case(*, application: Application) -> FollowUpPlan | None:
    return FollowUpPlan.objects.filter(application=application).first()


def household_leases(*, application: Application) -> QuerySet[Lease]:
    """The household's leases, newest first: what a plan can follow up."""
    return (
        Lease.objects.filter(
            municipality_id=application.municipality_id, household_id=application.household_id
        )
        .select_related("dwelling")
        .order_by("-start")
    )


# --- The agenda ----------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    unrecorded: list[Visit]
    coming: list[Visit]
    reviews_due: list[Goal]
    until: datetime.date


def agenda_read(*, actor: Actor, weeks: int = 4, now: datetime.datetime | None = None) -> Agenda:
    """The worker's visits of the coming ``weeks``, the past visits not yet recorded
    (flagged: done or missed?), and the goal reviews due by then in the plans of
    the actor's case teams (health goals only where consent covers them)."""
    require_role(actor)
    now = now or timezone.now()
    until = timezone.localtime(now).date() + datetime.timedelta(weeks=weeks)
    visits = Visit.objects.filter(
        municipality=actor.municipality, worker=actor.user, status=VisitStatus.PLANNED
    ).select_related("plan__application__applicant", "plan__lease__dwelling")
    end = now + datetime.timedelta(weeks=weeks)
    goals = (
        Goal.objects.filter(
            plan__in=_team_plans(actor).filter(ended_on__isnull=True),
            status=GoalStatus.OPEN,
            next_review_on__lte=until,
        )
        .select_related("plan__application__applicant", "plan__application")
        .order_by("next_review_on", "pk")
    )
    hidden: dict[int, frozenset[str]] = {}
    reviews_due = []
    for goal in goals:
        # Consent is looked up only for the plans that have special-category goals.
        if goal.area in SPECIAL_GOAL_AREAS and goal.plan_id not in hidden:
            hidden[goal.plan_id] = hidden_goal_areas(actor, goal.plan)
        if goal.area not in hidden.get(goal.plan_id, frozenset()):
            reviews_due.append(goal)
    return Agenda(
        unrecorded=list(visits.filter(planned_at__lt=now).order_by("planned_at")),
        coming=list(visits.filter(planned_at__gte=now, planned_at__lt=end).order_by("planned_at")),
        reviews_due=reviews_due,
        until=until,
    )


# --- Early warning -------------------------------------------------------------


@dataclass(frozen=True)
class TenancyRisk:
    lease: Lease
    risk: Risk
    arrears: Decimal
    prevention: PreventionCase | None


def _signal_queryset(today: datetime.date, rules: RiskRules) -> QuerySet[Lease]:
    since = today - datetime.timedelta(days=rules.window_days)
    start_of_window = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    latest = ArrearsEntry.objects.filter(lease=OuterRef("pk"), as_of__lte=today).order_by(
        "-as_of", "-pk"
    )
    complaints = (
        Complaint.objects.filter(lease=OuterRef("pk"), received_on__gte=since)
        .order_by()
        .values("lease")
        .annotate(n=Count("pk"))
        .values("n")
    )
    missed = (
        Visit.objects.filter(
            plan__lease=OuterRef("pk"),
            status=VisitStatus.MISSED,
            planned_at__gte=start_of_window,
        )
        .order_by()
        .values("plan__lease")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Lease.objects.annotate(
        arrears_owed=Subquery(latest.values("amount")[:1]),
        complaint_count=Coalesce(Subquery(complaints, output_field=IntegerField()), Value(0)),
        missed_count=Coalesce(Subquery(missed, output_field=IntegerField()), Value(0)),
        is_renewed=Exists(Lease.objects.filter(renewal_of=OuterRef("pk"))),
    ).prefetch_related(
        Prefetch(
            "prevention_cases",
            PreventionCase.objects.filter(closed_on__isnull=True),
            to_attr="open_prevention",
        ),
    )


# What the household's label needs (``housing_tags.household_name``): fetched for the
# rows shown, not for every running tenancy.
HOUSEHOLD_PREFETCH = (
    Prefetch("household__members", HouseholdMember.objects.select_related("person")),
    "household__applications",
)


def with_households(rows: Sequence[TenancyRisk]) -> Sequence[TenancyRisk]:
    """Fetch the tenant households of ``rows`` (a page of the warning list) in two
    queries."""
    prefetch_related_objects([row.lease for row in rows], *HOUSEHOLD_PREFETCH)
    return rows


def _assess(lease: Lease, today: datetime.date, rules: RiskRules) -> TenancyRisk:
    open_cases = getattr(lease, "open_prevention", [])
    prevention = open_cases[0] if open_cases else None
    owed = lease.arrears_owed or Decimal(0)  # type: ignore[attr-defined]
    signals = Signals(
        months_in_arrears=months_in_arrears(owed, lease.rent),
        payment_plan_kept=bool(prevention and prevention.payment_plan_kept_on(today)),
        complaints=lease.complaint_count,  # type: ignore[attr-defined]
        missed_visits=lease.missed_count,  # type: ignore[attr-defined]
        clauses_due=clauses_due(
            today=today,
            start=lease.start,
            end=lease.terminated_on or lease.end,
            six_month_clause=lease.six_month_clause,
            renewed=lease.is_renewed,  # type: ignore[attr-defined]
            within_days=rules.clause_due_days,
        ),
    )
    return TenancyRisk(
        lease=lease,
        risk=risk_score(signals, weights_of(rules)),
        arrears=owed,
        prevention=prevention,
    )


def tenancy_risk(*, lease: Lease, today: datetime.date | None = None) -> TenancyRisk:
    """One tenancy's risk with each contribution explained."""
    today = today or timezone.localdate()
    rules = risk_rules_for(lease.municipality, today)
    annotated = (
        _signal_queryset(today, rules)
        .select_related("dwelling", "household")
        .prefetch_related(*HOUSEHOLD_PREFETCH)
        .get(pk=lease.pk)
    )
    return _assess(annotated, today, rules)


def _any_signal(today: datetime.date, rules: RiskRules) -> Q:
    """Leases with at least one signal the score counts; the others score 0, so the
    database leaves them out (most tenancies are quiet)."""
    horizon = today + datetime.timedelta(days=rules.clause_due_days)
    # A lease whose six-month point falls in [today, horizon] started about six
    # months before; a few days' margin on each side, the domain rule decides.
    margin = datetime.timedelta(days=3)
    earliest = add_months(today, -SIX_MONTH_CLAUSE_MONTHS) - margin
    latest = add_months(horizon, -SIX_MONTH_CLAUSE_MONTHS) + margin
    return (
        Q(arrears_owed__gt=0)
        | Q(complaint_count__gt=0)
        | Q(missed_count__gt=0)
        | Q(six_month_clause=True, start__range=(earliest, latest))
        | Q(end__lte=horizon)
        | Q(terminated_on__lte=horizon)
    )


def tenancy_risks(*, municipality: Municipality, today: datetime.date) -> list[TenancyRisk]:
    """The running tenancies of the municipality that have a signal, with their
    risk under the rules valid ``today`` (for the warning list and the daily
    reminders); a tenancy left out scores 0."""
    rules = risk_rules_for(municipality, today)
    leases = (
        _signal_queryset(today, rules)
        .filter(running_from(today), municipality=municipality, start__lte=today)
        .filter(_any_signal(today, rules))
        .select_related("dwelling", "household")
    )
    return [_assess(lease, today, rules) for lease in leases]


def warning_list(
    *, actor: Actor, today: datetime.date | None = None, level: str = ""
) -> list[TenancyRisk]:
    """The running tenancies with any risk, highest first (then most owed);
    ``level`` keeps only watch or high. The tenant households are not fetched
    (``with_households`` does that for a page)."""
    require_role(actor, *WARNING_READ_ROLES)  # also: the actor acts in a municipality
    municipality = cast(Municipality, actor.municipality)
    rows = tenancy_risks(municipality=municipality, today=today or timezone.localdate())
    wanted = {Level.HIGH} if level == Level.HIGH else {Level.HIGH, Level.WATCH} if level else None
    rows = [
        row for row in rows if row.risk.score > 0 and (wanted is None or row.risk.level in wanted)
    ]
    rows.sort(key=lambda row: (-row.risk.score, -row.arrears, row.lease.pk))
    return rows


@dataclass(frozen=True)
class LoanWarnings:
    """Start-loan borrowers with missed instalments, beside the tenancies: an owned
    home has no lease, rent or clauses, so it cannot be a row of the tenancy score."""

    rows: list[MissedWarning]
    since: datetime.date
    window_days: int


def loan_warnings(*, actor: Actor, today: datetime.date | None = None) -> LoanWarnings:
    """The households whose loan servicer reported a missed instalment within the
    risk rules' window (the days back that complaints and missed visits count),
    most missed first."""
    require_role(actor, *WARNING_READ_ROLES)
    municipality = cast(Municipality, actor.municipality)
    today = today or timezone.localdate()
    window = risk_rules_for(municipality, today).window_days
    since = today - datetime.timedelta(days=window)
    return LoanWarnings(
        rows=missed_instalment_warnings(municipality=municipality, since=since),
        since=since,
        window_days=window,
    )


def risk_rule_periods(*, actor: Actor) -> QuerySet[RiskRules]:
    """The municipality's risk rules, newest period first."""
    require_role(actor)
    return RiskRules.objects.filter(municipality=actor.municipality).order_by("-valid_from")


def tenancy_signals(*, lease: Lease) -> dict[str, object]:
    """The tenancy's arrears history, complaints, prevention cases and plans."""
    return {
        "arrears": list(lease.arrears.select_related("recorded_by")[:24]),
        "complaints": list(lease.complaints.all()[:50]),
        "prevention_cases": list(lease.prevention_cases.select_related("opened_by")),
        "plans": list(lease.followup_plans.select_related("application")),
    }
