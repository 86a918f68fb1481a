"""The household's economy and what it can carry: the monthly lines the officer
edits, SIFO's reference budget beside them, the social-assistance floor under them,
the debt-service capacity and the capacity test of a financing.

Sources: Husbanken's guidance for start loans (husbanken.no/kommune/startlaan/veileder/):
debt-service capacity, the SIFO reference budget, the social-assistance floor, both
loans counted in co-financing; seed 002 (Rambøll for Kongsberg; the Malvik
guideline): every benefit counts as income; finansavtaleloven (2023) § 5-1: a loan
the household cannot service is advised against, which needs the capacity figure
computed here. Every budget and rate is dated data the caller passes in; amounts are
monthly ``Decimal`` kroner.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .common import NEGATIVE_AMOUNT, NO_PERSONS, ZERO, TableGap, gettext_noop


class LineKind(StrEnum):
    """The four kinds of line of a household's monthly economy."""

    INCOME = "income"
    LIVING = "living"
    FIXED = "fixed"
    MAINTENANCE = "maintenance"


class IncomeCategory(StrEnum):
    """Income after tax. Every benefit is income (Malvik guideline, seed 002): no
    category is left out of the capacity."""

    SALARY = "salary"
    PENSION = "pension"
    DISABILITY_BENEFIT = "disability_benefit"
    WORK_ASSESSMENT_ALLOWANCE = "work_assessment_allowance"
    INTRODUCTION_BENEFIT = "introduction_benefit"
    CHILD_BENEFIT = "child_benefit"
    CASH_FOR_CARE = "cash_for_care"
    CHILD_SUPPORT_RECEIVED = "child_support_received"
    HOUSING_ALLOWANCE = "housing_allowance"
    SOCIAL_ASSISTANCE = "social_assistance"
    OTHER = "other"


class FixedCostCategory(StrEnum):
    """Other fixed costs the start-loan guidance names, and the running costs of
    the home other than the loan (SIFO's budget has no housing or electricity,
    so they are fixed lines of the economy)."""

    HOUSING_RUNNING_COSTS = "housing_running_costs"
    ELECTRICITY = "electricity"
    CONSUMER_DEBT = "consumer_debt"
    STUDENT_LOAN = "student_loan"
    KINDERGARTEN = "kindergarten"
    AFTER_SCHOOL = "after_school"
    CHILD_SUPPORT_PAID = "child_support_paid"
    OTHER = "other"


@dataclass(frozen=True)
class EconomyLine:
    """One line of the economy the officer edits: its kind, a category (an
    ``IncomeCategory`` or ``FixedCostCategory`` value, or the app's own), the
    monthly amount in kroner and a note. Raises ``ValueError(NEGATIVE_AMOUNT)``
    on a negative amount (a cost is a positive amount of kind living, fixed or
    maintenance)."""

    kind: LineKind
    category: str
    monthly_amount: Decimal
    note: str = ""

    def __post_init__(self) -> None:
        if self.monthly_amount < 0:
            raise ValueError(NEGATIVE_AMOUNT)


class Sex(StrEnum):
    """SIFO's food and clothing budgets differ by sex from age 10."""

    FEMALE = "female"
    MALE = "male"


@dataclass(frozen=True)
class PersonProfile:
    """A member of the household as SIFO's reference budget sees them."""

    age: int
    sex: Sex | None = None


@dataclass(frozen=True)
class SifoPersonRow:
    """The per-person amounts (monthly, by category) for ages ``min_age`` to
    ``max_age`` inclusive (None: no upper bound), for one sex or (None) both."""

    min_age: int
    max_age: int | None
    amounts: Mapping[str, Decimal]
    sex: Sex | None = None

    def fits(self, person: PersonProfile) -> bool:
        if person.age < self.min_age or (self.max_age is not None and person.age > self.max_age):
            return False
        return self.sex is None or self.sex == person.sex


