"""Denmark: the deposit loan (boligtorg/domain/financing/deposit.py). Every figure in
these tests is invented and computed by hand in the test's docstring; the tables
stand in for the dated rows the finance app loads."""

import pytest

from boligtorg.domain.financing.common import NEGATIVE_AMOUNT
from boligtorg.domain.financing.deposit import (
    DEPOSIT_DWELLING_NOT_COVERED,
    DEPOSIT_INCOME_OVER_LIMIT,
    DEPOSIT_OVER_MAX,
    DEPOSIT_OWN_MEANS_SUFFICE,
    DEPOSIT_WITHIN_OWN_PART,
    NEGATIVE_COUNT,
    DepositLoanRules,
    deposit_loan_check,
)
from boligtorg.domain.tests.financing.examples import DAY, D

DEPOSIT_RULES = DepositLoanRules(
    valid_from=DAY,
    income_limit_by_kind={"flat": D(300_000), "single_room": D(200_000)},
    income_limit_per_child=D(50_000),
    max_children_counted=4,
    own_part=D(3000),
    max_deposit=D(100_000),
    municipality_share=D("0.5"),
    interest_free_years=5,
    instalment_free_years=5,
)


def test_a_household_under_the_income_limit_gets_the_deposit_less_its_own_part():
    """Limit 300,000 + 2 × 50,000 = 400,000 ≥ 380,000; loan 28,000 − 3,000 = 25,000,
    the municipality's share 12,500."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(380_000),
        children=2,
        dwelling_kind="flat",
    )
    assert check.eligible
    assert (check.loan, check.own_part, check.municipality_share) == (
        D(25_000),
        D(3000),
        D(12_500),
    )
    assert check.income_limit == D(400_000)
    assert (check.interest_free_years, check.instalment_free_years) == (5, 5)


def test_the_income_limit_counts_four_children_at_most():
    """Six children: 300,000 + 4 × 50,000 = 500,000; an income of 510,000 is over."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(510_000),
        children=6,
        dwelling_kind="flat",
    )
    assert check.income_limit == D(500_000)
    assert check.errors == {"yearly_income": DEPOSIT_INCOME_OVER_LIMIT}
    assert check.loan == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"dwelling_kind": "private_rental"}, "dwelling_kind", DEPOSIT_DWELLING_NOT_COVERED),
        ({"deposit": D(100_001)}, "deposit", DEPOSIT_OVER_MAX),
        ({"deposit": D(3000)}, "deposit", DEPOSIT_WITHIN_OWN_PART),
        ({"disposable_means": D(28_000)}, "disposable_means", DEPOSIT_OWN_MEANS_SUFFICE),
        ({"deposit": D(-1)}, "deposit", NEGATIVE_AMOUNT),
        ({"children": -1}, "children", NEGATIVE_COUNT),
    ],
)
def test_a_deposit_loan_is_refused_at_its_field(changes, field, message):
    arguments = {
        "deposit": D(28_000),
        "yearly_income": D(250_000),
        "children": 0,
        "dwelling_kind": "flat",
        **changes,
    }
    check = deposit_loan_check(DEPOSIT_RULES, **arguments)
    assert check.errors == {field: message}
    assert not check.eligible
    assert check.loan == 0


def test_means_short_of_the_deposit_leave_the_whole_loan():
    """No partial loans: means of 27,999 against a deposit of 28,000 leave the loan
    25,000; the income of 190,000 is within a single room's limit of 200,000."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(190_000),
        children=0,
        dwelling_kind="single_room",
        disposable_means=D(27_999),
    )
    assert check.loan == D(25_000)
    assert check.income_limit == D(200_000)
