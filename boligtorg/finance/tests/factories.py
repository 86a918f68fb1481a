"""factory_boy factories of the finance app; the municipality stays the same down the
tree."""

from __future__ import annotations

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.factories import MunicipalityFactory, UserFactory
from boligtorg.housing.factories import DwellingFactory

from ..models import EconomyLine, FinancingCase, RentToOwnAgreement


class FinancingCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingCase
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    applicant = factory.LazyAttribute(
        lambda c: c.household.members.get(relation=HouseholdRelation.MAIN_APPLICANT).person
    )
    number = factory.Sequence(lambda n: f"F{timezone.localdate().year}-{n + 1:04d}")
    purpose = "buy_top_up"
    received_on = factory.LazyFunction(timezone.localdate)
    price = 3_000_000
    costs = 80_000
    equity = 80_000
    bank_loan = 2_000_000
    loan_applied = 1_000_000


class EconomyLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EconomyLine

    case = factory.SubFactory(FinancingCaseFactory)
    kind = "income"
    category = "Salary"
    monthly_amount = 40_000


class RentToOwnAgreementFactory(factory.django.DjangoModelFactory):
    """An offered agreement on cost rent, 5 years, on a dwelling with rent-to-own
    potential."""

    class Meta:
        model = RentToOwnAgreement

    municipality = factory.SubFactory(MunicipalityFactory)
    dwelling = factory.SubFactory(
        DwellingFactory, municipality=factory.SelfAttribute("..municipality"), rent_to_own=True
    )
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    created_by = factory.SubFactory(UserFactory)
    price = 2_400_000
    start = factory.LazyFunction(timezone.localdate)
    option_years = 5
    rent_basis = "cost"
    monthly_rent = 11_500
    monthly_cost_rent = 11_500
    monthly_saving = 2_500
    maintenance_duties = "Indre vedlikehold."
    offered_on = factory.LazyFunction(timezone.localdate)
