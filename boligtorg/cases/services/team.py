"""The mapping interview, the case team and the applicant's consent.

Every write checks access (``access.require_edit``), validates, writes in one
transaction, appends to the timeline and records an audit event. Special-category
answers (GDPR art. 9/10) are written only by those who may see them
(``access.visible_special_categories``); their content never enters the audit trail
or the timeline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, User
from boligtorg.core.notifications import notify
from boligtorg.core.permissions import Actor

from ..access import (
    COORDINATOR_ROLES,
    FOLLOWUP_ROLES,
    SPECIAL_CATEGORIES,
    TEAM_ROLES,
    can_decide_access,
    require_edit,
    require_team_management,
    visible_special_categories,
)
from ..events import case_event
from ..models import (
    AccessRequest,
    AccessRequestStatus,
    Application,
    ApplicationStatus,
    Consent,
    MappingInterview,
    Score,
    TeamMember,
)
from .applications import application_set_status

ERROR_HELD_ON_REQUIRED = _("Give the date the interview was held.")
ERROR_HELD_ON_FUTURE = _("The interview cannot be dated in the future.")
ERROR_HELD_ON_BEFORE_RECEIVED = _(
    "The interview cannot be held before the application was received (%(date)s)."
)
ERROR_SCORE = _("Choose a score from 1 to 4.")
ERROR_INTERVIEW_STALE = _(
    "Someone else saved the interview after you opened it. Your answers were not saved: "
    "reload the page to see theirs, then make your changes again."
)
ERROR_URGENCY_REASON = _("Give the reason why the case is urgent.")
ERROR_CATEGORY_HIDDEN = _(
    "You cannot change this information: only the case team sees it, and only with the "
    "applicant's consent."
)
ERROR_NOT_A_COLLEAGUE = _("Choose a user who works in this municipality.")
ERROR_ALREADY_IN_TEAM = _("This user is already in the case team.")
ERROR_SERVICE_REQUIRED = _("Name the service the team member comes from.")
ERROR_NOT_A_FOLLOWUP_WORKER = _("Choose a follow-up worker in this municipality.")
ERROR_REQUEST_REASON_REQUIRED = _("Say why you need access to the case.")
ERROR_REQUEST_OPEN = _("You have already asked for access to this case; wait for the answer.")
ERROR_REQUEST_DECIDED = _("This request has already been answered.")
ERROR_REFUSAL_REASON_REQUIRED = _("Give the reason for refusing, for the worker.")
ERROR_CONSENT_SERVICES_REQUIRED = _("Name the services that may receive the information.")
ERROR_GIVEN_ON_REQUIRED = _("Give the date the consent was given.")
ERROR_VALID_UNTIL_REQUIRED = _("Give the last day the consent is valid.")
ERROR_GIVEN_ON_FUTURE = _("A consent cannot be given in the future.")
ERROR_VALID_UNTIL_BEFORE_GIVEN = _("The consent cannot end before it was given.")
ERROR_ALREADY_REVOKED = _("This consent is already revoked.")
ERROR_REVOKED_BEFORE_GIVEN = _("A consent cannot be revoked before it was given.")
ERROR_REVOKED_FUTURE = _("The date of revocation cannot be in the future.")

SCORE_FIELDS = (
    "economy_score",
    "neighbours_score",
    "cleaning_score",
    "daily_activity_score",
    "network_score",
)
TEXT_FIELDS = (
    "situation_notes",
    "economy_notes",
    "capacity_notes",
    "service_needs",
    "wishes",
    "urgency_reason",
)
FLAG_FIELDS = ("urgent", "in_work_or_education", "interest_in_young_people")
INTERVIEW_FIELDS = ("held_on", *SCORE_FIELDS, *TEXT_FIELDS, *FLAG_FIELDS)
MASK = "***"


def interview_errors(application: Application, answers: dict[str, Any]) -> dict[str, Any]:
    """The rule broken by each answer, ``{field: message}``; empty when all is well."""
    errors: dict[str, Any] = {}
    held_on = answers.get("held_on")
    if held_on is None:
        errors["held_on"] = ERROR_HELD_ON_REQUIRED
    elif held_on > timezone.localdate():
        errors["held_on"] = ERROR_HELD_ON_FUTURE
    elif application.received_on and held_on < application.received_on:
        errors["held_on"] = ERROR_HELD_ON_BEFORE_RECEIVED % {
            "date": application.received_on.strftime("%d.%m.%Y")
        }
    for name in SCORE_FIELDS:
        if answers.get(name) not in Score.values:
            errors[name] = ERROR_SCORE
    if answers.get("urgent") and not answers.get("urgency_reason", "").strip():
        errors["urgency_reason"] = ERROR_URGENCY_REASON
    return errors


def _masked(value: str) -> str:
    return MASK if value else ""


def interview_save(
    *, actor: Actor, application: Application, version: int | None = None, **answers: Any
) -> MappingInterview:
    """Create or update the case's one mapping interview with the answers of the
    whole form (an answer left out is blank).

    Special-category answers (``health``, ``substance_use``, ``criminal_record``) are
    accepted only for the categories the actor sees; a category left out keeps its
    stored value, and an attempt to write a category the actor does not see is
    refused at its field. Unknown keys are ignored. ``version`` is the interview's
    version when the form was opened (0 when there was none): if someone saved in
    between, nothing is written and the user is told."""
    require_edit(actor, application)
    visible = visible_special_categories(actor, application)
    answers = {
        key: value.strip() if isinstance(value, str) else value for key, value in answers.items()
    }
    errors = interview_errors(application, answers)
    for category in SPECIAL_CATEGORIES:
        if category in answers and category not in visible:
            errors[category] = ERROR_CATEGORY_HIDDEN
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The case row is the lock: two first saves cannot both create an interview.
        locked = Application.objects.select_for_update().get(pk=application.pk)
        interview = MappingInterview.objects.filter(application=locked).first()
        if version is not None and version != (interview.version if interview else 0):
            raise ValidationError(ERROR_INTERVIEW_STALE)
        creating = interview is None
        if creating:
            interview = MappingInterview(application=locked, interviewer=actor.user)
        before = {} if creating else {n: str(getattr(interview, n)) for n in INTERVIEW_FIELDS}
        for name in SCORE_FIELDS:
            setattr(interview, name, answers[name])
        for name in TEXT_FIELDS:
            setattr(interview, name, answers.get(name) or "")
        interview.held_on = answers["held_on"]
        for name in FLAG_FIELDS:
            setattr(interview, name, bool(answers.get(name)))
        changes = changed_fields(before, {n: str(getattr(interview, n)) for n in INTERVIEW_FIELDS})
        for category in sorted(visible & answers.keys()):
            old, new = getattr(interview, category), answers[category] or ""
            if old != new:
                # The trail records that a special category changed, never what it says.
                changes[category] = [_masked(old), _masked(new)]
                setattr(interview, category, new)
        interview.full_clean(exclude=["application", "interviewer"])
        if not creating:
            interview.version += 1
        interview.save()
        case_event(
            actor=actor,
            application=locked,
            kind="interview",
            summary=_("Mapping interview recorded") if creating else _("Mapping interview updated"),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=interview,
            municipality=locked.municipality,
            changes=changes,
        )
        if locked.status == ApplicationStatus.SUBMITTED:
            # The interview is the assessment: the case is now under assessment.
            application_set_status(
                actor=actor,
                application=locked,
                status=ApplicationStatus.UNDER_ASSESSMENT,
                summary=_("Assessment started with the mapping interview"),
            )
            application.status = ApplicationStatus.UNDER_ASSESSMENT
    return interview


def is_colleague(
    user: User | None, application: Application, roles: Iterable[str] | None = None
) -> bool:
    """True when ``user`` is active and has an active membership with a role in the
    case's municipality (one of ``roles`` when given: the role that fits the place,
    ``access.COORDINATOR_ROLES`` etc.)."""
    if user is None or not user.is_active:
        return False
    held = {"roles__isnull": False} if roles is None else {"roles__role__in": list(roles)}
    return user.memberships.filter(
        municipality_id=application.municipality_id, is_active=True, **held
    ).exists()


def _username(user: User | None) -> str | None:
    return user.get_username() if user else None


def coordinator_set(
    *, actor: Actor, application: Application, coordinator: User | None
) -> Application:
    """Name the case's coordinator, a user with a role in the municipality; ``None``
    removes the coordinator."""
    require_team_management(actor, application)
    if coordinator is not None and not is_colleague(coordinator, application, COORDINATOR_ROLES):
        raise ValidationError({"coordinator": ERROR_NOT_A_COLLEAGUE})
    with transaction.atomic():
        current = (
            # Lock the case row only: PostgreSQL cannot lock the nullable side of a join.
            Application.objects.select_for_update(of=("self",))
            .select_related("coordinator")
            .get(pk=application.pk)
        )
        if current.coordinator_id == getattr(coordinator, "pk", None):
            return current
        before = _username(current.coordinator)
        current.coordinator = coordinator
        current.version += 1
        current.updated_at = timezone.now()
        current.save(update_fields=["coordinator", "version", "updated_at"])
        summary = (
            _("%(name)s is the coordinator") % {"name": coordinator.get_full_name() or coordinator}
            if coordinator
            else _("The coordinator was removed")
        )
        case_event(actor=actor, application=current, kind="coordinator", summary=summary)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"coordinator": [before, _username(coordinator)]},
        )
    application.coordinator = coordinator
    application.version = current.version
    return current


def _member_label(member: TeamMember) -> str:
    return f"{member.user.get_username()} ({member.service})"


def team_member_add(
    *, actor: Actor, application: Application, user: User | None, service: str
) -> TeamMember:
    """Add a user of the municipality to the case team, with the service they come
    from (e.g. NAV, health and care, child welfare, refugee service)."""
    require_team_management(actor, application)
    service = (service or "").strip()
    errors: dict[str, Any] = {}
    if not is_colleague(user, application, TEAM_ROLES):
        errors["user"] = ERROR_NOT_A_COLLEAGUE
    elif application.team.filter(user=user).exists():
        errors["user"] = ERROR_ALREADY_IN_TEAM
    if not service:
        errors["service"] = ERROR_SERVICE_REQUIRED
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member = TeamMember.objects.create(application=application, user=user, service=service)
        case_event(
            actor=actor,
            application=application,
            kind="team_added",
            summary=_("%(name)s (%(service)s) joined the case team")
            % {"name": user.get_full_name() or user, "service": service},
        )
        # Recorded on the case, so that its own audit trail keeps the change after
        # the team member row is gone.
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=application,
            changes={"team": [None, _member_label(member)]},
        )
    return member


def team_member_remove(*, actor: Actor, application: Application, member: TeamMember) -> None:
    """Take a member out of the case team; they lose access to its special categories."""
    require_team_management(actor, application)
    if member.application_id != application.pk:
        raise PermissionDenied
    label = _member_label(member)
    with transaction.atomic():
        member.delete()
        case_event(
            actor=actor,
            application=application,
            kind="team_removed",
            summary=_("%(name)s (%(service)s) left the case team")
            % {"name": member.user.get_full_name() or member.user, "service": member.service},
        )
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=application, changes={"team": [label, None]}
        )


def consent_record(
    *,
    actor: Actor,
    application: Application,
    services: str,
    given_on: datetime.date | None,
    valid_until: datetime.date | None,
    covers_health: bool = False,
    covers_substance_use: bool = False,
    covers_criminal_record: bool = False,
) -> Consent:
    """Record the main applicant's consent to share information with the services
    named, covering the special categories ticked, from ``given_on`` to
    ``valid_until`` (both days included)."""
    require_team_management(actor, application)
    services = (services or "").strip()
    errors: dict[str, Any] = {}
    if not services:
        errors["services"] = ERROR_CONSENT_SERVICES_REQUIRED
    if given_on is None:
        errors["given_on"] = ERROR_GIVEN_ON_REQUIRED
    elif given_on > timezone.localdate():
        errors["given_on"] = ERROR_GIVEN_ON_FUTURE
    if valid_until is None:
        errors["valid_until"] = ERROR_VALID_UNTIL_REQUIRED
    elif given_on and valid_until < given_on:
        errors["valid_until"] = ERROR_VALID_UNTIL_BEFORE_GIVEN
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            person_id=application.applicant_id,
            services=services,
            covers_health=covers_health,
            covers_substance_use=covers_substance_use,
            covers_criminal_record=covers_criminal_record,
            given_on=given_on,
            valid_until=valid_until,
            recorded_by=actor.user,
        )
        case_event(
            actor=actor,
            application=application,
            kind="consent",
            summary=_("Consent recorded, valid until %(date)s")
            % {"date": valid_until.strftime("%d.%m.%Y")},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=consent,
            municipality=application.municipality,
            changes={
                "services": [None, services],
                "categories": [None, consent_categories(consent)],
                "given_on": [None, str(given_on)],
                "valid_until": [None, str(valid_until)],
            },
        )
    return consent


def consent_categories(consent: Consent) -> list[str]:
    """The special categories the consent covers, in the order of SPECIAL_CATEGORIES."""
    return [name for name in SPECIAL_CATEGORIES if getattr(consent, f"covers_{name}")]


def consent_revoke(
    *,
    actor: Actor,
    application: Application,
    consent: Consent,
    revoked_on: datetime.date | None = None,
) -> Consent:
    """Revoke the applicant's consent from ``revoked_on`` (today by default). The
    consent stays as history; the categories it covered are hidden again."""
    require_team_management(actor, application)
    if consent.person_id != application.applicant_id:
        raise PermissionDenied
    revoked_on = revoked_on or timezone.localdate()
    with transaction.atomic():
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.revoked_on is not None:
            raise ValidationError(ERROR_ALREADY_REVOKED)
        if revoked_on > timezone.localdate():
            raise ValidationError({"revoked_on": ERROR_REVOKED_FUTURE})
        if revoked_on < current.given_on:
            raise ValidationError({"revoked_on": ERROR_REVOKED_BEFORE_GIVEN})
        current.revoked_on = revoked_on
        current.save(update_fields=["revoked_on"])
        case_event(
            actor=actor,
            application=application,
            kind="consent_revoked",
            summary=_("Consent of %(date)s revoked")
            % {"date": current.given_on.strftime("%d.%m.%Y")},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            municipality=application.municipality,
            changes={"revoked_on": [None, str(revoked_on)]},
        )
    consent.revoked_on = revoked_on
    return current


# Follow-up workers: assigned by the case's responsible, or on their own request.


def _followup_service() -> str:
    # Stored text, like the service a user types: in the municipality's language.
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("Follow-up"))


def _case_link(application: Application) -> str:
    return reverse("cases:detail", args=[application.pk])


def followup_worker_assign(
    *, actor: Actor, application: Application, worker: User | None
) -> TeamMember:
    """Add a follow-up worker of the municipality to the case team (service
    "Follow-up"), so they can read the case and start its follow-up plan; the
    worker is notified (a reminder, e-mailed when they have an address)."""
    require_team_management(actor, application)
    if not is_colleague(worker, application, FOLLOWUP_ROLES):
        raise ValidationError({"worker": ERROR_NOT_A_FOLLOWUP_WORKER})
    with transaction.atomic():
        member = team_member_add(
            actor=actor, application=application, user=worker, service=_followup_service()
        )
        with translation.override(settings.LANGUAGE_CODE):
            message = _("You were assigned to follow up case %(number)s.") % {
                "number": application.number
            }
        notify(
            municipality=application.municipality,
            kind="followup_assigned",
            obj=member,
            due_on=timezone.localdate(),
            message=message,
            recipient=worker,
            link=_case_link(application),
        )
    return member


def access_request_create(*, actor: Actor, application: Application, reason: str) -> AccessRequest:
    """A follow-up worker of the case's municipality, not in its team, asks to join
    it. The caller fetched the case within the actor's municipality (404 outside)."""
    if application.municipality_id != getattr(actor.municipality, "pk", None):
        raise PermissionDenied
    if not actor.has_role(*FOLLOWUP_ROLES):
        raise PermissionDenied
    reason = (reason or "").strip()
    errors: dict[str, Any] = {}
    if not reason:
        errors["reason"] = ERROR_REQUEST_REASON_REQUIRED
    if application.team.filter(user=actor.user).exists():
        errors["reason"] = ERROR_ALREADY_IN_TEAM
    elif AccessRequest.objects.filter(
        application=application, worker=actor.user, status=AccessRequestStatus.REQUESTED
    ).exists():
        errors["reason"] = ERROR_REQUEST_OPEN
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            request = _access_request_write(actor, application, reason)
    except IntegrityError as exc:
        # Two tabs sending at once: the constraint keeps one open request.
        raise ValidationError({"reason": ERROR_REQUEST_OPEN}) from exc
    return request


