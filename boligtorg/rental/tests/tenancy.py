"""Makers for the tenancy walk of the rental pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _landlord(municipality: Municipality) -> int:
    from .factories import LandlordFactory

    return LandlordFactory(municipality=municipality).pk


def _guarantee(municipality: Municipality) -> int:
    from .factories import GuaranteeFactory

    return GuaranteeFactory(municipality=municipality).pk


register("rental_landlord_id", _landlord)
register("rental_guarantee_id", _guarantee)
