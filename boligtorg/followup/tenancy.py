"""Makers for the tenancy walk of the follow-up module's URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from __future__ import annotations

from boligtorg.core.factories import UserFactory
from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _plan(municipality: Municipality) -> int:
    from .factories import plan_for

    return plan_for(municipality=municipality).pk


def _goal(municipality: Municipality) -> int:
    from .factories import goal_for, plan_for

    return goal_for(plan_for(municipality=municipality)).pk


def _visit(municipality: Municipality) -> int:
    from .factories import plan_for, visit_for

    worker = UserFactory(username=f"tenancy-visit-{municipality.code}")
    return visit_for(plan_for(municipality=municipality), worker).pk


def _prevention(municipality: Municipality) -> int:
    import datetime

    from boligtorg.housing.factories import LeaseFactory

    from .models import PreventionCase

    lease = LeaseFactory(municipality=municipality)
    return PreventionCase.objects.create(
        municipality=municipality, lease=lease, opened_on=datetime.date(2026, 1, 5)
    ).pk


register("plan_id", _plan)
register("goal_id", _goal)
register("visit_id", _visit)
register("prevention_id", _prevention)
