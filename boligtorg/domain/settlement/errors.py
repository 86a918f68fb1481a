"""The errors the settlement rules raise, as codes: domain/ holds no user text, so the
settlement app maps each ``Code`` to a translated message and to the field it names."""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    CONSENT_BEFORE_DECISION = "consent_before_decision"  # responsibility: consented_from
    NO_AFTERCARE_RULE = "no_aftercare_rule"  # minors: country has no aftercare rule
    NO_GOAL_IN_FORCE = "no_goal_in_force"  # figures: no settlement goal on that day
    NO_END_DAY = "no_end_day"  # figures.days_waited: neither to_day nor today
    END_BEFORE_START = "end_before_start"  # figures.days_waited: to_day before from_day


class SettlementRuleError(ValueError):
    """A rule cannot answer for the data given; ``code`` says why."""

    def __init__(self, code: Code) -> None:
        super().__init__(code.value)
        self.code = code
