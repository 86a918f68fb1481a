"""Follow-up plans, visits and early warning: the same services, selectors,
permission checks and audit as the follow-up pages. Only the case team reads a
plan; health goals are left out (and counted) without consent to health data."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import AuditedPageNumberPagination
from boligtorg.cases.access import application_get
from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.models import AuditAction, User
from boligtorg.core.permissions import get_for_actor, require_role
from boligtorg.followup import selectors
from boligtorg.followup.access import WARNING_READ_ROLES, goal_get, plan_get
from boligtorg.followup.models import (
    ArrearsEntry,
    Complaint,
    FollowUpPlan,
    Goal,
    GoalArea,
    GoalReview,
    Progress,
    Visit,
    VisitKind,
    VisitStatus,
)
from boligtorg.followup.models.warnings import ComplaintSource
from boligtorg.followup.selectors import TenancyRisk
from boligtorg.followup.services import plans as plan_services
from boligtorg.followup.services import warnings as warning_services
from boligtorg.housing.models import Lease

router = Router(tags=["follow-up"])


class PlanIn(InputSchema):
    application_id: int
    started_on: datetime.date
    lease_id: int | None = None
    summary: str = Field("", max_length=2000)


class PlanOut(Schema):
    id: int
    application_id: int
    case_number: str = Field(alias="application.number")
    lease_id: int | None
    started_on: datetime.date
    ended_on: datetime.date | None
    summary: str


class GoalReviewOut(Schema):
    id: int
    goal_id: int
    reviewed_on: datetime.date
    progress: str
    notes: str


class GoalIn(InputSchema):
    area: GoalArea
    description: str = Field(max_length=2000)
    actions: str = Field("", max_length=2000)
    responsible_service: str = Field(max_length=100)
    responsible_id: int | None = None
    next_review_on: datetime.date


class PlanGoalOut(Schema):
    id: int
    area: str
    description: str
    actions: str
    responsible_service: str
    responsible_id: int | None
    next_review_on: datetime.date
    status: str
    reviews: list[GoalReviewOut]

    @staticmethod
    def resolve_reviews(obj: Goal) -> list[GoalReview]:
        return list(obj.reviews.all())


class GoalReviewIn(InputSchema):
    reviewed_on: datetime.date
    progress: Progress
    notes: str = Field("", max_length=2000)
    next_review_on: datetime.date | None = None


class VisitIn(InputSchema):
    planned_at: datetime.datetime
    kind: VisitKind = VisitKind.HOME_VISIT
    worker_id: int
    notes: str = Field("", max_length=2000)


class VisitOut(Schema):
    id: int
    plan_id: int
    kind: str
    planned_at: datetime.datetime
    worker_id: int
    status: str
    notes: str


class VisitRecordIn(InputSchema):
    status: VisitStatus
    notes: str = Field("", max_length=2000)


class PlanDetailOut(PlanOut):
    goals: list[PlanGoalOut] = Field(alias="visible_goals")
    hidden_goals: int
    visits: list[VisitOut] = Field(alias="all_visits")


class ContributionOut(Schema):
    signal: str
    points: int
    quantity: Decimal


class RiskOut(Schema):
    lease_id: int
    dwelling: str
    score: int
    level: str
    arrears: Decimal
    prevention_open: bool
    contributions: list[ContributionOut]


class ArrearsIn(InputSchema):
    as_of: datetime.date
    amount: Decimal = Field(max_digits=10, decimal_places=0)


class ArrearsOut(Schema):
    id: int
    lease_id: int
    as_of: datetime.date
    amount: Decimal
    source: str


class ComplaintIn(InputSchema):
    received_on: datetime.date
    source: ComplaintSource = ComplaintSource.NEIGHBOUR
    summary: str = Field(max_length=300)


class ComplaintOut(Schema):
    id: int
    lease_id: int
    received_on: datetime.date
    source: str
    summary: str


def _risk_out(row: TenancyRisk) -> dict[str, object]:
    return {
        "lease_id": row.lease.pk,
        "dwelling": str(row.lease.dwelling),
        "score": row.risk.score,
        "level": str(row.risk.level),
        "arrears": row.arrears,
        "prevention_open": row.prevention is not None,
        "contributions": [
            {"signal": str(c.signal), "points": c.points, "quantity": c.quantity}
            for c in row.risk.contributions
        ],
    }


def _lease(request: HttpRequest, lease_id: int) -> Lease:
    require_role(request.auth, *WARNING_READ_ROLES)
    return get_for_actor(Lease.objects.select_related("dwelling"), request.auth, pk=lease_id)


@router.get("/followup/plans", response=list[PlanOut], summary="My follow-up plans")
@paginate(AuditedPageNumberPagination, page_size=25)
def plan_list(request: HttpRequest, ended: bool = False):  # noqa: ANN201
    return selectors.my_plan_list(actor=request.auth, include_ended=ended)


@router.post("/followup/plans", response={201: PlanOut}, summary="Start a follow-up plan")
def plan_create(request: HttpRequest, payload: PlanIn):  # noqa: ANN201
    application = application_get(actor=request.auth, pk=payload.application_id, audit=False)
    lease = None
    if payload.lease_id is not None:
        lease = get_for_actor(Lease.objects.all(), request.auth, pk=payload.lease_id)
    plan = plan_services.plan_create(
        actor=request.auth,
        application=application,
        started_on=payload.started_on,
        lease=lease,
        summary=payload.summary,
    )
    return Status(201, plan)


@router.get(
    "/followup/plans/{int:plan_id}", response=PlanDetailOut, summary="Read a plan (case team)"
)
def plan_read(request: HttpRequest, plan_id: int) -> FollowUpPlan:
    plan = plan_get(actor=request.auth, pk=plan_id)
    view = selectors.plan_read(actor=request.auth, plan=plan)
    # What the schema's aliases read: the goals this actor may see, all visits.
    plan.visible_goals = view.goals  # type: ignore[attr-defined]
    plan.hidden_goals = view.hidden_goals  # type: ignore[attr-defined]
    plan.all_visits = [*view.upcoming_visits, *view.past_visits]  # type: ignore[attr-defined]
    return plan


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The service's field names as the API's (``worker`` → ``worker_id``)."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {names.get(field, field): errors for field, errors in exc.error_dict.items()}
    )


def _user_or_422(user_id: int | None, field: str, message: object) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError({field: message})
    return user


@router.post(
    "/followup/plans/{int:plan_id}/goals", response={201: PlanGoalOut}, summary="Add a goal"
)
def goal_create(request: HttpRequest, plan_id: int, payload: GoalIn):  # noqa: ANN201
    plan = plan_get(actor=request.auth, pk=plan_id, audit=False)
    responsible = _user_or_422(
        payload.responsible_id, "responsible_id", plan_services.ERROR_NOT_IN_TEAM
    )
    try:
        goal = plan_services.goal_add(
            actor=request.auth,
            plan=plan,
            responsible=responsible,
            **payload.dict(exclude={"responsible_id"}),
        )
    except ValidationError as exc:
        raise _renamed(exc, {"responsible": "responsible_id"}) from exc
    return Status(201, goal)


@router.post(
    "/followup/goals/{int:goal_id}/reviews", response={201: GoalReviewOut}, summary="Review a goal"
)
def goal_review(request: HttpRequest, goal_id: int, payload: GoalReviewIn):  # noqa: ANN201
    goal = goal_get(actor=request.auth, pk=goal_id)
    review = plan_services.goal_review_record(actor=request.auth, goal=goal, **payload.dict())
    return Status(201, review)


@router.get(
    "/followup/plans/{int:plan_id}/visits", response=list[VisitOut], summary="A plan's visits"
)
def visit_list(request: HttpRequest, plan_id: int) -> list[Visit]:
    plan = plan_get(actor=request.auth, pk=plan_id)
    return list(plan.visits.order_by("planned_at", "pk"))


@router.post(
    "/followup/plans/{int:plan_id}/visits", response={201: VisitOut}, summary="Plan a visit"
)
def visit_create(request: HttpRequest, plan_id: int, payload: VisitIn):  # noqa: ANN201
    plan = plan_get(actor=request.auth, pk=plan_id, audit=False)
    worker = _user_or_422(payload.worker_id, "worker_id", plan_services.ERROR_WORKER_NOT_COLLEAGUE)
    try:
        visit = plan_services.visit_plan(
            actor=request.auth,
            plan=plan,
            planned_at=payload.planned_at,
            kind=payload.kind,
            worker=worker,
            notes=payload.notes,
        )
    except ValidationError as exc:
        raise _renamed(exc, {"worker": "worker_id"}) from exc
    return Status(201, visit)


@router.post("/followup/visits/{int:visit_id}/record", response=VisitOut, summary="Record a visit")
def visit_record(request: HttpRequest, visit_id: int, payload: VisitRecordIn) -> Visit:
    visit = get_for_actor(Visit.objects.select_related("plan"), request.auth, pk=visit_id)
    plan_get(actor=request.auth, pk=visit.plan_id, audit=False)
    return plan_services.visit_record(actor=request.auth, visit=visit, **payload.dict())


@router.get("/followup/warnings", response=list[RiskOut], summary="Tenancies by risk")
def warning_list(request: HttpRequest, level: str = "") -> list[dict[str, object]]:
    if level not in ("", "watch", "high"):
        raise ValidationError({"level": "Use watch or high."})
    rows = selectors.warning_list(actor=request.auth, level=level)
    audit_list_read(
        actor=request.auth,
        model=Lease,
        query={"level": level},
        ids=[row.lease.pk for row in rows],
        name="early warning",
    )
    return [_risk_out(row) for row in rows]


@router.get("/followup/tenancies/{int:lease_id}/risk", response=RiskOut, summary="A tenancy's risk")
def tenancy_risk(request: HttpRequest, lease_id: int) -> dict[str, object]:
    lease = _lease(request, lease_id)
    audit_record(actor=request.auth, action=AuditAction.VIEW, obj=lease)
    return _risk_out(selectors.tenancy_risk(lease=lease))


@router.post(
    "/followup/tenancies/{int:lease_id}/arrears",
    response={201: ArrearsOut},
    summary="Register rent arrears",
)
def arrears_create(request: HttpRequest, lease_id: int, payload: ArrearsIn):  # noqa: ANN201
    lease = _lease(request, lease_id)
    entry: ArrearsEntry = warning_services.arrears_record(
        actor=request.auth, lease=lease, **payload.dict()
    )
    return Status(201, entry)


@router.post(
    "/followup/tenancies/{int:lease_id}/complaints",
    response={201: ComplaintOut},
    summary="Register a complaint",
)
def complaint_create(request: HttpRequest, lease_id: int, payload: ComplaintIn):  # noqa: ANN201
    lease = _lease(request, lease_id)
    complaint: Complaint = warning_services.complaint_record(
        actor=request.auth, lease=lease, **payload.dict()
    )
    return Status(201, complaint)
