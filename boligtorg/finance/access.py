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

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from boligtorg.core.models import Country, Role
from boligtorg.core.permissions import Actor

READ_ROLES = (Role.LOAN_OFFICER, Role.MANAGER)
WRITE_ROLES = (Role.LOAN_OFFICER,)
DECIDE_ROLES = (Role.LOAN_OFFICER, Role.MANAGER)
# The dated reference data (rates, price limits) is the municipality's policy.
REFERENCE_ROLES = (Role.LOAN_OFFICER, Role.MUNICIPALITY_ADMIN, Role.MANAGER)
# The yearly report to Husbanken has exact figures (not suppressed): only for those who
# prepare and submit it. The public statistics page shows the same figures suppressed.
REPORT_ROLES = (Role.LOAN_OFFICER, Role.MANAGER, Role.PLANNER)


def can_read(actor: Actor) -> bool:
    return actor.has_role(*READ_ROLES)


def can_write(actor: Actor) -> bool:
    return actor.has_role(*WRITE_ROLES)


def can_decide(actor: Actor) -> bool:
    return actor.has_role(*DECIDE_ROLES)


def require_same(actor: Actor, obj: object) -> None:
    """Refuse a write to another municipality's object as if it did not exist."""
    if getattr(obj, "municipality_id", None) != getattr(actor.municipality, "pk", None):
        raise PermissionDenied


# Norway has start loans and grants (Husbanken); Denmark has deposit loans
# (indskudslån). Each country's pages answer 404 in the other's municipalities:
# nothing Norwegian shows in a Danish municipality, and the reverse.
START_LOAN_COUNTRY = Country.NORWAY
DEPOSIT_LOAN_COUNTRY = Country.DENMARK


def country_only(country: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: 404 when the current municipality is not in ``country``.
    Without an actor in a municipality it leaves the answer to the view (login,
    403), so it can wrap a view from outside ``role_required`` (the URLconf)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            actor = getattr(request, "actor", None)
            municipality = getattr(actor, "municipality", None)
            if municipality is not None and municipality.country != country:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
