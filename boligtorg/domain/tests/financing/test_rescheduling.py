"""The schedule of a running start loan after its changes of terms
(``domain/financing/rescheduling.py``): an example computed by hand for each kind of
change, annuity and serial, and properties of every changed schedule (hypothesis).

The annuity examples: 10,000 kr at 8 % a year, quarterly over 1 year, so r = 0.02
per quarter and the level amount is round(10,000 × 0.02 / (1 − 1.02^−4)) =
round(2,626.2375) = 2,626.24; instalment 1 pays interest 200.00 and principal
2,426.24, leaving 7,573.76. The serial examples: 1,200 kr at 12 % a year, monthly
over 1 year, so 1 % a month and a principal part of 100.00.
"""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligtorg.domain.financing.rescheduling import (
    ChangeKind,
    TermsChange,
    changed_schedule,
    total_interest_added,
)
from boligtorg.domain.loans import LoanTerms, Method, due_dates, payment_schedule

QUARTERLY_FIRST = datetime.date(2027, 3, 20)
MONTHLY_FIRST = datetime.date(2027, 1, 20)
ANNUITY = LoanTerms(
    principal=D("10000"), annual_rate=D("0.08"), years=1, method=Method.ANNUITY, periods_per_year=4
)
SERIAL = LoanTerms(principal=D("1200"), annual_rate=D("0.12"), years=1, method=Method.SERIAL)


def _rows(schedule):
    return [(r.payment, r.interest, r.principal, r.balance) for r in schedule]


def _june(kind: ChangeKind) -> TermsChange:
    """The quarter's second instalment (20 June) falls in June."""
    return TermsChange(kind, datetime.date(2027, 6, 1), datetime.date(2027, 6, 30))


def _march_april(kind: ChangeKind) -> TermsChange:
    """The third and fourth monthly instalments (20 March, 20 April)."""
    return TermsChange(kind, datetime.date(2027, 3, 1), datetime.date(2027, 4, 30))


def test_without_changes_the_schedule_is_the_decisions_schedule_to_the_ore():
    for terms, first in ((ANNUITY, QUARTERLY_FIRST), (SERIAL, MONTHLY_FIRST)):
        changed = changed_schedule(terms, [], first_due=first)
        assert _rows(changed) == _rows(payment_schedule(terms, first_due=first))


def test_a_postponed_annuity_instalment_pays_interest_and_the_rest_is_spread_to_the_end_date():
    """Instalment 2 pays interest only: 7,573.76 × 0.02 = 151.4752 → 151.48. Two
    instalments are left: round(7,573.76 × 0.02 / (1 − 1.02^−2)) = round(3,900.8613)
    = 3,900.86, of which 151.48 interest and 3,749.38 principal, leaving 3,824.38;
    the last pays interest round(76.4876) = 76.49 and the 3,824.38 left."""
    schedule = changed_schedule(ANNUITY, [_june(ChangeKind.DEFERRAL)], first_due=QUARTERLY_FIRST)

    assert _rows(schedule) == [
        (D("2626.24"), D("200.00"), D("2426.24"), D("7573.76")),
        (D("151.48"), D("151.48"), D("0.00"), D("7573.76")),
        (D("3900.86"), D("151.48"), D("3749.38"), D("3824.38")),
        (D("3900.87"), D("76.49"), D("3824.38"), D("0.00")),
    ]
    assert schedule[-1].due == datetime.date(2027, 12, 20)  # the end date holds
    assert [len(r.changes) for r in schedule] == [0, 1, 0, 0]


def test_interest_added_to_an_annuity_is_paid_back_as_principal_after_the_period():
    """Instalment 2 pays nothing; its interest 151.48 is added: 7,573.76 + 151.48 =
    7,725.24. Then round(7,725.24 × 0.5150495) = round(3,978.8810) = 3,978.88 twice:
    interest round(154.5048) = 154.50, principal 3,824.38, leaving 3,900.86; the last
    pays interest round(78.0172) = 78.02 and the 3,900.86 left."""
    schedule = changed_schedule(
        ANNUITY, [_june(ChangeKind.INTEREST_ADDED)], first_due=QUARTERLY_FIRST
    )

    assert _rows(schedule)[1:] == [
        (D("0.00"), D("151.48"), D("0.00"), D("7725.24")),
        (D("3978.88"), D("154.50"), D("3824.38"), D("3900.86")),
        (D("3978.88"), D("78.02"), D("3900.86"), D("0.00")),
    ]
    assert schedule[1].added == D("151.48")
    assert sum(r.principal for r in schedule) == D("10000") + D("151.48")


