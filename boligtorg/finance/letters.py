"""The finance module's letters as PDF (WeasyPrint, through the decision letters'
``render_pdf``), in the applicant's language: the decision on financing (a grant
with amount, terms, conditions and how long the promise holds; a refusal with its
reasons; advice) and the standard European consumer credit information (SEF).

Sources: forvaltningsloven §§ 24–25 (reasons), § 27 (notice of the right to
appeal) and § 29 (3 weeks), § 28 second paragraph (the municipality's own appeal
body decides appeals on start loans and grants, as forskrift om lån fra Husbanken
ch. 7 and Husbanken's guidance say); finansavtaleloven (2023) on pre-contract
information, in the standard European consumer credit information form of the
consumer credit directive (2008/48/EC Annex II)."""

from __future__ import annotations

import datetime
from typing import Any

from boligtorg.cases.letters import person_address_lines, render_pdf
from boligtorg.domain.deadlines import APPEAL_WEEKS, appeal_deadline, next_working_day

from .models import DepositLoan, FinancingDecision
from .selectors.schedules import Schedule


def _applicant_language(decision: FinancingDecision) -> str:
    return decision.case.applicant.language or "nb"


def decision_letter_context(
    decision: FinancingDecision, *, received: datetime.date
) -> dict[str, Any]:
    case = decision.case
    return {
        "decision": decision,
        "case": case,
        "applicant": case.applicant,
        "address_lines": person_address_lines(case.applicant),
        "municipality": case.municipality,
        "appeal_weeks": APPEAL_WEEKS,
        "appeal_deadline": appeal_deadline(received, case.municipality.country),
    }


def decision_letter_pdf(decision: FinancingDecision, *, received: datetime.date) -> bytes:
    """The decision letter; ``received`` is the day the applicant is taken to receive
    it (the appeal deadline runs from then)."""
    return render_pdf(
        "finance/letters/decision.html",
        decision_letter_context(decision, received=received),
        _applicant_language(decision),
    )


def sef_pdf(decision: FinancingDecision, schedule: Schedule, *, on: datetime.date) -> bytes:
    """The standard European consumer credit information for the start loan of
    ``decision``, with the figures of ``schedule``."""
    case = decision.case
    return render_pdf(
        "finance/letters/sef.html",
        {
            "decision": decision,
            "case": case,
            "applicant": case.applicant,
            "address_lines": person_address_lines(case.applicant),
            "municipality": case.municipality,
            "plan": schedule,
            "effective_percent": schedule.effective_rate * 100,
            "instalments": len(schedule.instalments),
            "first": schedule.instalments[0],
            "on": on,
        },
        _applicant_language(decision),
    )


# Denmark: retssikkerhedsloven § 67 gives 4 weeks to appeal a decision under the
# social laws (lov om individuel boligstøtte among them) from the day it is received;
# the municipality reconsiders it first (§ 66), then Ankestyrelsen decides.
DK_APPEAL_WEEKS = 4


def deposit_appeal_deadline(received: datetime.date) -> datetime.date:
    """The last day to appeal a Danish deposit-loan decision: 4 weeks after it was
    received, moved to the next Danish working day."""
    return next_working_day(received + datetime.timedelta(weeks=DK_APPEAL_WEEKS), "DK")


def deposit_letter_pdf(loan: DepositLoan, *, received: datetime.date) -> bytes:
    """The decision on a Danish deposit loan (indskudslån), in Danish: the loan and
    its terms or the refusal with the rules' reasons, lov om individuel boligstøtte
    as the legal basis, and the appeal to Ankestyrelsen within 4 weeks
    (retssikkerhedsloven §§ 66–67). ``received`` is the day the applicant is taken
    to receive it. Until the Danish catalogue exists (issue 21) the text is the
    English source; its messages carry the context "Danish letter" so the bokmål
    catalogue never fills them in (a language without a catalogue falls back to
    bokmål, the project's language). The appeal body is named in the template
    rather than taken from ``cases.letters.APPEAL_BODIES``, whose bokmål
    translation would show here."""
    return render_pdf(
        "finance/letters/deposit.html",
        {
            "loan": loan,
            "applicant": loan.applicant,
            "municipality": loan.municipality,
            "appeal_weeks": DK_APPEAL_WEEKS,
            "appeal_deadline": deposit_appeal_deadline(received),
        },
        "da",
    )
