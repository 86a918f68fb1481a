"""API of the settlement work (numbers): the yearly figures as versions (IMDi's
request and the council's decision in Norway, the quota in Denmark), the year's
overview and its figures. The same services, selectors, permission checks and audit
as the pages; rule errors answer 422 naming the field; another municipality's figure
and a kind the country does not keep answer 404. A document is uploaded on the page;
the API says whether a version has one."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.domain import reporting
from boligtorg.settlement.models import QuotaSetBy, SettlementTarget, TargetKind
from boligtorg.settlement.selectors import numbers as selectors
from boligtorg.settlement.selectors.figures import settlement_figures
from boligtorg.settlement.services import numbers as services

router = Router(tags=["settlement"])

COUNT = {"ge": 0, "le": 10**7}


class SettlementTargetIn(InputSchema):
    kind: TargetKind
    year: int = Field(ge=1900, le=2200)
    dated_on: datetime.date
    total: int = Field(**COUNT)
    minors: int = Field(0, **COUNT)
    next_year_total: int | None = Field(None, **COUNT)
    next_year_minors: int | None = Field(None, **COUNT)
    national_figure: int | None = Field(None, **COUNT)
    region: str = Field("", max_length=100)
    regional_quota: int | None = Field(None, **COUNT)
    set_by: QuotaSetBy | None = None
    reference: str = Field("", max_length=100)
    note: str = Field("", max_length=5000)


class SettlementTargetOut(Schema):
    id: int
    kind: str
    year: int
    version: int
    in_force: bool
    dated_on: datetime.date
    total: int
    minors: int
    next_year_total: int | None
    next_year_minors: int | None
    national_figure: int | None
    region: str
    regional_quota: int | None
    set_by: str
    reference: str
    note: str
    has_document: bool
    created_at: datetime.datetime


class SettlementTargetQuery(InputSchema):
    year: int | None = Field(None, ge=1900, le=2200)
    kind: TargetKind | None = None


class SettlementYearOut(Schema):
    year: int
    figure: SettlementTargetOut | None
    settled: int
    settled_minors: int
    remaining: int | None
    remaining_minors: int | None
    expected: int
    expected_minors: int
    declined: int


class SettlementYearQuery(InputSchema):
    year: int = Field(ge=reporting.FIRST_YEAR, le=reporting.LAST_YEAR)


class SettlementFigureQuery(SettlementYearQuery):
    exact: bool = False


class SettlementFigureTableOut(Schema):
    key: str
    title: str
    unit: str
    columns: list[str]
    extra_columns: list[str]
    rows: list[dict[str, Any]]
    column_totals: list[int | None]
    summary: dict[str, float | None]


class SettlementFiguresOut(Schema):
    year: int
    exact: bool
    suppressed_below: int | None
    tables: list[SettlementFigureTableOut]


def _out(target: SettlementTarget, in_force_id: int | None) -> dict[str, Any]:
    return {
        **{
            name: getattr(target, name)
            for name in SettlementTargetOut.model_fields
            if hasattr(target, name)
        },
        "in_force": target.pk == in_force_id,
        "has_document": bool(target.document),
    }


def _in_force_ids(targets: list[SettlementTarget]) -> set[int]:
    latest: dict[tuple[str, int], SettlementTarget] = {}
    for target in targets:
        key = (target.kind, target.year)
        if key not in latest or target.version > latest[key].version:
            latest[key] = target
    return {target.pk for target in latest.values()}


@router.get("/settlement/targets", response=list[SettlementTargetOut], summary="The yearly figures")
def target_list(
    request: HttpRequest, filters: Query[SettlementTargetQuery]
) -> list[dict[str, Any]]:
    """Every version of the municipality's figures (of a year, of a kind), newest
    year first; ``in_force`` marks the latest version of each kind and year."""
    targets = selectors.target_list(actor=request.auth, year=filters.year)
    in_force = _in_force_ids(targets)
    if filters.kind is not None:
        targets = [target for target in targets if target.kind == filters.kind]
    return [_out(target, target.pk if target.pk in in_force else None) for target in targets]


@router.get(
    "/settlement/targets/{int:settlement_target_id}",
    response=SettlementTargetOut,
    summary="One version of a figure",
)
def target_read(request: HttpRequest, settlement_target_id: int) -> dict[str, Any]:
    target = selectors.target_get(actor=request.auth, pk=settlement_target_id)
    latest = selectors.target_versions(actor=request.auth, kind=target.kind, year=target.year)
    return _out(target, latest[0].pk)


@router.post(
    "/settlement/targets",
    response={201: SettlementTargetOut},
    summary="Record a figure or a change (a new version)",
)
def target_create(request: HttpRequest, payload: SettlementTargetIn) -> Status:
    data = payload.dict()
    kind, year = str(data.pop("kind")), data.pop("year")
    data["set_by"] = str(data["set_by"]) if data["set_by"] else ""
    target = services.target_record(actor=request.auth, kind=kind, year=year, **data)
    return Status(201, _out(target, target.pk))


@router.get("/settlement/overview", response=SettlementYearOut, summary="The year's settlement")
def year_read(request: HttpRequest, query: Query[SettlementYearQuery]) -> dict[str, Any]:
    """The figure in force against the persons settled, expected and declined."""
    overview = selectors.year_overview(actor=request.auth, year=query.year)
    return {
        "year": overview.year,
        "figure": _out(overview.figure, overview.figure.pk) if overview.figure else None,
        "settled": overview.settled,
        "settled_minors": overview.settled_minors,
        "remaining": overview.remaining,
        "remaining_minors": overview.remaining_minors,
        "expected": overview.expected,
        "expected_minors": overview.expected_minors,
        "declined": overview.declined,
    }


@router.get("/settlement/figures", response=SettlementFiguresOut, summary="The year's figures")
def figures_read(request: HttpRequest, query: Query[SettlementFigureQuery]) -> dict[str, Any]:
    """The figures, small counts hidden (null) as on the page; ``exact=true`` gives
    the exact counts of the report to IMDi or the Immigration Service (audited as an
    export)."""
    figures = settlement_figures(actor=request.auth, year=query.year, exact=query.exact)
    if query.exact:
        audit_record(
            actor=request.auth,
            action=AuditAction.EXPORT,
            changes={"report": "settlement_figures", "year": query.year, "format": "api"},
        )
    return {
        "year": figures.year,
        "exact": figures.exact,
        "suppressed_below": None if figures.exact else figures.threshold,
        "tables": [
            {
                "key": table.key,
                "title": str(table.title),
                "unit": str(table.unit),
                "columns": table.columns,
                "extra_columns": table.extra_labels,
                "rows": [
                    {
                        "label": label,
                        "cells": [cell.value for cell in cells],
                        "total": total.value,
                        "extras": extras,
                    }
                    for label, cells, total, extras in table.labelled_rows
                ],
                "column_totals": [cell.value for cell in table.table.column_totals],
                "summary": dict(table.summary),
            }
            for table in figures.tables
        ],
    }
