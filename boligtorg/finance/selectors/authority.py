"""Reads of the delegated decision authority (delegert vedtaksmyndighet): what a role
may decide on a day, and who may decide a decision that is above someone's limit.

The default, where a municipality has written no row for a role on a day: the role
keeps the authority it has always had in Boligtorg, a decision of any amount
(``access.DECIDE_ROLES``). A municipality that writes nothing works as before; one
that writes a loan officer's limits alone leaves the manager without a limit, the
usual delegation ("up to 2 000 000 kr the loan officer, above that the manager").
To take a role's authority away, write its limits as 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from boligtorg.core.models import Municipality, Role, User

from ..access import DECIDE_ROLES
from ..models import DecisionAuthority


@dataclass(frozen=True)
class Authority:
    """A role's limits on a day (None: no limit) and the row they come from (None:
    no row, the default)."""

    role: str
    max_loan: Decimal | None = None
    max_grant: Decimal | None = None
    row: DecisionAuthority | None = None

    def covers(self, *, loan: Decimal, grant: Decimal) -> bool:
        """True when both amounts are at or under their limits (a limit is inclusive:
        up to and including the amount)."""
        return (self.max_loan is None or loan <= self.max_loan) and (
            self.max_grant is None or grant <= self.max_grant
        )

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def _in_force(on: datetime.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def authorities_on(*, municipality: Municipality, on: datetime.date) -> dict[str, Authority]:
    """Each deciding role's authority on ``on`` (one query)."""
    rows = {
        row.role: row
        for row in DecisionAuthority.objects.filter(
            _in_force(on), municipality=municipality
        ).order_by("valid_from")
    }
    result = {}
    for role in DECIDE_ROLES:
        row = rows.get(role)
        result[role] = Authority(role, row.max_loan, row.max_grant, row) if row else Authority(role)
    return result


def actor_authority(
    *, municipality: Municipality, roles: frozenset[str], on: datetime.date
) -> list[Authority]:
    """The authorities of the deciding roles among ``roles`` on ``on``."""
    return [
        a for role, a in authorities_on(municipality=municipality, on=on).items() if role in roles
    ]


def authority_list(*, municipality: Municipality) -> QuerySet[DecisionAuthority]:
    """Every row, current and past, by role and newest first."""
    return DecisionAuthority.objects.filter(municipality=municipality).order_by(
        "role", "-valid_from"
    )


@dataclass(frozen=True)
class DecidersInstead:
    """Who may decide amounts above someone's limit: the roles whose authority
    covers them, and the people holding those roles (not ``excluded``)."""

    roles: list[str]
    people: list[str]


def deciders_instead(
    *,
    municipality: Municipality,
    on: datetime.date,
    loan: Decimal,
    grant: Decimal,
    excluded: tuple[int, ...] = (),
) -> DecidersInstead:
    authorities = authorities_on(municipality=municipality, on=on)
    roles = [role for role, a in authorities.items() if a.covers(loan=loan, grant=grant)]
    users = (
        User.objects.filter(
            memberships__municipality=municipality,
            memberships__is_active=True,
            memberships__roles__role__in=roles,
            is_active=True,
        )
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return DecidersInstead(
        roles=[authorities[role].role_label for role in roles],
        people=[str(user) for user in users] if roles else [],
    )
