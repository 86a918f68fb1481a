"""API of the planning module's areas part: areas, their indicators (list, and an
all-or-nothing import of JSON rows), their classification per year and the
criterion sets the classification applies. The same
services, selectors and permission checks as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import BoundedPageNumberPagination
from boligtorg.housing.services import ImportRejected
from boligtorg.planning import selectors_areas as selectors
from boligtorg.planning.models import (
    AreaIndicator,
    ComparisonChoice,
    CriterionKind,
    CriterionSet,
    IndicatorChoice,
    PlanningArea,
)
from boligtorg.planning.services import areas as services

router = Router(tags=["planning"])

Percent = Field(None, ge=0, le=100)


class AreaIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    housing_organisation: str = Field("", max_length=200)
    department: str = Field("", max_length=200)
    addresses: list[str] = Field(default_factory=list, description="Street addresses")
    boundary: str = Field("", description="GeoJSON, optional")
    notes: str = ""


class PlanningAreaOut(Schema):
    id: int
    name: str
    housing_organisation: str
    department: str
    addresses: list[str]
    boundary: str

    @staticmethod
    def resolve_addresses(obj: PlanningArea) -> list[str]:
        return obj.address_lines


class IndicatorIn(InputSchema):
    area: str = Field(min_length=1, max_length=100, description="The area's name")
    year: int = Field(ge=services.MIN_YEAR, le=services.MAX_YEAR)
    residents: int = Field(ge=0)
    outside_work: Decimal | None = Percent
    convictions_ratio: Decimal | None = Field(None, ge=0, lt=1000)
    convicted_share: Decimal | None = Field(None, ge=0, lt=1000)
    basic_schooling: Decimal | None = Percent
    income_ratio: Decimal | None = Field(None, ge=0, lt=1000)
    non_western: Decimal | None = Percent


class IndicatorImportIn(InputSchema):
    rows: list[IndicatorIn] = Field(min_length=1)


class IndicatorOut(Schema):
    year: int
    residents: int
    outside_work: Decimal | None
    convictions_ratio: Decimal | None
    convicted_share: Decimal | None
    basic_schooling: Decimal | None
    income_ratio: Decimal | None
    non_western: Decimal | None
    imported_at: datetime.datetime


class ImportOut(Schema):
    created: int
    updated: int


class CriterionOut(Schema):
    indicator: str
    comparison: str
    threshold: Decimal
    required: bool
    figure: Decimal | None
    met: bool


class EvaluationOut(Schema):
    kind: str
    name: str
    met: bool
    counted_met: int
    needed: int
    consecutive_years: int | None
    streak: int | None
    criteria: list[CriterionOut]


class ClassificationOut(Schema):
    year: int
    classifications: list[str]
    headline: str | None
    evaluations: list[EvaluationOut]


def _classification(row: selectors.HistoryRow) -> dict:  # type: ignore[type-arg]
    return {
        "year": row.year,
        "classifications": [kind.value for kind in row.classification.kinds],
        "headline": row.headline or None,
        "evaluations": [
            {
                "kind": e.rule.kind.value,
                "name": e.rule.name,
                "met": e.met,
                "counted_met": e.counted_met,
                "needed": e.rule.needed,
                "consecutive_years": e.rule.consecutive_years,
                "streak": e.streak,
                "criteria": [
                    {
                        "indicator": r.criterion.indicator.value,
                        "comparison": r.criterion.comparison.value,
                        "threshold": r.criterion.threshold,
                        "required": r.criterion.required,
                        "figure": r.figure,
                        "met": r.met,
                    }
                    for r in e.results
                ],
            }
            for e in row.classification.evaluations
        ],
    }


@router.get("/planning/areas", response=list[PlanningAreaOut], summary="Areas of the municipality")
@paginate(BoundedPageNumberPagination, page_size=50)
def area_list(request: HttpRequest, q: str = ""):  # noqa: ANN201
    return selectors.area_list(actor=request.auth, search=q)


@router.post("/planning/areas", response={201: PlanningAreaOut}, summary="Register an area")
def area_create(request: HttpRequest, payload: AreaIn):  # noqa: ANN201
    values = payload.dict()
    values["addresses"] = "\n".join(values["addresses"])
    return Status(201, services.area_create(actor=request.auth, **values))


@router.get(
    "/planning/areas/{int:planning_area_id}", response=PlanningAreaOut, summary="Read an area"
)
def area_read(request: HttpRequest, planning_area_id: int) -> PlanningArea:
    return selectors.area_get(actor=request.auth, planning_area_id=planning_area_id)


@router.get(
    "/planning/areas/{int:planning_area_id}/indicators",
    response=list[IndicatorOut],
    summary="An area's indicator figures, newest year first",
)
def indicator_list(request: HttpRequest, planning_area_id: int) -> list[AreaIndicator]:
    area = selectors.area_get(actor=request.auth, planning_area_id=planning_area_id)
    return [row.indicator for row in selectors.area_history(actor=request.auth, planning_area=area)]


@router.post(
    "/planning/indicators/import",
    response={200: ImportOut, 422: dict},
    summary="Import indicator rows: all or nothing; a row for an imported year updates it",
)
def indicator_import(request: HttpRequest, payload: IndicatorImportIn):  # noqa: ANN201
    rows = services.indicator_rows_from_json([row.dict() for row in payload.rows])
    try:
        created, updated = services.indicators_import(actor=request.auth, rows=rows)
    except ImportRejected as exc:
        detail = [
            {
                "loc": ["body", "rows", error.line - 1, error.column],
                "msg": error.message,
                "type": "value_error",
            }
            for error in exc.errors
        ]
        return Status(422, {"detail": detail})
    return {"created": created, "updated": updated}


@router.get(
    "/planning/areas/{int:planning_area_id}/classifications",
    response=list[ClassificationOut],
    summary="An area's classification per year, with the criteria met and their figures",
)
def classification_list(request: HttpRequest, planning_area_id: int) -> list[dict]:  # type: ignore[type-arg]
    area = selectors.area_get(actor=request.auth, planning_area_id=planning_area_id)
    return [
        _classification(row)
        for row in selectors.area_history(actor=request.auth, planning_area=area)
    ]


class CriterionSetCriterion(InputSchema):
    indicator: IndicatorChoice
    comparison: ComparisonChoice
    threshold: Decimal = Field(ge=0, max_digits=8, decimal_places=2)
    required: bool = False


class CriterionSetIn(InputSchema):
    kind: CriterionKind
    name: str = Field(min_length=1, max_length=200)
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    needed: int = Field(0, ge=0, le=10)
    consecutive_years: int | None = Field(None, ge=1, le=20)
    based_on: CriterionKind | None = Field(None, description="Only for a transformation area")
    source: str = ""
    criteria: list[CriterionSetCriterion] = Field(default_factory=list)


class CriterionOutOfSet(Schema):
    indicator: str
    comparison: str
    threshold: Decimal
    required: bool


class CriterionSetOut(Schema):
    id: int
    kind: str
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    needed: int
    consecutive_years: int | None
    based_on: str
    source: str
    criteria: list[CriterionOutOfSet]

    @staticmethod
    def resolve_criteria(obj: CriterionSet) -> list[dict]:  # type: ignore[type-arg]
        return [
            {
                "indicator": c.indicator,
                "comparison": c.comparison,
                "threshold": c.threshold,
                "required": c.required,
            }
            for c in obj.criteria.all()
        ]


class CriterionSetEndIn(InputSchema):
    valid_to: datetime.date


@router.get(
    "/planning/criterion-sets",
    response=list[CriterionSetOut],
    summary="The criterion sets with their validity, by kind, newest first",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def criterion_set_list(request: HttpRequest):  # noqa: ANN201
    return selectors.criterion_set_list(actor=request.auth).prefetch_related("criteria")


@router.get(
    "/planning/criterion-sets/{int:criterion_set_id}",
    response=CriterionSetOut,
    summary="Read a criterion set",
)
def criterion_set_read(request: HttpRequest, criterion_set_id: int) -> CriterionSet:
    return selectors.criterion_set_get(actor=request.auth, criterion_set_id=criterion_set_id)


@router.post(
    "/planning/criterion-sets",
    response={201: CriterionSetOut},
    summary="A new criterion set; refused (422) when it overlaps a set of the same kind",
)
def criterion_set_create(request: HttpRequest, payload: CriterionSetIn):  # noqa: ANN201
    values = payload.dict()
    values["kind"] = payload.kind.value
    values["based_on"] = payload.based_on.value if payload.based_on else ""
    values["criteria"] = [
        {**c, "indicator": c["indicator"].value, "comparison": c["comparison"].value}
        for c in values["criteria"]
    ]
    made = services.criterion_set_create(actor=request.auth, **values)
    return Status(201, selectors.criterion_set_get(actor=request.auth, criterion_set_id=made.pk))


@router.post(
    "/planning/criterion-sets/{int:criterion_set_id}/end",
    response=CriterionSetOut,
    summary="Give a criterion set its last day of validity",
)
def criterion_set_end(  # noqa: ANN201
    request: HttpRequest, criterion_set_id: int, payload: CriterionSetEndIn
):
    row = selectors.criterion_set_get(actor=request.auth, criterion_set_id=criterion_set_id)
    services.criterion_set_end(actor=request.auth, criterion_set=row, valid_to=payload.valid_to)
    return selectors.criterion_set_get(actor=request.auth, criterion_set_id=criterion_set_id)
