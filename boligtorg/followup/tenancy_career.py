"""Makers for the tenancy walk of the career pages' URL parameters (see
``boligtorg.core.testing.tenancy``). ``application_id``, ``decision_id``,
``lease_id`` and ``person_id`` are the core harness's."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _condition(municipality: Municipality) -> int:
    from .factories_career import condition_of_granted_decision

    return condition_of_granted_decision(municipality).pk


register("condition_id", _condition)
