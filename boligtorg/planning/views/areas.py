"""Pages of the vulnerable-areas part: the area list, an area's page (indicators
and classification by year, need-based intensity, steering group and KUF), the
forms, the indicator import and the criterion sets. Thin: they parse input and
call selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligtorg.core.forms import service_or_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs, paginate
from boligtorg.housing.services import ImportRejected, RowError
from boligtorg.housing.transfer import FileRejected

from .. import selectors_areas as selectors
from ..forms_areas import (
    AreaFilterForm,
    AreaForm,
    CriterionSetEndForm,
    CriterionSetForm,
    GroupMeetingForm,
    GroupMemberForm,
    IndicatorImportForm,
    MeetingActionForm,
)
from ..models import PlanningArea
from ..services import areas as services
from .common import confirm_page, form_page

READ_ROLES = selectors.READ_ROLES
WRITE_ROLES = selectors.WRITE_ROLES
CRITERIA_ROLES = selectors.CRITERIA_ROLES
MAX_ERRORS_SHOWN = 200


def _crumbs(
    request: HttpRequest,
    area: PlanningArea | None = None,
    *trail: tuple[str, str],
    current: str = "",
) -> list[tuple[str, str]]:
    """Dashboard › Areas › the area › ``trail`` › ``current``."""
    return crumbs(
        request,
        (_("Areas"), reverse("planning:area_list")),
        area and (area.name, reverse("planning:area_detail", args=[area.pk])),
        *trail,
        current=current,
    )


def _area_url(area: PlanningArea, anchor: str = "") -> str:
    url = reverse("planning:area_detail", args=[area.pk])
    return f"{url}#{anchor}" if anchor else url


# Areas ------------------------------------------------------------------------------


@role_required(*READ_ROLES)
def area_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = AreaFilterForm(request.GET or None)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    ordering = request.GET.get("sort", "name")
    page = paginate(request, selectors.area_list(actor=actor, search=search, ordering=ordering))
    return render(
        request,
        "planning/areas/area_list.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.area_rows(actor=actor, areas=page.object_list),
            "sort": ordering,
            "searched": bool(search),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "crumbs": _crumbs(request),
        },
    )


@role_required(*READ_ROLES)
def area_detail(request: HttpRequest, planning_area_id: int) -> HttpResponse:
    actor = request.actor
    area = selectors.area_get(actor=actor, planning_area_id=planning_area_id)
    return render(
        request,
        "planning/areas/area_detail.html",
        {
            "area": area,
            "history": selectors.area_history(actor=actor, planning_area=area),
            "intensity": selectors.area_intensity(actor=actor, planning_area=area),
            "groups": selectors.area_groups(actor=actor, planning_area=area),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "crumbs": _crumbs(request, area),
        },
    )


@role_required(*WRITE_ROLES)
def area_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.area_create(actor=actor, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("%(name)s was registered.") % {"name": made.name})
            return redirect(_area_url(made))
    title = _("New area")
    return form_page(
        request,
        form,
        title,
        submit=_("Register the area"),
        back=reverse("planning:area_list"),
        trail=_crumbs(request, current=title),
    )


@role_required(*WRITE_ROLES)
def area_edit(request: HttpRequest, planning_area_id: int) -> HttpResponse:
    actor = request.actor
    area = selectors.area_get(actor=actor, planning_area_id=planning_area_id)
    initial = {"name": area.name, **{f: getattr(area, f) for f in services.AREA_FIELDS}}
    form = AreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.area_update(actor=actor, planning_area=area, **form.cleaned_data),
        )
        if made:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": made.name})
            return redirect(_area_url(made))
    title = _("Edit the area")
    return form_page(
        request,
        form,
        title,
        submit=_("Save changes"),
        back=_area_url(area),
        trail=_crumbs(request, area, current=title),
    )


@role_required(*WRITE_ROLES)
def area_delete(request: HttpRequest, planning_area_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes."""
    actor = request.actor
    area = selectors.area_get(actor=actor, planning_area_id=planning_area_id)
    if request.method == "POST":
        name = area.name
        services.area_delete(actor=actor, planning_area=area)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return redirect("planning:area_list")
    title = _("Delete the area")
    return confirm_page(
        request,
        title=title,
        question=_("Delete %(name)s?") % {"name": area.name},
        warning=_(
            "Its indicators, steering group, KUF, meetings and actions are deleted too. "
            "The area stays in the dwelling register."
        ),
        submit=_("Delete the area"),
        back=_area_url(area),
        trail=_crumbs(request, area, current=title),
    )


