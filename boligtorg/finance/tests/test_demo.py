import pytest
from django.utils import timezone

from boligtorg.finance.demo.cases import HOUSEHOLDS, load
from boligtorg.finance.models import FinancingCase
from boligtorg.finance.selectors.schedules import loan_schedule

pytestmark = pytest.mark.django_db


def test_the_demo_has_trondheims_cases_at_every_stage_once_and_none_in_skanderborg(
    trondheim, skanderborg, kari, sven, lars, mona
):
    assert load(trondheim, kari) == len(HOUSEHOLDS)
    assert load(trondheim, kari) == 0  # idempotent
    assert load(skanderborg, sven) == 0  # no start loans in Denmark
    statuses = set(
        FinancingCase.objects.filter(municipality=trondheim).values_list("status", flat=True)
    )
    assert statuses == {
        "received",
        "assessing",
        "recommended",
        "decided",
        "paid_out",
        "closed",
        "withdrawn",
    }
    assert FinancingCase.objects.count() == len(HOUSEHOLDS)
    # Mona decided every case; Lars, who recommended, none.
    decided = FinancingCase.objects.filter(decisions__decided_by__isnull=False)
    assert decided.count() == 4
    assert not decided.filter(decisions__decided_by=lars).exists()


def test_the_demos_paid_out_loan_shows_its_postponement_on_the_schedule(
    trondheim, kari, lars, mona
):
    load(trondheim, kari)
    case = FinancingCase.objects.get(municipality=trondheim, status="paid_out")

    plan = loan_schedule(case.decisions.get(), on=timezone.localdate())

    assert [mark.number for mark in plan.marks] == [1]
    assert [row.principal for row in plan.instalments[:3]] == [0, 0, 0]
    assert plan.instalments[3].principal > 0


def test_the_demo_has_a_purchase_and_an_agreement_renting_in_trondheim_once(
    trondheim, skanderborg, kari, sven, lars
):
    from boligtorg.finance.demo import rent_to_own
    from boligtorg.finance.models import RentToOwnAgreement

    assert rent_to_own.load(trondheim, kari) == 2
    assert rent_to_own.load(trondheim, kari) == 0  # idempotent
    assert rent_to_own.load(skanderborg, sven) == 0
    bought = RentToOwnAgreement.objects.get(status="purchased")
    assert bought.dwelling.status == "sold"
    # Cost rent, 37 months of 2,000 saved: the household's equity.
    assert bought.financing_case.equity == 74_000
    assert bought.financing_case.loan_applied == 2_650_000 - 74_000
    assert RentToOwnAgreement.objects.filter(status="renting").count() == 1


def test_the_demo_gives_trondheim_a_guideline_in_force_and_a_delegation_once(
    trondheim, skanderborg, kari, sven, lars, mona
):
    import datetime

    from boligtorg.finance.demo import guideline
    from boligtorg.finance.selectors.authority import authorities_on
    from boligtorg.finance.selectors.guideline import guideline_in_force

    assert load(trondheim, kari) == len(HOUSEHOLDS)
    assert guideline.load(trondheim, kari) == 3
    assert guideline.load(trondheim, kari) == 0  # idempotent
    assert guideline.load(skanderborg, sven) == 0  # no start loans in Denmark
    in_force = guideline_in_force(municipality=trondheim, on=datetime.date(2026, 6, 1))
    assert in_force.income_cap == 600_000
    assert not in_force.income_cap_absolute
    officer = authorities_on(municipality=trondheim, on=datetime.date(2026, 6, 1))["loan_officer"]
    assert (officer.max_loan, officer.max_grant) == (2_000_000, 200_000)
