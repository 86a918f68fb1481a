"""The loan mathematics of start loans and establishment grants (``domain/loans.py``).

Properties of every schedule (hypothesis) and examples computed by hand, with the
arithmetic in each test's docstring. The rounding rule is in the module docstring:
every amount is rounded half up to the øre, and the last instalment settles the rest.
"""

import calendar
import datetime
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligtorg.domain.loans import (
    ANNUITY_CODE,
    FEE_BELOW_PRINCIPAL,
    FEE_NOT_NEGATIVE,
    INTEREST_ONLY_RANGE,
    INTEREST_ONLY_SHORTER,
    PERIODS_CHOICE,
    PRINCIPAL_POSITIVE,
    RATE_NOT_NEGATIVE,
    SERIAL_CODE,
    TOO_SMALL_FOR_TERM,
    WHOLE_ORE,
    YEARS_RANGE,
    InvalidTerms,
    LoanTerms,
    Method,
    Portfolio,
    effective_annual_rate,
    highest_payment,
    largest_loan,
    monthly_equivalent,
    payment_schedule,
    portfolio_stress,
    portfolio_stress_loop,
    remaining_on,
    schedule_totals,
    terms_errors,
    write_down_schedule,
)

D = Decimal
# Schedules of up to 600 instalments in Decimal: a shared machine can take longer
# than hypothesis's 200 ms default for one example without anything being wrong.
PROPERTY = settings(max_examples=60, deadline=None)


@st.composite
def loan_terms(draw: st.DrawFn, *, fees: bool = True, method: Method | None = None) -> LoanTerms:
    """Terms a municipality could give: 50,000 to 6,000,000 kr, 0 to 12 %, 1 to 50
    years, monthly or quarterly, deferral shorter than the term."""
    years = draw(st.integers(1, 50))
    return LoanTerms(
        principal=D(draw(st.integers(5_000_000, 600_000_000))) / 100,
        annual_rate=D(draw(st.integers(0, 1200))) / 10_000,
        years=years,
        method=method or draw(st.sampled_from(Method)),
        periods_per_year=draw(st.sampled_from([12, 4])),
        interest_only_years=draw(st.integers(0, min(8, years - 1))),
        term_fee=D(draw(st.integers(0, 10_000))) / 100 if fees else D(0),
        establishment_fee=D(draw(st.integers(0, 500_000))) / 100 if fees else D(0),
    )


def _schedule(terms: LoanTerms) -> list:
    assert terms_errors(terms) == {}
    return payment_schedule(terms)


# Properties ------------------------------------------------------------------------


@PROPERTY
@given(loan_terms())
def test_the_principal_parts_add_up_to_the_loan_exactly(terms):
    schedule = _schedule(terms)
    assert sum(row.principal for row in schedule) == terms.principal


@PROPERTY
@given(loan_terms())
def test_the_balance_falls_to_exactly_zero_and_never_below(terms):
    schedule = _schedule(terms)
    assert schedule[-1].balance == 0
    assert all(row.balance > 0 for row in schedule[:-1])
    balances = [terms.principal] + [row.balance for row in schedule]
    assert all(
        after == before - row.principal
        for before, after, row in zip(balances, balances[1:], schedule, strict=False)
    )


@PROPERTY
@given(loan_terms())
def test_every_instalment_is_interest_plus_principal_plus_fee_in_whole_ore(terms):
    schedule = _schedule(terms)
    balances = [terms.principal] + [row.balance for row in schedule]
    for before, row in zip(balances, schedule, strict=False):
        exact_interest = before * terms.annual_rate / terms.periods_per_year
        assert abs(row.interest - exact_interest) <= D("0.005")
        assert row.payment == row.interest + row.principal + row.fee
        assert row.fee == terms.term_fee
        assert all(
            amount == amount.quantize(D("0.01"))
            for amount in (row.payment, row.interest, row.principal, row.balance)
        )


@PROPERTY
@given(loan_terms(method=Method.ANNUITY))
def test_annuity_instalments_are_equal_to_the_ore_except_the_last(terms):
    repayments = _schedule(terms)[terms.interest_only_periods :]
    assert len({row.payment for row in repayments[:-1]}) <= 1
    assert repayments[0].payment == highest_payment(terms)


