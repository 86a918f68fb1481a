"""The payment schedule of a case's latest recommended or decided start loan: a
summary, the years, and every instalment as a spreadsheet."""

from __future__ import annotations

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.spreadsheet import xlsx_append

from .. import letters
from ..access import READ_ROLES
from ..selectors import cases as selectors
from ..selectors.schedules import Schedule, instalment_added, loan_schedule
from .cases import _case_crumbs


def _latest_round(case):  # noqa: ANN001, ANN202
    return next((d for d in case.decisions.all() if d.returned_at is None), None)


@role_required(*READ_ROLES)
def schedule(request: HttpRequest, financing_id: int) -> HttpResponse:
    case = selectors.financing_case_get(actor=request.actor, pk=financing_id)
    decision = _latest_round(case)
    on = timezone.localdate()
    plan = loan_schedule(decision, on=on) if decision else None
    if plan is not None and request.GET.get("format") == "xlsx":
        audit_record(
            actor=request.actor,
            action=AuditAction.EXPORT,
            obj=case,
            changes={"export": "payment schedule", "format": "xlsx"},
        )
        response = HttpResponse(
            _xlsx(case.number, plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = _("payment-schedule")
        response["Content-Disposition"] = f'attachment; filename="{name}-{case.number}.xlsx"'
        return response
    return render(
        request,
        "finance/cases/schedule.html",
        {
            "case": case,
            "decision": decision,
            "plan": plan,
            "effective_percent": plan.effective_rate * 100 if plan else None,
            "crumbs": _case_crumbs(request, case, _("Payment schedule")),
        },
    )


def _xlsx(number: str, plan: Schedule) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Payment schedule"))
    xlsx_append(sheet, [_("Payment schedule"), number])
    xlsx_append(
        sheet,
        [_("Loan"), plan.terms.principal, _("Nominal rate (%)"), plan.rate_percent],
    )
    xlsx_append(sheet, [_("Effective rate (%)"), plan.effective_rate * 100])
    xlsx_append(sheet, [])
    header = [_("No."), _("Due"), _("Payment"), _("Interest"), _("Principal"), _("Fee")]
    header += [_("Balance")]
    if plan.marks:
        header += [_("Interest added"), _("Change of terms")]
    xlsx_append(sheet, header)
    for row in plan.instalments:
        cells = [row.number, row.due, row.payment, row.interest, row.principal, row.fee]
        cells.append(row.balance)
        if plan.marks:
            marks = "; ".join(mark.text for mark in plan.marks_of(row.number))
            cells += [instalment_added(row), marks]
        xlsx_append(sheet, cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@role_required(*READ_ROLES)
def decision_letter(request: HttpRequest, financing_id: int) -> HttpResponse:
    """The letter of the latest decided round, in the applicant's language. Sent
    digitally the day it is decided, so the appeal deadline runs from that day."""
    case = selectors.financing_case_get(actor=request.actor, pk=financing_id)
    decision = next((d for d in case.decisions.all() if d.decided_by_id), None)
    if decision is None:
        raise Http404
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        obj=case,
        changes={"export": "decision letter", "format": "pdf"},
    )
    content = letters.decision_letter_pdf(decision, received=decision.decided_on)
    return _pdf(content, f"{_('decision')}-{case.number}")


@role_required(*READ_ROLES)
def sef(request: HttpRequest, financing_id: int) -> HttpResponse:
    """The standard European consumer credit information of the latest round's
    start loan, given before the agreement."""
    case = selectors.financing_case_get(actor=request.actor, pk=financing_id)
    decision = _latest_round(case)
    on = timezone.localdate()
    # The pre-contract information states the terms as decided, not later changes.
    plan = loan_schedule(decision, on=on, follow_changes=False) if decision else None
    if plan is None:
        raise Http404
    audit_record(
        actor=request.actor,
        action=AuditAction.EXPORT,
        obj=case,
        changes={"export": "consumer credit information", "format": "pdf"},
    )
    return _pdf(letters.sef_pdf(decision, plan, on=on), f"{_('credit-information')}-{case.number}")
