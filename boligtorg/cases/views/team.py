"""The mapping interview, the case team, consent and the case's own audit trail.

Every view fetches the case through ``access.application_get`` first, so that a
case of another municipality answers 404 before anything else is checked."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core.audit import audit_record
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import get_for_actor, require_role, role_required
from boligtorg.core.views import paginate

from .. import access
from .. import selectors_team as selectors
from ..forms_team import (
    SERVICE_SUGGESTIONS,
    AccessRefuseForm,
    AccessRequestForm,
    ConsentForm,
    ConsentRevokeForm,
    CoordinatorForm,
    FollowupWorkerForm,
    InterviewForm,
    TeamMemberForm,
)
from ..models import (
    AccessRequest,
    AccessRequestStatus,
    Application,
    Consent,
    MappingInterview,
    TeamMember,
)
from ..services import team as services


def _editable(request: HttpRequest, application_id: int) -> Application:
    return access.application_for_edit(actor=request.actor, pk=application_id)


def _to_case(application: Application) -> HttpResponse:
    return redirect("cases:detail", application_id=application.pk)


# The mapping interview


@role_required()
def interview_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    """The structured interview form. Special categories the actor may not see are
    left out of the form (and so keep their stored values on save)."""
    actor = request.actor
    application = _editable(request, application_id)
    consent = selectors.consent_state(application=application)
    visible = access.visible_special_categories(actor, application, consents=consent.current)
    interview = MappingInterview.objects.filter(application=application).first()
    if request.method == "POST":
        form = InterviewForm(request.POST, visible=visible)
        if form.is_valid():
            try:
                services.interview_save(actor=actor, application=application, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The mapping interview was saved."))
                return _to_case(application)
        else:
            # Every broken rule at once, not the service's only after the form's.
            for name, error in services.interview_errors(application, form.cleaned_data).items():
                if name in form.fields and name not in form.errors:
                    form.add_error(name, error)
    else:
        form = InterviewForm(
            initial=InterviewForm.initial_from(interview, visible), visible=visible
        )
        # Opening the form shows the stored answers, special categories included.
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            obj=interview or application,
            municipality=application.municipality,
            changes={"special_categories": [None, sorted(visible)]} if visible else {},
        )
    hidden = [
        (name, selectors.category_label(name))
        for name in access.SPECIAL_CATEGORIES
        if name not in visible
    ]
    context = {
        "application": application,
        "form": form,
        "hidden": hidden,
        "consent": consent,
        "can_record_consent": access.can_manage_team(actor, application),
    }
    return render(request, "cases/team/interview_form.html", context)


# The case team


def _colleagues(application: Application, roles: tuple[str, ...]) -> Any:
    return selectors.colleague_list(municipality_id=application.municipality_id, roles=roles)


def _team_page(
    request: HttpRequest,
    application: Application,
    coordinator_form: CoordinatorForm | None = None,
    member_form: TeamMemberForm | None = None,
    followup_form: FollowupWorkerForm | None = None,
) -> HttpResponse:
    actor = request.actor
    team = selectors.team_read(actor=actor, application=application)
    if team.can_edit:
        coordinator_form = coordinator_form or CoordinatorForm(
            initial={"coordinator": application.coordinator_id},
            colleagues=_colleagues(application, access.COORDINATOR_ROLES),
        )
        member_form = member_form or TeamMemberForm(
            colleagues=_colleagues(application, access.TEAM_ROLES)
        )
        followup_form = followup_form or FollowupWorkerForm(
            workers=_colleagues(application, access.FOLLOWUP_ROLES)
        )
    context = {
        "application": application,
        "team": team,
        "coordinator_form": coordinator_form,
        "member_form": member_form,
        "followup_form": followup_form,
        "service_suggestions": SERVICE_SUGGESTIONS,
    }
    return render(request, "cases/team/team.html", context)


@role_required()
def team(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.application_get(actor=request.actor, pk=application_id)
    return _team_page(request, application)


@role_required()
def coordinator_set(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CoordinatorForm(
        request.POST, colleagues=_colleagues(application, access.COORDINATOR_ROLES)
    )
    if form.is_valid():
        try:
            services.coordinator_set(
                actor=request.actor,
                application=application,
                coordinator=form.cleaned_data["coordinator"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The coordinator was saved."))
            return redirect("cases:team", application_id=application.pk)
    return _team_page(request, application, coordinator_form=form)


@role_required()
def team_member_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TeamMemberForm(request.POST, colleagues=_colleagues(application, access.TEAM_ROLES))
    if form.is_valid():
        try:
            member = services.team_member_add(
                actor=request.actor, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(name)s joined the case team.")
                % {"name": member.user.get_full_name() or member.user},
            )
            return redirect("cases:team", application_id=application.pk)
    return _team_page(request, application, member_form=form)


@role_required()
def followup_worker_assign(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FollowupWorkerForm(request.POST, workers=_colleagues(application, access.FOLLOWUP_ROLES))
    if form.is_valid():
        try:
            member = services.followup_worker_assign(
                actor=request.actor, application=application, worker=form.cleaned_data["worker"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(name)s was assigned to follow up the case and was notified.")
                % {"name": member.user.get_full_name() or member.user},
            )
            return redirect("cases:team", application_id=application.pk)
    return _team_page(request, application, followup_form=form)


# A follow-up worker's request for access, and its answer


@role_required(*access.FOLLOWUP_ROLES)
def access_request(request: HttpRequest, application_id: int) -> HttpResponse:
    """A follow-up worker asks to join the case team. Before the request is granted
    the page shows the case number and nothing else of the case: the number is what
    the worker was referred with (or chose from the list of cases waiting for
    follow-up), so it is all they need to ask, and the applicant's name, initials
    or situation would tell someone without access who the case is about. A worker
    who already has access is sent to the case."""
    actor = request.actor
    application = get_for_actor(access.application_queryset(), actor, pk=application_id)
    if access.can_read(actor, application):
        return redirect("cases:detail", application_id=application.pk)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_create(
                actor=actor, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request, _("Your request was sent. You are notified when it is answered.")
            )
            return redirect("cases:access_request", application_id=application.pk)
    requests = AccessRequest.objects.filter(application=application, worker=actor.user).order_by(
        "-requested_at", "-pk"
    )
    context = {
        "number": application.number,
        "application_id": application.pk,
        "form": form,
        "requests": requests,
        "open": any(r.status == AccessRequestStatus.REQUESTED for r in requests),
    }
    return render(request, "cases/team/access_request.html", context)


@role_required(*access.FOLLOWUP_ROLES)
def followup_waiting(request: HttpRequest) -> HttpResponse:
    """Cases waiting for follow-up: decided cases of the municipality without a
    follow-up plan, by case number only (see ``access_request``)."""
    cases = selectors.cases_waiting_for_followup(actor=request.actor)
    return render(request, "cases/team/followup_waiting.html", {"page": paginate(request, cases)})


def _access_request(application: Application, request_id: int) -> AccessRequest:
    try:
        return application.access_requests.select_related("worker").get(pk=request_id)
    except AccessRequest.DoesNotExist as exc:
        raise Http404 from exc


@role_required()
def access_request_grant(
    request: HttpRequest, application_id: int, request_id: int
) -> HttpResponse:
    application = _editable(request, application_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access_request_ = _access_request(application, request_id)
    try:
        services.access_request_grant(
            actor=request.actor, application=application, request=access_request_
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s joined the case team and was notified.")
            % {"name": access_request_.worker.get_full_name() or access_request_.worker},
        )
    return redirect("cases:team", application_id=application.pk)


@role_required()
def access_request_refuse(
    request: HttpRequest, application_id: int, request_id: int
) -> HttpResponse:
    """GET asks for the reason; POST refuses the request."""
    application = _editable(request, application_id)
    access_request_ = _access_request(application, request_id)
    if not access.can_decide_access(request.actor, application):
        raise PermissionDenied
    form = AccessRefuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_refuse(
                actor=request.actor,
                application=application,
                request=access_request_,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The request was refused and the worker was told why."))
            return redirect("cases:team", application_id=application.pk)
    context = {"application": application, "access_request": access_request_, "form": form}
    return render(request, "cases/team/access_refuse.html", context)


def _team_member(application: Application, member_id: int) -> TeamMember:
    try:
        return application.team.select_related("user").get(pk=member_id)
    except TeamMember.DoesNotExist as exc:
        raise Http404 from exc


@role_required()
def team_member_remove(request: HttpRequest, application_id: int, member_id: int) -> HttpResponse:
    """GET asks for confirmation; POST takes the member out of the team."""
    application = _editable(request, application_id)
    member = _team_member(application, member_id)
    if request.method == "POST":
        services.team_member_remove(actor=request.actor, application=application, member=member)
        messages.success(
            request,
            _("%(name)s is no longer in the case team.")
            % {"name": member.user.get_full_name() or member.user},
        )
        return redirect("cases:team", application_id=application.pk)
    return render(
        request,
        "cases/team/member_confirm_remove.html",
        {"application": application, "member": member},
    )


# Consent


@role_required()
def consent_list(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = access.application_get(actor=actor, pk=application_id)
    current, past = selectors.consent_list(application=application)
    context = {
        "application": application,
        "current": current,
        "past": past,
        "can_edit": access.can_manage_team(actor, application),
    }
    return render(request, "cases/team/consent_list.html", context)


# The pages that link to the consent form and get the user back after it
# (``?from=``): a fixed list, so the parameter can never send anyone elsewhere.
CONSENT_RETURN_PAGES = {"case": "cases:detail", "interview": "cases:interview"}


@role_required()
def consent_create(request: HttpRequest, application_id: int) -> HttpResponse:
    """The one place consent is recorded; the case page and the interview link here."""
    application = _editable(request, application_id)
    back = CONSENT_RETURN_PAGES.get(request.GET.get("from", ""), "cases:consent_list")
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.actor, application=application, **form.service_arguments()
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect(back, application_id=application.pk)
    context = {"application": application, "form": form, "back": back}
    return render(request, "cases/team/consent_form.html", context)


def _consent(application: Application, consent_id: int) -> Consent:
    """A consent of the case's main applicant; any other answers 404."""
    try:
        return Consent.objects.get(pk=consent_id, person_id=application.applicant_id)
    except Consent.DoesNotExist as exc:
        raise Http404 from exc


