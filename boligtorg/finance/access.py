"""Who may read and change financing cases: the finance app's one policy place.

- Loan officers work the cases: register, assess, recommend, record payouts.
- A decision is made by another person with delegated authority than the one who
  recommended (Husbanken's guidance; the service and the database both refuse the
  same person): a loan officer or the manager.
- Managers read every case for oversight. Every read of a case is audited.
- The household's history elsewhere in Boligtorg (tenancy, follow-up, arrears) is
  not shown here; only the case's own figures.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor

READ_ROLES = (Role.LOAN_OFFICER, Role.MANAGER)
WRITE_ROLES = (Role.LOAN_OFFICER,)
DECIDE_ROLES = (Role.LOAN_OFFICER, Role.MANAGER)
# The dated reference data (rates, price limits) is the municipality's policy.
REFERENCE_ROLES = (Role.LOAN_OFFICER, Role.MUNICIPALITY_ADMIN, Role.MANAGER)
# The yearly report to Husbanken has exact figures (not suppressed): only for those who
# prepare and submit it. The public statistics page shows the same figures suppressed.
REPORT_ROLES = (Role.LOAN_OFFICER, Role.MANAGER, Role.PLANNER)


def can_write(actor: Actor) -> bool:
    return actor.has_role(*WRITE_ROLES)


def can_decide(actor: Actor) -> bool:
    return actor.has_role(*DECIDE_ROLES)


def require_same(actor: Actor, obj: object) -> None:
    """Refuse a write to another municipality's object as if it did not exist."""
    if getattr(obj, "municipality_id", None) != getattr(actor.municipality, "pk", None):
        raise PermissionDenied
