"""Rent-to-own (leie til eie): the municipality buys a home that fits the household
now and later; the household rents it for an option period with the right to buy
it at the price fixed at the start; then it buys with its savings and a start loan
(or a bank loan and a grant), or the agreement ends.

Sources: seed 002 (Rambøll for Kongsberg: Drammen's "fra leie til eie" since 2011,
tenants of municipal dwellings buying them with a start loan and a grant, with close
individual follow-up); DOMAIN.md, "Start loan, grant, housing allowance,
rent-to-own" (Husbanken's model: 3 or 5 years' renting with an option at the year-0
price; rent is cost rent, so that the household saves, or market rent with the
surplus taken off the price; maintenance duties and any saving requirement written
in the agreement; Randaberg: buy within 6 years).

The rules here are pure: the agreement's terms and their errors, the figures at
purchase, where the option stands on a day, and the pipeline as a table of allowed
transitions (STYLE.md, after django-oscar), checked with ``ForbiddenTransition``
from ``boligtorg.domain.lifecycle``. Amounts are ``Decimal`` kroner, rents and
savings monthly; the figures at purchase are rounded to the øre (``common.ore``).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..deadlines import add_months
from ..lifecycle import ForbiddenTransition
from .common import NEGATIVE_AMOUNT, ZERO, gettext_noop, ore

# Husbanken's model of rent-to-own (DOMAIN.md): an option period of 3 or 5 years. A
# municipality with another period passes its own; one with a date to buy by (Randaberg:
# within 6 years) gives ``purchase_deadline`` instead.
OPTION_YEARS = frozenset({3, 5})


class RentBasis(StrEnum):
    """What the rent is set from. COST: the municipality's cost rent, low enough that
    the household saves its monthly saving part towards the purchase. MARKET: market
    rent; what the household pays above the cost rent is taken off the price."""

    COST = "cost"
    MARKET = "market"


@dataclass(frozen=True)
class AgreementTerms:
    """The terms of a rent-to-own agreement.

    ``price``: the purchase price, fixed at the start. ``start``: the day the
    tenancy starts; the option runs from it. Either ``option_years`` (the option
    lasts that many years from the start) or ``purchase_deadline`` (the last day
    the household may buy). ``monthly_rent``: the rent the household pays;
    ``monthly_cost_rent``: the municipality's cost rent for the dwelling (capital
    and running costs), from which a market rent's surplus is counted.
    ``monthly_saving``: the saving requirement per month (on cost rent, the part
    the household saves towards the purchase). ``maintenance_duties``: what the
    tenant maintains, in the agreement's words."""

    price: Decimal
    start: datetime.date
    rent_basis: RentBasis
    monthly_rent: Decimal
    monthly_cost_rent: Decimal
    monthly_saving: Decimal = ZERO
    maintenance_duties: str = ""
    option_years: int | None = None
    purchase_deadline: datetime.date | None = None

    @property
    def monthly_surplus(self) -> Decimal:
        """What the household pays above the cost rent each month on market rent,
        never below zero; zero on cost rent (nothing is credited)."""
        if self.rent_basis != RentBasis.MARKET:
            return ZERO
        return max(ZERO, self.monthly_rent - self.monthly_cost_rent)


PRICE_NOT_POSITIVE = gettext_noop("The price fixed at the start must be more than zero.")
OPTION_PERIOD_OR_DEADLINE = gettext_noop(
    "Give either an option period or a purchase deadline, not both."
)
OPTION_PERIOD_NOT_OFFERED = gettext_noop(
    "The option period is 3 or 5 years, or give a purchase deadline instead."
)
DEADLINE_NOT_AFTER_START = gettext_noop("The purchase deadline must be after the start.")
COST_RENT_NEEDS_SAVING = gettext_noop(
    "On cost rent the household saves towards the purchase: give the monthly saving part."
)
COST_RENT_ABOVE_COST = gettext_noop(
    "On cost rent the rent cannot be above the cost rent: choose market rent to have "
    "the surplus taken off the price."
)
MAINTENANCE_DUTIES_MISSING = gettext_noop("Write down the tenant's maintenance duties.")
NEGATIVE_MONTHS = gettext_noop("The number of months cannot be negative.")
NO_SURPLUS_ON_COST_RENT = gettext_noop(
    "On cost rent no surplus is taken off the price: the household saves instead."
)
NEGATIVE_NOTICE = gettext_noop("The notice before expiry cannot be negative.")


