import datetime
from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.risk import (
    Level,
    RiskWeights,
    Signal,
    Signals,
    clauses_due,
    months_in_arrears,
    risk_score,
    six_month_point,
)

DEFAULT = RiskWeights()

weights = st.builds(
    RiskWeights,
    points_per_month_in_arrears=st.integers(0, 50),
    arrears_months_cap=st.integers(1, 12),
    payment_plan_relief_percent=st.integers(0, 100),
    points_per_complaint=st.integers(0, 30),
    points_per_missed_visit=st.integers(0, 30),
    points_clause_due=st.integers(0, 30),
    watch_from=st.integers(1, 40),
    high_from=st.integers(40, 120),
)
months = st.decimals(min_value=0, max_value=24, places=1, allow_nan=False, allow_infinity=False)
signals = st.builds(
    Signals,
    months_in_arrears=months,
    payment_plan_kept=st.booleans(),
    complaints=st.integers(0, 10),
    missed_visits=st.integers(0, 10),
    clauses_due=st.frozensets(st.sampled_from([Signal.SIX_MONTH_CLAUSE, Signal.LEASE_END])),
)


def test_a_tenancy_without_signals_has_no_risk():
    risk = risk_score(Signals(), DEFAULT)

    assert risk.score == 0
    assert risk.level == Level.NONE
    assert risk.contributions == ()


def test_two_months_of_arrears_and_a_missed_visit_is_high_risk_with_default_weights():
    risk = risk_score(Signals(months_in_arrears=Decimal(2), missed_visits=1), DEFAULT)

    assert [(c.signal, c.points) for c in risk.contributions] == [
        (Signal.ARREARS, 40),
        (Signal.MISSED_VISITS, 10),
    ]
    assert risk.score == 50
    assert risk.level == Level.HIGH


def test_a_kept_payment_plan_takes_half_the_arrears_points_away_by_default():
    risk = risk_score(
        Signals(months_in_arrears=Decimal(2), missed_visits=1, payment_plan_kept=True), DEFAULT
    )

    assert (Signal.PAYMENT_PLAN, -20) in [(c.signal, c.points) for c in risk.contributions]
    assert risk.score == 30
    assert risk.level == Level.WATCH


@given(signals, weights)
def test_the_score_is_the_sum_of_its_explained_contributions(s, w):
    risk = risk_score(s, w)

    assert risk.score == sum(c.points for c in risk.contributions)
    assert risk.score >= 0
    assert all(c.points > 0 for c in risk.contributions if c.signal != Signal.PAYMENT_PLAN)


@given(signals, weights, st.integers(1, 5), st.integers(1, 5), months)
def test_more_arrears_complaints_or_missed_visits_never_lower_the_score(s, w, more, again, extra):
    base = risk_score(s, w).score

    assert risk_score(replace(s, complaints=s.complaints + more), w).score >= base
    assert risk_score(replace(s, missed_visits=s.missed_visits + again), w).score >= base
    worse = replace(s, months_in_arrears=s.months_in_arrears + extra)
    assert risk_score(worse, w).score >= base


@given(signals, weights)
def test_a_kept_payment_plan_never_raises_the_score(s, w):
    without = risk_score(replace(s, payment_plan_kept=False), w).score
    kept = risk_score(replace(s, payment_plan_kept=True), w).score

    assert kept <= without
    if s.months_in_arrears > 0 and w.payment_plan_relief_percent == 100:
        assert kept < without or w.points_per_month_in_arrears == 0


@given(signals, weights, months)
def test_arrears_beyond_the_cap_add_nothing(s, w, extra):
    at_cap = replace(s, months_in_arrears=Decimal(w.arrears_months_cap))
    beyond = replace(s, months_in_arrears=Decimal(w.arrears_months_cap) + extra)

    assert risk_score(beyond, w).score == risk_score(at_cap, w).score


@given(signals, weights)
def test_the_level_follows_the_thresholds(s, w):
    risk = risk_score(s, w)

    if risk.score >= w.high_from:
        assert risk.level == Level.HIGH
    elif risk.score >= w.watch_from:
        assert risk.level == Level.WATCH
    else:
        assert risk.level == Level.NONE


def test_months_in_arrears_are_rent_owed_over_monthly_rent_to_one_decimal():
    assert months_in_arrears(Decimal(12500), Decimal(10000)) == Decimal("1.3")
    assert months_in_arrears(Decimal(0), Decimal(10000)) == 0
    assert months_in_arrears(Decimal(500), Decimal(0)) == 1


def test_the_six_month_point_and_the_lease_end_are_due_within_the_horizon():
    start = datetime.date(2026, 6, 1)
    end = datetime.date(2027, 1, 15)

    due = clauses_due(
        today=datetime.date(2026, 11, 20),
        start=start,
        end=end,
        six_month_clause=True,
        renewed=False,
        within_days=60,
    )

    assert due == {Signal.SIX_MONTH_CLAUSE, Signal.LEASE_END}


def test_a_renewed_lease_or_a_passed_six_month_point_is_not_due():
    due = clauses_due(
        today=datetime.date(2026, 12, 5),
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2027, 1, 15),
        six_month_clause=True,
        renewed=True,
        within_days=60,
    )

    assert due == frozenset()


def test_the_six_month_point_is_the_day_after_the_first_six_months():
    assert six_month_point(datetime.date(2027, 3, 15)) == datetime.date(2027, 9, 15)
    assert six_month_point(datetime.date(2026, 6, 1)) == datetime.date(2026, 12, 1)
    assert six_month_point(datetime.date(2026, 8, 31)) == datetime.date(2027, 3, 1)
    assert six_month_point(datetime.date(2027, 8, 30)) == datetime.date(2028, 3, 1)
