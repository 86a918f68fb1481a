"""Reads of the cases app for pages and the API, scoped to the actor's municipality."""

from __future__ import annotations

import datetime
import re

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.deadlines import interim_notice_overdue_cutoff

from .access import READ_ROLES
from .models import Application, ApplicationStatus, CaseEvent, TargetGroup

OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_ASSESSMENT)

APPLICATION_ORDERINGS = {
    "received": ("received_on", "number"),
    "-received": ("-received_on", "-number"),
    "number": ("number",),
    "-number": ("-number",),
    "name": ("applicant__last_name", "applicant__first_name", "number"),
    "-name": ("-applicant__last_name", "-applicant__first_name", "-number"),
    "status": ("status", "number"),
    "-status": ("-status", "-number"),
}


def overdue_filter(today: datetime.date, country: str) -> Q:
    """Open cases whose interim notice (fvl. §11a) is overdue and not sent."""
    return Q(
        status__in=OPEN_STATUSES,
        interim_notice_sent_on__isnull=True,
        received_on__lte=interim_notice_overdue_cutoff(today, country),
    )


# "New to me" on the dashboard: cases given to the user within this many days.
NEW_DAYS = 7


def mine_filter(actor: Actor) -> Q:
    """Open cases where the actor is the caseworker or the coordinator."""
    return Q(status__in=OPEN_STATUSES) & (Q(caseworker=actor.user) | Q(coordinator=actor.user))


def new_to_me_filter(actor: Actor, today: datetime.date) -> Q:
    """Cases given to the actor in the last ``NEW_DAYS`` days: registered with the
    actor as caseworker, or the actor made coordinator (the case event of it)."""
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=NEW_DAYS), datetime.time.min)
    )
    made_coordinator = CaseEvent.objects.filter(
        application=OuterRef("pk"), kind="coordinator", at__gte=since
    )
    return Q(caseworker=actor.user, created_at__gte=since) | (
        Q(coordinator=actor.user) & Exists(made_coordinator)
    )


def name_match(search: str, prefix: str = "", field: str = "search_name") -> Q:
    """Persons whose name holds every word of ``search`` ("Ole Hansen", "Hansen,
    Ole", "ole han"), in any order; ``prefix`` reaches the person from another model
    ("person__"). One column (``search_name``, or the case's ``applicant_name``) and
    its trigram index answer it."""
    condition = Q()
    for word in re.split(r"[\s,]+", search):
        if word:
            condition &= Q(**{f"{prefix}{field}__icontains": word})
    return condition


# The start of a case number ("2026-0004"): the year and its hyphen begin every
# number, so a number holds this only at its start, and a prefix search (a B-tree
# range) finds the same cases as a substring search (a trigram index, whose
# trigrams of the year are in every case).
CASE_NUMBER_START = re.compile(r"\d{4}-\d*")


def case_search_filter(search: str) -> Q:
    """What a search means: digits are a case number (2026-00042, 42) or, from ten
    digits, a national id; anything else is the main applicant's name. Each kind of
    search has an index of its own."""
    compact = search.replace(" ", "").replace("-", "")
    if compact.isdigit():
        if len(compact) >= 10:
            return Q(applicant__national_id__startswith=compact)
        number = search.replace(" ", "")
        if CASE_NUMBER_START.fullmatch(number):
            return Q(number__startswith=number)
        return Q(number__icontains=number)
    return name_match(search, field="applicant_name")


def application_list(
    *,
    actor: Actor,
    search: str = "",
    status: str = "",
    target_group: str = "",
    situation: str = "",
    caseworker: int | None = None,
    overdue: bool = False,
    mine: bool = False,
    new: bool = False,
    ordering: str = "-received",
    today: datetime.date | None = None,
) -> QuerySet[Application]:
    """The municipality's cases for the case list: search by applicant name, national
    id or case number; filters; one query per page whatever its size. ``mine``: open
    cases where the actor is caseworker or coordinator; ``new``: of those, the ones
    given to the actor in the last ``NEW_DAYS`` days."""
    require_role(actor, *READ_ROLES)
    qs = Application.objects.filter(municipality=actor.municipality).select_related(
        "applicant", "caseworker"
    )
    search = search.strip()
    if search:
        qs = qs.filter(case_search_filter(search))
    if status:
        qs = qs.filter(status=status)
    if situation:
        qs = qs.filter(situation=situation)
    if target_group:
        qs = qs.filter(target_groups__code=target_group)
    if caseworker:
        qs = qs.filter(caseworker_id=caseworker)
    if overdue:
        qs = qs.filter(overdue_filter(today or timezone.localdate(), actor.municipality.country))
    if mine or new:
        qs = qs.filter(mine_filter(actor))
    if new:
        qs = qs.filter(new_to_me_filter(actor, today or timezone.localdate()))
    order = APPLICATION_ORDERINGS.get(ordering, APPLICATION_ORDERINGS["-received"])
    return qs.order_by(*order)


def target_group_list(*, actor: Actor) -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(municipality=actor.municipality, is_active=True)


def case_timeline(*, application: Application) -> QuerySet[CaseEvent]:
    """Everything that happened in the case, newest first."""
    return application.events.select_related("actor").order_by("-at", "-id")
