"""The rules of settling refugees (issue 25; DOMAIN.md "Settling refugees"), one module
per seam:

- ``responsibility``: the Danish municipality's responsibility date after a placement
  decision (integrationsloven § 4, stk. 2).
- ``areas``: no temporary residence or dwelling in a vulnerable area on the list in
  force (integrationsloven § 12, stk. 2; almenboligloven § 61 a).
- ``forecast``: the year's arrivals against the dwellings ready, month by month, by a
  maximum matching (seed 000).
- ``minors``: the 18th birthday, the end of aftercare, who needs an adult dwelling
  soon (seed 000, "transition from child to adult").
- ``figures``: settled against the target, time from permit to settlement against
  IMDi's dated goals, declines by reason, days in a temporary residence (DK).

Pure Python: the settlement app passes plain data in and translates the codes out.
"""

from __future__ import annotations

from .areas import (
    BARRED_KINDS,
    AreaCheck,
    area_check,
    list_year_in_force,
    placement_refusal,
)
from .errors import Code, SettlementRuleError
from .figures import (
    DEFAULT_GOALS,
    SettlementGoal,
    SettlementRecord,
    Target,
    YearSummary,
    days_waited,
    goal_days,
    goal_deadline,
    goal_for,
    settled_within_goal,
    year_summary,
)
from .forecast import (
    MAX_EXTRA_BEDROOMS,
    Arrival,
    DwellingKind,
    Forecast,
    MonthForecast,
    Supply,
    first_come_first_served,
    fits,
    forecast,
    match,
)
from .minors import (
    DEFAULT_AFTERCARE,
    AftercareRule,
    Transition,
    aftercare_ends,
    birthday,
    eighteenth_birthday,
    needs_adult_dwelling_within,
    transition,
)
from .responsibility import ResponsibilityStart, responsibility, responsibility_date

__all__ = [
    "BARRED_KINDS",
    "DEFAULT_AFTERCARE",
    "DEFAULT_GOALS",
    "MAX_EXTRA_BEDROOMS",
    "AftercareRule",
    "AreaCheck",
    "Code",
    "Arrival",
    "DwellingKind",
    "Forecast",
    "MonthForecast",
    "ResponsibilityStart",
    "SettlementGoal",
    "SettlementRecord",
    "SettlementRuleError",
    "Supply",
    "Target",
    "Transition",
    "YearSummary",
    "aftercare_ends",
    "area_check",
    "birthday",
    "days_waited",
    "eighteenth_birthday",
    "first_come_first_served",
    "fits",
    "forecast",
    "goal_days",
    "goal_deadline",
    "goal_for",
    "list_year_in_force",
    "match",
    "needs_adult_dwelling_within",
    "placement_refusal",
    "responsibility",
    "responsibility_date",
    "settled_within_goal",
    "transition",
    "year_summary",
]
