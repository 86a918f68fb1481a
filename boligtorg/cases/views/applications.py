"""Case list, new case, case page, editing, household members, submitting."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, TextChoices
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from boligtorg.core import exports, private_search
from boligtorg.core.audit import audit_export, audit_list_read, audit_record
from boligtorg.core.exports import ExportColumn
from boligtorg.core.files import document_file_name, pdf_response
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import role_required
from boligtorg.core.views import object_url, paginate
from boligtorg.domain.deadlines import appeal_deadline, interim_notice_due

from .. import access, letters, selectors, selectors_team
from ..forms import (
    PERSON_FIELDS,
    ApplicationEditForm,
    ApplicationFieldsForm,
    CaseFilterForm,
    HouseholdAddressForm,
    HouseholdMemberForm,
    InterimNoticeForm,
    PersonForm,
    SubmitForm,
)
from ..models import Application, ApplicationStatus, HouseholdMember, HouseholdRelation, Situation
from ..services import applications as services

# What the case list shows of each case. The page is fetched as plain rows and drawn
# from dicts: the template engine finds a dict's key at its first try, where on a
# model instance each lookup fails as a key before it succeeds as an attribute, and
# no model objects are made. Drawing 25 cases went from 3 ms to under 1 ms of CPU.
LIST_COLUMNS = (
    "pk",
    "number",
    "status",
    "situation",
    "received_on",
    "applicant_name",
    "caseworker__first_name",
    "caseworker__last_name",
)
STATUS_COLORS = {
    ApplicationStatus.CLOSED: "neutral",
    ApplicationStatus.DECIDED: "success",
    ApplicationStatus.APPEALED: "warning",
}


def _list_rows(values: list[dict[str, object]]) -> list[dict[str, object]]:
    url = object_url("cases:detail")
    statuses, situations = dict(ApplicationStatus.choices), dict(Situation.choices)
    return [
        {
            "url": url(row["pk"]),
            "number": row["number"],
            "applicant": row["applicant_name"],
            "status_label": statuses.get(row["status"], row["status"]),
            "status_color": STATUS_COLORS.get(row["status"], "info"),
            "situation_label": situations.get(row["situation"], row["situation"]),
            "received_on": row["received_on"],
            "caseworker": " ".join(
                filter(None, (row["caseworker__first_name"], row["caseworker__last_name"]))
            ),
        }
        for row in values
    ]


def _case_list_filters(request: HttpRequest) -> tuple[CaseFilterForm, dict, str]:
    """The case list's filter form, its valid filters and the sort, from the URL (a
    search behind a session key put back): the page and its export read the same."""
    form = CaseFilterForm(
        private_search.search_data(request) or None, municipality=request.actor.municipality
    )
    filters = form.cleaned_data if form.is_valid() else {}
    ordering = request.GET.get("sort", "")
    ordering = ordering if ordering in selectors.APPLICATION_ORDERINGS else "-received"
    return form, filters, ordering


def _case_list(request: HttpRequest, filters: dict, ordering: str) -> QuerySet[Application]:
    return selectors.application_list(
        actor=request.actor,
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        situation=filters.get("situation", ""),
        target_group=filters.get("target_group", ""),
        caseworker=filters.get("caseworker"),
        overdue=bool(filters.get("overdue")),
        mine=bool(filters.get("mine")),
        new=bool(filters.get("new")),
        ordering=ordering,
    )


def _without_private_search(request: HttpRequest) -> HttpResponse:
    """Post/redirect/get: the list's URL with its search behind a session key."""
    data = request.POST if request.method == "POST" else request.GET
    query = private_search.query_without_search(request, data, always=request.method == "POST")
    path = reverse("cases:list")
    return redirect(f"{path}?{query}" if query else path)


@role_required(*access.READ_ROLES)
def application_list(request: HttpRequest) -> HttpResponse:
    """The case list. Its search box may take a national id, so the form posts and
    is sent on to a URL holding a session key for the search, never the search
    itself (``core.private_search``); each page shown is one audit event."""
    actor = request.actor
    if request.method == "POST" or private_search.id_in_url(request):
        return _without_private_search(request)
    form, filters, ordering = _case_list_filters(request)
    page = paginate(request, _case_list(request, filters, ordering), capped=True)
    values = list(page.object_list.values(*LIST_COLUMNS))
    audit_list_read(
        actor=actor,
        model=Application,
        query={**filters, "sort": ordering, "page": page.number},
        ids=[row["pk"] for row in values],
    )
    page.object_list = _list_rows(values)
    return render(
        request, "cases/application_list.html", {"form": form, "page": page, "sort": ordering}
    )


