"""When a lease of n months ends (issue 23, item 7): the day before the same date n
months later, or the last day of that month where the date does not exist."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.deadlines import add_months
from boligtorg.domain.housing import lease_end

D = datetime.date
DAY = datetime.timedelta(days=1)
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
lengths = st.integers(1, 120)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2027, 3, 15), 1, D(2027, 4, 14)),
        (D(2027, 1, 1), 12, D(2027, 12, 31)),
        (D(2027, 1, 1), 1, D(2027, 1, 31)),
        (D(2025, 3, 1), 36, D(2028, 2, 29)),
        (D(2027, 1, 28), 1, D(2027, 2, 27)),
        (D(2027, 1, 29), 1, D(2027, 2, 28)),
        (D(2027, 1, 30), 1, D(2027, 2, 28)),
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 29), 1, D(2028, 2, 28)),
        (D(2028, 1, 30), 1, D(2028, 2, 29)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2027, 1, 31), 2, D(2027, 3, 30)),
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 5, 31), 1, D(2027, 6, 30)),
        (D(2027, 8, 31), 1, D(2027, 9, 30)),
        (D(2027, 12, 31), 2, D(2028, 2, 29)),
        (D(2027, 2, 28), 1, D(2027, 3, 27)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2028, 2, 29), 36, D(2031, 2, 28)),
        (D(2028, 2, 29), 48, D(2032, 2, 28)),
        (D(2027, 12, 1), 36, D(2030, 11, 30)),
    ],
)
def test_a_lease_ends_the_day_before_the_same_date_or_on_the_short_months_last_day(
    start, months, end
):
    assert lease_end(start, months) == end


def test_a_lease_of_no_months_is_refused():
    with pytest.raises(ValueError, match="at least one month"):
        lease_end(D(2027, 1, 1), 0)


@given(dates, lengths)
def test_a_lease_never_ends_before_it_starts(start, months):
    assert lease_end(start, months) >= start


@given(dates, lengths)
def test_the_next_lease_of_the_same_length_ends_later(start, months):
    end = lease_end(start, months)
    assert lease_end(end + DAY, months) > end


@given(dates.filter(lambda day: day.day <= 28), lengths)
def test_from_a_day_every_month_has_the_end_is_the_day_before_that_day_later(start, months):
    assert lease_end(start, months) == add_months(start, months) - DAY
