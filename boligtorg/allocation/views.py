"""Pages of the allocation meeting: meetings, the waiting list with the reasons
for each rank, one dwelling's candidates, offers and a household's priority.
Thin: they parse input and call selectors and services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from boligtorg.cases.forms import DateInput
from boligtorg.cases.models import Application, Situation, TargetGroup
from boligtorg.core.audit import audit_record
from boligtorg.core.forms import DesignsystemetMixin, add_service_errors
from boligtorg.core.models import AuditAction, Membership, Role, User
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import paginate
from boligtorg.domain import allocation as rules
from boligtorg.housing.models import Dwelling

from . import selectors
from . import statistics as offer_stats
from .access import LIST_ROLES, MEETING_ROLES, OFFER_ROLES, READ_ROLES
from .forms import (
    AcceptForm,
    AdjustForm,
    DeclineForm,
    MeetingForm,
    OfferFilterForm,
    PairForm,
    ParkForm,
    PostponeForm,
    ReasonForm,
    WaitingFilterForm,
)
from .models import (
    AgendaItem,
    DeclineReason,
    Meeting,
    MeetingStatus,
    Offer,
    OfferStatus,
    PairConstraint,
    PairKind,
    Parking,
)
from .services import households as household_services
from .services import meetings as services
from .services import minutes as minutes_services
from .services import offers as offer_services
from .services.rules import (
    decline_reasons_ensure,
    eligibility_rules,
    priority_rules,
    rule_set_for,
)

PART_LABELS = {
    rules.Part.SITUATION: gettext_lazy("Situation"),
    rules.Part.WAITING: gettext_lazy("Waiting time"),
    rules.Part.TARGET_GROUP: gettext_lazy("Target group"),
    rules.Part.CHILDREN: gettext_lazy("Children in the household"),
    rules.Part.URGENCY: gettext_lazy("Medical or social urgency"),
    rules.Part.MANUAL: gettext_lazy("Manual adjustment"),
}


def _try(form: Any, call: Any) -> Any:
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(exc, form)
        return None


def _error_message(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_for_actor(Meeting.objects.select_related("rule_set"), request.actor, pk=meeting_id)


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.items.select_related("dwelling", "meeting").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("allocation:meeting_detail", meeting_id=meeting.pk)


def _part_rows(prio: rules.Priority, groups: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for part in prio.parts:
        detail = part.quantity
        if part.part == rules.Part.SITUATION:
            detail = str(Situation(part.quantity).label) if part.quantity else ""
        elif part.part == rules.Part.WAITING:
            detail = _("%(n)s months") % {"n": part.quantity}
        elif part.part == rules.Part.TARGET_GROUP:
            detail = groups.get(part.quantity, part.quantity)
        rows.append({"label": PART_LABELS[part.part], "points": part.points, "detail": detail})
    return rows


def _check_rows(checks: tuple[rules.Check, ...]) -> list[dict[str, Any]]:
    return [
        {
            "label": services.CHECK_LABELS[check.code],
            "passed": check.passed,
            "required": check.required,
            "offered": check.offered,
        }
        for check in checks
    ]


def _group_names(meeting_or_municipality: Any) -> dict[str, str]:
    return dict(
        TargetGroup.objects.filter(municipality=meeting_or_municipality).values_list("code", "name")
    )


# Meetings ---------------------------------------------------------------------------


@role_required(*READ_ROLES)
def meeting_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    meetings = (
        Meeting.objects.filter(municipality=actor.municipality)
        .annotate(dwellings=Count("items", distinct=True), offered=Count("offers", distinct=True))
        .order_by("-held_on", "-pk")
    )
    return render(
        request,
        "allocation/meeting_list.html",
        {
            "page": paginate(request, meetings),
            "can_edit": actor.has_role(*MEETING_ROLES),
        },
    )


def _member_choices(actor: Any) -> Any:
    ids = Membership.objects.filter(
        municipality=actor.municipality, is_active=True, roles__role=Role.ALLOCATION_MEMBER
    ).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name")


@role_required(*MEETING_ROLES)
def meeting_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = MeetingForm(
        request.POST or None,
        members=_member_choices(actor),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        meeting = _try(form, lambda: services.meeting_create(actor=actor, **form.cleaned_data))
        if meeting:
            messages.success(
                request,
                _("The meeting was created with %(n)s dwellings on the agenda.")
                % {"n": meeting.items.count()},
            )
            return _to_meeting(meeting)
    return render(request, "allocation/meeting_form.html", {"form": form})


def _proposal_rows(meeting: Meeting, proposal: Any) -> dict[int, Any]:
    if proposal is None:
        return {}
    return {
        pair.dwelling_id: pair for pair in proposal.pairs.select_related("application__applicant")
    }


@role_required(*READ_ROLES)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(request, meeting_id)
    proposal = meeting.proposals.select_related("created_by").first()
    proposed = _proposal_rows(meeting, proposal)
    items = list(meeting.items.select_related("dwelling__area"))
    offers = {
        offer.dwelling_id: offer
        for offer in meeting.offers.select_related("application__applicant").order_by("created_at")
    }
    rows = [
        {
            "item": item,
            "pair": proposed.get(item.dwelling_id),
            "offer": offers.get(item.dwelling_id),
        }
        for item in items
    ]
    constraints = list(
        meeting.constraints.select_related("application__applicant", "dwelling", "created_by")
    )
    comparison = []
    envy: list[dict[str, Any]] = []
    if proposal:
        for key, label in minutes_services.COMPARED_LABELS.items():
            if key in proposal.comparison:
                comparison.append({"key": key, "label": label, **proposal.comparison[key]})
        envy_rows = proposal.comparison.get("envy", [])
        numbers = dict(
            Application.objects.filter(
                pk__in={e["household"] for e in envy_rows} | {e["holder"] for e in envy_rows}
            ).values_list("pk", "number")
        )
        dwellings = {
            d.pk: d for d in Dwelling.objects.filter(pk__in={e["dwelling"] for e in envy_rows})
        }
        envy = [
            {
                "household": numbers.get(e["household"], "?"),
                "holder": numbers.get(e["holder"], "?"),
                "dwelling": dwellings.get(e["dwelling"]),
                "locked": e["locked"],
            }
            for e in envy_rows
        ]
    can_edit = actor.has_role(*MEETING_ROLES) and meeting.status == MeetingStatus.OPEN
    pair_form = None
    if can_edit:
        pair_form = PairForm(
            households=_household_choices(meeting),
            dwellings=[
                (i.dwelling_id, str(i.dwelling)) for i in items if not i.taken_out and not i.outcome
            ],
        )
    return render(
        request,
        "allocation/meeting_detail.html",
        {
            "meeting": meeting,
            "proposal": proposal,
            "rows": rows,
            "constraints": constraints,
            "comparison": comparison,
            "envy": envy,
            "can_edit": can_edit,
            "pair_form": pair_form,
            "proposals": meeting.proposals.select_related("created_by")[:10],
        },
    )


def _household_choices(meeting: Meeting) -> list[tuple[int, str]]:
    found, shown = selectors.candidates(meeting.municipality, meeting.held_on)
    ranked = rules.rank(found, priority_rules(meeting.rule_set), meeting.held_on)
    return [
        (
            r.candidate.id,
            f"{r.rank}. {shown[r.candidate.id].number} {shown[r.candidate.id].name} "
            f"({r.priority.total})",
        )
        for r in ranked
    ]


@require_POST
@role_required(*MEETING_ROLES)
def meeting_propose(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    try:
        proposal = services.proposal_make(actor=request.actor, meeting=meeting)
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(
            request,
            _("Proposal %(n)s: %(pairs)s households matched.")
            % {"n": proposal.number, "pairs": proposal.pairs.count()},
        )
    return _to_meeting(meeting)


@role_required(*MEETING_ROLES)
def item_take_out(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    item = _item(meeting, item_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _try(
            form,
            lambda: services.agenda_take_out(
                actor=request.actor, item=item, reason=form.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(
                request, _("%(dwelling)s was taken out.") % {"dwelling": item.dwelling}
            )
            return _to_meeting(meeting)
    return render(
        request,
        "allocation/item_take_out.html",
        {"meeting": meeting, "item": item, "form": form},
    )


@require_POST
@role_required(*MEETING_ROLES)
def item_put_back(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    item = _item(meeting, item_id)
    try:
        services.agenda_put_back(actor=request.actor, item=item)
    except ValidationError as exc:
        _error_message(request, exc)
    return _to_meeting(meeting)


@require_POST
@role_required(*MEETING_ROLES)
def pair_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = PairForm(
        request.POST,
        households=_household_choices(meeting),
        dwellings=[
            (i.dwelling_id, str(i.dwelling)) for i in meeting.items.select_related("dwelling")
        ],
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _to_meeting(meeting)
    application = get_for_actor(
        Application.objects, request.actor, pk=form.cleaned_data["application"]
    )
    dwelling = get_for_actor(Dwelling.objects, request.actor, pk=form.cleaned_data["dwelling"])
    try:
        services.pair_constraint_add(
            actor=request.actor,
            meeting=meeting,
            kind=form.cleaned_data["kind"],
            application=application,
            dwelling=dwelling,
        )
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(
            request,
            _("%(kind)s: %(number)s – %(dwelling)s. Solve again to see the effect.")
            % {
                "kind": PairKind(form.cleaned_data["kind"]).label,
                "number": application.number,
                "dwelling": dwelling,
            },
        )
    return _to_meeting(meeting)


@require_POST
@role_required(*MEETING_ROLES)
def pair_remove(request: HttpRequest, meeting_id: int, constraint_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    constraint = PairConstraint.objects.filter(
        meeting=meeting, pk=constraint_id, removed_at__isnull=True
    ).first()
    if constraint is None:
        raise Http404
    try:
        services.pair_constraint_remove(actor=request.actor, constraint=constraint)
    except ValidationError as exc:
        _error_message(request, exc)
    return _to_meeting(meeting)


@require_POST
@role_required(*MEETING_ROLES)
def item_offer(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """Offer the dwelling to the household the form names (the proposal's by default)."""
    meeting = _meeting(request, meeting_id)
    item = _item(meeting, item_id)
    try:
        application_id = int(request.POST.get("application", ""))
    except ValueError as exc:
        raise Http404 from exc
    application = get_for_actor(Application.objects, request.actor, pk=application_id)
    try:
        offer = services.item_offer(
            actor=request.actor, item=item, application=application, offered_on=timezone.localdate()
        )
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(
            request,
            _("%(dwelling)s was offered to case %(number)s; answer by %(deadline)s.")
            % {"dwelling": item.dwelling, "number": application.number, "deadline": offer.deadline},
        )
    return _to_meeting(meeting)


@role_required(*MEETING_ROLES)
def item_postpone(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    item = _item(meeting, item_id)
    form = PostponeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _try(
            form,
            lambda: services.item_postpone(
                actor=request.actor, item=item, note=form.cleaned_data["note"]
            ),
        )
        if done:
            return _to_meeting(meeting)
    return render(
        request, "allocation/item_postpone.html", {"meeting": meeting, "item": item, "form": form}
    )


@role_required(*MEETING_ROLES)
def meeting_close(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Confirm (GET) and close (POST): the minutes are stored and the meeting can no
    longer be changed. The page says what is still undecided, if anything."""
    meeting = _meeting(request, meeting_id)
    if meeting.status != MeetingStatus.OPEN:
        messages.info(request, _("The meeting is already closed."))
        return _to_meeting(meeting)
    errors: list[str] = []
    if request.method == "POST":
        try:
            minutes_services.meeting_close(actor=request.actor, meeting=meeting)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The meeting is closed and its minutes are stored."))
            return _to_meeting(meeting)
    undecided = list(services.open_items(meeting).select_related("dwelling"))
    return render(
        request,
        "allocation/meeting_close.html",
        {"meeting": meeting, "undecided": undecided, "errors": errors},
    )


@require_GET
@never_cache
@role_required(*READ_ROLES)
def meeting_minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The stored minutes of a closed meeting, or a draft of an open one's. Served
    here, never through MEDIA_URL and never cached: every fetch checks access and is
    audited as an export."""
    actor = request.actor
    meeting = _meeting(request, meeting_id)
    stamp = f"{meeting.held_on:%Y-%m-%d}"
    if meeting.status == MeetingStatus.OPEN:
        data = minutes_services.meeting_minutes_draft(actor=actor, meeting=meeting)
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=meeting,
            changes={"minutes": [None, "draft"]},
        )
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="minutes-draft-{stamp}.pdf"'
        return response
    if not meeting.minutes:
        raise Http404
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=meeting)
    return FileResponse(
        meeting.minutes.open("rb"),
        as_attachment=True,
        filename=f"minutes-{stamp}.pdf",
        content_type="application/pdf",
    )


@role_required(*READ_ROLES)
def dwelling_candidates(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    """Why is Ole third? Every candidate for one dwelling, eligible first, with the
    breakdown of points and each rule passed or failed."""
    meeting = _meeting(request, meeting_id)
    item = _item(meeting, item_id)
    dwelling = selectors.dwellings_with_details().get(pk=item.dwelling_id)
    found, shown = selectors.candidates(meeting.municipality, meeting.held_on)
    ranking = rules.rank_for_vacancy(
        found,
        selectors.vacancies([dwelling])[0],
        priority_rules(meeting.rule_set),
        eligibility_rules(meeting.rule_set),
        meeting.held_on,
    )
    groups = _group_names(meeting.municipality)
    vacancy = ranking.vacancy
    fit_rules = eligibility_rules(meeting.rule_set)

    def describe(ranked: rules.Ranked) -> dict[str, Any]:
        return {
            "ranked": ranked,
            "household": shown[ranked.candidate.id],
            "parts": _part_rows(ranked.priority, groups),
            "checks": _check_rows(ranked.checks),
            "fit": rules.fit(ranked.candidate, vacancy, fit_rules),
        }

    eligible = [describe(r) for r in ranking.eligible]
    ineligible = [describe(r) for r in ranking.ineligible]
    audit_record(
        actor=request.actor,
        action=AuditAction.VIEW,
        obj=meeting,
        changes={"candidates_for": [None, dwelling.pk], "households": [None, len(found)]},
    )
    return render(
        request,
        "allocation/dwelling_candidates.html",
        {
            "meeting": meeting,
            "item": item,
            "dwelling": dwelling,
            "eligible": eligible,
            "ineligible": ineligible,
            "can_edit": request.actor.has_role(*MEETING_ROLES)
            and meeting.status == MeetingStatus.OPEN
            and not item.outcome,
        },
    )


# The waiting list ------------------------------------------------------------------------


@role_required(*READ_ROLES)
def waiting_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    rule_set = rule_set_for(actor.municipality, today)
    form = WaitingFilterForm(request.GET or None)
    rows: list[dict[str, Any]] = []
    if rule_set is not None:
        found, shown = selectors.candidates(actor.municipality, today)
        ranked = rules.rank(found, priority_rules(rule_set), today)
        groups = _group_names(actor.municipality)
        query = form.cleaned_data.get("q", "").strip().casefold() if form.is_valid() else ""
        for r in ranked:
            household = shown[r.candidate.id]
            if query and query not in household.name.casefold() and query not in household.number:
                continue
            rows.append(
                {
                    "ranked": r,
                    "household": household,
                    "parts": _part_rows(r.priority, groups),
                }
            )
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            obj=rule_set,
            changes={"waiting_list": [None, len(rows)]},
        )
    return render(
        request,
        "allocation/waiting_list.html",
        {"rule_set": rule_set, "page": paginate(request, rows), "form": form, "today": today},
    )


@role_required(*READ_ROLES)
def household_priority(request: HttpRequest, application_id: int) -> HttpResponse:
    """One household's points with their reasons, and (for the list roles) the
    forms to adjust them or park the household."""
    actor = request.actor
    application = get_for_actor(
        Application.objects.select_related("applicant"), actor, pk=application_id
    )
    today = timezone.localdate()
    rule_set = rule_set_for(actor.municipality, today)
    found, _shown = selectors.candidates(
        actor.municipality, today, Application.objects.filter(pk=application.pk)
    )
    waiting = (
        selectors.waiting_applications(actor.municipality, today).filter(pk=application.pk).exists()
    )
    prio = priority_rules(rule_set) if rule_set else None
    parts = (
        _part_rows(rules.priority(found[0], prio, today), _group_names(actor.municipality))
        if found and prio
        else []
    )
    can_edit = actor.has_role(*LIST_ROLES)
    adjust_form = AdjustForm(prefix="adjust")
    park_form = ParkForm(prefix="park")
    if request.method == "POST" and can_edit:
        if "adjust-points" in request.POST:
            adjust_form = AdjustForm(request.POST, prefix="adjust")
            if adjust_form.is_valid() and _try(
                adjust_form,
                lambda: household_services.priority_adjust(
                    actor=actor, application=application, **adjust_form.cleaned_data
                ),
            ):
                messages.success(request, _("The adjustment was saved."))
                return redirect("allocation:household_priority", application_id=application.pk)
        elif "park-until" in request.POST:
            park_form = ParkForm(request.POST, prefix="park")
            if park_form.is_valid() and _try(
                park_form,
                lambda: household_services.park(
                    actor=actor, application=application, today=today, **park_form.cleaned_data
                ),
            ):
                messages.success(request, _("The household is parked."))
                return redirect("allocation:household_priority", application_id=application.pk)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=application)
    return render(
        request,
        "allocation/household_priority.html",
        {
            "application": application,
            "rule_set": rule_set,
            "parts": parts,
            "total": sum(p["points"] for p in parts),
            "waiting": waiting,
            "adjustments": application.priority_adjustments.select_related("created_by")[:10],
            "parkings": application.parkings.select_related("created_by")[:10],
            "offers": application.offers.select_related("dwelling", "decline_reason"),
            "today": today,
            "can_edit": can_edit,
            "adjust_form": adjust_form,
            "park_form": park_form,
        },
    )