def agreement_errors(
    terms: AgreementTerms, *, option_years_offered: Collection[int] = OPTION_YEARS
) -> dict[str, str]:
    """The terms of a rent-to-own agreement checked before it is offered (DOMAIN.md,
    rent-to-own; seed 002, Drammen): a price above zero fixed at the start; an
    option period the municipality offers (``option_years_offered``, by default
    Husbanken's model of 3 or 5 years) or a purchase deadline after the start, one
    of the two; no negative amount; on cost rent, the rent at most the cost rent
    and a monthly saving part above zero (the household saves); the maintenance
    duties written down. Field name -> message; empty when the terms hold.

    Example: price 2,400,000 from 1 March 2026, 4 years, cost rent 11,500 paid as
    rent, no saving, no duties -> {"option_years": OPTION_PERIOD_NOT_OFFERED,
    "monthly_saving": COST_RENT_NEEDS_SAVING, "maintenance_duties":
    MAINTENANCE_DUTIES_MISSING}.
    """
    errors: dict[str, str] = {}
    if terms.price <= 0:
        errors["price"] = PRICE_NOT_POSITIVE
    if (terms.option_years is None) == (terms.purchase_deadline is None):
        errors["option_years"] = OPTION_PERIOD_OR_DEADLINE
    elif terms.option_years is not None and terms.option_years not in option_years_offered:
        errors["option_years"] = OPTION_PERIOD_NOT_OFFERED
    elif terms.purchase_deadline is not None and terms.purchase_deadline <= terms.start:
        errors["purchase_deadline"] = DEADLINE_NOT_AFTER_START
    for name in ("monthly_rent", "monthly_cost_rent", "monthly_saving"):
        if getattr(terms, name) < 0:
            errors[name] = NEGATIVE_AMOUNT
    if terms.rent_basis == RentBasis.COST:
        if "monthly_rent" not in errors and terms.monthly_rent > terms.monthly_cost_rent:
            errors["monthly_rent"] = COST_RENT_ABOVE_COST
        if "monthly_saving" not in errors and terms.monthly_saving == 0:
            errors["monthly_saving"] = COST_RENT_NEEDS_SAVING
    if not terms.maintenance_duties.strip():
        errors["maintenance_duties"] = MAINTENANCE_DUTIES_MISSING
    return errors


@dataclass(frozen=True)
class PurchaseFigures:
    """The figures when the household buys: the price fixed at the start, the
    surplus taken off it (market rent only), the price at exercise (never below
    zero), the savings built up under the saving requirement, and what remains
    to finance with a start loan, a bank loan or a grant (never below zero; the
    financing case opens with it)."""

    price_fixed: Decimal
    surplus_deducted: Decimal
    price_at_exercise: Decimal
    savings_accrued: Decimal
    to_finance: Decimal


def purchase_price(
    terms: AgreementTerms, months_rented: int, surplus_credited: Decimal | None = None
) -> PurchaseFigures:
    """The price when the option is exercised and what remains to finance (DOMAIN.md,
    rent-to-own: the year-0 price; on market rent the surplus is taken off it; the
    purchase is paid with savings plus a loan and a grant).

    On market rent the surplus taken off is ``surplus_credited`` — what the
    municipality's rent ledger credited, when rent went unpaid in some months —
    or, when None, the agreement's figure: ``months_rented`` × (rent − cost rent).
    On cost rent nothing is taken off, and a surplus passed in raises
    ``ValueError(NO_SURPLUS_ON_COST_RENT)``. Savings are ``months_rented`` × the
    monthly saving requirement. Price at exercise = price − surplus, never below
    zero; to finance = price at exercise − savings, never below zero. Amounts are
    rounded half up to the øre. Raises ``ValueError`` on negative months
    (``NEGATIVE_MONTHS``) or a negative surplus (``NEGATIVE_AMOUNT``).

    Examples (hand-computed). Market rent 14,000 over cost rent 11,500, saving
    1,000 a month, price 2,400,000, 36 months: surplus 36 × 2,500 = 90,000, price
    at exercise 2,310,000, savings 36,000, to finance 2,274,000. Cost rent 11,500
    with a saving part of 2,500, the same price, 60 months: nothing taken off,
    savings 150,000, to finance 2,250,000.
    """
    if months_rented < 0:
        raise ValueError(NEGATIVE_MONTHS)
    if surplus_credited is not None:
        if surplus_credited < 0:
            raise ValueError(NEGATIVE_AMOUNT)
        if surplus_credited > 0 and terms.rent_basis == RentBasis.COST:
            raise ValueError(NO_SURPLUS_ON_COST_RENT)
    surplus = (
        months_rented * terms.monthly_surplus if surplus_credited is None else surplus_credited
    )
    if terms.rent_basis == RentBasis.COST:
        surplus = ZERO
    # Never more than the price: the household is not paid to buy.
    surplus = ore(min(surplus, max(ZERO, terms.price)))
    price_at_exercise = ore(max(ZERO, terms.price - surplus))
    savings = ore(months_rented * terms.monthly_saving)
    return PurchaseFigures(
        price_fixed=terms.price,
        surplus_deducted=surplus,
        price_at_exercise=price_at_exercise,
        savings_accrued=savings,
        to_finance=max(ZERO, price_at_exercise - savings),
    )


