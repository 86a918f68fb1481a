"""The rules of a financing case (boligtorg/domain/financing.py). Every figure in
these tests is invented and computed by hand in the test's docstring; the tables
stand in for the dated rows the finance app loads."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.financing import (
    ABSOLUTE_INCOME_CAP,
    ALLOWANCE_GUIDANCE_ONLY,
    CITIZENSHIP_IRRELEVANT,
    CONDITION_NOT_MET,
    DEFERRAL_NOT_SHORTER_THAN_TERM,
    DEFERRAL_TOO_LONG,
    DEPOSIT_DWELLING_NOT_COVERED,
    DEPOSIT_INCOME_OVER_LIMIT,
    DEPOSIT_OVER_MAX,
    DEPOSIT_OWN_MEANS_SUFFICE,
    DEPOSIT_WITHIN_OWN_PART,
    DUE_DAY_NOT_OFFERED,
    EQUITY_BELOW_REQUIREMENT,
    FIXED_PERIOD_NOT_OFFERED,
    FIXED_PERIOD_OVER_TERM,
    FREQUENCY_NOT_OFFERED,
    GAP_REMAINS,
    GRANT_NEEDS_LOW_INCOME,
    LIVING_BELOW_FLOOR,
    LIVING_BELOW_SIFO,
    LOANS_OVER_VALUE,
    LONGER_TERM_FIRST,
    MUNICIPAL_DEBT_IRRELEVANT,
    NEGATIVE_AMOUNT,
    NEGATIVE_COUNT,
    NEGATIVE_YEARS,
    NEVER_DEFERRAL,
    NEVER_FIFTY_YEARS,
    NEVER_FIXED_RATE,
    NO_ADULTS,
    NO_CAPACITY,
    NO_CEILING,
    NO_GAP,
    NON_EEA_IRRELEVANT,
    PAYMENT_REMARKS_NOT_ABSOLUTE,
    PLAN_DOES_NOT_ADD_UP,
    REASON_MISSING,
    RESIDENCE_WITHOUT_EXCEPTIONS,
    SIFO_NO_HOUSEHOLD_ROW,
    SIFO_NO_PERSON_ROW,
    TERM_NEEDS_FOUR_CONDITIONS,
    TERM_OVER_MAX,
    TERM_TOO_SHORT,
    TRIAL_INSTALMENT_BASIS,
    TRIAL_REFINANCING_MISSING,
    TRIAL_TOO_LONG_WITH_MUNICIPALITY,
    UNANSWERED,
    UNKNOWN_AGE_BAND,
    VALUE_REQUIRED,
    AllowanceCeiling,
    AllowanceTable,
    Answer,
    DepositLoanRules,
    EconomyLine,
    Eligibility,
    EligibilityAnswers,
    FiftyYearAnswers,
    FinancingPlan,
    Ground,
    Guideline,
    IncomeCategory,
    LineKind,
    OwnShareBracket,
    PersonProfile,
    PriceLimit,
    PriceStatus,
    Product,
    ProductKind,
    Purpose,
    Sex,
    SifoPersonRow,
    SifoReference,
    SocialAssistanceRates,
    TableGap,
    TermsPolicy,
    Use,
    capacity,
    debt_service,
    deposit_loan_check,
    eligibility,
    fifty_year_conditions,
    financing_plan_check,
    grant_need,
    grant_write_down_schedule,
    guideline_errors,
    housing_allowance_estimate,
    price_within_limit,
    sifo_reference,
    social_assistance_floor,
    terms_policy_errors,
)

D = Decimal
ZERO = D(0)
DAY = datetime.date(2026, 1, 1)

SIFO = SifoReference(
    valid_from=DAY,
    person_rows=(
        SifoPersonRow(0, 5, {"food": D(2000), "clothes": D(600), "infant_equipment": D(400)}),
        SifoPersonRow(6, 17, {"food": D(2500), "clothes": D(700)}),
        SifoPersonRow(18, None, {"food": D(3200), "clothes": D(800)}, sex=Sex.MALE),
        SifoPersonRow(18, None, {"food": D(3000), "clothes": D(800)}),
    ),
    household_rows={
        1: {"other_groceries": D(1000), "car": D(3000)},
        2: {"other_groceries": D(1500), "car": D(3000)},
        3: {"other_groceries": D(1800), "car": D(3000)},
    },
    optional_categories=frozenset({"car", "infant_equipment"}),
)

RATES = SocialAssistanceRates(
    valid_from=DAY,
    single_adult=D(7000),
    adult_sharing=D(5000),
    child_by_age_band={"0-5": D(3000), "6-10": D(4000), "11-17": D(5000)},
)


def line(kind: str, amount: int | str, category: str = "other") -> EconomyLine:
    return EconomyLine(LineKind(kind), category, D(amount))


# --- 1. Economy and debt-service capacity -------------------------------------------


def test_sifo_reference_adds_person_rows_and_the_household_row():
    """A woman of 30 (3,000 + 800) and a child of 4 (2,000 + 600; infant equipment
    is optional and not asked for), household of two (1,500; car optional):
    3,800 + 2,600 + 1,500 = 7,900."""
    budget = sifo_reference(SIFO, [PersonProfile(30, Sex.FEMALE), PersonProfile(4)])
    assert budget.monthly == D(7900)
    assert budget.by_category == {"food": D(5000), "clothes": D(1400), "other_groceries": D(1500)}


def test_sifo_reference_counts_optional_categories_only_when_asked():
    """The same household with a car and infant equipment: 7,900 + 3,000 + 400 = 11,300."""
    persons = [PersonProfile(30, Sex.FEMALE), PersonProfile(4)]
    budget = sifo_reference(SIFO, persons, include={"car", "infant_equipment"})
    assert budget.monthly == D(11300)
    assert budget.by_category["car"] == D(3000)


def test_sifo_reference_takes_the_row_for_the_persons_sex_first():
    """A man of 40 takes the male row (3,200 + 800) before the row for both: + 1,000 = 5,000."""
    assert sifo_reference(SIFO, [PersonProfile(40, Sex.MALE)]).monthly == D(5000)


def test_a_household_larger_than_the_table_takes_the_largest_household_row():
    """Five adults of unknown sex: 5 × 3,800 + 1,800 (the three-person row) = 20,800."""
    assert sifo_reference(SIFO, [PersonProfile(30)] * 5).monthly == D(20800)


def test_sifo_reference_names_the_gap_when_no_row_fits():
    table = SifoReference(DAY, SIFO.person_rows[2:], SIFO.household_rows)
    with pytest.raises(TableGap, match=SIFO_NO_PERSON_ROW):
        sifo_reference(table, [PersonProfile(3)])
    with pytest.raises(TableGap, match=SIFO_NO_HOUSEHOLD_ROW):
        sifo_reference(SifoReference(DAY, SIFO.person_rows, {2: {}}), [PersonProfile(30)])


def test_the_social_assistance_floor_of_a_single_adult_is_the_single_rate():
    assert social_assistance_floor(RATES, 1, {}) == D(7000)


def test_the_social_assistance_floor_of_a_couple_with_children():
    """Two adults 2 × 5,000, one child 0-5 (3,000), two 11-17 (2 × 5,000): 23,000."""
    floor = social_assistance_floor(RATES, 2, {"0-5": 1, "11-17": 2, "6-10": 0})
    assert floor == D(23000)


def test_the_social_assistance_floor_refuses_an_unknown_band_and_no_adult():
    with pytest.raises(TableGap, match=UNKNOWN_AGE_BAND):
        social_assistance_floor(RATES, 1, {"18-20": 1})
    with pytest.raises(ValueError, match=NO_ADULTS):
        social_assistance_floor(RATES, 0, {"0-5": 1})


def test_an_economy_line_refuses_a_negative_amount():
    with pytest.raises(ValueError, match=NEGATIVE_AMOUNT):
        line("fixed", -1)


def test_capacity_is_income_less_living_fixed_and_maintenance():
    """Income 25,000 + 7,000 = 32,000; living 12,500 (above floor 10,000 and SIFO
    12,000); fixed 2,500; maintenance 1,000: 32,000 − 12,500 − 2,500 − 1,000 = 16,000."""
    result = capacity(
        [
            line("income", 25000, IncomeCategory.SALARY),
            line("income", 7000, IncomeCategory.CHILD_BENEFIT),
            line("living", 12500),
            line("fixed", 2500, "student_loan"),
            line("maintenance", 1000),
        ],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.monthly_income == D(32000)
    assert result.living_costs == result.living_costs_used == D(12500)
    assert result.fixed_costs == D(2500)
    assert result.maintenance == D(1000)
    assert result.monthly_capacity == D(16000)
    assert result.notes == ()


def test_every_benefit_counts_as_income():
    """Malvik: disability benefit 22,000 + housing allowance 3,000 + social
    assistance 1,000 = 26,000 income, every one of them counted."""
    benefits = [
        IncomeCategory.DISABILITY_BENEFIT,
        IncomeCategory.HOUSING_ALLOWANCE,
        IncomeCategory.SOCIAL_ASSISTANCE,
    ]
    lines = [line("income", n, c) for n, c in zip([22000, 3000, 1000], benefits, strict=True)]
    result = capacity(lines, sifo_reference_amount=ZERO, social_assistance_floor=ZERO)
    assert result.monthly_income == D(26000)


def test_living_costs_below_the_floor_are_raised_to_it_with_both_notes():
    """Living 9,000 under a floor of 10,000 and SIFO 12,000: 10,000 used;
    32,000 − 10,000 − 2,500 − 1,000 = 18,500."""
    result = capacity(
        [
            line("income", 32000),
            line("living", 9000),
            line("fixed", 2500),
            line("maintenance", 1000),
        ],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.living_costs == D(9000)
    assert result.living_costs_used == D(10000)
    assert result.monthly_capacity == D(18500)
    assert result.notes == (LIVING_BELOW_SIFO, LIVING_BELOW_FLOOR)


def test_living_costs_below_sifo_but_above_the_floor_are_kept_with_a_warning():
    """SIFO is a reference, not a rule: living 11,000 stays 11,000 under a SIFO of 12,000."""
    result = capacity(
        [line("income", 20000), line("living", 11000)],
        sifo_reference_amount=D(12000),
        social_assistance_floor=D(10000),
    )
    assert result.living_costs_used == D(11000)
    assert result.monthly_capacity == D(9000)
    assert result.notes == (LIVING_BELOW_SIFO,)


def test_a_household_with_nothing_left_gets_the_no_capacity_note():
    result = capacity(
        [line("income", 10000), line("living", 10000)],
        sifo_reference_amount=ZERO,
        social_assistance_floor=ZERO,
    )
    assert result.monthly_capacity == ZERO
    assert result.notes == (NO_CAPACITY,)


amounts = st.decimals(min_value=0, max_value=100_000, places=2)
kinds = st.sampled_from(list(LineKind))
economies = st.lists(
    st.builds(EconomyLine, kind=kinds, category=st.just("other"), monthly_amount=amounts),
    max_size=12,
)


@given(economies, amounts, amounts, amounts)
def test_capacity_never_uses_living_costs_below_the_floor_or_the_actual(lines, sifo, floor, more):
    result = capacity(lines, sifo_reference_amount=sifo, social_assistance_floor=floor)
    assert result.living_costs_used >= floor
    assert result.living_costs_used >= result.living_costs
    assert result.monthly_capacity == (
        result.monthly_income - result.living_costs_used - result.fixed_costs - result.maintenance
    )


@given(economies, amounts, amounts, amounts)
def test_capacity_rises_with_income_by_exactly_the_extra_income(lines, sifo, floor, more):
    before = capacity(lines, sifo_reference_amount=sifo, social_assistance_floor=floor)
    after = capacity(
        [*lines, EconomyLine(LineKind.INCOME, "salary", more)],
        sifo_reference_amount=sifo,
        social_assistance_floor=floor,
    )
    assert after.monthly_capacity == before.monthly_capacity + more


def test_co_financing_counts_both_loans_in_the_capacity_test():
    """Capacity 18,500; start loan 9,200 + bank loan 7,100 = 16,300: margin 2,200.
    With a bank loan of 9,500 instead: 18,700, short by 200."""
    enough = debt_service(D(18500), [D(9200), D(7100)])
    assert enough.monthly_payments == D(16300)
    assert enough.margin == D(2200)
    assert enough.serviceable
    short = debt_service(D(18500), [D(9200), D(9500)])
    assert short.margin == D(-200)
    assert not short.serviceable


# --- 2. Eligibility and the modest home ---------------------------------------------

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


# --- 3. Municipal guidelines ---------------------------------------------------------


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


# --- 4. Terms -------------------------------------------------------------------------

POLICY = TermsPolicy(
    max_years=30,
    max_years_extended=50,
    max_interest_only_years=8,
    fixed_rate_periods=frozenset({3, 5, 10, 20}),
    due_days=frozenset({1, 12, 20}),
    payments_per_year=frozenset({12, 4}),
)
TRIAL = Product(
    ProductKind.FIRST_TIME_BUYER,
    equity_share=D("0.05"),
    instalment_years=30,
    max_years_with_municipality=10,
)
ALL_FOUR = FiftyYearAnswers(
    permanently_low_income=Answer(True, "Disability benefit, permanent."),
    home_fits_long_term=Answer(True, "Step-free flat, room for the child."),
    renting_unsuitable_or_dearer=Answer(True, "Rent 14,000 against 9,000 in loan costs."),
    shorter_term_not_sound=Answer(True, "At 30 years the margin is negative."),
)


def test_fifty_years_are_allowed_with_all_four_conditions_recorded():
    check = fifty_year_conditions(ALL_FOUR)
    assert check.allowed
    assert check.missing == {}
    assert check.waived == ()


def test_fifty_years_are_refused_when_a_condition_fails_or_lacks_its_reason():
    failed = fifty_year_conditions(
        replace(ALL_FOUR, permanently_low_income=Answer(False, "Temporary sick pay."))
    )
    assert not failed.allowed
    assert failed.missing == {"permanently_low_income": CONDITION_NOT_MET}
    unreasoned = fifty_year_conditions(replace(ALL_FOUR, shorter_term_not_sound=Answer(True)))
    assert unreasoned.missing == {"shorter_term_not_sound": REASON_MISSING}


def test_a_family_with_children_and_low_predictable_income_may_do_without_a():
    answers = replace(
        ALL_FOUR,
        permanently_low_income=Answer(False, "A wage, not permanently low."),
        has_children=True,
        low_predictable_income=Answer(True, "Permanent part-time post, 24,000 a month."),
    )
    check = fifty_year_conditions(answers)
    assert check.allowed
    assert check.waived == ("permanently_low_income",)


def test_the_waiver_of_a_needs_the_low_predictable_income_documented():
    answers = replace(ALL_FOUR, permanently_low_income=Answer(False, "Wage."), has_children=True)
    assert fifty_year_conditions(answers).missing == {
        "permanently_low_income": CONDITION_NOT_MET,
        "low_predictable_income": UNANSWERED,
    }


def test_a_household_at_risk_of_losing_its_home_may_do_without_b_and_c():
    answers = FiftyYearAnswers(
        permanently_low_income=Answer(True, "Old-age pension."),
        shorter_term_not_sound=Answer(True, "At 30 years the margin is negative."),
        home_at_risk=True,
    )
    check = fifty_year_conditions(answers)
    assert check.allowed
    assert check.waived == ("home_fits_long_term", "renting_unsuitable_or_dearer")


def test_a_household_at_risk_with_low_predictable_income_may_do_without_a_b_and_c():
    answers = FiftyYearAnswers(
        permanently_low_income=Answer(False, "Wage, may rise."),
        low_predictable_income=Answer(True, "Permanent post, 26,000 a month."),
        shorter_term_not_sound=Answer(True, "At 30 years the margin is negative."),
        home_at_risk=True,
    )
    check = fifty_year_conditions(answers)
    assert check.allowed
    assert check.waived == (
        "permanently_low_income",
        "home_fits_long_term",
        "renting_unsuitable_or_dearer",
    )


def test_b_and_c_are_not_waived_for_children_alone():
    answers = replace(ALL_FOUR, home_fits_long_term=Answer(), has_children=True)
    assert fifty_year_conditions(answers).missing == {"home_fits_long_term": UNANSWERED}


def test_thirty_years_with_eight_interest_only_years_hold():
    assert terms_policy_errors(30, 8, policy=POLICY, fixed_rate_years=20, due_day=20) == {}


def test_a_term_over_thirty_years_needs_the_four_conditions():
    assert terms_policy_errors(40, 0, policy=POLICY) == {"years": TERM_NEEDS_FOUR_CONDITIONS}
    refused = fifty_year_conditions(FiftyYearAnswers())
    assert terms_policy_errors(50, 0, policy=POLICY, fifty_years=refused) == {
        "years": TERM_NEEDS_FOUR_CONDITIONS
    }
    allowed = fifty_year_conditions(ALL_FOUR)
    assert terms_policy_errors(50, 0, policy=POLICY, fifty_years=allowed) == {}


def test_no_term_is_over_fifty_years_or_under_one():
    allowed = fifty_year_conditions(ALL_FOUR)
    assert terms_policy_errors(51, 0, policy=POLICY, fifty_years=allowed) == {
        "years": TERM_OVER_MAX
    }
    assert terms_policy_errors(0, 0, policy=POLICY) == {"years": TERM_TOO_SHORT}


def test_interest_only_is_at_most_eight_years_and_shorter_than_the_term():
    assert terms_policy_errors(30, 9, policy=POLICY) == {"interest_only_years": DEFERRAL_TOO_LONG}
    assert terms_policy_errors(5, 5, policy=POLICY) == {
        "interest_only_years": DEFERRAL_NOT_SHORTER_THAN_TERM
    }
    assert terms_policy_errors(30, -1, policy=POLICY) == {"interest_only_years": NEGATIVE_YEARS}


def test_fixed_rate_due_day_and_frequency_come_from_the_policy():
    errors = terms_policy_errors(
        30, 0, policy=POLICY, fixed_rate_years=7, due_day=15, payments_per_year=2
    )
    assert errors == {
        "fixed_rate_years": FIXED_PERIOD_NOT_OFFERED,
        "due_day": DUE_DAY_NOT_OFFERED,
        "payments_per_year": FREQUENCY_NOT_OFFERED,
    }
    assert terms_policy_errors(5, 0, policy=POLICY, fixed_rate_years=10) == {
        "fixed_rate_years": FIXED_PERIOD_OVER_TERM
    }
    assert terms_policy_errors(20, 0, policy=POLICY, due_day=12, payments_per_year=4) == {}


def test_the_first_time_buyer_product_pays_as_for_thirty_years_for_ten_at_most():
    def errors(years, with_municipality=None):
        return terms_policy_errors(
            years, 0, policy=POLICY, product=TRIAL, years_with_municipality=with_municipality
        )

    assert errors(30, 10) == {}
    assert errors(25, 10) == {"years": TRIAL_INSTALMENT_BASIS}
    assert errors(30, 11) == {"years_with_municipality": TRIAL_TOO_LONG_WITH_MUNICIPALITY}
    assert errors(30) == {"years_with_municipality": TRIAL_REFINANCING_MISSING}


# --- 5. The financing plan -----------------------------------------------------------


PLAN = FinancingPlan(
    purpose=Purpose.BUY,
    price=D(2_500_000),
    costs=D(62_500),
    equity=D(125_000),
    bank_loan=D(1_500_000),
    start_loan=D(900_000),
    grant=D(37_500),
    home_value=D(2_500_000),
    product=TRIAL,
)


def test_a_plan_that_adds_up_to_the_ore_passes():
    """2,500,000 + 62,500 = 2,562,500 = 125,000 + 1,500,000 + 900,000 + 37,500;
    loans 2,400,000 within the value; equity 125,000 = 5 % of 2,500,000."""
    check = financing_plan_check(PLAN)
    assert check.ok
    assert (check.uses, check.sources, check.difference) == (D(2_562_500), D(2_562_500), 0)
    assert check.total_loans == D(2_400_000)
    assert check.required_equity == D(125_000)


def test_a_plan_one_ore_short_shows_the_difference():
    check = financing_plan_check(replace(PLAN, grant=D("37499.99")))
    assert check.errors == {"plan": PLAN_DOES_NOT_ADD_UP}
    assert check.difference == D("-0.01")


def test_loans_over_the_homes_value_are_refused():
    """Refinancing: bank 1,000,000 + start loan 1,600,000 = 2,600,000 over a value of 2,500,000."""
    plan = FinancingPlan(
        Purpose.REFINANCE,
        price=D(2_600_000),
        bank_loan=D(1_000_000),
        start_loan=D(1_600_000),
        home_value=D(2_500_000),
    )
    assert financing_plan_check(plan).errors == {"start_loan": LOANS_OVER_VALUE}
    assert financing_plan_check(replace(plan, home_value=D(2_600_000))).ok


def test_refinancing_needs_the_homes_value():
    plan = FinancingPlan(Purpose.REFINANCE, price=D(1_000_000), start_loan=D(1_000_000))
    assert financing_plan_check(plan).errors == {"home_value": VALUE_REQUIRED}


def test_a_purchase_may_finance_its_costs_above_the_price():
    """Full financing (Malvik): start loan 2,562,500 for price 2,500,000 + costs
    62,500; the loans exceed the price, which a purchase allows."""
    plan = FinancingPlan(Purpose.BUY, price=D(2_500_000), costs=D(62_500), start_loan=D(2_562_500))
    assert financing_plan_check(plan).ok


def test_loans_that_stay_on_the_home_count_against_its_value():
    """Adaptation 300,000 by start loan on a home worth 2,000,000 with 1,800,000 of
    mortgage staying: 2,100,000 of loans, over the value."""
    plan = FinancingPlan(
        Purpose.ADAPT,
        price=D(300_000),
        start_loan=D(300_000),
        other_secured_loans=D(1_800_000),
        home_value=D(2_000_000),
    )
    assert financing_plan_check(plan).errors == {"start_loan": LOANS_OVER_VALUE}
    assert financing_plan_check(replace(plan, home_value=None)).errors == {
        "home_value": VALUE_REQUIRED
    }


def test_the_trial_product_requires_its_equity_share():
    """5 % of 2,500,000 = 125,000; 124,999.99 with the bank loan one øre higher is short."""
    plan = replace(PLAN, equity=D("124999.99"), bank_loan=D("1500000.01"))
    check = financing_plan_check(plan)
    assert check.errors == {"equity": EQUITY_BELOW_REQUIREMENT}
    ordinary = replace(plan, product=Product(ProductKind.ORDINARY))
    assert financing_plan_check(ordinary).ok


def test_a_negative_amount_is_refused_at_its_field():
    check = financing_plan_check(replace(PLAN, grant=D(-37_500), equity=D(200_000)))
    assert check.errors["grant"] == NEGATIVE_AMOUNT


# --- 6. Establishment grant ------------------------------------------------------------

REASONED = Answer(True, "Recorded in the case.")


def test_the_grant_closes_the_gap_up_to_the_cap():
    """2,400,000 + 60,000 − 20,000 − 2,300,000 = 140,000; cap 100,000: 40,000 remains."""
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=REASONED,
        max_grant=D(100_000),
    )
    assert (need.gap, need.grant, need.remaining_gap) == (D(140_000), D(100_000), D(40_000))
    assert need.can_recommend
    assert need.notes == (GAP_REMAINS,)


def test_without_a_cap_the_grant_is_the_gap():
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=REASONED,
    )
    assert (need.grant, need.remaining_gap, need.notes) == (D(140_000), 0, ())


def test_no_grant_is_recommended_before_a_longer_term_was_considered():
    need = grant_need(
        price=D(2_400_000),
        costs=D(60_000),
        equity=D(20_000),
        largest_serviceable_loan=D(2_300_000),
        permanently_low_income=REASONED,
        longer_term_considered=Answer(False, "Only 30 years was tried."),
    )
    assert not need.can_recommend
    assert need.errors == {"longer_term_considered": LONGER_TERM_FIRST}
    assert need.gap == D(140_000)
    assert need.grant == 0


def test_the_grant_is_for_permanently_low_income_and_a_real_gap():
    need = grant_need(
        price=D(2_000_000),
        costs=D(50_000),
        equity=D(50_000),
        largest_serviceable_loan=D(2_100_000),
        permanently_low_income=Answer(False, "A good wage."),
        longer_term_considered=Answer(True),
    )
    assert need.errors == {
        "longer_term_considered": REASON_MISSING,
        "permanently_low_income": GRANT_NEEDS_LOW_INCOME,
        "grant": NO_GAP,
    }
    assert need.gap == 0


def test_a_grant_written_down_over_three_years_sums_to_the_amount():
    """100,000 / 3 = 33,333.33 twice, the last year 33,333.34."""
    schedule = grant_write_down_schedule(D(100_000), 3)
    assert [w.written_down for w in schedule] == [D("33333.33"), D("33333.33"), D("33333.34")]
    assert [w.balance for w in schedule] == [D("66666.67"), D("33333.34"), 0]


def test_the_common_twenty_year_grant_writes_down_five_percent_a_year():
    schedule = grant_write_down_schedule(D(200_000), 20)
    assert {w.written_down for w in schedule} == {D(10_000)}
    assert schedule[0].balance == D(190_000)


@given(st.decimals(min_value=0, max_value=1_000_000, places=2), st.integers(1, 40))
def test_a_write_down_schedule_sums_to_the_amount_and_never_goes_below_zero(amount, years):
    schedule = grant_write_down_schedule(amount, years)
    assert len(schedule) == years
    assert sum(w.written_down for w in schedule) == amount
    assert all(w.written_down >= 0 and w.balance >= 0 for w in schedule)
    assert schedule[-1].balance == 0


def test_a_write_down_schedule_refuses_no_years():
    with pytest.raises(ValueError, match=TERM_TOO_SHORT):
        grant_write_down_schedule(D(1000), 0)


# --- 7. Housing allowance estimate ---------------------------------------------------

ALLOWANCE = AllowanceTable(
    valid_from=DAY,
    rate=D("0.737"),
    first_person_weight=D("1.0"),
    extra_person_weight=D("0.13"),
    minimum_own_share=D(1500),
    own_share_brackets=(OwnShareBracket(D(0), D(0)), OwnShareBracket(D(10_000), D("0.3"))),
    ceilings=(
        AllowanceCeiling("other", 1, D(6000)),
        AllowanceCeiling("other", 3, D(8000)),
        AllowanceCeiling("oslo", 1, D(7500)),
    ),
)


def test_the_allowance_estimate_shows_its_arithmetic():
    """Three persons: weight 1 + 2 × 0.13 = 1.26; income 25,200 / 1.26 = 20,000;
    own share 0.3 × (20,000 − 10,000) = 3,000; costs 9,000 capped at 8,000;
    0.737 × (8,000 − 3,000) = 3,685.00."""
    estimate = housing_allowance_estimate(
        ALLOWANCE,
        persons=3,
        monthly_income=D(25_200),
        monthly_housing_costs=D(9000),
        group="other",
    )
    assert estimate.weight == D("1.26")
    assert estimate.weighted_income == D(20_000)
    assert estimate.own_share == D(3000)
    assert (estimate.ceiling, estimate.approved_costs) == (D(8000), D(8000))
    assert estimate.monthly_estimate == D("3685.00")
    assert estimate.note == ALLOWANCE_GUIDANCE_ONLY


def test_a_low_income_pays_the_minimum_own_share_and_costs_under_the_ceiling_count_whole():
    """One person, income 9,000: own share 0 from the brackets, the minimum 1,500;
    costs 5,000 under the ceiling of 6,000: 0.737 × 3,500 = 2,579.50."""
    estimate = housing_allowance_estimate(
        ALLOWANCE, persons=1, monthly_income=D(9000), monthly_housing_costs=D(5000), group="other"
    )
    assert estimate.own_share == D(1500)
    assert estimate.approved_costs == D(5000)
    assert estimate.monthly_estimate == D("2579.50")


def test_a_high_income_gets_no_allowance():
    """One person, income 40,000: own share 0.3 × 30,000 = 9,000 over the ceiling 7,500: 0."""
    estimate = housing_allowance_estimate(
        ALLOWANCE, persons=1, monthly_income=D(40_000), monthly_housing_costs=D(9000), group="oslo"
    )
    assert estimate.own_share == D(9000)
    assert estimate.monthly_estimate == 0


def test_the_allowance_estimate_names_a_missing_ceiling():
    with pytest.raises(TableGap, match=NO_CEILING):
        housing_allowance_estimate(
            ALLOWANCE, persons=2, monthly_income=D(1), monthly_housing_costs=D(1), group="bergen"
        )


@given(
    st.integers(1, 8),
    st.decimals(min_value=0, max_value=80_000, places=2),
    st.decimals(min_value=0, max_value=80_000, places=2),
    st.decimals(min_value=0, max_value=20_000, places=2),
)
def test_the_allowance_estimate_never_rises_with_income(persons, income, more, costs):
    def estimate(monthly_income):
        return housing_allowance_estimate(
            ALLOWANCE,
            persons=persons,
            monthly_income=monthly_income,
            monthly_housing_costs=costs,
            group="other",
        ).monthly_estimate

    assert 0 <= estimate(income + more) <= estimate(income)


# --- 8. Denmark: deposit loan -----------------------------------------------------------

DEPOSIT_RULES = DepositLoanRules(
    valid_from=DAY,
    income_limit_by_kind={"flat": D(300_000), "single_room": D(200_000)},
    income_limit_per_child=D(50_000),
    max_children_counted=4,
    own_part=D(3000),
    max_deposit=D(100_000),
    municipality_share=D("0.5"),
    interest_free_years=5,
    instalment_free_years=5,
)


def test_a_household_under_the_income_limit_gets_the_deposit_less_its_own_part():
    """Limit 300,000 + 2 × 50,000 = 400,000 ≥ 380,000; loan 28,000 − 3,000 = 25,000,
    the municipality's share 12,500."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(380_000),
        children=2,
        dwelling_kind="flat",
    )
    assert check.eligible
    assert (check.loan, check.own_part, check.municipality_share) == (
        D(25_000),
        D(3000),
        D(12_500),
    )
    assert check.income_limit == D(400_000)
    assert (check.interest_free_years, check.instalment_free_years) == (5, 5)


