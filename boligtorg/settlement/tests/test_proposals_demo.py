"""The demo loader of the persons proposed: what the issue asks for, loaded once."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.core.demo import load_demo_data
from boligtorg.core.models import Municipality, User
from boligtorg.domain.settlement.minors import needs_adult_dwelling_within

from ..demo import proposals as demo
from ..models import Proposal, ProposalSource, ProposalStatus, ProposedPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    load_demo_data()
    return {m.code: m for m in Municipality.objects.all()}


def test_the_demo_holds_trondheims_list_and_skanderborgs_placements(municipalities):
    for code, municipality in municipalities.items():
        caseworker = User.objects.get(username=demo.CASEWORKERS[code])
        assert demo.load(municipality, caseworker) == 0  # the demo loaded it; nothing more
    trondheim = Proposal.objects.filter(municipality=municipalities["5001"])
    listed = trondheim.filter(list_reference="IMDi-2026-11")
    assert listed.count() == 5
    assert ProposedPerson.objects.filter(proposal__in=listed).count() == 6
    statuses = sorted(listed.values_list("status", flat=True))
    assert statuses == ["accepted", "accepted", "accepted", "declined", "proposed"]
    a = listed.get(persons__relation="child")
    assert a.bedrooms_needed == 1 and a.application_id is not None
    assert a.expected_arrival_on == timezone.localdate() + datetime.timedelta(days=21)
    b = listed.get(needs_accessible=True)
    assert b.expected_arrival_on == timezone.localdate() + datetime.timedelta(days=60)
    e = listed.get(status=ProposalStatus.DECLINED)
    assert e.decline_reason == "needs" and e.decline_note
    today = timezone.localdate()
    c = listed.get(unaccompanied_minor=True, status=ProposalStatus.ACCEPTED)
    d = listed.get(unaccompanied_minor=True, status=ProposalStatus.PROPOSED)
    assert needs_adult_dwelling_within(c.persons.get().date_of_birth, today)
    assert not needs_adult_dwelling_within(d.persons.get().date_of_birth, today)
    settled = trondheim.filter(status=ProposalStatus.SETTLED)
    assert settled.count() == 2
    assert all(p.arrived_on.year == today.year for p in settled)
    placements = Proposal.objects.filter(municipality=municipalities["746"])
    assert sorted(placements.values_list("list_reference", flat=True)) == [
        "US-2026-0101",
        "US-2026-0102",
    ]
    assert all(p.source == ProposalSource.PLACEMENT and p.responsible_from for p in placements)


def test_the_whole_demo_reserves_for_a_and_houses_a_placement_temporarily(municipalities):
    """Issue 25's demo across the loaders: one arrival with a dwelling reserved, and
    one Danish placement, already the municipality's, in a temporary residence."""
    from ..models import Reservation, TemporaryResidence

    a = Proposal.objects.get(list_reference="IMDi-2026-11", persons__relation="child")
    assert Reservation.objects.filter(proposal=a, released_on__isnull=True).count() == 1
    residence = TemporaryResidence.objects.get(proposal__list_reference="US-2026-0101")
    assert residence.from_on <= timezone.localdate() and residence.to_on is None
    assert residence.proposal.responsible_from <= timezone.localdate()
