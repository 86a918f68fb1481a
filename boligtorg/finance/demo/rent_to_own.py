"""Synthetic rent-to-own demo data (loaded by ``boligtorg.core.demo`` after the
financing cases): in Trondheim, two dwellings with rent-to-own potential registered
and let by Kari through the housing services; one agreement that ended in a purchase
(the financing case opened, the dwelling sold) and one still renting, its option
about to expire. Made through the services by Lars the loan officer. Invented
households with fictitious national ids; none in Denmark (no start loan)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.models import HouseholdRelation
from boligtorg.cases.services.applications import household_create, person_create
from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.identity import fictitious_national_id
from boligtorg.housing.models import DwellingType
from boligtorg.housing.services import dwelling_create, lease_register

from ..models import RentToOwnAgreement
from ..services import rent_to_own as services

DUTIES = "Leietaker har indre vedlikehold (maling, tapet, gulv) og holder hagen."
# (first name, last name, address, months rented, rent basis, monthly rent, saving, bought)
AGREEMENTS = (
    ("Kristin", "Haugen", "Saupstadringen 14", 37, "cost", 10_800, 2_000, True),
    ("Ahmed", "Yusuf", "Kattem terrasse 3", 31, "market", 13_500, 1_000, False),
)


def _actor(user: User, municipality: Municipality, role: str) -> Actor:
    return Actor(user=user, municipality=municipality, roles=frozenset({role}))


def load(municipality: Municipality, caseworker: User) -> int:
    """Create the two agreements when the municipality has none; return how many."""
    if municipality.country != Country.NORWAY:
        return 0
    if RentToOwnAgreement.objects.filter(municipality=municipality).exists():
        return 0
    kari = _actor(caseworker, municipality, Role.CASEWORKER)
    lars = _actor(User.objects.get(username="lars"), municipality, Role.LOAN_OFFICER)
    rng = random.Random(f"rent-to-own-demo:{municipality.code}")  # noqa: S311
    today = timezone.localdate()
    for first, last, address, months, basis, rent, saving, bought in AGREEMENTS:
        start = add_months(today, -months)
        person = person_create(
            actor=kari,
            first_name=first,
            last_name=last,
            national_id=fictitious_national_id(municipality.country, rng),
        )
        household = household_create(
            actor=kari, members=[(person, HouseholdRelation.MAIN_APPLICANT)]
        )
        dwelling = dwelling_create(
            actor=kari,
            address=address,
            unit_number="H0101",
            dwelling_type=DwellingType.SEMI_DETACHED,
            bedrooms=3,
            usable_area=Decimal(92),
            rent=Decimal(10_800),
            rent_to_own=True,
        )
        lease_register(
            actor=kari,
            dwelling=dwelling,
            household=household,
            start=start,
            end=add_months(start, 60) - datetime.timedelta(days=1),
        )
        agreement = services.rent_to_own_offer(
            actor=lars,
            dwelling=dwelling,
            household=household,
            price=Decimal(2_650_000),
            start=start,
            rent_basis=basis,
            monthly_rent=Decimal(rent),
            monthly_cost_rent=Decimal(10_800),
            monthly_saving=Decimal(saving),
            maintenance_duties=DUTIES,
            option_years=5 if bought else 3,
            offered_on=start,
        )
        services.rent_to_own_sign(actor=lars, agreement=agreement, signed_on=start)
        services.rent_to_own_start_renting(actor=lars, agreement=agreement, renting_on=start)
        for n in range(months):
            services.rent_to_own_saving_record(
                actor=lars,
                agreement=agreement,
                month=add_months(start.replace(day=1), n),
                amount=Decimal(saving),
            )
        if bought:
            services.rent_to_own_request_purchase(
                actor=lars, agreement=agreement, requested_on=today - datetime.timedelta(days=30)
            )
            services.rent_to_own_purchase(actor=lars, agreement=agreement, purchased_on=today)
    return len(AGREEMENTS)
