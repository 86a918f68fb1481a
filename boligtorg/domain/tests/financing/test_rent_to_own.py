"""Rent-to-own (boligtorg/domain/financing/rent_to_own.py): the agreement's terms,
the figures at purchase, the option's status and the pipeline. Every figure is
invented and computed by hand in the test's docstring."""

import datetime
from dataclasses import replace
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing.common import NEGATIVE_AMOUNT
from boligtorg.domain.financing.rent_to_own import (
    COST_RENT_ABOVE_COST,
    COST_RENT_NEEDS_SAVING,
    DEADLINE_NOT_AFTER_START,
    MAINTENANCE_DUTIES_MISSING,
    NEGATIVE_MONTHS,
    NEGATIVE_NOTICE,
    NO_SURPLUS_ON_COST_RENT,
    OPTION_PERIOD_NOT_OFFERED,
    OPTION_PERIOD_OR_DEADLINE,
    PRICE_NOT_POSITIVE,
    RENT_TO_OWN_OPEN_STATUSES,
    RENT_TO_OWN_TRANSITIONS,
    AgreementTerms,
    OptionStatus,
    RentBasis,
    RentToOwnStatus,
    agreement_errors,
    check_rent_to_own_transition,
    option_expiry,
    option_status,
    purchase_price,
)
from boligtorg.domain.lifecycle import ForbiddenTransition
from boligtorg.domain.tests.financing.examples import D

START = datetime.date(2026, 3, 15)
DUTIES = "The tenant: inside walls, floors and white goods. The municipality: roof, facade, pipes."

# Market rent 14,000 against a cost rent of 11,500: 2,500 a month off the price.
MARKET = AgreementTerms(
    price=D(2_400_000),
    start=START,
    rent_basis=RentBasis.MARKET,
    monthly_rent=D(14_000),
    monthly_cost_rent=D(11_500),
    monthly_saving=D(1000),
    maintenance_duties=DUTIES,
    option_years=3,
)
# Cost rent 11,500 paid as rent; the household saves 2,500 a month.
COST = replace(
    MARKET,
    rent_basis=RentBasis.COST,
    monthly_rent=D(11_500),
    monthly_saving=D(2500),
    option_years=5,
)


# --- The agreement's terms -----------------------------------------------------------


def test_a_market_rent_and_a_cost_rent_agreement_may_be_offered():
    assert agreement_errors(MARKET) == {}
    assert agreement_errors(COST) == {}


def test_an_agreement_with_a_purchase_deadline_instead_of_a_period_may_be_offered():
    """Randaberg: buy within 6 years, a deadline of 14 March 2032."""
    randaberg = replace(MARKET, option_years=None, purchase_deadline=datetime.date(2032, 3, 14))
    assert agreement_errors(randaberg) == {}


def test_an_agreement_names_every_gap_at_its_field():
    """The docstring's example: 4 years, cost rent with no saving, no duties."""
    terms = replace(COST, option_years=4, monthly_saving=D(0), maintenance_duties=" ")
    assert agreement_errors(terms) == {
        "option_years": OPTION_PERIOD_NOT_OFFERED,
        "monthly_saving": COST_RENT_NEEDS_SAVING,
        "maintenance_duties": MAINTENANCE_DUTIES_MISSING,
    }


def test_a_municipality_may_offer_its_own_option_period():
    assert agreement_errors(replace(MARKET, option_years=6), option_years_offered={6}) == {}
    assert agreement_errors(replace(MARKET, option_years=3), option_years_offered={6}) == {
        "option_years": OPTION_PERIOD_NOT_OFFERED
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"price": D(0)}, "price", PRICE_NOT_POSITIVE),
        ({"option_years": None}, "option_years", OPTION_PERIOD_OR_DEADLINE),
        (
            {"purchase_deadline": datetime.date(2029, 3, 14)},
            "option_years",
            OPTION_PERIOD_OR_DEADLINE,
        ),
        (
            {"option_years": None, "purchase_deadline": START},
            "purchase_deadline",
            DEADLINE_NOT_AFTER_START,
        ),
        ({"monthly_rent": D(-1)}, "monthly_rent", NEGATIVE_AMOUNT),
        ({"monthly_cost_rent": D(-1)}, "monthly_cost_rent", NEGATIVE_AMOUNT),
        ({"monthly_saving": D(-1)}, "monthly_saving", NEGATIVE_AMOUNT),
        ({"maintenance_duties": ""}, "maintenance_duties", MAINTENANCE_DUTIES_MISSING),
    ],
)
def test_an_agreement_is_refused_at_its_field(changes, field, message):
    assert agreement_errors(replace(MARKET, **changes)) == {field: message}


