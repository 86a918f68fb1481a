"""The financing plan (price and costs against equity and loans), the need test of
an establishment grant, and the grant given as a loan written down year by year.

Sources: Husbanken's guidance for start loans (the plan adds up, refinancing only to
keep the home, total loans at most the home's value, the first-time-buyer equity
share) and for the establishment grant (needs-tested, a longer term first, often a
20-year loan written down 5 % a year); seed 002 (Malvik: full financing, a grant
where the capacity falls short).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .common import NEGATIVE_AMOUNT, ZERO, Answer, answer_gap, gettext_noop, ore
from .terms import TERM_TOO_SHORT, Product


class Purpose(StrEnum):
    """What the financing is for (Startskudd's purposes)."""

    BUY = "buy"
    BUILD = "build"
    ADAPT = "adapt"
    REFINANCE = "refinance"


@dataclass(frozen=True)
class FinancingPlan:
    """Uses (``price``: purchase price, building or adaptation cost, or the debt
    refinanced; ``costs``: document duty, fees) against sources (equity, the
    bank's loan, the start loan, the grant). ``other_secured_loans`` are loans
    on the home that stay (an adaptation on a mortgaged home); ``home_value`` the
    valuation (required when refinancing); ``product`` brings its equity
    requirement."""

    purpose: Purpose
    price: Decimal
    costs: Decimal = ZERO
    equity: Decimal = ZERO
    bank_loan: Decimal = ZERO
    start_loan: Decimal = ZERO
    grant: Decimal = ZERO
    other_secured_loans: Decimal = ZERO
    home_value: Decimal | None = None
    product: Product | None = None


@dataclass(frozen=True)
class PlanCheck:
    """The plan's sums to the øre: uses, sources and ``difference`` (sources −
    uses: negative is a shortfall, positive a surplus), the loans on the home,
    the equity the product requires, and field name -> message."""

    uses: Decimal
    sources: Decimal
    difference: Decimal
    total_loans: Decimal
    required_equity: Decimal
    errors: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


PLAN_DOES_NOT_ADD_UP = gettext_noop(
    "Price and costs must equal equity, bank loan, start loan and grant to the øre."
)
LOANS_OVER_VALUE = gettext_noop("The loans on the home together exceed its value.")
VALUE_REQUIRED = gettext_noop(
    "Give the home's value: the loans on a home already owned cannot exceed it."
)
EQUITY_BELOW_REQUIREMENT = gettext_noop("The equity is below what the product requires.")

LOANS_WITHIN_VALUE = frozenset({Purpose.REFINANCE, Purpose.ADAPT})
PLAN_AMOUNTS = (
    "price",
    "costs",
    "equity",
    "bank_loan",
    "start_loan",
    "grant",
    "other_secured_loans",
)


def financing_plan_check(plan: FinancingPlan) -> PlanCheck:
    """Check a financing plan (Husbanken's start-loan guidance): price + costs =
    equity + bank loan + start loan + grant, to the øre, with the difference
    shown; when refinancing or adapting a home already owned, the loans on it
    (bank, start loan and loans that stay) at most its value, which must be
    given (refinancing keeps a home, it does not release equity; DOMAIN.md,
    "total loans at most the home's value") — a purchase may finance its costs
    (Malvik, seed 002: full financing); the equity at least the product's share
    of the price (first-time-buyer trial: 5 %, as data).
    Co-financing with a bank is tested for capacity with ``debt_service``,
    which counts both loans.

    Example (hand-computed): price 2,500,000 + costs 62,500 = 2,562,500; equity
    125,000 + bank 1,500,000 + start loan 900,000 + grant 37,500 = 2,562,500:
    difference 0. With the trial product's 5 %, required equity is 125,000.
    """
    errors: dict[str, str] = {}
    for name in PLAN_AMOUNTS:
        if getattr(plan, name) < 0:
            errors[name] = NEGATIVE_AMOUNT
    uses = ore(plan.price + plan.costs)
    sources = ore(plan.equity + plan.bank_loan + plan.start_loan + plan.grant)
    difference = sources - uses
    if difference != 0:
        errors["plan"] = PLAN_DOES_NOT_ADD_UP
    total_loans = ore(plan.bank_loan + plan.start_loan + plan.other_secured_loans)
    if plan.purpose in LOANS_WITHIN_VALUE:
        if plan.home_value is None:
            errors["home_value"] = VALUE_REQUIRED
        elif total_loans > plan.home_value:
            errors["start_loan"] = LOANS_OVER_VALUE
    share = plan.product.equity_share if plan.product else ZERO
    required_equity = ore(plan.price * share)
    if plan.equity < required_equity:
        errors["equity"] = EQUITY_BELOW_REQUIREMENT
    return PlanCheck(
        uses=uses,
        sources=sources,
        difference=difference,
        total_loans=total_loans,
        required_equity=required_equity,
        errors=errors,
    )


# --- Establishment grant ---

LONGER_TERM_FIRST = gettext_noop(
    "A grant is recommended only after a longer loan term has been considered and "
    "found not to close the gap."
)
GRANT_NEEDS_LOW_INCOME = gettext_noop(
    "The establishment grant is for households with permanently low income."
)
NO_GAP = gettext_noop(
    "Equity and the largest loan the household can service cover the price: no grant is needed."
)
GAP_REMAINS = gettext_noop(
    "The grant does not close the whole gap: the plan needs a cheaper home or more equity."
)


@dataclass(frozen=True)
class GrantNeed:
    """The gap a grant would close, the grant that can be recommended (the gap, up
    to any cap), what remains, and why a grant cannot be recommended (field ->
    message) or notes for the officer."""

    gap: Decimal
    grant: Decimal
    remaining_gap: Decimal
    errors: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def can_recommend(self) -> bool:
        return not self.errors


def grant_need(
    *,
    price: Decimal,
    costs: Decimal,
    equity: Decimal,
    largest_serviceable_loan: Decimal,
    permanently_low_income: Answer,
    longer_term_considered: Answer,
    max_grant: Decimal | None = None,
) -> GrantNeed:
    """The need test of an establishment grant (tilskudd til etablering; Husbanken's
    guidance: needs-tested for households with permanently low income; a longer
    loan term is considered first; Malvik guideline, seed 002: a grant where the
    capacity falls short). ``largest_serviceable_loan`` is the largest loan (all
    loans together: start loan and any bank loan) the household can service at
    the longest term considered, from ``domain.loans``. The gap is price + costs
    − equity − that loan, never below zero; the grant closes it up to
    ``max_grant`` (the municipality's cap, data).

    Example (hand-computed): price 2,400,000 + costs 60,000 − equity 20,000 −
    largest loan at 50 years 2,300,000 = gap 140,000; with a cap of 100,000 the
    grant is 100,000 and 40,000 remains.
    """
    gap = max(ZERO, ore(price + costs - equity - largest_serviceable_loan))
    errors: dict[str, str] = {}
    if not longer_term_considered.is_yes:
        errors["longer_term_considered"] = LONGER_TERM_FIRST
    elif (g := answer_gap(longer_term_considered)) is not None:
        errors["longer_term_considered"] = g
    if not permanently_low_income.is_yes:
        errors["permanently_low_income"] = GRANT_NEEDS_LOW_INCOME
    elif (g := answer_gap(permanently_low_income)) is not None:
        errors["permanently_low_income"] = g
    if gap == 0:
        errors["grant"] = NO_GAP
    grant = ZERO if errors else gap if max_grant is None else min(gap, max_grant)
    remaining = gap - grant
    notes = (GAP_REMAINS,) if grant and remaining else ()
    return GrantNeed(gap=gap, grant=grant, remaining_gap=remaining, errors=errors, notes=notes)


@dataclass(frozen=True)
class WriteDown:
    """One year of a grant given as a loan written down: the year (1 = the first),
    the amount written down that year and the balance after it (what the
    household repays if it sells or moves before the loan is written off)."""

    year: int
    written_down: Decimal
    balance: Decimal


def grant_write_down_schedule(amount: Decimal, years: int) -> tuple[WriteDown, ...]:
    """The common practice of giving an establishment grant as a loan written down
    in equal yearly parts (Husbanken's guidance on the grant; typically 20 years,
    5 % a year — the years are the municipality's data). Rounding: each year's
    part is amount ÷ years rounded half up to the øre; the last year writes down
    what is left (no year more than the balance), so the parts sum to the
    amount exactly and the balance never goes below zero.

    Example (hand-computed): 100,000 over 3 years: 33,333.33, 33,333.33,
    33,333.34; balances 66,666.67, 33,333.34, 0.
    """
    if years < 1:
        raise ValueError(TERM_TOO_SHORT)
    if amount < 0:
        raise ValueError(NEGATIVE_AMOUNT)
    part = ore(amount / years)
    schedule = []
    balance = amount
    for year in range(1, years + 1):
        down = balance if year == years else min(part, balance)
        balance -= down
        schedule.append(WriteDown(year=year, written_down=down, balance=balance))
    return tuple(schedule)
