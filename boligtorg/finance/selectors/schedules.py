"""The payment schedule of a recommended or decided start loan, computed in
``boligtorg.domain.loans`` from the round's terms and the rate that applies; once
the loan is paid out, from the payout and after the changes of terms recorded since
(``boligtorg.domain.financing.rescheduling``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligtorg.domain.financing.rescheduling import (
    ChangedInstalment,
    ChangeKind,
    changed_schedule,
)
from boligtorg.domain.financing.rescheduling import TermsChange as DomainChange
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

from ..models import FinancingDecision, Payout, RateName, TermsChange, TermsChangeKind
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
    added: Decimal = Decimal(0)


@dataclass(frozen=True)
class ChangeMark:
    """A change of terms on the instalment where it begins, in words, with that
    instalment's payment and the balance after it."""

    number: int
    due: datetime.date | None
    change: TermsChange
    text: str
    payment: Decimal
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
    marks: list[ChangeMark] = field(default_factory=list)
    paid_on: datetime.date | None = None
    interest_added: Decimal = Decimal(0)  # in all, over the changes of terms

    def marks_of(self, number: int) -> list[ChangeMark]:
        return [mark for mark in self.marks if mark.number == number]


def decision_rate(decision: FinancingDecision, on: datetime.date) -> tuple[Decimal | None, bool]:
    """The nominal rate in percent: the round's own, else the municipality's rate of
    the chosen kind on ``on``; and whether it came from the table."""
    if decision.annual_rate is not None:
        return decision.annual_rate, False
    name = _rate_name(decision.rate_kind)
    return rate_on(municipality=decision.case.municipality, name=name, on=on), True


def first_due_after(day: datetime.date, due_day: int) -> datetime.date:
    """The first due day in the month after ``day`` (payout): the loan runs a month
    before its first instalment."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, due_day)


def _rate_name(rate_kind: str) -> str:
    return FIXED_RATE_NAMES.get(rate_kind, RateName.FLOATING_RATE)


def _paid_on(decision: FinancingDecision) -> datetime.date | None:
    """The day the decided loan's last part was paid out; None before payout."""
    if decision.decided_by_id is None:
        return None
    last = (
        Payout.objects.filter(case_id=decision.case_id, loan_part__gt=0)
        .order_by("-paid_on")
        .first()
    )
    return last.paid_on if last else None


def _domain_change(decision: FinancingDecision, change: TermsChange) -> DomainChange | None:
    kind = ChangeKind(change.kind)
    if kind in (ChangeKind.DEFERRAL, ChangeKind.INTEREST_ADDED):
        if change.period_from is None or change.period_to is None:
            return None
        return DomainChange(kind, change.period_from, change.period_to, key=change.pk)
    if kind is ChangeKind.TERM_EXTENDED:
        return DomainChange(kind, change.decided_on, years=change.new_years, key=change.pk)
    percent = rate_on(
        municipality=decision.case.municipality,
        name=_rate_name(change.new_rate_kind),
        on=change.decided_on,
    )
    rate = None if percent is None else percent / 100
    return DomainChange(kind, change.decided_on, annual_rate=rate, key=change.pk)


def instalment_added(row: Instalment) -> Decimal:
    """The interest added to the loan at ``row``; 0 in a schedule without changes."""
    return row.added if isinstance(row, ChangedInstalment) else Decimal(0)


def _day(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def change_text(change: TermsChange, annual_rate: Decimal | None) -> str:
    """The change in words, as the schedule marks it on its instalment."""
    dates = {"start": _day(change.period_from), "end": _day(change.period_to)}
    if change.kind == TermsChangeKind.DEFERRAL:
        return _("Instalments postponed from %(start)s to %(end)s") % dates
    if change.kind == TermsChangeKind.INTEREST_ADDED:
        return _("Interest added to the loan from %(start)s to %(end)s") % dates
    if change.kind == TermsChangeKind.TERM_EXTENDED:
        return _("Term extended to %(years)s years") % {"years": change.new_years}
    if annual_rate is None:
        return _("Interest rate changed to %(kind)s: no rate of that kind in the table") % {
            "kind": change.get_new_rate_kind_display().lower()
        }
    return _("Interest rate changed to %(kind)s, %(percent)s %%") % {
        "kind": change.get_new_rate_kind_display().lower(),
        "percent": f"{annual_rate * 100:.3f}".rstrip("0").rstrip("."),
    }


def loan_schedule(
    decision: FinancingDecision, *, on: datetime.date, follow_changes: bool = True
) -> Schedule | None:
    """The start loan's schedule, or None when the round lends nothing or no rate
    applies. Due dates start the month after ``on``; for a decided loan that has been
    paid out (unless ``follow_changes`` is False: the terms as decided, for the
    pre-contract information) the month after the payout, and the changes of terms
    recorded for the case apply in date order, each marked on its instalment."""
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
    paid_on = _paid_on(decision) if follow_changes else None
    instalments: list[Instalment]
    marks: list[ChangeMark] = []
    if paid_on is None:
        instalments = payment_schedule(
            terms, first_due=first_due_after(on, decision.due_day), due_day=decision.due_day
        )
    else:
        recorded = {
            change.pk: change
            for change in TermsChange.objects.filter(case_id=decision.case_id).order_by(
                "decided_on", "pk"
            )
        }
        changes = [_domain_change(decision, change) for change in recorded.values()]
        changed = changed_schedule(
            terms,
            [change for change in changes if change is not None],
            first_due=first_due_after(paid_on, decision.due_day),
            due_day=decision.due_day,
        )
        marks = [
            ChangeMark(
                row.number,
                row.due,
                recorded[change.key],
                change_text(recorded[change.key], change.annual_rate),
                row.payment,
                row.balance,
            )
            for row in changed
            for change in row.changes
            if change.key is not None
        ]
        instalments = list(changed)
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
        highest=(
            max(row.payment for row in instalments[:-1] or instalments)
            if marks
            else highest_payment(terms)
        ),
        years=[
            YearRow(
                year=year,
                paid=sum((r.payment for r in rows), Decimal(0)),
                interest=sum((r.interest for r in rows), Decimal(0)),
                principal=sum((r.principal for r in rows), Decimal(0)),
                balance=rows[-1].balance,
                added=sum((instalment_added(r) for r in rows), Decimal(0)),
            )
            for year, rows in years.items()
        ],
        marks=marks,
        paid_on=paid_on,
        interest_added=sum((instalment_added(r) for r in instalments), Decimal(0)),
    )
