"""Loan mathematics for start loans and establishment grants, to the øre.

What a loan costs, instalment by instalment: the payment schedule (nedbetalingsplan),
the effective annual rate (effektiv rente), the highest instalment a household must
carry, the largest loan a monthly capacity can service, the write-down of a grant
given as a loan, and a vectorised stress test of a whole portfolio when the rate
changes. Pure Python (Decimal for money, numpy for the portfolio); no Django.

Terms (sources):
- "Forskrift om lån fra Husbanken" ch. 8 (terms of the start loan): annuity or serial
  repayment; a term of up to 30 years, up to 50 years when the conditions of the
  regulation are met (recorded by the officer, not checked here); up to 8 years
  interest-only (avdragsfrihet) at the start; monthly or quarterly instalments.
- Husbanken's guidance for start loans (husbanken.no/kommune/startlaan/veileder/):
  the establishment grant is often given as a 20-year loan written down 5 % a year.
- Finansavtaleloven (2023) and the consumer credit directive (2008/48/EC Annex I,
  carried into (EU) 2023/2225): the effective rate is the yearly rate that equates
  what the borrower receives with the present value of everything the borrower pays,
  fees included, with periods of equal length (a month is 1/12 year).

Rounding rule (every amount is a Decimal in NOK with two decimals; every rounding
is ROUND_HALF_UP to 0.01):
- interest of a period = round(balance × annual_rate / periods_per_year), on the
  balance before the instalment;
- the annuity amount (interest + principal part) = round(P × r / (1 − (1 + r)^−m)),
  with P the principal, r = annual_rate / periods_per_year and m the number of
  repayment periods (the term without the deferral); at a zero rate round(P / m);
  each instalment's principal part = annuity amount − interest;
- a serial loan's principal part = round(P / m), the same every repayment period;
- deferral periods (interest-only) pay the interest only: principal part 0, the
  balance unchanged;
- the LAST instalment pays the remaining balance exactly, so its principal part
  (and its payment) may differ from the others. For a serial loan by a few øre to a
  few kroner (at most half an øre per instalment). For an annuity the half øre by
  which the amount was rounded grows with interest over the term, up to
  0.005 × ((1 + r)^(m−1) − 1) / r: measured on random loans, at most 6 kr at 30
  years and 27 kr at 50 years up to 7 %, 180 kr at 50 years and 12 %. The principal
  parts therefore sum exactly to the loan and the balance ends at exactly 0.
- an instalment's payment = interest + principal part + term fee (terminbeløp: what
  the borrower pays on the due date).

Interest is per period (a twelfth or a quarter of the yearly rate), not per day:
a first period longer or shorter than the others is not prorated here.
"""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
MAX_YEARS = 50
MAX_YEARS_WITHOUT_CONDITIONS = 30
MAX_INTEREST_ONLY_YEARS = 8
PERIODS_PER_YEAR = (12, 4)

# Enough digits that (1 + r)^600 and the divisions after it are exact to far below
# the øre, whatever context the caller has set.
DECIMAL_CONTEXT = Context(prec=34)


class Method(StrEnum):
    """How the loan is repaid (forskrift om lån fra Husbanken ch. 8)."""

    ANNUITY = "annuity"  # the same amount every period: interest falls, principal rises
    SERIAL = "serial"  # the same principal part every period: the payment falls


@dataclass(frozen=True)
class LoanTerms:
    """The terms of one loan. ``years`` is the whole term, deferral included."""

    principal: Decimal
    annual_rate: Decimal
    years: int
    method: Method
    periods_per_year: int = 12
    interest_only_years: int = 0
    term_fee: Decimal = Decimal(0)
    establishment_fee: Decimal = Decimal(0)

    @property
    def periods(self) -> int:
        return self.years * self.periods_per_year

    @property
    def interest_only_periods(self) -> int:
        return self.interest_only_years * self.periods_per_year

    @property
    def repayment_periods(self) -> int:
        return self.periods - self.interest_only_periods

    @property
    def needs_long_term_conditions(self) -> bool:
        """More than 30 years: allowed only with the regulation's conditions recorded."""
        return self.years > MAX_YEARS_WITHOUT_CONDITIONS


