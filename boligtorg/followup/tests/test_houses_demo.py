"""The demo shared house has a life: two adults moved in, a contact person, an
appointed representative, two meetings, rules and a dugnad list; made once."""

import pytest
from django.core.management import call_command

from boligtorg.followup.models import (
    DugnadTask,
    HouseContact,
    HouseRepresentative,
    HouseRule,
    ResidentMeeting,
)
from boligtorg.housing.models import Lease

pytestmark = pytest.mark.django_db


def test_the_demo_shared_house_has_its_life_and_loading_twice_adds_nothing():
    call_command("boligtorg_demo")
    house_filter = {"shared_house__name": "Bofellesskap Lade", "municipality__code": "5001"}
    assert HouseContact.objects.get(**house_filter).user.username == "fatima"
    representative = HouseRepresentative.objects.get(**house_filter)
    assert (representative.person.first_name, representative.basis) == ("Hala", "appointed")
    assert ResidentMeeting.objects.filter(**house_filter).count() == 2
    assert HouseRule.objects.filter(**house_filter).count() == 6
    assert DugnadTask.objects.filter(**house_filter).exists()
    assert (
        Lease.objects.filter(
            dwelling__shared_house__name="Bofellesskap Lade", municipality__code="5001"
        ).count()
        == 2
    )
    counts = (ResidentMeeting.objects.count(), Lease.objects.count(), HouseRule.objects.count())
    call_command("boligtorg_demo")
    assert (
        ResidentMeeting.objects.count(),
        Lease.objects.count(),
        HouseRule.objects.count(),
    ) == counts