def _labelled(choices: type[TextChoices], key: str) -> Callable[[dict], str]:
    labels = dict(choices.choices)
    return lambda row: str(labels.get(row[key], row[key] or ""))


EXPORT_COLUMNS = (
    ExportColumn(gettext_lazy("Case number"), lambda row: row["number"]),
    ExportColumn(gettext_lazy("Applicant"), lambda row: row["applicant_name"]),
    ExportColumn(gettext_lazy("Status"), _labelled(ApplicationStatus, "status")),
    ExportColumn(gettext_lazy("Situation"), _labelled(Situation, "situation")),
    ExportColumn(gettext_lazy("Received"), lambda row: row["received_on"]),
    ExportColumn(
        gettext_lazy("Caseworker"),
        lambda row: " ".join(
            filter(None, (row["caseworker__first_name"], row["caseworker__last_name"]))
        ),
    ),
)


@require_GET
@role_required(*access.READ_ROLES)
def application_export(request: HttpRequest) -> HttpResponse:
    """Every case the list's filters, search and sort give (not only one page), as
    CSV or XLSX; one audit event with the cases the file holds."""
    file_format = exports.export_format(request)
    if private_search.id_in_url(request):
        return _without_private_search(request)
    _form, filters, ordering = _case_list_filters(request)
    rows = exports.bounded(_case_list(request, filters, ordering).values(*LIST_COLUMNS))
    if rows is None:
        return exports.too_many_rows(request, reverse("cases:list"))
    audit_export(
        actor=request.actor,
        model=Application,
        query={**filters, "sort": ordering},
        ids=[row["pk"] for row in rows],
        name="case list",
        file_format=file_format,
    )
    return exports.export_response(
        file_format=file_format,
        name=pgettext("file name", "cases"),
        columns=EXPORT_COLUMNS,
        rows=rows,
    )


@role_required(Role.CASEWORKER)
def application_create(request: HttpRequest) -> HttpResponse:
    """One form for the main applicant and the application; members are added after."""
    actor = request.actor
    data = request.POST or None
    person_form = PersonForm(data, prefix="person")
    application_form = ApplicationFieldsForm(
        data, prefix="application", municipality=actor.municipality
    )
    if request.method == "POST" and person_form.is_valid() and application_form.is_valid():
        try:
            with transaction.atomic():
                person = services.person_create(actor=actor, **person_form.cleaned_data)
                household = services.household_create(
                    actor=actor, members=[(person, HouseholdRelation.MAIN_APPLICANT)]
                )
                fields = dict(application_form.cleaned_data)
                groups = fields.pop("target_groups")
                application = services.application_create(
                    actor=actor, household=household, target_groups=groups, **fields
                )
        except ValidationError as exc:
            add_service_errors(exc, person_form, application_form)
        else:
            messages.success(
                request, _("Case %(number)s was registered.") % {"number": application.number}
            )
            return redirect("cases:detail", application_id=application.pk)
    return render(
        request,
        "cases/application_create.html",
        {"person_form": person_form, "application_form": application_form},
    )


@role_required()
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = request.actor
    application = access.application_get(actor=actor, pk=application_id)
    country = actor.municipality.country
    members = (
        HouseholdMember.objects.filter(household=application.household)
        .select_related("person")
        .order_by("relation", "person__last_name")
    )
    deadlines = {}
    if application.received_on and application.status in selectors.OPEN_STATUSES:
        due = interim_notice_due(application.received_on, country)
        deadlines["interim_notice_due"] = due
        deadlines["interim_notice_overdue"] = (
            application.interim_notice_sent_on is None and due < timezone.localdate()
        )
    # Newest first (the model's order), with their appeals: two queries however many.
    decisions = list(application.decisions.prefetch_related("appeals"))
    if decisions:
        deadlines["appeal_deadline"] = appeal_deadline(decisions[0].received_on, country)
    # The main applicant's consent decides what the interview shows, whether the case
    # can be registered as received, and is shown once, with the team: one query.
    consent = selectors_team.consent_state(application=application)
    visible = access.visible_special_categories(actor, application, consents=consent.current)
    context = {
        "application": application,
        "members": members,
        "timeline": selectors.case_timeline(application=application)[:50],
        "deadlines": deadlines,
        "decisions": decisions,
        # The allocation app's offers to this case, each with its letter: one query.
        "offers": list(application.offers.select_related("dwelling").order_by("-offered_on")),
        "can_send_offer_letters": actor.has_role(Role.ALLOCATION_MEMBER, Role.CASEWORKER),
        "interview_view": selectors_team.interview_read(
            actor=actor, application=application, visible=visible
        ),
        "team": selectors_team.team_read(actor=actor, application=application, consent=consent),
        "can_edit": access.can_edit(actor, application),
        "is_team_member": access.is_team_member(actor, application),
        "target_groups": application.target_groups.all(),
        "submit_form": SubmitForm(initial={"received_on": timezone.localdate()}),
        "interim_form": InterimNoticeForm(),
    }
    return render(request, "cases/application_detail.html", context)


