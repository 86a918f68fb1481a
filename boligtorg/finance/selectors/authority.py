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
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor

from ..access import DECIDE_ROLES
from ..models import DecisionAuthority, FinancingDecision

ERROR_AUTHORITY = _(
    "This decision is above your delegated authority on %(date)s (%(limits)s): a start "
    "loan of %(loan)s kr and a grant of %(grant)s kr. %(instead)s"
)
AUTHORITY_LIMITS = _("%(role)s: start loans up to %(max_loan)s, grants up to %(max_grant)s")
AUTHORITY_NO_LIMIT = _("any amount")
AUTHORITY_INSTEAD = _("It may be decided by: %(roles)s (%(people)s).")
AUTHORITY_INSTEAD_NOBODY_HOLDS = _("It may be decided by: %(roles)s; nobody holds the role now.")
AUTHORITY_INSTEAD_NONE = _(
    "Nobody has authority for these amounts: the municipality must delegate it "
    "(finance settings, delegated authority)."
)


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


def _amount(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


def _limit(amount: Decimal | None) -> str:
    return str(AUTHORITY_NO_LIMIT) if amount is None else f"{_amount(amount)} kr"


def authority_shortfall(
    *, actor: Actor, decision: FinancingDecision, on: datetime.date
) -> str | None:
    """None when the actor's delegated authority in force on ``on`` covers the
    round's amounts; otherwise the refusal, naming the actor's limits and who may
    decide instead (never the actor, never the one who recommended). The decision
    service raises it; the decision page shows it before the decider tries."""
    loan, grant = Decimal(decision.loan_amount), Decimal(decision.grant_amount)
    municipality = actor.municipality
    mine = actor_authority(municipality=municipality, roles=actor.roles, on=on)
    if any(a.covers(loan=loan, grant=grant) for a in mine):
        return None
    instead = deciders_instead(
        municipality=municipality,
        on=on,
        loan=loan,
        grant=grant,
        excluded=(actor.user.pk, decision.recommended_by_id),
    )
    if not instead.roles:
        who = AUTHORITY_INSTEAD_NONE
    elif not instead.people:
        who = AUTHORITY_INSTEAD_NOBODY_HOLDS % {"roles": ", ".join(instead.roles)}
    else:
        who = AUTHORITY_INSTEAD % {
            "roles": ", ".join(instead.roles),
            "people": ", ".join(instead.people),
        }
    limits = "; ".join(
        str(
            AUTHORITY_LIMITS
            % {
                "role": a.role_label,
                "max_loan": _limit(a.max_loan),
                "max_grant": _limit(a.max_grant),
            }
        )
        for a in mine
    )
    return str(
        ERROR_AUTHORITY
        % {
            "date": date_format(on, "SHORT_DATE_FORMAT"),
            "limits": limits,
            "loan": _amount(loan),
            "grant": _amount(grant),
            "instead": who,
        }
    )
