"""The life cycle of a financing case (start loan, establishment grant, or advice),
as a table of allowed transitions (STYLE.md, after django-oscar).

Source: forskrift om lån fra Husbanken (FOR-2019-12-20-2042) ch. 5 and § 9-1 and
Husbanken's guidance for start loans: an application is assessed, the officer
recommends (innstilling), another person with delegated authority decides, a grant
is paid out (also in parts) and handed to the loan servicer, then the case closes.
A recommendation may be sent back for more assessment; an application may be
withdrawn until it is decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .lifecycle import ForbiddenTransition


class FinancingStatus(StrEnum):
    RECEIVED = "received"
    ASSESSING = "assessing"
    RECOMMENDED = "recommended"
    DECIDED = "decided"
    PAID_OUT = "paid_out"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


S = FinancingStatus

FINANCING_TRANSITIONS: Mapping[FinancingStatus, frozenset[FinancingStatus]] = {
    S.RECEIVED: frozenset({S.ASSESSING, S.WITHDRAWN}),
    S.ASSESSING: frozenset({S.RECOMMENDED, S.WITHDRAWN}),
    # Sent back by the decision-maker for more assessment.
    S.RECOMMENDED: frozenset({S.DECIDED, S.ASSESSING, S.WITHDRAWN}),
    # A refusal or advice closes; a grant is paid out first.
    S.DECIDED: frozenset({S.PAID_OUT, S.CLOSED}),
    S.PAID_OUT: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

OPEN_STATUSES = frozenset({S.RECEIVED, S.ASSESSING, S.RECOMMENDED, S.DECIDED, S.PAID_OUT})


def check_financing_transition(current: str, target: str) -> FinancingStatus:
    """Return ``target`` as a status when the table allows current → target; raise
    ``ForbiddenTransition`` otherwise."""
    source, destination = FinancingStatus(current), FinancingStatus(target)
    if destination not in FINANCING_TRANSITIONS[source]:
        raise ForbiddenTransition(source, destination)
    return destination
