"""The finance letters go to the applicant's postal address: the household's, through
the shared recipient block of the case letters."""

import pytest

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.finance.letters import decision_letter_pdf, sef_pdf
from boligtorg.finance.selectors.schedules import loan_schedule

from .test_letters import TODAY, _decided

pytestmark = pytest.mark.django_db


def test_the_financing_decision_and_the_sef_carry_the_applicants_postal_address(
    lars_actor, mona_actor, trondheim, tmp_path
):
    case = _decided(lars_actor, mona_actor, trondheim)
    household = HouseholdFactory(municipality=trondheim, main=case.applicant)
    household.address_street = "Kongens gate 12 B"
    household.address_postcode = "7011"
    household.address_town = "Trondheim"
    household.save()
    decision = next(d for d in case.decisions.all() if d.decided_by_id)
    name = f"{case.applicant.first_name} {case.applicant.last_name}"
    letter = pdf_text(decision_letter_pdf(decision, received=TODAY), tmp_path)
    assert f"{name} Kongens gate 12 B 7011 Trondheim" in letter
    plan = loan_schedule(decision, on=TODAY)
    sef = pdf_text(sef_pdf(decision, plan, on=TODAY), tmp_path)
    assert f"{name} Kongens gate 12 B 7011 Trondheim" in sef