def test_the_income_limit_counts_four_children_at_most():
    """Six children: 300,000 + 4 × 50,000 = 500,000; an income of 510,000 is over."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(510_000),
        children=6,
        dwelling_kind="flat",
    )
    assert check.income_limit == D(500_000)
    assert check.errors == {"yearly_income": DEPOSIT_INCOME_OVER_LIMIT}
    assert check.loan == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"dwelling_kind": "private_rental"}, "dwelling_kind", DEPOSIT_DWELLING_NOT_COVERED),
        ({"deposit": D(100_001)}, "deposit", DEPOSIT_OVER_MAX),
        ({"deposit": D(3000)}, "deposit", DEPOSIT_WITHIN_OWN_PART),
        ({"disposable_means": D(28_000)}, "disposable_means", DEPOSIT_OWN_MEANS_SUFFICE),
        ({"deposit": D(-1)}, "deposit", NEGATIVE_AMOUNT),
        ({"children": -1}, "children", NEGATIVE_COUNT),
    ],
)
def test_a_deposit_loan_is_refused_at_its_field(changes, field, message):
    arguments = {
        "deposit": D(28_000),
        "yearly_income": D(250_000),
        "children": 0,
        "dwelling_kind": "flat",
        **changes,
    }
    check = deposit_loan_check(DEPOSIT_RULES, **arguments)
    assert check.errors == {field: message}
    assert not check.eligible
    assert check.loan == 0


def test_means_short_of_the_deposit_leave_the_whole_loan():
    """No partial loans: means of 27,999 against a deposit of 28,000 leave the loan
    25,000; the income of 190,000 is within a single room's limit of 200,000."""
    check = deposit_loan_check(
        DEPOSIT_RULES,
        deposit=D(28_000),
        yearly_income=D(190_000),
        children=0,
        dwelling_kind="single_room",
        disposable_means=D(27_999),
    )
    assert check.loan == D(25_000)
    assert check.income_limit == D(200_000)
