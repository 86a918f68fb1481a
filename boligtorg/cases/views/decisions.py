"""Writing decisions, the letter and case-summary downloads, appeals and their
reconsideration, and the deadlines list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache

from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.files import (
    document_file_name,
    pdf_response,
    stored_file_missing,
    stored_file_open,
    stored_pdf_response,
)
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, role_required
from boligtorg.core.views import paginate
from boligtorg.domain.deadlines import appeal_deadline

from .. import access
from ..forms_decisions import AppealForm, DeadlineFilterForm, DecisionForm, ReconsiderForm
from ..models import Appeal, AppealStatus, Application, Decision
from ..services import decisions as services


def _editable(actor: Actor, application_id: int) -> Application:
    """Showing a form with the applicant's name is a read of the case: audited."""
    return access.application_for_edit(actor=actor, pk=application_id, audit=True)


def _scoped(queryset: QuerySet, actor: Actor, application_path: str, pk: int):  # noqa: ANN202
    """One row whose case belongs to the actor's municipality; 404 otherwise."""
    if actor.municipality is None:
        raise Http404
    try:
        return queryset.get(pk=pk, **{f"{application_path}__municipality": actor.municipality})
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def _decision(actor: Actor, decision_id: int) -> Decision:
    return _scoped(
        Decision.objects.select_related("application", "legal_basis"),
        actor,
        "application",
        decision_id,
    )


def _appeal(actor: Actor, appeal_id: int) -> Appeal:
    return _scoped(
        Appeal.objects.select_related("decision__application"),
        actor,
        "decision__application",
        appeal_id,
    )


def _missing(request: HttpRequest, application: Application, document: str) -> HttpResponse:
    return stored_file_missing(
        request,
        document=document,
        back_url=reverse("cases:detail", args=[application.pk]),
        back_label=_("Back to the case"),
    )


def _preview_response(content: bytes, application: Application) -> HttpResponse:
    """The preview shown in the browser, never stored: a draft's file name."""
    name = pgettext("file name", "decision-draft")
    return pdf_response(content, document_file_name(name, application.number), inline=True)


