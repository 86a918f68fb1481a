"""Makers for the tenancy walk of the areas pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _planning_area(municipality: Municipality):  # noqa: ANN202
    from boligtorg.planning.factories_areas import HousingAreaFactory, PlanningAreaFactory

    return PlanningAreaFactory(
        municipality=municipality, area=HousingAreaFactory(municipality=municipality)
    )


def _criterion_set(municipality: Municipality) -> int:
    import datetime

    from boligtorg.planning.models import CriterionSet

    return CriterionSet.objects.create(
        municipality=municipality,
        kind="vulnerable",
        name="Walk set",
        valid_from=datetime.date(2018, 12, 1),
    ).pk


def _group(municipality: Municipality):  # noqa: ANN202
    from boligtorg.planning.factories_areas import CoordinationGroupFactory

    return CoordinationGroupFactory(area=_planning_area(municipality))


def _member(municipality: Municipality) -> int:
    from boligtorg.planning.factories_areas import GroupMemberFactory

    return GroupMemberFactory(group=_group(municipality)).pk


def _meeting(municipality: Municipality):  # noqa: ANN202
    from boligtorg.planning.factories_areas import GroupMeetingFactory

    return GroupMeetingFactory(group=_group(municipality), minutes="Walk minutes")


def _action(municipality: Municipality) -> int:
    from boligtorg.planning.factories_areas import MeetingActionFactory

    return MeetingActionFactory(meeting=_meeting(municipality)).pk


register("planning_area_id", lambda municipality: _planning_area(municipality).pk)
register("criterion_set_id", _criterion_set)
register("coordination_group_id", lambda municipality: _group(municipality).pk)
register("group_member_id", _member)
register("group_meeting_id", lambda municipality: _meeting(municipality).pk)
register("meeting_action_id", _action)
