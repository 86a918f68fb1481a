from .guarantees import (
    Claim,
    ClaimStatus,
    Guarantee,
    GuaranteeKind,
    GuaranteeLimit,
    Repayment,
)
from .landlords import Landlord, LandlordDwelling, LandlordKind

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
]