@PROPERTY
@given(loan_terms(method=Method.ANNUITY))
def test_the_last_annuity_instalment_differs_at_most_by_the_grown_roundings(terms):
    """Each period rounds the amount and the interest by at most half an øre each, and
    what that leaves of the balance grows with interest until the last instalment:
    at most 0.01 × ((1 + r)^(m−1) − 1) / r, times (1 + r), plus its own rounding."""
    repayments = _schedule(terms)[terms.interest_only_periods :]
    r, m = terms.annual_rate / terms.periods_per_year, terms.repayment_periods
    grown = D(m - 1) if r == 0 else ((1 + r) ** (m - 1) - 1) / r
    bound = D("0.01") * grown * (1 + r) + D("0.01")
    assert abs(repayments[-1].payment - repayments[0].payment) <= bound


@PROPERTY
@given(loan_terms(method=Method.SERIAL))
def test_a_serial_loans_principal_part_is_the_same_every_term_except_the_last(terms):
    repayments = _schedule(terms)[terms.interest_only_periods :]
    assert len({row.principal for row in repayments[:-1]}) <= 1
    assert abs(repayments[0].principal - terms.principal / terms.repayment_periods) <= D("0.005")


@PROPERTY
@given(loan_terms())
def test_deferral_instalments_pay_interest_only_and_keep_the_balance(terms):
    schedule = _schedule(terms)
    deferral = schedule[: terms.interest_only_periods]
    assert all(row.principal == 0 and row.balance == terms.principal for row in deferral)
    assert all(row.payment == row.interest + row.fee for row in deferral)
    assert all(row.principal > 0 for row in schedule[terms.interest_only_periods :])


@PROPERTY
@given(
    loan_terms(),
    st.dates(datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)),
    st.sampled_from([1, 12, 20, 31]),
)
def test_a_year_has_twelve_monthly_or_four_quarterly_instalments_on_the_due_day(
    terms, first_due, due_day
):
    schedule = payment_schedule(terms, first_due=first_due, due_day=due_day)
    assert len(schedule) == terms.years * terms.periods_per_year
    assert schedule[0].due == first_due
    step = 12 // terms.periods_per_year
    for before, after in zip(schedule[1:], schedule[2:], strict=False):
        months = (after.due.year - before.due.year) * 12 + after.due.month - before.due.month
        assert months == step
        last_day = calendar.monthrange(after.due.year, after.due.month)[1]
        assert after.due.day == min(due_day, last_day)


@PROPERTY
@given(loan_terms())
def test_the_highest_payment_is_the_largest_instalment_but_the_last(terms):
    schedule = _schedule(terms)
    assert highest_payment(terms) == max(row.payment for row in schedule[:-1])


@PROPERTY
@given(loan_terms(fees=False))
def test_without_fees_the_effective_rate_is_the_nominal_rate_compounded(terms):
    """(1 + nominal / p)^p − 1, to 4 decimals; the øre roundings of the instalments
    move the exact rate by far less than the last decimal, so at most one step."""
    compounded = (1 + terms.annual_rate / terms.periods_per_year) ** terms.periods_per_year - 1
    assert abs(effective_annual_rate(terms) - compounded) <= D("0.0001")


@PROPERTY
@given(loan_terms())
def test_with_fees_the_effective_rate_is_at_least_the_nominal_rate(terms):
    effective = effective_annual_rate(terms)
    assert effective >= terms.annual_rate
    if terms.term_fee or terms.establishment_fee:
        plain = LoanTerms(
            terms.principal,
            terms.annual_rate,
            terms.years,
            terms.method,
            terms.periods_per_year,
            terms.interest_only_years,
        )
        assert effective >= effective_annual_rate(plain)


@PROPERTY
@given(
    capacity=st.integers(0, 6_000_000).map(lambda ore: D(ore) / 100),
    rate=st.integers(0, 1200).map(lambda bp: D(bp) / 10_000),
    years=st.integers(5, 50),
    method=st.sampled_from(Method),
    periods_per_year=st.sampled_from([12, 4]),
    interest_only_years=st.integers(0, 4),
)
def test_the_largest_loan_is_the_largest_whole_krone_the_capacity_carries(
    capacity, rate, years, method, periods_per_year, interest_only_years
):
    found = largest_loan(
        monthly_capacity=capacity,
        annual_rate=rate,
        years=years,
        method=method,
        periods_per_year=periods_per_year,
        interest_only_years=interest_only_years,
    )

    def per_month(principal):
        terms = LoanTerms(principal, rate, years, method, periods_per_year, interest_only_years)
        return monthly_equivalent(highest_payment(terms), periods_per_year)

    assert found == found.to_integral_value()
    if capacity <= 0:
        assert found == 0
        return
    if found:
        assert per_month(found) <= capacity
    assert per_month(found + 1) > capacity


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    loans = draw(
        st.lists(
            st.tuples(
                st.floats(0, 8_000_000),
                st.integers(1, 600),
                st.sampled_from([ANNUITY_CODE, SERIAL_CODE]),
                st.sampled_from([12, 4]),
                st.floats(0, 80_000),
            ),
            max_size=40,
        )
    )
    columns = list(zip(*loans, strict=True)) or [()] * 5
    return Portfolio(
        balance=np.array(columns[0], dtype=np.float64),
        remaining_periods=np.array(columns[1], dtype=np.int64),
        method=np.array(columns[2], dtype=np.int64),
        periods_per_year=np.array(columns[3], dtype=np.int64),
        monthly_capacity=np.array(columns[4], dtype=np.float64),
    )


