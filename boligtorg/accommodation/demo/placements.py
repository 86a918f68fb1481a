"""Demo data of temporary accommodation (issue 26), written through the services as
the municipality's caseworker: two providers (one approved for children), a stay
limit of 90 nights and 0 for families with children, and five placements of five
demo households, of which one family with a child is past the limit. The decisions
the placements rest on are granting decisions of the demo cases.

Idempotent: a municipality that already has a provider is left as it is."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.models import Decision, HouseholdRelation, LegalBasis, Situation
from boligtorg.cases.services.applications import (
    application_create,
    household_create,
    person_create,
)
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.identity import fictitious_national_id

from ..models import Provider
from ..services import (
    agreement_add,
    inspection_add,
    placement_create,
    provider_create,
    stay_limit_set,
)

# (last name, nights ago, with a child, at the family provider)
HOUSEHOLDS = [
    ("Nilsen", 120, False, False),
    ("Dahl", 40, False, False),
    ("Lund", 12, True, True),
    ("Moen", 5, False, False),
    ("Berg", 0, False, True),
]


def load(municipality: Municipality, caseworker: User) -> int:
    """Two providers and five placements; returns the number of placements."""
    if Provider.objects.filter(municipality=municipality).exists():
        return 0
    actor = Actor(user=caseworker, municipality=municipality, roles=frozenset({Role.CASEWORKER}))
    rng = random.Random(f"boligtorg-demo-accommodation:{municipality.code}")  # noqa: S311
    today = timezone.localdate()
    two_years_ago = today - datetime.timedelta(days=730)
    hostel = provider_create(
        actor=actor, name="Sentrum Hostel", address="Kongens gate 1", org_number="987654321"
    )
    agreement_add(
        actor=actor,
        provider=hostel,
        valid_from=two_years_ago,
        standard="Eget rom med lås, felles kjøkken og bad.",
        house_rules="Ro etter kl. 23. Ingen besøk etter kl. 22.",
        price_per_night=Decimal("650.00"),
        approved_for_children=False,
    )
    inspection_add(
        actor=actor,
        provider=hostel,
        inspected_on=today - datetime.timedelta(days=60),
        result="deviations",
        note="Brannslukker manglet i 2. etasje; utbedret.",
    )
    family = provider_create(actor=actor, name="Familiehuset", address="Elvegata 14")
    agreement_add(
        actor=actor,
        provider=family,
        valid_from=two_years_ago,
        standard="Leilighet med eget kjøkken og bad.",
        price_per_night=Decimal("1100.00"),
        approved_for_children=True,
    )
    stay_limit_set(actor=actor, valid_from=two_years_ago, nights=90, nights_with_children=0)
    basis = LegalBasis.objects.filter(country=municipality.country).first() or (
        LegalBasis.objects.create(country=municipality.country, code="demo", title="Demo")
    )
    for last_name, nights_ago, with_child, at_family in HOUSEHOLDS:
        main = person_create(
            actor=actor,
            first_name="Demo",
            last_name=last_name,
            national_id=fictitious_national_id(municipality.country, rng),
        )
        members = [(main, HouseholdRelation.MAIN_APPLICANT)]
        if with_child:
            child = person_create(
                actor=actor,
                first_name="Barn",
                last_name=last_name,
                date_of_birth=today - datetime.timedelta(days=365 * 7),
            )
            members.append((child, HouseholdRelation.CHILD))
        household = household_create(actor=actor, members=members)
        application = application_create(
            actor=actor, household=household, situation=Situation.WITHOUT_DWELLING
        )
        starts_on = today - datetime.timedelta(days=nights_ago)
        decision = Decision.objects.create(
            application=application,
            outcome="granted",
            reasons="Uten bolig; midlertidig botilbud til varig bolig er funnet.",
            legal_basis=basis,
            decided_on=starts_on,
            received_on=starts_on,
            letter_language="nb",
            decided_by=caseworker,
        )
        placement_create(
            actor=actor,
            application=application,
            provider=family if at_family else hostel,
            starts_on=starts_on,
            members=household.members.all(),
            decision=decision,
        )
    return len(HOUSEHOLDS)
