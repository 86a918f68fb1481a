"""The tenancy harness: every URL of the project, requested by a user of
municipality B against objects of municipality A, must answer 403 or 404.

Each URL parameter name maps to a maker that creates an object of the given
municipality and returns the value to put in the URL. A new module that adds a
URL with a new parameter registers its maker here (``register``); a parameter
without a maker fails the walk, so no URL escapes the check.
"""

from collections.abc import Callable

from boligtorg.core.factories import MembershipFactory, UserFactory
from boligtorg.core.models import Municipality, Role

Maker = Callable[[Municipality], object]
MAKERS: dict[str, Maker] = {}

# Sub-trees that are not per-municipality by design, each with its reason.
EXCLUDED_PREFIXES: dict[str, str] = {
    "admin/": "system administration: superusers only, across all municipalities",
    "static/": "public front-end files",
    "i18n/": "language switch: no objects",
}


def register(name: str, maker: Maker) -> None:
    if name in MAKERS:
        raise ValueError(f"a maker for URL parameter {name!r} is already registered")
    MAKERS[name] = maker


def _membership(municipality: Municipality) -> int:
    user = UserFactory(username=f"tenancy-{municipality.code}")
    return MembershipFactory(user=user, municipality=municipality, roles=[Role.CASEWORKER]).pk


register("membership_id", _membership)


def _application(municipality: Municipality) -> int:
    from boligtorg.cases.factories import ApplicationFactory

    return ApplicationFactory(municipality=municipality, status="submitted").pk


register("application_id", _application)


def _decision(municipality: Municipality) -> int:
    import datetime

    from boligtorg.cases.factories import ApplicationFactory
    from boligtorg.cases.models import Decision, LegalBasis

    application = ApplicationFactory(municipality=municipality, status="decided")
    day = datetime.date(2025, 3, 3)
    return Decision.objects.create(
        application=application,
        outcome="refused",
        reasons="Tenancy walk.",
        legal_basis=LegalBasis.objects.filter(country=municipality.country).first(),
        decided_on=day,
        received_on=day,
        letter_language="nb",
        decided_by=UserFactory(username=f"tenancy-decider-{municipality.code}"),
        letter="decisions/tenancy.pdf",
    ).pk


register("decision_id", _decision)


def _appeal(municipality: Municipality) -> int:
    import datetime

    from boligtorg.cases.models import Appeal, Decision

    decision = Decision.objects.get(pk=_decision(municipality))
    return Appeal.objects.create(
        decision=decision,
        received_on=datetime.date(2025, 3, 10),
        grounds="Tenancy walk.",
        summary="appeals/tenancy.pdf",
    ).pk


register("appeal_id", _appeal)


def _person(municipality: Municipality) -> int:
    from boligtorg.cases.factories import PersonFactory

    return PersonFactory(municipality=municipality).pk


def _household(municipality: Municipality) -> int:
    from boligtorg.cases.factories import HouseholdFactory

    return HouseholdFactory(municipality=municipality).pk


register("person_id", _person)
register("household_id", _household)


def _team_member(municipality: Municipality) -> int:
    from boligtorg.cases.factories import ApplicationFactory
    from boligtorg.cases.models import TeamMember

    user = UserFactory(username=f"tenancy-team-{municipality.code}")
    MembershipFactory(user=user, municipality=municipality, roles=[Role.FOLLOWUP_WORKER])
    application = ApplicationFactory(municipality=municipality)
    return TeamMember.objects.create(application=application, user=user, service="NAV").pk


def _consent(municipality: Municipality) -> int:
    import datetime

    from boligtorg.cases.factories import PersonFactory
    from boligtorg.cases.models import Consent

    return Consent.objects.create(
        person=PersonFactory(municipality=municipality),
        services="NAV",
        covers_health=True,
        given_on=datetime.date(2025, 1, 6),
        valid_until=datetime.date(2030, 1, 6),
        recorded_by=UserFactory(username=f"tenancy-consent-{municipality.code}"),
    ).pk


register("member_id", _team_member)
register("consent_id", _consent)


def _dwelling(municipality: Municipality) -> int:
    from boligtorg.housing.factories import DwellingFactory

    return DwellingFactory(municipality=municipality).pk


def _lease(municipality: Municipality) -> int:
    from boligtorg.housing.factories import LeaseFactory

    return LeaseFactory(municipality=municipality).pk


def _landlord(municipality: Municipality) -> int:
    from boligtorg.housing.factories import LandlordFactory

    return LandlordFactory(municipality=municipality).pk


register("dwelling_id", _dwelling)
register("lease_id", _lease)
register("landlord_id", _landlord)
