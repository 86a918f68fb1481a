"""Reads of the stock-versus-need view: today's dwellings by size, type,
accessibility and area against the households waiting by the bedrooms and
needs they have (Sarpsborg found many one-room flats while families waited).
Household counts are suppressed by the rule of ``selectors_statistics``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation.selectors import area_key, area_keys, is_step_free, waiting_applications
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting
from boligtorg.domain.reporting import Cell
from boligtorg.housing.models import Area, Dwelling, DwellingStatus, DwellingType

from .selectors_statistics import READ_ROLES, Figure, threshold, today

BEDROOM_CLASSES = (0, 1, 2, 3, 4)  # 4 stands for "4 or more"


def bedroom_class(bedrooms: int) -> int:
    return min(bedrooms, BEDROOM_CLASSES[-1])


def bedroom_label(value: int) -> str:
    if value == 0:
        return str(_("Studio (0 bedrooms)"))
    if value == BEDROOM_CLASSES[-1]:
        return str(_("4 or more bedrooms"))
    return str(_("%(count)s bedrooms") % {"count": value}) if value > 1 else str(_("1 bedroom"))


@dataclass(frozen=True)
class SizeRow:
    label: str
    stock: int
    vacant: int
    waiting: Cell
    stock_share: float | None
    waiting_share: float | None

    @property
    def shortfall(self) -> int | None:
        """Households waiting beyond today's vacant dwellings of the size; None when
        the count of households is hidden."""
        return None if self.waiting.value is None else max(self.waiting.value - self.vacant, 0)

    @property
    def is_gap(self) -> bool:
        """The size is short: more households wait than are vacant, or their share of
        the waiting list is larger than the size's share of the stock."""
        if self.waiting.value is None:
            return False
        return bool(self.shortfall) or (self.waiting_share or 0) > (self.stock_share or 0)


@dataclass(frozen=True)
class NeedRow:
    label: str | Promise
    stock: int
    vacant: int
    waiting: Cell

    @property
    def is_gap(self) -> bool:
        return self.waiting.value is not None and self.waiting.value > self.vacant


@dataclass(frozen=True)
class AreaRow:
    area: str
    size: str
    stock: int
    vacant: int
    waiting: Cell

    @property
    def is_gap(self) -> bool:
        return self.waiting.value is not None and self.waiting.value > self.vacant


@dataclass(frozen=True)
class StockNeed:
    threshold: int
    households: Cell
    dwellings: int
    by_size: list[SizeRow]
    by_type: Figure
    needs: list[NeedRow]
    by_area: list[AreaRow]

    def chart_data(self) -> dict[str, Any]:
        return {
            "key": "stock_need",
            "type": "bar",
            "title": str(_("Dwellings and households waiting, by size")),
            "labels": [row.label for row in self.by_size],
            "datasets": [
                {"label": str(_("Dwellings")), "data": [row.stock for row in self.by_size]},
                {"label": str(_("Vacant now")), "data": [row.vacant for row in self.by_size]},
                {
                    "label": str(_("Households waiting")),
                    "data": [row.waiting.value for row in self.by_size],
                },
            ],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "suppressed_below": self.threshold,
            "households_waiting": self.households.value,
            "dwellings": self.dwellings,
            "by_size": [
                {
                    "size": row.label,
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                    "shortfall": row.shortfall,
                    "gap": row.is_gap,
                }
                for row in self.by_size
            ],
            "needs": [
                {
                    "need": str(row.label),
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                }
                for row in self.needs
            ],
            "by_area": [
                {
                    "area": row.area,
                    "size": row.size,
                    "dwellings": row.stock,
                    "vacant": row.vacant,
                    "households_waiting": row.waiting.value,
                }
                for row in self.by_area
            ],
        }