# Indicators --------------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def indicator_import(request: HttpRequest) -> HttpResponse:
    """Upload → read every row → check every row → write all or none."""
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows, read_errors = services.read_indicator_csv(upload.read())
            created, updated = services.indicators_import(
                actor=request.actor, rows=rows, read_errors=read_errors
            )
        except FileRejected as exc:
            form.add_error("file", str(exc))
        except ImportRejected as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Indicators imported: %(created)s new years, %(updated)s updated.")
                % {"created": created, "updated": updated},
            )
            return redirect("planning:area_list")
    title = _("Import indicators")
    return render(
        request,
        "planning/areas/indicator_import.html",
        {
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "error_count": len(errors),
            "bad_lines": len({error.line for error in errors}),
            "columns": services.INDICATOR_COLUMNS,
            "crumbs": _crumbs(request, current=title),
        },
    )


# Criterion sets ---------------------------------------------------------------------


def _criteria_crumbs(request: HttpRequest, current: str = "") -> list[tuple[str, str]]:
    return _crumbs(
        request,
        None,
        (_("Criterion sets"), reverse("planning:criterion_set_list")),
        current=current,
    )


@role_required(*READ_ROLES)
def criterion_set_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    return render(
        request,
        "planning/areas/criterion_set_list.html",
        {
            "page": paginate(request, selectors.criterion_set_list(actor=actor)),
            "can_edit": actor.has_role(*CRITERIA_ROLES),
            "is_denmark": actor.municipality.country == "dk",
            "crumbs": _crumbs(request, current=_("Criterion sets")),
        },
    )


@role_required(*READ_ROLES)
def criterion_set_detail(request: HttpRequest, criterion_set_id: int) -> HttpResponse:
    row = selectors.criterion_set_get(actor=request.actor, criterion_set_id=criterion_set_id)
    return render(
        request,
        "planning/areas/criterion_set_detail.html",
        {
            "set": row,
            "criteria": list(row.criteria.all()),
            "can_edit": request.actor.has_role(*CRITERIA_ROLES),
            "crumbs": _criteria_crumbs(request, row.name),
        },
    )


@role_required(*CRITERIA_ROLES)
def criterion_set_create(request: HttpRequest) -> HttpResponse:
    """A new set; ``?from=<id>`` starts it as a copy of that set (the successor
    when the law changes)."""
    initial = {}
    copied = id_from_query(request.GET.get("from"))
    if copied is not None:
        source = selectors.criterion_set_get(actor=request.actor, criterion_set_id=copied)
        initial = CriterionSetForm.initial_from(source)
    form = CriterionSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.criterion_set_create(actor=request.actor, **form.service_kwargs()),
        )
        if made:
            messages.success(request, _("%(name)s was saved.") % {"name": made.name})
            return redirect("planning:criterion_set_detail", made.pk)
    title = _("New criterion set")
    return render(
        request,
        "planning/areas/criterion_set_form.html",
        {"form": form, "title": title, "crumbs": _criteria_crumbs(request, title)},
    )


@role_required(*CRITERIA_ROLES)
def criterion_set_end(request: HttpRequest, criterion_set_id: int) -> HttpResponse:
    row = selectors.criterion_set_get(actor=request.actor, criterion_set_id=criterion_set_id)
    form = CriterionSetEndForm(request.POST or None, initial={"valid_to": row.valid_to})
    if request.method == "POST" and form.is_valid():
        ended = service_or_errors(
            form,
            lambda: services.criterion_set_end(
                actor=request.actor, criterion_set=row, valid_to=form.cleaned_data["valid_to"]
            ),
        )
        if ended:
            messages.success(
                request,
                _("%(name)s is valid until %(day)s.")
                % {"name": ended.name, "day": date_format(ended.valid_to, "SHORT_DATE_FORMAT")},
            )
            return redirect("planning:criterion_set_detail", row.pk)
    back = reverse("planning:criterion_set_detail", args=[row.pk])
    title = _("End the validity of %(name)s") % {"name": row.name}
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(
            request,
            None,
            (_("Criterion sets"), reverse("planning:criterion_set_list")),
            (row.name, back),
            current=_("End validity"),
        ),
        submit=_("Save the last day"),
        back=back,
        lead=_(
            "Areas are classified again from the sets in force on each year's list day, "
            "so a last day in the past changes the classification of the years after it."
        ),
    )


@require_POST
@role_required(*CRITERIA_ROLES)
def criterion_set_defaults(request: HttpRequest) -> HttpResponse:
    made = services.criterion_sets_ensure(municipality=request.actor.municipality)
    messages.success(request, _("%(count)s statutory sets were added.") % {"count": made})
    return redirect("planning:criterion_set_list")


