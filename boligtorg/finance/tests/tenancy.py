"""Makers for the tenancy walk of the finance pages' URL parameters (see
``boligtorg.core.testing.tenancy``)."""

from boligtorg.core.models import Municipality
from boligtorg.core.testing.tenancy import register


def _financing(municipality: Municipality) -> int:
    from .factories import FinancingCaseFactory

    return FinancingCaseFactory(municipality=municipality).pk


def _economy_line(municipality: Municipality) -> int:
    from .factories import EconomyLineFactory, FinancingCaseFactory

    return EconomyLineFactory(case=FinancingCaseFactory(municipality=municipality)).pk


def _rent_to_own(municipality: Municipality) -> int:
    from .factories import RentToOwnAgreementFactory

    return RentToOwnAgreementFactory(municipality=municipality).pk


register("financing_id", _financing)
register("economy_line_id", _economy_line)
register("rent_to_own_id", _rent_to_own)
