"""The settlement forecast through its selector, against an example computed by hand."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation

from boligtorg.core.factories import actor_for
from boligtorg.domain.settlement import DwellingKind
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.settlement.models import ProposalStatus
from boligtorg.settlement.selectors.forecast import default_year, settlement_forecast

from .factories import ProposalFactory, ProposedPersonFactory, SettlementTargetFactory

TODAY = timezone.localdate()
YEAR = TODAY.year + 1


def arrival(municipality, month, day, bedrooms, accessible=False):
    return ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=datetime.date(YEAR, month, day),
        bedrooms_needed=bedrooms,
        needs_accessible=accessible,
    )


def test_the_forecast_matches_a_hand_computed_year(mona, trondheim):
    """Arrivals: 10 March a 2-bedroom need, 20, 25 and 28 March three 3-bedroom needs,
    5 May an accessible 1-bedroom need. Dwellings: a vacant 2-bedroom (→ 10 March), a
    vacant 4-bedroom (one more than needed → 20 March), a vacant accessible 1-bedroom
    (→ 5 May), and a 3-bedroom let until 30 April (ready 1 May: too late for March,
    too big for May). By hand: March has four arrivals, two housed, two 3-bedroom
    dwellings missing; May has one, housed; the let 3-bedroom is spare from May."""
    arrival(trondheim, 3, 10, 2)
    arrival(trondheim, 3, 20, 3)
    arrival(trondheim, 3, 25, 3)
    arrival(trondheim, 3, 28, 3)
    arrival(trondheim, 5, 5, 1, accessible=True)
    DwellingFactory(municipality=trondheim, bedrooms=2)
    DwellingFactory(municipality=trondheim, bedrooms=4)
    DwellingFactory(municipality=trondheim, bedrooms=1, wheelchair_accessible=True)
    LeaseFactory(
        municipality=trondheim,
        dwelling__bedrooms=3,
        start=TODAY - datetime.timedelta(days=200),
        end=datetime.date(YEAR, 4, 30),
    )

    page = settlement_forecast(actor=actor_for(mona, trondheim), year=YEAR)

    months = {m.month.month: m for m in page.result.months}
    assert (months[3].arrivals, months[3].housed) == (4, 2)
    assert months[3].missing == {DwellingKind(3, False): 2}
    assert (months[5].arrivals, months[5].housed, months[5].missing) == (1, 1, {})
    assert [m.spare for m in page.result.months] == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
    assert page.result.first_shortfall_month == datetime.date(YEAR, 3, 1)
    with translation.override("en"):
        assert page.headline == f"In March {YEAR} 2 3-bedroom dwellings are missing."


def test_a_reserved_dwelling_houses_its_arrival_in_the_forecast(mona, trondheim):
    from .factories import ReservationFactory

    proposal = arrival(trondheim, 2, 1, 1, accessible=True)
    ReservationFactory(
        proposal=proposal,
        dwelling__bedrooms=1,
        dwelling__wheelchair_accessible=True,
        ready_on=datetime.date(YEAR, 1, 15),
    )

    page = settlement_forecast(actor=actor_for(mona, trondheim), year=YEAR)

    assert page.result.shortfall == 0
    assert page.headline == ""


def test_the_forecast_shows_the_figure_not_yet_proposed_beside_it(mona, trondheim):
    SettlementTargetFactory(municipality=trondheim, year=YEAR, total=30)
    proposal = arrival(trondheim, 6, 1, 2)
    ProposedPersonFactory.create_batch(3, proposal=proposal)

    page = settlement_forecast(actor=actor_for(mona, trondheim), year=YEAR)

    assert (page.figure.total, page.figure.proposed_persons, page.figure.not_proposed) == (
        30,
        3,
        27,
    )


def test_the_forecast_opens_on_the_coming_year_from_october():
    assert default_year(datetime.date(2026, 9, 30)) == 2026
    assert default_year(datetime.date(2026, 10, 1)) == 2027
