"""Who may read and change the private rental work: the rental app's one policy place.

- Caseworkers do the work: landlords, guarantees, claims and repayments.
- Managers read the landlords and guarantees (figures).
"""

from __future__ import annotations

from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor

WRITE_ROLES = (Role.CASEWORKER,)
READ_ROLES = (Role.CASEWORKER, Role.MANAGER)


def can_read(actor: Actor) -> bool:
    return actor.has_role(*READ_ROLES)


def can_write(actor: Actor) -> bool:
    return actor.has_role(*WRITE_ROLES)
