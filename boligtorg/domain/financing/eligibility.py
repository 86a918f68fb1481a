"""Who can get a start loan, whether the home is modest and reasonably priced, and
which settings of a municipal guideline would bind the assessment.

Sources: forskrift om lån fra Husbanken ch. 5 (start loan: who, what for, the
modest home) and § 9-1 (municipal guidelines guide the discretion; they cannot bind
it); Husbanken's guidance for start loans; seed 002 (the Malvik guideline: payment
remarks do not exclude by themselves). Price limits are the municipality's data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .common import NEGATIVE_YEARS, ZERO, Answer, answer_gap, gettext_noop


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
        missing = {n: gap for n in names if (gap := answer_gap(get(n))) is not None}
        return EligibilityResult(Eligibility.INCOMPLETE, missing=missing)

    absolute = answers.no_sufficient_bank_loan
    if answer_gap(absolute) is not None:
        return incomplete(["no_sufficient_bank_loan"])
    if absolute.is_no:
        return EligibilityResult(Eligibility.NOT_ELIGIBLE)

    candidates: list[tuple[Ground, tuple[str, ...]]] = []
    if all(get(name).is_yes for name in MAIN_RULE_FIELDS):
        candidates.append((Ground.MAIN_RULE, MAIN_RULE_FIELDS))
    candidates += [(g, (name,)) for g, name in EXCEPTIONS.items() if get(name).is_yes]
    complete = [g for g, names in candidates if all(answer_gap(get(n)) is None for n in names)]
    if complete:
        return EligibilityResult(Eligibility.ELIGIBLE, grounds=tuple(complete))
    if candidates:
        return incomplete(name for _, names in candidates for name in names)

    # No ground holds yet: a refusal needs the main rule failed (one "no" suffices)
    # and every exception answered "no", each with its reason.
    main_no = [name for name in MAIN_RULE_FIELDS if get(name).is_no]
    reasoned_no = [name for name in main_no if answer_gap(get(name)) is None]
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


# --- Municipal guidelines guide, never bind ---


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
