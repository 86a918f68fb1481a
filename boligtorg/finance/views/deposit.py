"""Pages of Danish deposit loans (indskudslån): the list, registering an
application, the loan's page with the rules' arithmetic, the decision, payout, the
start of repayment, closing and the decision letter. A Norwegian municipality has
no deposit loans: every page answers 404 there (``access.country_only``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.core import private_search
from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs, paginate

from .. import letters
from ..access import (
    DECIDE_ROLES,
    DEPOSIT_LOAN_COUNTRY,
    READ_ROLES,
    WRITE_ROLES,
    can_decide,
    can_write,
    country_only,
)
from ..forms.cases import NoteForm
from ..forms.deposit import DepositDecideForm, DepositPayOutForm, DepositRegisterForm
from ..forms.filters import StatusFilterForm
from ..models import DepositLoan, DepositLoanStatus
from ..selectors import deposit as selectors
from ..services import deposit as services

denmark_only = country_only(DEPOSIT_LOAN_COUNTRY)


def _crumbs(request: HttpRequest, loan: DepositLoan | None = None, current: str = "") -> Any:
    trail = [(_("Deposit loans"), reverse("finance:deposit_list"))]
    if loan is not None:
        trail.append((loan.number, reverse("finance:deposit_detail", args=[loan.pk])))
    return crumbs(request, *trail, current=current)


@role_required(*READ_ROLES)
@denmark_only
def deposit_list(request: HttpRequest) -> HttpResponse:
    """The deposit loans. A CPR number in the search posts and stays out of the URL."""
    actor = request.actor
    if request.method == "POST" or private_search.id_in_url(request):
        data = request.POST if request.method == "POST" else request.GET
        query = private_search.query_without_search(request, data, always=request.method == "POST")
        return redirect(f"{request.path}?{query}" if query else request.path)
    form = StatusFilterForm(private_search.search_data(request) or None, statuses=DepositLoanStatus)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.deposit_loan_list(
            actor=actor, search=filters.get("q", ""), status=filters.get("status", "")
        ),
    )
    audit_list_read(
        actor=actor,
        model=DepositLoan,
        query={**filters, "page": page.number},
        ids=[loan.pk for loan in page.object_list],
    )
    return render(
        request,
        "finance/deposit/list.html",
        {
            "form": form,
            "page": page,
            "can_write": can_write(actor),
            "crumbs": crumbs(request, current=_("Deposit loans")),
        },
    )


@role_required(*WRITE_ROLES)
@denmark_only
def deposit_create(request: HttpRequest) -> HttpResponse:
    form = DepositRegisterForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "children": 0}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            loan = services.deposit_loan_register(
                actor=request.actor,
                national_id=data["national_id"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                received_on=data["received_on"],
                dwelling_address=data["dwelling_address"],
                housing_organisation=data["housing_organisation"],
                **form.facts(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request, _("Deposit loan %(number)s registered.") % {"number": loan.number}
            )
            return redirect("finance:deposit_detail", loan.pk)
    return render(
        request,
        "finance/deposit/create.html",
        {"form": form, "crumbs": _crumbs(request, current=_("New deposit loan"))},
    )


@role_required(*READ_ROLES)
@denmark_only
def deposit_detail(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    actor = request.actor
    loan = selectors.deposit_loan_get(actor=actor, pk=deposit_loan_id)
    return render(
        request,
        "finance/deposit/detail.html",
        {
            "loan": loan,
            "sums": selectors.deposit_arithmetic(loan=loan, on=timezone.localdate()),
            "can_write": can_write(actor),
            "may_decide": can_decide(actor) and loan.status == DepositLoanStatus.RECEIVED,
            "crumbs": _crumbs(request, loan),
        },
    )


@role_required(*DECIDE_ROLES)
@denmark_only
def deposit_decide(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    loan = selectors.deposit_loan_get(actor=request.actor, pk=deposit_loan_id, audit=False)
    initial = {
        name: getattr(loan, name)
        for name in ("dwelling_kind", "deposit", "yearly_income", "children", "disposable_means")
    }
    form = DepositDecideForm(
        request.POST or None, initial={**initial, "decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deposit_loan_decide(
                actor=request.actor,
                loan=loan,
                outcome=data["outcome"],
                decided_on=data["decided_on"],
                reasons=data["reasons"],
                **form.facts(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The deposit loan is decided."))
            return redirect("finance:deposit_detail", loan.pk)
    title = _("Decide the deposit loan")
    return render(
        request,
        "finance/deposit/form.html",
        {
            "loan": loan,
            "form": form,
            "title": title,
            "lead": _(
                "A grant is checked against the rules in force on the decision day; the "
                "decision keeps the figures of the check."
            ),
            "submit": _("Decide"),
            "crumbs": _crumbs(request, loan, title),
        },
    )


@role_required(*WRITE_ROLES)
@denmark_only
def deposit_pay_out(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    loan = selectors.deposit_loan_get(actor=request.actor, pk=deposit_loan_id, audit=False)
    form = DepositPayOutForm(request.POST or None, initial={"paid_out_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.deposit_loan_pay_out(
                actor=request.actor, loan=loan, paid_out_on=form.cleaned_data["paid_out_on"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The deposit loan is paid out."))
            return redirect("finance:deposit_detail", loan.pk)
    title = _("Record the payout")
    return render(
        request,
        "finance/deposit/form.html",
        {
            "loan": loan,
            "form": form,
            "title": title,
            "lead": _("The loan is paid to the housing organisation as the deposit."),
            "submit": title,
            "crumbs": _crumbs(request, loan, title),
        },
    )


@role_required(*WRITE_ROLES)
@denmark_only
def deposit_repaying(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    loan = selectors.deposit_loan_get(actor=request.actor, pk=deposit_loan_id, audit=False)
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        try:
            services.deposit_loan_start_repaying(actor=request.actor, loan=loan)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The deposit loan is being repaid."))
            return redirect("finance:deposit_detail", loan.pk)
    title = _("Repayment starts")
    return render(
        request,
        "finance/deposit/form.html",
        {
            "loan": loan,
            "form": form,
            "title": title,
            "lead": _("The years without instalments are over: the household repays the loan."),
            "submit": title,
            "crumbs": _crumbs(request, loan, title),
        },
    )


@role_required(*WRITE_ROLES)
@denmark_only
def deposit_close(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    loan = selectors.deposit_loan_get(actor=request.actor, pk=deposit_loan_id, audit=False)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deposit_loan_close(
                actor=request.actor, loan=loan, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The deposit loan is closed."))
            return redirect("finance:deposit_detail", loan.pk)
    title = _("Close the deposit loan")
    return render(
        request,
        "finance/deposit/form.html",
        {
            "loan": loan,
            "form": form,
            "title": title,
            "lead": _("Repaid, written off, refused and done, or withdrawn: say which."),
            "submit": title,
            "crumbs": _crumbs(request, loan, title),
        },
    )


@role_required(*READ_ROLES)
@denmark_only
def deposit_letter(request: HttpRequest, deposit_loan_id: int) -> HttpResponse:
    """The decision letter in Danish, citing lov om individuel boligstøtte, with the
    Danish appeal route (Ankestyrelsen, 4 weeks)."""
    from django.http import Http404

    loan = selectors.deposit_loan_get(actor=request.actor, pk=deposit_loan_id)
    if not loan.decided_on:
        raise Http404
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        obj=loan,
        changes={"export": "deposit loan decision letter", "format": "pdf"},
    )
    response = HttpResponse(
        letters.deposit_letter_pdf(loan, received=loan.decided_on), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="afgoerelse-{loan.number}.pdf"'
    return response
