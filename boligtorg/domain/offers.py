"""Answering an offer of a dwelling: which dates an answer and the lease it makes
may carry.

Source: the offer itself. The municipality's allocation rules (the rule set's answer
days) give each offer its answer deadline, and the offer letter tells the household
to answer by that day. Forvaltningsloven is not the source: an offer of a dwelling is
not an individual decision with an appeal deadline.

- An answer is given on a day that has happened, and not before the offer was made:
  offered on ≤ answered on ≤ today.
- An answer after the deadline may still be registered (the daily job had not yet
  expired the offer, or the household was reached late), but only with the reason it
  is taken late, so the exception is on the record.
- A lease made by accepting cannot start before the answer that made it.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

ANSWERED_ON = "answered_on"
LATE_ANSWER_REASON = "late_answer_reason"
LEASE_START = "lease_start"


class AnswerProblem(StrEnum):
    """Why the dates of an answer cannot stand."""

    BEFORE_OFFER = "before_offer"
    AFTER_TODAY = "after_today"
    LATE_WITHOUT_REASON = "late_without_reason"
    LEASE_BEFORE_ANSWER = "lease_before_answer"


def is_answer_late(deadline: datetime.date, answered_on: datetime.date) -> bool:
    """True when the answer came after the offer's answer deadline (the deadline
    day itself is in time)."""
    return answered_on > deadline


def answer_problems(
    *,
    offered_on: datetime.date,
    deadline: datetime.date,
    answered_on: datetime.date,
    today: datetime.date,
    late_answer_reason: str = "",
    lease_start: datetime.date | None = None,
) -> dict[str, AnswerProblem]:
    """Every problem with the dates of an answer at once, keyed by the field it
    belongs to (``answered_on``, ``late_answer_reason``, ``lease_start``); empty when
    the answer may be registered. ``lease_start`` is None for a decline.

    A late answer's missing reason is reported only when the answer date itself is
    possible: a date in the future is wrong, not late."""
    problems: dict[str, AnswerProblem] = {}
    if answered_on < offered_on:
        problems[ANSWERED_ON] = AnswerProblem.BEFORE_OFFER
    elif answered_on > today:
        problems[ANSWERED_ON] = AnswerProblem.AFTER_TODAY
    elif is_answer_late(deadline, answered_on) and not late_answer_reason.strip():
        problems[LATE_ANSWER_REASON] = AnswerProblem.LATE_WITHOUT_REASON
    if lease_start is not None and lease_start < answered_on:
        problems[LEASE_START] = AnswerProblem.LEASE_BEFORE_ANSWER
    return problems


def first_late_day(deadline: datetime.date) -> datetime.date:
    """The first day an answer is late: the day after the deadline. From that day
    the daily job may expire the open offer, and the dwelling goes to the next
    meeting (the offer letter tells the household so)."""
    return deadline + datetime.timedelta(days=1)
