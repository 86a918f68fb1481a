"""Reads of the mapping interview, the case team, consents and the case's own audit
trail, for pages and the API. Special categories are masked here, once, so that no
template can show what the actor may not see."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, Model, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import Promise

from boligtorg.core.models import AuditEvent, Membership, Municipality, Role, User
from boligtorg.core.permissions import Actor, require_role

from .access import (
    FOLLOWUP_ROLES,
    SPECIAL_CATEGORIES,
    can_decide_access,
    can_edit,
    can_manage_team,
    visible_special_categories,
)
from .models import (
    AccessRequest,
    AccessRequestStatus,
    Appeal,
    Application,
    ApplicationStatus,
    Consent,
    ConsentStatus,
    Decision,
    HouseholdMember,
    MappingInterview,
    Person,
    TeamMember,
)
from .selectors import name_match


@dataclass(frozen=True)
class SpecialCategory:
    """One special-category answer as this actor may see it: ``value`` is empty when
    the category is hidden, so a hidden answer and an empty one look the same."""

    name: str
    label: str | Promise
    visible: bool
    value: str = ""


@dataclass(frozen=True)
class InterviewView:
    interview: MappingInterview | None
    categories: list[SpecialCategory]
    can_edit: bool

    @property
    def visible_categories(self) -> list[SpecialCategory]:
        return [c for c in self.categories if c.visible]

    @property
    def hidden_categories(self) -> list[SpecialCategory]:
        return [c for c in self.categories if not c.visible]


def category_label(name: str) -> str | Promise:
    return MappingInterview._meta.get_field(name).verbose_name


def interview_read(
    *, actor: Actor, application: Application, visible: frozenset[str] | None = None
) -> InterviewView:
    """The case's mapping interview (None before it is held) with each special
    category visible or hidden for ``actor``. The caller has checked read access."""
    if visible is None:
        visible = visible_special_categories(actor, application)
    interview = (
        MappingInterview.objects.filter(application=application)
        .select_related("interviewer")
        .first()
    )
    categories = [
        SpecialCategory(
            name=name,
            label=category_label(name),
            visible=name in visible,
            value=getattr(interview, name) if interview and name in visible else "",
        )
        for name in SPECIAL_CATEGORIES
    ]
    return InterviewView(
        interview=interview, categories=categories, can_edit=can_edit(actor, application)
    )


def colleague_list(*, municipality_id: int, roles: Iterable[str] | None = None) -> QuerySet[User]:
    """Users with an active membership and a role in the municipality (one of
    ``roles`` when given): who may coordinate a case or join its team. Each user
    carries that membership with its roles (``picker_memberships``) for the
    picker's label (``core.forms.user_label``)."""
    held = {"memberships__roles__isnull": False}
    if roles is not None:
        held = {"memberships__roles__role__in": list(roles)}
    memberships = Membership.objects.filter(
        municipality_id=municipality_id, is_active=True
    ).prefetch_related("roles")
    return (
        User.objects.filter(
            memberships__municipality_id=municipality_id,
            memberships__is_active=True,
            is_active=True,
            **held,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
        .prefetch_related(Prefetch("memberships", memberships, to_attr="picker_memberships"))
    )


def access_requests_pending(*, application: Application) -> list[AccessRequest]:
    """The follow-up workers' open requests to join the case team, oldest first."""
    return list(
        application.access_requests.filter(status=AccessRequestStatus.REQUESTED)
        .select_related("worker")
        .order_by("requested_at", "pk")
    )


def cases_waiting_for_followup(*, actor: Actor) -> QuerySet[Application]:
    """Decided cases of the actor's municipality that have no follow-up plan and no
    follow-up worker in the team yet, newest first. Only numbers and dates are
    shown from it (``views.team.followup_waiting``)."""
    from boligtorg.followup.models import FollowUpPlan

    require_role(actor, *FOLLOWUP_ROLES)
    with_followup = TeamMember.objects.filter(
        user__memberships__municipality=actor.municipality,
        user__memberships__roles__role__in=FOLLOWUP_ROLES,
    ).values("application_id")
    return (
        Application.objects.filter(
            municipality=actor.municipality, status=ApplicationStatus.DECIDED
        )
        .exclude(pk__in=FollowUpPlan.objects.values("application_id"))
        .exclude(pk__in=with_followup)
        .exclude(team__user=actor.user)
        .only("pk", "number", "updated_at")
        .order_by("-updated_at", "-pk")
    )


def team_member_list(*, application: Application) -> QuerySet[TeamMember]:
    return application.team.select_related("user").order_by("added_at", "pk")


@dataclass(frozen=True)
class ConsentState:
    """The main applicant's consent as every page and the API show it, derived from
    the ``Consent`` rows alone: ``current`` the consents valid on the day, newest
    first; ``last`` the newest of the others (which says when consent ended)."""

    current: list[Consent]
    last: Consent | None

    @property
    def status(self) -> ConsentStatus:
        if self.current:
            return ConsentStatus.VALID
        if self.last is None:
            return ConsentStatus.NONE
        return ConsentStatus.REVOKED if self.last.revoked_on else ConsentStatus.EXPIRED

    @property
    def covered(self) -> frozenset[str]:
        """The special categories the valid consents cover together."""
        return frozenset(
            name
            for consent in self.current
            for name in SPECIAL_CATEGORIES
            if getattr(consent, f"covers_{name}")
        )


def is_valid_on(consent: Consent, on: datetime.date) -> bool:
    """The rule of ``access.active_consents``, for rows already fetched."""
    return consent.revoked_on is None and consent.given_on <= on <= consent.valid_until


def consent_state(*, application: Application, on: datetime.date | None = None) -> ConsentState:
    """The main applicant's consent ``on`` (today), in one query. The caller has
    checked read access."""
    on = on or timezone.localdate()
    current, past = consent_list(application=application, on=on)
    return ConsentState(current=current, last=past[0] if past else None)


@dataclass(frozen=True)
class TeamView:
    members: list[TeamMember]
    consent: ConsentState
    can_edit: bool
    can_see_audit: bool
    # Follow-up workers' open requests to join, for whoever decides them.
    access_requests: list[AccessRequest] = field(default_factory=list)


def team_read(
    *, actor: Actor, application: Application, consent: ConsentState | None = None
) -> TeamView:
    """The coordinator and caseworker (on ``application``), the team members from
    other services and the main applicant's consent (``consent``, when the caller
    has it from ``consent_state``). The caller has checked read access."""
    return TeamView(
        members=list(team_member_list(application=application)),
        consent=consent_state(application=application) if consent is None else consent,
        can_edit=can_manage_team(actor, application),
        can_see_audit=actor.has_role(Role.MANAGER, Role.AUDITOR),
        access_requests=access_requests_pending(application=application)
        if can_decide_access(actor, application)
        else [],
    )


def consent_category_labels(consent: Consent) -> list[str | Promise]:
    """The labels of the special categories the consent covers."""
    return [
        category_label(name) for name in SPECIAL_CATEGORIES if getattr(consent, f"covers_{name}")
    ]


def consent_list(
    *, application: Application, on: datetime.date | None = None
) -> tuple[list[Consent], list[Consent]]:
    """The main applicant's consents, split into those valid ``on`` (today) and the
    past ones (expired, revoked or not yet valid), each newest first."""
    on = on or timezone.localdate()
    current: list[Consent] = []
    past: list[Consent] = []
    consents = Consent.objects.filter(person_id=application.applicant_id).select_related(
        "recorded_by"
    )
    for consent in consents.order_by("-given_on", "-pk"):
        (current if is_valid_on(consent, on) else past).append(consent)
    return current, past


def _ids_as_text(queryset: QuerySet) -> QuerySet:
    # AuditEvent.object_id is text (any model's key); compare in the database.
    return queryset.annotate(key=Cast("pk", CharField())).values("key")


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def case_audit_trail(*, actor: Actor, application: Application) -> QuerySet[AuditEvent]:
    """The audit events of the case: of the application itself, its mapping interview,
    decisions and appeals, follow-up workers' access requests, and the main
    applicant's consents; newest first, in one
    query (the related ids are subqueries)."""
    require_role(actor, Role.MANAGER, Role.AUDITOR)
    related = {
        MappingInterview: MappingInterview.objects.filter(application=application),
        Decision: Decision.objects.filter(application=application),
        Appeal: Appeal.objects.filter(decision__application=application),
        Consent: Consent.objects.filter(person_id=application.applicant_id),
        AccessRequest: AccessRequest.objects.filter(application=application),
    }
    condition = Q(object_type=_label(Application), object_id=str(application.pk))
    for model, queryset in related.items():
        condition |= Q(object_type=_label(model), object_id__in=_ids_as_text(queryset))
    return (
        AuditEvent.objects.filter(municipality_id=application.municipality_id)
        .filter(condition)
        .order_by("-at", "-id")
    )


def cases_audit_condition(applications: QuerySet[Application]) -> Q:
    """Audit events of ``applications`` (a queryset), their mapping interviews,
    decisions and appeals and their main applicants' consents, as one condition
    on ``AuditEvent`` whose ids are subqueries: the audit log's filter by case."""
    related = {
        Application: applications,
        MappingInterview: MappingInterview.objects.filter(application__in=applications),
        Decision: Decision.objects.filter(application__in=applications),
        Appeal: Appeal.objects.filter(decision__application__in=applications),
        Consent: Consent.objects.filter(person_id__in=applications.values("applicant_id")),
        AccessRequest: AccessRequest.objects.filter(application__in=applications),
    }
    condition = Q()
    for model, queryset in related.items():
        condition |= Q(object_type=_label(model), object_id__in=_ids_as_text(queryset))
    return condition


def case_number_audit_condition(*, municipality: Municipality, number: str) -> Q:
    """The audit events of the municipality's case ``number`` (none for an unknown
    number)."""
    return cases_audit_condition(
        Application.objects.filter(municipality=municipality, number=number.strip())
    )


def person_audit_condition(*, municipality: Municipality, search: str) -> Q:
    """The audit events of the persons ``search`` finds in the municipality (a
    national id, from ten digits, or every word of a name): of each person, their
    household memberships, and every case whose household they belong to."""
    compact = search.replace(" ", "").replace("-", "")
    if compact.isdigit() and len(compact) >= 10:
        found = Q(national_id__startswith=compact)
    else:
        found = name_match(search)
    persons = Person.objects.filter(municipality=municipality).filter(found)
    memberships = HouseholdMember.objects.filter(person__in=persons)
    applications = Application.objects.filter(
        municipality=municipality, household__members__person__in=persons
    )
    return (
        Q(object_type=_label(Person), object_id__in=_ids_as_text(persons))
        | Q(object_type=_label(HouseholdMember), object_id__in=_ids_as_text(memberships))
        | cases_audit_condition(applications)
    )