def test_cost_rent_is_at_most_the_cost_rent():
    """Rent 12,000 on a cost rent of 11,500 would take 500 a month that is neither
    saved nor taken off the price."""
    assert agreement_errors(replace(COST, monthly_rent=D(12_000))) == {
        "monthly_rent": COST_RENT_ABOVE_COST
    }


def test_market_rent_needs_no_saving_requirement():
    assert agreement_errors(replace(MARKET, monthly_saving=D(0))) == {}


# --- The figures at purchase ---------------------------------------------------------


def test_market_rent_takes_the_surplus_off_the_price():
    """36 months × (14,000 − 11,500) = 90,000 off 2,400,000 = 2,310,000; savings
    36 × 1,000 = 36,000; to finance 2,310,000 − 36,000 = 2,274,000."""
    figures = purchase_price(MARKET, 36)
    assert figures.price_fixed == D(2_400_000)
    assert figures.surplus_deducted == D(90_000)
    assert figures.price_at_exercise == D(2_310_000)
    assert figures.savings_accrued == D(36_000)
    assert figures.to_finance == D(2_274_000)


def test_cost_rent_keeps_the_price_and_counts_the_savings():
    """60 months × 2,500 = 150,000 saved; 2,400,000 − 150,000 = 2,250,000 to finance."""
    figures = purchase_price(COST, 60)
    assert (figures.surplus_deducted, figures.price_at_exercise) == (0, D(2_400_000))
    assert figures.savings_accrued == D(150_000)
    assert figures.to_finance == D(2_250_000)


def test_the_ledgers_credited_surplus_replaces_the_agreements_figure():
    """Three months' rent unpaid: 33 × 2,500 = 82,500 credited; 2,400,000 − 82,500 =
    2,317,500; savings 36,000; to finance 2,281,500."""
    figures = purchase_price(MARKET, 36, surplus_credited=D(82_500))
    assert figures.surplus_deducted == D(82_500)
    assert figures.price_at_exercise == D(2_317_500)
    assert figures.to_finance == D(2_281_500)


def test_market_rent_below_the_cost_rent_takes_nothing_off():
    figures = purchase_price(replace(MARKET, monthly_rent=D(11_000)), 36)
    assert figures.price_at_exercise == D(2_400_000)


def test_the_surplus_never_takes_the_price_below_zero_nor_savings_the_amount_to_finance():
    """Price 100,000; 24 × (9,000 − 4,000) = 120,000 of surplus: 100,000 taken off,
    price 0; savings 24,000; nothing to finance."""
    small = replace(MARKET, price=D(100_000), monthly_rent=D(9000), monthly_cost_rent=D(4000))
    figures = purchase_price(small, 24)
    assert (figures.surplus_deducted, figures.price_at_exercise) == (D(100_000), 0)
    assert (figures.savings_accrued, figures.to_finance) == (D(24_000), 0)


def test_the_figures_refuse_negative_months_a_negative_surplus_and_a_surplus_on_cost_rent():
    with pytest.raises(ValueError, match=NEGATIVE_MONTHS):
        purchase_price(MARKET, -1)
    with pytest.raises(ValueError, match=NEGATIVE_AMOUNT):
        purchase_price(MARKET, 12, surplus_credited=D(-1))
    with pytest.raises(ValueError, match=NO_SURPLUS_ON_COST_RENT):
        purchase_price(COST, 12, surplus_credited=D(1))
    assert purchase_price(COST, 12, surplus_credited=D(0)).price_at_exercise == D(2_400_000)


money = st.decimals(min_value=0, max_value=50_000, places=2)
agreements = st.builds(
    AgreementTerms,
    price=st.decimals(min_value=0, max_value=6_000_000, places=2),
    start=st.just(START),
    rent_basis=st.sampled_from(list(RentBasis)),
    monthly_rent=money,
    monthly_cost_rent=money,
    monthly_saving=money,
    option_years=st.just(5),
)


@given(agreements, st.integers(0, 120), st.one_of(st.none(), money.map(lambda d: d * 100)))
def test_the_price_at_exercise_and_the_amount_to_finance_are_never_below_zero(
    terms, months, credited
):
    if terms.rent_basis == RentBasis.COST:
        credited = None
    figures = purchase_price(terms, months, credited)
    assert 0 <= figures.price_at_exercise <= terms.price
    assert figures.price_at_exercise + figures.surplus_deducted == terms.price
    assert figures.to_finance >= 0
    assert figures.to_finance == max(0, figures.price_at_exercise - figures.savings_accrued)


