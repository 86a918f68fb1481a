"""Synthetic demo dwellings: invented addresses, a few let to the demo households."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.models import Application
from boligtorg.core.models import Municipality, User
from boligtorg.core.permissions import Actor

from .models import Dwelling, DwellingType
from .services import dwelling_create, lease_register

STREETS = {
    "NO": ["Elgeseter gate", "Innherredsveien", "Kongens gate", "Byåsveien", "Heimdalsvegen"],
    "DK": ["Adelgade", "Vestergade", "Skovvej", "Søtorvet", "Grønnegade"],
}
DWELLINGS_PER_MUNICIPALITY = 15
LEASES = 4


def load(municipality: Municipality, caseworker: User) -> int:
    """Once per municipality: fifteen dwellings, four of them let to demo households."""
    if Dwelling.objects.filter(municipality=municipality).exists():
        return 0
    actor = Actor(user=caseworker, municipality=municipality, roles=frozenset({"caseworker"}))
    rng = random.Random(f"boligtorg-demo-dwellings:{municipality.code}")  # noqa: S311
    streets = STREETS.get(municipality.country, STREETS["NO"])
    dwellings = []
    for n in range(DWELLINGS_PER_MUNICIPALITY):
        bedrooms = rng.choice([0, 1, 1, 2, 2, 3, 4])
        dwellings.append(
            dwelling_create(
                actor=actor,
                address=f"{rng.choice(streets)} {rng.randint(1, 80)}",
                unit_number=f"H0{n // 4 + 1}0{n % 4 + 1}",
                dwelling_type=DwellingType.BEDSIT if bedrooms == 0 else DwellingType.APARTMENT,
                bedrooms=bedrooms,
                usable_area=Decimal(25 + bedrooms * 18 + rng.randint(0, 9)),
                floor=n // 4 + 1,
                wheelchair_accessible=n % 5 == 0,
                rent=Decimal(rng.randrange(6500, 14000, 100)),
                gnr=400 + n // 6,
                bnr=10 + n % 6,
            )
        )
    households = [
        application.household
        for application in Application.objects.filter(municipality=municipality).order_by("pk")[
            :LEASES
        ]
    ]
    today = timezone.localdate()
    for dwelling, household in zip(dwellings, households, strict=False):
        lease_register(
            actor=actor,
            dwelling=dwelling,
            household=household,
            start=today - datetime.timedelta(days=rng.randint(200, 1000)),
        )
    return DWELLINGS_PER_MUNICIPALITY
