"""Makers for the tenancy walk of the houses pages' URL parameters (see
``boligtorg.core.testing.tenancy``). ``house_id`` is the allocation module's maker."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _house(municipality: Municipality, name: str):  # noqa: ANN202
    from boligtorg.followup.factories_houses import shared_house_with_residents

    house, people = shared_house_with_residents(
        municipality, name=f"{name} {municipality.code}", residents=(("Walk", "Resident"),)
    )
    return house, people[0]


def _contact(municipality: Municipality) -> int:
    from boligtorg.core.factories import MembershipFactory, UserFactory
    from boligtorg.core.models import Role
    from boligtorg.followup.factories_houses import HouseContactFactory

    house, _person = _house(municipality, "Kontakt")
    user = UserFactory(username=f"tenancy-house-contact-{municipality.code}")
    MembershipFactory(user=user, municipality=municipality, roles=[Role.FOLLOWUP_WORKER])
    return HouseContactFactory(shared_house=house, user=user).pk


def _representative(municipality: Municipality) -> int:
    import datetime

    from boligtorg.followup.models import HouseRepresentative

    house, person = _house(municipality, "Representant")
    return HouseRepresentative.objects.create(
        municipality=municipality,
        shared_house=house,
        person=person,
        basis="appointed",
        from_date=datetime.date(2026, 1, 5),
    ).pk


def _meeting(municipality: Municipality, name: str):  # noqa: ANN202
    from boligtorg.followup.factories_houses import ResidentMeetingFactory

    house, person = _house(municipality, name)
    meeting = ResidentMeetingFactory(shared_house=house, minutes="Walk minutes")
    meeting.attendees.add(person)
    return meeting


def _resident_meeting(municipality: Municipality) -> int:
    return _meeting(municipality, "Møte").pk


def _agreed_action(municipality: Municipality) -> int:
    from boligtorg.followup.factories_houses import AgreedActionFactory

    return AgreedActionFactory(meeting=_meeting(municipality, "Tiltak")).pk


def _house_rule(municipality: Municipality) -> int:
    from boligtorg.followup.factories_houses import HouseRuleFactory

    house, _person = _house(municipality, "Regler")
    return HouseRuleFactory(shared_house=house).pk


def _dugnad_task(municipality: Municipality) -> int:
    from boligtorg.followup.factories_houses import DugnadTaskFactory

    house, person = _house(municipality, "Dugnad")
    task = DugnadTaskFactory(shared_house=house)
    task.assigned.add(person)
    return task.pk


register("house_contact_id", _contact)
register("house_representative_id", _representative)
register("resident_meeting_id", _resident_meeting)
register("agreed_action_id", _agreed_action)
register("house_rule_id", _house_rule)
register("dugnad_task_id", _dugnad_task)