@role_required()
def consent_revoke(request: HttpRequest, application_id: int, consent_id: int) -> HttpResponse:
    """GET asks for confirmation (and the date); POST revokes the consent."""
    application = _editable(request, application_id)
    consent = _consent(application, consent_id)
    form = ConsentRevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(
                actor=request.actor, application=application, consent=consent, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The consent was revoked."))
            return redirect("cases:consent_list", application_id=application.pk)
    context: dict[str, Any] = {
        "application": application,
        "consent": consent,
        "categories": selectors.consent_category_labels(consent),
        "form": form,
    }
    return render(request, "cases/team/consent_confirm_revoke.html", context)


# The case's own audit trail


@role_required()
def audit_trail(request: HttpRequest, application_id: int) -> HttpResponse:
    """The case's audit events for managers and auditors; the read itself is audited
    (and is the newest line of the first page)."""
    actor = request.actor
    application = access.application_get(actor=actor, pk=application_id, audit=False)
    require_role(actor, Role.MANAGER, Role.AUDITOR)
    events = selectors.case_audit_trail(actor=actor, application=application)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=application,
        changes={"audit_trail": [None, request.GET.get("page", "1")[:10]]},
    )
    page = paginate(request, events)
    return render(
        request, "cases/team/audit_trail.html", {"application": application, "page": page}
    )


