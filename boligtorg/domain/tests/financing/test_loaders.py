"""Building the dated tables from their stored JSON
(boligtorg/domain/financing/loaders.py): a hand-written sample of each shape gives
the dataclass written out beside it, and a table of the wrong shape is refused
naming the key at fault."""

import datetime
import json

import pytest

from boligtorg.domain.financing.allowance import AllowanceCeiling, AllowanceTable, OwnShareBracket
from boligtorg.domain.financing.common import NEGATIVE_AMOUNT
from boligtorg.domain.financing.deposit import DepositLoanRules
from boligtorg.domain.financing.economy import (
    PersonProfile,
    Sex,
    SifoPersonRow,
    SifoReference,
    SocialAssistanceRates,
    sifo_reference,
)
from boligtorg.domain.financing.loaders import (
    DATA_MISSING,
    DATA_NOT_A_CHOICE,
    DATA_NOT_AMOUNT,
    DATA_NOT_LIST,
    DATA_NOT_OBJECT,
    DATA_NOT_TEXT,
    DATA_NOT_WHOLE_NUMBER,
    DATA_UNKNOWN_KEY,
    ReferenceDataError,
    allowance_table_from_data,
    deposit_loan_rules_from_data,
    option_years_from_data,
    product_from_data,
    products_from_data,
    sifo_reference_from_data,
    social_assistance_rates_from_data,
    terms_policy_from_data,
)
from boligtorg.domain.financing.terms import Product, ProductKind
from boligtorg.domain.tests.financing.examples import DAY, POLICY, TRIAL, D

SIFO_DATA = {
    "person_rows": [
        {"min_age": 0, "max_age": 5, "amounts": {"food": "2000", "infant_equipment": "400"}},
        {"min_age": 18, "max_age": None, "sex": "male", "amounts": {"food": "3200.50"}},
        {"min_age": 18, "amounts": {"food": "3000"}},
    ],
    "household_rows": [
        {"size": 1, "amounts": {"other_groceries": "1000", "car": "3000"}},
        {"size": 2, "amounts": {"other_groceries": "1500", "car": "3000"}},
    ],
    "optional_categories": ["car", "infant_equipment"],
}
PRODUCTS_DATA = {
    "terms_policy": {
        "max_years": 30,
        "max_years_extended": 50,
        "max_interest_only_years": 8,
        "fixed_rate_periods": [3, 5, 10, 20],
        "due_days": [1, 12, 20],
        "payments_per_year": [12, 4],
    },
    "products": [
        {"kind": "ordinary"},
        {
            "kind": "first_time_buyer",
            "equity_share": "0.05",
            "instalment_years": 30,
            "max_years_with_municipality": 10,
        },
    ],
    "rent_to_own_option_years": [3, 5],
}


def refused(loader, data, **kwargs) -> ReferenceDataError:
    with pytest.raises(ReferenceDataError) as caught:
        loader(data, **kwargs)
    return caught.value


def test_a_sifo_table_loads_with_its_rows_in_order():
    table = sifo_reference_from_data(SIFO_DATA, valid_from=DAY)
    assert table == SifoReference(
        valid_from=DAY,
        person_rows=(
            SifoPersonRow(0, 5, {"food": D(2000), "infant_equipment": D(400)}),
            SifoPersonRow(18, None, {"food": D("3200.50")}, sex=Sex.MALE),
            SifoPersonRow(18, None, {"food": D(3000)}),
        ),
        household_rows={
            1: {"other_groceries": D(1000), "car": D(3000)},
            2: {"other_groceries": D(1500), "car": D(3000)},
        },
        optional_categories=frozenset({"car", "infant_equipment"}),
    )


def test_a_loaded_sifo_table_gives_the_budget_computed_by_hand():
    """A man of 40 (3,200.50) and a child of 3 (2,000; infant equipment optional),
    the two-person row 1,500 (car optional): 6,700.50."""
    table = sifo_reference_from_data(SIFO_DATA, valid_from=DAY)
    budget = sifo_reference(table, [PersonProfile(40, Sex.MALE), PersonProfile(3)])
    assert budget.monthly == D("6700.50")


def test_the_social_assistance_rates_load():
    data = {
        "single_adult": "7000",
        "adult_sharing": "5000",
        "child_by_age_band": {"0-5": "3000", "6-10": "4000"},
    }
    assert social_assistance_rates_from_data(data, valid_from=DAY) == SocialAssistanceRates(
        DAY, D(7000), D(5000), {"0-5": D(3000), "6-10": D(4000)}
    )


def test_the_housing_allowance_table_loads():
    data = {
        "rate": "0.737",
        "first_person_weight": "1.0",
        "extra_person_weight": "0.13",
        "minimum_own_share": "1500",
        "own_share_brackets": [{"from_income": "0", "rate": "0"}],
        "ceilings": [{"group": "oslo", "household_size": 1, "monthly_ceiling": "7500"}],
    }
    assert allowance_table_from_data(data, valid_from=DAY) == AllowanceTable(
        valid_from=DAY,
        rate=D("0.737"),
        first_person_weight=D("1.0"),
        extra_person_weight=D("0.13"),
        minimum_own_share=D(1500),
        own_share_brackets=(OwnShareBracket(D(0), D(0)),),
        ceilings=(AllowanceCeiling("oslo", 1, D(7500)),),
    )


