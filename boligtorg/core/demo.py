"""Synthetic demo data: two municipalities and a user for every role in each.

Every person here is invented. National ids come from
``boligtorg.domain.identity.fictitious_national_id``, seeded by the user name so
that they are the same on every machine.
"""

import random
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string

from boligtorg.domain.identity import fictitious_national_id

from .models import Country, Municipality, Role, User
from .services import membership_ensure, municipality_ensure, user_ensure

DEMO_PASSWORD = "boligtorg-demo"  # noqa: S105 - printed by ./dev run; demo data only


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    country: str
    roles: dict[str, tuple[str, ...]]  # municipality code -> roles


TRONDHEIM = ("Trondheim", Country.NORWAY, "5001")
SKANDERBORG = ("Skanderborg", Country.DENMARK, "746")
MUNICIPALITIES = (TRONDHEIM, SKANDERBORG)

NO, DK = Country.NORWAY, Country.DENMARK
DEMO_USERS = (
    DemoUser("kari", "Kari", "Nordmann", NO, {"5001": (Role.CASEWORKER,)}),
    DemoUser("anders", "Anders", "Berg", NO, {"5001": (Role.ALLOCATION_MEMBER,)}),
    DemoUser("fatima", "Fatima", "Haugen", NO, {"5001": (Role.FOLLOWUP_WORKER,)}),
    DemoUser("lars", "Lars", "Moen", NO, {"5001": (Role.LOAN_OFFICER,)}),
    DemoUser("ingrid", "Ingrid", "Lie", NO, {"5001": (Role.PLANNER,)}),
    DemoUser("tone", "Tone", "Aas", NO, {"5001": (Role.MUNICIPALITY_ADMIN,)}),
    DemoUser("per", "Per", "Vik", NO, {"5001": (Role.AUDITOR,)}),
    DemoUser("mona", "Mona", "Dahl", NO, {"5001": (Role.MANAGER,), "746": (Role.MANAGER,)}),
    DemoUser("sven", "Sven", "Madsen", DK, {"746": (Role.CASEWORKER,)}),
    DemoUser("lise", "Lise", "Holm", DK, {"746": (Role.ALLOCATION_MEMBER,)}),
    DemoUser("mads", "Mads", "Krog", DK, {"746": (Role.FOLLOWUP_WORKER,)}),
    DemoUser("karen", "Karen", "Skov", DK, {"746": (Role.LOAN_OFFICER,)}),
    DemoUser("anne", "Anne", "Bech", DK, {"746": (Role.PLANNER,)}),
    DemoUser("mette", "Mette", "Lund", DK, {"746": (Role.MUNICIPALITY_ADMIN,)}),
    DemoUser("niels", "Niels", "Dam", DK, {"746": (Role.AUDITOR,)}),
)


def demo_national_id(username: str, country: str) -> str:
    return fictitious_national_id(country, random.Random(f"boligtorg-demo:{username}"))  # noqa: S311


def load_demo_data() -> list[tuple[str, str]]:
    """Create what is missing; return (username, description) for each login."""
    municipalities = {
        code: municipality_ensure(name=name, country=country, code=code)
        for name, country, code in MUNICIPALITIES
    }
    logins = []
    for demo in DEMO_USERS:
        user = user_ensure(
            username=demo.username,
            first_name=demo.first_name,
            last_name=demo.last_name,
            password=DEMO_PASSWORD,
            national_id=demo_national_id(demo.username, demo.country),
        )
        places = []
        for code, roles in demo.roles.items():
            membership_ensure(user=user, municipality=municipalities[code], roles=roles)
            labels = ", ".join(str(Role(role).label) for role in roles)
            places.append(f"{municipalities[code].name}: {labels}")
        logins.append((demo.username, "; ".join(places)))
    user_ensure(
        username="admin",
        first_name="System",
        last_name="Administrator",
        password=DEMO_PASSWORD,
        is_superuser=True,
    )
    logins.append(("admin", "system administrator (/admin/)"))
    _load_module_demo_data(municipalities)
    return logins


# Each module's demo loader: load(municipality, caseworker) -> number created.
MODULE_LOADERS = (
    "boligtorg.cases.demo.load",
    "boligtorg.housing.demo.load",
    "boligtorg.allocation.demo.load",
    "boligtorg.followup.demo.load",
    "boligtorg.followup.demo_houses.load",
    "boligtorg.followup.demo_career.load",
    "boligtorg.planning.demo_areas.load",
    "boligtorg.planning.demo_programmes.load",
    "boligtorg.finance.demo.cases.load",
    "boligtorg.finance.demo.rent_to_own.load",
    "boligtorg.finance.demo.deposit.load",
    "boligtorg.finance.demo.guideline.load",
    "boligtorg.settlement.demo.numbers.load",
    "boligtorg.settlement.demo.proposals.load",
    "boligtorg.settlement.demo.readiness.load",
    "boligtorg.accommodation.demo.placements.load",
    "boligtorg.rental.demo.landlords.load",
)
CASEWORKERS = {"5001": "kari", "746": "sven"}


def _load_module_demo_data(municipalities: dict[str, Municipality]) -> None:
    # Texts stored with the data (timeline lines) are written in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        for path in MODULE_LOADERS:
            loader = import_string(path)
            for code, municipality in municipalities.items():
                loader(municipality, User.objects.get(username=CASEWORKERS[code]))
