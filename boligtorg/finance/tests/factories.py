"""factory_boy factories of the finance app; the municipality stays the same down the
tree."""

from __future__ import annotations

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.factories import MunicipalityFactory

from ..models import DepositLoan, EconomyLine, FinancingCase


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


class DepositLoanFactory(factory.django.DjangoModelFactory):
    """A received Danish deposit loan: a family dwelling, a deposit of 28,000 kr."""

    class Meta:
        model = DepositLoan

    municipality = factory.SubFactory(MunicipalityFactory)
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    applicant = factory.LazyAttribute(
        lambda c: c.household.members.get(relation=HouseholdRelation.MAIN_APPLICANT).person
    )
    number = factory.Sequence(lambda n: f"I{timezone.localdate().year}-{n + 1:04d}")
    received_on = factory.LazyFunction(timezone.localdate)
    dwelling_address = "Skovvej 12, 2. th."
    housing_organisation = "Boligselskabet Test"
    dwelling_kind = "family_dwelling"
    deposit = 28_000
    yearly_income = 320_000
    children = 2