@require_POST
@role_required(*LIST_ROLES)
def parking_end(request: HttpRequest, parking_id: int) -> HttpResponse:
    parking = Parking.objects.filter(
        pk=parking_id, application__municipality=request.actor.municipality, ended_on__isnull=True
    ).first()
    if parking is None:
        raise Http404
    household_services.unpark(actor=request.actor, parking=parking, today=timezone.localdate())
    messages.success(request, _("The household is back on the waiting list."))
    return redirect("allocation:household_priority", application_id=parking.application_id)


# Offers -------------------------------------------------------------------------------------


@role_required(*READ_ROLES)
def offer_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = OfferFilterForm(request.GET or None)
    offers = Offer.objects.filter(municipality=actor.municipality).select_related(
        "dwelling", "application__applicant", "decline_reason"
    )
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    offers = offers.filter(status=status) if status else offers.order_by("-created_at")
    counts = dict(
        Offer.objects.filter(municipality=actor.municipality)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "allocation/offer_list.html",
        {
            "page": paginate(request, offers),
            "form": form,
            "open_count": counts.get(OfferStatus.OPEN, 0),
            "today": timezone.localdate(),
        },
    )


@role_required(*READ_ROLES)
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    actor = request.actor
    offer = get_for_actor(
        Offer.objects.select_related("dwelling", "application__applicant", "meeting", "lease"),
        actor,
        pk=offer_id,
    )
    decline_reasons_ensure(municipality=actor.municipality)
    reasons = DeclineReason.objects.filter(municipality=actor.municipality, is_active=True)
    today = timezone.localdate()
    accept_form = AcceptForm(
        prefix="accept",
        initial={"answered_on": today, "lease_start": today + datetime.timedelta(days=14)},
    )
    decline_form = DeclineForm(prefix="decline", reasons=reasons, initial={"answered_on": today})
    can_answer = actor.has_role(*OFFER_ROLES) and offer.status == OfferStatus.OPEN
    if request.method == "POST" and can_answer:
        if request.POST.get("answer") == "accept":
            accept_form = AcceptForm(request.POST, prefix="accept")
            if accept_form.is_valid() and _try(
                accept_form,
                lambda: offer_services.offer_accept(
                    actor=actor, offer=offer, **accept_form.cleaned_data
                ),
            ):
                messages.success(
                    request, _("Accepted. A lease was drafted in the dwelling register.")
                )
                return redirect("allocation:offer_detail", offer_id=offer.pk)
        elif request.POST.get("answer") == "decline":
            decline_form = DeclineForm(request.POST, prefix="decline", reasons=reasons)
            if decline_form.is_valid() and _try(
                decline_form,
                lambda: offer_services.offer_decline(
                    actor=actor, offer=offer, **decline_form.cleaned_data
                ),
            ):
                messages.success(request, _("Declined. The household is back on the waiting list."))
                return redirect("allocation:offer_detail", offer_id=offer.pk)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=offer)
    return render(
        request,
        "allocation/offer_detail.html",
        {
            "offer": offer,
            "accept_form": accept_form,
            "decline_form": decline_form,
            "can_answer": can_answer,
            "can_withdraw": actor.has_role(*MEETING_ROLES) and offer.status == OfferStatus.OPEN,
            "unreasonable": offer_services.unreasonable_declines(offer.application),
        },
    )


