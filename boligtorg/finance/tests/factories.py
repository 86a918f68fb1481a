"""factory_boy factories of the finance app; the municipality stays the same down the
tree."""

from __future__ import annotations

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.cases.models import HouseholdRelation
from boligtorg.core.factories import MunicipalityFactory

from ..models import EconomyLine, FinancingCase


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
