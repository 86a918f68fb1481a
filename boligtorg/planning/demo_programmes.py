"""Synthetic demo data of the planning module's programmes part (loaded by
``boligtorg.core.demo``)."""

from boligtorg.core.models import Municipality, User


def load(municipality: Municipality, caseworker: User) -> int:
    """Nothing yet: this part's demo data comes with its pages."""
    return 0
