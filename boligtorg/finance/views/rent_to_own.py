"""Pages of rent-to-own: the agreements with the statistics, one agreement (terms,
purchase figures today, savings, the pipeline's next steps), the offer started from a
dwelling with rent-to-own potential, each step (a page that confirms it) and savings
paid."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligtorg.core.audit import audit_list_read
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs, paginate
from boligtorg.domain.financing.rent_to_own import RENT_TO_OWN_TRANSITIONS
from boligtorg.domain.financing.rent_to_own import RentToOwnStatus as Status

from ..access import READ_ROLES, WRITE_ROLES, can_write
from ..forms.rent_to_own import OfferForm, RentToOwnFilterForm, SavingForm, StepForm
from ..models import RentToOwnAgreement
from ..selectors import rent_to_own as selectors
from ..services import rent_to_own as services

# The steps a page offers: URL name part -> (target status, button label, lead).
STEPS: dict[str, tuple[Status, Any, Any]] = {
    "sign": (
        Status.SIGNED,
        gettext_lazy("Record the signature"),
        gettext_lazy("The household has signed the agreement: the option is granted."),
    ),
    "rent": (
        Status.RENTING,
        gettext_lazy("Start the tenancy"),
        gettext_lazy("The household rents the dwelling from this day."),
    ),
    "request": (
        Status.PURCHASE_REQUESTED,
        gettext_lazy("Record the purchase request"),
        gettext_lazy("The household asks to buy the dwelling within the option."),
    ),
    "resume": (
        Status.RENTING,
        gettext_lazy("Back to renting"),
        gettext_lazy("The financing was refused while the option is open: the household rents on."),
    ),
    "purchase": (
        Status.PURCHASED,
        gettext_lazy("Complete the purchase"),
        gettext_lazy(
            "The household buys the dwelling: a financing case is opened with the figures "
            "below, the tenancy ends the day before and the dwelling leaves the municipal stock."
        ),
    ),
    "end": (
        Status.ENDED,
        gettext_lazy("End the agreement"),
        gettext_lazy("The offer was declined, the option lapsed or the household moved."),
    ),
    "default": (
        Status.DEFAULTED,
        gettext_lazy("End for default"),
        gettext_lazy("The municipality ends the agreement for unpaid rent or broken duties."),
    ),
}


def next_steps(agreement: RentToOwnAgreement) -> list[tuple[str, Any, str]]:
    """The steps the domain's table allows from the agreement's status: (URL,
    label, name)."""
    allowed = RENT_TO_OWN_TRANSITIONS[Status(agreement.status)]
    steps = []
    for name, (target, label, _lead) in STEPS.items():
        if target not in allowed:
            continue
        # Renting is started from signed and resumed from a purchase request.
        if name == "rent" and agreement.status != Status.SIGNED:
            continue
        if name == "resume" and agreement.status != Status.PURCHASE_REQUESTED:
            continue
        steps.append((reverse(f"finance:rto_{name}", args=[agreement.pk]), label, name))
    return steps


def _crumbs(request: HttpRequest, agreement: RentToOwnAgreement | None, current: str) -> Any:
    trail = [
        (_("Financing"), reverse("finance:case_list")),
        (_("Rent-to-own"), reverse("finance:rto_list")),
    ]
    if agreement is not None:
        trail.append((str(agreement.dwelling), reverse("finance:rto_detail", args=[agreement.pk])))
    return crumbs(request, *trail, current=current)


@role_required(*READ_ROLES)
def rto_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = RentToOwnFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = paginate(request, selectors.rent_to_own_list(actor=actor, status=status))
    today = timezone.localdate()
    rows = [
        (agreement, selectors.option_on(agreement, today), selectors.option_last_day(agreement))
        for agreement in page.object_list
    ]
    audit_list_read(
        actor=actor,
        model=RentToOwnAgreement,
        query={"status": status, "page": page.number},
        ids=[agreement.pk for agreement in page.object_list],
    )
    return render(
        request,
        "finance/rent_to_own/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "status": status,
            "statistics": selectors.rent_to_own_statistics(actor=actor),
            "can_write": can_write(actor),
            "notice_months": selectors.OPTION_NOTICE_MONTHS,
            "crumbs": crumbs(
                request, (_("Financing"), reverse("finance:case_list")), current=_("Rent-to-own")
            ),
        },
    )


@role_required(*READ_ROLES)
def rto_detail(request: HttpRequest, rent_to_own_id: int) -> HttpResponse:
    actor = request.actor
    agreement = selectors.rent_to_own_get(actor=actor, pk=rent_to_own_id)
    today = timezone.localdate()
    savings = list(agreement.savings.all())
    writable = can_write(actor)
    return render(
        request,
        "finance/rent_to_own/detail.html",
        {
            "agreement": agreement,
            "figures": selectors.figures_on(agreement, today),
            "option": selectors.option_on(agreement, today),
            "last_day": selectors.option_last_day(agreement),
            "savings": savings,
            "savings_total": sum(saving.amount for saving in savings),
            "steps": next_steps(agreement) if writable else [],
            "may_save": writable
            and agreement.status in (Status.SIGNED, Status.RENTING, Status.PURCHASE_REQUESTED),
            "saving_form": SavingForm(initial={"month": today}),
            "crumbs": _crumbs(request, None, str(agreement.dwelling)),
        },
    )


def _offer_household(request: HttpRequest, form: OfferForm, dwelling: Any) -> Any:
    """The household by its main applicant's national id, or the dwelling's tenant."""
    national_id = form.cleaned_data["national_id"].strip()
    if national_id:
        household = selectors.household_of(actor=request.actor, national_id=national_id)
        if household is None:
            form.add_error("national_id", _("No household has this main applicant."))
        return household
    household = selectors.tenant_household(dwelling=dwelling, on=timezone.localdate())
    if household is None:
        form.add_error(
            "national_id", _("Nobody rents the dwelling: give the main applicant's national id.")
        )
    return household


@role_required(*WRITE_ROLES)
def rto_create(request: HttpRequest) -> HttpResponse:
    """Started from a dwelling with rent-to-own potential: without one, the page lists
    them to choose from."""
    actor = request.actor
    dwelling_id = id_from_query(request.GET.get("dwelling"))
    if dwelling_id is None:
        return render(
            request,
            "finance/rent_to_own/pick.html",
            {
                "dwellings": selectors.rent_to_own_dwellings(actor=actor)[:200],
                "crumbs": _crumbs(request, None, _("New agreement")),
            },
        )
    dwelling = selectors.rent_to_own_dwelling(actor=actor, pk=dwelling_id)
    form = OfferForm(
        request.POST or None,
        initial={
            "start": timezone.localdate(),
            "option_years": 5,
            "rent_basis": "cost",
            "monthly_rent": dwelling.rent,
            "monthly_cost_rent": dwelling.rent,
        },
    )
    if request.method == "POST" and form.is_valid():
        household = _offer_household(request, form, dwelling)
        if household is not None:
            try:
                agreement = services.rent_to_own_offer(
                    actor=actor, dwelling=dwelling, household=household, **form.terms()
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The agreement is offered."))
                return redirect("finance:rto_detail", agreement.pk)
    return render(
        request,
        "finance/rent_to_own/form.html",
        {
            "form": form,
            "dwelling": dwelling,
            "title": _("Offer rent-to-own"),
            "submit": _("Offer the agreement"),
            "cancel_url": reverse("finance:rto_list"),
            "crumbs": _crumbs(request, None, _("New agreement")),
        },
    )


def _call_step(request: HttpRequest, agreement: RentToOwnAgreement, step: str, data: Any) -> None:
    actor = request.actor
    day = data["day"]
    if step == "sign":
        services.rent_to_own_sign(actor=actor, agreement=agreement, signed_on=day)
    elif step == "rent":
        services.rent_to_own_start_renting(actor=actor, agreement=agreement, renting_on=day)
    elif step == "request":
        services.rent_to_own_request_purchase(actor=actor, agreement=agreement, requested_on=day)
    elif step == "resume":
        services.rent_to_own_resume_renting(actor=actor, agreement=agreement)
    elif step == "purchase":
        services.rent_to_own_purchase(
            actor=actor,
            agreement=agreement,
            purchased_on=day,
            sale_proceeds=data.get("sale_proceeds"),
        )
    else:
        services.rent_to_own_end(
            actor=actor,
            agreement=agreement,
            reason=data["reason"],
            ended_on=day,
            defaulted=step == "default",
        )


# The service's field names for a step's day, shown on the form's one date field.
DAY_FIELDS = ("signed_on", "renting_on", "requested_on", "purchased_on", "ended_on")


@role_required(*WRITE_ROLES)
def rto_step(request: HttpRequest, rent_to_own_id: int, step: str) -> HttpResponse:
    """One step of the pipeline, confirmed on its own page (ending asks for a reason)."""
    if step not in STEPS:
        raise Http404
    agreement = selectors.rent_to_own_get(actor=request.actor, pk=rent_to_own_id, audit=False)
    _target, label, lead = STEPS[step]
    form = StepForm(
        request.POST or None,
        initial={"day": timezone.localdate()},
        reason=step in ("end", "default"),
        proceeds=step == "purchase",
    )
    if request.method == "POST" and form.is_valid():
        try:
            _call_step(request, agreement, step, form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name in DAY_FIELDS:
                    if name in exc.error_dict:
                        exc.error_dict["day"] = exc.error_dict.pop(name)
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Saved: %(step)s.") % {"step": label})
            return redirect("finance:rto_detail", agreement.pk)
    return render(
        request,
        "finance/rent_to_own/form.html",
        {
            "form": form,
            "agreement": agreement,
            "dwelling": agreement.dwelling,
            "title": label,
            "lead": lead,
            "submit": label,
            "danger": step in ("end", "default"),
            "figures": selectors.figures_on(agreement, timezone.localdate())
            if step == "purchase"
            else None,
            "savings_total": selectors.savings_paid(agreement) if step == "purchase" else None,
            "cancel_url": reverse("finance:rto_detail", args=[agreement.pk]),
            "crumbs": _crumbs(request, agreement, str(label)),
        },
    )


@role_required(*WRITE_ROLES)
def rto_saving(request: HttpRequest, rent_to_own_id: int) -> HttpResponse:
    agreement = selectors.rent_to_own_get(actor=request.actor, pk=rent_to_own_id, audit=False)
    form = SavingForm(request.POST or None, initial={"month": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.rent_to_own_saving_record(
                actor=request.actor, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The savings are recorded."))
            return redirect(reverse("finance:rto_detail", args=[agreement.pk]) + "#savings-heading")
    title = _("Record savings paid")
    return render(
        request,
        "finance/rent_to_own/form.html",
        {
            "form": form,
            "agreement": agreement,
            "dwelling": agreement.dwelling,
            "title": title,
            "submit": title,
            "cancel_url": reverse("finance:rto_detail", args=[agreement.pk]),
            "crumbs": _crumbs(request, agreement, title),
        },
    )
