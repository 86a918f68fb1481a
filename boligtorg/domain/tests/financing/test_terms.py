"""Terms, the four conditions for 50 years and the products
(boligtorg/domain/financing/terms.py). Every figure in these tests is invented and
computed by hand in the test's docstring; the tables stand in for the dated rows the
finance app loads."""

from dataclasses import replace

from boligtorg.domain.financing.common import NEGATIVE_YEARS, REASON_MISSING, UNANSWERED, Answer
from boligtorg.domain.financing.terms import (
    CONDITION_NOT_MET,
    DEFERRAL_NOT_SHORTER_THAN_TERM,
    DEFERRAL_TOO_LONG,
    DUE_DAY_NOT_OFFERED,
    FIXED_PERIOD_NOT_OFFERED,
    FIXED_PERIOD_OVER_TERM,
    FREQUENCY_NOT_OFFERED,
    TERM_NEEDS_FOUR_CONDITIONS,
    TERM_OVER_MAX,
    TERM_TOO_SHORT,
    TRIAL_INSTALMENT_BASIS,
    TRIAL_REFINANCING_MISSING,
    TRIAL_TOO_LONG_WITH_MUNICIPALITY,
    FiftyYearAnswers,
    fifty_year_conditions,
    terms_policy_errors,
)
from boligtorg.domain.tests.financing.examples import POLICY, TRIAL

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
