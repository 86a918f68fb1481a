"""Offers: the list, one offer with its answer, withdrawing it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.files import document_file_name, pdf_response
from boligtorg.core.forms import service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import get_for_actor, role_required
from boligtorg.core.views import paginate

from ..access import MEETING_ROLES, OFFER_ROLES, READ_ROLES
from ..forms import (
    AcceptForm,
    DeclineForm,
    OfferFilterForm,
)
from ..letters import offer_letter_pdf
from ..models import (
    DeclineReason,
    Offer,
    OfferStatus,
)
from ..services import offers as offer_services
from ..services.rules import (
    decline_reasons_ensure,
)
from .common import (
    _error_message,
)


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
    page = paginate(request, offers)
    audit_list_read(
        actor=actor,
        model=Offer,
        query={"status": status, "page": page.number},
        ids=[offer.pk for offer in page.object_list],
    )
    return render(
        request,
        "allocation/offer_list.html",
        {
            "page": page,
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
            accept_form = AcceptForm(request.POST, prefix="accept", offer=offer)
            if accept_form.is_valid() and service_or_errors(
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
            decline_form = DeclineForm(request.POST, prefix="decline", reasons=reasons, offer=offer)
            if decline_form.is_valid() and service_or_errors(
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
            "can_send_letter": actor.has_role(*OFFER_ROLES),
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


@never_cache
@require_GET
@role_required(*OFFER_ROLES)
def offer_letter(request: HttpRequest, offer_id: int) -> HttpResponse:
    """The offer letter (dwelling, rent, deadline, how to answer) in the applicant's
    language, to the household's postal address; audited as an export."""
    offer = get_for_actor(
        Offer.objects.select_related(
            "dwelling",
            "created_by",
            "application__applicant",
            "application__household",
            "application__caseworker",
        ),
        request.actor,
        pk=offer_id,
    )
    content = offer_letter_pdf(offer)
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        obj=offer,
        changes={"export": "offer letter", "format": "pdf"},
    )
    name = pgettext("file name", "offer")
    return pdf_response(content, document_file_name(name, offer.application.number))


urlpatterns = [
    path("offers/", offer_list, name="offer_list"),
    path("offers/<int:offer_id>/", offer_detail, name="offer_detail"),
    path("offers/<int:offer_id>/withdraw/", offer_withdraw, name="offer_withdraw"),
    path("offers/<int:offer_id>/letter/", offer_letter, name="offer_letter"),
]