@never_cache
@role_required()
def decision_create(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = _editable(actor, application_id)
    form = DecisionForm(
        request.POST or None,
        country=actor.municipality.country,
        initial={"letter_language": application.applicant.language},
    )
    preview = "preview" in request.POST
    if request.method == "POST" and form.is_valid():
        try:
            if preview:
                content = services.decision_letter_preview(
                    actor=actor, application=application, **form.cleaned_data
                )
            else:
                services.decision_make(actor=actor, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if preview:
                return _preview_response(content, application)
            messages.success(request, _("The decision is made and the letter is ready."))
            return redirect("cases:detail", application_id=application.pk)
    elif request.method == "POST":
        # Every broken rule at once, not the service's only after the form's.
        for name, error in services.decision_errors(application, form.cleaned_data).items():
            if name in form.fields and name not in form.errors:
                form.add_error(name, error)
    return render(
        request, "cases/decisions/decision_form.html", {"application": application, "form": form}
    )


@never_cache
@role_required()
def decision_letter(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The stored letter as a download, never through MEDIA_URL: every fetch checks
    access to the case and is audited as an export."""
    actor = request.actor
    decision = _decision(actor, decision_id)
    access.application_get(actor=actor, pk=decision.application_id, audit=False)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not decision.letter:
        raise Http404
    letter = stored_file_open(decision.letter)
    if letter is None:
        document = _("the decision letter of %(date)s in case %(number)s") % {
            "date": date_format(decision.decided_on, "SHORT_DATE_FORMAT"),
            "number": decision.application.number,
        }
        return _missing(request, decision.application, document)
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=decision)
    filename = document_file_name(
        pgettext("file name", "decision"),
        decision.application.number,
        f"{decision.decided_on:%Y-%m-%d}",
    )
    return stored_pdf_response(letter, filename)


@role_required()
def appeal_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request.actor
    decision = _decision(actor, decision_id)
    application = _editable(actor, decision.application_id)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_register(actor=actor, decision=decision, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if appeal.is_late:
                messages.warning(
                    request,
                    _("The appeal is registered. It came after the deadline and is flagged late."),
                )
            else:
                messages.success(request, _("The appeal is registered."))
            return redirect("cases:detail", application_id=application.pk)
    context = {
        "application": application,
        "decision": decision,
        "deadline": appeal_deadline(decision.received_on, actor.municipality.country),
        "form": form,
    }
    return render(request, "cases/decisions/appeal_form.html", context)


@role_required()
def appeal_reconsider(request: HttpRequest, appeal_id: int) -> HttpResponse:
    actor = request.actor
    appeal = _appeal(actor, appeal_id)
    application = _editable(actor, appeal.decision.application_id)
    form = ReconsiderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_reconsider(actor=actor, appeal=appeal, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if appeal.status == AppealStatus.UPHELD:
                messages.success(
                    request, _("The decision is upheld. The case summary is ready to send on.")
                )
                return redirect("cases:detail", application_id=application.pk)
            messages.success(request, _("The decision is reversed. Write the new decision."))
            return redirect("cases:decision_create", application_id=application.pk)
    context = {"application": application, "appeal": appeal, "form": form}
    return render(request, "cases/decisions/reconsider_form.html", context)


@never_cache
@role_required()
def appeal_summary(request: HttpRequest, appeal_id: int) -> HttpResponse:
    actor = request.actor
    appeal = _appeal(actor, appeal_id)
    application = access.application_get(
        actor=actor, pk=appeal.decision.application_id, audit=False
    )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not appeal.summary:
        raise Http404
    summary = stored_file_open(appeal.summary)
    if summary is None:
        document = _("the case summary of the appeal in case %(number)s") % {
            "number": application.number
        }
        return _missing(request, application, document)
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=appeal)
    filename = document_file_name(pgettext("file name", "appeal-summary"), application.number)
    return stored_pdf_response(summary, filename)


@role_required(*access.DEADLINE_ROLES)
def deadlines(request: HttpRequest) -> HttpResponse:
    """Interim notices due within a week or overdue (or only one of the two), and
    appeals awaiting reconsideration, in the actor's municipality."""
    actor = request.actor
    today = timezone.localdate()
    form = DeadlineFilterForm(request.GET or None)
    mine = bool(form.is_valid() and form.cleaned_data["mine"])
    due = form.cleaned_data["due"] if form.is_valid() else ""
    ordering = request.GET.get("sort", "due")
    page = paginate(
        request,
        services.interim_notice_list(
            actor=actor, today=today, mine=mine, due=due, ordering=ordering
        ),
    )
    rows = services.interim_notice_rows(
        list(page.object_list), today=today, country=actor.municipality.country
    )
    appeals = list(services.pending_appeal_list(actor=actor, mine=mine))
    # One event for the page: the cases of its notices, then those of its appeals.
    audit_list_read(
        actor=actor,
        model=Application,
        query={"mine": mine, "due": due, "sort": ordering, "page": page.number},
        ids=[row.application.pk for row in rows]
        + [appeal.decision.application_id for appeal in appeals],
        name="deadline list",
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "appeals": appeals,
        "sort": ordering,
        "today": today,
        "due_soon_days": services.DUE_SOON_DAYS,
    }
    return render(request, "cases/decisions/deadlines.html", context)


urlpatterns = [
    path("deadlines/", deadlines, name="deadlines"),
    path("<int:application_id>/decisions/new/", decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/letter/", decision_letter, name="decision_letter"),
    path("decisions/<int:decision_id>/appeals/new/", appeal_create, name="appeal_create"),
    path("appeals/<int:appeal_id>/reconsider/", appeal_reconsider, name="appeal_reconsider"),
    path("appeals/<int:appeal_id>/summary/", appeal_summary, name="appeal_summary"),
]
