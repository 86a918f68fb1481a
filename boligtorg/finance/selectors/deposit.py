"""Reads of Danish deposit loans for the pages: the list (search, status), one loan
(audited), the check's arithmetic for its page, and the counts for the dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from boligtorg.cases.models import HouseholdMember
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, get_for_actor, require_role

from ..access import READ_ROLES
from ..models import DepositLoan, DepositLoanStatus
from ..services.deposit import deposit_check, deposit_rules_on

OPEN_STATUSES = (
    DepositLoanStatus.RECEIVED,
    DepositLoanStatus.DECIDED,
    DepositLoanStatus.PAID_OUT,
    DepositLoanStatus.REPAYING,
)


def deposit_loan_list(*, actor: Actor, search: str = "", status: str = "") -> QuerySet[DepositLoan]:
    """The municipality's deposit loans, newest first; ``status`` "open" means every
    status before closing. The search takes a number, a CPR number or a name."""
    require_role(actor, *READ_ROLES)
    qs = DepositLoan.objects.filter(municipality=actor.municipality).select_related(
        "applicant", "officer"
    )
    search = search.strip()
    if search:
        digits = search.replace("-", "").replace(" ", "")
        if digits.isdigit() and len(digits) >= 10:
            qs = qs.filter(applicant__national_id__startswith=digits)
        else:
            condition = Q(number__icontains=search)
            words = Q()
            for word in search.split():
                words &= Q(applicant__search_name__icontains=word)
            qs = qs.filter(condition | words)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in DepositLoanStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-received_on", "-number")


def deposit_loan_get(*, actor: Actor, pk: int, audit: bool = True) -> DepositLoan:
    """One deposit loan with its household; 404 for another municipality's loan; the
    read is audited."""
    require_role(actor, *READ_ROLES)
    loan = get_for_actor(
        DepositLoan.objects.select_related("applicant", "officer", "decided_by").prefetch_related(
            Prefetch(
                "household__members",
                queryset=HouseholdMember.objects.select_related("person"),
            )
        ),
        actor,
        pk=pk,
    )
    if audit:
        audit_record(actor=actor, action=AuditAction.VIEW, obj=loan)
    return loan


@dataclass(frozen=True)
class DepositArithmetic:
    """The check's figures as the page shows them: stored at the decision, else the
    rules in force today applied to the facts as registered."""

    decided: bool
    valid_from: datetime.date | None
    source: str
    base_limit: Decimal | None
    per_child: Decimal | None
    children_counted: int | None
    income_limit: Decimal | None
    loan: Decimal
    own_part: Decimal
    municipality_share: Decimal
    state_share: Decimal
    share_fraction: Decimal | None
    interest_free_years: int | None
    instalment_free_years: int | None
    max_deposit: Decimal | None
    problems: list[str]

    @property
    def income_within(self) -> bool:
        return self.income_limit is not None


def deposit_arithmetic(*, loan: DepositLoan, on: datetime.date) -> DepositArithmetic | None:
    """What the rules make of ``loan``: the income limit (the dwelling kind's limit
    plus the supplement per child counted), the loan (deposit − own part), the
    municipality's share and the state's. After the decision, the stored figures
    with the rules of the decision day; before it, today's rules. None without
    rules."""
    day = loan.decided_on or on
    found = deposit_rules_on(loan.municipality, day)
    checked = deposit_check(loan, day)
    if found is None or checked is None:
        return None
    rules, row = found
    check, _row = checked
    base = rules.income_limit_by_kind.get(loan.dwelling_kind)
    counted = min(loan.children, rules.max_children_counted)
    if loan.decided_on:
        figures = (
            Decimal(loan.loan_amount or 0),
            Decimal(loan.own_part or 0),
            Decimal(loan.municipality_share or 0),
            loan.income_limit,
            loan.interest_free_years,
            loan.instalment_free_years,
        )
        valid_from, source = loan.rules_valid_from, loan.rules_source
    else:
        figures = (
            check.loan,
            check.own_part,
            check.municipality_share,
            check.income_limit,
            check.interest_free_years,
            check.instalment_free_years,
        )
        valid_from, source = row.valid_from, row.source
    amount, own_part, municipality_share, limit, free_interest, free_instalments = figures
    return DepositArithmetic(
        decided=bool(loan.decided_on),
        valid_from=valid_from,
        source=source,
        base_limit=base,
        per_child=rules.income_limit_per_child,
        children_counted=counted,
        income_limit=limit,
        loan=amount,
        own_part=own_part,
        municipality_share=municipality_share,
        state_share=amount - municipality_share,
        share_fraction=rules.municipality_share,
        interest_free_years=free_interest,
        instalment_free_years=free_instalments,
        max_deposit=rules.max_deposit,
        problems=[] if loan.decided_on else [_(message) for message in check.errors.values()],
    )


@dataclass(frozen=True)
class DepositCount:
    status: str
    label: str
    count: int


def deposit_status_counts(*, actor: Actor) -> list[DepositCount]:
    """How many deposit loans in each open status, for the dashboard panel."""
    require_role(actor, *READ_ROLES)
    rows = dict(
        DepositLoan.objects.filter(municipality=actor.municipality, status__in=OPEN_STATUSES)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    labels = dict(DepositLoanStatus.choices)
    return [DepositCount(s, str(labels[s]), rows.get(s, 0)) for s in OPEN_STATUSES]