class OptionStatus(StrEnum):
    OPEN = "open"
    EXPIRES_SOON = "expires_soon"
    EXPIRED = "expired"


def option_expiry(terms: AgreementTerms) -> datetime.date:
    """The last day the household may exercise the option: the purchase deadline
    when the agreement has one; otherwise the day before the start's anniversary
    ``option_years`` later, as a tenancy counts its years (the start is the first
    day; a start on 29 February has its anniversary on 1 March in a common year).
    Raises ``ValueError(OPTION_PERIOD_OR_DEADLINE)`` when the terms have neither.

    Examples: from 1 March 2026 with 3 years, the last day is 28 February 2029;
    from 29 February 2028 with 5 years, 28 February 2033.
    """
    if terms.purchase_deadline is not None:
        return terms.purchase_deadline
    if terms.option_years is None:
        raise ValueError(OPTION_PERIOD_OR_DEADLINE)
    year = terms.start.year + terms.option_years
    try:
        anniversary = terms.start.replace(year=year)
    except ValueError:  # 29 February in a common year
        anniversary = datetime.date(year, 3, 1)
    return anniversary - datetime.timedelta(days=1)


def option_status(terms: AgreementTerms, on: datetime.date, *, soon_months: int) -> OptionStatus:
    """Where the option stands on a day (DOMAIN.md, rent-to-own: the household buys
    within the option period or by the deadline): EXPIRED after its last day
    (``option_expiry``); EXPIRES_SOON when the last day falls within
    ``soon_months`` months of ``on`` (on or before ``on`` + that many months), so
    that the officer starts the financing in time; OPEN otherwise, including
    before the start (the option is granted when the agreement is signed).
    ``soon_months`` is the municipality's setting; a negative one raises
    ``ValueError(NEGATIVE_NOTICE)``.

    Example: the option from 15 March 2026 for 3 years ends 14 March 2029; with
    6 months' notice it is open on 13 September 2028, expires soon from 14
    September 2028 to 14 March 2029, and has expired on 15 March 2029.
    """
    if soon_months < 0:
        raise ValueError(NEGATIVE_NOTICE)
    expiry = option_expiry(terms)
    if on > expiry:
        return OptionStatus.EXPIRED
    if expiry <= add_months(on, soon_months):
        return OptionStatus.EXPIRES_SOON
    return OptionStatus.OPEN


class RentToOwnStatus(StrEnum):
    """An agreement from offer to purchase (seed 002, Drammen; DOMAIN.md)."""

    OFFERED = "offered"
    SIGNED = "signed"
    RENTING = "renting"
    PURCHASE_REQUESTED = "purchase_requested"
    PURCHASED = "purchased"
    ENDED = "ended"
    DEFAULTED = "defaulted"


_R = RentToOwnStatus

RENT_TO_OWN_TRANSITIONS: Mapping[RentToOwnStatus, frozenset[RentToOwnStatus]] = {
    # Declined or withdrawn before signing: ended.
    _R.OFFERED: frozenset({_R.SIGNED, _R.ENDED}),
    _R.SIGNED: frozenset({_R.RENTING, _R.ENDED}),
    # The option lapses or the household moves: ended. Rent unpaid or duties broken
    # so that the municipality ends the agreement: defaulted.
    _R.RENTING: frozenset({_R.PURCHASE_REQUESTED, _R.ENDED, _R.DEFAULTED}),
    # Financing refused while the option is open: back to renting.
    _R.PURCHASE_REQUESTED: frozenset({_R.PURCHASED, _R.RENTING, _R.ENDED, _R.DEFAULTED}),
    # The dwelling has left the municipal stock, with the proceeds recorded.
    _R.PURCHASED: frozenset(),
    _R.ENDED: frozenset(),
    _R.DEFAULTED: frozenset(),
}

RENT_TO_OWN_OPEN_STATUSES = frozenset({_R.OFFERED, _R.SIGNED, _R.RENTING, _R.PURCHASE_REQUESTED})


def check_rent_to_own_transition(current: str, target: str) -> RentToOwnStatus:
    """Return ``target`` as a status when the table allows current → target; raise
    ``ForbiddenTransition`` otherwise (STYLE.md: a status pipeline is a table of
    allowed transitions)."""
    source, destination = RentToOwnStatus(current), RentToOwnStatus(target)
    if destination not in RENT_TO_OWN_TRANSITIONS[source]:
        raise ForbiddenTransition(source, destination)
    return destination
