"""The maths of statistics and reports: periods, medians, shares, and the
suppression that keeps a published figure from revealing a person.

Plain data in, plain data out; no Django (a test enforces it).

Suppression (disclosure control)
--------------------------------
Statistics Norway "can suppress/hide table cells, for example cells that are
based on fewer than three observations. Consequently, values in other cells must
also be suppressed so that it is not possible to work out the values that we do
not want to publish. Suppressed values are replaced with a symbol" — the colon
``:`` ("Tall kan ikke offentliggjøres", not for publication), see
https://www.ssb.no/en/omssb/personvern/personopplysninger-i-statistikken and the
symbol table of SSB's publications. SSB's own tool for the secondary step is the
Gaussian-elimination method of the R package GaussSuppression (SSBtools); ours is
the simpler, line-by-line rule below, which is what a municipality's small tables
need. Boligtorg's threshold is 5 by default (the setting
``BOLIGTORG_SUPPRESS_BELOW``), stricter than SSB's example of 3.

The rule (``protect``), for a table of counts of persons or households:

1. *Primary*: a cell from 1 to threshold − 1 is hidden. Zero is published (it
   tells nothing about a person) and is never hidden.
2. *Secondary*: every row and every column is a *line* whose total a reader may
   know: the row total is printed beside it, and a column's total is the figure
   of a coarser period (the year is the sum of its months) — both are treated as
   known. A reader who knows a line's total and its published cells knows the sum
   ``S`` of its hidden cells; every hidden cell is at least 1 and may be any size
   (all hidden cells carry the same symbol, so a reader cannot tell a small one
   from one hidden to protect it). A hidden cell is then pinned down exactly when
   it is the only hidden cell of the line, or when every hidden cell of the line
   is 1 (``S`` equals their number). In either case the smallest published,
   non-zero cell of the line is hidden too, and the lines are checked again until
   none is unsafe. A row that has no such cell left hides its total instead.
3. A line total from 1 to threshold − 1 is itself hidden, and then is no longer
   known to the reader.

What the rule does not cover (said so on the statistics pages): sums across
different tables that share no printed total, and a column whose every non-zero
cell is hidden and is 1 (five months of one household each, say) while the year
shows the total. Percentages and medians follow the cells: a share of a hidden
cell is hidden, and a median of fewer values than the threshold is hidden (with
one value the median *is* that person's figure).
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_THRESHOLD = 5
HIDDEN_SYMBOL = ":"
YEARS_IN_YEAR_VIEW = 5
# Years a report or a figure may ask for: the register holds nothing older.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class Granularity(StrEnum):
    YEAR = "year"
    HALF = "half"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days with a short key: ``2025``, ``2025-H1``, ``2025-03``."""

    start: datetime.date
    end: datetime.date
    key: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def check_year(year: int) -> int:
    """``year`` when it is one the register can hold; ValueError otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def year_period(year: int) -> Period:
    check_year(year)
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


def period_containing(day: datetime.date, granularity: Granularity) -> Period:
    """The year, half-year (January–June, July–December) or month of ``day``."""
    if granularity is Granularity.YEAR:
        return year_period(day.year)
    if granularity is Granularity.HALF:
        first = day.month <= 6
        return Period(
            datetime.date(day.year, 1 if first else 7, 1),
            datetime.date(day.year, 6, 30) if first else datetime.date(day.year, 12, 31),
            f"{day.year}-H{1 if first else 2}",
        )
    return Period(
        datetime.date(day.year, day.month, 1),
        _month_end(day.year, day.month),
        f"{day.year}-{day.month:02d}",
    )


def periods_for(year: int, granularity: Granularity) -> list[Period]:
    """The columns of a figure: the halves or months of ``year``; for the year view
    the ``YEARS_IN_YEAR_VIEW`` years up to and including ``year``."""
    check_year(year)
    if granularity is Granularity.YEAR:
        first = max(FIRST_YEAR, year - YEARS_IN_YEAR_VIEW + 1)
        return [year_period(y) for y in range(first, year + 1)]
    if granularity is Granularity.HALF:
        return [
            period_containing(datetime.date(year, 1, 1), granularity),
            period_containing(datetime.date(year, 7, 1), granularity),
        ]
    return [period_containing(datetime.date(year, m, 1), granularity) for m in range(1, 13)]


def parse_granularity(text: str) -> Granularity:
    """``year``, ``half`` or ``month``; ValueError for anything else."""
    try:
        return Granularity(text)
    except ValueError as exc:
        raise ValueError("granularity must be one of: year, half, month") from exc


def median(values: Iterable[float]) -> float | None:
    """The median, or None without values."""
    values = list(values)
    return float(statistics.median(values)) if values else None


def days_between(start: datetime.date, end: datetime.date) -> int:
    return (end - start).days


@dataclass(frozen=True)
class Spell:
    """A household on the waiting list from ``start`` (the grant) until the day
    before ``end`` (its allocation; None while it still waits)."""

    start: datetime.date
    end: datetime.date | None
    received_on: datetime.date | None = None


def waiting_on(spells: Iterable[Spell], day: datetime.date) -> list[int]:
    """Days waited so far (from the application received, else from the grant) by
    each household waiting on ``day``: granted on or before it and not yet allocated."""
    return [
        days_between(spell.received_on or spell.start, day)
        for spell in spells
        if spell.start <= day and (spell.end is None or spell.end > day)
    ]


# --- suppression ----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A published figure: ``value`` is None when hidden (the true value is not
    kept, so no page, export or API answer can show it by mistake)."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return HIDDEN_SYMBOL if self.value is None else str(self.value)


@dataclass(frozen=True)
class ProtectedTable:
    """Rows of cells with their row totals and column totals, after ``protect``."""

    rows: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]


def _is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _line_unsafe(values: Sequence[int], hidden: Sequence[bool]) -> bool:
    """Whether a reader who knows the line's total can pin a hidden cell down."""
    hidden_values = [v for v, h in zip(values, hidden, strict=True) if h]
    if not hidden_values:
        return False
    return len(hidden_values) == 1 or sum(hidden_values) <= len(hidden_values)


