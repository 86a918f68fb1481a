"""The repayment terms of a start loan: the four conditions for a term over 30
years, the loan products (ordinary, first-time-buyer trial) and Husbanken's frame for
term, interest-only years, fixed-rate periods, due days and frequency.

Sources: forskrift om lån fra Husbanken § 8-5 (30 years, 50 only on four
conditions, up to eight years without instalments); Husbanken's guidance for start
loans ("Nedbetalingsvilkår", the first-time-buyer trial product). The frame is
dated data (``TermsPolicy``, ``Product``), never a constant here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .common import NEGATIVE_YEARS, ZERO, Answer, answer_gap, gettext_noop

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
    gap = answer_gap(answer)
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