@PROPERTY
@given(portfolios(), st.floats(0, 0.2))
def test_the_vectorised_stress_test_agrees_with_the_per_loan_loop(portfolio, rate):
    fast, slow = portfolio_stress(portfolio, rate), portfolio_stress_loop(portfolio, rate)
    np.testing.assert_allclose(fast.highest_payment, slow.highest_payment, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(fast.monthly_payment, slow.monthly_payment, rtol=1e-12, atol=1e-9)
    assert fast.exceeds.tolist() == slow.exceeds.tolist()
    assert (
        (fast.loans, fast.loans_exceeding)
        == (slow.loans, slow.loans_exceeding)
        == (len(portfolio), int(slow.exceeds.sum()))
    )
    assert fast.balance_exceeding == pytest.approx(slow.balance_exceeding)
    assert fast.monthly_shortfall == pytest.approx(slow.monthly_shortfall)


@PROPERTY
@given(loan_terms(fees=False))
def test_the_stress_formula_gives_the_highest_payment_to_the_ore(terms):
    """The float formula of the portfolio and the Decimal one of a single loan are the
    same formula: they differ only by the rounding to the øre."""
    portfolio = Portfolio(
        balance=np.array([float(terms.principal)]),
        remaining_periods=np.array([terms.repayment_periods]),
        method=np.array([ANNUITY_CODE if terms.method is Method.ANNUITY else SERIAL_CODE]),
        periods_per_year=np.array([terms.periods_per_year]),
        monthly_capacity=np.array([0.0]),
    )
    stressed = portfolio_stress(portfolio, float(terms.annual_rate)).highest_payment[0]
    assert abs(stressed - float(highest_payment(terms))) <= 0.01 + 1e-6


# Examples computed by hand ---------------------------------------------------------


def test_a_million_kroner_annuity_over_thirty_years_at_five_percent():
    """1,000,000 kr, annuity, 30 years, 5 %, monthly: r = 0.05 / 12 = 0.0041666…, m = 360.

    (1 + r)^360 = 4.4677443…, so (1 + r)^−360 = 0.2238266… and 1 − it = 0.7761734…
    payment = 1,000,000 × 0.0041666… / 0.7761734… = 4,166.6667 / 0.7761734 = 5,368.2162
    → 5,368.22.
    1st: interest 1,000,000 × 0.05 / 12 = 4,166.666… → 4,166.67; principal 5,368.22 −
    4,166.67 = 1,201.55; balance 998,798.45.
    2nd: interest 998,798.45 × 0.05 / 12 = 4,161.6602… → 4,161.66; principal 1,206.56;
    balance 997,591.89.
    Effective rate without fees: (1 + 0.05 / 12)^12 − 1 = 0.0511619 → 5.12 %."""
    terms = LoanTerms(D(1_000_000), D("0.05"), 30, Method.ANNUITY)
    schedule = payment_schedule(terms)
    assert len(schedule) == 360
    first, second = schedule[0], schedule[1]
    assert (first.payment, first.interest, first.principal, first.balance) == (
        D("5368.22"),
        D("4166.67"),
        D("1201.55"),
        D("998798.45"),
    )
    assert (second.interest, second.principal, second.balance) == (
        D("4161.66"),
        D("1206.56"),
        D("997591.89"),
    )
    assert highest_payment(terms) == D("5368.22")
    assert effective_annual_rate(terms) == D("0.0512")
    # Each payment was rounded up by 0.0038 kr; 359 of them with interest on them make
    # 0.0038 × ((1 + r)^359 − 1) / r = 0.0038 × 828 = 3.15 kr repaid early, and the
    # interest roundings the rest: the last instalment is 3.32 kr smaller.
    assert schedule[-1].payment == D("5364.90")


def test_a_serial_loan_of_1_2_million_over_ten_years_at_six_percent():
    """1,200,000 kr, serial, 10 years, 6 %, monthly: 120 instalments.

    principal part 1,200,000 / 120 = 10,000.00 every month.
    1st: interest 1,200,000 × 0.06 / 12 = 6,000.00; payment 16,000.00; balance 1,190,000.
    2nd: interest 1,190,000 × 0.005 = 5,950.00; payment 15,950.00.
    120th: interest 10,000 × 0.005 = 50.00; payment 10,050.00; balance 0.
    Interest in all: 0.005 × 10,000 × (120 + 119 + … + 1) = 50 × 7,260 = 363,000.00."""
    terms = LoanTerms(D(1_200_000), D("0.06"), 10, Method.SERIAL)
    schedule = payment_schedule(terms)
    assert [row.payment for row in schedule[:2]] == [D("16000.00"), D("15950.00")]
    assert {row.principal for row in schedule} == {D("10000.00")}
    assert (schedule[-1].interest, schedule[-1].payment, schedule[-1].balance) == (
        D("50.00"),
        D("10050.00"),
        0,
    )
    assert highest_payment(terms) == D("16000.00")
    totals = schedule_totals(terms, schedule)
    assert (totals.interest, totals.cost_of_credit, totals.total_payable) == (
        D("363000.00"),
        D("363000.00"),
        D("1563000.00"),
    )


def test_an_annuity_with_two_interest_only_years():
    """600,000 kr, annuity, 20 years of which 2 interest-only, 4.8 %, monthly.

    Deferral, instalments 1–24: interest 600,000 × 0.048 / 12 = 2,400.00, principal 0,
    balance 600,000.00.
    Then an annuity over 216 months at r = 0.004: (1.004)^216 = 2.3685468…, 1 − 1 /
    2.3685468 = 0.5778001…, payment = 2,400 / 0.5778001 = 4,153.685… → 4,153.69.
    25th: interest 2,400.00, principal 4,153.69 − 2,400.00 = 1,753.69, balance
    598,246.31."""
    terms = LoanTerms(D(600_000), D("0.048"), 20, Method.ANNUITY, interest_only_years=2)
    schedule = payment_schedule(terms)
    assert {(row.payment, row.principal, row.balance) for row in schedule[:24]} == {
        (D("2400.00"), 0, D(600_000))
    }
    first_repayment = schedule[24]
    assert (first_repayment.payment, first_repayment.principal, first_repayment.balance) == (
        D("4153.69"),
        D("1753.69"),
        D("598246.31"),
    )
    assert highest_payment(terms) == D("4153.69")


def test_a_quarterly_serial_loan_with_deferral():
    """480,000 kr, serial, 10 years of which 2 interest-only, 6 %, quarterly: 40
    instalments, 8 interest-only and 32 repayments of 480,000 / 32 = 15,000.00.

    Quarters 1–8: interest 480,000 × 0.06 / 4 = 7,200.00.
    Quarter 9: 7,200.00 + 15,000.00 = 22,200.00 (the highest: 7,400.00 a month).
    Quarter 10: 465,000 × 0.015 = 6,975.00, payment 21,975.00.
    Quarter 40: 15,000 × 0.015 = 225.00, payment 15,225.00."""
    terms = LoanTerms(
        D(480_000), D("0.06"), 10, Method.SERIAL, periods_per_year=4, interest_only_years=2
    )
    schedule = payment_schedule(terms, first_due=datetime.date(2027, 3, 20))
    assert len(schedule) == 40
    assert {row.payment for row in schedule[:8]} == {D("7200.00")}
    assert [row.payment for row in schedule[8:10]] == [D("22200.00"), D("21975.00")]
    assert schedule[-1].payment == D("15225.00")
    assert [row.due for row in schedule[:3]] == [
        datetime.date(2027, 3, 20),
        datetime.date(2027, 6, 20),
        datetime.date(2027, 9, 20),
    ]
    assert monthly_equivalent(highest_payment(terms), 4) == D("7400")


def test_fees_are_in_every_instalment_and_raise_the_effective_rate():
    """The million-kroner annuity with a term fee of 50 kr and an establishment fee of
    2,500 kr: every instalment is 5,368.22 + 50 = 5,418.22; the borrower receives
    997,500. The fees add about 0.10 points: 5.22 % (by the solver)."""
    terms = LoanTerms(
        D(1_000_000), D("0.05"), 30, Method.ANNUITY, term_fee=D(50), establishment_fee=D(2500)
    )
    schedule = payment_schedule(terms)
    assert schedule[0].payment == D("5418.22") and schedule[0].fee == D("50.00")
    assert effective_annual_rate(terms) == D("0.0522")
    totals = schedule_totals(terms, schedule)
    assert totals.fees == 360 * D(50) + D(2500)


def test_at_zero_rate_an_annuity_repays_the_principal_in_equal_parts():
    """120,000 kr over 10 years at 0 %: 120,000 / 120 = 1,000.00 a month, no interest;
    the effective rate is 0."""
    terms = LoanTerms(D(120_000), D(0), 10, Method.ANNUITY)
    schedule = payment_schedule(terms)
    assert {(row.payment, row.interest) for row in schedule} == {(D("1000.00"), 0)}
    assert effective_annual_rate(terms) == 0


def test_a_due_day_past_the_end_of_a_month_falls_on_its_last_day():
    """Due on the 31st: 31 January, then 28 February, 31 March (2027 is no leap year)."""
    terms = LoanTerms(D(100_000), D("0.05"), 5, Method.ANNUITY)
    schedule = payment_schedule(terms, first_due=datetime.date(2027, 1, 31), due_day=31)
    assert [row.due for row in schedule[:3]] == [
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
        datetime.date(2027, 3, 31),
    ]


def test_a_grant_of_200_000_written_down_over_twenty_years():
    """200,000 kr over 20 years at 5 %: 200,000 × 5 / 100 = 10,000.00 a year; 190,000
    remain after the first year, 100,000 after the tenth, 0 after the twentieth."""
    schedule = write_down_schedule(D(200_000), start=datetime.date(2027, 3, 1))
    assert len(schedule) == 20
    assert {row.written_down for row in schedule} == {D("10000.00")}
    assert [schedule[0].remaining, schedule[9].remaining, schedule[-1].remaining] == [
        D(190_000),
        D(100_000),
        0,
    ]
    assert (schedule[0].date, schedule[-1].date) == (
        datetime.date(2028, 3, 1),
        datetime.date(2047, 3, 1),
    )
    # Sold in the 11th year: 100,000 of the grant must be repaid.
    assert remaining_on(D(200_000), schedule, datetime.date(2037, 6, 1)) == D(100_000)
    assert remaining_on(D(200_000), schedule, datetime.date(2028, 2, 29)) == D(200_000)


def test_an_odd_grant_writes_the_rounding_off_in_the_last_year():
    """123,456.78 kr: 5 % = 6,172.839 → 6,172.84 a year; 19 years write down
    117,283.96; the 20th writes down the rest, 123,456.78 − 117,283.96 = 6,172.82."""
    schedule = write_down_schedule(D("123456.78"))
    assert schedule[0].written_down == D("6172.84")
    assert schedule[-1].written_down == D("6172.82")
    assert sum(row.written_down for row in schedule) == D("123456.78")
    assert schedule[0].date is None


def test_a_write_down_must_reach_the_whole_grant():
    with pytest.raises(ValueError, match="100"):
        write_down_schedule(D(200_000), years=10)


def test_the_largest_loan_for_the_million_kroner_payment():
    """5,368.22 kr a month carries the million-kroner loan of the first example and 1
    krone more (1,000,001 kr costs 5,368.2216 → 5,368.22 too), not 2 (→ 5,368.23)."""
    found = largest_loan(
        monthly_capacity=D("5368.22"), annual_rate=D("0.05"), years=30, method=Method.ANNUITY
    )
    assert found == D(1_000_001)


def test_no_capacity_carries_no_loan():
    for capacity in (D(0), D(-500)):
        assert (
            largest_loan(
                monthly_capacity=capacity, annual_rate=D("0.05"), years=30, method=Method.SERIAL
            )
            == 0
        )


def test_the_stress_test_of_two_loans_at_a_higher_rate():
    """The million-kroner annuity (360 months) at 7.5 % instead of 5 %: r = 0.00625,
    (1.00625)^360 = 9.4084…, 1 − 1 / 9.4084 = 0.893713…, 6,250 / 0.893713 = 6,992.15 a
    month: more than a capacity of 6,000. The serial loan of 1,200,000 (120 months) at
    7.5 % quarterly: 1,200,000 × 0.075 / 4 + 1,200,000 / 120 = 22,500 + 10,000 = 32,500
    a quarter, 10,833.33 a month: within a capacity of 11,000."""
    portfolio = Portfolio(
        balance=np.array([1_000_000.0, 1_200_000.0]),
        remaining_periods=np.array([360, 120]),
        method=np.array([ANNUITY_CODE, SERIAL_CODE]),
        periods_per_year=np.array([12, 4]),
        monthly_capacity=np.array([6_000.0, 11_000.0]),
    )
    result = portfolio_stress(portfolio, 0.075)
    np.testing.assert_allclose(result.monthly_payment, [6992.15, 10833.33], atol=0.01)
    assert result.exceeds.tolist() == [True, False]
    assert (result.loans, result.loans_exceeding, result.balance_exceeding) == (2, 1, 1_000_000.0)
    assert result.monthly_shortfall == pytest.approx(992.15, abs=0.01)


def test_a_portfolio_rejects_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="one length"):
        Portfolio(
            np.zeros(2),
            np.ones(2, dtype=np.int64),
            np.zeros(2, dtype=np.int64),
            np.full(2, 12),
            np.zeros(3),
        )


