"""The housing career (boligkarriere): conditions of a decision, transition
dwellings, the assessment of tenancy capacity at the end of the period and the
sensible next step, the review at lease end, and the chain of a person's tenures.

Sources:
- DOMAIN.md, glossary: "boligkarriere / boligkjeden — moving on: transition →
  municipal → private rent → ownership"; "gjennomgangsbolig — time-limited
  dwelling with follow-up to assess the ability to live alone"; "vilkår /
  samarbeidsavtale — conditional allocation: agreed goals to move on in the
  housing chain"; "boevne — ability to run a home: rent, neighbours, cleaning,
  economy".
- DOMAIN.md, "From application to keys" 6: renewal or move on at lease end.
- Seed 000 (Trondheim): the tenancy-capacity areas (bokompetanse, økonomi,
  sosiale relasjoner/nettverk, dagaktivitet) and the way on in the housing career
  to a private dwelling ("videre boligkarriere, privat bolig").
- Seed 002 (Rambøll, "fra leie til eie"; Drammen, Malvik): tenants of municipal
  dwellings move on to own their home with a start loan; the loan needs
  debt-service capacity, so purchase asks the most of the household's economy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum

from .housing import Period, first_overlap

ASSESSMENT_LEAD_DAYS = 60
LEASE_END_REVIEW_LEAD_DAYS = 90
CONDITION_REVIEW_LEAD_DAYS = 7


class TenureKind(StrEnum):
    """Where a person lives, as a step of the housing career."""

    INSTITUTION = "institution"
    TEMPORARY_SHELTER = "temporary_shelter"
    WITH_FAMILY = "with_family"
    TRANSITION = "transition"
    MUNICIPAL = "municipal"
    PRIVATE_RENT = "private_rent"
    OWNERSHIP = "ownership"


# The housing chain of DOMAIN.md, lowest first. Institution, temporary shelter and
# living with family are where people come from: none is a home of one's own.
LADDER: dict[TenureKind, int] = {
    TenureKind.INSTITUTION: 0,
    TenureKind.TEMPORARY_SHELTER: 0,
    TenureKind.WITH_FAMILY: 0,
    TenureKind.TRANSITION: 1,
    TenureKind.MUNICIPAL: 2,
    TenureKind.PRIVATE_RENT: 3,
    TenureKind.OWNERSHIP: 4,
}


class Direction(StrEnum):
    UP = "up"
    SAME = "same"
    DOWN = "down"


def step_direction(before: str, after: str) -> Direction:
    """Whether moving from ``before`` to ``after`` is a step up the housing chain
    (DOMAIN.md: transition → municipal → private rent → ownership), down it (back
    to a shelter, say), or on the same rung."""
    difference = LADDER[TenureKind(after)] - LADDER[TenureKind(before)]
    if difference > 0:
        return Direction.UP
    if difference < 0:
        return Direction.DOWN
    return Direction.SAME


class Score(IntEnum):
    """Tenancy capacity in one area, the mapping interview's scale (1–4)."""

    NONE = 1
    SOME = 2
    MOSTLY = 3
    FULL = 4


@dataclass(frozen=True)
class Capacity:
    """The five areas of tenancy capacity (boevne; seed 000), each scored 1–4."""

    economy: int
    neighbours: int
    cleaning: int
    daily_activity: int
    network: int

    def __post_init__(self) -> None:
        for name, value in self.scores().items():
            if not Score.NONE <= value <= Score.FULL:
                raise ValueError(f"{name} must be 1–4, not {value}")

    def scores(self) -> dict[str, int]:
        return {
            "economy": self.economy,
            "neighbours": self.neighbours,
            "cleaning": self.cleaning,
            "daily_activity": self.daily_activity,
            "network": self.network,
        }

    @property
    def lowest(self) -> int:
        return min(self.scores().values())


class NextStep(StrEnum):
    """What follows a transition period."""

    PERMANENT = "permanent"
    PRIVATE_RENT = "private_rent"
    PURCHASE = "purchase"
    PROLONGED = "prolonged"


# From the most independent step to the least; the first sensible one is advised.
STEP_ORDER = (NextStep.PURCHASE, NextStep.PRIVATE_RENT, NextStep.PERMANENT, NextStep.PROLONGED)


def sensible_next_steps(capacity: Capacity) -> frozenset[NextStep]:
    """The next steps the scores support at the end of a transition period.

    - Prolonged is always sensible: the period exists to find out (DOMAIN.md,
      gjennomgangsbolig), and more time is the safe answer when in doubt.
    - A permanent municipal dwelling, when no area needs a lot of help (no 1): the
      household can live alone with the follow-up a municipal tenancy gives
      ("det lille ekstra", seed 000).
    - Private rent, when rent and neighbours are managed mostly alone (3 or more)
      and nothing needs a lot of help: a private landlord gives no follow-up and
      ends a tenancy over arrears or complaints (seed 000: "privat bolig").
    - Purchase with a start loan, when the economy is managed alone (4) and every
      other area mostly alone (3 or more): the loan needs debt-service capacity
      (seed 002, "fra leie til eie"; the loan officer still tests it).

    The sets are nested: purchase ⇒ private rent ⇒ permanent ⇒ prolonged."""
    steps = {NextStep.PROLONGED}
    if capacity.lowest >= Score.SOME:
        steps.add(NextStep.PERMANENT)
        if capacity.economy >= Score.MOSTLY and capacity.neighbours >= Score.MOSTLY:
            steps.add(NextStep.PRIVATE_RENT)
            if capacity.economy == Score.FULL and capacity.lowest >= Score.MOSTLY:
                steps.add(NextStep.PURCHASE)
    return frozenset(steps)


