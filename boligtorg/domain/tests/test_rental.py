import datetime
from decimal import Decimal

from boligtorg.domain.rental import (
    CLAIM_MONTHS_AFTER_END,
    add_months,
    claim_deadline,
    claim_in_time,
    payable,
    remaining,
    within_limit,
)

D = datetime.date


def test_the_default_period_after_the_term_is_three_months():
    assert CLAIM_MONTHS_AFTER_END == 3


def test_a_claim_is_due_by_three_months_after_a_term_ending_30_june():
    # 30 June + 3 months = 30 September.
    assert claim_deadline(D(2026, 6, 30)) == D(2026, 9, 30)


def test_a_term_ending_30_november_gives_a_deadline_of_28_february():
    assert claim_deadline(D(2026, 11, 30)) == D(2027, 2, 28)
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)


def test_a_claim_received_on_the_deadline_is_in_time_and_the_day_after_is_not():
    start, end = D(2025, 7, 1), D(2026, 6, 30)
    assert claim_in_time(D(2026, 9, 30), start, end)
    assert not claim_in_time(D(2026, 10, 1), start, end)


def test_a_claim_received_before_the_guarantee_started_is_not_in_time():
    assert not claim_in_time(D(2025, 6, 30), D(2025, 7, 1), D(2026, 6, 30))


def test_the_months_after_the_end_are_a_parameter():
    start, end = D(2025, 7, 1), D(2026, 6, 30)
    assert not claim_in_time(D(2026, 7, 1), start, end, months_after_end=0)
    assert claim_in_time(D(2026, 12, 30), start, end, months_after_end=6)


def test_what_remains_is_the_amount_minus_the_claims_paid():
    # 30 000 − 12 000 − 8 000 = 10 000.
    assert remaining(Decimal("30000"), [Decimal("12000"), Decimal("8000")]) == Decimal("10000")


def test_a_claim_is_paid_at_most_what_remains():
    # 30 000 with 25 000 paid: a claim of 9 000 can be paid 5 000.
    assert payable(Decimal("9000"), Decimal("30000"), [Decimal("25000")]) == Decimal("5000")
    assert payable(Decimal("4000"), Decimal("30000"), [Decimal("25000")]) == Decimal("4000")


def test_nothing_is_payable_on_a_guarantee_used_up():
    assert payable(Decimal("1"), Decimal("30000"), [Decimal("30000")]) == Decimal("0")


def test_an_amount_over_the_municipalitys_maximum_is_not_within_the_limit():
    assert within_limit(Decimal("45000"), None)
    assert within_limit(Decimal("45000"), Decimal("45000"))
    assert not within_limit(Decimal("45000.01"), Decimal("45000"))