def test_a_longer_annuity_term_spreads_the_balance_over_the_new_remaining_term():
    """Extended to 2 years from June: 7 quarters left of 8, round(7,573.76 × 0.02 /
    (1 − 1.02^−7)) = round(1,170.2365) = 1,170.24; the loan now ends in December
    2028, the last instalment settling the rest (1,147.28 + 22.95)."""
    change = TermsChange(ChangeKind.TERM_EXTENDED, datetime.date(2027, 6, 1), years=2)

    schedule = changed_schedule(ANNUITY, [change], first_due=QUARTERLY_FIRST)

    assert len(schedule) == 8
    assert {r.payment for r in schedule[1:-1]} == {D("1170.24")}
    assert schedule[1].interest == D("151.48")
    assert schedule[1].principal == D("1018.76")
    assert (schedule[-1].due, schedule[-1].payment, schedule[-1].balance) == (
        datetime.date(2028, 12, 20),
        D("1170.23"),
        D("0.00"),
    )


def test_a_new_annuity_rate_applies_from_the_first_instalment_due_after_its_date():
    """12 % from July: instalment 3 has 5,099.00 left; r = 0.03: round(5,099.00 ×
    0.03 / (1 − 1.03^−2)) = round(2,664.7927) = 2,664.79, interest 152.97, principal
    2,511.82, leaving 2,587.18; the last pays round(77.6154) = 77.62 + 2,587.18."""
    change = TermsChange(
        ChangeKind.RATE_KIND_CHANGED, datetime.date(2027, 7, 1), annual_rate=D("0.12")
    )

    schedule = changed_schedule(ANNUITY, [change], first_due=QUARTERLY_FIRST)

    assert _rows(schedule)[2:] == [
        (D("2664.79"), D("152.97"), D("2511.82"), D("2587.18")),
        (D("2664.80"), D("77.62"), D("2587.18"), D("0.00")),
    ]
    assert [r.annual_rate for r in schedule] == [D("0.08"), D("0.08"), D("0.12"), D("0.12")]


def test_postponed_serial_instalments_pay_interest_and_then_larger_equal_parts():
    """March and April pay interest on 1,000.00 (10.00 each); the 1,000.00 left is
    repaid over the 8 months left: 125.00 a month, ending in December as decided."""
    schedule = changed_schedule(
        SERIAL, [_march_april(ChangeKind.DEFERRAL)], first_due=MONTHLY_FIRST
    )

    assert [r.principal for r in schedule] == [D("100.00")] * 2 + [D("0.00")] * 2 + [
        D("125.00")
    ] * 8
    assert [r.payment for r in schedule[2:5]] == [D("10.00"), D("10.00"), D("135.00")]
    assert schedule[-1].due == datetime.date(2027, 12, 20)


def test_serial_interest_added_grows_the_balance_and_the_last_part_settles_it():
    """March adds 10.00 (1,010.00), April 1 % of that, 10.10 (1,020.10); then
    round(1,020.10 / 8) = 127.51 a month and the last 1,020.10 − 7 × 127.51 = 127.53."""
    schedule = changed_schedule(
        SERIAL, [_march_april(ChangeKind.INTEREST_ADDED)], first_due=MONTHLY_FIRST
    )

    assert [(r.payment, r.added, r.balance) for r in schedule[2:4]] == [
        (D("0.00"), D("10.00"), D("1010.00")),
        (D("0.00"), D("10.10"), D("1020.10")),
    ]
    assert [r.principal for r in schedule[4:]] == [D("127.51")] * 7 + [D("127.53")]
    assert total_interest_added(schedule) == D("20.10")


def test_a_longer_serial_term_spreads_the_balance_over_the_new_remaining_months():
    """Two years from March: 22 months left for 1,000.00, round(45.4545) = 45.45, the
    last 1,000.00 − 21 × 45.45 = 45.55."""
    change = TermsChange(ChangeKind.TERM_EXTENDED, datetime.date(2027, 3, 1), years=2)

    schedule = changed_schedule(SERIAL, [change], first_due=MONTHLY_FIRST)

    assert len(schedule) == 24
    assert [r.principal for r in schedule[2:]] == [D("45.45")] * 21 + [D("45.55")]
    assert schedule[2].changes == (change,)


