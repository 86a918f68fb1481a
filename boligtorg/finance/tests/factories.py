"""factory_boy factories of the finance app; the municipality stays the same down the
tree."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.factories import MunicipalityFactory, UserFactory
from boligtorg.housing.factories import DwellingFactory

from ..models import (
    DepositLoan,
    EconomyLine,
    FinancingCase,
    FinancingDecision,
    Payout,
    RentToOwnAgreement,
)


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


MAIN_RULE_ANSWERS = (
    ("no_bank_loan", "Two banks refused in writing."),
    ("long_term_problem", "Low, stable income; no change expected in five years."),
    ("used_saving", "Saved 60,000 kr in four years."),
)


def make_eligible(case: FinancingCase, by=None) -> FinancingCase:  # noqa: ANN001
    """Answer the checklist's main rule yes, with reasons: the household is eligible."""
    from boligtorg.core.factories import UserFactory

    from ..models import EligibilityAnswer

    user = by or UserFactory()
    for question, reason in MAIN_RULE_ANSWERS:
        EligibilityAnswer.objects.create(
            case=case, question=question, answer=True, reason=reason, answered_by=user
        )
    return case


def paid_out_loan(
    municipality,
    *,
    officer,
    decider,
    paid_on: datetime.date,
    parts: tuple[int, ...] = (600_000, 400_000),
    **case_fields,
) -> FinancingCase:
    """A start-loan case decided and paid out (in ``parts``, the last on
    ``paid_on``), as the decision services leave it: 30 years annuity at 5.1 %."""
    case = FinancingCaseFactory(
        municipality=municipality,
        status="paid_out",
        **{"home_address": "Nedre Bakklandet 12", **case_fields},
    )
    decision = FinancingDecision.objects.create(
        municipality=municipality,
        case=case,
        outcome="loan",
        loan_amount=sum(parts),
        years=30,
        annual_rate=Decimal("5.100"),
        due_day=20,
        facts="Two banks refused.",
        considerations="Can carry the loan.",
        recommended_by=officer,
        decided_by=decider,
        decided_on=paid_on - datetime.timedelta(days=30),
    )
    for index, part in enumerate(parts):
        Payout.objects.create(
            municipality=municipality,
            case=case,
            decision=decision,
            loan_part=part,
            paid_on=paid_on - datetime.timedelta(days=10 * (len(parts) - 1 - index)),
            recorded_by=officer,
        )
    return case


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