# Terms that cannot give a schedule ------------------------------------------------


def test_valid_terms_have_no_errors():
    assert terms_errors(LoanTerms(D(2_500_000), D("0.0525"), 50, Method.ANNUITY, 4, 8)) == {}


def test_each_field_outside_the_regulations_limits_is_named():
    """Forskrift om lån fra Husbanken ch. 8: up to 50 years, up to 8 interest-only,
    monthly or quarterly."""
    terms = LoanTerms(
        D(0),
        D("-0.01"),
        51,
        Method.ANNUITY,
        periods_per_year=6,
        interest_only_years=9,
        term_fee=D("-1"),
    )
    assert terms_errors(terms) == {
        "principal": PRINCIPAL_POSITIVE,
        "annual_rate": RATE_NOT_NEGATIVE,
        "years": YEARS_RANGE,
        "periods_per_year": PERIODS_CHOICE,
        "interest_only_years": INTEREST_ONLY_RANGE,
        "term_fee": FEE_NOT_NEGATIVE,
    }


def test_deferral_must_be_shorter_than_the_term_and_fees_smaller_than_the_loan():
    terms = LoanTerms(
        D(100_000), D("0.05"), 5, Method.SERIAL, interest_only_years=5, establishment_fee=D(100_000)
    )
    assert terms_errors(terms) == {
        "interest_only_years": INTEREST_ONLY_SHORTER,
        "establishment_fee": FEE_BELOW_PRINCIPAL,
    }


