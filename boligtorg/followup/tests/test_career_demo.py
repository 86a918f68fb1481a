import pytest

from boligtorg.followup import demo_career
from boligtorg.followup import selectors_career as selectors
from boligtorg.followup.models import DecisionCondition, TransitionAssessment

pytestmark = pytest.mark.django_db


def test_the_demo_makes_two_households_once(trondheim, kari):
    assert demo_career.load(trondheim, kari) == 2
    assert demo_career.load(trondheim, kari) == 0
    assert DecisionCondition.objects.filter(municipality=trondheim).count() == 6
    moved_on = TransitionAssessment.objects.get()
    careers = selectors.housing_career(person=moved_on.application.applicant)
    assert [entry.step.stay.kind for entry in careers] == [
        "municipal",
        "transition",
        "temporary_shelter",
    ]
