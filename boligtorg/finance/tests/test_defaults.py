"""The default reference data (boligtorg/finance/defaults.py) seeds rows the models
accept and loads, table by table, through the domain's loaders into tables the rules
compute with. Samples are computed by hand in the docstrings."""

import datetime
import json
from collections import Counter
from decimal import Decimal

import pytest

from boligtorg.core.models import Country
from boligtorg.domain.financing import (
    PersonProfile,
    ProductKind,
    Sex,
    allowance_table_from_data,
    deposit_loan_check,
    deposit_loan_rules_from_data,
    housing_allowance_estimate,
    option_years_from_data,
    products_from_data,
    sifo_reference,
    sifo_reference_from_data,
    social_assistance_floor,
    social_assistance_rates_from_data,
    terms_policy_from_data,
)
from boligtorg.finance.defaults import DEFAULTS, RATES
from boligtorg.finance.models import RateName, TableKind

D = Decimal


def load(entry):
    """The dataclasses a ``DEFAULTS`` entry gives through its kind's loader."""
    data, day = entry["data"], datetime.date.fromisoformat(entry["valid_from"])
    dated = {
        TableKind.SIFO: sifo_reference_from_data,
        TableKind.SOCIAL_ASSISTANCE: social_assistance_rates_from_data,
        TableKind.HOUSING_ALLOWANCE: allowance_table_from_data,
        TableKind.DEPOSIT_LOAN: deposit_loan_rules_from_data,
    }
    if entry["kind"] == TableKind.PRODUCTS:
        return (
            terms_policy_from_data(data),
            products_from_data(data),
            option_years_from_data(data),
        )
    return dated[entry["kind"]](data, valid_from=day)


def entry(country, kind, valid_from=None):
    matches = [
        e
        for e in DEFAULTS
        if e["country"] == country
        and e["kind"] == kind
        and (valid_from is None or e["valid_from"] == valid_from)
    ]
    assert len(matches) == 1
    return matches[0]


def label(e):
    return f"{e['country']}-{e['kind']}-{e['valid_from']}"


@pytest.mark.parametrize("table", DEFAULTS, ids=label)
def test_every_default_table_loads_through_its_loader(table):
    assert load(table)


@pytest.mark.parametrize("table", DEFAULTS, ids=label)
def test_every_default_table_survives_the_trip_through_a_json_field(table):
    stored = json.loads(json.dumps(table))
    assert stored == table
    assert load(stored) == load(table)


@pytest.mark.parametrize("table", DEFAULTS, ids=label)
def test_every_default_table_fits_a_reference_table_row(table):
    assert set(table) == {"country", "kind", "valid_from", "source", "data"}
    assert table["country"] in Country.values
    assert table["kind"] in TableKind.values
    datetime.date.fromisoformat(table["valid_from"])
    assert 0 < len(table["source"]) <= 300


def test_no_two_default_tables_share_country_kind_and_day():
    keys = Counter((e["country"], e["kind"], e["valid_from"]) for e in DEFAULTS)
    assert max(keys.values()) == 1


def test_denmark_has_deposit_loans_and_nothing_norwegian():
    assert {e["kind"] for e in DEFAULTS if e["country"] == "DK"} == {TableKind.DEPOSIT_LOAN}


def test_the_sifo_default_comes_near_sifos_example_family():
    """SIFO's 2025 example family (two adults, a boy of 5 in kindergarten, a girl of
    11, a petrol car) costs 455,140 a year. The approximate table: man 31-50 8,250 +
    woman 7,800 + boy 4,550 + kindergarten 1,850 + girl 6,700 + four-person household
    4,500 + car 4,000 = 37,650 a month, 451,800 a year: within 1 % of SIFO's figure."""
    table = load(entry("NO", "sifo"))
    family = [
        PersonProfile(40, Sex.MALE),
        PersonProfile(40, Sex.FEMALE),
        PersonProfile(5, Sex.MALE),
        PersonProfile(11, Sex.FEMALE),
    ]
    budget = sifo_reference(table, family, include={"car", "kindergarten"})
    assert budget.monthly == D(37_650)
    assert abs(budget.monthly * 12 - D(455_140)) / D(455_140) < D("0.01")


