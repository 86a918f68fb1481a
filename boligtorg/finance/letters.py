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
from boligtorg.domain.deadlines import APPEAL_WEEKS, appeal_deadline

from .models import FinancingDecision
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
