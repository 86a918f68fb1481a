"""Reads of financing cases for the pages and the API: the list (search, filters,
sorting), one case with everything its page shows, and the economy's sums."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from boligtorg.cases.models import HouseholdMember
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, get_for_actor, require_role

from ..access import READ_ROLES
from ..models import FinancingCase, FinancingDecision, FinancingStatus

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
            "economy",
            "eligibility",
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


@dataclass(frozen=True)
class CaseSummary:
    """What the case page shows above its sections: the economy's sums per kind and
    the financing plan's balance."""

    income: int
    living: int
    fixed: int
    maintenance: int
    monthly_capacity: int
    uses: int  # price + costs
    sources: int  # equity + bank loan + start loan + grant applied for
    plan_difference: int  # sources − uses: 0 when the plan adds up
    has_price: bool


def case_summary(*, case: FinancingCase, on: object = None) -> CaseSummary:
    """Sums of the prefetched economy lines and the plan; no query of its own."""
    sums = {"income": 0, "living": 0, "fixed": 0, "maintenance": 0}
    for line in case.economy.all():
        sums[line.kind] += int(line.monthly_amount)
    uses = int((case.price or 0) + case.costs)
    sources = int(case.equity + case.bank_loan + case.loan_applied + case.grant_applied)
    return CaseSummary(
        **sums,
        monthly_capacity=sums["income"]
        - sums["living"]
        - sums["fixed"]
        - sums["maintenance"]
        - int(case.bank_loan_monthly),
        uses=uses,
        sources=sources,
        plan_difference=sources - uses,
        has_price=case.price is not None,
    )
