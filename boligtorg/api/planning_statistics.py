"""API of the planning module's statistics part: the figures of the statistics
page, the yearly (KOSTRA) report and stock versus need, from the same selectors: the
statistics suppressed as on the pages (a hidden count is null), the yearly report
exact, for the roles that submit it. A year outside 2000–2100 or an
unknown granularity is a 422 naming the field."""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from boligtorg.api.inputs import InputSchema
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Granularity
from boligtorg.planning import selectors_kostra as kostra
from boligtorg.planning import selectors_statistics as stats
from boligtorg.planning import selectors_stock_need as stock

router = Router(tags=["planning"])


class FigureRowOut(Schema):
    label: str
    cells: dict[str, int | None]
    total: int | None
    extras: dict[str, float | None]


class FigureOut(Schema):
    key: str
    title: str
    unit: str
    rows: list[FigureRowOut]


class StatisticsOut(Schema):
    year: int
    granularity: str
    periods: list[str]
    suppressed_below: int
    figures: list[FigureOut]


class YearQuery(InputSchema):
    year: int = Field(ge=reporting.FIRST_YEAR, le=reporting.LAST_YEAR)


class StatisticsQuery(YearQuery):
    granularity: Literal["year", "half", "month"] = "year"


class KostraItemOut(Schema):
    form: str
    point: str | None
    name: str


class KostraOut(Schema):
    """Exact figures (the report the municipality submits; not for publication):
    ``suppressed_below`` is null, and ``items`` gives KOSTRA form 13's item per
    figure where Statistics Norway's public text confirms one."""

    year: int
    municipality: str
    counted_until: str
    suppressed_below: int | None
    median_days_waited: float | None
    figures: dict[str, int | None]
    items: dict[str, KostraItemOut]


class SizeOut(Schema):
    size: str
    dwellings: int
    vacant: int
    households_waiting: int | None
    shortfall: int | None
    gap: bool


class NeedOut(Schema):
    need: str
    dwellings: int
    vacant: int
    households_waiting: int | None


class StockNeedAreaOut(Schema):
    area: str
    size: str
    dwellings: int
    vacant: int
    households_waiting: int | None


class StockNeedOut(Schema):
    suppressed_below: int
    households_waiting: int | None
    dwellings: int
    by_size: list[SizeOut]
    needs: list[NeedOut]
    by_area: list[StockNeedAreaOut]


@router.get("/planning/statistics", response=StatisticsOut, summary="Statistics figures")
def statistics_read(request: HttpRequest, query: Query[StatisticsQuery]) -> dict[str, object]:
    figures = stats.statistics_figures(
        actor=request.auth, year=query.year, granularity=Granularity(query.granularity)
    )
    return {
        "year": figures.year,
        "granularity": figures.granularity.value,
        "periods": [period.key for period in figures.periods],
        "suppressed_below": figures.threshold,
        "figures": [figure.as_dict() for figure in [*figures.figures, figures.dwellings]],
    }


@router.get(
    "/planning/statistics/yearly-report", response=KostraOut, summary="The yearly KOSTRA report"
)
def kostra_read(request: HttpRequest, query: Query[YearQuery]) -> dict[str, object]:
    return kostra.kostra_report(actor=request.auth, year=query.year).as_dict()


@router.get("/planning/statistics/stock-need", response=StockNeedOut, summary="Stock versus need")
def stock_need_read(request: HttpRequest) -> dict[str, object]:
    return stock.stock_need(actor=request.auth).as_dict()
