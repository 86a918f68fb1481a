"""When a Danish municipality takes over a refugee it has been assigned (visitering).

Source: integrationsloven § 4, stk. 2 (LBK nr. 1146 af 22. juni 2020, the text read at
elov.dk/integrationsloven/paragraf/4): "Ansvaret ... påhviler kommunalbestyrelsen fra
udgangen af den første hele måned fra tidspunktet for afgørelsen om visitering, jf.
§ 10, stk. 1. Falder den 1. i en måned i en weekend eller på en helligdag, overgår
ansvaret ... den førstkommende hverdag. Kommunalbestyrelsen kan med den pågældendes
samtykke overtage ansvaret ... før udgangen af den første hele måned ...". The worked
example (a decision on 15 May gives 1 July) is the one dengodemodtagelse.dk gives for
§ 4, stk. 2; bekendtgørelse om boligplacering af flygtninge nr. 550 af 3. maj 2022 ch. 6
governs the visitering itself.

Our reading of "the first whole month from the decision": the month of the decision is
never whole after it, whatever its day, because the decision day itself has already
begun when the decision is made. So the first whole month is always the next calendar
month, and responsibility starts on the 1st of the month after that:

- 1 May → 1 July (May is not whole "from" a decision made during 1 May),
- 15 May → 1 July, 31 May → 1 July, 30 April → 1 June,
- 15 November → 1 January, moved to the next working day because 1 January is a
  public holiday (2 January, or later when that is a weekend).

A 1st that is a Saturday, Sunday or Danish public holiday (the ``holidays`` package,
through ``boligtorg.domain.deadlines``) moves to the next working day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from boligtorg.domain.deadlines import add_months, next_working_day

from .errors import Code, SettlementRuleError

COUNTRY = "DK"


@dataclass(frozen=True)
class ResponsibilityStart:
    """The day a municipality is responsible from, with why it is that day.

    ``statutory_first`` is the 1st of the second month after the decision;
    ``statutory`` is that day or the next working day; ``day`` is the answer, earlier
    than ``statutory`` only when ``by_consent``."""

    decided_on: datetime.date
    statutory_first: datetime.date
    statutory: datetime.date
    day: datetime.date
    by_consent: bool

    @property
    def moved_for_day_off(self) -> bool:
        """Whether the 1st was a weekend day or holiday and the start moved."""
        return self.statutory != self.statutory_first


def responsibility(
    decided_on: datetime.date, *, consented_from: datetime.date | None = None
) -> ResponsibilityStart:
    """The start of the municipality's responsibility for a refugee placed on
    ``decided_on`` (integrationsloven § 4, stk. 2; see the module docstring for the
    reading of "first whole month").

    With the refugee's consent the municipality may take over earlier:
    ``consented_from`` wins when it is before the statutory day (a later consented day
    changes nothing, the law only allows earlier). It is taken as agreed, not moved to
    a working day. Raises ``SettlementRuleError(CONSENT_BEFORE_DECISION)`` when
    ``consented_from`` is before the decision: there is nothing to take over before
    the person is placed."""
    if consented_from is not None and consented_from < decided_on:
        raise SettlementRuleError(Code.CONSENT_BEFORE_DECISION)
    statutory_first = add_months(decided_on.replace(day=1), 2)
    statutory = next_working_day(statutory_first, COUNTRY)
    if consented_from is not None and consented_from < statutory:
        return ResponsibilityStart(decided_on, statutory_first, statutory, consented_from, True)
    return ResponsibilityStart(decided_on, statutory_first, statutory, statutory, False)


def responsibility_date(
    decided_on: datetime.date, *, consented_from: datetime.date | None = None
) -> datetime.date:
    """The day the municipality is responsible from (integrationsloven § 4, stk. 2):
    the 1st of the month after the first whole month after the decision, moved to the
    next Danish working day, or the consented earlier day. ``responsibility`` gives the
    same day with the reasons."""
    return responsibility(decided_on, consented_from=consented_from).day