@dataclass(frozen=True)
class SifoReference:
    """SIFO's reference budget for one year (Oslo Metropolitan University, SIFO;
    published each spring). Per person: food and drink, clothes and shoes,
    personal care, play and media. Per household, by household size (the row
    for the largest size listed serves larger households): other groceries,
    household articles, furniture, media and leisure, travel, car. No housing
    and no electricity. ``optional_categories`` (car, infant equipment,
    kindergarten, after-school, ...) count only when the case asks for them, so
    the reference never counts twice what the economy has as a fixed cost."""

    valid_from: datetime.date
    person_rows: Sequence[SifoPersonRow]
    household_rows: Mapping[int, Mapping[str, Decimal]]
    optional_categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SifoBudget:
    """The reference budget of a household: the monthly total and the amount per
    category (per-person categories summed over the persons)."""

    monthly: Decimal
    by_category: Mapping[str, Decimal]


SIFO_NO_PERSON_ROW = gettext_noop("The SIFO table has no row for a person of this age and sex.")
SIFO_NO_HOUSEHOLD_ROW = gettext_noop("The SIFO table has no household row for this household size.")


def sifo_reference(
    table: SifoReference,
    persons: Sequence[PersonProfile],
    *,
    include: Collection[str] = (),
) -> SifoBudget:
    """The SIFO reference budget of a household (Husbanken's start-loan guidance:
    living costs start from actual spending, with SIFO's reference budget as the
    reference). Each person takes the first row that fits their age and sex; the
    household takes the row for its size, or for the largest size listed.
    Categories in ``table.optional_categories`` count only when named in
    ``include``. Raises ``TableGap`` when no row fits.

    Example (hand-computed): a row of 3,000 food + 800 clothes for adults, one
    of 2,000 food + 600 clothes for children, a two-person household row of
    1,500 other groceries: an adult and a child come to 3,000 + 800 + 2,000 +
    600 + 1,500 = 7,900 a month.
    """
    if not persons:
        raise ValueError(NO_PERSONS)
    by_category: dict[str, Decimal] = {}

    def add(amounts: Mapping[str, Decimal]) -> None:
        for category, amount in amounts.items():
            if category in table.optional_categories and category not in include:
                continue
            by_category[category] = by_category.get(category, ZERO) + amount

    for person in persons:
        row = next((r for r in table.person_rows if r.fits(person)), None)
        if row is None:
            raise TableGap(SIFO_NO_PERSON_ROW)
        add(row.amounts)
    sizes = [size for size in table.household_rows if size <= len(persons)]
    if not sizes:
        raise TableGap(SIFO_NO_HOUSEHOLD_ROW)
    add(table.household_rows[max(sizes)])
    return SifoBudget(monthly=sum(by_category.values(), ZERO), by_category=by_category)


@dataclass(frozen=True)
class SocialAssistanceRates:
    """The national guideline rates for financial assistance (statlige veiledende
    retningslinjer for økonomisk stønad, rundskriv to lov om sosiale tjenester i
    NAV § 18), monthly, for one year: a single adult, each adult of a household
    of two or more, and each child by the age band the circular uses."""

    valid_from: datetime.date
    single_adult: Decimal
    adult_sharing: Decimal
    child_by_age_band: Mapping[str, Decimal]


NO_ADULTS = gettext_noop("A household has at least one adult.")
UNKNOWN_AGE_BAND = gettext_noop("The rates have no amount for this children's age band.")


def social_assistance_floor(
    rates: SocialAssistanceRates, adults: int, children_by_age_band: Mapping[str, int]
) -> Decimal:
    """The floor under living costs: the national social-assistance guideline rate
    for the household (Husbanken's start-loan guidance: living costs are never
    set below what social assistance would give). One adult takes the single
    rate, two or more each take the sharing rate; each child the rate of its band.

    Example (hand-computed): rates 7,000 single, 5,000 sharing, 3,000 for 0-5
    and 4,000 for 6-10: two adults with one child in each band have a floor of
    2 × 5,000 + 3,000 + 4,000 = 17,000 a month.
    """
    if adults < 1:
        raise ValueError(NO_ADULTS)
    total = rates.single_adult if adults == 1 else adults * rates.adult_sharing
    for band, count in children_by_age_band.items():
        if count == 0:
            continue
        if band not in rates.child_by_age_band:
            raise TableGap(UNKNOWN_AGE_BAND)
        total += count * rates.child_by_age_band[band]
    return total


