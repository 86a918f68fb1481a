"""The housing allowance (bostøtte) estimate beside the economy on the case page:
its arithmetic shown step by step, guidance only, never a decision."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import HouseholdMember
from boligtorg.core.models import Country
from boligtorg.finance.models import FinanceRate, ReferenceTable
from boligtorg.finance.selectors.allowance import case_allowance, start_loan_monthly
from boligtorg.finance.selectors.cases import financing_case_get

from .factories import EconomyLineFactory, FinancingCaseFactory

pytestmark = pytest.mark.django_db
FROM = datetime.date(2020, 1, 1)


@pytest.fixture
def allowance_table():
    """Round rates whose arithmetic is easy to follow by hand."""
    return ReferenceTable.objects.create(
        country=Country.NORWAY,
        kind="housing_allowance",
        valid_from=FROM,
        source="Test allowance rates",
        data={
            "rate": "0.70",
            "first_person_weight": "1.0",
            "extra_person_weight": "0.5",
            "minimum_own_share": "1000",
            "own_share_brackets": [
                {"from_income": "0", "rate": "0"},
                {"from_income": "10000", "rate": "0.25"},
            ],
            "ceilings": [
                {"group": "big_cities", "household_size": 1, "monthly_ceiling": "9000"},
                {"group": "big_cities", "household_size": 2, "monthly_ceiling": "10000"},
                {"group": "other", "household_size": 1, "monthly_ceiling": "5000"},
            ],
        },
    )


@pytest.fixture
def floating_rate():
    return FinanceRate.objects.create(
        country=Country.NORWAY, name="floating_rate", valid_from=FROM, percent=Decimal("6.000")
    )


def _couple_case(trondheim, lars_actor):
    case = FinancingCaseFactory(
        municipality=trondheim, loan_applied=1_000_000, bank_loan=500_000, bank_loan_monthly=2_000
    )
    partner = PersonFactory(municipality=trondheim)
    HouseholdMember.objects.create(household=case.household, person=partner, relation="partner")
    EconomyLineFactory(case=case, kind="income", monthly_amount=30_000)
    EconomyLineFactory(case=case, kind="maintenance", category="Upkeep", monthly_amount=1_000)
    EconomyLineFactory(case=case, kind="living", category="Food", monthly_amount=9_000)
    return financing_case_get(actor=lars_actor, pk=case.pk, audit=False)


def test_the_start_loans_payment_is_the_30_year_annuity_at_todays_rate():
    """1,000,000 at 6 % over 360 months: 1,000,000 × 0.005 / (1 − 1.005^−360) =
    5,995.505…, so 5,995.51 a month."""
    assert start_loan_monthly(Decimal(1_000_000), Decimal("6.000")) == Decimal("5995.51")
    assert start_loan_monthly(Decimal(0), Decimal("6.000")) == 0


def test_the_estimate_adds_the_housing_costs_and_applies_the_table_by_hand(
    allowance_table, floating_rate, trondheim, lars_actor, django_assert_max_num_queries
):
    """Two persons in Trondheim (Bergen, Trondheim, Stavanger and Bærum's ceilings),
    income 30,000: weight 1.0 + 0.5 = 1.5, weighted income 20,000, own share
    0.25 × (20,000 − 10,000) = 2,500. Housing costs: start loan 5,995.51 + bank loan
    2,000 + maintenance 1,000 = 8,995.51, under the ceiling of 10,000, so approved.
    Estimate 0.70 × (8,995.51 − 2,500) = 0.70 × 6,495.51 = 4,546.857, so 4,546.86."""
    case = _couple_case(trondheim, lars_actor)
    with django_assert_max_num_queries(3):
        view = case_allowance(case=case, on=datetime.date(2026, 1, 1))
    assert view.housing_costs == Decimal("8995.51")
    assert view.group == "big_cities"
    estimate = view.estimate
    assert estimate.weight == Decimal("1.5")
    assert estimate.weighted_income == Decimal("20000.00")
    assert estimate.own_share == Decimal("2500.00")
    assert estimate.approved_costs == Decimal("8995.51")
    assert estimate.monthly_estimate == Decimal("4546.86")


def test_the_case_page_shows_the_arithmetic_and_says_it_is_guidance_only(
    client, lars, allowance_table, floating_rate, trondheim, lars_actor
):
    case = _couple_case(trondheim, lars_actor)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "guidance only: the state (Husbanken) decides" in page
    assert "This is never a decision." in page
    assert "5,995.51 kr (the highest monthly payment on 1,000,000 kr, annuity over 30" in page
    assert "years at today's rate of 6 %)" in page
    assert "2 persons: weight 1.5" in page
    assert "<strong>8,995.51 kr</strong>" in page
    assert "30,000.00 kr ÷ 1.5 = 20,000.00 kr" in page
    assert "10,000.00 kr (Bergen, Trondheim, Stavanger and Bærum)" in page
    assert "the lower of 8,995.51 kr and 10,000.00 kr = 8,995.51 kr" in page
    assert "0.7 × (8,995.51 kr − 2,500.00 kr) = 4,546.86 kr a month" in page
    assert "Husbanken counts the household's income before tax" in page
    assert "Test allowance rates" in page


def test_without_a_dated_table_the_page_says_so_and_estimates_nothing(
    client, lars, floating_rate, trondheim, lars_actor
):
    case = _couple_case(trondheim, lars_actor)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "No housing-allowance table applies on this date, so no estimate." in page
    assert "Estimated housing allowance" not in page


def test_a_danish_case_shows_no_norwegian_allowance(skanderborg, allowance_table):
    case = FinancingCaseFactory(municipality=skanderborg)
    assert case_allowance(case=case, on=datetime.date(2026, 1, 1)) is None


def test_the_estimate_reads_in_bokmal_with_norwegian_numbers(
    client, lars, allowance_table, floating_rate, trondheim, lars_actor
):
    case = _couple_case(trondheim, lars_actor)
    client.force_login(lars)
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "staten (Husbanken) avgjør bostøtten" in page
    assert "2 personer: vekt 1,5" in page
    assert "= 4\xa0546,86 kr i måneden" in page