@dataclass(frozen=True)
class Instalment:
    """One due date of the schedule; ``balance`` is what is owed after it."""

    number: int
    due: datetime.date | None
    payment: Decimal
    interest: Decimal
    principal: Decimal
    fee: Decimal
    balance: Decimal


@dataclass(frozen=True)
class WriteDown:
    """One yearly write-down of a grant given as a loan; ``remaining`` is after it."""

    year: int
    date: datetime.date | None
    written_down: Decimal
    remaining: Decimal


class InvalidTerms(ValueError):
    """The terms cannot give a schedule; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def gettext_noop(message: str) -> str:
    """Marks ``message`` for translation without importing Django: makemessages finds
    calls by this name, and the app translates the message (``gettext``) where it
    shows it."""
    return message


# Messages: English source text, translated by the app where it shows them.
PRINCIPAL_POSITIVE = gettext_noop("The loan amount must be more than 0.")
WHOLE_ORE = gettext_noop("The amount must be in whole øre (at most two decimals).")
RATE_NOT_NEGATIVE = gettext_noop("The interest rate cannot be negative.")
YEARS_RANGE = gettext_noop("The term must be from 1 to 50 years.")
PERIODS_CHOICE = gettext_noop("Instalments are monthly (12 a year) or quarterly (4 a year).")
INTEREST_ONLY_RANGE = gettext_noop("Interest-only years must be from 0 to 8.")
INTEREST_ONLY_SHORTER = gettext_noop(
    "The interest-only years must be fewer than the years of the term."
)
FEE_NOT_NEGATIVE = gettext_noop("A fee cannot be negative.")
FEE_BELOW_PRINCIPAL = gettext_noop("The establishment fee must be less than the loan amount.")
TOO_SMALL_FOR_TERM = gettext_noop(
    "Rounded to the øre, the instalments would not repay this loan over its term: "
    "choose a larger loan, a shorter term or a lower rate."
)


def money(amount: Decimal) -> Decimal:
    """``amount`` rounded half up to the øre (the module's one rounding rule)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _is_whole_ore(amount: Decimal) -> bool:
    return amount.is_finite() and amount == amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _field_errors(terms: LoanTerms) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not terms.principal.is_finite() or terms.principal <= 0:
        errors["principal"] = PRINCIPAL_POSITIVE
    elif not _is_whole_ore(terms.principal):
        errors["principal"] = WHOLE_ORE
    if not terms.annual_rate.is_finite() or terms.annual_rate < 0:
        errors["annual_rate"] = RATE_NOT_NEGATIVE
    if not 1 <= terms.years <= MAX_YEARS:
        errors["years"] = YEARS_RANGE
    if terms.periods_per_year not in PERIODS_PER_YEAR:
        errors["periods_per_year"] = PERIODS_CHOICE
    if not 0 <= terms.interest_only_years <= MAX_INTEREST_ONLY_YEARS:
        errors["interest_only_years"] = INTEREST_ONLY_RANGE
    elif "years" not in errors and terms.interest_only_years >= terms.years:
        errors["interest_only_years"] = INTEREST_ONLY_SHORTER
    for field in ("term_fee", "establishment_fee"):
        fee: Decimal = getattr(terms, field)
        if not fee.is_finite() or fee < 0:
            errors[field] = FEE_NOT_NEGATIVE
        elif not _is_whole_ore(fee):
            errors[field] = WHOLE_ORE
    if (
        "principal" not in errors
        and "establishment_fee" not in errors
        and terms.establishment_fee >= terms.principal
    ):
        errors["establishment_fee"] = FEE_BELOW_PRINCIPAL
    return errors


def _shape_error(schedule: list[Instalment], terms: LoanTerms) -> str | None:
    """A schedule that rounding has broken: a repayment instalment that repays nothing
    or less than nothing, or a balance used up before the last instalment. It happens
    only to a loan of a few thousand kroner over decades, or at a very high rate."""
    repayments = schedule[terms.interest_only_periods :]
    if any(row.principal <= 0 for row in repayments) or any(
        row.balance <= 0 for row in schedule[:-1]
    ):
        return TOO_SMALL_FOR_TERM
    return None


def terms_errors(terms: LoanTerms) -> dict[str, str]:
    """What is wrong with ``terms``, field name → English message; empty when valid.

    Limits from forskrift om lån fra Husbanken ch. 8: 1 to 50 years (more than 30
    only with the regulation's conditions, which the officer records:
    ``LoanTerms.needs_long_term_conditions``), 0 to 8 interest-only years and fewer
    than the term, monthly or quarterly instalments; the amount and fees in whole
    øre, the rate not negative. Last, the schedule itself must work out to the øre
    (``TOO_SMALL_FOR_TERM`` on ``principal``)."""
    errors = _field_errors(terms)
    if not errors:
        with localcontext(DECIMAL_CONTEXT):
            shape = _shape_error(_schedule(terms, None, None), terms)
        if shape:
            errors["principal"] = shape
    return errors


def _check(terms: LoanTerms) -> None:
    errors = _field_errors(terms)
    if errors:
        raise InvalidTerms(errors)


def annuity_amount(
    principal: Decimal, annual_rate: Decimal, periods_per_year: int, m: int
) -> Decimal:
    """The level amount (interest + principal part) of an annuity, rounded to the øre."""
    if annual_rate == 0:
        return money(principal / m)
    rate = annual_rate / periods_per_year
    return money(principal * rate / (1 - (1 + rate) ** -m))


def period_interest(balance: Decimal, annual_rate: Decimal, periods_per_year: int) -> Decimal:
    # balance × annual_rate is exact; one division then one rounding, as the rule says.
    return money(balance * annual_rate / periods_per_year)


def _month_day(year: int, month: int, day: int) -> datetime.date:
    """``day`` of the month, or the month's last day when it has fewer days."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_dates(
    count: int, first_due: datetime.date, *, months_apart: int, due_day: int | None = None
) -> list[datetime.date]:
    """``first_due``, then every ``months_apart`` months on ``due_day`` (the day of
    ``first_due`` when not given; the month's last day when the month is shorter)."""
    day = first_due.day if due_day is None else due_day
    if not 1 <= day <= 31:
        raise ValueError(f"due_day must be 1..31, not {day}")
    dates = [first_due]
    for number in range(1, count):
        index = first_due.month - 1 + number * months_apart
        dates.append(_month_day(first_due.year + index // 12, index % 12 + 1, day))
    return dates


def _schedule(
    terms: LoanTerms, first_due: datetime.date | None, due_day: int | None
) -> list[Instalment]:
    n, deferral, m = terms.periods, terms.interest_only_periods, terms.repayment_periods
    ppy, rate, fee = terms.periods_per_year, terms.annual_rate, money(terms.term_fee)
    dates: list[datetime.date | None] = (
        [None] * n
        if first_due is None
        else [*due_dates(n, first_due, months_apart=12 // ppy, due_day=due_day)]
    )
    annuity = terms.method is Method.ANNUITY
    # The annuity amount (interest + principal part), or the serial principal part.
    level = annuity_amount(terms.principal, rate, ppy, m) if annuity else money(terms.principal / m)
    balance = money(terms.principal)  # the same value, written with two decimals
    rows = []
    for number in range(1, n + 1):
        interest = period_interest(balance, rate, ppy)
        if number <= deferral:
            principal = Decimal("0.00")
        elif number == n:
            principal = balance
        else:
            principal = level - interest if annuity else level
        balance -= principal
        rows.append(
            Instalment(
                number=number,
                due=dates[number - 1],
                payment=interest + principal + fee,
                interest=interest,
                principal=principal,
                fee=fee,
                balance=balance,
            )
        )
    return rows


def payment_schedule(
    terms: LoanTerms, *, first_due: datetime.date | None = None, due_day: int | None = None
) -> list[Instalment]:
    """Every instalment of the loan: interest, principal part, fee and balance after.

    Due dates: ``first_due``, then every 12 / ``periods_per_year`` months on
    ``due_day`` (the 1st, 12th or 20th in practice; the day of ``first_due`` when not
    given); no dates when ``first_due`` is None. The rounding rule is in the module
    docstring. Raises ``InvalidTerms`` when ``terms_errors`` has something to say."""
    _check(terms)
    with localcontext(DECIMAL_CONTEXT):
        schedule = _schedule(terms, first_due, due_day)
        shape = _shape_error(schedule, terms)
    if shape:
        raise InvalidTerms({"principal": shape})
    return schedule


@dataclass(frozen=True)
class Totals:
    """What the loan costs in all: the figures of the standard European consumer
    credit information (SEF): the cost of credit and the total amount payable."""

    interest: Decimal
    fees: Decimal  # term fees and the establishment fee
    cost_of_credit: Decimal  # interest + fees
    total_payable: Decimal  # principal + cost of credit


def schedule_totals(terms: LoanTerms, schedule: list[Instalment]) -> Totals:
    """The sums of ``schedule`` (made from ``terms``), with the establishment fee."""
    interest = sum((row.interest for row in schedule), Decimal("0.00"))
    fees = sum((row.fee for row in schedule), terms.establishment_fee)
    return Totals(interest, fees, interest + fees, terms.principal + interest + fees)


def highest_payment(terms: LoanTerms) -> Decimal:
    """The largest instalment the borrower pays, leaving out the last one (which only
    settles the rounding), term fee included: an annuity's level instalment; a serial
    loan's first instalment after the deferral (its interest falls every period).
    What the household must be able to carry (Husbanken's guidance: the debt-service
    capacity is tested against the loan's payments). Computed without the schedule."""
    _check(terms)
    with localcontext(DECIMAL_CONTEXT):
        ppy, m = terms.periods_per_year, terms.repayment_periods
        if terms.method is Method.ANNUITY:
            amount = annuity_amount(terms.principal, terms.annual_rate, ppy, m)
        else:
            amount = period_interest(terms.principal, terms.annual_rate, ppy) + money(
                terms.principal / m
            )
        return amount + terms.term_fee


def monthly_equivalent(payment: Decimal, periods_per_year: int) -> Decimal:
    """A payment per period as per month (a quarterly payment / 3), not rounded."""
    with localcontext(DECIMAL_CONTEXT):
        return payment * periods_per_year / 12


def largest_loan(
    *,
    monthly_capacity: Decimal,
    annual_rate: Decimal,
    years: int,
    method: Method,
    periods_per_year: int = 12,
    interest_only_years: int = 0,
    term_fee: Decimal = Decimal(0),
) -> Decimal:
    """The largest loan in whole kroner whose ``highest_payment``, as per month (a
    quarterly payment / 3), is at most ``monthly_capacity``; 0 when the capacity is 0
    or less (or does not even cover the term fee). A capacity of a few kroner gives a
    loan too small for a schedule over the term (``terms_errors`` says so).

    Husbanken's guidance for start loans: the household's debt-service capacity
    (income after tax − living costs − other fixed costs) at the stress rate decides
    the loan it can carry. The highest payment grows with the loan (each rounding
    is monotone), so the answer is the closed-form estimate corrected by exact
    checks on either side: principal fits and principal + 1 kr does not."""

    def terms(principal: Decimal) -> LoanTerms:
        return LoanTerms(
            principal=principal,
            annual_rate=annual_rate,
            years=years,
            method=method,
            periods_per_year=periods_per_year,
            interest_only_years=interest_only_years,
            term_fee=term_fee,
        )

    _check(terms(Decimal(1)))
    with localcontext(DECIMAL_CONTEXT):
        # payment × ppy / 12 <= capacity, kept exact in Decimal as payment × ppy <= capacity × 12
        limit = monthly_capacity * 12

        def fits(principal: Decimal) -> bool:
            return highest_payment(terms(principal)) * periods_per_year <= limit

        if monthly_capacity <= 0 or not fits(Decimal(1)):
            return Decimal(0)
        rate = annual_rate / periods_per_year
        m = years * periods_per_year - interest_only_years * periods_per_year
        if method is Method.ANNUITY:
            factor = 1 / Decimal(m) if rate == 0 else rate / (1 - (1 + rate) ** -m)
        else:
            factor = rate + 1 / Decimal(m)
        per_period = limit / periods_per_year - term_fee
        principal = max(Decimal(1), (per_period / factor).to_integral_value(ROUND_FLOOR))
        while not fits(principal):
            principal -= 1
        while fits(principal + 1):
            principal += 1
        return principal


def effective_annual_rate(terms: LoanTerms) -> Decimal:
    """The effective annual rate (effektiv rente) as a fraction to 4 decimals
    (Decimal("0.0512") is 5.12 %).

    Finansavtaleloven (2023) and the consumer credit directive's Annex I: the rate i
    per period that makes the present value of every instalment (fees included)
    equal to what the borrower receives, the principal less the establishment fee;
    then (1 + i)^periods_per_year − 1. Solved with Brent's method on a bracket that
    is proven to hold the root: the present value falls as i grows, is at least the
    amount received at i = 0 (the borrower never pays back less than received), and
    the upper end is doubled until it falls below."""
    schedule = payment_schedule(terms)
    received = float(terms.principal - terms.establishment_fee)
    payments = np.array([float(row.payment) for row in schedule])
    periods = np.arange(1, len(payments) + 1, dtype=np.float64)

    def surplus(rate: float) -> float:
        return float(np.sum(payments * np.exp(-periods * math.log1p(rate)))) - received

    if surplus(0.0) <= 0:
        return Decimal("0.0000")
    high = max(2 * float(terms.annual_rate) / terms.periods_per_year, 0.01)
    while surplus(high) > 0:
        high *= 2
    per_period = float(brentq(surplus, 0.0, high, xtol=1e-14, rtol=1e-14))
    yearly = math.expm1(terms.periods_per_year * math.log1p(per_period))
    return Decimal(repr(yearly)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def write_down_schedule(
    amount: Decimal,
    *,
    years: int = 20,
    percent_per_year: Decimal = Decimal(5),
    start: datetime.date | None = None,
) -> list[WriteDown]:
    """An establishment grant given as a loan and written down each year.

    Husbanken's guidance for start loans (the establishment grant): a common practice
    is a loan written down 5 % a year over 20 years, so that the grant is kept in
    full only when the household stays; the remaining amount is what it must repay
    on an earlier sale. Each year writes down round(amount × percent / 100); the
    last year writes down what remains, so the amount reaches exactly 0 after
    ``years``. ``years`` × ``percent_per_year`` must be 100. Dates are the yearly
    anniversaries of ``start`` (the payout; 29 February gives 28 February)."""
    if not amount.is_finite() or amount <= 0 or not _is_whole_ore(amount):
        raise ValueError("amount must be a positive sum in whole øre")
    if years < 1 or years * percent_per_year != 100:
        raise ValueError("years × percent_per_year must be 100")
    with localcontext(DECIMAL_CONTEXT):
        yearly = money(amount * percent_per_year / 100)
        remaining = amount
        rows = []
        for year in range(1, years + 1):
            written = remaining if year == years else yearly
            remaining -= written
            date = None if start is None else _month_day(start.year + year, start.month, start.day)
            rows.append(WriteDown(year, date, written, remaining))
    return rows


def remaining_on(amount: Decimal, schedule: list[WriteDown], day: datetime.date) -> Decimal:
    """What remains of a written-down grant of ``amount`` on ``day``: the remaining
    after the last write-down dated on or before it (the whole amount before the first)."""
    remaining = amount
    for row in schedule:
        if row.date is None:
            raise ValueError("the write-down schedule has no dates")
        if row.date <= day:
            remaining = row.remaining
    return remaining


# The portfolio stress test ---------------------------------------------------------

ANNUITY_CODE = 0
SERIAL_CODE = 1
METHOD_CODES = {Method.ANNUITY: ANNUITY_CODE, Method.SERIAL: SERIAL_CODE}

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Portfolio:
    """A municipality's loans as parallel arrays, one entry per loan.

    ``remaining_periods`` counts the repayment periods left (a loan still in its
    interest-only years is given with the balance and the repayment periods after
    the deferral: the stress test asks about its highest payment, which comes then).
    ``method`` holds ``ANNUITY_CODE`` or ``SERIAL_CODE``; ``periods_per_year`` 12 or
    4; ``monthly_capacity`` the household's debt-service capacity per month in NOK."""

    balance: FloatArray
    remaining_periods: IntArray
    method: IntArray
    periods_per_year: IntArray
    monthly_capacity: FloatArray

    def __post_init__(self) -> None:
        size = self.balance.shape
        arrays = (self.remaining_periods, self.method, self.periods_per_year)
        if self.balance.ndim != 1 or any(a.shape != size for a in (*arrays, self.monthly_capacity)):
            raise ValueError("the portfolio's arrays must be one-dimensional and of one length")
        if np.any(self.remaining_periods < 1):
            raise ValueError("every loan needs at least one remaining period")
        if not np.all(np.isin(self.method, (ANNUITY_CODE, SERIAL_CODE))):
            raise ValueError("method codes are ANNUITY_CODE or SERIAL_CODE")
        if not np.all(np.isin(self.periods_per_year, PERIODS_PER_YEAR)):
            raise ValueError("periods_per_year is 12 or 4")

    def __len__(self) -> int:
        return int(self.balance.shape[0])


@dataclass(frozen=True)
class StressResult:
    """Per loan: the highest payment at the new rate (per period and per month) and
    whether it exceeds the household's capacity; and the portfolio's totals."""

    highest_payment: FloatArray
    monthly_payment: FloatArray
    exceeds: BoolArray
    loans: int
    loans_exceeding: int
    balance_exceeding: float  # NOK owed on the loans that exceed their capacity
    monthly_shortfall: float  # NOK per month the exceeding loans lack, in all


def _summary(
    payment: FloatArray, monthly: FloatArray, exceeds: BoolArray, portfolio: Portfolio
) -> StressResult:
    # Sums over 0/1 weights, not over a boolean selection (a mask that changes from
    # loan to loan makes numpy branch, several times slower at this size), and not
    # with a matrix product, which wakes BLAS's threads (25 ms spikes on two cores).
    shortfall = monthly - portfolio.monthly_capacity
    np.maximum(shortfall, 0.0, out=shortfall)
    owed = portfolio.balance * exceeds
    return StressResult(
        highest_payment=payment,
        monthly_payment=monthly,
        exceeds=exceeds,
        loans=len(portfolio),
        loans_exceeding=int(np.count_nonzero(exceeds)),
        balance_exceeding=float(owed.sum()),
        monthly_shortfall=float(shortfall.sum()),
    )


def _rates(new_annual_rate: float | FloatArray, portfolio: Portfolio) -> FloatArray:
    rates = np.asarray(new_annual_rate, dtype=np.float64)
    # NaN fails the first test, infinity the second.
    if not (np.all(rates >= 0) and np.all(rates < np.inf)):
        raise ValueError("the new annual rate must be a number, 0 or more")
    return np.broadcast_to(rates, portfolio.balance.shape)


def portfolio_stress(portfolio: Portfolio, new_annual_rate: float | FloatArray) -> StressResult:
    """Every loan's highest payment at ``new_annual_rate`` (one rate, or one per loan),
    and whether it exceeds the household's monthly capacity; vectorised with numpy,
    no Python loop over the loans.

    The same formulas as ``highest_payment`` in floating point (a stress test's
    figures are shown in kroner, not øre): annuity B·r / (1 − (1 + r)^−n), B / n at
    a zero rate; serial B·r + B / n (its first instalment); r = rate / periods per
    year, n the remaining periods, per month = payment × periods per year / 12. The
    stress rate itself (policy rate + 2.5 points, Husbanken's guidance) is the
    caller's dated setting."""
    balance, periods = portfolio.balance, portfolio.remaining_periods.astype(np.float64)
    per_year = portfolio.periods_per_year.astype(np.float64)  # float ufuncs skip a cast
    rate = _rates(new_annual_rate, portfolio) / per_year
    interest = balance * rate
    level = balance / periods  # the serial principal part, and the annuity at a zero rate
    # Arrays of 20,000 loans are past malloc's mmap threshold: every temporary costs a
    # mapping and its page faults, so the annuity is worked out in one buffer (out=).
    # (1 + r)^−n − 1 = expm1(−n·log1p(r)): no cancellation at small rates; then
    # annuity = B·r / (1 − (1 + r)^−n) = −interest / that.
    annuity = np.log1p(rate)
    np.multiply(annuity, periods, out=annuity)
    np.negative(annuity, out=annuity)
    np.expm1(annuity, out=annuity)
    with np.errstate(invalid="ignore"):  # 0 / 0 at a zero rate, replaced just below
        np.divide(interest, annuity, out=annuity)
    np.negative(annuity, out=annuity)
    zero = rate == 0
    if zero.any():
        np.copyto(annuity, level, where=zero)
    serial = np.add(interest, level, out=interest)
    # Each loan's formula picked by 0/1 weights (exact: 1·x + 0·y = x) rather than
    # np.where on the method, which branches on a mask that changes loan by loan
    # (twice as slow here).
    is_serial = portfolio.method == SERIAL_CODE
    np.multiply(serial, is_serial, out=serial)
    np.multiply(annuity, ~is_serial, out=annuity)
    payment = np.add(annuity, serial, out=annuity)
    monthly = payment * per_year
    np.divide(monthly, 12.0, out=monthly)
    return _summary(payment, monthly, monthly > portfolio.monthly_capacity, portfolio)


def stress_one(balance: float, rate: float, periods: int, method: int, ppy: int) -> float:
    """One loan's highest payment per period in floating point: the formula of
    ``portfolio_stress`` for a single loan, in plain Python."""
    period_rate = rate / ppy
    interest = balance * period_rate
    if method == SERIAL_CODE:
        return interest + balance / periods
    if period_rate > 0:
        return interest / -math.expm1(-periods * math.log1p(period_rate))
    return balance / periods


def portfolio_stress_loop(
    portfolio: Portfolio, new_annual_rate: float | FloatArray
) -> StressResult:
    """``portfolio_stress`` one loan at a time in a plain Python loop: the baseline of
    ``bench/finance.py`` and the tests' oracle."""
    rates = _rates(new_annual_rate, portfolio)
    payments, monthly, exceeds = [], [], []
    for balance, rate, periods, method, ppy, capacity in zip(
        portfolio.balance.tolist(),
        rates.tolist(),
        portfolio.remaining_periods.tolist(),
        portfolio.method.tolist(),
        portfolio.periods_per_year.tolist(),
        portfolio.monthly_capacity.tolist(),
        strict=True,
    ):
        payment = stress_one(balance, rate, periods, method, ppy)
        per_month = payment * ppy / 12.0
        payments.append(payment)
        monthly.append(per_month)
        exceeds.append(per_month > capacity)
    return _summary(
        np.array(payments, dtype=np.float64),
        np.array(monthly, dtype=np.float64),
        np.array(exceeds, dtype=np.bool_),
        portfolio,
    )
