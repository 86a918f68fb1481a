import pytest

from boligtorg.cases.factories import ApplicationFactory

from ..demo import landlords as demo
from ..models import Claim, Guarantee, Landlord

pytestmark = pytest.mark.django_db


def test_the_demo_gives_trondheim_ten_landlords_guarantees_and_one_claim_once(kari, trondheim):
    for _ in range(4):
        ApplicationFactory(municipality=trondheim)
    assert demo.load(trondheim, kari) == 10
    assert Landlord.objects.filter(municipality=trondheim).count() == 10
    assert Guarantee.objects.filter(municipality=trondheim).count() == 4
    assert Claim.objects.filter(municipality=trondheim).count() == 1
    assert demo.load(trondheim, kari) == 0


def test_the_demo_loads_nothing_for_skanderborg(sven, skanderborg):
    assert demo.load(skanderborg, sven) == 0
