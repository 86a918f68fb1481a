"""A housing allowance (bostøtte) estimate beside the economy, as guidance only: the
state (Husbanken) decides the allowance on its own figures, so this is never a
decision. The rule is ``boligtorg.domain.financing.housing_allowance_estimate`` with
the dated "housing_allowance" table that applies on the day.

The monthly housing costs counted are what the financing plan would cost: the start
loan applied for at its highest monthly payment (annuity, 30 years, at today's
floating start-loan rate; ``domain.loans.highest_payment``), the bank loan's monthly
payment, and the economy's maintenance lines. The income is the economy's income
lines after tax; the household is its members today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligtorg.core.models import Country
from boligtorg.domain.financing import AllowanceEstimate, TableGap, housing_allowance_estimate
from boligtorg.domain.financing.loaders import ReferenceDataError, allowance_table_from_data
from boligtorg.domain.loans import LoanTerms, Method, highest_payment, money

from ..models import EconomyKind, FinancingCase, RateName, ReferenceTable, TableKind
from .reference import rate_on, table_on

# The start loan is costed as Husbanken's ordinary term: an annuity over 30 years.
LOAN_YEARS = 30
# The cost-ceiling groups of bostøtte: Oslo; Bergen, Trondheim, Stavanger and Bærum;
# the rest of the country (forskrift om bustøtte, the ceilings' city supplements).
# By municipality number; Bærum's number before and after the 2024 county change.
# To be checked against Husbanken's current rates when the table is replaced.
ALLOWANCE_GROUPS = {
    "0301": "oslo",
    "4601": "big_cities",
    "5001": "big_cities",
    "1103": "big_cities",
    "3201": "big_cities",
    "3024": "big_cities",
}
OTHER_GROUP = "other"
GROUP_LABELS = {
    "oslo": gettext_lazy("Oslo"),
    "big_cities": gettext_lazy("Bergen, Trondheim, Stavanger and Bærum"),
    OTHER_GROUP: gettext_lazy("the rest of the country"),
}
NO_TABLE = gettext_lazy("No housing-allowance table applies on this date, so no estimate.")
NO_RATE = gettext_lazy(
    "No floating start-loan rate applies on this date, so the start loan's payment is unknown."
)
NO_PERSONS = gettext_lazy("The household has no members, so no estimate.")


@dataclass(frozen=True)
class AllowanceView:
    """The estimate with the figures that went into it. ``estimate`` is None when a
    table, a rate or the household is missing (``problems`` says which)."""

    persons: int
    monthly_income: Decimal
    loan_applied: Decimal
    loan_rate_percent: Decimal | None
    loan_monthly: Decimal | None
    bank_monthly: Decimal
    maintenance: Decimal
    housing_costs: Decimal | None
    group: str
    estimate: AllowanceEstimate | None = None
    table: ReferenceTable | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def group_label(self) -> str:
        return str(GROUP_LABELS.get(self.group, self.group))

    @property
    def gap(self) -> Decimal | None:
        """Approved costs less the own share: what the rate is applied to."""
        if self.estimate is None:
            return None
        return self.estimate.approved_costs - self.estimate.own_share


def _sum(case: FinancingCase, kind: str) -> Decimal:
    return sum(
        (Decimal(line.monthly_amount) for line in case.economy.all() if line.kind == kind),
        Decimal(0),
    )


def start_loan_monthly(loan: Decimal, rate_percent: Decimal) -> Decimal:
    """The highest monthly payment of ``loan`` as an annuity over 30 years at
    ``rate_percent``; zero for no loan."""
    if loan <= 0:
        return Decimal("0.00")
    terms = LoanTerms(
        principal=loan,
        annual_rate=rate_percent / 100,
        years=LOAN_YEARS,
        method=Method.ANNUITY,
        periods_per_year=12,
    )
    return money(highest_payment(terms))


def case_allowance(*, case: FinancingCase, on: datetime.date) -> AllowanceView | None:
    """The housing-allowance estimate of ``case`` (its household and economy
    prefetched) on ``on``; None in a Danish municipality (bostøtte is Norwegian).
    Three queries at most: the table and the rate (the municipality's own, else the
    national one)."""
    municipality = case.municipality
    if municipality.country != Country.NORWAY:
        return None
    problems: list[str] = []
    persons = len(case.household.members.all())
    income = _sum(case, EconomyKind.INCOME)
    maintenance = _sum(case, EconomyKind.MAINTENANCE)
    bank = Decimal(case.bank_loan_monthly)
    loan = Decimal(case.loan_applied)
    rate = rate_on(municipality=municipality, name=RateName.FLOATING_RATE, on=on)
    loan_monthly = None if rate is None else start_loan_monthly(loan, rate)
    if rate is None:
        problems.append(str(NO_RATE))
    costs = None if loan_monthly is None else loan_monthly + bank + maintenance
    group = ALLOWANCE_GROUPS.get(municipality.code, OTHER_GROUP)
    found = table_on(country=municipality.country, kind=TableKind.HOUSING_ALLOWANCE, on=on)
    estimate = None
    if found is None:
        problems.append(str(NO_TABLE))
    elif persons < 1:
        problems.append(str(NO_PERSONS))
    elif costs is not None:
        try:
            table = allowance_table_from_data(found[0], valid_from=found[1].valid_from)
            estimate = housing_allowance_estimate(
                table,
                persons=persons,
                monthly_income=income,
                monthly_housing_costs=costs,
                group=group,
            )
        except ReferenceDataError as exc:
            problems.append(f"{exc.path}: {_(exc.message)}")
        except TableGap as exc:
            problems.append(_(str(exc)))
    return AllowanceView(
        persons=persons,
        monthly_income=income,
        loan_applied=loan,
        loan_rate_percent=rate,
        loan_monthly=loan_monthly,
        bank_monthly=bank,
        maintenance=maintenance,
        housing_costs=costs,
        group=group,
        estimate=estimate,
        table=found[1] if found else None,
        problems=problems,
    )
