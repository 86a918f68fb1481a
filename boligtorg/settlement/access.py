"""Who may read and change the settlement work: the settlement app's one policy place.

- Caseworkers do the settlement work (Trondheim's housing office and refugee service):
  they register the yearly numbers and the persons proposed, answer IMDi or the
  Immigration Service, reserve dwellings and settle households.
- Allocation members see the arrivals and may reserve a dwelling in the meeting.
- Managers and planners read the figures and the forecast.
- Health needs (special category) only with the person's consent to share the
  mapping, for the settlement team, and once a housing case exists only with access
  to that case (``boligtorg.cases.access``).
"""

from __future__ import annotations

from boligtorg.cases.access import can_read as can_read_case
from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor

WRITE_ROLES = (Role.CASEWORKER,)
READ_ROLES = (Role.CASEWORKER, Role.ALLOCATION_MEMBER, Role.MANAGER, Role.PLANNER)
RESERVE_ROLES = (Role.CASEWORKER, Role.ALLOCATION_MEMBER)
FIGURE_ROLES = (Role.CASEWORKER, Role.MANAGER, Role.PLANNER)


def can_read(actor: Actor) -> bool:
    return actor.has_role(*READ_ROLES)


def can_write(actor: Actor) -> bool:
    return actor.has_role(*WRITE_ROLES)


def can_reserve(actor: Actor) -> bool:
    return actor.has_role(*RESERVE_ROLES)


def can_see_figures(actor: Actor) -> bool:
    return actor.has_role(*FIGURE_ROLES)


def can_see_health(actor: Actor, proposal: object) -> bool:
    """The special-category field: consent given, settlement team, and case access
    once the household has a housing case."""
    if not actor.has_role(*WRITE_ROLES) or getattr(proposal, "consent_on", None) is None:
        return False
    application = getattr(proposal, "application", None)
    return application is None or can_read_case(actor, application)