def test_a_new_serial_rate_changes_the_interest_not_the_principal_part():
    """24 % from July: 600.00 left, interest 2 % = 12.00, principal still 100.00."""
    change = TermsChange(
        ChangeKind.RATE_KIND_CHANGED, datetime.date(2027, 7, 1), annual_rate=D("0.24")
    )

    schedule = changed_schedule(SERIAL, [change], first_due=MONTHLY_FIRST)

    assert [r.interest for r in schedule[5:8]] == [D("7.00"), D("12.00"), D("10.00")]
    assert {r.principal for r in schedule} == {D("100.00")}


def test_a_term_that_ends_before_instalments_already_due_is_refused():
    change = TermsChange(ChangeKind.TERM_EXTENDED, datetime.date(2029, 3, 1), years=1)

    with pytest.raises(ValueError, match="ends before"):
        changed_schedule(
            LoanTerms(D("100000"), D("0.05"), 5, Method.ANNUITY), [change], first_due=MONTHLY_FIRST
        )


# --- Properties -------------------------------------------------------------------


@st.composite
def loans_with_changes(draw: st.DrawFn) -> tuple[LoanTerms, list[TermsChange], datetime.date]:
    years = draw(st.integers(1, 40))
    ppy = draw(st.sampled_from([12, 4]))
    terms = LoanTerms(
        principal=D(draw(st.integers(10_000_000, 300_000_000))) / 100,
        annual_rate=D(draw(st.integers(0, 1000))) / 10_000,
        years=years,
        method=draw(st.sampled_from(Method)),
        periods_per_year=ppy,
        interest_only_years=draw(st.integers(0, min(3, years - 1))),
    )
    dates = due_dates(terms.periods, MONTHLY_FIRST, months_apart=12 // ppy)
    changes = []
    for kind in draw(st.lists(st.sampled_from(ChangeKind), max_size=4)):
        at = draw(st.integers(0, terms.periods - 1))
        start = dates[at] - datetime.timedelta(days=5)
        if kind in (ChangeKind.DEFERRAL, ChangeKind.INTEREST_ADDED):
            months = draw(st.integers(1, 30))
            changes.append(TermsChange(kind, start, start + datetime.timedelta(days=30 * months)))
        elif kind is ChangeKind.TERM_EXTENDED:
            changes.append(TermsChange(kind, start, years=draw(st.integers(years + 1, 50))))
        else:
            rate = D(draw(st.integers(0, 1000))) / 10_000
            changes.append(TermsChange(kind, start, annual_rate=rate))
    return terms, changes, MONTHLY_FIRST


PROPERTY = settings(max_examples=60, deadline=None)


@PROPERTY
@given(loans_with_changes())
def test_the_balance_is_never_negative_and_ends_at_zero(case):
    terms, changes, first = case
    schedule = changed_schedule(terms, changes, first_due=first)

    assert all(r.balance >= 0 for r in schedule)
    assert schedule[-1].balance == 0


@PROPERTY
@given(loans_with_changes())
def test_the_principal_paid_is_the_loan_plus_the_interest_added(case):
    terms, changes, first = case
    schedule = changed_schedule(terms, changes, first_due=first)

    assert sum(r.principal for r in schedule) == terms.principal + total_interest_added(schedule)
    assert all(r.principal >= 0 and r.added >= 0 for r in schedule)


@PROPERTY
@given(loans_with_changes())
def test_no_principal_is_paid_in_a_postponed_month_but_the_last(case):
    terms, changes, first = case
    schedule = changed_schedule(terms, changes, first_due=first)

    periods = [c for c in changes if c.end is not None]
    for row in schedule[:-1]:
        if any(c.start <= row.due <= c.end for c in periods):
            assert row.principal == 0
            assert row.payment == row.interest - row.added


@PROPERTY
@given(loans_with_changes())
def test_the_loan_ends_on_its_end_date_unless_the_term_was_extended(case):
    terms, changes, first = case
    schedule = changed_schedule(terms, changes, first_due=first)

    extensions = sorted((c for c in changes if c.years), key=lambda c: c.start)
    years = extensions[-1].years if extensions else terms.years
    assert len(schedule) == years * terms.periods_per_year


@PROPERTY
@given(loans_with_changes())
def test_without_changes_every_loan_keeps_the_decisions_schedule(case):
    terms, _changes, first = case

    changed = changed_schedule(terms, [], first_due=first)

    assert _rows(changed) == _rows(payment_schedule(terms, first_due=first))
