"""The rules of a financing case (start loan, establishment grant, rent-to-own
purchase; deposit loan in Denmark): the household's economy and what it can
carry, the eligibility checklist, the limits on municipal guidelines and terms,
the financing plan, the grant's need test, and two estimates given as guidance.

Sources:
- Forskrift om lån fra Husbanken ch. 5 (start loan: who, what for, the modest
  home), § 8-5 (repayment terms: 30 years, 50 only on four
  conditions, up to eight years without instalments) and § 9-1 (municipal
  guidelines guide the discretion; they cannot bind it).
- Husbanken's guidance for start loans (husbanken.no/kommune/startlaan/veileder/):
  debt-service capacity, the SIFO reference budget, the social-assistance floor,
  refinancing only to keep the home, total loans at most the home's value, the
  first-time-buyer trial product, the establishment grant after a longer term.
- Finansavtaleloven (2023) § 5-1: a loan the household cannot service is advised
  against, which needs the capacity figure this module computes.
- Seed 002 (Rambøll for Kongsberg; the Malvik guideline): every benefit counts as
  income, payment remarks do not exclude by themselves, 30 years at full
  financing, a grant where the capacity falls short.
- Denmark: lov om individuel boligstøtte ch. 10 (indskudslån, the deposit loan
  for a social dwelling); Norway: lov om bustøtte with its forskrift (bostøtte).

Every rate, budget and limit is dated data the caller passes in (the finance app
keeps it as rows with validity dates); no amount or percentage lives in this
module. Amounts are ``Decimal`` kroner: the economy, capacity and allowance
monthly, prices, loans and deposits as sums. Messages are English module
constants, marked with ``gettext_noop`` so that makemessages finds them; the app
translates them where it shows them, and the tests assert them verbatim.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

ZERO = Decimal(0)
ORE = Decimal("0.01")


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (the name
    makemessages looks for; domain/ imports no Django). The app passes the
    constant through ``gettext`` where it shows it."""
    return message