def stock_need(*, actor: Actor) -> StockNeed:
    """Today's dwellings (less sold ones) by size, type, accessibility and area,
    against the households on the waiting list (``allocation.selectors.
    waiting_applications``) by the bedrooms they need, their needs, and the areas
    they want where a wanted area matches an area's name. A household that wants
    two areas counts under both; one that names none that match counts under "No
    area matched". Three queries."""
    require_role(actor, *READ_ROLES)
    municipality = actor.municipality
    limit = threshold()
    dwellings = list(
        Dwelling.objects.filter(municipality=municipality)
        .exclude(status=DwellingStatus.SOLD)
        .order_by()
        .values(
            "area__name",
            "bedrooms",
            "dwelling_type",
            "status",
            "wheelchair_accessible",
            "floor",
            "features",
        )
        .annotate(n=Count("id"))
    )
    households = list(
        waiting_applications(municipality, today())
        .order_by()
        .values("min_bedrooms", "needs_wheelchair_access", "needs_ground_floor", "wanted_areas")
        .annotate(n=Count("id"))
    )
    area_names = sorted(
        Area.objects.filter(municipality=municipality).values_list("name", flat=True)
    )

    classes = list(BEDROOM_CLASSES)
    stock = [0] * len(classes)
    vacant = [0] * len(classes)
    for row in dwellings:
        j = classes.index(bedroom_class(row["bedrooms"]))
        stock[j] += row["n"]
        if row["status"] == DwellingStatus.READY:
            vacant[j] += row["n"]
    need = [0] * len(classes)
    for row in households:
        need[classes.index(bedroom_class(row["min_bedrooms"]))] += row["n"]
    need_table = reporting.protect([[n] for n in need], limit)
    total_households = reporting.protect_count(sum(need), limit)
    total_stock = sum(stock)
    by_size = [
        SizeRow(
            label=bedroom_label(value),
            stock=stock[j],
            vacant=vacant[j],
            waiting=need_table.rows[j][0],
            stock_share=reporting.share(Cell(stock[j]), Cell(total_stock)),
            waiting_share=reporting.share(need_table.rows[j][0], total_households),
        )
        for j, value in enumerate(classes)
    ]

    types = [value for value, _label in DwellingType.choices]
    type_grid = [[0] * len(classes) for _ in types]
    for row in dwellings:
        type_grid[types.index(row["dwelling_type"])][
            classes.index(bedroom_class(row["bedrooms"]))
        ] += row["n"]
    by_type = Figure(
        key="stock_by_type",
        title=_("Dwellings by type and size"),
        unit=_("dwellings"),
        row_heading=_("Dwelling type"),
        rows=[str(label) for _v, label in DwellingType.choices],
        columns=[bedroom_label(value) for value in classes],
        table=reporting.publish(type_grid),
    )

    def dwelling_count(test: Any, ready_only: bool = False) -> int:
        return sum(
            row["n"]
            for row in dwellings
            if test(row) and (not ready_only or row["status"] == DwellingStatus.READY)
        )

    wheelchair = lambda row: row["wheelchair_accessible"]  # noqa: E731
    step_free = lambda row: is_step_free(row["floor"], row["features"] or [])  # noqa: E731
    needs = [
        NeedRow(
            _("Wheelchair access"),
            dwelling_count(wheelchair),
            dwelling_count(wheelchair, ready_only=True),
            reporting.protect_count(
                sum(r["n"] for r in households if r["needs_wheelchair_access"]), limit
            ),
        ),
        NeedRow(
            _("Ground floor or lift"),
            dwelling_count(step_free),
            dwelling_count(step_free, ready_only=True),
            reporting.protect_count(
                sum(r["n"] for r in households if r["needs_ground_floor"]), limit
            ),
        ),
    ]

    by_area = _by_area(area_names, dwellings, households, classes, limit)
    return StockNeed(
        threshold=limit,
        households=total_households,
        dwellings=total_stock,
        by_size=by_size,
        by_type=by_type,
        needs=needs,
        by_area=by_area,
    )


def _by_area(
    area_names: Sequence[str],
    dwellings: Sequence[dict[str, Any]],
    households: Sequence[dict[str, Any]],
    classes: Sequence[int],
    limit: int,
) -> list[AreaRow]:
    no_area = str(_("No area matched"))
    names = [*area_names, no_area]
    by_key = {area_key(name): name for name in area_names}
    stock: dict[tuple[str, int], int] = defaultdict(int)
    vacant: dict[tuple[str, int], int] = defaultdict(int)
    for row in dwellings:
        key = (row["area__name"] or no_area, bedroom_class(row["bedrooms"]))
        stock[key] += row["n"]
        if row["status"] == DwellingStatus.READY:
            vacant[key] += row["n"]
    grid = [[0] * len(classes) for _ in names]
    for row in households:
        wanted = [by_key[k] for k in area_keys(row["wanted_areas"]) if k in by_key] or [no_area]
        for name in wanted:
            grid[names.index(name)][classes.index(bedroom_class(row["min_bedrooms"]))] += row["n"]
    protected = reporting.protect(grid, limit)
    rows = []
    for i, name in enumerate(names):
        for j, value in enumerate(classes):
            cell = protected.rows[i][j]
            if stock[(name, value)] or cell.value != 0:
                rows.append(
                    AreaRow(
                        name,
                        bedroom_label(value),
                        stock[(name, value)],
                        vacant[(name, value)],
                        cell,
                    )
                )
    return rows
