"""Writes of temporary accommodation."""

from .placements import placement_create, placement_end, stay_limit_set
from .providers import agreement_add, inspection_add, provider_create

__all__ = [
    "agreement_add",
    "inspection_add",
    "placement_create",
    "placement_end",
    "provider_create",
    "stay_limit_set",
]
