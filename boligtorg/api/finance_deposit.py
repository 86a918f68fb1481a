"""API of Denmark's deposit loans (indskudslån, lov om individuel boligstøtte): the
municipality's loans, one loan, the application, the decision, the payout, the start
of repayment and the closing. The same selectors, services, permission checks and
audit as the pages; rule errors answer 422 naming the field. A Norwegian
municipality has no deposit loans: it gets 404, as on the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.core.permissions import require_role
from boligtorg.finance.access import DECIDE_ROLES, DEPOSIT_LOAN_COUNTRY, WRITE_ROLES
from boligtorg.finance.models import DepositLoan, DepositLoanOutcome, DwellingKind
from boligtorg.finance.selectors import deposit as selectors
from boligtorg.finance.services import deposit as services

router = Router(tags=["finance: deposit loans"])

KRONER = {"ge": 0, "le": 10**11}


class DepositLoanListOut(Schema):
    id: int
    number: str
    status: str
    received_on: datetime.date
    applicant_id: int
    household_id: int
    dwelling_address: str
    housing_organisation: str
    dwelling_kind: str
    deposit: Decimal
    outcome: str
    loan_amount: Decimal | None


class DepositLoanOut(DepositLoanListOut):
    yearly_income: Decimal
    children: int
    disposable_means: Decimal
    own_part: Decimal | None
    municipality_share: Decimal | None
    income_limit: Decimal | None
    interest_free_years: int | None
    instalment_free_years: int | None
    rules_valid_from: datetime.date | None
    rules_source: str
    reasons: str
    decided_by_id: int | None
    decided_on: datetime.date | None
    paid_out_on: datetime.date | None
    closed_on: datetime.date | None
    closing_note: str


class DepositLoanFactsIn(InputSchema):
    dwelling_kind: DwellingKind
    deposit: int = Field(**KRONER)
    yearly_income: int = Field(**KRONER)
    children: int = Field(0, ge=0, le=30)
    disposable_means: int = Field(0, **KRONER)


class DepositLoanRegisterIn(DepositLoanFactsIn):
    national_id: str = Field("", max_length=20, description="The main applicant's CPR number.")
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    date_of_birth: datetime.date | None = None
    received_on: datetime.date
    dwelling_address: str = Field(max_length=200)
    housing_organisation: str = Field(max_length=200)


class DepositLoanDecideIn(InputSchema):
    outcome: DepositLoanOutcome
    decided_on: datetime.date
    reasons: str = Field(max_length=10000)
    dwelling_kind: DwellingKind | None = None
    deposit: int | None = Field(None, **KRONER)
    yearly_income: int | None = Field(None, **KRONER)
    children: int | None = Field(None, ge=0, le=30)
    disposable_means: int | None = Field(None, **KRONER)


class DepositLoanPayOutIn(InputSchema):
    paid_out_on: datetime.date


class DepositLoanCloseIn(InputSchema):
    note: str = Field(max_length=500)
    closed_on: datetime.date | None = None


AMOUNTS = ("deposit", "yearly_income", "disposable_means")


def _denmark(request: HttpRequest) -> None:
    municipality = getattr(request.auth, "municipality", None)
    if municipality is not None and municipality.country != DEPOSIT_LOAN_COUNTRY:
        raise Http404


def _loan(request: HttpRequest, deposit_loan_id: int, *, audit: bool) -> DepositLoan:
    _denmark(request)
    return selectors.deposit_loan_get(actor=request.auth, pk=deposit_loan_id, audit=audit)


def _writable(request: HttpRequest, deposit_loan_id: int, *roles: str) -> DepositLoan:
    _denmark(request)
    require_role(request.auth, *roles)
    return _loan(request, deposit_loan_id, audit=False)


def _kroner(values: dict[str, object]) -> dict[str, object]:
    return {
        name: Decimal(value) if name in AMOUNTS and isinstance(value, int) else value
        for name, value in values.items()
    }


@router.get("/deposit-loans", response=list[DepositLoanListOut], summary="Deposit loans")
@paginate(AuditedPageNumberPagination, page_size=25)
def deposit_loan_list(request: HttpRequest, q: str = "", status: str = ""):  # noqa: ANN201
    _denmark(request)
    return selectors.deposit_loan_list(actor=request.auth, search=q, status=status)


@router.get(
    "/deposit-loans/{int:deposit_loan_id}", response=DepositLoanOut, summary="Read a deposit loan"
)
def deposit_loan_read(request: HttpRequest, deposit_loan_id: int) -> DepositLoan:
    return _loan(request, deposit_loan_id, audit=True)


@router.post("/deposit-loans", response={201: DepositLoanOut}, summary="Register an application")
def deposit_loan_register(request: HttpRequest, payload: DepositLoanRegisterIn):  # noqa: ANN201
    _denmark(request)
    loan = services.deposit_loan_register(actor=request.auth, **_kroner(payload.dict()))
    return Status(201, _loan(request, loan.pk, audit=False))


@router.post(
    "/deposit-loans/{int:deposit_loan_id}/decision",
    response=DepositLoanOut,
    summary="Decide: granted (checked by the rules in force that day) or refused",
)
def deposit_loan_decide(
    request: HttpRequest, deposit_loan_id: int, payload: DepositLoanDecideIn
) -> DepositLoan:
    loan = _writable(request, deposit_loan_id, *DECIDE_ROLES)
    data = _kroner(payload.dict(exclude_none=True))
    services.deposit_loan_decide(actor=request.auth, loan=loan, **data)
    return _loan(request, deposit_loan_id, audit=False)


@router.post(
    "/deposit-loans/{int:deposit_loan_id}/payout",
    response=DepositLoanOut,
    summary="Pay the granted loan to the housing organisation",
)
def deposit_loan_pay_out(
    request: HttpRequest, deposit_loan_id: int, payload: DepositLoanPayOutIn
) -> DepositLoan:
    loan = _writable(request, deposit_loan_id, *WRITE_ROLES)
    services.deposit_loan_pay_out(actor=request.auth, loan=loan, paid_out_on=payload.paid_out_on)
    return _loan(request, deposit_loan_id, audit=False)


@router.post(
    "/deposit-loans/{int:deposit_loan_id}/repaying",
    response=DepositLoanOut,
    summary="The years without instalments are over: the household repays",
)
def deposit_loan_start_repaying(request: HttpRequest, deposit_loan_id: int) -> DepositLoan:
    loan = _writable(request, deposit_loan_id, *WRITE_ROLES)
    services.deposit_loan_start_repaying(actor=request.auth, loan=loan)
    return _loan(request, deposit_loan_id, audit=False)


@router.post(
    "/deposit-loans/{int:deposit_loan_id}/closing",
    response=DepositLoanOut,
    summary="Close the loan, with a note",
)
def deposit_loan_close(
    request: HttpRequest, deposit_loan_id: int, payload: DepositLoanCloseIn
) -> DepositLoan:
    loan = _writable(request, deposit_loan_id, *WRITE_ROLES)
    services.deposit_loan_close(
        actor=request.auth, loan=loan, note=payload.note, closed_on=payload.closed_on
    )
    return _loan(request, deposit_loan_id, audit=False)
