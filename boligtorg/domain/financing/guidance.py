"""What the municipality's start-loan guideline says where it touches one case:
guidance for the officer's discretion, never a refusal.

Source: forskrift om lån fra Husbanken § 9-1 (the municipality may write guidelines
for its discretion, but they may not bind it: every application is assessed on its
own facts); seed 002 (Malvik's guideline: every benefit counts as income, up to 20
years fixed rate, up to eight years without instalments in special cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .common import gettext_noop
from .eligibility import Guideline, Use

GUIDE_INCOME_OVER = gettext_noop(
    "The guideline's income cap is %(cap)s kr; the household's income after tax is "
    "%(income)s kr a year — the guideline guides, it does not decide (§ 9-1)."
)
GUIDE_INCOME_WITHIN = gettext_noop(
    "The guideline's income cap is %(cap)s kr; the household's income after tax is "
    "%(income)s kr a year, within the cap."
)
GUIDE_INCOME_UNKNOWN = gettext_noop(
    "The guideline's income cap is %(cap)s kr; the household's income is not in the economy yet."
)
GUIDE_RESIDENCE = gettext_noop(
    "The guideline asks for %(years)s years of residence, except: %(exceptions)s. "
    "Weigh it with the facts of the case; it does not decide (§ 9-1)."
)
GUIDE_FIFTY_YEARS = gettext_noop(
    "The recommended term is %(years)s years; the guideline uses more than 30 years "
    "in special cases: say what makes this case one (§ 8-5)."
)
GUIDE_DEFERRAL = gettext_noop(
    "The recommendation has %(years)s years without instalments; the guideline uses "
    "them in special cases: say what makes this case one."
)
GUIDE_FIXED_RATE = gettext_noop(
    "The recommendation has a fixed rate; the guideline uses a fixed rate in special "
    "cases: say what makes this case one."
)

# Husbanken's ordinary longest term; beyond it the four conditions of § 8-5 apply.
ORDINARY_TERM_YEARS = 30


@dataclass(frozen=True)
class CaseTerms:
    """The figures of a case the guideline can touch: the household's income after
    tax a year (None when the economy has no income yet) and, once recommended, the
    term, the years without instalments and whether the rate is fixed."""

    yearly_income: Decimal | None = None
    years: int | None = None
    interest_only_years: int = 0
    fixed_rate: bool = False


@dataclass(frozen=True)
class GuidelineNote:
    """One thing the guideline says about the case: the topic (a guideline field),
    the message (English, to translate) and its parameters."""

    topic: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


def guideline_notes(guideline: Guideline, terms: CaseTerms) -> list[GuidelineNote]:
    """The guideline's word on the case's figures, in the order of the assessment:
    income cap, residence, term, years without instalments, fixed rate. Each note is
    guidance (§ 9-1); none of them refuses. A term the guideline uses "as a rule" is
    not noted: it asks nothing more of the officer.

    Example: a cap of 600,000 and an income of 640,000 a year gives the note that
    the income is over the cap and that the guideline does not decide.
    """
    notes: list[GuidelineNote] = []
    if guideline.income_cap is not None:
        cap = guideline.income_cap
        if terms.yearly_income is None:
            notes.append(GuidelineNote("income_cap", GUIDE_INCOME_UNKNOWN, {"cap": cap}))
        else:
            message = GUIDE_INCOME_OVER if terms.yearly_income > cap else GUIDE_INCOME_WITHIN
            notes.append(
                GuidelineNote("income_cap", message, {"cap": cap, "income": terms.yearly_income})
            )
    if guideline.residence_years:
        notes.append(
            GuidelineNote(
                "residence_years",
                GUIDE_RESIDENCE,
                {
                    "years": guideline.residence_years,
                    "exceptions": guideline.residence_exceptions.strip(),
                },
            )
        )
    special = Use.SPECIAL_CASES
    if (
        terms.years is not None
        and terms.years > ORDINARY_TERM_YEARS
        and guideline.fifty_years == special
    ):
        notes.append(GuidelineNote("fifty_years", GUIDE_FIFTY_YEARS, {"years": terms.years}))
    if terms.interest_only_years and guideline.deferral == special:
        notes.append(
            GuidelineNote("deferral", GUIDE_DEFERRAL, {"years": terms.interest_only_years})
        )
    if terms.fixed_rate and guideline.fixed_rate == special:
        notes.append(GuidelineNote("fixed_rate", GUIDE_FIXED_RATE))
    return notes