@given(agreements, st.integers(0, 120), st.integers(0, 120))
def test_more_months_rented_never_raise_the_price_on_market_rent(terms, months, more):
    terms = replace(terms, rent_basis=RentBasis.MARKET)
    before = purchase_price(terms, months)
    after = purchase_price(terms, months + more)
    assert after.price_at_exercise <= before.price_at_exercise
    assert after.to_finance <= before.to_finance


@given(agreements, st.integers(0, 120))
def test_cost_rent_never_changes_the_price(terms, months):
    terms = replace(terms, rent_basis=RentBasis.COST)
    assert purchase_price(terms, months).price_at_exercise == terms.price


# --- The option ------------------------------------------------------------------------


def test_the_option_ends_the_day_before_the_anniversary():
    """From 1 March 2026 for 3 years: the last day is 28 February 2029; from
    29 February 2028 for 5 years: 28 February 2033 (1 March is the anniversary)."""
    assert option_expiry(replace(MARKET, start=datetime.date(2026, 3, 1))) == datetime.date(
        2029, 2, 28
    )
    leap = replace(MARKET, start=datetime.date(2028, 2, 29), option_years=5)
    assert option_expiry(leap) == datetime.date(2033, 2, 28)
    assert option_expiry(MARKET) == datetime.date(2029, 3, 14)


def test_a_purchase_deadline_is_the_last_day():
    deadline = datetime.date(2032, 3, 14)
    terms = replace(MARKET, option_years=None, purchase_deadline=deadline)
    assert option_expiry(terms) == deadline
    with pytest.raises(ValueError, match=OPTION_PERIOD_OR_DEADLINE):
        option_expiry(replace(MARKET, option_years=None))


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (datetime.date(2026, 1, 1), OptionStatus.OPEN),
        (datetime.date(2028, 9, 13), OptionStatus.OPEN),
        (datetime.date(2028, 9, 14), OptionStatus.EXPIRES_SOON),
        (datetime.date(2029, 3, 14), OptionStatus.EXPIRES_SOON),
        (datetime.date(2029, 3, 15), OptionStatus.EXPIRED),
    ],
)
def test_the_option_is_open_expires_soon_or_has_expired(on, status):
    """The option ends 14 March 2029; with 6 months' notice it expires soon from
    14 September 2028 (+ 6 months = 14 March 2029), and has expired the day after."""
    assert option_status(MARKET, on, soon_months=6) == status


def test_without_notice_the_option_expires_soon_only_on_its_last_day():
    assert option_status(MARKET, datetime.date(2029, 3, 13), soon_months=0) == OptionStatus.OPEN
    last = option_status(MARKET, datetime.date(2029, 3, 14), soon_months=0)
    assert last == OptionStatus.EXPIRES_SOON
    with pytest.raises(ValueError, match=NEGATIVE_NOTICE):
        option_status(MARKET, START, soon_months=-1)


# --- The pipeline ------------------------------------------------------------------------

ALLOWED = [(s, t) for s, targets in RENT_TO_OWN_TRANSITIONS.items() for t in sorted(targets)]
FORBIDDEN = [(s, t) for s, t in product(RentToOwnStatus, RentToOwnStatus) if (s, t) not in ALLOWED]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_every_allowed_move_of_an_agreement_passes(current, target):
    assert check_rent_to_own_transition(current, target) == target


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_every_other_move_of_an_agreement_is_forbidden(current, target):
    with pytest.raises(ForbiddenTransition):
        check_rent_to_own_transition(current, target)


def test_the_pipeline_runs_from_offer_to_purchase():
    status = RentToOwnStatus.OFFERED
    for target in ("signed", "renting", "purchase_requested", "purchased"):
        status = check_rent_to_own_transition(status, target)
    assert status == RentToOwnStatus.PURCHASED


def test_a_refused_financing_sends_the_household_back_to_renting():
    assert check_rent_to_own_transition("purchase_requested", "renting") == "renting"


def test_a_defaulted_agreement_was_rented_first():
    sources = {s for s, t in ALLOWED if t == RentToOwnStatus.DEFAULTED}
    assert sources == {RentToOwnStatus.RENTING, RentToOwnStatus.PURCHASE_REQUESTED}


def test_the_open_statuses_are_those_with_a_way_out():
    assert {s for s, targets in RENT_TO_OWN_TRANSITIONS.items() if targets} == set(
        RENT_TO_OWN_OPEN_STATUSES
    )
    assert set(RENT_TO_OWN_TRANSITIONS) == set(RentToOwnStatus)
