"""Makers for the tenancy walk of the settlement pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

import datetime

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _target(municipality: Municipality) -> int:
    from .factories import SettlementTargetFactory

    return SettlementTargetFactory(municipality=municipality).pk


def _proposal(municipality: Municipality) -> int:
    from .factories import ProposedPersonFactory

    return ProposedPersonFactory(proposal__municipality=municipality).proposal_id


def _proposed_person(municipality: Municipality) -> int:
    from .factories import ProposedPersonFactory

    return ProposedPersonFactory(proposal__municipality=municipality).pk


def _reservation(municipality: Municipality) -> int:
    from .factories import ReservationFactory

    return ReservationFactory(proposal__municipality=municipality).pk


def _temporary_residence(municipality: Municipality) -> int:
    from boligtorg.core.factories import UserFactory
    from boligtorg.housing.models import Area

    from ..models import TemporaryResidence
    from .factories import ProposalFactory

    area, _ = Area.objects.get_or_create(municipality=municipality, name="Tenancy walk")
    return TemporaryResidence.objects.create(
        municipality=municipality,
        proposal=ProposalFactory(municipality=municipality),
        address="Midlertidig vej 1",
        area=area,
        from_on=datetime.date(2026, 7, 1),
        created_by=UserFactory(),
    ).pk


register("settlement_target_id", _target)
register("settlement_proposal_id", _proposal)
register("proposed_person_id", _proposed_person)
register("reservation_id", _reservation)
register("temporary_residence_id", _temporary_residence)
