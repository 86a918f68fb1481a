"""Reads of financing cases for the pages and the API: the list (search, filters,
sorting), one case with everything its page shows, and the economy's sums."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from boligtorg.cases.models import HouseholdMember
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain.financing import (
    FinancingPlan,
    PlanCheck,
    Product,
    Purpose,
    financing_plan_check,
)

from ..access import READ_ROLES
from ..models import (
    EconomyKind,
    EconomyLine,
    EligibilityAnswer,
    EligibilityQuestion,
    FinancingCase,
    FinancingDecision,
    FinancingStatus,
)

ORDERINGS = {
    "received": ("received_on", "number"),
    "-received": ("-received_on", "-number"),
    "number": ("number",),
    "-number": ("-number",),
    "applicant": ("applicant__last_name", "applicant__first_name", "number"),
    "-applicant": ("-applicant__last_name", "-applicant__first_name", "-number"),
    "status": ("status", "-received_on"),
    "-status": ("-status", "-received_on"),
}
OPEN_STATUSES = (
    FinancingStatus.RECEIVED,
    FinancingStatus.ASSESSING,
    FinancingStatus.RECOMMENDED,
    FinancingStatus.DECIDED,
    FinancingStatus.PAID_OUT,
)
# Income first, then what is taken from it; the checklist in the regulation's order.
KIND_ORDER = Case(
    *(When(kind=kind, then=Value(n)) for n, kind in enumerate(EconomyKind.values)),
    output_field=IntegerField(),
)
QUESTION_ORDER = Case(
    *(When(question=q, then=Value(n)) for n, q in enumerate(EligibilityQuestion.values)),
    output_field=IntegerField(),
)
FINANCING_NUMBER = re.compile(r"[Ff]?\d{1,4}(-\d*)?")


def financing_search_filter(search: str) -> Q:
    """A case number (F2026-0004, 2026-4), a national id (from ten digits) or the
    applicant's name, each word somewhere in it."""
    compact = search.replace(" ", "")
    digits = compact.replace("-", "")
    if digits.isdigit() and len(digits) >= 10:
        return Q(applicant__national_id__startswith=digits)
    if FINANCING_NUMBER.fullmatch(compact):
        return Q(number__icontains=compact.upper().lstrip("F"))
    condition = Q()
    for word in re.split(r"[\s,]+", search):
        if word:
            condition &= Q(applicant__search_name__icontains=word)
    return condition


def financing_case_list(
    *, actor: Actor, search: str = "", status: str = "", ordering: str = "-received"
) -> QuerySet[FinancingCase]:
    """The municipality's financing cases; ``status`` "open" means every status
    before closing. One query per page."""
    require_role(actor, *READ_ROLES)
    qs = FinancingCase.objects.filter(municipality=actor.municipality).select_related(
        "applicant", "officer"
    )
    search = search.strip()
    if search:
        qs = qs.filter(financing_search_filter(search))
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in FinancingStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by(*ORDERINGS.get(ordering, ORDERINGS["-received"]))


def financing_case_get(*, actor: Actor, pk: int, audit: bool = True) -> FinancingCase:
    """One case with its household, economy, checklist, decisions, explanation and
    payouts; 404 for another municipality's case; the read is audited."""
    require_role(actor, *READ_ROLES)
    case = get_for_actor(
        FinancingCase.objects.select_related(
            "applicant", "officer", "application", "explanation"
        ).prefetch_related(
            Prefetch(
                "household__members",
                queryset=HouseholdMember.objects.select_related("person"),
            ),
            Prefetch("economy", queryset=EconomyLine.objects.order_by(KIND_ORDER, "pk")),
            Prefetch(
                "eligibility",
                queryset=EligibilityAnswer.objects.order_by(QUESTION_ORDER),
            ),
            "target_groups",
            Prefetch(
                "decisions",
                queryset=FinancingDecision.objects.select_related("recommended_by", "decided_by"),
            ),
            "payouts",
        ),
        actor,
        pk=pk,
    )
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=case)
    return case


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def status_counts(*, actor: Actor) -> list[StatusCount]:
    """How many cases in each open status, for the dashboard panel."""
    from django.db.models import Count

    require_role(actor, *READ_ROLES)
    rows = dict(
        FinancingCase.objects.filter(municipality=actor.municipality, status__in=OPEN_STATUSES)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    labels = dict(FinancingStatus.choices)
    return [StatusCount(s, str(labels[s]), rows.get(s, 0)) for s in OPEN_STATUSES]


PURPOSES = {
    "buy_top_up": Purpose.BUY,
    "buy_full": Purpose.BUY,
    "build": Purpose.BUILD,
    "adapt": Purpose.ADAPT,
    "refinance": Purpose.REFINANCE,
}


@dataclass(frozen=True)
class CaseSummary:
    """The financing plan's check (domain ``financing_plan_check``): uses against
    sources, the difference (negative: short), and what is wrong, field by field."""

    check: PlanCheck | None
    problems: list[str]


def case_summary(*, case: FinancingCase, product: Product | None = None) -> CaseSummary:
    """The plan checked by the domain rule; no query of its own. ``product`` is the
    first-time-buyer product from the dated products table, when the case has it."""
    if case.price is None:
        return CaseSummary(None, [])
    check = financing_plan_check(
        FinancingPlan(
            purpose=PURPOSES[case.purpose],
            price=Decimal(case.price),
            costs=Decimal(case.costs),
            equity=Decimal(case.equity),
            bank_loan=Decimal(case.bank_loan),
            start_loan=Decimal(case.loan_applied),
            grant=Decimal(case.grant_applied),
            home_value=Decimal(case.home_value) if case.home_value is not None else None,
            product=product,
        )
    )
    return CaseSummary(
        check, [_(message) for name, message in check.errors.items() if name != "plan"]
    )
