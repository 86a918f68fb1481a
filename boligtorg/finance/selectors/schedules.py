"""The payment schedule of a recommended or decided start loan, computed in
``boligtorg.domain.loans`` from the round's terms and the rate that applies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from boligtorg.domain.loans import (
    Instalment,
    LoanTerms,
    Method,
    Totals,
    effective_annual_rate,
    highest_payment,
    payment_schedule,
    schedule_totals,
)

from ..models import FinancingDecision, RateName
from .reference import rate_on

FIXED_RATE_NAMES = {
    "floating": RateName.FLOATING_RATE,
    "fixed_3": RateName.FIXED_RATE_3,
    "fixed_5": RateName.FIXED_RATE_5,
    "fixed_10": RateName.FIXED_RATE_10,
    "fixed_20": RateName.FIXED_RATE_20,
}


@dataclass(frozen=True)
class YearRow:
    year: int
    paid: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Schedule:
    terms: LoanTerms
    rate_percent: Decimal
    rate_from_table: bool
    instalments: list[Instalment]
    totals: Totals
    effective_rate: Decimal
    highest: Decimal
    years: list[YearRow]


def decision_rate(decision: FinancingDecision, on: datetime.date) -> tuple[Decimal | None, bool]:
    """The nominal rate in percent: the round's own, else the municipality's rate of
    the chosen kind on ``on``; and whether it came from the table."""
    if decision.annual_rate is not None:
        return decision.annual_rate, False
    name = FIXED_RATE_NAMES.get(decision.rate_kind, RateName.FLOATING_RATE)
    return rate_on(municipality=decision.case.municipality, name=name, on=on), True


def first_due_after(day: datetime.date, due_day: int) -> datetime.date:
    """The first due day in the month after ``day`` (payout): the loan runs a month
    before its first instalment."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, due_day)


def loan_schedule(decision: FinancingDecision, *, on: datetime.date) -> Schedule | None:
    """The start loan's schedule, or None when the round lends nothing or no rate
    applies. Due dates start the month after ``on``."""
    if decision.loan_amount <= 0:
        return None
    percent, from_table = decision_rate(decision, on)
    if percent is None:
        return None
    terms = LoanTerms(
        principal=Decimal(decision.loan_amount),
        annual_rate=percent / 100,
        years=decision.years,
        method=Method(decision.method),
        periods_per_year=decision.periods_per_year,
        interest_only_years=decision.interest_only_years,
    )
    instalments = payment_schedule(
        terms, first_due=first_due_after(on, decision.due_day), due_day=decision.due_day
    )
    years: dict[int, list[Instalment]] = {}
    for row in instalments:
        years.setdefault(row.due.year if row.due else row.number, []).append(row)
    return Schedule(
        terms=terms,
        rate_percent=percent,
        rate_from_table=from_table,
        instalments=instalments,
        totals=schedule_totals(terms, instalments),
        effective_rate=effective_annual_rate(terms),
        highest=highest_payment(terms),
        years=[
            YearRow(
                year=year,
                paid=sum((r.payment for r in rows), Decimal(0)),
                interest=sum((r.interest for r in rows), Decimal(0)),
                principal=sum((r.principal for r in rows), Decimal(0)),
                balance=rows[-1].balance,
            )
            for year, rows in years.items()
        ],
    )
