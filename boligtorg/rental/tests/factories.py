"""factory_boy factories of the rental app; the municipality stays the same down the
tree. Names are synthetic."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.core.factories import MunicipalityFactory, UserFactory

from ..models import Claim, Guarantee, GuaranteeKind, Landlord, LandlordKind


class LandlordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Landlord

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Utleier {n} AS")
    kind = LandlordKind.COMPANY
    org_number = factory.Sequence(lambda n: f"{900000000 + n}")
    contact_person = factory.SubFactory(UserFactory)


class GuaranteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guarantee

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = GuaranteeKind.DEPOSIT
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    landlord = factory.SubFactory(
        LandlordFactory, municipality=factory.SelfAttribute("..municipality")
    )
    amount = Decimal("30000")
    starts_on = datetime.date(2025, 7, 1)
    ends_on = datetime.date(2026, 6, 30)
    lease_address = "Eksempelveien 1, 7010 Trondheim"
    created_by = factory.SubFactory(UserFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    municipality = factory.SelfAttribute("guarantee.municipality")
    guarantee = factory.SubFactory(GuaranteeFactory)
    received_on = datetime.date(2026, 7, 15)
    amount_claimed = Decimal("10000")
