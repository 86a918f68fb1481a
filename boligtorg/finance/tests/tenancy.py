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


def _price_limit(municipality: Municipality) -> int:
    import datetime

    from ..models import PriceLimit

    return PriceLimit.objects.create(
        municipality=municipality,
        household_size=1,
        max_price=2_000_000,
        valid_from=datetime.date(2026, 1, 1),
    ).pk


def _rent_to_own(municipality: Municipality) -> int:
    from .factories import RentToOwnAgreementFactory

    return RentToOwnAgreementFactory(municipality=municipality).pk


register("financing_id", _financing)
register("price_limit_id", _price_limit)
register("economy_line_id", _economy_line)


def _handover(municipality: Municipality) -> int:
    from boligtorg.core.factories import UserFactory
    from boligtorg.finance.models import HandOver

    return HandOver.objects.create(municipality=municipality, created_by=UserFactory()).pk


register("handover_id", _handover)
register("rent_to_own_id", _rent_to_own)


def _deposit_loan(municipality: Municipality) -> int:
    from .factories import DepositLoanFactory

    return DepositLoanFactory(municipality=municipality).pk


register("deposit_loan_id", _deposit_loan)


def _guideline(municipality: Municipality) -> int:
    import datetime

    from django.core.files.base import ContentFile

    from boligtorg.core.factories import UserFactory

    from ..models import StartLoanGuideline

    row = StartLoanGuideline(
        municipality=municipality,
        valid_from=datetime.date(2026, 1, 1),
        adopted_on=datetime.date(2025, 12, 1),
        case_reference="PS 1/26",
        created_by=UserFactory(),
    )
    row.document.save("guideline.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    row.save()
    return row.pk


register("guideline_id", _guideline)
