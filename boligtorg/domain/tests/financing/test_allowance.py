"""The housing allowance estimate (boligtorg/domain/financing/allowance.py). Every
figure in these tests is invented and computed by hand in the test's docstring; the
tables stand in for the dated rows the finance app loads."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing.allowance import (
    ALLOWANCE_GUIDANCE_ONLY,
    NO_CEILING,
    AllowanceCeiling,
    AllowanceTable,
    OwnShareBracket,
    housing_allowance_estimate,
)
from boligtorg.domain.financing.common import TableGap
from boligtorg.domain.tests.financing.examples import DAY, D

ALLOWANCE = AllowanceTable(
    valid_from=DAY,
    rate=D("0.737"),
    first_person_weight=D("1.0"),
    extra_person_weight=D("0.13"),
    minimum_own_share=D(1500),
    own_share_brackets=(OwnShareBracket(D(0), D(0)), OwnShareBracket(D(10_000), D("0.3"))),
    ceilings=(
        AllowanceCeiling("other", 1, D(6000)),
        AllowanceCeiling("other", 3, D(8000)),
        AllowanceCeiling("oslo", 1, D(7500)),
    ),
)


def test_the_allowance_estimate_shows_its_arithmetic():
    """Three persons: weight 1 + 2 × 0.13 = 1.26; income 25,200 / 1.26 = 20,000;
    own share 0.3 × (20,000 − 10,000) = 3,000; costs 9,000 capped at 8,000;
    0.737 × (8,000 − 3,000) = 3,685.00."""
    estimate = housing_allowance_estimate(
        ALLOWANCE,
        persons=3,
        monthly_income=D(25_200),
        monthly_housing_costs=D(9000),
        group="other",
    )
    assert estimate.weight == D("1.26")
    assert estimate.weighted_income == D(20_000)
    assert estimate.own_share == D(3000)
    assert (estimate.ceiling, estimate.approved_costs) == (D(8000), D(8000))
    assert estimate.monthly_estimate == D("3685.00")
    assert estimate.note == ALLOWANCE_GUIDANCE_ONLY


def test_a_low_income_pays_the_minimum_own_share_and_costs_under_the_ceiling_count_whole():
    """One person, income 9,000: own share 0 from the brackets, the minimum 1,500;
    costs 5,000 under the ceiling of 6,000: 0.737 × 3,500 = 2,579.50."""
    estimate = housing_allowance_estimate(
        ALLOWANCE, persons=1, monthly_income=D(9000), monthly_housing_costs=D(5000), group="other"
    )
    assert estimate.own_share == D(1500)
    assert estimate.approved_costs == D(5000)
    assert estimate.monthly_estimate == D("2579.50")


def test_a_high_income_gets_no_allowance():
    """One person, income 40,000: own share 0.3 × 30,000 = 9,000 over the ceiling 7,500: 0."""
    estimate = housing_allowance_estimate(
        ALLOWANCE, persons=1, monthly_income=D(40_000), monthly_housing_costs=D(9000), group="oslo"
    )
    assert estimate.own_share == D(9000)
    assert estimate.monthly_estimate == 0


def test_the_allowance_estimate_names_a_missing_ceiling():
    with pytest.raises(TableGap, match=NO_CEILING):
        housing_allowance_estimate(
            ALLOWANCE, persons=2, monthly_income=D(1), monthly_housing_costs=D(1), group="bergen"
        )


@given(
    st.integers(1, 8),
    st.decimals(min_value=0, max_value=80_000, places=2),
    st.decimals(min_value=0, max_value=80_000, places=2),
    st.decimals(min_value=0, max_value=20_000, places=2),
)
def test_the_allowance_estimate_never_rises_with_income(persons, income, more, costs):
    def estimate(monthly_income):
        return housing_allowance_estimate(
            ALLOWANCE,
            persons=persons,
            monthly_income=monthly_income,
            monthly_housing_costs=costs,
            group="other",
        ).monthly_estimate

    assert 0 <= estimate(income + more) <= estimate(income)
