"""Reads for pages and the API, always scoped to the actor's municipality."""

import datetime

from django.db.models import Aggregate, CharField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import AuditEvent, Membership, Role, User
from .permissions import Actor, require_role


class _Joined(Aggregate):
    """The group's values of a text column joined by commas, nulls left out (NULL
    when there are none): STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):  # noqa: ANN001, ANN003, ANN201
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def membership_list_for_user(*, user: User) -> list[Membership]:
    """The user's active memberships in active municipalities, by municipality name,
    with their roles (``held_roles``, read by ``Membership.role_values``) in the
    same query: every request reads them (``ActorMiddleware``)."""
    return list(
        Membership.objects.filter(user=user, is_active=True, municipality__is_active=True)
        .select_related("municipality")
        .annotate(held_roles=Coalesce(_Joined("roles__role"), Value("")))
        .order_by("municipality__name")
    )


MEMBERSHIP_ORDERINGS = {
    "name": ("user__last_name", "user__first_name", "user__username"),
    "-name": ("-user__last_name", "-user__first_name", "-user__username"),
    "username": ("user__username",),
    "-username": ("-user__username",),
    "last_login": ("user__last_login",),
    "-last_login": ("-user__last_login",),
}


def membership_list(
    *,
    actor: Actor,
    search: str = "",
    role: str = "",
    status: str = "active",
    ordering: str = "name",
) -> QuerySet[Membership]:
    """Members of the actor's municipality for the user administration page."""
    require_role(actor, Role.MUNICIPALITY_ADMIN)
    qs = (
        Membership.objects.filter(municipality=actor.municipality)
        .select_related("user")
        .prefetch_related("roles")
    )
    if search:
        qs = qs.filter(
            Q(user__username__icontains=search)
            | Q(user__first_name__icontains=search)
            | Q(user__last_name__icontains=search)
            | Q(user__email__icontains=search)
        )
    if role:
        qs = qs.filter(roles__role=role)
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.order_by(*MEMBERSHIP_ORDERINGS.get(ordering, MEMBERSHIP_ORDERINGS["name"]))


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(
    *,
    actor: Actor,
    action: str = "",
    user: str = "",
    object_type: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    case: str = "",
    person: str = "",
) -> QuerySet[AuditEvent]:
    """The audit trail of the actor's municipality, newest first: from the start of
    ``date_from`` to the end of ``date_to`` (local days), of the case numbered
    ``case`` (with its interviews, decisions, appeals and consents) and of the
    persons ``person`` finds by name or national id (with their cases). One query:
    the case and the persons are subqueries."""
    require_role(actor, Role.AUDITOR, Role.MANAGER)
    qs = AuditEvent.objects.filter(municipality=actor.municipality)
    if action:
        qs = qs.filter(action=action)
    if user:
        qs = qs.filter(actor_username__icontains=user)
    if object_type:
        qs = qs.filter(object_type=object_type)
    # A range on the indexed column, not on its date: the index (municipality, -at)
    # answers it.
    if date_from:
        qs = qs.filter(at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    if case or person:
        # The cases app knows what belongs to a case; core asks it, as the dashboard does.
        from boligtorg.cases.selectors_team import (
            case_number_audit_condition,
            person_audit_condition,
        )

        if case:
            qs = qs.filter(
                case_number_audit_condition(municipality=actor.municipality, number=case)
            )
        if person:
            qs = qs.filter(person_audit_condition(municipality=actor.municipality, search=person))
    return qs.order_by("-at", "-id")
