"""Eligibility, the modest home and municipal guidelines
(boligtorg/domain/financing/eligibility.py). Every figure in these tests is invented
and computed by hand in the test's docstring; the tables stand in for the dated rows
the finance app loads."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing.common import NEGATIVE_YEARS, REASON_MISSING, UNANSWERED, Answer
from boligtorg.domain.financing.eligibility import (
    ABSOLUTE_INCOME_CAP,
    CITIZENSHIP_IRRELEVANT,
    MUNICIPAL_DEBT_IRRELEVANT,
    NEVER_DEFERRAL,
    NEVER_FIFTY_YEARS,
    NEVER_FIXED_RATE,
    NON_EEA_IRRELEVANT,
    PAYMENT_REMARKS_NOT_ABSOLUTE,
    RESIDENCE_WITHOUT_EXCEPTIONS,
    Eligibility,
    EligibilityAnswers,
    Ground,
    Guideline,
    PriceLimit,
    PriceStatus,
    Use,
    eligibility,
    guideline_errors,
    price_within_limit,
)
from boligtorg.domain.tests.financing.examples import D

YES = Answer(True, "documented")
NO = Answer(False, "documented")
BANK_REFUSED = Answer(True, "Two banks refused; letters in the case file.")
MAIN_RULE = ["long_term_financing_problem", "used_saving_ability"]
NO_EXCEPTIONS = {
    "children_or_special_needs": NO,
    "refinancing_prevents_forced_sale": NO,
    "housing_blocks_work": NO,
    "frees_municipal_rental": NO,
}


def test_the_main_rule_makes_a_household_eligible():
    result = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=BANK_REFUSED,
            long_term_financing_problem=Answer(True, "Disability benefit for life."),
            used_saving_ability=Answer(True, "Saved 40,000 over three years."),
        )
    )
    assert result.outcome == Eligibility.ELIGIBLE
    assert result.ground == Ground.MAIN_RULE
    assert result.missing == {}


@pytest.mark.parametrize("exception", sorted(NO_EXCEPTIONS))
def test_any_exception_replaces_the_main_rule(exception):
    result = eligibility(
        EligibilityAnswers(no_sufficient_bank_loan=BANK_REFUSED, **{exception: YES})
    )
    assert result.outcome == Eligibility.ELIGIBLE
    assert result.grounds == (Ground(exception),)


def test_a_household_the_bank_would_lend_enough_is_never_eligible():
    result = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=Answer(False, "The bank offers 3,000,000."),
            long_term_financing_problem=YES,
            used_saving_ability=YES,
            children_or_special_needs=YES,
        )
    )
    assert result.outcome == Eligibility.NOT_ELIGIBLE
    assert result.grounds == ()


def test_the_bank_loan_question_comes_first_and_needs_a_reason():
    assert eligibility(EligibilityAnswers(children_or_special_needs=YES)).missing == {
        "no_sufficient_bank_loan": UNANSWERED
    }
    result = eligibility(
        EligibilityAnswers(no_sufficient_bank_loan=Answer(True), children_or_special_needs=YES)
    )
    assert result.outcome == Eligibility.INCOMPLETE
    assert result.missing == {"no_sufficient_bank_loan": REASON_MISSING}


def test_a_ground_without_its_reason_leaves_the_result_incomplete():
    result = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=BANK_REFUSED,
            long_term_financing_problem=Answer(True, " "),
            used_saving_ability=YES,
        )
    )
    assert result.outcome == Eligibility.INCOMPLETE
    assert result.missing == {"long_term_financing_problem": REASON_MISSING}


def test_a_reasoned_ground_carries_the_result_beside_one_without_reason():
    result = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=BANK_REFUSED,
            long_term_financing_problem=Answer(True),
            used_saving_ability=YES,
            housing_blocks_work=YES,
        )
    )
    assert result.outcome == Eligibility.ELIGIBLE
    assert result.grounds == (Ground.HOUSING_BLOCKS_WORK,)


def test_a_refusal_needs_every_ground_answered_no_with_reasons():
    """Saving not used (one "no" fails the main rule) and three exceptions "no":
    the fourth exception is still open, so no refusal yet."""
    open_one = {**NO_EXCEPTIONS, "frees_municipal_rental": Answer()}
    result = eligibility(
        EligibilityAnswers(no_sufficient_bank_loan=BANK_REFUSED, used_saving_ability=NO, **open_one)
    )
    assert result.outcome == Eligibility.INCOMPLETE
    assert result.missing == {"frees_municipal_rental": UNANSWERED}
    closed = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=BANK_REFUSED, used_saving_ability=NO, **NO_EXCEPTIONS
        )
    )
    assert closed.outcome == Eligibility.NOT_ELIGIBLE


def test_one_reasoned_no_fails_the_main_rule_beside_an_unreasoned_one():
    result = eligibility(
        EligibilityAnswers(
            no_sufficient_bank_loan=BANK_REFUSED,
            long_term_financing_problem=Answer(False),
            used_saving_ability=NO,
            **NO_EXCEPTIONS,
        )
    )
    assert result.outcome == Eligibility.NOT_ELIGIBLE


def test_an_empty_checklist_names_the_first_question():
    result = eligibility(EligibilityAnswers())
    assert result.outcome == Eligibility.INCOMPLETE
    assert result.missing == {"no_sufficient_bank_loan": UNANSWERED}


def test_with_the_main_rule_unanswered_every_open_question_is_named():
    result = eligibility(EligibilityAnswers(no_sufficient_bank_loan=BANK_REFUSED))
    assert result.missing == {
        "long_term_financing_problem": UNANSWERED,
        "used_saving_ability": UNANSWERED,
        **dict.fromkeys(NO_EXCEPTIONS, UNANSWERED),
    }


answers = st.builds(
    Answer,
    value=st.sampled_from([None, True, False]),
    reason=st.sampled_from(["", "documented"]),
)
checklists = st.builds(
    EligibilityAnswers,
    **dict.fromkeys(["no_sufficient_bank_loan", *MAIN_RULE, *NO_EXCEPTIONS], answers),
)


@given(checklists)
def test_eligibility_always_rests_on_the_bank_loan_answer_and_a_reasoned_ground(checklist):
    result = eligibility(checklist)
    if result.outcome == Eligibility.ELIGIBLE:
        assert checklist.no_sufficient_bank_loan == Answer(True, "documented")
        assert result.grounds
        for ground in result.grounds:
            names = MAIN_RULE if ground == Ground.MAIN_RULE else [ground.value]
            assert all(getattr(checklist, n) == Answer(True, "documented") for n in names)
    if checklist.no_sufficient_bank_loan.value is False:
        assert result.outcome != Eligibility.ELIGIBLE
    assert bool(result.missing) == (result.outcome == Eligibility.INCOMPLETE)


LIMITS = [
    PriceLimit("", 1, D(2_000_000)),
    PriceLimit("", 3, D(2_800_000)),
    PriceLimit("Byåsen", 1, D(2_400_000)),
    PriceLimit("Byåsen", 3, D(3_200_000)),
]


def test_a_price_over_the_areas_limit_says_by_how_much():
    """Byåsen, four persons: the three-or-more row, 3,200,000; 3,350,000 is 150,000 over."""
    check = price_within_limit(D(3_350_000), LIMITS, "Byåsen", 4)
    assert check.status == PriceStatus.OVER
    assert check.limit == D(3_200_000)
    assert check.over_by == D(150_000)


def test_a_price_at_the_limit_is_within_it():
    check = price_within_limit(D(2_400_000), LIMITS, "Byåsen", 2)
    assert (check.status, check.limit, check.over_by) == (PriceStatus.WITHIN, D(2_400_000), 0)


def test_an_area_without_rows_takes_the_municipalitys_limit():
    assert price_within_limit(D(2_900_000), LIMITS, "Lade", 3).over_by == D(100_000)


def test_a_price_without_a_limit_says_so():
    assert price_within_limit(D(9_000_000), [], "Lade", 3).status == PriceStatus.NO_LIMIT
    only_big = [PriceLimit("", 3, D(2_800_000))]
    assert price_within_limit(D(1), only_big, "Lade", 1).status == PriceStatus.NO_LIMIT


# --- Municipal guidelines ---


def test_malviks_guideline_may_be_saved():
    """Seed 002: floating rate, fixed up to 20 years, up to eight years without
    instalments in special cases, 30 years at full financing, payment remarks do
    not exclude, a guiding income level."""
    malvik = Guideline(
        income_cap=D(600_000),
        fifty_years=Use.SPECIAL_CASES,
        fixed_rate=Use.GENERALLY,
        deferral=Use.SPECIAL_CASES,
    )
    assert guideline_errors(malvik) == {}


@pytest.mark.parametrize(
    ("settings", "field", "message"),
    [
        (
            {"income_cap": D(500_000), "income_cap_absolute": True},
            "income_cap_absolute",
            ABSOLUTE_INCOME_CAP,
        ),
        ({"fifty_years": Use.NEVER}, "fifty_years", NEVER_FIFTY_YEARS),
        ({"fixed_rate": Use.NEVER}, "fixed_rate", NEVER_FIXED_RATE),
        ({"deferral": Use.NEVER}, "deferral", NEVER_DEFERRAL),
        ({"excludes_municipal_debt": True}, "excludes_municipal_debt", MUNICIPAL_DEBT_IRRELEVANT),
        (
            {"excludes_payment_remarks": True},
            "excludes_payment_remarks",
            PAYMENT_REMARKS_NOT_ABSOLUTE,
        ),
        ({"requires_citizenship": True}, "requires_citizenship", CITIZENSHIP_IRRELEVANT),
        ({"excludes_non_eea": True}, "excludes_non_eea", NON_EEA_IRRELEVANT),
        ({"residence_years": 2}, "residence_exceptions", RESIDENCE_WITHOUT_EXCEPTIONS),
        ({"residence_years": -1}, "residence_years", NEGATIVE_YEARS),
    ],
)
def test_a_guideline_that_binds_the_assessment_is_refused_at_its_field(settings, field, message):
    assert guideline_errors(Guideline(**settings)) == {field: message}


def test_a_residence_requirement_with_exceptions_is_allowed():
    guideline = Guideline(residence_years=2, residence_exceptions="Refugees settled here.")
    assert guideline_errors(guideline) == {}


def test_a_guiding_income_cap_and_special_cases_are_allowed():
    guideline = Guideline(income_cap=D(500_000), fifty_years=Use.GENERALLY)
    assert guideline_errors(guideline) == {}
