"""Reads of the running loan: the loans waiting for the loan servicer, the
hand-overs and the rows of their file, a case's missed instalments and changes of
terms, and the households with missed instalments for follow-up's early warning."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_export
from boligtorg.core.models import Municipality
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain.financing.servicing import reported_late

from ..access import READ_ROLES
from ..models import (
    FinancingCase,
    FinancingDecision,
    HandOver,
    MissedInstalment,
    Payout,
    TermsChange,
)
from ..services.servicer import current_terms, loans_to_hand_over
from .schedules import decision_rate, first_due_after

HANDOVER_EXPORT_NAME = _("loans-to-servicer")


@dataclass(frozen=True)
class ServicerRow:
    """What the loan servicer needs of one loan."""

    case: FinancingCase
    borrower: str
    national_id: str
    address: str
    paid_out: Decimal
    paid_on: datetime.date
    method: str
    years: int
    interest_only_years: int
    rate_kind: str
    rate: Decimal | None
    periods_per_year: int
    due_day: int
    first_due: datetime.date


def _with_loan_data(cases: QuerySet[FinancingCase]) -> QuerySet[FinancingCase]:
    return cases.select_related("applicant", "municipality").prefetch_related(
        Prefetch("payouts", Payout.objects.filter(loan_part__gt=0).order_by("paid_on", "pk")),
        Prefetch(
            "decisions",
            FinancingDecision.objects.filter(decided_by__isnull=False).order_by(
                "-decided_on", "-pk"
            ),
        ),
    )


def _row(case: FinancingCase) -> ServicerRow | None:
    payouts = list(case.payouts.all())
    decisions = list(case.decisions.all())
    if not payouts or not decisions:
        return None
    decision = decisions[0]
    decision.case = case
    paid_on = payouts[-1].paid_on
    rate, _from_table = decision_rate(decision, paid_on)
    return ServicerRow(
        case=case,
        borrower=case.applicant.full_name,
        national_id=case.applicant.national_id,
        address=case.home_address,
        paid_out=sum((p.loan_part for p in payouts), Decimal(0)),
        paid_on=paid_on,
        method=decision.get_method_display(),
        years=decision.years,
        interest_only_years=decision.interest_only_years,
        rate_kind=decision.get_rate_kind_display(),
        rate=rate,
        periods_per_year=decision.periods_per_year,
        due_day=decision.due_day,
        first_due=first_due_after(paid_on, decision.due_day),
    )


def _rows(cases: QuerySet[FinancingCase]) -> list[ServicerRow]:
    return [row for row in map(_row, _with_loan_data(cases)) if row is not None]


def loans_waiting(*, actor: Actor) -> list[ServicerRow]:
    """The paid-out loans no hand-over holds yet, as the next file would hold them."""
    require_role(actor, *READ_ROLES)
    return _rows(loans_to_hand_over(actor.municipality))


def handover_list(*, actor: Actor) -> QuerySet[HandOver]:
    """The municipality's hand-overs, newest first, with their number of loans."""
    require_role(actor, *READ_ROLES)
    return (
        HandOver.objects.filter(municipality=actor.municipality)
        .select_related("created_by")
        .annotate(loan_count=Count("loans"))
    )


def handover_get(*, actor: Actor, pk: int) -> HandOver:
    require_role(actor, *READ_ROLES)
    return get_for_actor(HandOver.objects.select_related("created_by"), actor, pk=pk)


def handover_rows(*, actor: Actor, handover: HandOver, file_format: str) -> list[ServicerRow]:
    """The rows of a hand-over's file. The file holds national ids, so every
    download is audited with the ids of the cases it holds."""
    rows = _rows(
        FinancingCase.objects.filter(
            municipality=handover.municipality, handover__handover=handover
        ).order_by("number")
    )
    audit_export(
        actor=actor,
        model=FinancingCase,
        query={"handover": handover.pk},
        ids=[row.case.pk for row in rows],
        name="hand-over to the loan servicer",
        file_format=file_format,
    )
    return rows


@dataclass(frozen=True)
class Servicing:
    """The running loan on the case page."""

    handed_over: HandOver | None
    missed: list[MissedInstalment]
    late_reports: int
    changes: list[TermsChange]
    years: int
    rate_kind: str


def case_servicing(*, case: FinancingCase) -> Servicing:
    """The case's hand-over, missed instalments (and how many the servicer reported
    later than the 14 days) and changes of terms, oldest change first."""
    handover = HandOver.objects.filter(loans__case=case).select_related("created_by").first()
    missed = list(MissedInstalment.objects.filter(case=case))
    changes = list(TermsChange.objects.filter(case=case).select_related("decided_by"))
    years, rate_kind = current_terms(case) if changes else (0, "")
    return Servicing(
        handed_over=handover,
        missed=missed,
        late_reports=sum(reported_late(m.due_on, m.reported_on) for m in missed),
        changes=changes,
        years=years,
        rate_kind=rate_kind,
    )


@dataclass(frozen=True)
class MissedWarning:
    """A start-loan household with missed instalments, for follow-up."""

    case: FinancingCase
    count: int
    amount: Decimal
    latest_due: datetime.date


def missed_instalment_warnings(
    *, municipality: Municipality, since: datetime.date
) -> list[MissedWarning]:
    """The financing cases with an instalment reported missed on or after ``since``,
    most missed first. The household and its main applicant come with each case."""
    grouped: dict[int, list[MissedInstalment]] = {}
    for missed in (
        MissedInstalment.objects.filter(municipality=municipality, reported_on__gte=since)
        .select_related("case__applicant")
        .order_by("case_id", "-due_on")
    ):
        grouped.setdefault(missed.case_id, []).append(missed)
    rows = [
        MissedWarning(
            case=entries[0].case,
            count=len(entries),
            amount=sum((m.amount for m in entries), Decimal(0)),
            latest_due=entries[0].due_on,
        )
        for entries in grouped.values()
    ]
    rows.sort(key=lambda row: (-row.count, -row.amount, row.case.number))
    return rows
