"""Synthetic demo data of follow-up (loaded by ``boligtorg.core.demo``): the demo
follow-up worker joins the teams of two households that have moved in, with a
plan each, visits done, missed and coming, and early-warning signals: one
household owes rent and has a payment plan, the other has complaints."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.services.team import coordinator_set, team_member_add
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Lease

from .models import FollowUpPlan, GoalArea, Progress, VisitKind, VisitStatus
from .services import plans, warnings

FOLLOWUP_WORKERS = {"5001": "fatima", "746": "mads"}
SERVICE = {"NO": "Bomiljøtjenesten", "DK": "Boligsocial indsats"}

GOALS = {
    "NO": (
        (GoalArea.ECONOMY, "Betale husleia innen den 1. hver måned.", "NAV", 21),
        (GoalArea.DAILY_ACTIVITY, "Møte på skolen hver dag.", "Oppfølgingstjenesten", 35),
        (GoalArea.NETWORK, "Bli med i fotballaget på Lade.", "Frivilligsentralen", 49),
    ),
    "DK": (
        (GoalArea.ECONOMY, "Betale husleje senest den 1. i måneden.", "Jobcenter", 21),
        (GoalArea.DAILY_ACTIVITY, "Møde i skole hver dag.", "Ungeindsatsen", 35),
        (GoalArea.NETWORK, "Blive medlem af den lokale fodboldklub.", "Frivilligcenter", 49),
    ),
}
TEXTS = {
    "NO": {
        "summary": "Beholde leiligheten og fullføre skolen.",
        "review": "Betalt to av tre måneder i tide.",
        "prevention": "To måneder ubetalt husleie.",
        "complaints": ("Høy musikk etter midnatt.", "Søppel i trappeoppgangen."),
    },
    "DK": {
        "summary": "Beholde lejligheden og gøre skolen færdig.",
        "review": "Betalt to ud af tre måneder til tiden.",
        "prevention": "To måneders ubetalt husleje.",
        "complaints": ("Høj musik efter midnat.", "Affald i opgangen."),
    },
}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(municipality: Municipality, caseworker: User) -> int:
    """Once per municipality: two plans. Returns the number of plans made."""
    username = FOLLOWUP_WORKERS.get(municipality.code)
    worker = User.objects.filter(username=username).first()
    if worker is None or FollowUpPlan.objects.filter(municipality=municipality).exists():
        return 0
    today = timezone.localdate()
    office = Actor(user=caseworker, municipality=municipality, roles=frozenset({Role.CASEWORKER}))
    follow_up = Actor(
        user=worker, municipality=municipality, roles=frozenset({Role.FOLLOWUP_WORKER})
    )
    leases = list(
        Lease.objects.filter(municipality=municipality, terminated_on__isnull=True)
        .select_related("household", "dwelling")
        .order_by("start")[:2]
    )
    country = municipality.country if municipality.country in TEXTS else "NO"
    texts, goals = TEXTS[country], GOALS[country]
    made = 0
    for index, lease in enumerate(leases):
        application = lease.household.applications.order_by("pk").first()
        if application is None:
            continue
        team_member_add(
            actor=office,
            application=application,
            user=worker,
            service=SERVICE[country],
        )
        coordinator_set(actor=office, application=application, coordinator=worker)
        # Started 90 days ago, or when the household moved in if that was later.
        start = max(
            lease.start, application.received_on or lease.start, today - datetime.timedelta(days=90)
        )
        plan = plans.plan_create(
            actor=follow_up,
            application=application,
            started_on=start,
            lease=lease,
            summary=texts["summary"],
        )
        for area, text, service, days in goals[: 2 + index]:
            goal = plans.goal_add(
                actor=follow_up,
                plan=plan,
                area=area,
                description=text,
                responsible_service=service,
                next_review_on=start + datetime.timedelta(days=days),
            )
            if goal.next_review_on < today:
                plans.goal_review_record(
                    actor=follow_up,
                    goal=goal,
                    reviewed_on=goal.next_review_on,
                    progress=Progress.SOME,
                    notes=texts["review"],
                    next_review_on=today + datetime.timedelta(days=days),
                )
        for days, kind, status in (
            (-20, VisitKind.HOME_VISIT, VisitStatus.DONE),
            (-6, VisitKind.HOME_VISIT, VisitStatus.MISSED if index == 0 else VisitStatus.DONE),
            (-1, VisitKind.PHONE, None),
            (5, VisitKind.HOME_VISIT, None),
            (19, VisitKind.MEETING, None),
        ):
            when = today + datetime.timedelta(days=days)
            if when < start:
                continue
            visit = plans.visit_plan(
                actor=follow_up,
                plan=plan,
                planned_at=_at(when, 10 + index),
                kind=kind,
                worker=worker,
            )
            if status is not None:
                plans.visit_record(actor=follow_up, visit=visit, status=status)
        made += 1
        if index == 0:
            warnings.arrears_record(
                actor=follow_up,
                lease=lease,
                as_of=today - datetime.timedelta(days=40),
                amount=Decimal(0),
            )
            warnings.arrears_record(
                actor=follow_up,
                lease=lease,
                as_of=today - datetime.timedelta(days=3),
                amount=lease.rent * 2,
            )
            case = warnings.prevention_open(
                actor=follow_up,
                lease=lease,
                opened_on=today - datetime.timedelta(days=2),
                reason=texts["prevention"],
            )
            warnings.prevention_update(
                actor=follow_up,
                case=case,
                version=case.version,
                contact_made_on=today - datetime.timedelta(days=2),
                referral="financial_advice",
                referred_on=today - datetime.timedelta(days=1),
            )
        else:
            for days, summary in zip((-30, -8), texts["complaints"], strict=True):
                warnings.complaint_record(
                    actor=follow_up,
                    lease=lease,
                    received_on=max(lease.start, today + datetime.timedelta(days=days)),
                    source="neighbour",
                    summary=summary,
                )
    return made
