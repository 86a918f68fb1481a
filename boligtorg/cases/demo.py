"""Synthetic demo cases: invented persons with fictitious national ids, never real people."""

import datetime
import random

from django.utils import timezone

from boligtorg.core.models import Municipality, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.identity import fictitious_national_id

from .models import Application, Consent, HouseholdRelation, Situation, TargetGroup
from .services.applications import (
    application_create,
    application_submit,
    household_address_update,
    household_create,
    person_create,
    target_groups_ensure,
)
from .services.team import consent_record

FIRST_NAMES = ["Ole", "Amina", "Jonas", "Sara", "Ahmed", "Ingrid", "Mohammed", "Nora", "Per", "Liv"]
LAST_NAMES = ["Hansen", "Ali", "Berg", "Johansen", "Haile", "Olsen", "Nilsen", "Yusuf", "Dahl"]
CASES_PER_MUNICIPALITY = 12
# Who the demo applicants consent to share with, in the municipality's language.
CONSENT_SERVICES = {"NO": "Boligkontoret, NAV", "DK": "Boligkontoret, Jobcenter"}
CONSENT_VALIDITY = datetime.timedelta(days=730)
# Fictitious postal addresses: a street and a postcode per country, the town the
# municipality's name; every sixth household has no fixed address and a contact point.
DEMO_STREETS = {"NO": ("Storgata", "7011"), "DK": ("Adelgade", "8660")}
CONTACT_POINTS = {"NO": "NAV", "DK": "Jobcenter"}


def demo_consent(
    actor: Actor, application: Application, given_on: datetime.date, **covers: bool
) -> Consent:
    """The applicant's consent, recorded the one way (``consent_record``), given on
    ``given_on`` for two years; ``covers``: ``covers_health=True`` and the like."""
    country = actor.municipality.country if actor.municipality else "NO"
    return consent_record(
        actor=actor,
        application=application,
        services=CONSENT_SERVICES.get(country, CONSENT_SERVICES["NO"]),
        given_on=given_on,
        valid_until=given_on + CONSENT_VALIDITY,
        **covers,
    )


def _demo_address(actor: Actor, application: Application, n: int) -> None:
    country = application.municipality.country
    street, postcode = DEMO_STREETS.get(country, DEMO_STREETS["NO"])
    town = application.municipality.name
    homeless = n % 6 == 5
    household_address_update(
        actor=actor,
        application=application,
        address_street=f"{street} {n + 1}",
        address_postcode=postcode,
        address_town=town,
        address_care_of=f"{CONTACT_POINTS.get(country, 'NAV')} {town}" if homeless else "",
        no_fixed_address=homeless,
    )


def load(municipality: Municipality, caseworker: User) -> int:
    """Give the municipality its target groups and, once, a dozen demo cases."""
    target_groups_ensure(municipality=municipality)
    if Application.objects.filter(municipality=municipality).exists():
        return 0
    actor = Actor(user=caseworker, municipality=municipality, roles=frozenset({"caseworker"}))
    rng = random.Random(f"boligtorg-demo-cases:{municipality.code}")  # noqa: S311
    groups = list(TargetGroup.objects.filter(municipality=municipality))
    today = timezone.localdate()
    for n in range(CASES_PER_MUNICIPALITY):
        person = person_create(
            actor=actor,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            national_id=fictitious_national_id(municipality.country, rng),
        )
        household = household_create(
            actor=actor, members=[(person, HouseholdRelation.MAIN_APPLICANT)]
        )
        application = application_create(
            actor=actor,
            household=household,
            target_groups=rng.sample(groups, k=min(len(groups), rng.randint(1, 2))),
            situation=rng.choice(Situation.values),
            min_bedrooms=rng.randint(0, 3),
            household_income=rng.randrange(120_000, 480_000, 10_000),
        )
        _demo_address(actor, application, n)
        if rng.random() < 0.8:
            received = today - datetime.timedelta(days=rng.randint(1, 70))
            # Every third applicant also consents to the team seeing health information.
            demo_consent(actor, application, received, covers_health=n % 3 == 0)
            application_submit(actor=actor, application=application, received_on=received)
    return CASES_PER_MUNICIPALITY
