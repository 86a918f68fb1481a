"""The rules of settling refugees (issue 25; DOMAIN.md "Settling refugees"), one module
per seam:

- ``responsibility``: the Danish municipality's responsibility date after a placement
  decision (integrationsloven § 4, stk. 2).
- ``areas``: no temporary residence or dwelling in a vulnerable area on the list in
  force (integrationsloven § 12, stk. 2; almenboligloven § 61 a).
- ``forecast``: the year's arrivals against the dwellings ready, month by month, by a
  maximum matching (seed 000).

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
from .responsibility import ResponsibilityStart, responsibility, responsibility_date

__all__ = [
    "BARRED_KINDS",
    "MAX_EXTRA_BEDROOMS",
    "AreaCheck",
    "Arrival",
    "DwellingKind",
    "Forecast",
    "MonthForecast",
    "ResponsibilityStart",
    "Supply",
    "area_check",
    "first_come_first_served",
    "fits",
    "forecast",
    "list_year_in_force",
    "match",
    "placement_refusal",
    "responsibility",
    "responsibility_date",
]