def test_the_sifo_default_serves_a_person_of_unknown_sex_at_every_age():
    table = load(entry("NO", "sifo"))
    for age in range(100):
        assert sifo_reference(table, [PersonProfile(age)]).monthly > 0


def test_the_2024_social_assistance_floor_of_a_family():
    """Two adults 2 × 6,550, a child of 3 (3,850) and one of 12 (5,150): 22,100."""
    rates = load(entry("NO", "social_assistance", "2024-01-01"))
    assert social_assistance_floor(rates, 2, {"0-5": 1, "11-17": 1}) == D(22_100)
    assert social_assistance_floor(rates, 1, {}) == D(7850)


def test_the_products_default_is_husbankens_frame():
    policy, products, option_years = load(entry("NO", "products"))
    assert (policy.max_years, policy.max_years_extended, policy.max_interest_only_years) == (
        30,
        50,
        8,
    )
    assert policy.fixed_rate_periods == {3, 5, 10, 20}
    assert policy.due_days == {1, 12, 20}
    assert products[ProductKind.FIRST_TIME_BUYER].equity_share == D("0.05")
    assert products[ProductKind.ORDINARY].equity_share == 0
    assert option_years == {3, 5}


def test_the_housing_allowance_default_computes_an_estimate():
    """One person, income 15,000, costs 8,000 outside the cities: own share 0.20 ×
    3,000 = 600, raised to the minimum 1,900; ceiling 6,400;
    0.737 × (6,400 − 1,900) = 3,316.50."""
    table = load(entry("NO", "housing_allowance"))
    estimate = housing_allowance_estimate(
        table, persons=1, monthly_income=D(15_000), monthly_housing_costs=D(8000), group="other"
    )
    assert estimate.own_share == D(1900)
    assert estimate.monthly_estimate == D("3316.50")


def test_the_danish_deposit_loan_default_lends_a_family_its_deposit():
    """Limit 350,000 + 75,000 for one child = 425,000 ≥ 400,000; no own part: the
    loan is the whole 20,000, the municipality's share 10,000."""
    rules = load(entry("DK", "deposit_loan"))
    check = deposit_loan_check(
        rules,
        deposit=D(20_000),
        yearly_income=D(400_000),
        children=1,
        dwelling_kind="family_dwelling",
    )
    assert check.eligible
    assert (check.loan, check.municipality_share, check.income_limit) == (
        D(20_000),
        D(10_000),
        D(425_000),
    )


@pytest.mark.parametrize("rate", RATES, ids=lambda r: f"{r['name']}-{r['valid_from']}")
def test_every_default_rate_fits_a_finance_rate_row(rate):
    assert set(rate) == {"country", "name", "valid_from", "percent", "source"}
    assert rate["country"] in Country.values
    assert rate["name"] in RateName.values
    datetime.date.fromisoformat(rate["valid_from"])
    percent = D(rate["percent"])
    assert 0 <= percent <= 100
    assert -percent.as_tuple().exponent <= 3
    assert 0 < len(rate["source"]) <= 300


def test_no_two_default_rates_share_country_name_and_day():
    keys = Counter((r["country"], r["name"], r["valid_from"]) for r in RATES)
    assert max(keys.values()) == 1


def test_the_policy_rate_history_holds_the_recent_decisions_in_order():
    history = [(r["valid_from"], r["percent"]) for r in RATES if r["name"] == "policy_rate"]
    assert history == sorted(history)
    assert {("2023-12-15", "4.50"), ("2025-06-20", "4.25"), ("2025-09-19", "4.00")} <= set(history)
    assert all("norges-bank.no" in r["source"] for r in RATES if r["name"] == "policy_rate")


def test_the_stress_margin_is_two_and_a_half_points():
    assert [r["percent"] for r in RATES if r["name"] == "stress_margin"] == ["2.50"]
