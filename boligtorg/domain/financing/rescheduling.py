"""The payment schedule of a running start loan after the municipality's changes of
terms: instalments postponed, interest added to the loan, a longer term, another
interest rate. Pure Python, Decimal money, the rounding rule of ``domain/loans.py``.

Sources: Husbanken's guidance for start loans ("Betalingsproblemer": the
municipality may postpone instalments (betalingsutsettelse, avdragsfrihet for a
period) and may add interest to the loan (kapitalisering) for at most 2.5 years in
all; it may lengthen the term, up to 50 years with the conditions of forskrift om
lån fra Husbanken ch. 8; the borrower may move between a floating and a fixed rate,
which is the municipality's rate of that kind); DOMAIN.md, "Start loan".

How each change acts, in date order (a change dated before the first due date acts
from the first instalment):
- instalments postponed over a period: every instalment due in the period pays the
  interest only (principal part 0, the balance unchanged);
- interest added to the loan over a period: every instalment due in the period pays
  nothing (but the term fee) and its interest is added to the balance, so the
  household repays it as principal later. The interest added is the schedule's
  interest of those instalments (the amount recorded with the change stays in the
  case's history of changes and is not used here: it is an estimate made when the
  change was decided). A period of interest added is also a period without
  instalments, whether or not a postponement covers it;
- a longer term: the loan now ends ``years`` after the first instalment's period
  began (the instalment count is ``years`` × periods per year from the start);
- another interest rate: instalments due on or after its date carry interest at the
  new rate.
After a postponement, and from a new term or a new rate, the level is worked out
again from the balance and the instalments left to the end date: the annuity amount
round(B × r / (1 − (1 + r)^−k)), or the serial principal part round(B / k). The loan
therefore still ends on its end date unless the term was extended. The last
instalment always settles the balance exactly, even inside a postponement (the end
date holds), so the principal paid sums to the loan plus the interest added, and the
balance never goes below 0. Without changes the schedule is ``payment_schedule``'s,
to the øre.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from enum import StrEnum

from ..loans import (
    DECIMAL_CONTEXT,
    MAX_YEARS,
    Instalment,
    LoanTerms,
    Method,
    annuity_amount,
    due_dates,
    money,
    payment_schedule,
    period_interest,
)

_NIL = Decimal("0.00")


class ChangeKind(StrEnum):
    """The kinds of change of terms the municipality records (same values as the
    finance app's ``TermsChangeKind``)."""

    DEFERRAL = "deferral"
    INTEREST_ADDED = "interest_added"
    TERM_EXTENDED = "term_extended"
    RATE_KIND_CHANGED = "rate_kind_changed"


@dataclass(frozen=True)
class TermsChange:
    """One change of terms. A postponement or interest added covers the instalments
    due from ``start`` to ``end`` (both included); a new term (``years``, the whole
    term from the start) or rate (``annual_rate``, a fraction) acts from ``start``.
    ``key`` is the caller's handle on the change (e.g. a database id)."""

    kind: ChangeKind
    start: datetime.date
    end: datetime.date | None = None
    years: int | None = None
    annual_rate: Decimal | None = None
    key: int | None = None

    def covers(self, due: datetime.date) -> bool:
        return self.end is not None and self.start <= due <= self.end


@dataclass(frozen=True)
class ChangedInstalment(Instalment):
    """An instalment of the changed schedule: ``added`` is the interest added to the
    balance at this instalment; ``changes`` the changes that begin at it."""

    added: Decimal = _NIL
    annual_rate: Decimal = _NIL
    changes: tuple[TermsChange, ...] = field(default=())


def _level(terms: LoanTerms, balance: Decimal, rate: Decimal, left: int) -> Decimal:
    if terms.method is Method.ANNUITY:
        return annuity_amount(balance, rate, terms.periods_per_year, left)
    return money(balance / left)


def _starts(changes: Sequence[TermsChange], dates: list[datetime.date], last: int) -> list[int]:
    """The instalment number (1-based) at which each change begins: the first due on
    or after its start, at most ``last``."""
    numbers = []
    for change in changes:
        number = next((i + 1 for i, due in enumerate(dates) if due >= change.start), last)
        numbers.append(min(number, last))
    return numbers


def changed_schedule(
    terms: LoanTerms,
    changes: Sequence[TermsChange],
    *,
    first_due: datetime.date,
    due_day: int | None = None,
) -> list[ChangedInstalment]:
    """Every instalment of the loan of ``terms`` after ``changes``, in date order
    (the rules in the module docstring). ``payment_schedule`` checks ``terms`` first
    (``InvalidTerms``); a new term must be longer than the instalments already due
    and at most 50 years (``ValueError``), a new rate not negative."""
    payment_schedule(terms)  # the terms' own checks
    ordered = sorted(changes, key=lambda change: change.start)
    ppy = terms.periods_per_year
    longest = max([terms.years, *(c.years or 0 for c in ordered)])
    if longest > MAX_YEARS:
        raise ValueError(f"a term is at most {MAX_YEARS} years")
    if any(c.annual_rate is not None and c.annual_rate < 0 for c in ordered):
        raise ValueError("a new rate cannot be negative")
    dates = due_dates(longest * ppy, first_due, months_apart=12 // ppy, due_day=due_day)
    n, rate, fee = terms.periods, terms.annual_rate, money(terms.term_fee)
    starts = _starts(ordered, dates, longest * ppy)
    balance, level, again = money(terms.principal), _NIL, True
    rows: list[ChangedInstalment] = []
    with localcontext(DECIMAL_CONTEXT):
        number = 0
        while number < n:
            number += 1
            due = dates[number - 1]
            beginning = tuple(c for c, at in zip(ordered, starts, strict=True) if at == number)
            for change in beginning:
                if change.kind is ChangeKind.TERM_EXTENDED and change.years:
                    if change.years * ppy < number:
                        raise ValueError("the new term ends before instalments already due")
                    n, again = change.years * ppy, True
                elif change.kind is ChangeKind.RATE_KIND_CHANGED and change.annual_rate is not None:
                    rate, again = change.annual_rate, True
            interest = period_interest(balance, rate, ppy)
            capitalised = any(
                c.kind is ChangeKind.INTEREST_ADDED and c.covers(due) for c in ordered
            )
            postponed = number <= terms.interest_only_periods or any(
                c.kind is ChangeKind.DEFERRAL and c.covers(due) for c in ordered
            )
            added, paid_interest = _NIL, interest
            if number == n:
                principal = balance
            elif capitalised:
                principal, added, paid_interest, again = _NIL, interest, _NIL, True
            elif postponed:
                principal, again = _NIL, True
            else:
                if again:
                    level, again = _level(terms, balance, rate, n - number + 1), False
                due_part = level - interest if terms.method is Method.ANNUITY else level
                principal = min(max(due_part, _NIL), balance)
            balance += added - principal
            rows.append(
                ChangedInstalment(
                    number=number,
                    due=due,
                    payment=paid_interest + principal + fee,
                    interest=interest,
                    principal=principal,
                    fee=fee,
                    balance=balance,
                    added=added,
                    annual_rate=rate,
                    changes=beginning,
                )
            )
    return rows


def total_interest_added(schedule: Sequence[ChangedInstalment]) -> Decimal:
    """The interest added to the loan over ``schedule``, in all."""
    return sum((row.added for row in schedule), _NIL)
