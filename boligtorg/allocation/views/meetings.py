"""Pages of a meeting: the list, a new meeting, the proposal with its proof, locks
and bans, decisions per dwelling, closing with minutes, and one dwelling's
candidates with the reasons for each rank."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.files import (
    document_file_name,
    pdf_response,
    stored_file_missing,
    stored_file_open,
    stored_pdf_response,
)
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import paginate
from boligtorg.domain import allocation as rules
from boligtorg.housing.models import Dwelling, DwellingStatus
from boligtorg.settlement.views.readiness import meeting_arrivals_context

from .. import selectors
from ..access import MEETING_ROLES, READ_ROLES
from ..forms import (
    CancelMeetingForm,
    MeetingForm,
    PairForm,
    PostponeForm,
    PostponeRemainingForm,
    ReasonForm,
)
from ..models import (
    Meeting,
    MeetingStatus,
    Offer,
    OfferStatus,
    PairConstraint,
    PairKind,
)
from ..services import meetings as services
from ..services import minutes as minutes_services
from ..services.rules import (
    eligibility_rules,
    priority_rules,
)
from .common import (
    _check_rows,
    _error_message,
    _group_names,
    _item,
    _meeting,
    _part_rows,
    _to_meeting,
)


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


@role_required(*MEETING_ROLES)
def meeting_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    free = selectors.agenda_dwellings(actor.municipality).order_by("address", "unit_number")
    form = MeetingForm(
        request.POST or None,
        members=selectors.allocation_members(actor.municipality),
        dwellings=free,
        initial={"dwellings": list(free)},
    )
    if request.method == "POST" and form.is_valid():
        meeting = service_or_errors(
            form, lambda: services.meeting_create(actor=actor, **form.cleaned_data)
        )
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
    taken = set(
        Offer.objects.filter(
            dwelling__in=[i.dwelling_id for i in items],
            status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED],
        ).values_list("dwelling_id", flat=True)
    )
    rows = [
        {
            "item": item,
            "pair": proposed.get(item.dwelling_id),
            "offer": offers.get(item.dwelling_id),
            # The service refuses these anyway; the page offers no button for them.
            "offerable": item.dwelling.status == DwellingStatus.READY
            and item.dwelling_id not in taken,
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
            # Settlement: the arrivals and a reservation for one (issue 25).
            **meeting_arrivals_context(actor=actor, meeting=meeting, can_edit=can_edit),
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
        done = service_or_errors(
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
    application_id = id_from_query(request.POST.get("application"))
    if application_id is None:
        raise Http404
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
        done = service_or_errors(
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
    if meeting.status == MeetingStatus.CANCELLED:
        messages.info(request, _("The meeting is cancelled and cannot be closed."))
        return _to_meeting(meeting)
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
    return _close_page(request, meeting, errors=errors)


def _close_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    errors: list[str] | None = None,
    postpone_form: PostponeRemainingForm | None = None,
) -> HttpResponse:
    undecided = list(services.open_items(meeting).select_related("dwelling"))
    return render(
        request,
        "allocation/meeting_close.html",
        {
            "meeting": meeting,
            "undecided": undecided,
            "errors": errors or [],
            "postpone_form": postpone_form or PostponeRemainingForm(),
        },
    )


@require_POST
@role_required(*MEETING_ROLES)
def meeting_postpone_remaining(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """From the close page: postpone every undecided dwelling with one note, then
    back to the close page to confirm."""
    meeting = _meeting(request, meeting_id)
    form = PostponeRemainingForm(request.POST)
    if form.is_valid():
        done = service_or_errors(
            form,
            lambda: services.items_postpone_remaining(
                actor=request.actor, meeting=meeting, note=form.cleaned_data["note"]
            ),
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(n)s dwelling was postponed to a later meeting.",
                    "%(n)s dwellings were postponed to a later meeting.",
                    len(done),
                )
                % {"n": len(done)},
            )
            return redirect("allocation:meeting_close", meeting_id=meeting.pk)
    return _close_page(request, meeting, postpone_form=form)


@role_required(*MEETING_ROLES)
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Confirm with a reason (GET) and cancel (POST). The page names what stops it
    (an offer awaiting an answer) and the dwellings that go back to the next meeting."""
    meeting = _meeting(request, meeting_id)
    if meeting.status != MeetingStatus.OPEN:
        messages.info(
            request,
            _("The meeting is %(status)s and can no longer be cancelled.")
            % {"status": meeting.get_status_display().lower()},
        )
        return _to_meeting(meeting)
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = service_or_errors(
            form,
            lambda: services.meeting_cancel(
                actor=request.actor, meeting=meeting, reason=form.cleaned_data["reason"]
            ),
        )
        if done:
            messages.success(
                request,
                _("The meeting is cancelled; its dwellings can go on the next meeting's agenda."),
            )
            return _to_meeting(meeting)
    undecided = list(services.open_items(meeting).select_related("dwelling"))
    return render(
        request,
        "allocation/meeting_cancel.html",
        {"meeting": meeting, "form": form, "undecided": undecided},
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
        return pdf_response(data, document_file_name(pgettext("file name", "minutes-draft"), stamp))
    if not meeting.minutes:
        raise Http404
    stored = stored_file_open(meeting.minutes)
    if stored is None:
        return stored_file_missing(
            request,
            document=_("the minutes of the meeting of %(date)s")
            % {"date": date_format(meeting.held_on, "SHORT_DATE_FORMAT")},
            back_url=reverse("allocation:meeting_detail", args=[meeting.pk]),
            back_label=_("Back to the meeting"),
        )
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=meeting)
    filename = document_file_name(pgettext("file name", "minutes"), stamp)
    return stored_pdf_response(stored, filename)


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


urlpatterns = [
    path("", meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/propose/", meeting_propose, name="meeting_propose"),
    path("meetings/<int:meeting_id>/close/", meeting_close, name="meeting_close"),
    path("meetings/<int:meeting_id>/cancel/", meeting_cancel, name="meeting_cancel"),
    path(
        "meetings/<int:meeting_id>/postpone-remaining/",
        meeting_postpone_remaining,
        name="meeting_postpone_remaining",
    ),
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
]
