"""The financing plan and the establishment grant (boligtorg/domain/financing/plan.py).
Every figure in these tests is invented and computed by hand in the test's
docstring; the tables stand in for the dated rows the finance app loads."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing.common import NEGATIVE_AMOUNT, REASON_MISSING, Answer
from boligtorg.domain.financing.plan import (
    EQUITY_BELOW_REQUIREMENT,
    GAP_REMAINS,
    GRANT_NEEDS_LOW_INCOME,
    LOANS_OVER_VALUE,
    LONGER_TERM_FIRST,
    NO_GAP,
    PLAN_DOES_NOT_ADD_UP,
    VALUE_REQUIRED,
    FinancingPlan,
    Purpose,
    financing_plan_check,
    grant_need,
    grant_write_down_schedule,
)
from boligtorg.domain.financing.terms import TERM_TOO_SHORT, Product, ProductKind
from boligtorg.domain.tests.financing.examples import TRIAL, D

PLAN = FinancingPlan(
    purpose=Purpose.BUY,
    price=D(2_500_000),
    costs=D(62_500),
    equity=D(125_000),
    bank_loan=D(1_500_000),
    start_loan=D(900_000),
    grant=D(37_500),
    home_value=D(2_500_000),
    product=TRIAL,
)


def test_a_plan_that_adds_up_to_the_ore_passes():
    """2,500,000 + 62,500 = 2,562,500 = 125,000 + 1,500,000 + 900,000 + 37,500;
    loans 2,400,000 within the value; equity 125,000 = 5 % of 2,500,000."""
    check = financing_plan_check(PLAN)
    assert check.ok
    assert (check.uses, check.sources, check.difference) == (D(2_562_500), D(2_562_500), 0)
    assert check.total_loans == D(2_400_000)
    assert check.required_equity == D(125_000)


def test_a_plan_one_ore_short_shows_the_difference():
    check = financing_plan_check(replace(PLAN, grant=D("37499.99")))
    assert check.errors == {"plan": PLAN_DOES_NOT_ADD_UP}
    assert check.difference == D("-0.01")


def test_loans_over_the_homes_value_are_refused():
    """Refinancing: bank 1,000,000 + start loan 1,600,000 = 2,600,000 over a value of 2,500,000."""
    plan = FinancingPlan(
        Purpose.REFINANCE,
        price=D(2_600_000),
        bank_loan=D(1_000_000),
        start_loan=D(1_600_000),
        home_value=D(2_500_000),
    )
    assert financing_plan_check(plan).errors == {"start_loan": LOANS_OVER_VALUE}
    assert financing_plan_check(replace(plan, home_value=D(2_600_000))).ok


def test_refinancing_needs_the_homes_value():
    plan = FinancingPlan(Purpose.REFINANCE, price=D(1_000_000), start_loan=D(1_000_000))
    assert financing_plan_check(plan).errors == {"home_value": VALUE_REQUIRED}


def test_a_purchase_may_finance_its_costs_above_the_price():
    """Full financing (Malvik): start loan 2,562,500 for price 2,500,000 + costs
    62,500; the loans exceed the price, which a purchase allows."""
    plan = FinancingPlan(Purpose.BUY, price=D(2_500_000), costs=D(62_500), start_loan=D(2_562_500))
    assert financing_plan_check(plan).ok


def test_loans_that_stay_on_the_home_count_against_its_value():
    """Adaptation 300,000 by start loan on a home worth 2,000,000 with 1,800,000 of
    mortgage staying: 2,100,000 of loans, over the value."""
    plan = FinancingPlan(
        Purpose.ADAPT,
        price=D(300_000),
        start_loan=D(300_000),
        other_secured_loans=D(1_800_000),
        home_value=D(2_000_000),
    )
    assert financing_plan_check(plan).errors == {"start_loan": LOANS_OVER_VALUE}
    assert financing_plan_check(replace(plan, home_value=None)).errors == {
        "home_value": VALUE_REQUIRED
    }


def test_the_trial_product_requires_its_equity_share():
    """5 % of 2,500,000 = 125,000; 124,999.99 with the bank loan one øre higher is short."""
    plan = replace(PLAN, equity=D("124999.99"), bank_loan=D("1500000.01"))
    check = financing_plan_check(plan)
    assert check.errors == {"equity": EQUITY_BELOW_REQUIREMENT}
    ordinary = replace(plan, product=Product(ProductKind.ORDINARY))
    assert financing_plan_check(ordinary).ok


def test_a_negative_amount_is_refused_at_its_field():
    check = financing_plan_check(replace(PLAN, grant=D(-37_500), equity=D(200_000)))
    assert check.errors["grant"] == NEGATIVE_AMOUNT


# --- Establishment grant ---

REASONED = Answer(True, "Recorded in the case.")


def test_the_grant_closes_the_gap_up_to_the_cap():
    """2,400,000 + 60,000 − 20,000 − 2,300,000 = 140,000; cap 100,000: 40,000 remains."""
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=REASONED,
        max_grant=D(100_000),
    )
    assert (need.gap, need.grant, need.remaining_gap) == (D(140_000), D(100_000), D(40_000))
    assert need.can_recommend
    assert need.notes == (GAP_REMAINS,)


def test_without_a_cap_the_grant_is_the_gap():
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=REASONED,
    )
    assert (need.grant, need.remaining_gap, need.notes) == (D(140_000), 0, ())


def test_no_grant_is_recommended_before_a_longer_term_was_considered():
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=Answer(False, "Only 30 years was tried."),
    )
    assert not need.can_recommend
    assert need.errors == {"longer_term_considered": LONGER_TERM_FIRST}
    assert need.gap == D(140_000)
    assert need.grant == 0


def test_the_grant_is_for_permanently_low_income_and_a_real_gap():
    need = grant_need(
        price=D(2_000_000),
        costs=D(50_000),
        equity=D(50_000),
        largest_serviceable_loan=D(2_100_000),
        permanently_low_income=Answer(False, "A good wage."),
        longer_term_considered=Answer(True),
    )
    assert need.errors == {
        "longer_term_considered": REASON_MISSING,
        "permanently_low_income": GRANT_NEEDS_LOW_INCOME,
        "grant": NO_GAP,
    }
    assert need.gap == 0


def test_a_grant_written_down_over_three_years_sums_to_the_amount():
    """100,000 / 3 = 33,333.33 twice, the last year 33,333.34."""
    schedule = grant_write_down_schedule(D(100_000), 3)
    assert [w.written_down for w in schedule] == [D("33333.33"), D("33333.33"), D("33333.34")]
    assert [w.balance for w in schedule] == [D("66666.67"), D("33333.34"), 0]


def test_the_common_twenty_year_grant_writes_down_five_percent_a_year():
    schedule = grant_write_down_schedule(D(200_000), 20)
    assert {w.written_down for w in schedule} == {D(10_000)}
    assert schedule[0].balance == D(190_000)


@given(st.decimals(min_value=0, max_value=1_000_000, places=2), st.integers(1, 40))
def test_a_write_down_schedule_sums_to_the_amount_and_never_goes_below_zero(amount, years):
    schedule = grant_write_down_schedule(amount, years)
    assert len(schedule) == years
    assert sum(w.written_down for w in schedule) == amount
    assert all(w.written_down >= 0 and w.balance >= 0 for w in schedule)
    assert schedule[-1].balance == 0


def test_a_write_down_schedule_refuses_no_years():
    with pytest.raises(ValueError, match=TERM_TOO_SHORT):
        grant_write_down_schedule(D(1000), 0)
