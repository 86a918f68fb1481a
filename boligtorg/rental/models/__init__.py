from .guarantees import (
    Claim,
    ClaimStatus,
    Guarantee,
    GuaranteeKind,
    GuaranteeLimit,
    Repayment,
)
from .landlords import Landlord, LandlordDwelling, LandlordKind
from .search import FoundDwelling, SearchCase, SearchOutcome, Viewing

__all__ = [
    "Claim",
    "ClaimStatus",
    "Guarantee",
    "GuaranteeKind",
    "GuaranteeLimit",
    "Landlord",
    "LandlordDwelling",
    "LandlordKind",
    "Repayment",
    "FoundDwelling",
    "SearchCase",
    "SearchOutcome",
    "Viewing",
]
