"""Makers for the tenancy walk of the programmes pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _programme(municipality: Municipality) -> int:
    from .factories_programmes import ProgrammeFactory

    return ProgrammeFactory(municipality=municipality, name="Canary-Trondheim-Only").pk


def _mapped_person(municipality: Municipality) -> int:
    from .factories_programmes import MappedPersonFactory, ProgrammeFactory

    return MappedPersonFactory(programme=ProgrammeFactory(municipality=municipality)).pk


def _project(municipality: Municipality) -> int:
    from .factories_programmes import ProgrammeFactory, ProjectFactory

    return ProjectFactory(programme=ProgrammeFactory(municipality=municipality)).pk


def _action_plan(municipality: Municipality) -> int:
    from .factories_programmes import ActionPlanFactory

    return ActionPlanFactory(municipality=municipality).pk


def _goal(municipality: Municipality) -> int:
    from .factories_programmes import ActionPlanFactory, MainGoalFactory

    return MainGoalFactory(plan=ActionPlanFactory(municipality=municipality)).pk


def _sub_goal(municipality: Municipality) -> int:
    from .factories_programmes import ActionPlanFactory, MainGoalFactory, SubGoalFactory

    goal = MainGoalFactory(plan=ActionPlanFactory(municipality=municipality))
    return SubGoalFactory(goal=goal).pk


def _activity(municipality: Municipality) -> int:
    from .factories_programmes import ActionPlanFactory, ActivityFactory, MainGoalFactory

    goal = MainGoalFactory(plan=ActionPlanFactory(municipality=municipality))
    return ActivityFactory(goal=goal).pk


def _status_report(municipality: Municipality) -> int:
    from .factories_programmes import ActionPlanFactory, StatusReportFactory

    return StatusReportFactory(plan=ActionPlanFactory(municipality=municipality)).pk


register("programme_id", _programme)
register("mapped_person_id", _mapped_person)
register("programme_project_id", _project)
register("action_plan_id", _action_plan)
register("plan_goal_id", _goal)
register("sub_goal_id", _sub_goal)
register("plan_activity_id", _activity)
register("status_report_id", _status_report)
