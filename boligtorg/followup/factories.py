"""Factories of follow-up plans and visits; the plan's lease is its household's."""

from __future__ import annotations

import datetime

from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Application
from boligtorg.core.models import Municipality, User
from boligtorg.housing.factories import LeaseFactory
from boligtorg.housing.models import Lease

from .models import FollowUpPlan, Goal, GoalArea, Visit


def plan_for(
    *,
    municipality: Municipality,
    application: Application | None = None,
    lease: Lease | None = None,
    with_lease: bool = True,
    coordinator: User | None = None,
    started_on: datetime.date | None = None,
) -> FollowUpPlan:
    """A plan of a (new) case whose household has a running lease, started a
    month ago; ``coordinator`` is put on the case as its coordinator."""
    if application is None:
        application = ApplicationFactory(municipality=municipality, status="decided")
    if coordinator is not None:
        application.coordinator = coordinator
        application.save(update_fields=["coordinator"])
    if lease is None and with_lease:
        lease = LeaseFactory(municipality=municipality, household=application.household)
    return FollowUpPlan.objects.create(
        municipality=municipality,
        application=application,
        lease=lease,
        started_on=started_on or timezone.localdate() - datetime.timedelta(days=30),
    )


def goal_for(plan: FollowUpPlan, area: str = GoalArea.ECONOMY, **fields: object) -> Goal:
    values: dict[str, object] = {
        "description": "Pay the rent on time every month.",
        "responsible_service": "NAV",
        "next_review_on": timezone.localdate() + datetime.timedelta(days=14),
    }
    values.update(fields)
    return Goal.objects.create(plan=plan, area=area, **values)


def visit_for(plan: FollowUpPlan, worker: User, days_from_now: int = 7, **fields: object) -> Visit:
    return Visit.objects.create(
        municipality=plan.municipality,
        plan=plan,
        worker=worker,
        planned_at=timezone.now() + datetime.timedelta(days=days_from_now),
        **fields,
    )
