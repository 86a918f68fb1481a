"""The capacity on the case page: the economy through the domain rules with the
dated tables (SIFO beside the living costs, the social-assistance floor under them)
and the largest loan at the stress rate."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import HouseholdMember
from boligtorg.core.models import Country
from boligtorg.finance.models import FinanceRate, ReferenceTable
from boligtorg.finance.selectors.capacity import case_capacity
from boligtorg.finance.selectors.cases import financing_case_get
from boligtorg.finance.services.reference import reference_defaults_ensure

from .factories import EconomyLineFactory, FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
FROM = datetime.date(2020, 1, 1)


@pytest.fixture
def tables():
    """Simple tables whose sums are easy to follow by hand."""
    ReferenceTable.objects.create(
        country=Country.NORWAY,
        kind="sifo",
        valid_from=FROM,
        source="Test table",
        data={
            "person_rows": [
                {"min_age": 0, "max_age": None, "sex": None, "amounts": {"food": "3000"}}
            ],
            "household_rows": [{"size": 1, "amounts": {"other_groceries": "1000"}}],
            "optional_categories": [],
        },
    )
    ReferenceTable.objects.create(
        country=Country.NORWAY,
        kind="social_assistance",
        valid_from=FROM,
        source="Test rates",
        data={
            "single_adult": "8000",
            "adult_sharing": "6000",
            "child_by_age_band": {"0-5": "3000", "6-10": "4000", "11-17": "5000"},
        },
    )
    for name, percent in (("policy_rate", "4.00"), ("stress_margin", "2.50")):
        FinanceRate.objects.create(
            country=Country.NORWAY, name=name, valid_from=FROM, percent=Decimal(percent)
        )


def _case_with_child(trondheim, lars_actor, living):
    case = FinancingCaseFactory(municipality=trondheim, bank_loan_monthly=0)
    child = PersonFactory(
        municipality=trondheim, national_id="", date_of_birth=TODAY.replace(year=TODAY.year - 7)
    )
    HouseholdMember.objects.create(household=case.household, person=child, relation="child")
    EconomyLineFactory(case=case, kind="income", monthly_amount=40_000)
    EconomyLineFactory(case=case, kind="living", category="Food", monthly_amount=living)
    return financing_case_get(actor=lars_actor, pk=case.pk, audit=False)


def test_living_costs_below_the_social_assistance_rate_count_as_the_rate(
    tables, trondheim, lars_actor, english_messages
):
    """An adult and a 7-year-old: SIFO 2 × 3,000 + 1,000 = 7,000; the floor is the
    single adult's 8,000 + the 6-10 band's 4,000 = 12,000. Living costs of 5,000 count
    as 12,000: 40,000 − 12,000 = 28,000 left."""
    view = case_capacity(case=_case_with_child(trondheim, lars_actor, 5_000), on=TODAY)
    assert view.capacity.sifo_reference == 7_000
    assert view.capacity.living_costs_used == 12_000
    assert view.start_loan_capacity == 28_000
    assert len(view.notes) == 2  # below SIFO, below the floor


def test_the_largest_loan_at_the_stress_rate_matches_the_annuity_formula(
    tables, trondheim, lars_actor
):
    """28,000 a month at 6.5 % (4.00 + 2.50) over 360 months carries
    28,000 × (1 − (1 + r)^−360) / r with r = 0.065 / 12, about 4,429,800 kr."""
    view = case_capacity(case=_case_with_child(trondheim, lars_actor, 5_000), on=TODAY)
    assert view.stress_rate_percent == Decimal("6.5")
    r = 0.065 / 12
    bound = 28_000 * (1 - (1 + r) ** -360) / r
    by_key = {(o.method, o.years, o.interest_only_years): o.largest for o in view.options}
    assert abs(float(by_key[("annuity", 30, 0)]) - bound) < 2
    assert by_key[("annuity", 50, 0)] > by_key[("annuity", 30, 0)]
    assert (
        by_key[("serial", 30, 0)] < by_key[("annuity", 30, 0)]
    )  # the first serial payment is the highest
    assert not any(key[2] for key in by_key)  # no products table: no deferral to show


def test_the_case_page_shows_the_tables_it_used_and_says_when_one_is_missing(
    client, lars, tables, trondheim, lars_actor
):
    case = _case_with_child(trondheim, lars_actor, 15_000)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "Test table" in page and "Test rates" in page
    assert "The largest start loan the household can carry at the stress rate (6.5 %)" in page
    FinanceRate.objects.filter(name="stress_margin").delete()
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "No policy rate or stress margin applies on this date." in page


def test_the_defaults_load_once_and_an_admins_edit_is_kept():
    made = reference_defaults_ensure()
    assert made > 0
    table = ReferenceTable.objects.filter(kind="sifo").first()
    table.source = "Checked against SIFO 2025 by the office"
    table.save()
    assert reference_defaults_ensure() == 0
    table.refresh_from_db()
    assert table.source == "Checked against SIFO 2025 by the office"
