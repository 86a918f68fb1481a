"""Temporary accommodation (midlertidig botilbud): providers, agreements, inspections,
placements and stay limits (issue 26)."""

from .placements import Placement, StayLimit
from .providers import Inspection, InspectionResult, Provider, QualityAgreement

__all__ = [
    "Inspection",
    "InspectionResult",
    "Placement",
    "Provider",
    "QualityAgreement",
    "StayLimit",
]
