"""What the financing rules share: amounts in kroner to the øre, the message
marker, an answer with its reason, and the errors every module raises.

Amounts are ``Decimal`` kroner. Messages are English module constants, marked with
``gettext_noop`` so that makemessages finds them; the app translates them where it
shows them, and the tests assert them verbatim. Each module calls ``gettext_noop``
by that bare name (``from .common import gettext_noop``), which is what
makemessages looks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ORE = Decimal("0.01")


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (the name
    makemessages looks for; domain/ imports no Django). The app passes the
    constant through ``gettext`` where it shows it."""
    return message


def ore(amount: Decimal) -> Decimal:
    """Round to the øre, half away from zero: the rounding wherever the financing
    rules multiply or divide an amount."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


UNANSWERED = gettext_noop("Not answered yet.")
REASON_MISSING = gettext_noop("Give the reason for this answer.")
NEGATIVE_AMOUNT = gettext_noop("An amount cannot be negative.")
NEGATIVE_YEARS = gettext_noop("The number of years cannot be negative.")
NO_PERSONS = gettext_noop("A household has at least one person.")


@dataclass(frozen=True)
class Answer:
    """One answer of a checklist the officer fills in: ``value`` is None until it
    is answered; every answer carries its reason, because a decision (and a
    refusal above all) states the facts it rests on (forvaltningsloven § 25)."""

    value: bool | None = None
    reason: str = ""

    @property
    def is_yes(self) -> bool:
        return self.value is True

    @property
    def is_no(self) -> bool:
        return self.value is False


def answer_gap(answer: Answer) -> str | None:
    """What an answer lacks before a result can rest on it (``UNANSWERED`` or
    ``REASON_MISSING``), or None when it is answered with a reason."""
    if answer.value is None:
        return UNANSWERED
    if not answer.reason.strip():
        return REASON_MISSING
    return None


class TableGap(ValueError):
    """The dated table passed in does not cover the case; the message is a module
    constant naming what is missing."""
