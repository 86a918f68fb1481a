import pytest
from django.utils import timezone

from boligtorg.core.factories import actor_for
from boligtorg.settlement.demo.numbers import load
from boligtorg.settlement.models import SettlementTarget, TargetKind
from boligtorg.settlement.selectors.numbers import targets_in_force

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_the_demo_has_trondheims_request_and_decision_and_skanderborgs_quota_once(
    trondheim, skanderborg, kari, sven
):
    for municipality, caseworker in ((trondheim, kari), (skanderborg, sven)):
        load(municipality, caseworker)
        assert load(municipality, caseworker) == 0  # idempotent

    next_year = targets_in_force(actor=actor_for(kari, trondheim), year=YEAR + 1)
    assert set(next_year) == {TargetKind.IMDI_REQUEST, TargetKind.COUNCIL_DECISION}
    this_year = targets_in_force(actor=actor_for(kari, trondheim), year=YEAR)
    assert this_year[TargetKind.COUNCIL_DECISION].version == 2
    quotas = targets_in_force(actor=actor_for(sven, skanderborg), year=YEAR + 1)
    assert set(quotas) == {TargetKind.QUOTA}
    assert SettlementTarget.objects.count() == 7
    assert not SettlementTarget.objects.filter(
        municipality=skanderborg, kind__in=[TargetKind.IMDI_REQUEST, TargetKind.COUNCIL_DECISION]
    ).exists()