def _ore(amount: Decimal) -> Decimal:
    """Round to the øre, half away from zero: the rounding wherever this module
    multiplies or divides an amount."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


# --- Shared: an answer with its reason -------------------------------------------------

UNANSWERED = gettext_noop("Not answered yet.")
REASON_MISSING = gettext_noop("Give the reason for this answer.")


@dataclass(frozen=True)
class Answer:
    """One answer of a checklist the officer fills in: ``value`` is None until it
    is answered; every answer carries its reason, because a decision (and a
    refusal above all) states the facts it rests on (forvaltningsloven § 25)."""

    value: bool | None = None
    reason: str = ""

    @property
    def is_yes(self) -> bool:
        return self.value is True

    @property
    def is_no(self) -> bool:
        return self.value is False


def _answer_gap(answer: Answer) -> str | None:
    """What an answer lacks before a result can rest on it, or None."""
    if answer.value is None:
        return UNANSWERED
    if not answer.reason.strip():
        return REASON_MISSING
    return None


# --- 1. Economy and debt-service capacity ----------------------------------------------


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


NEGATIVE_AMOUNT = gettext_noop("An amount cannot be negative.")


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
NO_PERSONS = gettext_noop("A household has at least one person.")


class TableGap(ValueError):
    """The dated table passed in does not cover the case; the message is a module
    constant naming what is missing."""


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


# --- 2. Eligibility and the modest home ------------------------------------------------


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INCOMPLETE = "incomplete"


class Ground(StrEnum):
    """The ground a start loan rests on (forskrift om lån fra Husbanken ch. 5)."""

    MAIN_RULE = "main_rule"
    CHILDREN_OR_SPECIAL_NEEDS = "children_or_special_needs"
    REFINANCING_PREVENTS_FORCED_SALE = "refinancing_prevents_forced_sale"
    HOUSING_BLOCKS_WORK = "housing_blocks_work"
    FREES_MUNICIPAL_RENTAL = "frees_municipal_rental"


@dataclass(frozen=True)
class EligibilityAnswers:
    """The officer's checklist, each answer with its reason.

    ``no_sufficient_bank_loan``: the household cannot get a large enough loan
    from an ordinary bank (always required). Main rule: a long-term problem
    financing a home (a five-year view is typical) and has used the ability to
    save. Exceptions, any one of which replaces the main rule: children or
    special social or health needs; refinancing that keeps the home from a forced
    sale; housing that keeps a member from work; a loan that frees a municipal
    rental dwelling."""

    no_sufficient_bank_loan: Answer = Answer()
    long_term_financing_problem: Answer = Answer()
    used_saving_ability: Answer = Answer()
    children_or_special_needs: Answer = Answer()
    refinancing_prevents_forced_sale: Answer = Answer()
    housing_blocks_work: Answer = Answer()
    frees_municipal_rental: Answer = Answer()


EXCEPTIONS: Mapping[Ground, str] = {
    Ground.CHILDREN_OR_SPECIAL_NEEDS: "children_or_special_needs",
    Ground.REFINANCING_PREVENTS_FORCED_SALE: "refinancing_prevents_forced_sale",
    Ground.HOUSING_BLOCKS_WORK: "housing_blocks_work",
    Ground.FREES_MUNICIPAL_RENTAL: "frees_municipal_rental",
}
MAIN_RULE_FIELDS = ("long_term_financing_problem", "used_saving_ability")


@dataclass(frozen=True)
class EligibilityResult:
    """The outcome, the grounds met (empty unless eligible), and per field what
    is still missing before the outcome can rest on it (``UNANSWERED`` or
    ``REASON_MISSING``); ``missing`` is empty unless the outcome is incomplete."""

    outcome: Eligibility
    grounds: tuple[Ground, ...] = ()
    missing: Mapping[str, str] = field(default_factory=dict)

    @property
    def ground(self) -> Ground | None:
        return self.grounds[0] if self.grounds else None


def eligibility(answers: EligibilityAnswers) -> EligibilityResult:
    """Who can get a start loan (forskrift om lån fra Husbanken ch. 5; Husbanken's
    start-loan guidance). Not getting a large enough ordinary bank loan is always
    required; then the main rule (a long-term financing problem and the ability
    to save used) or one of the exceptions. The outcome rests only on answers
    with a reason: a yes or no without one leaves the result incomplete, naming
    the field. A refusal rests on every ground having failed, so every such
    answer needs its reason too.

    Examples: bank loan refused (reason given) and children in the household
    (reason given): eligible on ``CHILDREN_OR_SPECIAL_NEEDS``, the main rule
    unanswered. The bank would lend enough: not eligible, whatever else holds.
    """

    def get(name: str) -> Answer:
        answer: Answer = getattr(answers, name)
        return answer

    def incomplete(names: Iterable[str]) -> EligibilityResult:
        missing = {n: gap for n in names if (gap := _answer_gap(get(n))) is not None}
        return EligibilityResult(Eligibility.INCOMPLETE, missing=missing)

    absolute = answers.no_sufficient_bank_loan
    if _answer_gap(absolute) is not None:
        return incomplete(["no_sufficient_bank_loan"])
    if absolute.is_no:
        return EligibilityResult(Eligibility.NOT_ELIGIBLE)

    candidates: list[tuple[Ground, tuple[str, ...]]] = []
    if all(get(name).is_yes for name in MAIN_RULE_FIELDS):
        candidates.append((Ground.MAIN_RULE, MAIN_RULE_FIELDS))
    candidates += [(g, (name,)) for g, name in EXCEPTIONS.items() if get(name).is_yes]
    complete = [g for g, names in candidates if all(_answer_gap(get(n)) is None for n in names)]
    if complete:
        return EligibilityResult(Eligibility.ELIGIBLE, grounds=tuple(complete))
    if candidates:
        return incomplete(name for _, names in candidates for name in names)

    # No ground holds yet: a refusal needs the main rule failed (one "no" suffices)
    # and every exception answered "no", each with its reason.
    main_no = [name for name in MAIN_RULE_FIELDS if get(name).is_no]
    reasoned_no = [name for name in main_no if _answer_gap(get(name)) is None]
    needed = [*(reasoned_no[:1] or main_no[:1] or MAIN_RULE_FIELDS), *EXCEPTIONS.values()]
    result = incomplete(needed)
    if result.missing:
        return result
    return EligibilityResult(Eligibility.NOT_ELIGIBLE)


class PriceStatus(StrEnum):
    WITHIN = "within"
    OVER = "over"
    NO_LIMIT = "no_limit"


@dataclass(frozen=True)
class PriceLimit:
    """A municipality's price limit for a modest, reasonably priced home: for
    ``area`` ("" for the whole municipality) and households of
    ``household_size`` persons or more (up to the next row)."""

    area: str
    household_size: int
    max_price: Decimal


@dataclass(frozen=True)
class PriceCheck:
    status: PriceStatus
    limit: Decimal | None = None
    over_by: Decimal = ZERO


def price_within_limit(
    price: Decimal, limits: Iterable[PriceLimit], area: str, household_size: int
) -> PriceCheck:
    """Whether the price of a home is within the municipality's limit for the area
    and household size (forskrift om lån fra Husbanken ch. 5: the home must be
    modest and reasonably priced and suit the household; the limits are the
    municipality's data). The area's rows apply before the whole municipality's
    (area ""); the row for the largest size not above the household's applies.
    A price over the limit is a fact for the assessment, not a refusal in
    itself (§ 9-1: guidelines guide).

    Example: a limit of 3,200,000 for three persons or more in Byåsen; a family
    of four buying at 3,350,000 is over by 150,000.
    """
    limits = list(limits)
    for candidate_area in (area, ""):
        rows = [
            r for r in limits if r.area == candidate_area and r.household_size <= household_size
        ]
        if rows:
            limit = max(rows, key=lambda r: r.household_size).max_price
            if price <= limit:
                return PriceCheck(PriceStatus.WITHIN, limit)
            return PriceCheck(PriceStatus.OVER, limit, price - limit)
    return PriceCheck(PriceStatus.NO_LIMIT)


# --- 3. Municipal guidelines guide, never bind -----------------------------------------


class Use(StrEnum):
    """How a guideline says a term is used: as a rule, in special cases, or never
    (which § 9-1 does not allow a guideline to say)."""

    GENERALLY = "generally"
    SPECIAL_CASES = "special_cases"
    NEVER = "never"


@dataclass(frozen=True)
class Guideline:
    """The settings a municipality writes in its start-loan guideline (seed 002:
    Malvik's is the model). ``income_cap`` guides the assessment; made absolute
    it would bind it. ``residence_years`` with the exceptions written out in
    ``residence_exceptions``."""

    income_cap: Decimal | None = None
    income_cap_absolute: bool = False
    fifty_years: Use = Use.SPECIAL_CASES
    fixed_rate: Use = Use.GENERALLY
    deferral: Use = Use.SPECIAL_CASES
    excludes_municipal_debt: bool = False
    excludes_payment_remarks: bool = False
    requires_citizenship: bool = False
    excludes_non_eea: bool = False
    residence_years: int | None = None
    residence_exceptions: str = ""


ABSOLUTE_INCOME_CAP = gettext_noop(
    "An income cap can guide the assessment but cannot be absolute: the regulation "
    "requires an individual assessment of every application (forskrift om lån fra "
    "Husbanken § 9-1)."
)
NEVER_FIFTY_YEARS = gettext_noop(
    "A guideline cannot rule out 50 years: the regulation allows it when the four "
    "conditions are met, and each case must be assessed (§ 8-5 and § 9-1)."
)
NEVER_FIXED_RATE = gettext_noop(
    "A guideline cannot rule out a fixed rate: the household may choose fixed or "
    "floating on Husbanken's terms (§ 9-1)."
)
NEVER_DEFERRAL = gettext_noop(
    "A guideline cannot rule out a period without instalments: the regulation allows "
    "up to eight years where the case calls for it (§ 8-5 and § 9-1)."
)
MUNICIPAL_DEBT_IRRELEVANT = gettext_noop(
    "Debt to the municipality is not a relevant criterion: it may inform the "
    "capacity assessment but cannot exclude an applicant."
)
PAYMENT_REMARKS_NOT_ABSOLUTE = gettext_noop(
    "Payment remarks may be weighed but cannot exclude by themselves: the ability to "
    "service the loan is assessed case by case."
)
CITIZENSHIP_IRRELEVANT = gettext_noop(
    "The start loan has no citizenship requirement; requiring one is an irrelevant criterion."
)
NON_EEA_IRRELEVANT = gettext_noop(
    "Origin outside the EEA is an irrelevant criterion and cannot exclude an applicant."
)
RESIDENCE_WITHOUT_EXCEPTIONS = gettext_noop(
    "A residence requirement is allowed only with exceptions written out (for example "
    "refugees settled by agreement, or moving for work), so that it does not bind "
    "the assessment."
)
NEGATIVE_YEARS = gettext_noop("The number of years cannot be negative.")


def guideline_errors(guideline: Guideline) -> dict[str, str]:
    """The settings of a municipal guideline that would make it absolute, each with
    why (forskrift om lån fra Husbanken § 9-1: the municipality may write
    guidelines for its discretion, but they may not bind it; Husbanken's
    start-loan guidance: no hard income cap, no "never 50 years / fixed rate /
    deferral", no irrelevant criteria such as debt to the municipality or
    non-EEA origin; no citizenship requirement; a residence requirement only
    with exceptions; seed 002, Malvik: payment remarks do not exclude by
    themselves). Field name -> message; empty when the guideline may be saved.
    """
    errors: dict[str, str] = {}
    if guideline.income_cap is not None and guideline.income_cap_absolute:
        errors["income_cap_absolute"] = ABSOLUTE_INCOME_CAP
    if guideline.fifty_years == Use.NEVER:
        errors["fifty_years"] = NEVER_FIFTY_YEARS
    if guideline.fixed_rate == Use.NEVER:
        errors["fixed_rate"] = NEVER_FIXED_RATE
    if guideline.deferral == Use.NEVER:
        errors["deferral"] = NEVER_DEFERRAL
    if guideline.excludes_municipal_debt:
        errors["excludes_municipal_debt"] = MUNICIPAL_DEBT_IRRELEVANT
    if guideline.excludes_payment_remarks:
        errors["excludes_payment_remarks"] = PAYMENT_REMARKS_NOT_ABSOLUTE
    if guideline.requires_citizenship:
        errors["requires_citizenship"] = CITIZENSHIP_IRRELEVANT
    if guideline.excludes_non_eea:
        errors["excludes_non_eea"] = NON_EEA_IRRELEVANT
    if guideline.residence_years is not None:
        if guideline.residence_years < 0:
            errors["residence_years"] = NEGATIVE_YEARS
        elif guideline.residence_years > 0 and not guideline.residence_exceptions.strip():
            errors["residence_exceptions"] = RESIDENCE_WITHOUT_EXCEPTIONS
    return errors


# --- 4. Terms ---------------------------------------------------------------------------

CONDITION_NOT_MET = gettext_noop("This condition is not met.")


@dataclass(frozen=True)
class FiftyYearAnswers:
    """The four conditions for a term over 30 years (forskrift om lån fra Husbanken
    § 8-5 second paragraph), each recorded with its reason: (a) permanently low
    income, (b) the home fits the household for a long time, (c) renting is
    unsuitable or dearer in the long run, (d) a shorter term is not financially
    sound. ``low_predictable_income`` is the documented low, predictable income
    that lets a family with children, or a household at risk of losing its home,
    do without (a)."""

    permanently_low_income: Answer = Answer()
    home_fits_long_term: Answer = Answer()
    renting_unsuitable_or_dearer: Answer = Answer()
    shorter_term_not_sound: Answer = Answer()
    has_children: bool = False
    home_at_risk: bool = False
    low_predictable_income: Answer = Answer()


@dataclass(frozen=True)
class FiftyYearCheck:
    """Whether a term over 30 years may be given; per field what is missing or not
    met; the conditions waived (by field name)."""

    allowed: bool
    missing: Mapping[str, str] = field(default_factory=dict)
    waived: tuple[str, ...] = ()


def _condition_gap(answer: Answer) -> str | None:
    gap = _answer_gap(answer)
    if gap is None and answer.is_no:
        return CONDITION_NOT_MET
    return gap


def fifty_year_conditions(answers: FiftyYearAnswers) -> FiftyYearCheck:
    """The four conditions for a start loan with a term of up to 50 years
    (forskrift om lån fra Husbanken § 8-5; Husbanken's start-loan guidance,
    "Nedbetalingsvilkår"). (a) may be waived when the household has children or
    is at risk of losing its home and documents a low, predictable income; (b)
    and (c) may be waived when the household is at risk of losing its home.

    Example: a single parent on a low, predictable wage (not permanently low),
    the home fits, renting is dearer, 30 years is not sound: allowed with (a)
    waived.
    """
    missing: dict[str, str] = {}
    waived: list[str] = []
    waiver_a = answers.has_children or answers.home_at_risk
    a_gap = _condition_gap(answers.permanently_low_income)
    if a_gap is not None:
        waiver_gap = _condition_gap(answers.low_predictable_income)
        if waiver_a and waiver_gap is None:
            waived.append("permanently_low_income")
        else:
            missing["permanently_low_income"] = a_gap
            if waiver_a and waiver_gap is not None:
                missing["low_predictable_income"] = waiver_gap
    for name in ("home_fits_long_term", "renting_unsuitable_or_dearer"):
        gap = _condition_gap(getattr(answers, name))
        if gap is None:
            continue
        if answers.home_at_risk:
            waived.append(name)
        else:
            missing[name] = gap
    d_gap = _condition_gap(answers.shorter_term_not_sound)
    if d_gap is not None:
        missing["shorter_term_not_sound"] = d_gap
    return FiftyYearCheck(allowed=not missing, missing=missing, waived=tuple(waived))


class ProductKind(StrEnum):
    ORDINARY = "ordinary"
    FIRST_TIME_BUYER = "first_time_buyer"


@dataclass(frozen=True)
class Product:
    """A start-loan product as data. The ordinary start loan asks no equity share
    and no refinancing. The first-time-buyer trial product (Husbanken's trial
    of a start loan for first-time buyers) asks ``equity_share`` of the price
    (5 %), instalments as for ``instalment_years`` (30) and at most
    ``max_years_with_municipality`` (10) before the loan is refinanced."""

    kind: ProductKind
    equity_share: Decimal = ZERO
    instalment_years: int | None = None
    max_years_with_municipality: int | None = None


@dataclass(frozen=True)
class TermsPolicy:
    """Husbanken's frame for repayment terms (§ 8-5 and the start-loan guidance),
    as dated data: the ordinary longest term (30), the longest on the four
    conditions (50), the longest period without instalments (8), the fixed-rate
    periods offered (3, 5, 10, 20 years), the due days (1, 12, 20) and the
    payments per year (12 or 4)."""

    max_years: int
    max_years_extended: int
    max_interest_only_years: int
    fixed_rate_periods: frozenset[int]
    due_days: frozenset[int]
    payments_per_year: frozenset[int]


TERM_TOO_SHORT = gettext_noop("The term must be at least one year.")
TERM_OVER_MAX = gettext_noop("The term is longer than the regulation allows.")
TERM_NEEDS_FOUR_CONDITIONS = gettext_noop(
    "A term over the ordinary longest term needs the four conditions recorded and met "
    "(forskrift om lån fra Husbanken § 8-5)."
)
DEFERRAL_TOO_LONG = gettext_noop(
    "The period without instalments is longer than the regulation allows."
)
DEFERRAL_NOT_SHORTER_THAN_TERM = gettext_noop(
    "The period without instalments must be shorter than the term."
)
FIXED_PERIOD_NOT_OFFERED = gettext_noop("Husbanken does not offer a fixed rate for this period.")
FIXED_PERIOD_OVER_TERM = gettext_noop("The fixed-rate period cannot be longer than the term.")
DUE_DAY_NOT_OFFERED = gettext_noop("Instalments fall due only on the days Husbanken offers.")
FREQUENCY_NOT_OFFERED = gettext_noop("Instalments are paid monthly or quarterly.")
TRIAL_INSTALMENT_BASIS = gettext_noop(
    "The first-time-buyer product is repaid with instalments as for its set term."
)
TRIAL_REFINANCING_MISSING = gettext_noop(
    "Give the years until the first-time-buyer loan is refinanced away from the municipality."
)
TRIAL_TOO_LONG_WITH_MUNICIPALITY = gettext_noop(
    "The first-time-buyer loan stays with the municipality longer than the product allows."
)


def terms_policy_errors(
    years: int,
    interest_only_years: int,
    *,
    policy: TermsPolicy,
    fifty_years: FiftyYearCheck | None = None,
    fixed_rate_years: int | None = None,
    due_day: int | None = None,
    payments_per_year: int | None = None,
    product: Product | None = None,
    years_with_municipality: int | None = None,
) -> dict[str, str]:
    """The terms of a start loan checked against Husbanken's frame (forskrift om lån
    fra Husbanken § 8-5; start-loan guidance): up to ``policy.max_years``, up to
    ``policy.max_years_extended`` only with the four conditions met (pass
    ``fifty_year_conditions``'s result), up to ``policy.max_interest_only_years``
    without instalments and fewer than the term, a fixed-rate period, due day
    and frequency the policy offers; for the first-time-buyer trial product,
    instalments as for its set term and at most its years with the
    municipality. Field name -> message; empty when the terms hold.

    Example (policy 30/50/8): 40 years with 2 interest-only years and no
    four-conditions record -> {"years": TERM_NEEDS_FOUR_CONDITIONS}.
    """
    errors: dict[str, str] = {}
    if years < 1:
        errors["years"] = TERM_TOO_SHORT
    elif years > policy.max_years_extended:
        errors["years"] = TERM_OVER_MAX
    elif years > policy.max_years and not (fifty_years and fifty_years.allowed):
        errors["years"] = TERM_NEEDS_FOUR_CONDITIONS
    if interest_only_years < 0:
        errors["interest_only_years"] = NEGATIVE_YEARS
    elif interest_only_years > policy.max_interest_only_years:
        errors["interest_only_years"] = DEFERRAL_TOO_LONG
    elif interest_only_years and interest_only_years >= years:
        errors["interest_only_years"] = DEFERRAL_NOT_SHORTER_THAN_TERM
    if fixed_rate_years is not None:
        if fixed_rate_years not in policy.fixed_rate_periods:
            errors["fixed_rate_years"] = FIXED_PERIOD_NOT_OFFERED
        elif fixed_rate_years > years:
            errors["fixed_rate_years"] = FIXED_PERIOD_OVER_TERM
    if due_day is not None and due_day not in policy.due_days:
        errors["due_day"] = DUE_DAY_NOT_OFFERED
    if payments_per_year is not None and payments_per_year not in policy.payments_per_year:
        errors["payments_per_year"] = FREQUENCY_NOT_OFFERED
    if product is not None:
        if product.instalment_years is not None and years != product.instalment_years:
            errors["years"] = TRIAL_INSTALMENT_BASIS
        limit = product.max_years_with_municipality
        if limit is not None:
            if years_with_municipality is None:
                errors["years_with_municipality"] = TRIAL_REFINANCING_MISSING
            elif years_with_municipality > limit:
                errors["years_with_municipality"] = TRIAL_TOO_LONG_WITH_MUNICIPALITY
    return errors


# --- 5. The financing plan ---------------------------------------------------------------


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
    uses = _ore(plan.price + plan.costs)
    sources = _ore(plan.equity + plan.bank_loan + plan.start_loan + plan.grant)
    difference = sources - uses
    if difference != 0:
        errors["plan"] = PLAN_DOES_NOT_ADD_UP
    total_loans = _ore(plan.bank_loan + plan.start_loan + plan.other_secured_loans)
    if plan.purpose in LOANS_WITHIN_VALUE:
        if plan.home_value is None:
            errors["home_value"] = VALUE_REQUIRED
        elif total_loans > plan.home_value:
            errors["start_loan"] = LOANS_OVER_VALUE
    share = plan.product.equity_share if plan.product else ZERO
    required_equity = _ore(plan.price * share)
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


# --- 6. Establishment grant ----------------------------------------------------------------

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
    gap = max(ZERO, _ore(price + costs - equity - largest_serviceable_loan))
    errors: dict[str, str] = {}
    if not longer_term_considered.is_yes:
        errors["longer_term_considered"] = LONGER_TERM_FIRST
    elif (g := _answer_gap(longer_term_considered)) is not None:
        errors["longer_term_considered"] = g
    if not permanently_low_income.is_yes:
        errors["permanently_low_income"] = GRANT_NEEDS_LOW_INCOME
    elif (g := _answer_gap(permanently_low_income)) is not None:
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
    part = _ore(amount / years)
    schedule = []
    balance = amount
    for year in range(1, years + 1):
        down = balance if year == years else min(part, balance)
        balance -= down
        schedule.append(WriteDown(year=year, written_down=down, balance=balance))
    return tuple(schedule)


# --- 7. Housing allowance estimate (bostøtte), guidance only -----------------------------

ALLOWANCE_GUIDANCE_ONLY = gettext_noop(
    "An estimate for guidance only: Husbanken decides the housing allowance."
)
NO_CEILING = gettext_noop(
    "The housing-allowance table has no cost ceiling for this group and household size."
)


@dataclass(frozen=True)
class AllowanceCeiling:
    """The highest housing costs approved, monthly, for a municipality group (the
    city supplements: Oslo, the big cities, the rest) and households of
    ``household_size`` persons or more (up to the next row)."""

    group: str
    household_size: int
    monthly_ceiling: Decimal


@dataclass(frozen=True)
class OwnShareBracket:
    """From ``from_income`` of weighted monthly income, each krone adds ``rate`` to
    the own share (up to the next bracket)."""

    from_income: Decimal
    rate: Decimal


@dataclass(frozen=True)
class AllowanceTable:
    """The housing-allowance rates for a period (forskrift om bustøtte; Husbanken
    publishes them yearly): the share of the gap paid (about 73.7 %), the
    household weights (1.0 for the first person, 0.13 per extra person), the
    least own share, the brackets by which the own share rises with weighted
    income, and the cost ceilings."""

    valid_from: datetime.date
    rate: Decimal
    first_person_weight: Decimal
    extra_person_weight: Decimal
    minimum_own_share: Decimal
    own_share_brackets: Sequence[OwnShareBracket]
    ceilings: Sequence[AllowanceCeiling]


@dataclass(frozen=True)
class AllowanceEstimate:
    """The estimate with every step of its arithmetic, monthly:
    weight = first + extra × (persons − 1); weighted income = income ÷ weight;
    own share from the brackets, at least the minimum; approved costs = the
    housing costs up to the ceiling; estimate = rate × (approved − own share),
    not below zero, to the øre. ``note`` says it is guidance, not a decision."""

    weight: Decimal
    weighted_income: Decimal
    own_share: Decimal
    ceiling: Decimal
    approved_costs: Decimal
    rate: Decimal
    monthly_estimate: Decimal
    note: str = ALLOWANCE_GUIDANCE_ONLY


def _own_share(weighted_income: Decimal, brackets: Sequence[OwnShareBracket]) -> Decimal:
    ordered = sorted(brackets, key=lambda b: b.from_income)
    share = ZERO
    for i, bracket in enumerate(ordered):
        upper = ordered[i + 1].from_income if i + 1 < len(ordered) else None
        top = weighted_income if upper is None else min(weighted_income, upper)
        if top > bracket.from_income:
            share += bracket.rate * (top - bracket.from_income)
    return share


def housing_allowance_estimate(
    table: AllowanceTable,
    *,
    persons: int,
    monthly_income: Decimal,
    monthly_housing_costs: Decimal,
    group: str,
) -> AllowanceEstimate:
    """An estimate of the state housing allowance (bostøtte; lov om bustøtte and its
    forskrift; DOMAIN.md: about 73.7 % × (approved housing costs − own share),
    cost ceilings by household size with city supplements, an own share rising
    with weighted income, weights 1.0 + 0.13 per extra person). Guidance beside
    the economy only: Husbanken decides, on its own figures. Raises
    ``TableGap(NO_CEILING)`` when the table has no ceiling for the case.

    Example (hand-computed; rate 0.737, weights 1.0/0.13, minimum own share
    1,500, own share 0 below 10,000 and 0.3 of weighted income above; ceiling
    8,000 for three persons): three persons, income 25,200, costs 9,000: weight
    1.26, weighted income 20,000, own share 0.3 × 10,000 = 3,000, approved 8,000,
    estimate 0.737 × 5,000 = 3,685.00 a month.
    """
    if persons < 1:
        raise ValueError(NO_PERSONS)
    rows = [r for r in table.ceilings if r.group == group and r.household_size <= persons]
    if not rows:
        raise TableGap(NO_CEILING)
    ceiling = max(rows, key=lambda r: r.household_size).monthly_ceiling
    weight = table.first_person_weight + table.extra_person_weight * (persons - 1)
    weighted_income = monthly_income / weight
    own_share = max(
        table.minimum_own_share, _ore(_own_share(weighted_income, table.own_share_brackets))
    )
    approved = min(monthly_housing_costs, ceiling)
    estimate = max(ZERO, _ore(table.rate * (approved - own_share)))
    return AllowanceEstimate(
        weight=weight,
        weighted_income=_ore(weighted_income),
        own_share=own_share,
        ceiling=ceiling,
        approved_costs=approved,
        rate=table.rate,
        monthly_estimate=estimate,
    )


# --- 8. Denmark: the deposit loan (indskudslån) ------------------------------------------


@dataclass(frozen=True)
class DepositLoanRules:
    """A Danish municipality's deposit-loan rules for a period (lov om individuel
    boligstøtte ch. 10, "lån til beboerindskud", with the amounts adjusted
    yearly and the municipality's own choices): the yearly household income
    limit per dwelling kind covered (a flat or a single room in social housing;
    a kind not listed is not covered), the supplement per child and how many
    children count (§ 56: up to four), the part of the deposit the tenant pays
    themselves (0 where the rules ask none), the largest deposit a loan is
    given for, the municipality's share of the loan (the rest is the state's),
    and the years without interest and without instalments."""

    valid_from: datetime.date
    income_limit_by_kind: Mapping[str, Decimal]
    income_limit_per_child: Decimal
    max_children_counted: int
    own_part: Decimal
    max_deposit: Decimal
    municipality_share: Decimal
    interest_free_years: int
    instalment_free_years: int


@dataclass(frozen=True)
class DepositLoanCheck:
    """The loan a household can get for a deposit: the amount (deposit − own part;
    0 when refused), the own part, the municipality's share of the loan, the
    income limit that applied, the years without interest and instalments; and
    field -> message."""

    loan: Decimal
    own_part: Decimal
    municipality_share: Decimal
    income_limit: Decimal | None
    interest_free_years: int
    instalment_free_years: int
    errors: Mapping[str, str] = field(default_factory=dict)

    @property
    def eligible(self) -> bool:
        return not self.errors


DEPOSIT_DWELLING_NOT_COVERED = gettext_noop(
    "A deposit loan is given only for the dwellings the rules cover."
)
DEPOSIT_INCOME_OVER_LIMIT = gettext_noop(
    "The household's income is over the limit for a deposit loan."
)
DEPOSIT_OVER_MAX = gettext_noop("The deposit is larger than the rules allow a loan for.")
DEPOSIT_WITHIN_OWN_PART = gettext_noop(
    "The tenant pays this deposit themselves: there is nothing to lend."
)
DEPOSIT_OWN_MEANS_SUFFICE = gettext_noop(
    "The applicant's own disposable means cover the deposit: there is no need for a loan."
)
NEGATIVE_COUNT = gettext_noop("A number of persons cannot be negative.")


def deposit_loan_check(
    rules: DepositLoanRules,
    *,
    deposit: Decimal,
    yearly_income: Decimal,
    children: int,
    dwelling_kind: str,
    disposable_means: Decimal = ZERO,
) -> DepositLoanCheck:
    """Whether a Danish household moving into a social dwelling can get a deposit
    loan (indskudslån; lov om individuel boligstøtte ch. 10, § 56 for the income
    limit), and how much: the dwelling of a kind the rules cover, the household's
    yearly income at most that kind's limit plus the supplement per child (up
    to the children counted), the deposit at most the largest the rules allow,
    and a need for the loan: the applicant's own disposable means (only their
    own, Ankestyrelsen 100-19) do not cover the deposit. The loan is the whole
    deposit less the tenant's own part, never a part of it (Ankestyrelsen 99-19).

    Example (hand-computed; flat limit 300,000 + 50,000 per child, own part
    3,000, the municipality's share 0.5): a deposit of 28,000, income 380,000,
    two children: limit 400,000, loan 25,000, the municipality's share 12,500.
    """
    errors: dict[str, str] = {}
    if deposit < 0:
        errors["deposit"] = NEGATIVE_AMOUNT
    if children < 0:
        errors["children"] = NEGATIVE_COUNT
    base_limit = rules.income_limit_by_kind.get(dwelling_kind)
    income_limit = None
    if base_limit is None:
        errors["dwelling_kind"] = DEPOSIT_DWELLING_NOT_COVERED
    else:
        counted = min(max(children, 0), rules.max_children_counted)
        income_limit = base_limit + rules.income_limit_per_child * counted
        if yearly_income > income_limit:
            errors["yearly_income"] = DEPOSIT_INCOME_OVER_LIMIT
    if deposit > rules.max_deposit:
        errors.setdefault("deposit", DEPOSIT_OVER_MAX)
    loan = max(ZERO, deposit - rules.own_part)
    if loan == 0:
        errors.setdefault("deposit", DEPOSIT_WITHIN_OWN_PART)
    elif disposable_means >= deposit:
        errors["disposable_means"] = DEPOSIT_OWN_MEANS_SUFFICE
    if errors:
        loan = ZERO
    return DepositLoanCheck(
        loan=loan,
        own_part=min(max(deposit, ZERO), rules.own_part),
        municipality_share=_ore(loan * rules.municipality_share),
        income_limit=income_limit,
        interest_free_years=rules.interest_free_years,
        instalment_free_years=rules.instalment_free_years,
        errors=errors,
    )