def test_amounts_are_in_whole_ore():
    assert terms_errors(LoanTerms(D("1000.005"), D("0.05"), 5, Method.SERIAL)) == {
        "principal": WHOLE_ORE
    }


def test_more_than_thirty_years_needs_the_regulations_conditions():
    assert LoanTerms(D(1_000_000), D("0.05"), 31, Method.ANNUITY).needs_long_term_conditions
    assert not LoanTerms(D(1_000_000), D("0.05"), 30, Method.ANNUITY).needs_long_term_conditions


def test_a_loan_too_small_for_its_term_is_refused_rather_than_paid_off_early():
    """1,000 kr over 50 years at 20 %, monthly: the first principal part would be
    1,000 × 0.01667 / (1.01667^600 − 1) ≈ 0.0008 kr, less than the rounding of the
    payment, which would repay the loan decades early. 1 kr over 50 years at 0 %:
    1 / 600 = 0.0017 → 0.00 a month, nothing repaid. 2,000 kr: 3.33 a month, 599 ×
    3.33 = 1,994.67, and the last pays 5.33: a valid schedule."""
    assert terms_errors(LoanTerms(D(1_000), D("0.2"), 50, Method.ANNUITY)) == {
        "principal": TOO_SMALL_FOR_TERM
    }
    assert terms_errors(LoanTerms(D(1), D(0), 50, Method.SERIAL)) == {
        "principal": TOO_SMALL_FOR_TERM
    }
    assert terms_errors(LoanTerms(D(2_000), D(0), 50, Method.SERIAL)) == {}


def test_a_schedule_of_invalid_terms_raises_with_the_field_errors():
    with pytest.raises(InvalidTerms) as raised:
        payment_schedule(LoanTerms(D(100_000), D("0.05"), 0, Method.ANNUITY))
    assert raised.value.errors == {"years": YEARS_RANGE}
