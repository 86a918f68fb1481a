"""Payment problems on a running start loan: the 2.5-year limit on interest added
to the loan, and the servicer's 14 days to report a missed instalment."""

import datetime

from boligtorg.domain.financing.servicing import (
    CAPITALISED_TOO_LONG,
    PERIOD_BACKWARDS,
    capitalisation_error,
    capitalised_months_left,
    months_in_period,
    reported_late,
)

JAN_1 = datetime.date(2027, 1, 1)


def test_a_period_counts_whole_months_and_a_part_of_a_month_as_a_month():
    assert months_in_period(JAN_1, datetime.date(2027, 3, 31)) == 3
    assert months_in_period(datetime.date(2027, 1, 15), datetime.date(2027, 2, 14)) == 1
    assert months_in_period(datetime.date(2027, 1, 15), datetime.date(2027, 2, 20)) == 2
    assert months_in_period(JAN_1, datetime.date(2029, 6, 30)) == 30


def test_interest_may_be_added_for_thirty_months_in_all_and_no_more():
    two_years = (JAN_1, datetime.date(2028, 12, 31))

    assert capitalised_months_left([two_years]) == 6
    assert (
        capitalisation_error([two_years], datetime.date(2029, 1, 1), datetime.date(2029, 6, 30))
        is None
    )
    assert capitalisation_error(
        [two_years], datetime.date(2029, 1, 1), datetime.date(2029, 7, 31)
    ) == (CAPITALISED_TOO_LONG, {"left": 6})
    assert capitalised_months_left([two_years, (JAN_1, datetime.date(2029, 12, 31))]) == 0


def test_a_period_that_does_not_run_forwards_is_refused():
    assert capitalisation_error([], JAN_1, JAN_1) == (PERIOD_BACKWARDS, {})


def test_a_report_after_fourteen_days_is_late():
    assert not reported_late(JAN_1, datetime.date(2027, 1, 15))
    assert reported_late(JAN_1, datetime.date(2027, 1, 16))
