"""Test and demo data of the housing career: a case granted a transition dwelling
with its lease, tracked conditions and tenures. The municipality stays the same
down the tree."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from boligtorg.allocation.factories import granted_application
from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import Application, Decision, DwellingType
from boligtorg.core.factories import MembershipFactory, UserFactory
from boligtorg.core.models import Municipality, Role, User
from boligtorg.domain.housing import lease_end
from boligtorg.housing.factories import LeaseFactory
from boligtorg.housing.models import Lease

from .models import DecisionCondition, HousingTenure, TenureKind


def granted_decision(application: Application) -> Decision:
    return application.decisions.get()


def transition_case(
    municipality: Municipality,
    caseworker: User,
    *,
    lease_start: datetime.date | None = None,
    lease_months: int = 12,
    **fields: Any,
) -> tuple[Application, Lease]:
    """A case granted a transition dwelling (a decision 20 days ago, a cooperation
    agreement in its text) and the household's lease of it, from ``lease_start``
    (default: a week after the decision; an earlier start dates the decision a week
    before it) for ``lease_months``."""
    application = granted_application(municipality, caseworker, **fields)
    decision = granted_decision(application)
    decision.dwelling_type = DwellingType.TRANSITION
    decision.lease_months = lease_months
    decision.conditions = "Samarbeidsavtale: betale husleie i tide, ta imot oppfølging."
    if lease_start and lease_start < decision.decided_on:
        # An older case: decided a week before the lease, received a month before that.
        decision.decided_on = decision.received_on = lease_start - datetime.timedelta(days=7)
        application.received_on = decision.decided_on - datetime.timedelta(days=30)
        application.save(update_fields=["received_on"])
    decision.save(
        update_fields=["dwelling_type", "lease_months", "conditions", "decided_on", "received_on"]
    )
    start = lease_start or decision.decided_on + datetime.timedelta(days=7)
    lease = LeaseFactory(
        municipality=municipality,
        household=application.household,
        start=start,
        end=lease_end(start, lease_months),
        short_lease_reason="Gjennomgangsbolig.",
        created_by=caseworker,
    )
    return application, lease


def condition_of_granted_decision(municipality: Municipality) -> DecisionCondition:
    """A tracked condition of a new granted decision (for the tenancy walk)."""
    user = UserFactory()
    MembershipFactory(user=user, municipality=municipality, roles=[Role.CASEWORKER])
    decision = granted_decision(granted_application(municipality, user))
    return DecisionConditionFactory(decision=decision)


class DecisionConditionFactory(factory.django.DjangoModelFactory):
    """Pass ``decision``: a granted one (``granted_application``)."""

    class Meta:
        model = DecisionCondition

    municipality = factory.LazyAttribute(lambda c: c.decision.application.municipality)
    text = "Betale husleie i tide"
    next_review_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


class HousingTenureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingTenure

    person = factory.SubFactory(PersonFactory)
    municipality = factory.LazyAttribute(lambda t: t.person.municipality)
    kind = TenureKind.TEMPORARY_SHELTER
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
    ended_on = None
    address = "Midlertidig botilbud, Sentrum"