LIVING_BELOW_SIFO = gettext_noop(
    "Living costs are below the SIFO reference budget: check that the household can live on them."
)
LIVING_BELOW_FLOOR = gettext_noop(
    "Living costs are below the social-assistance guideline rate: the rate is used instead."
)
NO_CAPACITY = gettext_noop(
    "Nothing is left for housing after living costs, fixed costs and maintenance."
)


@dataclass(frozen=True)
class Capacity:
    """What a household can carry in housing costs each month (the debt-service
    capacity), with the figures it comes from and notes for the officer."""

    monthly_income: Decimal
    living_costs: Decimal
    living_costs_used: Decimal
    sifo_reference: Decimal
    fixed_costs: Decimal
    maintenance: Decimal
    monthly_capacity: Decimal
    notes: tuple[str, ...] = ()


def _total(lines: Iterable[EconomyLine], kind: LineKind) -> Decimal:
    return sum((line.monthly_amount for line in lines if line.kind == kind), ZERO)


def capacity(
    lines: Iterable[EconomyLine],
    *,
    sifo_reference_amount: Decimal,
    social_assistance_floor: Decimal,
) -> Capacity:
    """Debt-service capacity = income after tax − living costs − other fixed costs
    − maintenance (Husbanken's start-loan guidance). Every income line counts,
    benefits included (Malvik guideline, seed 002). Living costs are the actual
    lines but never below the social-assistance floor; the SIFO reference stands
    beside them as a warning, not a rule (``LIVING_BELOW_SIFO``).

    Example (hand-computed): income 32,000, living 9,000 against a floor of
    10,000 and SIFO 12,000, fixed 2,500, maintenance 1,000: living used 10,000,
    capacity 32,000 − 10,000 − 2,500 − 1,000 = 18,500, with both notes.
    """
    lines = list(lines)
    income = _total(lines, LineKind.INCOME)
    living = _total(lines, LineKind.LIVING)
    fixed = _total(lines, LineKind.FIXED)
    maintenance = _total(lines, LineKind.MAINTENANCE)
    living_used = max(living, social_assistance_floor)
    monthly = income - living_used - fixed - maintenance
    notes = []
    if living < sifo_reference_amount:
        notes.append(LIVING_BELOW_SIFO)
    if living < social_assistance_floor:
        notes.append(LIVING_BELOW_FLOOR)
    if monthly <= 0:
        notes.append(NO_CAPACITY)
    return Capacity(
        monthly_income=income,
        living_costs=living,
        living_costs_used=living_used,
        sifo_reference=sifo_reference_amount,
        fixed_costs=fixed,
        maintenance=maintenance,
        monthly_capacity=monthly,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class DebtService:
    """The capacity test of a financing: the monthly payments of every loan on the
    home against the capacity, and the margin left (negative: short)."""

    monthly_payments: Decimal
    monthly_capacity: Decimal
    margin: Decimal

    @property
    def serviceable(self) -> bool:
        return self.margin >= 0


def debt_service(monthly_capacity: Decimal, loan_payments: Iterable[Decimal]) -> DebtService:
    """Set the monthly payments of all loans (the start loan and, in
    co-financing, the bank's loan; payments at the stress rate, computed by
    ``domain.loans``) against the capacity (Husbanken's start-loan guidance:
    co-financing counts both loans in the capacity test).

    Example (hand-computed): capacity 18,500, start loan 9,200 and bank loan
    7,100 a month: payments 16,300, margin 2,200, serviceable.
    """
    payments = sum(loan_payments, ZERO)
    return DebtService(
        monthly_payments=payments,
        monthly_capacity=monthly_capacity,
        margin=monthly_capacity - payments,
    )
