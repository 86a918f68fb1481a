"""Pages of the financing case: the list, registering an application, the case page
(plan, economy, checklist, decision, explanation, payouts), and the forms that
change them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core import private_search
from boligtorg.core.audit import audit_list_read
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs, paginate
from boligtorg.domain.deadlines import interim_notice_due
from boligtorg.domain.financing import grant_write_down_schedule, price_within_limit

from ..access import READ_ROLES, REFERENCE_ROLES, WRITE_ROLES, can_decide, can_write
from ..forms.cases import (
    EconomyAmountForm,
    EconomyLineForm,
    EligibilityForm,
    NoteForm,
    NoticeForm,
    PlanForm,
    RegisterForm,
)
from ..forms.filters import StatusFilterForm
from ..models import EconomyLine, FinancingCase, FinancingStatus
from ..selectors import cases as selectors
from ..selectors.allowance import case_allowance
from ..selectors.capacity import case_capacity, first_home_product
from ..selectors.eligibility import case_eligibility
from ..selectors.guideline import case_guidance
from ..selectors.reference import limits_on
from ..selectors.servicer import case_servicing
from ..services import cases as services
from ..services.cases import EDITABLE


def _case_crumbs(request: HttpRequest, case: FinancingCase | None = None, current: str = "") -> Any:
    trail = [(_("Financing"), reverse("finance:case_list"))]
    if case is not None:
        trail.append((case.number, reverse("finance:case_detail", args=[case.pk])))
    return crumbs(request, *trail, current=current)


@role_required(*READ_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    """The financing cases. The search box may take a national id: it posts, and the
    search is kept out of the URL (``core.private_search``)."""
    actor = request.actor
    if request.method == "POST" or private_search.id_in_url(request):
        data = request.POST if request.method == "POST" else request.GET
        query = private_search.query_without_search(request, data, always=request.method == "POST")
        return redirect(f"{request.path}?{query}" if query else request.path)
    form = StatusFilterForm(private_search.search_data(request) or None, statuses=FinancingStatus)
    filters = form.cleaned_data if form.is_valid() else {}
    ordering = request.GET.get("sort", "")
    ordering = ordering if ordering in selectors.ORDERINGS else "-received"
    page = paginate(
        request,
        selectors.financing_case_list(
            actor=actor,
            search=filters.get("q", ""),
            status=filters.get("status", ""),
            ordering=ordering,
        ),
    )
    audit_list_read(
        actor=actor,
        model=FinancingCase,
        query={**filters, "sort": ordering, "page": page.number},
        ids=[case.pk for case in page.object_list],
    )
    return render(
        request,
        "finance/cases/list.html",
        {
            "form": form,
            "page": page,
            "sort": ordering,
            "can_write": can_write(actor),
            "can_settings": actor.has_role(*REFERENCE_ROLES),
            "crumbs": crumbs(request, current=_("Financing")),
        },
    )


@role_required(*WRITE_ROLES)
def case_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = RegisterForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "product": "ordinary"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.financing_case_register(
                actor=actor,
                national_id=data["national_id"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                received_on=data["received_on"],
                **form.plan(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Application %(number)s registered.") % {"number": case})
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/create.html",
        {"form": form, "crumbs": _case_crumbs(request, current=_("New application"))},
    )


@role_required(*READ_ROLES)
def case_detail(request: HttpRequest, financing_id: int) -> HttpResponse:
    actor = request.actor
    case = selectors.financing_case_get(actor=actor, pk=financing_id)
    today = timezone.localdate()
    summary = selectors.case_summary(case=case, product=first_home_product(case, today))
    capacity = case_capacity(case=case, on=today)
    eligibility = case_eligibility(case.eligibility.all())
    price_check = (
        price_within_limit(
            Decimal(case.price),
            limits_on(municipality=case.municipality, on=today),
            case.home_area,
            len(case.household.members.all()),
        )
        if case.price is not None
        else None
    )
    allowance = case_allowance(case=case, on=today)
    open_round = next(
        (d for d in case.decisions.all() if d.decided_by_id is None and d.returned_at is None),
        None,
    )
    granted = next((d for d in case.decisions.all() if d.decided_by_id and d.grant_amount), None)
    write_down = (
        grant_write_down_schedule(Decimal(granted.grant_amount), granted.grant_write_down_years)
        if granted
        else ()
    )
    editable = can_write(actor) and case.status in EDITABLE
    waiting = case.status in (*EDITABLE, "recommended")
    interim_due = (
        interim_notice_due(case.received_on, case.municipality.country)
        if waiting and not case.interim_notice_sent_on
        else None
    )
    running = case.status in (FinancingStatus.PAID_OUT, FinancingStatus.CLOSED) and any(
        payout.loan_part > 0 for payout in case.payouts.all()
    )
    servicing = case_servicing(case=case) if running else None
    return render(
        request,
        "finance/cases/detail.html",
        {
            "case": case,
            "summary": summary,
            "capacity": capacity,
            "eligibility": eligibility,
            "guidance": case_guidance(case=case, on=today),
            "price_check": price_check,
            "write_down": write_down,
            "interim_due": interim_due,
            "interim_overdue": bool(interim_due and interim_due < today),
            "notice_form": NoticeForm(initial={"sent_on": today})
            if interim_due and can_write(actor)
            else None,
            "allowance": allowance,
            "open_round": open_round,
            "editable": editable,
            "can_write": can_write(actor),
            "may_decide": can_decide(actor)
            and open_round is not None
            and open_round.recommended_by_id != actor.user.pk,
            "line_form": EconomyLineForm(prefix="line") if editable else None,
            "servicing": servicing,
            # A paid-out start loan goes to the loan servicer before the case closes.
            "paid_out_closable": case.status == FinancingStatus.PAID_OUT
            and (servicing is None or servicing.handed_over is not None),
            "crumbs": _case_crumbs(request, current=case.number),
        },
    )


def _writable_case(request: HttpRequest, financing_id: int) -> FinancingCase:
    # The forms show the applicant's name: opening one is a read of the case.
    return selectors.financing_case_get(
        actor=request.actor, pk=financing_id, audit=request.method == "GET"
    )


@role_required(*WRITE_ROLES)
def case_edit(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _writable_case(request, financing_id)
    initial = {name: getattr(case, name) for name in services.PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial={**initial, "version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_case_update(
                actor=request.actor,
                case=case,
                version=form.cleaned_data["version"],
                **form.plan(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The financing plan is saved."))
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Home and financing plan"),
            "submit": _("Save the plan"),
            "crumbs": _case_crumbs(request, case, _("Home and financing plan")),
        },
    )


@role_required(*WRITE_ROLES)
def economy_add(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _writable_case(request, financing_id)
    form = EconomyLineForm(request.POST or None, prefix="line")
    if request.method == "POST" and form.is_valid():
        try:
            services.economy_line_add(actor=request.actor, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The line is added."))
            return redirect(reverse("finance:case_detail", args=[case.pk]) + "#economy-heading")
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Add a line to the economy"),
            "submit": _("Add the line"),
            "crumbs": _case_crumbs(request, case, _("Add a line to the economy")),
        },
    )


def _line(request: HttpRequest, economy_line_id: int) -> EconomyLine:
    line = (
        EconomyLine.objects.select_related("case")
        .filter(pk=economy_line_id, case__municipality=request.actor.municipality)
        .first()
    )
    if line is None:
        from django.http import Http404

        raise Http404
    return line


@role_required(*WRITE_ROLES)
def economy_edit(request: HttpRequest, economy_line_id: int) -> HttpResponse:
    line = _line(request, economy_line_id)
    case = line.case
    form = EconomyAmountForm(
        request.POST or None, initial={"monthly_amount": line.monthly_amount, "note": line.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.economy_line_update(actor=request.actor, line=line, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The line is saved."))
            return redirect(reverse("finance:case_detail", args=[case.pk]) + "#economy-heading")
    title = _("Change the line: %(what)s") % {"what": line.category}
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "submit": _("Save the line"),
            "delete_url": reverse("finance:economy_delete", args=[line.pk]),
            "crumbs": _case_crumbs(request, case, title),
        },
    )


@role_required(*WRITE_ROLES)
def economy_delete(request: HttpRequest, economy_line_id: int) -> HttpResponse:
    line = _line(request, economy_line_id)
    case = line.case
    if request.method == "POST":
        try:
            services.economy_line_delete(actor=request.actor, line=line)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The line is removed."))
        return redirect(reverse("finance:case_detail", args=[case.pk]) + "#economy-heading")
    title = _("Remove the line: %(what)s") % {"what": line.category}
    return render(
        request,
        "finance/cases/confirm.html",
        {
            "case": case,
            "title": title,
            "question": _("Remove this line from the economy? The change is logged."),
            "submit": _("Remove the line"),
            "crumbs": _case_crumbs(request, case, title),
        },
    )


@role_required(*WRITE_ROLES)
def eligibility_edit(request: HttpRequest, financing_id: int) -> HttpResponse:
    """Every question of the checklist on one form; each answer needs its reason, and
    every missing reason is shown at once."""
    case = _writable_case(request, financing_id)
    initial = {}
    for row in case.eligibility.all():
        initial[f"{row.question}__answer"] = "yes" if row.answer else "no"
        initial[f"{row.question}__reason"] = row.reason
    form = EligibilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answered = [
            (
                question,
                form.cleaned_data[f"{question}__answer"],
                form.cleaned_data[f"{question}__reason"],
            )
            for question, _a, _r in form.pairs()
        ]
        for question, answer, reason in answered:
            if answer and not reason.strip():
                form.add_error(f"{question}__reason", services.ERROR_REASON_REQUIRED)
        if not form.errors:
            for question, answer, reason in answered:
                if answer and (
                    initial.get(f"{question}__answer") != answer
                    or initial.get(f"{question}__reason") != reason
                ):
                    services.eligibility_answer_set(
                        actor=request.actor,
                        case=case,
                        question=question,
                        answer=answer == "yes",
                        reason=reason,
                    )
            messages.success(request, _("The checklist is saved."))
            return redirect(reverse("finance:case_detail", args=[case.pk]) + "#eligibility-heading")
    return render(
        request,
        "finance/cases/eligibility.html",
        {
            "case": case,
            "form": form,
            "guidance": case_guidance(case=case, on=timezone.localdate()),
            "show_guideline_link": request.actor.has_role(*REFERENCE_ROLES),
            "crumbs": _case_crumbs(request, case, _("Eligibility")),
        },
    )


def _finish_view(request: HttpRequest, financing_id: int, *, withdraw: bool) -> HttpResponse:
    case = _writable_case(request, financing_id)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.financing_case_withdraw if withdraw else services.financing_case_close
        try:
            call(actor=request.actor, case=case, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("The application is withdrawn.") if withdraw else _("The case is closed."),
            )
            return redirect("finance:case_detail", case.pk)
    title = _("Withdraw the application") if withdraw else _("Close the case")
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "lead": _("The household withdraws its application; it can apply again later.")
            if withdraw
            else _("Close the case when the loan is handed over to the loan servicer."),
            "submit": title,
            "crumbs": _case_crumbs(request, case, title),
        },
    )


@role_required(*WRITE_ROLES)
def case_withdraw(request: HttpRequest, financing_id: int) -> HttpResponse:
    return _finish_view(request, financing_id, withdraw=True)


@role_required(*WRITE_ROLES)
def case_close(request: HttpRequest, financing_id: int) -> HttpResponse:
    return _finish_view(request, financing_id, withdraw=False)


@role_required(*WRITE_ROLES)
def interim_notice(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = _writable_case(request, financing_id)
    form = NoticeForm(request.POST or None, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.financing_interim_notice_record(
                actor=request.actor, case=case, sent_on=form.cleaned_data["sent_on"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The interim notice is recorded."))
            return redirect("finance:case_detail", case.pk)
    return render(
        request,
        "finance/cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Record the interim notice"),
            "lead": _(
                "Forvaltningsloven § 11 a: when a case will take more than a month, tell the "
                "applicant why and when an answer can be expected."
            ),
            "submit": _("Record the interim notice"),
            "crumbs": _case_crumbs(request, case, _("Record the interim notice")),
        },
    )
