"""Settling refugees: the yearly numbers, the persons proposed, and the dwellings
made ready for them (DOMAIN.md, "Settling refugees"; seeds 000 and 001)."""

from .numbers import QuotaSetBy, SettlementTarget, TargetKind
from .persons import (
    DeclineReason,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ProposedPerson,
)
from .readiness import Reservation, TemporaryResidence

__all__ = [
    "DeclineReason",
    "Proposal",
    "ProposalSource",
    "ProposalStatus",
    "ProposedPerson",
    "QuotaSetBy",
    "Reservation",
    "SettlementTarget",
    "TargetKind",
    "TemporaryResidence",
]
