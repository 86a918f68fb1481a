"""Denmark: the deposit loan (indskudslån) for a household moving into a social
dwelling. Denmark has no start loan; these are a Danish municipality's rules.

Sources: lov om individuel boligstøtte ch. 10 ("lån til beboerindskud"), § 56 for
the income limit; Ankestyrelsen's principles 99-19 (the whole deposit less the own
part, never a part of it) and 100-19 (only the applicant's own means count). The
amounts are adjusted yearly: dated data the caller passes in.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .common import NEGATIVE_AMOUNT, ZERO, gettext_noop, ore


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
        municipality_share=ore(loan * rules.municipality_share),
        income_limit=income_limit,
        interest_free_years=rules.interest_free_years,
        instalment_free_years=rules.instalment_free_years,
        errors=errors,
    )
