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


def _search(municipality: Municipality) -> int:
    from boligtorg.cases.factories import HouseholdFactory
    from boligtorg.core.factories import UserFactory

    from ..models import SearchCase

    return SearchCase.objects.create(
        municipality=municipality,
        household=HouseholdFactory(municipality=municipality),
        needs="Two bedrooms",
        max_rent=10000,
        opened_on="2026-01-05",
        created_by=UserFactory(),
    ).pk


register("rental_search_id", _search)


def _claim(municipality: Municipality) -> int:
    from .factories import ClaimFactory, GuaranteeFactory

    return ClaimFactory(guarantee=GuaranteeFactory(municipality=municipality)).pk


register("rental_claim_id", _claim)
