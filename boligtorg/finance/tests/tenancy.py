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


register("financing_id", _financing)
register("economy_line_id", _economy_line)


def _deposit_loan(municipality: Municipality) -> int:
    from .factories import DepositLoanFactory

    return DepositLoanFactory(municipality=municipality).pk


register("deposit_loan_id", _deposit_loan)
