"""The readiness demo loader: A's dwelling reserved, B's accessible need short in the
forecast, Skanderborg's placement in a temporary residence."""

from __future__ import annotations

import datetime

from django.utils import timezone

from boligtorg.core.factories import actor_for
from boligtorg.domain.settlement import DwellingKind
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import DwellingStatus
from boligtorg.planning.factories_areas import HousingAreaFactory
from boligtorg.settlement.demo.readiness import load
from boligtorg.settlement.models import ProposalStatus, Reservation, TemporaryResidence
from boligtorg.settlement.selectors.forecast import settlement_forecast

from .factories import ProposalFactory

TODAY = timezone.localdate()


def test_the_demo_reserves_for_a_and_leaves_b_short_in_the_forecast(kari, mona, trondheim):
    household_a = ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY + datetime.timedelta(days=21),
    )
    household_b = ProposalFactory(
        municipality=trondheim,
        list_reference="IMDi-2026-11",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY + datetime.timedelta(days=60),
        needs_accessible=True,
    )
    accessible = DwellingFactory(municipality=trondheim, bedrooms=1, wheelchair_accessible=True)

    load(trondheim, kari)
    load(trondheim, kari)

    assert Reservation.objects.get().proposal == household_a
    accessible.refresh_from_db()
    assert accessible.status == DwellingStatus.MAINTENANCE
    arrival = household_b.expected_arrival_on
    page = settlement_forecast(actor=actor_for(mona, trondheim), year=arrival.year)
    month = next(m for m in page.result.months if m.month.month == arrival.month)
    assert month.missing == {DwellingKind(1, True): 1}


def test_the_demo_puts_skanderborgs_placement_in_a_temporary_residence(sven, skanderborg):
    HousingAreaFactory(municipality=skanderborg, name="Mølleparken")
    placement = ProposalFactory(
        municipality=skanderborg,
        list_reference="US-2026-0101",
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY,
    )

    load(skanderborg, sven)
    load(skanderborg, sven)

    assert TemporaryResidence.objects.get().proposal == placement
