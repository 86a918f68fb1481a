"""Pages of shared-house life: the list of houses with their next resident meeting,
one house's page, and a form for each thing on it. Thin: they parse input and call
selectors and services. Reads of a house or a meeting are audited: the minutes
and the attendance are about people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligtorg.allocation.access import READ_ROLES as ALLOCATION_READ_ROLES
from boligtorg.core.audit import audit_record
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, role_required
from boligtorg.core.views import crumbs, paginate
from boligtorg.housing.models import SharedHouse

from .. import selectors_houses as selectors
from ..forms_houses import (
    AgreedActionEditForm,
    AgreedActionForm,
    ContactForm,
    DugnadTaskEditForm,
    DugnadTaskForm,
    HouseRuleForm,
    MeetingPlanForm,
    PeriodEndForm,
    RepresentativeForm,
    ResidentMeetingForm,
    RuleRetireForm,
)
from ..models import ResidentMeeting
from ..services import houses as services

READ_ROLES = selectors.READ_ROLES
WRITE_ROLES = selectors.WRITE_ROLES
MEETINGS_PER_PAGE = 5


def _crumbs(
    request: HttpRequest, house: SharedHouse | None = None, current: str = ""
) -> list[tuple[str, str]]:
    """Dashboard › Shared houses › the house › ``current``."""
    return crumbs(
        request,
        (_("Shared houses"), reverse("followup:house_life_list")),
        house and (house.name, reverse("followup:house_detail", args=[house.pk])),
        current=current,
    )


def _to_house(house: SharedHouse, anchor: str = "") -> HttpResponse:
    url = reverse("followup:house_detail", args=[house.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _form_page(
    request: HttpRequest,
    house: SharedHouse,
    form: Any,
    title: str,
    *,
    submit: str,
    intro: str = "",
    back: str = "",
    template: str = "form.html",
    **extra: Any,
) -> HttpResponse:
    """A form (or a confirmation) about the house: title, a line of help, the form,
    the submit button and a way back (the house page unless ``back`` says)."""
    context = {
        "house": house,
        "form": form,
        "title": title,
        "intro": intro,
        "submit": submit,
        "back": back or reverse("followup:house_detail", args=[house.pk]),
        **extra,
    }
    context["crumbs"] = _crumbs(request, house, title)
    return render(request, f"followup/houses/{template}", context)


def _meeting_url(meeting: ResidentMeeting) -> str:
    return reverse("followup:house_meeting_detail", args=[meeting.pk])


def _today() -> Any:
    return timezone.localdate()


def _residents(house: SharedHouse, also: Any = ()) -> Any:
    return selectors.resident_choices(house, _today(), also=[person.pk for person in also])


# The list and the house page -----------------------------------------------------


@role_required(*READ_ROLES)
def house_life_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.house_life_list(actor=request.actor, today=_today())
    return render(
        request,
        "followup/houses/house_list.html",
        {"page": paginate(request, rows), "crumbs": _crumbs(request)},
    )


@role_required(*READ_ROLES)
def house_detail(request: HttpRequest, house_id: int) -> HttpResponse:
    actor: Actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    life = selectors.house_life(actor=actor, house=house, today=_today())
    audit_record(actor=actor, action=AuditAction.VIEW, obj=house)
    return render(
        request,
        "followup/houses/house_detail.html",
        {
            "house": house,
            "life": life,
            "meetings": paginate(request, selectors.meeting_queryset(house), MEETINGS_PER_PAGE),
            "today": _today(),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "can_see_composition": actor.has_role(*ALLOCATION_READ_ROLES),
            "crumbs": _crumbs(request, house),
        },
    )


# Contact person and representative --------------------------------------------------


@role_required(*WRITE_ROLES)
def contact_set(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    form = ContactForm(
        request.POST or None,
        staff=selectors.staff_choices(actor=actor),
        initial={"from_date": _today()},
    )
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.house_contact_set(actor=actor, house=house, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("%(name)s is now the contact person.") % {"name": made})
            return _to_house(house, "people-heading")
    return _form_page(
        request,
        house,
        form,
        _("Contact person"),
        submit=_("Save the contact person"),
        intro=_(
            "The contact person is the link between the residents and the municipality. They "
            "do not handle complaints or conflicts, but hand out forms and tell each resident "
            "what they can do. A new contact person ends the current one's period the day before."
        ),
    )


@role_required(*WRITE_ROLES)
def representative_set(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    form = RepresentativeForm(
        request.POST or None, residents=_residents(house), initial={"from_date": _today()}
    )
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.house_representative_set(
                actor=actor, house=house, **form.cleaned_data
            ),
        )
        if made:
            messages.success(
                request,
                _("%(name)s is now the residents' representative.") % {"name": made.person},
            )
            return _to_house(house, "people-heading")
    return _form_page(
        request,
        house,
        form,
        _("Resident representative"),
        submit=_("Save the representative"),
        intro=_(
            "One resident speaks for the others. At the start one may be appointed until the "
            "residents can hold an election. A new representative ends the current one's period "
            "the day before."
        ),
    )


def _period_end(
    request: HttpRequest, period: Any, end: Callable[..., Any], holder: Any, title: str
) -> HttpResponse:
    """GET asks for confirmation with the last day; POST ends the period."""
    house = period.shared_house
    form = PeriodEndForm(request.POST or None, initial={"to_date": _today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(form, lambda: end(form.cleaned_data["to_date"]))
    ):
        messages.success(request, _("The period was ended."))
        return _to_house(house, "people-heading")
    return _form_page(
        request,
        house,
        form,
        title,
        submit=_("End the period"),
        template="confirm.html",
        question=title,
        facts=[(_("Holder"), holder), (_("From"), period.from_date)],
        warning=_("The period stays in the house's history. The change is kept in the audit log."),
    )


@role_required(*WRITE_ROLES)
def contact_end(request: HttpRequest, house_contact_id: int) -> HttpResponse:
    actor = request.actor
    contact = selectors.contact_get(actor=actor, contact_id=house_contact_id)
    return _period_end(
        request,
        contact,
        lambda day: services.house_contact_end(actor=actor, contact=contact, to_date=day),
        contact.user.get_full_name() or contact.user.get_username(),
        _("End the contact person's period"),
    )


@role_required(*WRITE_ROLES)
def representative_end(request: HttpRequest, house_representative_id: int) -> HttpResponse:
    actor = request.actor
    representative = selectors.representative_get(
        actor=actor, representative_id=house_representative_id
    )
    return _period_end(
        request,
        representative,
        lambda day: services.house_representative_end(
            actor=actor, representative=representative, to_date=day
        ),
        representative.person,
        _("End the representative's period"),
    )


@role_required(*WRITE_ROLES)
def meeting_plan(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    plan = getattr(house, "meeting_plan", None)
    form = MeetingPlanForm(
        request.POST or None,
        initial={
            "later_interval_months": plan.later_interval_months if plan else 3,
            "decided_on": plan.decided_on if plan else None,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form,
            lambda: services.house_meeting_plan_save(actor=actor, house=house, **form.cleaned_data),
        )
    ):
        messages.success(request, _("The meeting cadence was saved."))
        return _to_house(house, "meetings-heading")
    return _form_page(
        request,
        house,
        form,
        _("Meeting cadence"),
        submit=_("Save the cadence"),
        intro=_(
            "In the first six months after the first moving-in, the house meets every four to "
            "six weeks. After that it meets as often as it decides."
        ),
    )


# Resident meetings ----------------------------------------------------------------


def _meeting_form(request: HttpRequest, house: SharedHouse, **kwargs: Any) -> ResidentMeetingForm:
    return ResidentMeetingForm(
        request.POST or None,
        residents=_residents(house),
        staff=selectors.staff_choices(actor=request.actor),
        **kwargs,
    )


@role_required(*WRITE_ROLES)
def meeting_create(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    form = _meeting_form(
        request,
        house,
        initial={
            "held_on": _today(),
            "attendees": list(selectors.residents_on(house, _today())),
            "staff_present": [actor.user],
        },
    )
    if request.method == "POST" and form.is_valid():
        meeting = service_or_errors(
            form,
            lambda: services.resident_meeting_create(actor=actor, house=house, **form.cleaned_data),
        )
        if meeting:
            messages.success(
                request, _("The meeting was recorded. Add what it agreed, if anything.")
            )
            return redirect("followup:house_meeting_detail", resident_meeting_id=meeting.pk)
    return _form_page(
        request,
        house,
        form,
        _("New resident meeting"),
        submit=_("Record the meeting"),
        intro=_("Record a meeting that was held: who came, what was talked about, the minutes."),
    )


@role_required(*READ_ROLES)
def meeting_detail(request: HttpRequest, resident_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, meeting_id=resident_meeting_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=meeting)
    house = meeting.shared_house
    return render(
        request,
        "followup/houses/meeting_detail.html",
        {
            "house": house,
            "meeting": meeting,
            "today": _today(),
            "can_edit": actor.has_role(*WRITE_ROLES),
            "crumbs": _crumbs(
                request, house, formats.date_format(meeting.held_on, "SHORT_DATE_FORMAT")
            ),
        },
    )


def _meeting_of(request: HttpRequest, resident_meeting_id: int) -> ResidentMeeting:
    return selectors.meeting_get(actor=request.actor, meeting_id=resident_meeting_id)


@role_required(*WRITE_ROLES)
def meeting_edit(request: HttpRequest, resident_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting_of(request, resident_meeting_id)
    house = meeting.shared_house
    form = _meeting_form(
        request,
        house,
        initial={
            "held_on": meeting.held_on,
            "topics": meeting.topics,
            "minutes": meeting.minutes,
            "attendees": list(meeting.attendees.all()),
            "staff_present": list(meeting.staff_present.all()),
        },
    )
    # A former resident recorded as present stays on the form's list.
    form.fields["attendees"].queryset = _residents(house, also=meeting.attendees.all())
    if request.method == "POST" and form.is_valid():
        saved = service_or_errors(
            form,
            lambda: services.resident_meeting_update(
                actor=actor, meeting=meeting, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The changes to the meeting were saved."))
            return redirect("followup:house_meeting_detail", resident_meeting_id=saved.pk)
    return _form_page(
        request,
        house,
        form,
        _("Edit resident meeting"),
        submit=_("Save changes"),
        back=_meeting_url(meeting),
    )


@role_required(*WRITE_ROLES)
def action_create(request: HttpRequest, resident_meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting_of(request, resident_meeting_id)
    form = AgreedActionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form,
            lambda: services.agreed_action_add(actor=actor, meeting=meeting, **form.cleaned_data),
        )
    ):
        messages.success(request, _("The agreed action was added."))
        return redirect("followup:house_meeting_detail", resident_meeting_id=meeting.pk)
    return _form_page(
        request,
        meeting.shared_house,
        form,
        _("New agreed action"),
        submit=_("Add the action"),
        back=_meeting_url(meeting),
        meeting=meeting,
    )


@role_required(*WRITE_ROLES)
def action_edit(request: HttpRequest, agreed_action_id: int) -> HttpResponse:
    actor = request.actor
    action = selectors.action_get(actor=actor, action_id=agreed_action_id)
    meeting = action.meeting
    form = AgreedActionEditForm(
        request.POST or None,
        initial={
            "text": action.text,
            "responsible": action.responsible,
            "due_on": action.due_on,
            "done_on": action.done_on,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form,
            lambda: services.agreed_action_update(actor=actor, action=action, **form.cleaned_data),
        )
    ):
        messages.success(request, _("The agreed action was saved."))
        return redirect("followup:house_meeting_detail", resident_meeting_id=meeting.pk)
    return _form_page(
        request,
        meeting.shared_house,
        form,
        _("Edit agreed action"),
        submit=_("Save changes"),
        back=_meeting_url(meeting),
        meeting=meeting,
    )


@role_required(*WRITE_ROLES)
def action_remove(request: HttpRequest, agreed_action_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the action."""
    actor = request.actor
    action = selectors.action_get(actor=actor, action_id=agreed_action_id)
    meeting = action.meeting
    if request.method == "POST":
        services.agreed_action_remove(actor=actor, action=action)
        messages.success(request, _("The agreed action was removed."))
        return redirect("followup:house_meeting_detail", resident_meeting_id=meeting.pk)
    return _form_page(
        request,
        meeting.shared_house,
        None,
        _("Remove agreed action"),
        submit=_("Remove the action"),
        back=_meeting_url(meeting),
        template="confirm.html",
        question=_("Remove the agreed action “%(text)s”?") % {"text": action.text},
        facts=[(_("Responsible"), action.responsible), (_("Due"), action.due_on or "–")],
        warning=_("Remove only an action recorded by mistake. The audit log keeps what it said."),
    )