@require_POST
@role_required(*MEETING_ROLES)
def offer_withdraw(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = get_for_actor(Offer.objects, request.actor, pk=offer_id)
    try:
        offer_services.offer_withdraw(actor=request.actor, offer=offer)
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        messages.success(request, _("The offer was withdrawn."))
    return redirect("allocation:offer_detail", offer_id=offer.pk)


# Statistics -------------------------------------------------------------------------------

ERROR_PERIOD_ORDER = gettext_lazy("The end of the period cannot be before its start.")
ERROR_PERIOD_FUTURE = gettext_lazy("The period cannot start after today.")


class PeriodForm(DesignsystemetMixin, forms.Form):
    """The period of the statistics: an empty end is today, an empty start 12 months
    before the end."""

    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput)
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        today = timezone.localdate()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or offer_stats.default_period(end)[0]
        cleaned.update(start=start, end=end)
        if start > today:
            self.add_error("start", ERROR_PERIOD_FUTURE)
        elif end < start:
            self.add_error("end", ERROR_PERIOD_ORDER)
        return cleaned


@role_required(*READ_ROLES)
def statistics(request: HttpRequest) -> HttpResponse:
    """Waiting and answer times, decline reasons, vacancy days and offers by status:
    counts of offers and dwellings, never persons."""
    default_start, default_end = offer_stats.default_period(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": default_end})
    figures = None
    if not form.is_bound:
        figures = offer_stats.offer_statistics(actor=request.actor)
    elif form.is_valid():
        figures = offer_stats.offer_statistics(
            actor=request.actor, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
    return render(request, "allocation/statistics.html", {"form": form, "figures": figures})


urlpatterns = [
    path("", meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/propose/", meeting_propose, name="meeting_propose"),
    path("meetings/<int:meeting_id>/close/", meeting_close, name="meeting_close"),
    path("meetings/<int:meeting_id>/minutes.pdf", meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:meeting_id>/pairs/", pair_add, name="pair_add"),
    path(
        "meetings/<int:meeting_id>/pairs/<int:constraint_id>/remove/",
        pair_remove,
        name="pair_remove",
    ),
    path(
        "meetings/<int:meeting_id>/items/<int:item_id>/",
        dwelling_candidates,
        name="dwelling_candidates",
    ),
    path(
        "meetings/<int:meeting_id>/items/<int:item_id>/take-out/",
        item_take_out,
        name="item_take_out",
    ),
    path(
        "meetings/<int:meeting_id>/items/<int:item_id>/put-back/",
        item_put_back,
        name="item_put_back",
    ),
    path("meetings/<int:meeting_id>/items/<int:item_id>/offer/", item_offer, name="item_offer"),
    path(
        "meetings/<int:meeting_id>/items/<int:item_id>/postpone/",
        item_postpone,
        name="item_postpone",
    ),
    path("waiting-list/", waiting_list, name="waiting_list"),
    path("households/<int:application_id>/", household_priority, name="household_priority"),
    path("parkings/<int:parking_id>/end/", parking_end, name="parking_end"),
    path("offers/", offer_list, name="offer_list"),
    path("offers/<int:offer_id>/", offer_detail, name="offer_detail"),
    path("offers/<int:offer_id>/withdraw/", offer_withdraw, name="offer_withdraw"),
    path("statistics/", statistics, name="statistics"),
]
