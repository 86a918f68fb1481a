import pytest
from django.utils import timezone

from boligtorg.core.demo import load_demo_data
from boligtorg.core.models import Municipality
from boligtorg.domain.risk import Level
from boligtorg.followup import selectors
from boligtorg.followup.models import FollowUpPlan, VisitStatus

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_municipality_two_plans_and_a_high_risk_tenancy_once():
    load_demo_data()
    load_demo_data()

    for municipality in Municipality.objects.all():
        plans = FollowUpPlan.objects.filter(municipality=municipality)
        assert plans.count() == 2
        assert plans.filter(visits__status=VisitStatus.MISSED).exists()
        risks = selectors.tenancy_risks(municipality=municipality, today=timezone.localdate())
        assert any(row.risk.level == Level.HIGH and row.prevention for row in risks)
