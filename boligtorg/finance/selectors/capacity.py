"""What the household can carry: the economy lines through the domain rules with the
tables that apply today (SIFO's reference budget beside the living costs, the
social-assistance guideline rate as their floor), and the largest start loan it can
service at the stress rate for annuity and serial, 30 and 50 years, with and
without deferral (Husbanken's guidance: policy rate + 2.5 percentage points)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from boligtorg.domain.financing import (
    Capacity,
    EconomyLine,
    LineKind,
    PersonProfile,
    Product,
    ProductKind,
    TableGap,
    capacity,
    sifo_reference,
    social_assistance_floor,
)
from boligtorg.domain.financing.loaders import (
    ReferenceDataError,
    products_from_data,
    sifo_reference_from_data,
    social_assistance_rates_from_data,
    terms_policy_from_data,
)
from boligtorg.domain.loans import Method, largest_loan

from ..models import FinancingCase, ReferenceTable, TableKind
from .reference import stress_rate, table_on


@dataclass(frozen=True)
class LoanOption:
    method: str
    years: int
    interest_only_years: int
    largest: Decimal


@dataclass(frozen=True)
class CapacityView:
    capacity: Capacity | None
    start_loan_capacity: Decimal | None  # after the bank loan's payment (co-financing)
    stress_rate_percent: Decimal | None
    options: list[LoanOption] = field(default_factory=list)
    sources: list[ReferenceTable] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _band(age: int, bands: list[str]) -> str | None:
    for band in bands:
        low, _sep, high = band.partition("-")
        if low.isdigit() and high.isdigit() and int(low) <= age <= int(high):
            return band
    return None


def case_capacity(*, case: FinancingCase, on: datetime.date) -> CapacityView:
    """The capacity view of ``case`` (its household and economy prefetched)."""
    country = case.municipality.country
    ages = [_age(m.person.date_of_birth, on) for m in case.household.members.all()]
    lines = [
        EconomyLine(LineKind(line.kind), line.category, Decimal(line.monthly_amount))
        for line in case.economy.all()
    ]
    problems: list[str] = []
    sources: list[ReferenceTable] = []
    sifo_amount = floor = Decimal(0)
    sifo = table_on(country=country, kind=TableKind.SIFO, on=on)
    assistance = table_on(country=country, kind=TableKind.SOCIAL_ASSISTANCE, on=on)
    try:
        if sifo is None:
            problems.append(_("No SIFO reference budget applies on this date."))
        else:
            table = sifo_reference_from_data(sifo[0], valid_from=sifo[1].valid_from)
            sifo_amount = sifo_reference(table, [PersonProfile(age) for age in ages]).monthly
            sources.append(sifo[1])
        if assistance is None:
            problems.append(_("No social-assistance guideline rates apply on this date."))
        else:
            rates = social_assistance_rates_from_data(
                assistance[0], valid_from=assistance[1].valid_from
            )
            children: dict[str, int] = {}
            for age in ages:
                if age < 18:
                    band = _band(age, list(rates.child_by_age_band))
                    if band:
                        children[band] = children.get(band, 0) + 1
            floor = social_assistance_floor(
                rates, max(1, sum(1 for age in ages if age >= 18)), children
            )
            sources.append(assistance[1])
    except (TableGap, ReferenceDataError, ValueError) as exc:
        problems.append(_(str(exc)))
    if not lines:
        return CapacityView(None, None, None, sources=sources, problems=problems)
    result = capacity(lines, sifo_reference_amount=sifo_amount, social_assistance_floor=floor)
    for_loan = result.monthly_capacity - Decimal(case.bank_loan_monthly)
    rate = stress_rate(municipality=case.municipality, on=on)
    options: list[LoanOption] = []
    if rate is None:
        problems.append(_("No policy rate or stress margin applies on this date."))
    else:
        deferral = _longest_deferral(country, on)
        for method in (Method.ANNUITY, Method.SERIAL):
            for years in (30, 50):
                for interest_only in (0, deferral):
                    options.append(
                        LoanOption(
                            method=method.value,
                            years=years,
                            interest_only_years=interest_only,
                            largest=largest_loan(
                                monthly_capacity=max(for_loan, Decimal(0)),
                                annual_rate=rate,
                                years=years,
                                method=method,
                                interest_only_years=interest_only,
                            ),
                        )
                    )
    return CapacityView(
        capacity=result,
        start_loan_capacity=for_loan,
        stress_rate_percent=(rate * 100).normalize() if rate is not None else None,
        options=options,
        sources=sources,
        problems=problems,
        notes=[_(note) for note in result.notes],
    )


def first_home_product(case: FinancingCase, on: datetime.date) -> Product | None:
    """The first-time-buyer trial product of the dated products table (its equity
    share), when the case is for it."""
    if case.product != "first_home":
        return None
    products = table_on(country=case.municipality.country, kind=TableKind.PRODUCTS, on=on)
    if products is None:
        return None
    try:
        return products_from_data(products[0]).get(ProductKind.FIRST_TIME_BUYER)
    except ReferenceDataError:
        return None


def _longest_deferral(country: str, on: datetime.date) -> int:
    """The longest period without instalments the terms frame allows (8 years in
    forskrift om lån fra Husbanken § 8-5), from the dated products table."""
    products = table_on(country=country, kind=TableKind.PRODUCTS, on=on)
    if products is None:
        return 0
    try:
        return terms_policy_from_data(products[0]).max_interest_only_years
    except ReferenceDataError:
        return 0
