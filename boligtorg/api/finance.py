"""API of the finance module: financing cases, their economy lines, the payment
schedule and the two-person decision. The same services, selectors, permission
checks and audit as the pages; rule errors answer 422 naming the field."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.api.planning_statistics import YearQuery
from boligtorg.core.permissions import require_role
from boligtorg.finance.access import START_LOAN_COUNTRY, WRITE_ROLES
from boligtorg.finance.models import (
    DecisionOutcome,
    EconomyKind,
    EconomyLine,
    EligibilityQuestion,
    FinancingCase,
    FinancingDecision,
    FinancingPurpose,
    LoanMethod,
    Product,
    RateKind,
)
from boligtorg.finance.selectors import cases as selectors
from boligtorg.finance.selectors.reports import financing_report
from boligtorg.finance.selectors.schedules import instalment_added, loan_schedule
from boligtorg.finance.services import cases as services
from boligtorg.finance.services import decisions as decision_services

router = Router(tags=["finance"])

KRONER = {"ge": 0, "le": 10**11}


class FinancingPlanIn(InputSchema):
    purpose: FinancingPurpose | None = None
    product: Product | None = None
    home_address: str | None = Field(None, max_length=200)
    home_area: str | None = Field(None, max_length=100)
    price: int | None = Field(None, **KRONER)
    costs: int | None = Field(None, **KRONER)
    equity: int | None = Field(None, **KRONER)
    bank_loan: int | None = Field(None, **KRONER)
    bank_loan_monthly: int | None = Field(None, **KRONER)
    loan_applied: int | None = Field(None, **KRONER)
    grant_applied: int | None = Field(None, **KRONER)


class RegisterIn(InputSchema):
    national_id: str = Field("", max_length=20)
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    date_of_birth: datetime.date | None = None
    received_on: datetime.date
    purpose: FinancingPurpose
    product: Product = Product.ORDINARY
    home_address: str = Field("", max_length=200)
    price: int | None = Field(None, **KRONER)
    costs: int = Field(0, **KRONER)
    equity: int = Field(0, **KRONER)
    bank_loan: int = Field(0, **KRONER)
    loan_applied: int = Field(0, **KRONER)
    grant_applied: int = Field(0, **KRONER)


class PatchIn(FinancingPlanIn):
    version: int = Field(ge=1, le=2**31)


class EconomyLineIn(InputSchema):
    kind: EconomyKind
    category: str = Field(min_length=1, max_length=100)
    monthly_amount: int = Field(**KRONER)
    note: str = Field("", max_length=300)


class EconomyLineOut(Schema):
    id: int
    kind: str
    category: str
    monthly_amount: Decimal
    note: str


class EligibilityAnswerIn(InputSchema):
    question: EligibilityQuestion
    answer: bool
    reason: str = Field(min_length=1, max_length=5000)


class EligibilityAnswerOut(Schema):
    question: str
    answer: bool
    reason: str


class FinancingDecisionOut(Schema):
    id: int
    outcome: str
    loan_amount: Decimal
    grant_amount: Decimal
    method: str
    years: int
    interest_only_years: int
    rate_kind: str
    recommended_by_id: int
    recommended_at: datetime.datetime
    decided_by_id: int | None
    decided_on: datetime.date | None
    returned_at: datetime.datetime | None


class CaseListOut(Schema):
    id: int
    number: str
    status: str
    purpose: str
    product: str
    received_on: datetime.date
    applicant_id: int
    loan_applied: Decimal
    grant_applied: Decimal


class CaseOut(CaseListOut):
    household_id: int
    application_id: int | None
    home_address: str
    home_area: str
    price: Decimal | None
    costs: Decimal
    equity: Decimal
    bank_loan: Decimal
    bank_loan_monthly: Decimal
    version: int
    economy: list[EconomyLineOut]
    decisions: list[FinancingDecisionOut]

    @staticmethod
    def resolve_economy(obj: FinancingCase) -> list[EconomyLine]:
        return list(obj.economy.all())

    @staticmethod
    def resolve_decisions(obj: FinancingCase) -> list[FinancingDecision]:
        return list(obj.decisions.all())


class LongTermConditionIn(InputSchema):
    answer: bool | None = None
    reason: str = Field("", max_length=5000)


class RecommendationIn(InputSchema):
    version: int = Field(ge=1, le=2**31)
    outcome: DecisionOutcome
    loan_amount: int = Field(0, **KRONER)
    grant_amount: int = Field(0, **KRONER)
    method: LoanMethod = LoanMethod.ANNUITY
    years: int = Field(30, ge=1, le=50)
    interest_only_years: int = Field(0, ge=0, le=8)
    rate_kind: RateKind = RateKind.FLOATING
    annual_rate: Decimal | None = Field(None, ge=0, le=100, decimal_places=3)
    periods_per_year: int = Field(12, description="12 (monthly) or 4 (quarterly)")
    due_day: int = Field(20, description="1, 12 or 20")
    fifty_year_reasons: str = Field("", max_length=5000)
    long_term_conditions: dict[str, LongTermConditionIn] = Field(
        default_factory=dict,
        description="For more than 30 years: permanently_low_income, home_fits_long_term, "
        "renting_unsuitable_or_dearer, shorter_term_not_sound, low_predictable_income",
    )
    promise_valid_until: datetime.date | None = None
    conditions: str = Field("", max_length=5000)
    facts: str = Field("", max_length=10000)
    considerations: str = Field("", max_length=10000)
    how_to_qualify: str = Field("", max_length=5000)
    children_interests: str = Field("", max_length=5000)


class DecideIn(InputSchema):
    decided_on: datetime.date


class InstalmentOut(Schema):
    number: int
    due: datetime.date | None
    payment: Decimal
    interest: Decimal
    principal: Decimal
    fee: Decimal
    balance: Decimal
    interest_added: Decimal = Field(
        Decimal(0), description="Interest added to the loan at this instalment."
    )


class ScheduleChangeOut(Schema):
    """A change of terms on the instalment where it begins."""

    number: int
    due: datetime.date | None
    kind: str
    text: str


class ScheduleOut(Schema):
    principal: Decimal
    nominal_rate_percent: Decimal
    effective_rate_percent: Decimal
    highest_payment: Decimal
    total_interest: Decimal
    total_payable: Decimal
    instalments: list[InstalmentOut]
    changes: list[ScheduleChangeOut]


def _norway(request: HttpRequest) -> None:
    """Start loans are Norwegian (Husbanken): another country's municipality gets 404,
    as on the pages (``finance.access.country_only``)."""
    municipality = getattr(request.auth, "municipality", None)
    if municipality is not None and municipality.country != START_LOAN_COUNTRY:
        raise Http404


def _case(request: HttpRequest, financing_id: int) -> FinancingCase:
    return selectors.financing_case_get(actor=request.auth, pk=financing_id)


@router.get("/financing-cases", response=list[CaseListOut], summary="Financing cases")
@paginate(AuditedPageNumberPagination, page_size=25)
def case_list(request: HttpRequest, q: str = "", status: str = ""):  # noqa: ANN201
    _norway(request)
    return selectors.financing_case_list(actor=request.auth, search=q, status=status)


@router.post("/financing-cases", response={201: CaseOut}, summary="Register an application")
def case_register(request: HttpRequest, payload: RegisterIn):  # noqa: ANN201
    _norway(request)
    data = payload.dict()
    case = services.financing_case_register(actor=request.auth, **data)
    return Status(201, _case(request, case.pk))


@router.get(
    "/financing-cases/{int:financing_id}", response=CaseOut, summary="Read a financing case"
)
def case_read(request: HttpRequest, financing_id: int) -> FinancingCase:
    return _case(request, financing_id)


@router.patch(
    "/financing-cases/{int:financing_id}", response=CaseOut, summary="Change the home and plan"
)
def case_patch(request: HttpRequest, financing_id: int, payload: PatchIn) -> FinancingCase:
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    case = selectors.financing_case_get(actor=request.auth, pk=financing_id, audit=False)
    plan = payload.dict(exclude_unset=True)
    version = plan.pop("version")
    services.financing_case_update(actor=request.auth, case=case, version=version, **plan)
    return _case(request, financing_id)


@router.post(
    "/financing-cases/{int:financing_id}/economy-lines",
    response={201: EconomyLineOut},
    summary="Add a line to the economy",
)
def economy_add(request: HttpRequest, financing_id: int, payload: EconomyLineIn):  # noqa: ANN201
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    case = selectors.financing_case_get(actor=request.auth, pk=financing_id, audit=False)
    line = services.economy_line_add(actor=request.auth, case=case, **payload.dict())
    return Status(201, line)


@router.delete(
    "/economy-lines/{int:economy_line_id}",
    response={204: None},
    summary="Remove a line of the economy",
)
def economy_delete(request: HttpRequest, economy_line_id: int):  # noqa: ANN201
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    line = (
        EconomyLine.objects.select_related("case")
        .filter(pk=economy_line_id, case__municipality=request.auth.municipality)
        .first()
    )
    if line is None:
        raise Http404
    services.economy_line_delete(actor=request.auth, line=line)
    return Status(204, None)


@router.put(
    "/financing-cases/{int:financing_id}/eligibility",
    response=EligibilityAnswerOut,
    summary="Answer one question of the eligibility checklist, with its reason",
)
def eligibility_answer(request: HttpRequest, financing_id: int, payload: EligibilityAnswerIn):  # noqa: ANN201
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    case = selectors.financing_case_get(actor=request.auth, pk=financing_id, audit=False)
    return services.eligibility_answer_set(actor=request.auth, case=case, **payload.dict())


@router.post(
    "/financing-cases/{int:financing_id}/recommendation",
    response={201: FinancingDecisionOut},
    summary="Recommend (innstilling); another person decides",
)
def recommend(request: HttpRequest, financing_id: int, payload: RecommendationIn):  # noqa: ANN201
    _norway(request)
    require_role(request.auth, *WRITE_ROLES)
    case = selectors.financing_case_get(actor=request.auth, pk=financing_id, audit=False)
    fields = payload.dict()
    version = fields.pop("version")
    decision = decision_services.financing_recommend(
        actor=request.auth, case=case, version=version, **fields
    )
    return Status(201, decision)


@router.post(
    "/financing-cases/{int:financing_id}/decision",
    response=FinancingDecisionOut,
    summary="Decide as recommended (never by the person who recommended)",
)
def decide(request: HttpRequest, financing_id: int, payload: DecideIn) -> FinancingDecision:
    _norway(request)
    case = selectors.financing_case_get(actor=request.auth, pk=financing_id, audit=False)
    return decision_services.financing_decide(
        actor=request.auth, case=case, decided_on=payload.decided_on
    )


@router.get(
    "/financing-cases/{int:financing_id}/schedule",
    response=ScheduleOut,
    summary="The payment schedule of the latest round's start loan",
)
def schedule(request: HttpRequest, financing_id: int) -> dict:
    case = _case(request, financing_id)
    decision = next((d for d in case.decisions.all() if d.returned_at is None), None)
    plan = loan_schedule(decision, on=timezone.localdate()) if decision else None
    if plan is None:
        raise Http404
    return {
        "principal": plan.terms.principal,
        "nominal_rate_percent": plan.rate_percent,
        "effective_rate_percent": plan.effective_rate * 100,
        "highest_payment": plan.highest,
        "total_interest": plan.totals.interest,
        "total_payable": plan.totals.total_payable,
        "instalments": [
            {
                "number": row.number,
                "due": row.due,
                "payment": row.payment,
                "interest": row.interest,
                "principal": row.principal,
                "fee": row.fee,
                "balance": row.balance,
                "interest_added": instalment_added(row),
            }
            for row in plan.instalments
        ],
        "changes": [
            {"number": m.number, "due": m.due, "kind": m.change.kind, "text": m.text}
            for m in plan.marks
        ],
    }


# --- The yearly start-loan report (exact; for the roles that submit it) -----------------


class FinanceReportRowOut(Schema):
    key: str
    label: str
    received: int
    granted: int
    refused: int
    advice: int
    loan_granted: int
    grant_granted: int


class FinanceReportOut(Schema):
    """Exact figures (the report the municipality submits; not for publication):
    ``suppressed_below`` is null. Amounts in whole kroner."""

    year: int
    municipality: str
    counted_until: str
    suppressed_below: int | None
    figures: dict[str, int | float | None]
    by_target_group: list[FinanceReportRowOut]
    by_purpose: list[FinanceReportRowOut]


@router.get("/financing-report", response=FinanceReportOut, summary="The yearly start-loan report")
def report_read(request: HttpRequest, query: Query[YearQuery]) -> dict[str, object]:
    return financing_report(
        actor=request.auth, year=query.year, today=timezone.localdate()
    ).as_dict()
