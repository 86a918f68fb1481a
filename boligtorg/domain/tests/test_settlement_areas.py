"""integrationsloven § 12, stk. 2: no temporary residence or dwelling for a refugee in
an area on the list of vulnerable areas in force."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.area_criteria import (
    DEFAULT_RULE_SETS,
    SEVERITY,
    Indicator,
    Kind,
    classify_history,
)
from boligtorg.domain.settlement.areas import (
    BARRED_KINDS,
    area_check,
    list_year_in_force,
    placement_refusal,
)

D = datetime.date
I = Indicator  # noqa: E741

# An udsat boligområde: 1,200 residents, 3 of the 4 criteria of § 61 a, stk. 1; the
# non-Western share 20 % keeps it from being a parallelsamfund or forebyggelsesområde.
VULNERABLE = {
    I.RESIDENTS: 1200,
    I.OUTSIDE_WORK: Decimal("45"),
    I.CONVICTIONS_RATIO: Decimal("2.1"),
    I.BASIC_SCHOOLING: Decimal("65"),
    I.INCOME_RATIO: Decimal("50"),
    I.NON_WESTERN: Decimal("20"),
}
# A forebyggelsesområde only (§ 61 b): 35 % non-Western, outside work 35 (> 30, not
# > 40), convictions 2.5 × (≥ 2, not ≥ 3), income 60 % (< 65, not < 55): 3 of the lower
# four, 0 of the udsat four.
PREVENTION_ONLY = {
    I.RESIDENTS: 1500,
    I.OUTSIDE_WORK: Decimal("35"),
    I.CONVICTIONS_RATIO: Decimal("2.5"),
    I.BASIC_SCHOOLING: Decimal("50"),
    I.INCOME_RATIO: Decimal("60"),
    I.NON_WESTERN: Decimal("35"),
}
CLEAR = {**PREVENTION_ONLY, I.NON_WESTERN: Decimal("10"), I.OUTSIDE_WORK: Decimal("20")}


def test_an_area_on_the_list_in_force_as_vulnerable_is_refused():
    history = classify_history({2025: VULNERABLE}, DEFAULT_RULE_SETS)
    check = area_check(history, D(2026, 3, 1))
    assert check.list_year == 2025
    assert check.refused is Kind.VULNERABLE
    assert not check.allowed


def test_a_forebyggelsesomraade_alone_is_allowed():
    history = classify_history({2025: PREVENTION_ONLY}, DEFAULT_RULE_SETS)
    check = area_check(history, D(2026, 3, 1))
    assert check.kinds == (Kind.PREVENTION,)
    assert check.allowed


def test_the_list_switches_on_the_first_of_december():
    # Vulnerable on the 2025 list, off the 2026 list: barred on 30 November 2026,
    # allowed from 1 December 2026.
    history = classify_history({2025: VULNERABLE, 2026: CLEAR}, DEFAULT_RULE_SETS)
    assert area_check(history, D(2026, 11, 30)).refused is Kind.VULNERABLE
    assert area_check(history, D(2026, 12, 1)).allowed


def test_an_area_that_joins_the_list_is_barred_from_the_first_of_december():
    history = classify_history({2025: CLEAR, 2026: VULNERABLE}, DEFAULT_RULE_SETS)
    assert area_check(history, D(2026, 11, 30)).allowed
    assert area_check(history, D(2026, 12, 1)).refused is Kind.VULNERABLE


def test_a_year_without_a_classification_is_reported_as_unknown_not_as_clear():
    history = classify_history({2024: VULNERABLE}, DEFAULT_RULE_SETS)
    check = area_check(history, D(2026, 3, 1))
    assert not check.list_known
    assert check.list_year == 2025


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2026, 11, 30), 2025),
        (D(2026, 12, 1), 2026),
        (D(2026, 12, 31), 2026),
        (D(2027, 1, 1), 2026),
    ],
)
def test_the_list_in_force_is_the_last_one_published_on_a_first_of_december(day, year):
    assert list_year_in_force(day) == year


def test_a_parallel_society_refuses_as_the_more_severe_kind():
    kinds = [Kind.VULNERABLE, Kind.PARALLEL_SOCIETY]
    assert placement_refusal(kinds_in_force=kinds) is Kind.PARALLEL_SOCIETY


def test_an_omdannelsesomraade_refuses_as_the_most_severe_kind():
    kinds = [Kind.PREVENTION, Kind.VULNERABLE, Kind.PARALLEL_SOCIETY, Kind.TRANSFORMATION]
    assert placement_refusal(kinds_in_force=kinds) is Kind.TRANSFORMATION


def test_an_old_ghetto_list_refuses():
    assert placement_refusal(kinds_in_force=[Kind.GHETTO_LIST]) is Kind.GHETTO_LIST


def test_the_barred_set_is_data_the_caller_may_change():
    assert placement_refusal(kinds_in_force=[Kind.PREVENTION]) is None
    barred = BARRED_KINDS | {Kind.PREVENTION}
    assert placement_refusal(kinds_in_force=[Kind.PREVENTION], barred=barred) is Kind.PREVENTION


@given(st.sets(st.sampled_from(list(Kind))))
def test_the_refusal_is_the_most_severe_barred_kind(kinds):
    refusal = placement_refusal(kinds_in_force=kinds)
    barred = [kind for kind in SEVERITY if kind in kinds and kind in BARRED_KINDS]
    assert refusal == (barred[0] if barred else None)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)))
def test_the_list_year_in_force_starts_on_its_list_day_and_lasts_a_year(day):
    year = list_year_in_force(day)
    assert D(year, 12, 1) <= day < D(year + 1, 12, 1)
