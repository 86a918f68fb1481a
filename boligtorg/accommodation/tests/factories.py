"""Makers of providers, agreements, decisions and households with children for the
accommodation tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.cases.models import (
    Application,
    Decision,
    HouseholdMember,
    HouseholdRelation,
    LegalBasis,
)
from boligtorg.core.models import Municipality

from ..models import Provider, QualityAgreement


def provider(
    municipality: Municipality,
    user,
    *,
    name: str = "Sentrum Hostel",
    children: bool = False,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    price: str = "650.00",
) -> Provider:
    made = Provider.objects.create(
        municipality=municipality, name=name, address="Kongens gate 1", created_by=user
    )
    QualityAgreement.objects.create(
        provider=made,
        valid_from=valid_from or timezone.localdate() - datetime.timedelta(days=365),
        valid_to=valid_to,
        standard="Own room with a lock, shared kitchen.",
        price_per_night=Decimal(price),
        approved_for_children=children,
        created_by=user,
    )
    return made


def family_case(municipality: Municipality, caseworker, *, children: int = 1) -> Application:
    """A case whose household has a main applicant and ``children`` children."""
    household = HouseholdFactory(municipality=municipality)
    for _ in range(children):
        HouseholdMember.objects.create(
            household=household,
            person=PersonFactory(municipality=municipality),
            relation=HouseholdRelation.CHILD,
        )
    return ApplicationFactory(
        municipality=municipality, household=household, caseworker=caseworker, status="submitted"
    )


def adult_members(application: Application) -> list[HouseholdMember]:
    return list(application.household.members.exclude(relation=HouseholdRelation.CHILD))


def granted(application: Application, user) -> Decision:
    today = timezone.localdate()
    basis, _ = LegalBasis.objects.get_or_create(country="XX", code="test", title="Test basis")
    return Decision.objects.create(
        application=application,
        outcome="granted",
        reasons="Without a dwelling.",
        legal_basis=basis,
        decided_on=today,
        received_on=today,
        letter_language="nb",
        decided_by=user,
    )
