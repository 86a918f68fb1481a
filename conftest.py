"""Shared personas (see STYLE.md): Kari the caseworker, Per the read-only auditor and
Tone the administrator in Trondheim; Sven the caseworker in Skanderborg."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from boligtorg.core.factories import MunicipalityFactory, actor_for, member
from boligtorg.core.models import Country, Role

# Property tests check rules, not speed: no per-example deadline (a loaded CI machine
# would otherwise fail them at random). Speed lives in bench/.
hypothesis_settings.register_profile("boligtorg", deadline=None)
hypothesis_settings.load_profile("boligtorg")

# The day in the municipality's time zone when this run began. Many test modules take
# "today" once, at import; a run that passes midnight in Oslo (23:00 UTC in winter)
# would otherwise compare yesterday's dates with today's.
RUN_DAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _the_day_the_run_began():
    """Keep the clock on the day the run began: after local midnight, every test runs
    with the clock set back by whole days (and still ticking), so dates taken at import
    and dates taken in the test agree. The live server's threads share the clock."""
    behind = (timezone.localdate() - RUN_DAY).days
    if behind <= 0:
        yield
        return
    with time_machine.travel(timezone.now() - datetime.timedelta(days=behind), tick=True):
        yield


@pytest.fixture
def english(client):
    """Django's test client with the UI in English, for assertions on visible text
    (the UI's default is bokmål, and Accept-Language is ignored on purpose)."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def english_messages():
    """Messages made outside a request (services, selectors) in English, the
    source language, for tests that assert their text."""
    with translation.override("en"):
        yield


@pytest.fixture
def trondheim(db):
    return MunicipalityFactory(name="Trondheim", country=Country.NORWAY, code="5001")


@pytest.fixture
def skanderborg(db):
    return MunicipalityFactory(name="Skanderborg", country=Country.DENMARK, code="746")


@pytest.fixture
def kari(trondheim):
    return member("kari", trondheim, Role.CASEWORKER, first_name="Kari", last_name="Nordmann")


@pytest.fixture
def per(trondheim):
    return member("per", trondheim, Role.AUDITOR, first_name="Per", last_name="Vik")


@pytest.fixture
def tone(trondheim):
    return member("tone", trondheim, Role.MUNICIPALITY_ADMIN, first_name="Tone", last_name="Aas")


@pytest.fixture
def sven(skanderborg):
    return member("sven", skanderborg, Role.CASEWORKER, first_name="Sven", last_name="Madsen")


@pytest.fixture
def mette(skanderborg):
    return member(
        "mette", skanderborg, Role.MUNICIPALITY_ADMIN, first_name="Mette", last_name="Lund"
    )


@pytest.fixture
def tone_actor(tone, trondheim):
    return actor_for(tone, trondheim)


@pytest.fixture
def ole(trondheim):
    """Ole the applicant in Trondheim (a person, not a user)."""
    from boligtorg.cases.factories import PersonFactory

    return PersonFactory(municipality=trondheim, first_name="Ole", last_name="Hansen")


@pytest.fixture
def ole_case(ole, kari):
    """Ole's submitted application, with Kari as caseworker."""
    import datetime

    from django.utils import timezone

    from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory

    household = HouseholdFactory(municipality=ole.municipality, main=ole)
    return ApplicationFactory(
        municipality=ole.municipality,
        household=household,
        caseworker=kari,
        status="submitted",
        received_on=timezone.localdate() - datetime.timedelta(days=10),
    )