def _smallest_published(values: Sequence[int], hidden: Sequence[bool]) -> int | None:
    candidates = [
        (v, i) for i, (v, h) in enumerate(zip(values, hidden, strict=True)) if v and not h
    ]
    return min(candidates)[1] if candidates else None


def protect(counts: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> ProtectedTable:
    """Hide the cells that could reveal a person (the module's docstring gives the
    rule and its source). ``counts`` is a rectangle of non-negative integers."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    table = [list(row) for row in counts]
    width = len(table[0]) if table else 0
    if any(len(row) != width for row in table) or any(v < 0 for row in table for v in row):
        raise ValueError("counts must be a rectangle of non-negative integers")
    hidden = [[_is_small(v, threshold) for v in row] for row in table]
    row_sums = [sum(row) for row in table]
    column_sums = [sum(row[j] for row in table) for j in range(width)]
    row_total_hidden = [_is_small(total, threshold) for total in row_sums]
    column_known = [not _is_small(total, threshold) for total in column_sums]
    changed = True
    while changed:
        changed = False
        for i, row in enumerate(table):
            if row_total_hidden[i] or not _line_unsafe(row, hidden[i]):
                continue
            pick = _smallest_published(row, hidden[i])
            if pick is None:
                row_total_hidden[i] = True
            else:
                hidden[i][pick] = True
            changed = True
        for j in range(width):
            column = [row[j] for row in table]
            column_hidden = [flags[j] for flags in hidden]
            if not column_known[j] or not _line_unsafe(column, column_hidden):
                continue
            pick = _smallest_published(column, column_hidden)
            if pick is not None:
                hidden[pick][j] = True
                changed = True
    return ProtectedTable(
        rows=[
            [Cell(None if h else v) for v, h in zip(row, flags, strict=True)]
            for row, flags in zip(table, hidden, strict=True)
        ],
        row_totals=[
            Cell(None if h else total) for total, h in zip(row_sums, row_total_hidden, strict=True)
        ],
        column_totals=[
            Cell(total if known else None)
            for total, known in zip(column_sums, column_known, strict=True)
        ],
    )


def publish(counts: Sequence[Sequence[int]]) -> ProtectedTable:
    """A table of counts that are not of persons (dwellings), published as they are."""
    table = [list(row) for row in counts]
    width = len(table[0]) if table else 0
    return ProtectedTable(
        rows=[[Cell(v) for v in row] for row in table],
        row_totals=[Cell(sum(row)) for row in table],
        column_totals=[Cell(sum(row[j] for row in table)) for j in range(width)],
    )


def protect_line(
    counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD
) -> tuple[list[Cell], Cell]:
    """One line of counts and its total (a table of one row)."""
    table = protect([list(counts)], threshold)
    return table.rows[0], table.row_totals[0]


def protect_count(count: int, threshold: int = DEFAULT_THRESHOLD) -> Cell:
    """A single published count."""
    return Cell(None if _is_small(count, threshold) else count)


def protected_median(values: Sequence[float], threshold: int = DEFAULT_THRESHOLD) -> float | None:
    """The median of ``values``, hidden (None) when fewer than ``threshold`` values
    make it up: with few households the median is one household's own figure."""
    if len(values) < max(threshold, 1):
        return None
    return median(values)


def share(part: Cell, whole: Cell) -> float | None:
    """``part`` as a percentage of ``whole``, one decimal; None when either is hidden
    or the whole is zero."""
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return round(100 * part.value / whole.value, 1)