# House rules ----------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def rule_create(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    form = HouseRuleForm(request.POST or None, initial={"adopted_on": _today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form, lambda: services.house_rule_add(actor=actor, house=house, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The house rule was added."))
        return _to_house(house, "rules-heading")
    return _form_page(
        request,
        house,
        form,
        _("New house rule"),
        submit=_("Add the rule"),
        intro=_("The municipal house rules apply in every house; the residents may add their own."),
    )


@role_required(*WRITE_ROLES)
def rule_edit(request: HttpRequest, house_rule_id: int) -> HttpResponse:
    actor = request.actor
    rule = selectors.rule_get(actor=actor, rule_id=house_rule_id)
    house = rule.shared_house
    form = HouseRuleForm(
        request.POST or None,
        initial={
            "position": rule.position,
            "source": rule.source,
            "text": rule.text,
            "adopted_on": rule.adopted_on,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form, lambda: services.house_rule_update(actor=actor, rule=rule, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The house rule was saved."))
        return _to_house(house, "rules-heading")
    return _form_page(
        request,
        house,
        form,
        _("Edit house rule"),
        submit=_("Save changes"),
        intro=_(
            "Correct the rule here. When the house changes a rule, retire it and add the new one."
        ),
    )


@role_required(*WRITE_ROLES)
def rule_retire(request: HttpRequest, house_rule_id: int) -> HttpResponse:
    """GET asks for confirmation with the day; POST retires the rule."""
    actor = request.actor
    rule = selectors.rule_get(actor=actor, rule_id=house_rule_id)
    house = rule.shared_house
    form = RuleRetireForm(request.POST or None, initial={"retired_on": _today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form,
            lambda: services.house_rule_retire(
                actor=actor, rule=rule, retired_on=form.cleaned_data["retired_on"]
            ),
        )
    ):
        messages.success(request, _("The house rule was retired; it stays in the history."))
        return _to_house(house, "rules-heading")
    return _form_page(
        request,
        house,
        form,
        _("Retire house rule"),
        submit=_("Retire the rule"),
        template="confirm.html",
        question=_("Retire rule %(number)s?") % {"number": rule.position},
        facts=[(_("Rule"), rule.text), (_("Adopted on"), rule.adopted_on)],
        warning=_("A retired rule no longer applies but stays in the house's history."),
    )


# Dugnad ---------------------------------------------------------------------------


@role_required(*WRITE_ROLES)
def task_create(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = selectors.house_get(actor=actor, house_id=house_id)
    form = DugnadTaskForm(request.POST or None, residents=_residents(house))
    if (
        request.method == "POST"
        and form.is_valid()
        and service_or_errors(
            form, lambda: services.dugnad_task_add(actor=actor, house=house, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The task was put on the dugnad list."))
        return _to_house(house, "dugnad-heading")
    return _form_page(request, house, form, _("New dugnad task"), submit=_("Put it on the list"))


@role_required(*WRITE_ROLES)
def task_edit(request: HttpRequest, dugnad_task_id: int) -> HttpResponse:
    actor = request.actor
    task = selectors.task_get(actor=actor, task_id=dugnad_task_id)
    house = task.shared_house
    form = DugnadTaskEditForm(
        request.POST or None,
        residents=_residents(house, also=task.assigned.all()),
        initial={
            "task": task.task,
            "day": task.day,
            "assigned": list(task.assigned.all()),
            "done": task.done,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if service_or_errors(
            form,
            lambda: services.dugnad_task_update(
                actor=actor, task=task, name=data.pop("task"), **data
            ),
        ):
            messages.success(request, _("The task was saved."))
            return _to_house(house, "dugnad-heading")
    return _form_page(request, house, form, _("Edit dugnad task"), submit=_("Save changes"))


@require_POST
@role_required(*WRITE_ROLES)
def task_done(request: HttpRequest, dugnad_task_id: int) -> HttpResponse:
    actor = request.actor
    task = selectors.task_get(actor=actor, task_id=dugnad_task_id)
    done = request.POST.get("done") == "1"
    services.dugnad_task_set_done(actor=actor, task=task, done=done)
    messages.success(
        request,
        (_("%(task)s is done.") if done else _("%(task)s is no longer marked done."))
        % {"task": task.task},
    )
    return _to_house(task.shared_house, "dugnad-heading")


@role_required(*WRITE_ROLES)
def task_remove(request: HttpRequest, dugnad_task_id: int) -> HttpResponse:
    """GET asks for confirmation; POST takes the task off the list."""
    actor = request.actor
    task = selectors.task_get(actor=actor, task_id=dugnad_task_id)
    house = task.shared_house
    if request.method == "POST":
        services.dugnad_task_remove(actor=actor, task=task)
        messages.success(request, _("The task was taken off the dugnad list."))
        return _to_house(house, "dugnad-heading")
    return _form_page(
        request,
        house,
        None,
        _("Remove dugnad task"),
        submit=_("Remove the task"),
        template="confirm.html",
        question=_("Take “%(task)s” off the dugnad list?") % {"task": task.task},
        facts=[
            (_("Date"), task.day),
            (_("Who"), ", ".join(str(p) for p in task.assigned.all()) or "–"),
        ],
        warning=_("The audit log keeps what the task was."),
    )
