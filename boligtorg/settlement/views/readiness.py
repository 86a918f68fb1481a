"""Pages of a dwelling ready on the day of arrival: the expected arrivals with their
reserved dwelling or the candidates, reserving and releasing, settling with a lease,
the forecast, Denmark's temporary residences and the minors turning adult."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from boligtorg.allocation.models import Meeting
from boligtorg.core.audit import audit_list_read
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import Country
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs, paginate
from boligtorg.finance.access import country_only

from ..access import READ_ROLES, RESERVE_ROLES, WRITE_ROLES, can_read, can_reserve, can_write
from ..forms.readiness import (
    AdultDwellingForm,
    MeetingReserveForm,
    ReleaseForm,
    ReserveForm,
    ResidenceEndForm,
    SettleForm,
    TemporaryResidenceForm,
    YearForm,
)
from ..models import Proposal, TemporaryResidence
from ..selectors import forecast as forecast_selectors
from ..selectors import readiness as selectors
from ..services import readiness as services


def _crumbs(request: HttpRequest, current: str, *trail: tuple[str, str]) -> Any:
    return crumbs(request, (_("Arrivals"), reverse("settlement:arrivals")), *trail, current=current)


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@role_required(*READ_ROLES)
def arrivals(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    page = paginate(request, selectors.arrivals_queryset(actor=actor))
    rows = selectors.arrival_rows(actor=actor, proposals=page.object_list)
    audit_list_read(
        actor=actor,
        model=Proposal,
        query={"page": page.number},
        ids=[row.proposal.pk for row in rows],
        name="arrivals",
    )
    year = timezone.localdate().year
    return render(
        request,
        "settlement/readiness/arrivals.html",
        {
            "page": page,
            "rows": rows,
            "can_reserve": can_reserve(actor),
            "can_write": can_write(actor),
            "is_denmark": actor.municipality.country == Country.DENMARK,
            "projects": selectors.programme_projects(actor=actor, year=year),
            "rent_to_own": selectors.rent_to_own_dwellings(actor=actor)[:20],
            "crumbs": crumbs(request, current=_("Arrivals")),
        },
    )


def _accepted(request: HttpRequest, settlement_proposal_id: int) -> Proposal:
    return selectors.proposal_get(
        actor=request.actor, settlement_proposal_id=settlement_proposal_id
    )


@role_required(*RESERVE_ROLES)
def reserve(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    """Reserve a dwelling for an arrival: the arrivals page's buttons post here with the
    candidate filled in; the form shows every error at once and keeps what was given."""
    actor = request.actor
    proposal = _accepted(request, settlement_proposal_id)
    dwellings = selectors.dwelling_choices(actor=actor)
    initial = {
        "dwelling": id_from_query(request.GET.get("dwelling")),
        "ready_on": proposal.expected_arrival_on,
    }
    form = ReserveForm(request.POST or None, dwellings=dwellings, initial=initial)
    back = _next_url(request, reverse("settlement:arrivals"))
    if request.method == "POST" and form.is_valid():
        try:
            services.reservation_make(
                actor=actor,
                proposal=proposal,
                dwelling=form.cleaned_data["dwelling"],
                ready_on=form.cleaned_data["ready_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(dwelling)s is reserved for %(reference)s.")
                % {"dwelling": form.cleaned_data["dwelling"], "reference": proposal.list_reference},
            )
            return redirect(back)
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "proposal": proposal,
            "title": _("Reserve a dwelling"),
            "submit": _("Reserve"),
            "cancel_url": back,
            "next": back,
            "crumbs": _crumbs(request, _("Reserve a dwelling")),
        },
    )


@role_required(*RESERVE_ROLES)
def release(request: HttpRequest, reservation_id: int) -> HttpResponse:
    """The confirmation page before a reservation is released, with the reason."""
    actor = request.actor
    reservation = selectors.reservation_get(actor=actor, reservation_id=reservation_id)
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reservation_release(
                actor=actor, reservation=reservation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The reservation is released."))
            return redirect("settlement:arrivals")
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "proposal": reservation.proposal,
            "reservation": reservation,
            "title": _("Release the reservation"),
            "lead": _(
                "%(dwelling)s is no longer held for %(reference)s and can be offered or "
                "reserved for another arrival."
            )
            % {"dwelling": reservation.dwelling, "reference": reservation.proposal.list_reference},
            "submit": _("Release"),
            "danger": True,
            "cancel_url": reverse("settlement:arrivals"),
            "crumbs": _crumbs(request, _("Release the reservation")),
        },
    )


@role_required(*WRITE_ROLES)
def settle(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    actor = request.actor
    proposal = _accepted(request, settlement_proposal_id)
    reservation = selectors.reservation_list(actor=actor).filter(proposal=proposal).first()
    today = timezone.localdate()
    form = SettleForm(request.POST or None, initial={"arrived_on": today, "lease_start": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_settle(
                actor=actor,
                proposal=proposal,
                arrived_on=data["arrived_on"],
                lease_start=data["lease_start"],
                rent=data["rent"],
                lease_months=data["lease_months"],
                short_lease_reason=data["short_lease_reason"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(reference)s is settled; the lease is drafted in the dwelling register.")
                % {"reference": proposal.list_reference},
            )
            return redirect("settlement:arrivals")
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "proposal": proposal,
            "reservation": reservation,
            "title": _("Settle the household"),
            "lead": _(
                "Record the arrival: the household's lease for the reserved dwelling is "
                "drafted in the dwelling register and the reservation is closed."
            ),
            "submit": _("Settle"),
            "cancel_url": reverse("settlement:arrivals"),
            "crumbs": _crumbs(request, _("Settle the household")),
        },
    )


@role_required(*READ_ROLES)
def forecast(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    year_form = YearForm(request.GET or None)
    year = (year_form.cleaned_data.get("year") if year_form.is_valid() else None) or (
        forecast_selectors.default_year(today)
    )
    page = forecast_selectors.settlement_forecast(actor=actor, year=year, today=today)
    months = [
        {
            "month": m,
            "missing": [forecast_selectors.kind_label(k, n) for k, n in m.missing.items()],
        }
        for m in page.result.months
    ]
    return render(
        request,
        "settlement/readiness/forecast.html",
        {
            "page": page,
            "months": months,
            "supply": [(forecast_selectors.kind_label(k, n), k, n) for k, n in page.supply_by_kind],
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "crumbs": crumbs(request, current=_("Settlement forecast")),
        },
    )


# Denmark: temporary residences -------------------------------------------------------


@country_only(Country.DENMARK)
@role_required(*READ_ROLES)
def residences(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    current_only = request.GET.get("current") == "1"
    page = paginate(
        request, selectors.temporary_residence_list(actor=actor, current_only=current_only)
    )
    rows = selectors.residence_rows(page.object_list)
    audit_list_read(
        actor=actor,
        model=TemporaryResidence,
        query={"current": current_only, "page": page.number},
        ids=[row.residence.pk for row in rows],
    )
    return render(
        request,
        "settlement/readiness/residences.html",
        {
            "page": page,
            "rows": rows,
            "current_only": current_only,
            "can_write": can_write(actor),
            "crumbs": crumbs(request, current=_("Temporary residences")),
        },
    )


def _residence_crumbs(request: HttpRequest, current: str) -> Any:
    return crumbs(
        request,
        (_("Temporary residences"), reverse("settlement:residences")),
        current=current,
    )


@country_only(Country.DENMARK)
@role_required(*WRITE_ROLES)
def residence_add(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = TemporaryResidenceForm(
        request.POST or None,
        proposals=selectors.placement_choices(actor=actor),
        areas=selectors.area_choices(actor=actor),
        initial={"from_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            residence = services.temporary_residence_add(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The temporary residence is recorded."))
            missing = selectors.area_list_missing(area=residence.area, day=residence.from_on)
            if missing is not None:
                messages.warning(
                    request,
                    _(
                        "No figures for %(year)s are imported for %(area)s, so it could not "
                        "be checked against the list of vulnerable housing areas in force."
                    )
                    % {"year": missing, "area": residence.area.name},
                )
            return redirect("settlement:residences")
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "title": _("New temporary residence"),
            "submit": _("Record"),
            "cancel_url": reverse("settlement:residences"),
            "crumbs": _residence_crumbs(request, _("New temporary residence")),
        },
    )


@country_only(Country.DENMARK)
@role_required(*WRITE_ROLES)
def residence_end(request: HttpRequest, temporary_residence_id: int) -> HttpResponse:
    actor = request.actor
    residence = selectors.temporary_residence_get(
        actor=actor, temporary_residence_id=temporary_residence_id
    )
    form = ResidenceEndForm(request.POST or None, initial={"to_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.temporary_residence_end(
                actor=actor, residence=residence, to_on=form.cleaned_data["to_on"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The stay is ended."))
            return redirect("settlement:residences")
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "proposal": residence.proposal,
            "title": _("End the temporary residence"),
            "lead": _("%(address)s, from %(date)s. A permanent dwelling is found.")
            % {"address": residence.address, "date": residence.from_on},
            "submit": _("End the stay"),
            "cancel_url": reverse("settlement:residences"),
            "crumbs": _residence_crumbs(request, _("End the temporary residence")),
        },
    )


# Unaccompanied minors ---------------------------------------------------------------


@role_required(*READ_ROLES)
def minors(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    rows = selectors.minor_rows(actor=actor)
    due = [row for row in rows if row.transition.needs_adult_dwelling]
    audit_list_read(
        actor=actor,
        model=Proposal,
        query={"list": "minors"},
        ids=[row.proposal.pk for row in rows],
        name="minors",
    )
    return render(
        request,
        "settlement/readiness/minors.html",
        {
            "rows": rows,
            "due": due,
            "houses": selectors.shared_houses_with_room(actor=actor),
            "can_write": can_write(actor),
            "crumbs": crumbs(request, current=_("Unaccompanied minors")),
        },
    )


@role_required(*WRITE_ROLES)
def adult_dwelling(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    actor = request.actor
    proposal = _accepted(request, settlement_proposal_id)
    form = AdultDwellingForm(
        request.POST or None,
        initial={"adult_dwelling_on": proposal.adult_dwelling_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minor_adult_dwelling_record(
                actor=actor,
                proposal=proposal,
                adult_dwelling_on=form.cleaned_data["adult_dwelling_on"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The move to an adult dwelling is recorded."))
            return redirect("settlement:minors")
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "proposal": proposal,
            "title": _("Moved to an adult dwelling"),
            "submit": _("Record"),
            "cancel_url": reverse("settlement:minors"),
            "crumbs": crumbs(
                request,
                (_("Unaccompanied minors"), reverse("settlement:minors")),
                current=_("Moved to an adult dwelling"),
            ),
        },
    )


# The allocation meeting ----------------------------------------------------------------


def _meeting_form(actor: Any, meeting: Meeting, data: Any = None) -> MeetingReserveForm:
    return MeetingReserveForm(
        data,
        proposals=selectors.arrivals_queryset(actor=actor).filter(
            expected_arrival_on__gte=meeting.held_on
        ),
        dwellings=selectors.meeting_agenda_dwellings(meeting=meeting),
        initial={"ready_on": meeting.held_on},
    )


def meeting_arrivals_context(*, actor: Any, meeting: Meeting, can_edit: bool) -> dict[str, Any]:
    """For the allocation meeting's page (``allocation/meeting_detail.html`` includes
    ``settlement/readiness/meeting_arrivals.html``): the upcoming arrivals with their
    dates and reservations, and for a member of an open meeting the form that reserves
    an agenda dwelling for one. None for both when the actor may not read
    settlement."""
    if not can_read(actor):
        return {"settlement_arrivals": None, "settlement_form": None}
    return {
        "settlement_arrivals": selectors.meeting_arrivals(actor=actor, meeting=meeting),
        "settlement_form": _meeting_form(actor, meeting)
        if can_edit and can_reserve(actor)
        else None,
    }


@role_required(*RESERVE_ROLES)
def meeting_reserve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = request.actor
    meeting = get_for_actor(Meeting.objects.all(), actor, pk=meeting_id)
    form = _meeting_form(actor, meeting, request.POST or None)
    back = reverse("allocation:meeting_detail", args=[meeting.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reservation_make(
                actor=actor,
                proposal=data["proposal"],
                dwelling=data["dwelling"],
                ready_on=data["ready_on"],
                meeting=meeting,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(dwelling)s is reserved for %(reference)s.")
                % {"dwelling": data["dwelling"], "reference": data["proposal"].list_reference},
            )
            return redirect(back)
    return render(
        request,
        "settlement/readiness/form.html",
        {
            "form": form,
            "title": _("Reserve an agenda dwelling for an arrival"),
            "submit": _("Reserve"),
            "cancel_url": back,
            "crumbs": crumbs(
                request,
                (_("Allocation meetings"), reverse("allocation:meeting_list")),
                (str(meeting), back),
                current=_("Reserve for an arrival"),
            ),
        },
    )
