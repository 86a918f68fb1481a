from boligtorg.accommodation.demo.placements import load
from boligtorg.accommodation.models import Placement, Provider
from boligtorg.accommodation.selectors import current_stays, stays_of
from boligtorg.core.factories import actor_for


def test_the_demo_places_five_households_and_one_family_is_past_the_limit(kari, trondheim):
    assert load(trondheim, kari) == 5
    assert Provider.objects.filter(municipality=trondheim).count() == 2
    actor = actor_for(kari, trondheim)
    stays = stays_of(actor=actor, page=list(current_stays(actor=actor)))
    over = [
        (s.placement.application.applicant_name, s.with_children) for s in stays if s.over_limit
    ]
    assert len(stays) == 5
    # Nilsen: 120 nights, past 90; Lund's family: 12 nights, past 0 for families.
    assert sorted(over) == [("Lund, Demo", True), ("Nilsen, Demo", False)]


def test_the_demo_loads_once(kari, trondheim):
    load(trondheim, kari)
    assert load(trondheim, kari) == 0
    assert Placement.objects.filter(municipality=trondheim).count() == 5