def advised_next_step(capacity: Capacity) -> NextStep:
    """The most independent of the sensible next steps (``sensible_next_steps``)."""
    sensible = sensible_next_steps(capacity)
    return next(step for step in STEP_ORDER if step in sensible)


def assessment_due_on(
    period_end: datetime.date, lead_days: int = ASSESSMENT_LEAD_DAYS
) -> datetime.date:
    """The day the assessment of tenancy capacity is due: ``lead_days`` (60) before
    the transition period ends, so that the next step can be prepared in time
    (DOMAIN.md, gjennomgangsbolig; an offer and a move take weeks)."""
    return period_end - datetime.timedelta(days=lead_days)


def assessment_is_due(
    period_end: datetime.date,
    today: datetime.date,
    assessed: bool,
    lead_days: int = ASSESSMENT_LEAD_DAYS,
) -> bool:
    """True from the due day (``assessment_due_on``) until the assessment is made;
    it stays due after the period has ended, since nobody has decided what next."""
    return not assessed and today >= assessment_due_on(period_end, lead_days)


def lease_end_review_due_on(
    lease_end: datetime.date, lead_days: int = LEASE_END_REVIEW_LEAD_DAYS
) -> datetime.date:
    """The day the review at lease end (renew or move on; DOMAIN.md step 6) is due:
    three months before the end, the horizon of the housing module's last
    lease-expiry reminder (Kobo users' wish; ``domain.housing.REMINDER_MONTHS``)."""
    return lease_end - datetime.timedelta(days=lead_days)


def lease_end_review_is_due(
    lease_end: datetime.date,
    today: datetime.date,
    reviewed: bool,
    lead_days: int = LEASE_END_REVIEW_LEAD_DAYS,
) -> bool:
    """True from the due day until the review is made, while the lease still runs."""
    return not reviewed and lease_end_review_due_on(lease_end, lead_days) <= today <= lease_end


def condition_review_is_due(
    next_review_on: datetime.date, today: datetime.date, lead_days: int = CONDITION_REVIEW_LEAD_DAYS
) -> bool:
    """True from a week before a condition's review date: the coordinator prepares
    the review with the household (DOMAIN.md, vilkår / samarbeidsavtale)."""
    return today >= next_review_on - datetime.timedelta(days=lead_days)


@dataclass(frozen=True)
class DecisionAtDate:
    """A granted decision of the household's cases: its date and whether it grants
    a transition dwelling."""

    decided_on: datetime.date
    is_transition: bool


def lease_is_transition(
    *,
    lease_start: datetime.date,
    is_renewal: bool,
    decisions: Iterable[DecisionAtDate],
    other_lease_starts: Iterable[datetime.date],
) -> bool:
    """Whether a lease not marked by hand is the transition dwelling a decision
    granted: the latest granted decision on or before its start grants a
    transition dwelling, it is not a renewal (a prolonged period is marked when
    it is made), and no other lease of the household began between that decision
    and this lease (that one was the transition dwelling)."""
    if is_renewal:
        return False
    before = [d for d in decisions if d.decided_on <= lease_start]
    if not before:
        return False
    latest = max(before, key=lambda d: d.decided_on)
    if not latest.is_transition:
        return False
    return not any(latest.decided_on <= start < lease_start for start in other_lease_starts)


@dataclass(frozen=True)
class Stay:
    """One tenure of a person's housing career, both days included; ``end`` None
    while it lasts. ``place`` names the dwelling or address; ``key`` lets the
    caller find its own row again."""

    kind: TenureKind
    start: datetime.date
    end: datetime.date | None
    place: str = ""
    key: str = ""
    renewals: int = 0


def merge_renewals(stays: Iterable[Stay]) -> list[Stay]:
    """Join stays of the same kind in the same place that follow each other day by
    day (a lease and its renewals) into one, counting the renewals; oldest first."""
    merged: list[Stay] = []
    for stay in sorted(stays, key=lambda s: (s.start, s.key)):
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.end is not None
            and previous.kind == stay.kind
            and previous.place == stay.place
            and stay.start == previous.end + datetime.timedelta(days=1)
        ):
            merged[-1] = replace(previous, end=stay.end, renewals=previous.renewals + 1)
        else:
            merged.append(stay)
    return merged


@dataclass(frozen=True)
class CareerStep:
    stay: Stay
    direction: Direction | None  # None for the first stay: nothing to compare with


def career_timeline(stays: Iterable[Stay]) -> list[CareerStep]:
    """The housing career newest first, each stay with the direction of the move
    that led to it (``step_direction``), renewals merged (``merge_renewals``)."""
    chain = merge_renewals(stays)
    steps = [
        CareerStep(stay, step_direction(chain[i - 1].kind, stay.kind) if i else None)
        for i, stay in enumerate(chain)
    ]
    return steps[::-1]


class TenureError(StrEnum):
    END_BEFORE_START = "end_before_start"
    OVERLAP = "overlap"


def tenure_error(
    start: datetime.date, end: datetime.date | None, existing: Sequence[Period]
) -> tuple[TenureError, Period | None] | None:
    """What is wrong with a tenure from ``start`` to ``end`` next to the person's
    ``existing`` tenures: an end before the start, or a day shared with another
    (a person lives in one place at a time; moving day belongs to the new one).
    None when nothing is."""
    if end is not None and end < start:
        return TenureError.END_BEFORE_START, None
    clash = first_overlap(Period(start, end), existing)
    if clash is not None:
        return TenureError.OVERLAP, clash
    return None
