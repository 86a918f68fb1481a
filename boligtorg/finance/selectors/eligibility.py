"""The checklist's answers read through the domain rule (forskrift om lån fra
Husbanken ch. 5): eligible on which ground, not eligible, or what is missing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from boligtorg.domain.financing import (
    Answer,
    Eligibility,
    EligibilityAnswers,
    EligibilityResult,
    eligibility,
)

from ..models import EligibilityAnswer, EligibilityQuestion

# Our question codes -> the domain's field names.
FIELDS = {
    EligibilityQuestion.NO_BANK_LOAN: "no_sufficient_bank_loan",
    EligibilityQuestion.LONG_TERM_PROBLEM: "long_term_financing_problem",
    EligibilityQuestion.USED_SAVING: "used_saving_ability",
    EligibilityQuestion.CHILDREN_OR_NEEDS: "children_or_special_needs",
    EligibilityQuestion.FORCED_SALE: "refinancing_prevents_forced_sale",
    EligibilityQuestion.BLOCKS_WORK: "housing_blocks_work",
    EligibilityQuestion.FREES_RENTAL: "frees_municipal_rental",
}
QUESTIONS = {field: question for question, field in FIELDS.items()}
GROUND_QUESTIONS = {
    "main_rule": (EligibilityQuestion.LONG_TERM_PROBLEM, EligibilityQuestion.USED_SAVING),
    "children_or_special_needs": (EligibilityQuestion.CHILDREN_OR_NEEDS,),
    "refinancing_prevents_forced_sale": (EligibilityQuestion.FORCED_SALE,),
    "housing_blocks_work": (EligibilityQuestion.BLOCKS_WORK,),
    "frees_municipal_rental": (EligibilityQuestion.FREES_RENTAL,),
}


@dataclass(frozen=True)
class EligibilityView:
    result: EligibilityResult
    summary: str
    missing: list[str]  # "question: what is missing"

    @property
    def eligible(self) -> bool:
        return self.result.outcome == Eligibility.ELIGIBLE


def case_eligibility(rows: Iterable[EligibilityAnswer]) -> EligibilityView:
    """The result of the answers (prefetched rows), with a sentence saying it."""
    answers = {
        FIELDS[EligibilityQuestion(row.question)]: Answer(row.answer, row.reason) for row in rows
    }
    result = eligibility(EligibilityAnswers(**answers))
    labels = dict(EligibilityQuestion.choices)
    if result.outcome == Eligibility.ELIGIBLE:
        grounds = "; ".join(
            " + ".join(str(labels[q]).lower() for q in GROUND_QUESTIONS[ground])
            for ground in result.grounds
        )
        summary = _("Eligible for a start loan: %(grounds)s.") % {"grounds": grounds}
    elif result.outcome == Eligibility.NOT_ELIGIBLE:
        summary = _("Not eligible for a start loan on the answers given.")
    else:
        summary = _("The checklist is not complete.")
    missing = [f"{labels[QUESTIONS[name]]}: {_(gap)}" for name, gap in result.missing.items()]
    return EligibilityView(result, summary, missing)