# Coordination ------------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def group_member_create(request: HttpRequest, coordination_group_id: int) -> HttpResponse:
    actor = request.actor
    group = selectors.group_get(actor=actor, coordination_group_id=coordination_group_id)
    form = GroupMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.group_member_add(actor=actor, group=group, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("%(name)s was added.") % {"name": made.name})
            return redirect(_area_url(group.area, f"group-{group.pk}"))
    title = _("New member of %(group)s") % {"group": group.get_kind_display()}
    return form_page(
        request,
        form,
        title,
        submit=_("Add the member"),
        back=_area_url(group.area),
        trail=_crumbs(request, group.area, current=title),
    )


@role_required(*WRITE_ROLES)
def group_member_remove(request: HttpRequest, group_member_id: int) -> HttpResponse:
    actor = request.actor
    member = selectors.member_get(actor=actor, group_member_id=group_member_id)
    area = member.group.area
    if request.method == "POST":
        services.group_member_remove(actor=actor, member=member)
        messages.success(request, _("%(name)s was removed.") % {"name": member.name})
        return redirect(_area_url(area, f"group-{member.group_id}"))
    title = _("Remove a member")
    return confirm_page(
        request,
        title=title,
        question=_("Remove %(name)s from the %(group)s?")
        % {"name": member.name, "group": member.group.get_kind_display()},
        warning=_("Earlier minutes keep their text."),
        submit=_("Remove the member"),
        back=_area_url(area),
        trail=_crumbs(request, area, current=title),
    )


@role_required(*WRITE_ROLES)
def group_meeting_create(request: HttpRequest, coordination_group_id: int) -> HttpResponse:
    actor = request.actor
    group = selectors.group_get(actor=actor, coordination_group_id=coordination_group_id)
    form = GroupMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.group_meeting_create(actor=actor, group=group, **form.cleaned_data),
        )
        if made:
            messages.success(request, _("The meeting was recorded."))
            return redirect("planning:group_meeting_detail", made.pk)
    title = _("New meeting of %(group)s") % {"group": group.get_kind_display()}
    return form_page(
        request,
        form,
        title,
        submit=_("Record the meeting"),
        back=_area_url(group.area),
        trail=_crumbs(request, group.area, current=title),
    )


@role_required(*READ_ROLES)
def group_meeting_detail(request: HttpRequest, group_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, group_meeting_id=group_meeting_id)
    return render(
        request,
        "planning/areas/meeting_detail.html",
        {
            "meeting": meeting,
            "actions": list(meeting.actions.all()),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "crumbs": _crumbs(
                request,
                meeting.group.area,
                current=_("Meeting %(day)s") % {"day": meeting.held_on.isoformat()},
            ),
        },
    )


@role_required(*WRITE_ROLES)
def group_meeting_edit(request: HttpRequest, group_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, group_meeting_id=group_meeting_id)
    form = GroupMeetingForm(
        request.POST or None, initial={"held_on": meeting.held_on, "minutes": meeting.minutes}
    )
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.group_meeting_update(
                actor=actor, meeting=meeting, **form.cleaned_data
            ),
        )
        if made:
            messages.success(request, _("The minutes were saved."))
            return redirect("planning:group_meeting_detail", meeting.pk)
    title = _("Edit the minutes")
    back = reverse("planning:group_meeting_detail", args=[meeting.pk])
    return form_page(
        request,
        form,
        title,
        submit=_("Save the minutes"),
        back=back,
        trail=_crumbs(request, meeting.group.area, current=title),
    )


@role_required(*WRITE_ROLES)
def meeting_action_create(request: HttpRequest, group_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, group_meeting_id=group_meeting_id)
    form = MeetingActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.meeting_action_create(
                actor=actor, meeting=meeting, **form.cleaned_data
            ),
        )
        if made:
            messages.success(request, _("The action was added."))
            return redirect("planning:group_meeting_detail", meeting.pk)
    title = _("New agreed action")
    back = reverse("planning:group_meeting_detail", args=[meeting.pk])
    return form_page(
        request,
        form,
        title,
        submit=_("Add the action"),
        back=back,
        trail=_crumbs(request, meeting.group.area, current=title),
    )


@require_POST
@role_required(*WRITE_ROLES)
def meeting_action_done(request: HttpRequest, meeting_action_id: int) -> HttpResponse:
    actor = request.actor
    action = selectors.action_get(actor=actor, meeting_action_id=meeting_action_id)
    services.meeting_action_set_done(actor=actor, action=action, done=action.done_on is None)
    return redirect("planning:group_meeting_detail", action.meeting_id)
