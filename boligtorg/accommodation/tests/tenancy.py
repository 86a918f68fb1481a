"""Makers for the tenancy walk of the accommodation pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _provider(municipality: Municipality) -> int:
    from boligtorg.core.factories import UserFactory

    from .factories import provider

    return provider(municipality, UserFactory(), name=f"Tenancy {municipality.code}").pk


def _application(municipality: Municipality) -> int:
    from boligtorg.cases.factories import ApplicationFactory

    return ApplicationFactory(municipality=municipality).pk


def _placement(municipality: Municipality) -> int:
    import datetime

    from boligtorg.core.factories import UserFactory

    from ..models import Placement
    from .factories import family_case, provider

    user = UserFactory()
    case = family_case(municipality, user, children=0)
    made = Placement.objects.create(
        municipality=municipality,
        application=case,
        provider=provider(municipality, user, name=f"Placement {municipality.code}"),
        starts_on=datetime.date(2026, 1, 1),
        price_per_night=0,
        emergency=True,
        created_by=user,
    )
    return made.pk


register("accommodation_provider_id", _provider)
register("accommodation_application_id", _application)
register("accommodation_placement_id", _placement)
