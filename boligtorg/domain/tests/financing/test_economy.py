"""Economy and debt-service capacity (boligtorg/domain/financing/economy.py). Every
figure in these tests is invented and computed by hand in the test's docstring; the
tables stand in for the dated rows the finance app loads."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing.common import NEGATIVE_AMOUNT, TableGap
from boligtorg.domain.financing.economy import (
    LIVING_BELOW_FLOOR,
    LIVING_BELOW_SIFO,
    NO_ADULTS,
    NO_CAPACITY,
    SIFO_NO_HOUSEHOLD_ROW,
    SIFO_NO_PERSON_ROW,
    UNKNOWN_AGE_BAND,
    EconomyLine,
    IncomeCategory,
    LineKind,
    PersonProfile,
    Sex,
    SifoPersonRow,
    SifoReference,
    SocialAssistanceRates,
    capacity,
    debt_service,
    sifo_reference,
    social_assistance_floor,
)
from boligtorg.domain.tests.financing.examples import DAY, ZERO, D

SIFO = SifoReference(
    valid_from=DAY,
    person_rows=(
        SifoPersonRow(0, 5, {"food": D(2000), "clothes": D(600), "infant_equipment": D(400)}),
        SifoPersonRow(6, 17, {"food": D(2500), "clothes": D(700)}),
        SifoPersonRow(18, None, {"food": D(3200), "clothes": D(800)}, sex=Sex.MALE),
        SifoPersonRow(18, None, {"food": D(3000), "clothes": D(800)}),
    ),
    household_rows={
        1: {"other_groceries": D(1000), "car": D(3000)},
        2: {"other_groceries": D(1500), "car": D(3000)},
        3: {"other_groceries": D(1800), "car": D(3000)},
    },
    optional_categories=frozenset({"car", "infant_equipment"}),
)

RATES = SocialAssistanceRates(
    valid_from=DAY,
    single_adult=D(7000),
    adult_sharing=D(5000),
    child_by_age_band={"0-5": D(3000), "6-10": D(4000), "11-17": D(5000)},
)


def line(kind: str, amount: int | str, category: str = "other") -> EconomyLine:
    return EconomyLine(LineKind(kind), category, D(amount))


def test_sifo_reference_adds_person_rows_and_the_household_row():
    """A woman of 30 (3,000 + 800) and a child of 4 (2,000 + 600; infant equipment
    is optional and not asked for), household of two (1,500; car optional):
    3,800 + 2,600 + 1,500 = 7,900."""
    budget = sifo_reference(SIFO, [PersonProfile(30, Sex.FEMALE), PersonProfile(4)])
    assert budget.monthly == D(7900)
    assert budget.by_category == {"food": D(5000), "clothes": D(1400), "other_groceries": D(1500)}


def test_sifo_reference_counts_optional_categories_only_when_asked():
    """The same household with a car and infant equipment: 7,900 + 3,000 + 400 = 11,300."""
    persons = [PersonProfile(30, Sex.FEMALE), PersonProfile(4)]
    budget = sifo_reference(SIFO, persons, include={"car", "infant_equipment"})
    assert budget.monthly == D(11300)
    assert budget.by_category["car"] == D(3000)


def test_sifo_reference_takes_the_row_for_the_persons_sex_first():
    """A man of 40 takes the male row (3,200 + 800) before the row for both: + 1,000 = 5,000."""
    assert sifo_reference(SIFO, [PersonProfile(40, Sex.MALE)]).monthly == D(5000)


def test_a_household_larger_than_the_table_takes_the_largest_household_row():
    """Five adults of unknown sex: 5 × 3,800 + 1,800 (the three-person row) = 20,800."""
    assert sifo_reference(SIFO, [PersonProfile(30)] * 5).monthly == D(20800)


def test_sifo_reference_names_the_gap_when_no_row_fits():
    table = SifoReference(DAY, SIFO.person_rows[2:], SIFO.household_rows)
    with pytest.raises(TableGap, match=SIFO_NO_PERSON_ROW):
        sifo_reference(table, [PersonProfile(3)])
    with pytest.raises(TableGap, match=SIFO_NO_HOUSEHOLD_ROW):
        sifo_reference(SifoReference(DAY, SIFO.person_rows, {2: {}}), [PersonProfile(30)])


def test_the_social_assistance_floor_of_a_single_adult_is_the_single_rate():
    assert social_assistance_floor(RATES, 1, {}) == D(7000)


def test_the_social_assistance_floor_of_a_couple_with_children():
    """Two adults 2 × 5,000, one child 0-5 (3,000), two 11-17 (2 × 5,000): 23,000."""
    floor = social_assistance_floor(RATES, 2, {"0-5": 1, "11-17": 2, "6-10": 0})
    assert floor == D(23000)


def test_the_social_assistance_floor_refuses_an_unknown_band_and_no_adult():
    with pytest.raises(TableGap, match=UNKNOWN_AGE_BAND):
        social_assistance_floor(RATES, 1, {"18-20": 1})
    with pytest.raises(ValueError, match=NO_ADULTS):
        social_assistance_floor(RATES, 0, {"0-5": 1})


def test_an_economy_line_refuses_a_negative_amount():
    with pytest.raises(ValueError, match=NEGATIVE_AMOUNT):
        line("fixed", -1)


def test_capacity_is_income_less_living_fixed_and_maintenance():
    """Income 25,000 + 7,000 = 32,000; living 12,500 (above floor 10,000 and SIFO
    12,000); fixed 2,500; maintenance 1,000: 32,000 − 12,500 − 2,500 − 1,000 = 16,000."""
    result = capacity(
        [
            line("income", 25000, IncomeCategory.SALARY),
            line("income", 7000, IncomeCategory.CHILD_BENEFIT),
            line("living", 12500),
            line("fixed", 2500, "student_loan"),
            line("maintenance", 1000),
        ],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.monthly_income == D(32000)
    assert result.living_costs == result.living_costs_used == D(12500)
    assert result.fixed_costs == D(2500)
    assert result.maintenance == D(1000)
    assert result.monthly_capacity == D(16000)
    assert result.notes == ()


def test_every_benefit_counts_as_income():
    """Malvik: disability benefit 22,000 + housing allowance 3,000 + social
    assistance 1,000 = 26,000 income, every one of them counted."""
    benefits = [
        IncomeCategory.DISABILITY_BENEFIT,
        IncomeCategory.HOUSING_ALLOWANCE,
        IncomeCategory.SOCIAL_ASSISTANCE,
    ]
    lines = [line("income", n, c) for n, c in zip([22000, 3000, 1000], benefits, strict=True)]
    result = capacity(lines, sifo_reference_amount=ZERO, social_assistance_floor=ZERO)
    assert result.monthly_income == D(26000)


def test_living_costs_below_the_floor_are_raised_to_it_with_both_notes():
    """Living 9,000 under a floor of 10,000 and SIFO 12,000: 10,000 used;
    32,000 − 10,000 − 2,500 − 1,000 = 18,500."""
    result = capacity(
        [
            line("income", 32000),
            line("living", 9000),
            line("fixed", 2500),
            line("maintenance", 1000),
        ],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.living_costs == D(9000)
    assert result.living_costs_used == D(10000)
    assert result.monthly_capacity == D(18500)
    assert result.notes == (LIVING_BELOW_SIFO, LIVING_BELOW_FLOOR)


def test_living_costs_below_sifo_but_above_the_floor_are_kept_with_a_warning():
    """SIFO is a reference, not a rule: living 11,000 stays 11,000 under a SIFO of 12,000."""
    result = capacity(
        [line("income", 20000), line("living", 11000)],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.living_costs_used == D(11000)
    assert result.monthly_capacity == D(9000)
    assert result.notes == (LIVING_BELOW_SIFO,)


def test_a_household_with_nothing_left_gets_the_no_capacity_note():
    result = capacity(
        [line("income", 10000), line("living", 10000)],
        sifo_reference_amount=ZERO,
        social_assistance_floor=ZERO,
    )
    assert result.monthly_capacity == ZERO
    assert result.notes == (NO_CAPACITY,)


amounts = st.decimals(min_value=0, max_value=100_000, places=2)
kinds = st.sampled_from(list(LineKind))
economies = st.lists(
    st.builds(EconomyLine, kind=kinds, category=st.just("other"), monthly_amount=amounts),
    max_size=12,
)


@given(economies, amounts, amounts, amounts)
def test_capacity_never_uses_living_costs_below_the_floor_or_the_actual(lines, sifo, floor, more):
    result = capacity(lines, sifo_reference_amount=sifo, social_assistance_floor=floor)
    assert result.living_costs_used >= floor
    assert result.living_costs_used >= result.living_costs
    assert result.monthly_capacity == (
        result.monthly_income - result.living_costs_used - result.fixed_costs - result.maintenance
    )


@given(economies, amounts, amounts, amounts)
def test_capacity_rises_with_income_by_exactly_the_extra_income(lines, sifo, floor, more):
    before = capacity(lines, sifo_reference_amount=sifo, social_assistance_floor=floor)
    after = capacity(
        [*lines, EconomyLine(LineKind.INCOME, "salary", more)],
        sifo_reference_amount=sifo,
        social_assistance_floor=floor,
    )
    assert after.monthly_capacity == before.monthly_capacity + more


def test_co_financing_counts_both_loans_in_the_capacity_test():
    """Capacity 18,500; start loan 9,200 + bank loan 7,100 = 16,300: margin 2,200.
    With a bank loan of 9,500 instead: 18,700, short by 200."""
    enough = debt_service(D(18500), [D(9200), D(7100)])
    assert enough.monthly_payments == D(16300)
    assert enough.margin == D(2200)
    assert enough.serviceable
    short = debt_service(D(18500), [D(9200), D(9500)])
    assert short.margin == D(-200)
    assert not short.serviceable
