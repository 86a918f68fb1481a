"""API of the planning module's programmes part: housing programmes with their
projects and coverage (read), projects (create), action plans with goals and
activities (read), status reports (create). The same selectors, services,
permission checks and audit as the pages; 422 names the field, another
municipality's objects answer 404."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.planning import selectors_programmes as selectors
from boligtorg.planning.models import (
    ActionPlan,
    HousingProgramme,
    NeedKind,
    ProgressStatus,
    ProjectKind,
    ProjectStatus,
    ReportKind,
)
from boligtorg.planning.services import action_plans as plan_services
from boligtorg.planning.services import programmes as services

router = Router(tags=["planning"])


class ProjectIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: ProjectKind
    status: ProjectStatus
    year: int
    units: int
    need_kind: NeedKind
    cost: int = Field(ge=0)
    own_funds: int = Field(ge=0)
    investment_grant: int = Field(ge=0)
    loans: int = Field(0, ge=0)


class ProjectOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    year: int
    units: int
    need_kind: str
    cost: int
    own_funds: int
    investment_grant: int
    loans: int


class YearOut(Schema):
    year: int
    need: int
    units: int
    shortfall: int


class ProgrammeOut(Schema):
    id: int
    name: str
    first_year: int
    last_year: int
    projects: list[ProjectOut]
    coverage: dict[str, list[YearOut]]


def _programme_out(programme: HousingProgramme) -> dict:
    coverage = selectors.coverage_of(programme)
    rows = {**coverage.by_kind, "total": coverage.total}
    return {
        "id": programme.pk,
        "name": programme.name,
        "first_year": programme.first_year,
        "last_year": programme.last_year,
        "projects": list(selectors.project_queryset(programme)),
        "coverage": {
            kind: [
                {"year": c.year, "need": c.need, "units": c.units, "shortfall": c.shortfall}
                for c in cells
            ]
            for kind, cells in rows.items()
        },
    }


@router.get(
    "/programmes/{int:programme_id}",
    response=ProgrammeOut,
    summary="A housing programme with its projects and coverage",
)
def programme_read(request: HttpRequest, programme_id: int) -> dict:
    programme = selectors.programme_get(actor=request.auth, programme_id=programme_id)
    return _programme_out(programme)


@router.post(
    "/programmes/{int:programme_id}/projects",
    response={201: ProjectOut},
    summary="Add a project; own funds, grant and loans add up to the cost",
)
def project_create(request: HttpRequest, programme_id: int, payload: ProjectIn) -> Status:
    programme = selectors.programme_get(actor=request.auth, programme_id=programme_id)
    project = services.project_create(actor=request.auth, programme=programme, **payload.dict())
    return Status(201, project)


class ActivityOut(Schema):
    id: int
    goal_id: int
    sub_goal_id: int | None
    name: str
    expected_result: str
    cost: int | None
    starts_on: datetime.date
    ends_on: datetime.date
    partners: str
    responsible: str
    focus_areas: list[str]
    target_groups: list[str]


class ActionPlanGoalOut(Schema):
    id: int
    position: int
    text: str
    sub_goals: list[str]


class ActionPlanOut(Schema):
    id: int
    name: str
    vision: str
    first_year: int
    last_year: int
    goals: list[ActionPlanGoalOut]
    activities: list[ActivityOut]


def _plan_out(plan: ActionPlan) -> dict:
    return {
        "id": plan.pk,
        "name": plan.name,
        "vision": plan.vision,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "goals": [
            {
                "id": g.pk,
                "position": g.position,
                "text": g.text,
                "sub_goals": [s.text for s in g.sub_goals.all()],
            }
            for g in selectors.goal_tree(plan)
        ],
        "activities": [
            {
                **{
                    f: getattr(a, f)
                    for f in (
                        "goal_id",
                        "sub_goal_id",
                        "name",
                        "expected_result",
                        "cost",
                        "starts_on",
                        "ends_on",
                        "partners",
                        "responsible",
                    )
                },
                "id": a.pk,
                "focus_areas": [f.code for f in a.focus_areas.all()],
                "target_groups": [t.code for t in a.target_groups.all()],
            }
            for a in selectors.activity_queryset(plan)
        ],
    }


@router.get(
    "/action-plans/{int:action_plan_id}",
    response=ActionPlanOut,
    summary="An action plan with its goals and activities",
)
def action_plan_read(request: HttpRequest, action_plan_id: int) -> dict:
    plan = selectors.action_plan_get(actor=request.auth, action_plan_id=action_plan_id)
    return _plan_out(plan)


class ProgressIn(InputSchema):
    activity_id: int
    status: ProgressStatus
    note: str = Field("", max_length=2000)


class ReportIn(InputSchema):
    kind: ReportKind
    period_from: datetime.date
    period_to: datetime.date
    summary: str = Field("", max_length=5000)
    progress: list[ProgressIn]


class ProgressOut(Schema):
    activity_id: int | None
    activity_name: str
    status: str
    note: str


class ReportOut(Schema):
    id: int
    kind: str
    period_from: datetime.date
    period_to: datetime.date
    summary: str
    progress: list[ProgressOut]

    @staticmethod
    def resolve_progress(obj: object) -> list:
        return list(obj.progress.order_by("position", "pk"))  # type: ignore[attr-defined]


@router.post(
    "/action-plans/{int:action_plan_id}/status-reports",
    response={201: ReportOut},
    summary="Write a status report with the progress of every activity",
)
def status_report_create(request: HttpRequest, action_plan_id: int, payload: ReportIn) -> Status:
    plan = selectors.action_plan_get(actor=request.auth, action_plan_id=action_plan_id)
    report = plan_services.status_report_create(
        actor=request.auth,
        plan=plan,
        kind=payload.kind,
        period_from=payload.period_from,
        period_to=payload.period_to,
        summary=payload.summary,
        progress={p.activity_id: (p.status, p.note) for p in payload.progress},
    )
    return Status(201, report)
