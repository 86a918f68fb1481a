"""The day an unanswered offer lapses, as the offer letter states it."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.offers import first_late_day, is_answer_late


def test_an_offer_due_on_the_last_day_of_february_lapses_on_the_first_of_march():
    assert first_late_day(datetime.date(2028, 2, 29)) == datetime.date(2028, 3, 1)


@given(st.dates(max_value=datetime.date(9999, 12, 30)))
def test_the_first_late_day_is_the_first_day_an_answer_counts_as_late(deadline):
    lapse = first_late_day(deadline)
    assert is_answer_late(deadline, lapse)
    assert not is_answer_late(deadline, lapse - datetime.timedelta(days=1))
