"""Periods, medians, shares and suppression (boligtorg.domain.reporting)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain import reporting
from boligtorg.domain.reporting import Cell, Granularity, Spell

D = datetime.date


def test_a_day_falls_in_its_year_half_year_and_month():
    day = D(2025, 7, 1)
    assert reporting.period_containing(day, Granularity.YEAR).key == "2025"
    half = reporting.period_containing(day, Granularity.HALF)
    assert (half.key, half.start, half.end) == ("2025-H2", D(2025, 7, 1), D(2025, 12, 31))
    month = reporting.period_containing(D(2024, 2, 10), Granularity.MONTH)
    assert (month.key, month.start, month.end) == ("2024-02", D(2024, 2, 1), D(2024, 2, 29))


def test_the_year_view_shows_five_years_and_the_others_split_one_year():
    assert [p.key for p in reporting.periods_for(2025, Granularity.YEAR)] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
    ]
    assert [p.key for p in reporting.periods_for(2025, Granularity.HALF)] == ["2025-H1", "2025-H2"]
    months = reporting.periods_for(2025, Granularity.MONTH)
    assert len(months) == 12 and months[-1].end == D(2025, 12, 31)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.sampled_from(Granularity))
def test_periods_of_a_year_cover_every_day_once(day, granularity):
    periods = reporting.periods_for(day.year, granularity)
    assert sum(day in period for period in periods) == 1
    assert reporting.period_containing(day, granularity) in periods


def test_a_bad_year_or_granularity_is_refused_with_the_field_named():
    with pytest.raises(ValueError, match="year"):
        reporting.periods_for(1899, Granularity.YEAR)
    with pytest.raises(ValueError, match="granularity"):
        reporting.parse_granularity("week")


def test_the_median_waiting_time_of_an_even_count_is_the_mean_of_the_middle_two():
    assert reporting.median([30, 10, 20, 40]) == 25.0
    assert reporting.median([]) is None


def test_households_waiting_on_a_day_are_granted_before_and_not_yet_allocated():
    spells = [
        Spell(start=D(2025, 1, 10), end=None, received_on=D(2025, 1, 1)),
        Spell(start=D(2025, 2, 1), end=D(2025, 6, 1)),
        Spell(start=D(2026, 1, 1), end=None),
    ]
    assert reporting.waiting_on(spells, D(2025, 3, 1)) == [59, 28]
    assert reporting.waiting_on(spells, D(2025, 6, 1)) == [151]


def test_a_median_of_fewer_households_than_the_threshold_is_hidden():
    assert reporting.protected_median([10, 20, 30, 40], threshold=5) is None
    assert reporting.protected_median([10, 20, 30, 40, 50], threshold=5) == 30.0


def test_a_share_of_a_hidden_cell_is_hidden():
    assert reporting.share(Cell(20), Cell(80)) == 25.0
    assert reporting.share(Cell(None), Cell(80)) is None
    assert reporting.share(Cell(3), Cell(0)) is None


def test_a_small_cell_is_hidden_and_the_next_smallest_of_its_row_with_it():
    """Row 3, 12, 20 (total 35): 3 is hidden; alone, it would be 35 − 12 − 20, so
    12 (the smallest published) is hidden too; 20 and the total stay."""
    table = reporting.protect([[3, 12, 20]], threshold=5)
    assert [str(c) for c in table.rows[0]] == [":", ":", "20"]
    assert table.row_totals[0].value == 35


def test_zero_is_published_and_never_hidden_to_protect_another_cell():
    """Row 0, 2, 9: 2 is hidden; 9 is the only non-zero published cell, so it goes too."""
    table = reporting.protect([[0, 2, 9]], threshold=5)
    assert [c.value for c in table.rows[0]] == [0, None, None]


def test_two_hidden_ones_with_a_known_total_hide_a_third_cell():
    """Row 1, 1, 7 (total 9): the two hidden cells sum to 2, so each must be 1."""
    table = reporting.protect([[1, 1, 7]], threshold=5)
    assert [c.value for c in table.rows[0]] == [None, None, None]


def test_a_row_of_ones_with_a_total_above_the_threshold_hides_its_total():
    table = reporting.protect([[1, 1, 1, 1, 1]], threshold=5)
    assert all(c.hidden for c in table.rows[0]) and table.row_totals[0].hidden


def test_a_month_is_protected_against_the_year_figure_of_its_column():
    """Months (rows) × one category: January 3 alone would be the year's total minus
    the other months, so the smallest other month is hidden too."""
    table = reporting.protect([[3], [8], [10]], threshold=5)
    assert [row[0].value for row in table.rows] == [None, None, 10]
    assert table.column_totals[0].value == 21


@st.composite
def tables(draw):
    width = draw(st.integers(min_value=1, max_value=5))
    height = draw(st.integers(min_value=1, max_value=6))
    cell = st.one_of(st.integers(0, 6), st.integers(0, 60))
    return draw(
        st.lists(st.lists(cell, min_size=width, max_size=width), min_size=height, max_size=height)
    )


@given(tables(), st.integers(min_value=2, max_value=10))
def test_no_published_cell_or_total_is_between_one_and_the_threshold(counts, threshold):
    table = reporting.protect(counts, threshold)
    published = [c.value for row in table.rows for c in row] + [
        c.value for c in (*table.row_totals, *table.column_totals)
    ]
    assert not [v for v in published if v is not None and 0 < v < threshold]


@given(tables(), st.integers(min_value=2, max_value=10))
def test_no_hidden_cell_can_be_recovered_from_its_row_total(counts, threshold):
    """A reader knows the published cells, the row total when it is published, and
    that each hidden cell is at least 1. For every hidden cell there is then a
    second row, differing from the true one only in hidden cells, with the same
    total: so the true value cannot be worked out."""
    table = reporting.protect(counts, threshold)
    for true_row, row, total in zip(counts, table.rows, table.row_totals, strict=True):
        hidden = [i for i, cell in enumerate(row) if cell.hidden]
        if total.hidden or not hidden:
            continue
        for i in hidden:
            others = [j for j in hidden if j != i]
            assert others, "a lone hidden cell equals the total minus the published cells"
            # Move one unit between cell i and another hidden cell, keeping every hidden cell >= 1.
            movable = [j for j in others if true_row[j] > 1] if true_row[i] == 1 else others
            assert movable, "every hidden cell would be pinned to 1"
            j = movable[0]
            alternative = list(true_row)
            step = 1 if true_row[i] == 1 else -1
            alternative[i] += step
            alternative[j] -= step
            assert min(alternative[k] for k in hidden) >= 1
            assert sum(alternative) == total.value
            assert alternative[i] != true_row[i]


@given(tables(), st.integers(min_value=2, max_value=10))
def test_protection_never_hides_a_zero_and_never_changes_a_published_value(counts, threshold):
    table = reporting.protect(counts, threshold)
    for true_row, row in zip(counts, table.rows, strict=True):
        for value, cell in zip(true_row, row, strict=True):
            assert cell.value in (None, value)
            assert not (value == 0 and cell.hidden)
