"""The Danish area criteria on known example figures, one period at a time; each
docstring computes the answer by hand from the thresholds in the law."""

import ast
import datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain import area_criteria
from boligtorg.domain.area_criteria import (
    DEFAULT_RULE_SETS,
    GHETTO_2010,
    GHETTO_2014,
    PARALLEL_2018,
    PREVENTION_2021,
    VULNERABLE_2018,
    Indicator,
    Kind,
    check_no_overlap,
    classify_history,
    consecutive_years,
    evaluate,
    suppressed,
)

I = Indicator  # noqa: E741

SKANDERBORG_2019 = {
    I.RESIDENTS: 1200,
    I.OUTSIDE_WORK: Decimal("45"),
    I.CONVICTIONS_RATIO: Decimal("2.1"),
    I.BASIC_SCHOOLING: Decimal("65"),
    I.INCOME_RATIO: Decimal("50"),
    I.NON_WESTERN: Decimal("55"),
}


def _one_year(year, figures):
    return classify_history({year: figures}, DEFAULT_RULE_SETS)[0]


def test_the_domain_module_imports_nothing_of_django():
    tree = ast.parse(Path(area_criteria.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name.startswith("django")]


def test_an_area_of_1200_meeting_three_of_four_with_55_percent_non_western_is_a_parallel_society():
    """2019, the 2018 rules (§ 61 a): 1,200 ≥ 1,000 residents. Outside work 45 > 40 yes;
    convictions 2.1 ≥ 3 no; basic schooling 65 > 60 yes; income 50 < 55 yes: 3 of 4 ≥ 2,
    so an udsat boligområde; non-Western 55 > 50, so also a parallelsamfund. The
    forebyggelsesområde rule (§ 61 b) is not yet in force on 1 December 2019."""
    year = _one_year(2019, SKANDERBORG_2019)
    assert year.kinds == (Kind.PARALLEL_SOCIETY, Kind.VULNERABLE)
    assert year.headline == Kind.PARALLEL_SOCIETY
    vulnerable = next(e for e in year.evaluations if e.rule.kind == Kind.VULNERABLE)
    assert vulnerable.counted_met == 3
    assert [r.met for r in vulnerable.results] == [True, True, False, True, True]
    assert vulnerable.results[2].figure == Decimal("2.1")
    assert vulnerable.results[2].criterion.threshold == Decimal("3")


def test_five_consecutive_years_as_a_parallel_society_make_an_omdannelsesomraade():
    """The same figures 2019–2023: a parallelsamfund in each year; in 2023 the last 5
    years (2019, 2020, 2021, 2022, 2023) all qualify, so an omdannelsesområde
    (§ 61 a, stk. 4); in 2022 only 4 years do."""
    history = classify_history(
        dict.fromkeys(range(2019, 2024), SKANDERBORG_2019), DEFAULT_RULE_SETS
    )
    assert [year.headline for year in history] == [Kind.PARALLEL_SOCIETY] * 4 + [
        Kind.TRANSFORMATION
    ]
    streak = next(e for e in history[-1].evaluations if e.rule.kind == Kind.TRANSFORMATION)
    assert streak.streak == 5


def test_a_gap_year_breaks_the_streak():
    """2019–2021 and 2023–2024 with figures, 2022 missing: 2024 has a streak of 2."""
    figures = dict.fromkeys((2019, 2020, 2021, 2023, 2024), SKANDERBORG_2019)
    assert classify_history(figures, DEFAULT_RULE_SETS)[-1].headline == Kind.PARALLEL_SOCIETY


def test_years_on_the_ghetto_list_before_2018_count_towards_the_streak():
    """Solbakken in the ministry's note of 1 December 2020: on the ghetto list in
    2016 and 2017 (the 2014 rules) and a ghetto area in 2018–2020: five years, so a
    hard ghetto area (omdannelsesområde) in 2020."""
    history = classify_history(
        dict.fromkeys(range(2016, 2021), SKANDERBORG_2019), DEFAULT_RULE_SETS
    )
    assert [year.headline for year in history] == [
        Kind.GHETTO_LIST,
        Kind.GHETTO_LIST,
        Kind.PARALLEL_SOCIETY,
        Kind.PARALLEL_SOCIETY,
        Kind.TRANSFORMATION,
    ]


def test_the_same_figures_under_the_2014_rules_put_the_area_on_the_ghetto_list():
    """2015, the 2013–2017 rules (3 of 5): outside work 45 > 40 yes; non-Western
    55 > 50 yes; convicted share not given, so not met; basic schooling 65 > 50 yes;
    income 50 < 55 yes: 4 of 5 ≥ 3, on the ghetto list."""
    evaluation = evaluate(SKANDERBORG_2019, GHETTO_2014)
    assert evaluation.met and evaluation.counted_met == 4
    assert evaluation.missing_figures == (I.CONVICTED_SHARE,)
    assert _one_year(2015, SKANDERBORG_2019).kinds == (Kind.GHETTO_LIST,)


def test_two_of_five_is_not_enough_under_the_2014_rules():
    """2014: non-Western 55 > 50 yes, outside work 45 > 40 yes, convicted 2.0 > 2.7 no,
    basic schooling 45 > 50 no, income 70 < 55 no: 2 of 5 < 3."""
    figures = {
        **SKANDERBORG_2019,
        I.CONVICTED_SHARE: Decimal("2.0"),
        I.BASIC_SCHOOLING: Decimal("45"),
        I.INCOME_RATIO: Decimal("70"),
    }
    assert _one_year(2014, figures).kinds == ()


def test_the_2010_rules_need_two_of_three():
    """2011, the 2010 list: non-Western 55 > 50 yes, outside work 45 > 40 yes,
    convicted 3.1 > 2.7 yes: 3 of 3; with non-Western 40 and convicted 2.5 only 1."""
    figures = {**SKANDERBORG_2019, I.CONVICTED_SHARE: Decimal("3.1")}
    assert evaluate(figures, GHETTO_2010).counted_met == 3
    weaker = {**figures, I.NON_WESTERN: Decimal("40"), I.CONVICTED_SHARE: Decimal("2.5")}
    assert _one_year(2011, weaker).kinds == ()


def test_a_forebyggelsesomraade_has_lower_thresholds_and_30_percent_non_western():
    """2022, § 61 b: 1,100 residents, non-Western 35 > 30 (required) yes; outside work
    32 > 30 yes; convictions 1.5 ≥ 2 no; basic schooling 40 > 60 no; income 62 < 65
    yes: 2 of 4, a forebyggelsesområde. § 61 a: 32 > 40 no, 1.5 ≥ 3 no, 40 > 60 no,
    62 < 55 no: not udsat."""
    figures = {
        I.RESIDENTS: 1100,
        I.NON_WESTERN: Decimal("35"),
        I.OUTSIDE_WORK: Decimal("32"),
        I.CONVICTIONS_RATIO: Decimal("1.5"),
        I.BASIC_SCHOOLING: Decimal("40"),
        I.INCOME_RATIO: Decimal("62"),
    }
    assert _one_year(2022, figures).kinds == (Kind.PREVENTION,)
    assert not evaluate(figures, VULNERABLE_2018).met


def test_an_udsat_area_can_also_be_a_forebyggelsesomraade_and_the_headline_is_udsat():
    """2022. § 61 b's text has no exception for udsatte boligområder, so both apply.
    § 61 a: 1,100 ≥ 1,000; outside work 45 > 40 yes; convictions 1.5 ≥ 3 no; basic
    schooling 40 > 60 no; income 50 < 55 yes: 2 of 4, udsat; non-Western 35 > 50 no,
    so not a parallelsamfund. § 61 b: non-Western 35 > 30 yes; 45 > 30 yes; 1.5 ≥ 2
    no; 40 > 60 no; 50 < 65 yes: 2 of 4, a forebyggelsesområde too."""
    figures = {
        I.RESIDENTS: 1100,
        I.NON_WESTERN: Decimal("35"),
        I.OUTSIDE_WORK: Decimal("45"),
        I.CONVICTIONS_RATIO: Decimal("1.5"),
        I.BASIC_SCHOOLING: Decimal("40"),
        I.INCOME_RATIO: Decimal("50"),
    }
    year = _one_year(2022, figures)
    assert year.kinds == (Kind.VULNERABLE, Kind.PREVENTION)
    assert year.headline == Kind.VULNERABLE


def test_an_area_below_1000_residents_is_never_classified():
    """950 < 1,000 (§ 61 a, stk. 3): the required criterion fails, whatever else."""
    figures = {**SKANDERBORG_2019, I.RESIDENTS: 950}
    assert _one_year(2019, figures).kinds == ()
    assert not evaluate(figures, PARALLEL_2018).met


def test_without_non_western_figure_an_udsat_area_is_not_a_parallel_society():
    figures = {**SKANDERBORG_2019, I.NON_WESTERN: None}
    assert _one_year(2020, figures).kinds == (Kind.VULNERABLE,)


def test_threshold_exactly_reached_counts_only_where_the_law_says_at_least():
    """Convictions "mindst tre gange" (≥ 3): 3.0 meets it; outside work "overstiger
    40 pct." (> 40): 40.0 does not."""
    figures = {
        I.RESIDENTS: 1000,
        I.OUTSIDE_WORK: Decimal("40.0"),
        I.CONVICTIONS_RATIO: Decimal("3.0"),
    }
    results = evaluate(figures, VULNERABLE_2018).results
    assert [r.met for r in results[:3]] == [True, False, True]


def test_the_default_sets_do_not_overlap_within_a_kind():
    assert check_no_overlap(DEFAULT_RULE_SETS) == []


def test_two_sets_of_the_same_kind_with_shared_days_overlap():
    import dataclasses

    later = dataclasses.replace(GHETTO_2014, valid_from=datetime.date(2013, 1, 1))
    assert check_no_overlap([GHETTO_2010, later]) == [(GHETTO_2010, later)]
    assert check_no_overlap([PREVENTION_2021, VULNERABLE_2018]) == []


def test_consecutive_years_counts_back_from_the_year():
    assert consecutive_years({2018, 2019, 2020, 2022}, 2022) == 1
    assert consecutive_years({2018, 2019, 2020}, 2020) == 3
    assert consecutive_years(set(), 2020) == 0


def test_counts_below_five_are_shown_as_less_than_five():
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == ["<5", "<5", "<5", "5", "12"]


_figure = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)
_ratio = st.decimals(min_value=0, max_value=6, places=2, allow_nan=False)
_figures = st.fixed_dictionaries(
    {
        I.RESIDENTS: st.integers(min_value=0, max_value=5000),
        I.OUTSIDE_WORK: _figure,
        I.CONVICTIONS_RATIO: _ratio,
        I.CONVICTED_SHARE: _ratio,
        I.BASIC_SCHOOLING: _figure,
        I.INCOME_RATIO: _figure,
        I.NON_WESTERN: _figure,
    }
)
_BAD_UP = (I.OUTSIDE_WORK, I.CONVICTIONS_RATIO, I.CONVICTED_SHARE, I.BASIC_SCHOOLING, I.NON_WESTERN)


@given(
    figures=_figures,
    indicator=st.sampled_from([*_BAD_UP, I.INCOME_RATIO]),
    step=st.decimals(min_value=0, max_value=50, places=1, allow_nan=False),
    year=st.sampled_from([2011, 2015, 2019, 2022]),
)
def test_a_worse_figure_never_removes_a_classification(figures, indicator, step, year):
    worse = dict(figures)
    if indicator == I.INCOME_RATIO:
        worse[indicator] = max(Decimal(0), figures[indicator] - step)
    else:
        worse[indicator] = figures[indicator] + step
    before = set(_one_year(year, figures).kinds)
    after = set(_one_year(year, worse).kinds)
    assert before <= after


@given(figures=_figures, years=st.sets(st.integers(min_value=2014, max_value=2025), max_size=8))
def test_a_transformation_area_is_always_a_parallel_society_that_year(figures, years):
    history = classify_history(dict.fromkeys(years, figures), DEFAULT_RULE_SETS)
    for year in history:
        if Kind.TRANSFORMATION in year.kinds:
            assert Kind.PARALLEL_SOCIETY in year.kinds
