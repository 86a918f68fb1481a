"""Unaccompanied minors: the 18th birthday, the end of aftercare, and who needs an adult
dwelling soon (seed 000, "transition from child to adult"; issue 25).

Age. An age of N years is reached on the N-th birthday, when N whole years have passed
since birth. A person born on 29 February has in a non-leap year not completed the year
on 28 February, so the birthday there is 1 March. No Norwegian or Danish statute on the
computation of a legal age was found in the sources searched for this module (the
question is open for the lead to confirm); the same reading is the settled one in German
law (BGB § 187, stk. 2, § 188, stk. 3: majority at the end of 28 February, i.e. from
1 March).

Aftercare (dated data, ``DEFAULT_AFTERCARE``): a young person placed by the child
welfare service may keep support with consent after 18,
- Norway to 25: barnevernsloven 2021 § 8-1 (the section as the issue cites it; the text
  was not found in the sources searched), continuing the old barnevernloven § 1-3 second
  sentence, quoted by KS (ks.no, "Barnevernloven"): measures may be kept "inntil barnet
  har fylt 25 år";
- Denmark to 23: barnets lov kap. 13 "Ungestøtte og overgang til voksenlivet"
  (ungestøtte, formerly efterværn under serviceloven § 76), for the ages 18 to 22
  inclusive (VIVE, vive.dk "Ungestøtte"); §§ 114–116 as a provider's page names them,
  not confirmed against the law text.
Aftercare ends on the birthday of that age: the first day without it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from boligtorg.domain.deadlines import add_months

from .errors import Code, SettlementRuleError

ADULT_AGE = 18


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a person born on ``born`` turns ``years`` old; a 29 February birth
    turns on 1 March in a year without 29 February (module docstring)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February in a year that has none
        return datetime.date(born.year + years, 3, 1)


def eighteenth_birthday(born: datetime.date) -> datetime.date:
    """The day the minor becomes an adult (vergemålsloven § 2 (NO) and
    myndighedsloven § 1 (DK): majority at 18); see ``birthday`` for 29 February."""
    return birthday(born, ADULT_AGE)


@dataclass(frozen=True)
class AftercareRule:
    """Aftercare under the child welfare law runs until the ``age``-th birthday."""

    country: str
    age: int
    source: str


DEFAULT_AFTERCARE: Mapping[str, AftercareRule] = {
    "NO": AftercareRule(
        "NO",
        25,
        "Barnevernsloven 2021 § 8-1 (not confirmed in the sources searched); old "
        "barnevernloven § 1-3: measures kept with consent 'inntil barnet har fylt 25 år' "
        "(ks.no).",
    ),
    "DK": AftercareRule(
        "DK",
        23,
        "Barnets lov kap. 13, ungestøtte (formerly efterværn, serviceloven § 76) for ages "
        "18-22 (vive.dk 'Ungestøtte'); §§ 114-116 not confirmed against the law text.",
    ),
}


def aftercare_ends(
    born: datetime.date,
    *,
    country: str,
    rules: Mapping[str, AftercareRule] = DEFAULT_AFTERCARE,
) -> datetime.date:
    """The first day without aftercare: the birthday at the country's aftercare age
    (Norway 25, barnevernsloven § 8-1; Denmark 23, barnets lov ungestøtte; sources in
    ``DEFAULT_AFTERCARE``). Raises ``SettlementRuleError(NO_AFTERCARE_RULE)`` for a
    country without a rule."""
    rule = rules.get(country)
    if rule is None:
        raise SettlementRuleError(Code.NO_AFTERCARE_RULE)
    return birthday(born, rule.age)


def needs_adult_dwelling_within(
    born: datetime.date,
    today: datetime.date,
    months: int = 12,
    *,
    has_adult_dwelling: bool = False,
) -> bool:
    """Whether the young person belongs on the list of those who need an adult dwelling
    (seed 000, "transition from child to adult"): without an adult dwelling
    (``has_adult_dwelling``, which the caller knows) and turning 18 on or before the same
    day ``months`` months from ``today`` (``deadlines.add_months``), or already 18."""
    if has_adult_dwelling:
        return False
    return eighteenth_birthday(born) <= add_months(today, months)


@dataclass(frozen=True)
class Transition:
    """A minor's dates for the list of who needs an adult dwelling."""

    eighteenth_birthday: datetime.date
    aftercare_ends: datetime.date
    adult: bool
    needs_adult_dwelling: bool


def transition(
    born: datetime.date,
    today: datetime.date,
    *,
    country: str,
    has_adult_dwelling: bool = False,
    months: int = 12,
    rules: Mapping[str, AftercareRule] = DEFAULT_AFTERCARE,
) -> Transition:
    """The 18th birthday, the end of aftercare and whether an adult dwelling is needed
    within ``months`` (``needs_adult_dwelling_within``), in one answer for the list."""
    eighteen = eighteenth_birthday(born)
    return Transition(
        eighteenth_birthday=eighteen,
        aftercare_ends=aftercare_ends(born, country=country, rules=rules),
        adult=eighteen <= today,
        needs_adult_dwelling=needs_adult_dwelling_within(
            born, today, months, has_adult_dwelling=has_adult_dwelling
        ),
    )