def test_the_deposit_loan_rules_load():
    data = {
        "income_limit_by_kind": {"flat": "300000"},
        "income_limit_per_child": "50000",
        "max_children_counted": 4,
        "own_part": "3000",
        "max_deposit": "100000",
        "municipality_share": "0.5",
        "interest_free_years": 5,
        "instalment_free_years": 5,
    }
    assert deposit_loan_rules_from_data(data, valid_from=DAY) == DepositLoanRules(
        DAY, {"flat": D(300_000)}, D(50_000), 4, D(3000), D(100_000), D("0.5"), 5, 5
    )


def test_the_products_table_gives_the_terms_the_products_and_the_option_years():
    assert terms_policy_from_data(PRODUCTS_DATA) == POLICY
    assert products_from_data(PRODUCTS_DATA) == {
        ProductKind.ORDINARY: Product(ProductKind.ORDINARY),
        ProductKind.FIRST_TIME_BUYER: TRIAL,
    }
    assert option_years_from_data(PRODUCTS_DATA) == {3, 5}
    without = {k: v for k, v in PRODUCTS_DATA.items() if k != "rent_to_own_option_years"}
    assert option_years_from_data(without) is None


def test_a_table_survives_the_trip_through_json():
    stored = json.loads(json.dumps(SIFO_DATA))
    assert sifo_reference_from_data(stored, valid_from=DAY) == sifo_reference_from_data(
        SIFO_DATA, valid_from=DAY
    )


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"household_rows": []}, "person_rows", DATA_MISSING),
        ({**SIFO_DATA, "persons": []}, "persons", DATA_UNKNOWN_KEY),
        ([], "", DATA_NOT_OBJECT),
        ({**SIFO_DATA, "person_rows": {}}, "person_rows", DATA_NOT_LIST),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": 18, "amounts": {"food": 3000.5}}]},
            "person_rows[0].amounts.food",
            DATA_NOT_AMOUNT,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": 18, "amounts": {"food": "3 000"}}]},
            "person_rows[0].amounts.food",
            DATA_NOT_AMOUNT,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": 18, "amounts": {"food": "NaN"}}]},
            "person_rows[0].amounts.food",
            DATA_NOT_AMOUNT,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": 18, "amounts": {"food": "-1"}}]},
            "person_rows[0].amounts.food",
            NEGATIVE_AMOUNT,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": "18", "amounts": {}}]},
            "person_rows[0].min_age",
            DATA_NOT_WHOLE_NUMBER,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": True, "amounts": {}}]},
            "person_rows[0].min_age",
            DATA_NOT_WHOLE_NUMBER,
        ),
        (
            {**SIFO_DATA, "person_rows": [{"min_age": 18, "sex": "m", "amounts": {}}]},
            "person_rows[0].sex",
            DATA_NOT_A_CHOICE,
        ),
        (
            {**SIFO_DATA, "household_rows": [{"size": 1}]},
            "household_rows[0].amounts",
            DATA_MISSING,
        ),
        (
            {**SIFO_DATA, "household_rows": [{"size": 1, "amounts": []}]},
            "household_rows[0].amounts",
            DATA_NOT_OBJECT,
        ),
        ({**SIFO_DATA, "optional_categories": [1]}, "optional_categories[0]", DATA_NOT_TEXT),
    ],
)
def test_a_sifo_table_of_the_wrong_shape_is_refused_at_the_key(data, path, message):
    error = refused(sifo_reference_from_data, data, valid_from=DAY)
    assert (error.path, error.message) == (path, message)


def test_the_error_reads_as_the_path_and_the_message():
    error = refused(social_assistance_rates_from_data, {}, valid_from=DAY)
    assert str(error) == f"single_adult: {DATA_MISSING}"
    assert str(refused(social_assistance_rates_from_data, [], valid_from=DAY)) == (
        f"data: {DATA_NOT_OBJECT}"
    )


def test_a_product_of_an_unknown_kind_or_with_a_float_share_is_refused():
    bad_kind = {**PRODUCTS_DATA, "products": [{"kind": "bridge_loan"}]}
    assert refused(products_from_data, bad_kind).path == "products[0].kind"
    assert refused(product_from_data, {"kind": "ordinary", "equity_share": 0.05}).path == (
        "equity_share"
    )


def test_the_terms_policy_names_a_year_that_is_not_a_whole_number():
    policy = {**PRODUCTS_DATA["terms_policy"], "due_days": [1, "12"]}
    data = {**PRODUCTS_DATA, "terms_policy": policy}
    error = refused(terms_policy_from_data, data)
    assert (error.path, error.message) == ("terms_policy.due_days[1]", DATA_NOT_WHOLE_NUMBER)


def test_a_deposit_loan_table_without_its_years_is_refused():
    data = {
        "income_limit_by_kind": {},
        "income_limit_per_child": "0",
        "max_children_counted": 4,
        "own_part": "0",
        "max_deposit": "0",
        "municipality_share": "0.5",
        "interest_free_years": 5,
    }
    error = refused(deposit_loan_rules_from_data, data, valid_from=DAY)
    assert (error.path, error.message) == ("instalment_free_years", DATA_MISSING)


def test_the_housing_allowance_table_names_a_ceiling_with_a_bad_group():
    data = {
        "rate": "0.737",
        "first_person_weight": "1.0",
        "extra_person_weight": "0.13",
        "minimum_own_share": "1500",
        "own_share_brackets": [],
        "ceilings": [{"group": 1, "household_size": 1, "monthly_ceiling": "7500"}],
    }
    error = refused(allowance_table_from_data, data, valid_from=datetime.date(2026, 1, 1))
    assert (error.path, error.message) == ("ceilings[0].group", DATA_NOT_TEXT)
