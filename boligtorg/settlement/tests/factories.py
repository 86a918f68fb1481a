"""factory_boy factories of the settlement app; the municipality stays the same down
the tree. Names and ids are synthetic."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.factories import MunicipalityFactory, UserFactory
from boligtorg.housing.factories import DwellingFactory

from ..models import (
    Proposal,
    ProposalSource,
    ProposedPerson,
    Reservation,
    SettlementTarget,
    TargetKind,
)


class SettlementTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettlementTarget

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = TargetKind.COUNCIL_DECISION
    year = factory.LazyFunction(lambda: timezone.localdate().year + 1)
    dated_on = factory.LazyFunction(timezone.localdate)
    total = 30
    minors = 5
    created_by = factory.SubFactory(UserFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    municipality = factory.SubFactory(MunicipalityFactory)
    source = ProposalSource.DISTRIBUTION_LIST
    list_reference = factory.Sequence(lambda n: f"IMDi-{n + 1:04d}")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    residence_permit_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=60)
    )
    created_by = factory.SubFactory(UserFactory)


class ProposedPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposedPerson

    proposal = factory.SubFactory(ProposalFactory)
    municipality = factory.SelfAttribute("proposal.municipality")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = datetime.date(1990, 5, 17)
    relation = HouseholdRelation.MAIN_APPLICANT


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reservation

    proposal = factory.SubFactory(ProposalFactory)
    municipality = factory.SelfAttribute("proposal.municipality")
    dwelling = factory.SubFactory(
        DwellingFactory, municipality=factory.SelfAttribute("..municipality")
    )
    ready_on = factory.LazyFunction(timezone.localdate)
    created_by = factory.SubFactory(UserFactory)
