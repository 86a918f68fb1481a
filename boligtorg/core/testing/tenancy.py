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
    "password/reset/": "reset by e-mail: the signed token of the link is the access, for anyone "
    "holding it (core/tests/test_password_reset.py)",
}


def register(name: str, maker: Maker) -> None:
    if name in MAKERS:
        raise ValueError(f"a maker for URL parameter {name!r} is already registered")
    MAKERS[name] = maker


def _membership(municipality: Municipality) -> int:
    user = UserFactory(username=f"tenancy-{municipality.code}")
    return MembershipFactory(user=user, municipality=municipality, roles=[Role.CASEWORKER]).pk


register("membership_id", _membership)


def _notification(municipality: Municipality) -> int:
    import datetime

    from boligtorg.core.models import Notification

    user = UserFactory(username=f"tenancy-reminded-{municipality.code}")
    return Notification.objects.create(
        municipality=municipality,
        recipient=user,
        kind="tenancy",
        object_type="core.user",
        object_id=str(user.pk),
        due_on=datetime.date(2026, 1, 5),
        message="Tenancy walk",
    ).pk


register("notification_id", _notification)


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


def _access_request(municipality: Municipality) -> int:
    from boligtorg.cases.factories import ApplicationFactory
    from boligtorg.cases.models import AccessRequest

    user = UserFactory(username=f"tenancy-access-{municipality.code}")
    MembershipFactory(user=user, municipality=municipality, roles=[Role.FOLLOWUP_WORKER])
    application = ApplicationFactory(municipality=municipality)
    return AccessRequest.objects.create(application=application, worker=user, reason="Walk").pk


register("member_id", _team_member)
register("consent_id", _consent)
register("request_id", _access_request)


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


# Allocation -----------------------------------------------------------------------------


def _allocation_meeting(municipality: Municipality) -> object:
    import datetime

    from boligtorg.allocation.factories import rule_set
    from boligtorg.allocation.models import AgendaItem, Meeting
    from boligtorg.housing.factories import DwellingFactory

    rules = rule_set(municipality, name=f"Tenancy {municipality.code}")
    meeting = Meeting.objects.create(
        municipality=municipality, held_on=datetime.date(2026, 1, 5), rule_set=rules
    )
    AgendaItem.objects.create(meeting=meeting, dwelling=DwellingFactory(municipality=municipality))
    return meeting


def _meeting(municipality: Municipality) -> int:
    return _allocation_meeting(municipality).pk  # type: ignore[attr-defined]


def _agenda_item(municipality: Municipality) -> int:
    return _allocation_meeting(municipality).items.get().pk  # type: ignore[attr-defined]


def _granted(municipality: Municipality) -> object:
    from boligtorg.allocation.factories import granted_application

    user = UserFactory()
    MembershipFactory(user=user, municipality=municipality, roles=[Role.CASEWORKER])
    return granted_application(municipality, user)


def _constraint(municipality: Municipality) -> int:
    from boligtorg.allocation.models import PairConstraint

    meeting = _allocation_meeting(municipality)
    item = meeting.items.get()  # type: ignore[attr-defined]
    return PairConstraint.objects.create(
        meeting=meeting, kind="forbid", application=_granted(municipality), dwelling=item.dwelling
    ).pk


def _parking(municipality: Municipality) -> int:
    import datetime

    from boligtorg.allocation.models import Parking

    return Parking.objects.create(
        application=_granted(municipality), reason="Tenancy walk.", until=datetime.date(2099, 1, 1)
    ).pk


def _offer(municipality: Municipality) -> int:
    import datetime

    from boligtorg.allocation.models import Offer
    from boligtorg.housing.factories import DwellingFactory

    day = datetime.date(2026, 1, 5)
    return Offer.objects.create(
        municipality=municipality,
        dwelling=DwellingFactory(municipality=municipality),
        application=_granted(municipality),
        offered_on=day,
        deadline=day + datetime.timedelta(days=7),
    ).pk


def _rule_set(municipality: Municipality) -> int:
    from boligtorg.allocation.factories import rule_set

    return rule_set(municipality, name=f"Tenancy rules {municipality.code}").pk


def _area_cap(municipality: Municipality) -> int:
    from boligtorg.allocation.factories import rule_set
    from boligtorg.allocation.models import AreaCap
    from boligtorg.housing.models import Area

    rules = rule_set(municipality, name=f"Tenancy caps {municipality.code}")
    area = Area.objects.create(municipality=municipality, name=f"Område {municipality.code}")
    return AreaCap.objects.create(rule_set=rules, area=area, limit=2).pk


register("meeting_id", _meeting)
register("item_id", _agenda_item)
register("constraint_id", _constraint)
register("parking_id", _parking)
register("offer_id", _offer)
register("rule_set_id", _rule_set)
register("cap_id", _area_cap)


def _proposal(municipality: Municipality) -> int:
    from boligtorg.allocation.models import Proposal

    meeting = _allocation_meeting(municipality)
    return Proposal.objects.create(
        meeting=meeting, number=1, policy="best_fit", objective=0, method="assignment"
    ).pk


register("proposal_id", _proposal)


def _shared_house(municipality: Municipality) -> int:
    from boligtorg.housing.models import SharedHouse

    return SharedHouse.objects.create(municipality=municipality, name=f"Hus {municipality.code}").pk


def _house_slot(municipality: Municipality) -> int:
    from boligtorg.allocation.models import HouseRules, HouseSlot
    from boligtorg.housing.models import SharedHouse

    house = SharedHouse.objects.create(municipality=municipality, name=f"Rom {municipality.code}")
    rules = HouseRules.objects.create(shared_house=house)
    return HouseSlot.objects.create(rules=rules, label="Ung", count=1).pk


register("house_id", _shared_house)
register("slot_id", _house_slot)


def _decline_reason(municipality: Municipality) -> int:
    from boligtorg.allocation.models import DeclineReason

    return DeclineReason.objects.create(
        municipality=municipality, code=f"walk-{municipality.code}", label="Walk"
    ).pk


register("reason_id", _decline_reason)


# Each module keeps the makers of its own URL parameters.
import boligtorg.accommodation.tests.tenancy  # noqa: E402, F401
import boligtorg.finance.tests.tenancy  # noqa: E402, F401
import boligtorg.followup.tenancy  # noqa: E402, F401
import boligtorg.followup.tenancy_career  # noqa: E402, F401
import boligtorg.followup.tenancy_houses  # noqa: E402, F401
import boligtorg.planning.tenancy_areas  # noqa: E402, F401
import boligtorg.planning.tenancy_programmes  # noqa: E402, F401
import boligtorg.planning.tenancy_statistics  # noqa: E402, F401
import boligtorg.rental.tests.tenancy  # noqa: E402, F401
import boligtorg.settlement.tests.tenancy  # noqa: E402, F401