def _access_request_write(actor: Actor, application: Application, reason: str) -> AccessRequest:
    """The request, its audit event and the decider's reminder, in the caller's
    transaction."""
    request = AccessRequest.objects.create(
        application=application, worker=actor.user, reason=reason
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=request,
        municipality=application.municipality,
        changes={"status": [None, request.status]},
    )
    decider = application.coordinator or application.caseworker
    if decider is not None:
        with translation.override(settings.LANGUAGE_CODE):
            message = _("%(name)s asks for access to case %(number)s.") % {
                "name": actor.user.get_full_name() or actor.user.get_username(),
                "number": application.number,
            }
        notify(
            municipality=application.municipality,
            kind="access_requested",
            obj=request,
            due_on=timezone.localdate(),
            message=message,
            recipient=decider,
            link=reverse("cases:team", args=[application.pk]),
        )
    return request


def _decide(actor: Actor, application: Application, request: AccessRequest) -> AccessRequest:
    if request.application_id != application.pk:
        raise PermissionDenied
    if not can_decide_access(actor, application):
        raise PermissionDenied
    locked = AccessRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != AccessRequestStatus.REQUESTED:
        raise ValidationError(ERROR_REQUEST_DECIDED)
    return locked


def access_request_grant(
    *, actor: Actor, application: Application, request: AccessRequest
) -> AccessRequest:
    """Grant the request: the worker joins the case team (service "Follow-up") and
    is notified. Only the coordinator, or the caseworker when there is none."""
    with transaction.atomic():
        locked = _decide(actor, application, request)
        if not is_colleague(locked.worker, application, FOLLOWUP_ROLES):
            raise ValidationError(ERROR_NOT_A_FOLLOWUP_WORKER)
        if not application.team.filter(user_id=locked.worker_id).exists():
            TeamMember.objects.create(
                application=application, user=locked.worker, service=_followup_service()
            )
            case_event(
                actor=actor,
                application=application,
                kind="team_added",
                summary=_("%(name)s (%(service)s) joined the case team")
                % {
                    "name": locked.worker.get_full_name() or locked.worker,
                    "service": _followup_service(),
                },
            )
        locked.status = AccessRequestStatus.GRANTED
        locked.decided_by = actor.user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            municipality=application.municipality,
            changes={"status": [AccessRequestStatus.REQUESTED, locked.status]},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=application,
            changes={"team": [None, f"{locked.worker.get_username()} ({_followup_service()})"]},
        )
        with translation.override(settings.LANGUAGE_CODE):
            message = _("Your access to case %(number)s was granted.") % {
                "number": application.number
            }
        notify(
            municipality=application.municipality,
            kind="access_granted",
            obj=locked,
            due_on=timezone.localdate(),
            message=message,
            recipient=locked.worker,
            link=_case_link(application),
        )
    return locked


def access_request_refuse(
    *, actor: Actor, application: Application, request: AccessRequest, reason: str
) -> AccessRequest:
    """Refuse the request with a reason the worker is told (a reminder that names
    the case number only)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ERROR_REFUSAL_REASON_REQUIRED})
    with transaction.atomic():
        locked = _decide(actor, application, request)
        locked.status = AccessRequestStatus.REFUSED
        locked.decided_by = actor.user
        locked.decided_at = timezone.now()
        locked.refusal_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            municipality=application.municipality,
            changes={"status": [AccessRequestStatus.REQUESTED, locked.status]},
        )
        with translation.override(settings.LANGUAGE_CODE):
            message = _("Your access to case %(number)s was refused: %(reason)s") % {
                "number": application.number,
                "reason": reason,
            }
        notify(
            municipality=application.municipality,
            kind="access_refused",
            obj=locked,
            due_on=timezone.localdate(),
            message=message,
            recipient=locked.worker,
            link=reverse("cases:access_request", args=[application.pk]),
        )
    return locked
