"""Who may read and change temporary accommodation: the app's one policy place.

- Caseworkers do the work: the provider register, agreements, inspections,
  placements and the municipality's stay limits.
- Managers read the register, the list of who stays now and the figures.
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