urlpatterns = [
    path("<int:application_id>/interview/", interview_edit, name="interview"),
    path("<int:application_id>/team/", team, name="team"),
    path("<int:application_id>/team/coordinator/", coordinator_set, name="coordinator_set"),
    path("<int:application_id>/team/members/", team_member_add, name="team_member_add"),
    path(
        "<int:application_id>/team/followup/", followup_worker_assign, name="followup_worker_assign"
    ),
    path("<int:application_id>/access/", access_request, name="access_request"),
    path(
        "<int:application_id>/access/<int:request_id>/grant/",
        access_request_grant,
        name="access_request_grant",
    ),
    path(
        "<int:application_id>/access/<int:request_id>/refuse/",
        access_request_refuse,
        name="access_request_refuse",
    ),
    path("waiting-for-followup/", followup_waiting, name="followup_waiting"),
    path(
        "<int:application_id>/team/members/<int:member_id>/remove/",
        team_member_remove,
        name="team_member_remove",
    ),
    path("<int:application_id>/consents/", consent_list, name="consent_list"),
    path("<int:application_id>/consents/new/", consent_create, name="consent_create"),
    path(
        "<int:application_id>/consents/<int:consent_id>/revoke/",
        consent_revoke,
        name="consent_revoke",
    ),
    path("<int:application_id>/audit/", audit_trail, name="audit_trail"),
]