def _editable(request: HttpRequest, application_id: int):  # noqa: ANN202
    return access.application_for_edit(actor=request.actor, pk=application_id)


@role_required()
def application_edit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    actor = request.actor
    if request.method == "POST":
        form = ApplicationEditForm(request.POST, municipality=actor.municipality)
    else:
        form = ApplicationEditForm(
            instance=application,
            initial={"version": application.version},
            municipality=actor.municipality,
        )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        groups = fields.pop("target_groups")
        try:
            services.application_update(
                actor=actor,
                application=application,
                version=version,
                target_groups=groups,
                **fields,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The application was saved."))
            return redirect("cases:detail", application_id=application.pk)
    return render(
        request, "cases/application_edit.html", {"application": application, "form": form}
    )


@role_required()
def member_add(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    form = HouseholdMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        relation = fields.pop("relation")
        try:
            services.household_member_add(
                actor=request.actor,
                application=application,
                relation=relation,
                **{key: fields[key] for key in PERSON_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The household member was added."))
            return redirect("cases:detail", application_id=application.pk)
    return render(request, "cases/member_add.html", {"application": application, "form": form})


@role_required()
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _editable(request, application_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.application_submit(
                actor=request.actor, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The application is registered as received."))
    else:
        messages.error(request, _("Give a valid date received."))
    return redirect("cases:detail", application_id=application.pk)


@role_required()
def household_address(request: HttpRequest, application_id: int) -> HttpResponse:
    """The household's postal address, where every letter of the case goes."""
    application = _editable(request, application_id)
    form = HouseholdAddressForm(request.POST or None, instance=application.household)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_address_update(
                actor=request.actor, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The postal address was saved."))
            return redirect("cases:detail", application_id=application.pk)
    return render(
        request, "cases/household_address.html", {"application": application, "form": form}
    )


@role_required()
def interim_notice(request: HttpRequest, application_id: int) -> HttpResponse:
    """Record the interim notice (fvl. § 11 a) and write its letter; the form comes
    back with everything typed and every error at once."""
    application = _editable(request, application_id)
    form = InterimNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_record_interim_notice(
                actor=request.actor, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The interim notice is recorded and its letter is ready."))
            return redirect("cases:detail", application_id=application.pk)
    return render(
        request, "cases/interim_notice_form.html", {"application": application, "form": form}
    )


@never_cache
@require_GET
@role_required()
def interim_notice_letter(request: HttpRequest, application_id: int) -> HttpResponse:
    """The interim notice letter as recorded, in the applicant's language; audited
    as an export."""
    actor = request.actor
    application = access.application_get(actor=actor, pk=application_id, audit=False)
    if application.interim_notice_sent_on is None or application.interim_notice_expected_on is None:
        raise Http404
    content = letters.interim_notice_letter_pdf(application)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=application,
        changes={"export": "interim notice letter", "format": "pdf"},
    )
    name = pgettext("file name", "interim-notice")
    return pdf_response(content, document_file_name(name, application.number))


@role_required()
def application_close(request: HttpRequest, application_id: int) -> HttpResponse:
    """GET asks for confirmation; POST closes the case."""
    application = _editable(request, application_id)
    if request.method == "POST":
        try:
            services.application_set_status(
                actor=request.actor, application=application, status=ApplicationStatus.CLOSED
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The case is closed."))
        return redirect("cases:detail", application_id=application.pk)
    return render(request, "cases/application_close.html", {"application": application})


urlpatterns = [
    path("", application_list, name="list"),
    path("export/", application_export, name="export"),
    path("new/", application_create, name="create"),
    path("<int:application_id>/", application_detail, name="detail"),
    path("<int:application_id>/edit/", application_edit, name="edit"),
    path("<int:application_id>/members/new/", member_add, name="member_add"),
    path("<int:application_id>/submit/", application_submit, name="submit"),
    path("<int:application_id>/address/", household_address, name="household_address"),
    path("<int:application_id>/interim-notice/", interim_notice, name="interim_notice"),
    path(
        "<int:application_id>/interim-notice/letter/",
        interim_notice_letter,
        name="interim_notice_letter",
    ),
    path("<int:application_id>/close/", application_close, name="close"),
]
