"""What the municipality's guideline says about one case: guidance, never a refusal
(forskrift om lån fra Husbanken § 9-1)."""

from decimal import Decimal

from boligtorg.domain.financing import (
    GUIDE_DEFERRAL,
    GUIDE_FIFTY_YEARS,
    GUIDE_FIXED_RATE,
    GUIDE_INCOME_OVER,
    GUIDE_INCOME_UNKNOWN,
    GUIDE_INCOME_WITHIN,
    GUIDE_RESIDENCE,
    CaseTerms,
    Guideline,
    Use,
    guideline_notes,
)

CAP = Guideline(income_cap=Decimal(600_000))


def test_an_income_over_the_cap_is_noted_as_guidance_that_does_not_decide():
    """Cap 600,000; 53,334 kr a month after tax is 640,008 kr a year: over."""
    (note,) = guideline_notes(CAP, CaseTerms(yearly_income=Decimal(640_008)))
    assert (note.topic, note.message) == ("income_cap", GUIDE_INCOME_OVER)
    assert note.params == {"cap": Decimal(600_000), "income": Decimal(640_008)}
    assert "it does not decide (§ 9-1)" in note.message


def test_an_income_at_the_cap_is_within_it():
    (note,) = guideline_notes(CAP, CaseTerms(yearly_income=Decimal(600_000)))
    assert note.message == GUIDE_INCOME_WITHIN


def test_an_economy_without_income_says_the_income_is_not_known_yet():
    (note,) = guideline_notes(CAP, CaseTerms())
    assert note.message == GUIDE_INCOME_UNKNOWN


def test_a_guideline_without_cap_or_residence_says_nothing_of_the_income():
    assert guideline_notes(Guideline(), CaseTerms(yearly_income=Decimal(900_000))) == []


def test_a_residence_requirement_is_shown_with_its_exceptions():
    guideline = Guideline(residence_years=2, residence_exceptions="Bosatte flyktninger.")
    (note,) = guideline_notes(guideline, CaseTerms())
    assert note.message == GUIDE_RESIDENCE
    assert note.params == {"years": 2, "exceptions": "Bosatte flyktninger."}


def test_terms_the_guideline_keeps_for_special_cases_ask_why_this_case_is_one():
    guideline = Guideline(
        fifty_years=Use.SPECIAL_CASES, deferral=Use.SPECIAL_CASES, fixed_rate=Use.SPECIAL_CASES
    )
    notes = guideline_notes(guideline, CaseTerms(years=50, interest_only_years=3, fixed_rate=True))
    assert [n.message for n in notes] == [GUIDE_FIFTY_YEARS, GUIDE_DEFERRAL, GUIDE_FIXED_RATE]


def test_terms_the_guideline_uses_as_a_rule_or_within_30_years_ask_nothing():
    generally = Guideline(
        fifty_years=Use.GENERALLY, deferral=Use.GENERALLY, fixed_rate=Use.GENERALLY
    )
    assert (
        guideline_notes(generally, CaseTerms(years=50, interest_only_years=3, fixed_rate=True))
        == []
    )
    assert guideline_notes(Guideline(), CaseTerms(years=30)) == []
