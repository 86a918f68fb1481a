"""Writes of the vulnerable-areas part: areas, the indicator import, criterion
sets (with the statutory defaults), and the steering group's and KUF's members,
meetings and agreed actions.

Each service checks the role (``selectors_areas``), validates with the field
named, writes in one transaction and records an audit event. Error messages are
the ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.imports import import_max_rows, too_many_rows_message
from boligtorg.core.models import AuditAction, Country, Municipality
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import area_criteria as rules
from boligtorg.housing.models import Area
from boligtorg.housing.services import ImportRejected, ImportRow, RowError
from boligtorg.housing.transfer import Column, csv_lines, parse_decimal, parse_rows, parse_text

from ..models import (
    AreaIndicator,
    CoordinationGroup,
    Criterion,
    CriterionKind,
    CriterionSet,
    GroupKind,
    GroupMeeting,
    GroupMember,
    MeetingAction,
    PlanningArea,
)
from ..selectors_areas import CRITERIA_ROLES, WRITE_ROLES, rule_set_of

ERROR_NAME_REQUIRED = _("Write the area's name.")
ERROR_NAME_TAKEN = _("%(name)s is already registered as a planning area.")
ERROR_HOUSING_NAME_TAKEN = _("Another area of the dwelling register is called %(name)s.")
ERROR_BOUNDARY = _(
    "Write the boundary as GeoJSON: an object with a type such as Polygon or Feature."
)
ERROR_UNKNOWN_AREA = _("No planning area is called “%(name)s”. Register it first.")
ERROR_YEAR = _("Write a year from %(min)s to %(max)s.")
ERROR_PERCENT = _("Write a share from 0 to 100.")
ERROR_NEGATIVE = _("Write a number of 0 or more.")
ERROR_TWICE = _("The file has this area and year already on row %(line)s.")
ERROR_EMPTY_INDICATORS = _("The file has no rows of indicators.")
ERROR_OVERLAP = _(
    "The validity overlaps “%(name)s” (%(start)s–%(end)s) of the same kind. "
    "End that set first or choose other dates."
)
ERROR_TO_BEFORE_FROM = _("The last day cannot be before the first day.")
ERROR_NO_CRITERIA = _("Give at least one criterion.")
ERROR_NEEDED_TOO_MANY = _(
    "Only %(count)s criteria are not required; fewer cannot be needed than that."
)
ERROR_CONSECUTIVE = _("A transformation area rule needs a number of consecutive years.")
ERROR_BASED_ON = _("Name the kind whose consecutive years count.")
ERROR_TEXT_REQUIRED = _("Write what was agreed.")
ERROR_RESPONSIBLE_REQUIRED = _("Name who is responsible.")
ERROR_MEMBER_NAME = _("Write the member's name.")
ERROR_DUE_BEFORE_MEETING = _("The due date cannot be before the meeting (%(day)s).")

MIN_YEAR, MAX_YEAR = 2000, 2100
AREA_FIELDS = ("housing_organisation", "department", "addresses", "boundary", "notes")
GEOJSON_TYPES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
        "Feature",
        "FeatureCollection",
    }
)


# Areas -------------------------------------------------------------------------------


def _clean_boundary(boundary: str) -> str:
    text = boundary.strip()
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationError({"boundary": ERROR_BOUNDARY}) from exc
    if not isinstance(data, dict) or data.get("type") not in GEOJSON_TYPES:
        raise ValidationError({"boundary": ERROR_BOUNDARY})
    return text


def _clean_addresses(addresses: str) -> str:
    return "\n".join(line.strip() for line in addresses.splitlines() if line.strip())


def _housing_area_for(municipality: Municipality, name: str) -> Area:
    """The dwelling register's area of that name, made when it does not exist; an
    area that already has planning facts is refused."""
    area, _made = Area.objects.get_or_create(municipality=municipality, name=name)
    if PlanningArea.objects.filter(area=area).exists():
        raise ValidationError({"name": ERROR_NAME_TAKEN % {"name": name}})
    return area


@transaction.atomic
def area_create(
    *,
    actor: Actor,
    name: str,
    housing_organisation: str = "",
    department: str = "",
    addresses: str = "",
    boundary: str = "",
    notes: str = "",
) -> PlanningArea:
    """Register an area (on the dwelling register's area of that name, made if
    new) with its steering group and KUF. A Danish municipality's first area also
    brings the statutory criterion sets (``criterion_sets_ensure``)."""
    require_role(actor, *WRITE_ROLES)
    name = name.strip()
    if not name:
        raise ValidationError({"name": ERROR_NAME_REQUIRED})
    municipality = actor.municipality
    planning = PlanningArea.objects.create(
        municipality=municipality,
        area=_housing_area_for(municipality, name),
        housing_organisation=housing_organisation.strip(),
        department=department.strip(),
        addresses=_clean_addresses(addresses),
        boundary=_clean_boundary(boundary),
        notes=notes.strip(),
        created_by=actor.user,
    )
    for kind in GroupKind.values:
        CoordinationGroup.objects.create(municipality=municipality, area=planning, kind=kind)
    criterion_sets_ensure(municipality=municipality)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=planning, changes={"name": name})
    return planning


@transaction.atomic
def area_update(
    *,
    actor: Actor,
    planning_area: PlanningArea,
    name: str,
    housing_organisation: str = "",
    department: str = "",
    addresses: str = "",
    boundary: str = "",
    notes: str = "",
) -> PlanningArea:
    """Change the area's facts; a new name renames the dwelling register's area."""
    require_role(actor, *WRITE_ROLES)
    name = name.strip()
    if not name:
        raise ValidationError({"name": ERROR_NAME_REQUIRED})
    before = {
        "name": planning_area.area.name,
        **{f: getattr(planning_area, f) for f in AREA_FIELDS},
    }
    after = {
        "name": name,
        "housing_organisation": housing_organisation.strip(),
        "department": department.strip(),
        "addresses": _clean_addresses(addresses),
        "boundary": _clean_boundary(boundary),
        "notes": notes.strip(),
    }
    area = planning_area.area
    if name != area.name:
        if Area.objects.filter(municipality=area.municipality, name=name).exclude(pk=area.pk):
            raise ValidationError({"name": ERROR_HOUSING_NAME_TAKEN % {"name": name}})
        area.name = name
        area.save(update_fields=["name"])
    for field in AREA_FIELDS:
        setattr(planning_area, field, after[field])
    planning_area.save(update_fields=list(AREA_FIELDS))
    changes = changed_fields(before, after)
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=planning_area, changes=changes)
    return planning_area


@transaction.atomic
def area_delete(*, actor: Actor, planning_area: PlanningArea) -> None:
    """Delete the area's planning facts, indicators, groups and meetings. The
    dwelling register's area stays: dwellings and allocation caps name it."""
    require_role(actor, *WRITE_ROLES)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        obj=planning_area,
        changes={"name": planning_area.area.name},
    )
    planning_area.delete()


# Indicators --------------------------------------------------------------------------


def _year(value: str) -> int | None:
    if not value:
        return None
    try:
        year = int(value)
    except ValueError as exc:
        raise ValueError(str(ERROR_YEAR % {"min": MIN_YEAR, "max": MAX_YEAR})) from exc
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(str(ERROR_YEAR % {"min": MIN_YEAR, "max": MAX_YEAR}))
    return year


def _residents(value: str) -> int | None:
    number = parse_decimal(0)(value)
    if number is None:
        return None
    if number < 0:
        raise ValueError(str(ERROR_NEGATIVE))
    return int(number)


def _percent(value: str) -> Decimal | None:
    number = parse_decimal(1)(value.replace("%", ""))
    if number is not None and not 0 <= number <= 100:
        raise ValueError(str(ERROR_PERCENT))
    return number


def _non_negative(places: int) -> Any:
    parse = parse_decimal(places)

    def parsed(value: str) -> Decimal | None:
        number = parse(value.replace("%", ""))
        if number is not None and (number < 0 or number >= 1000):
            raise ValueError(str(ERROR_NEGATIVE))
        return number

    return parsed


INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("area", "area", parse_text(100), str, ("område", "omrade", "boligområde"), True),
    Column("year", "year", _year, str, ("år", "aar", "ar"), True),
    Column("residents", "residents", _residents, str, ("beboere", "indbyggere"), True),
    Column("outside_work", "outside_work", _percent, str, ("uden_for_arbejde", "ledighed")),
    Column(
        "convictions_ratio",
        "convictions_ratio",
        _non_negative(2),
        str,
        ("dømte_gange_landsgennemsnit", "domte"),
    ),
    Column("convicted_share", "convicted_share", _non_negative(2), str, ("dømte_pct",)),
    Column("basic_schooling", "basic_schooling", _percent, str, ("grundskole",)),
    Column("income_ratio", "income_ratio", _non_negative(1), str, ("indkomst_pct_region",)),
    Column("non_western", "non_western", _percent, str, ("ikke_vestlig", "ikkevestlig")),
)
INDICATOR_FIELDS = tuple(column.key for column in INDICATOR_COLUMNS[2:])
# Indicators are written row by row with an audit event each: 650 rows/s on
# PostgreSQL and 2,000 on SQLite (2,000 new rows, 2026-12-07, /tmp script), a tenth of
# the dwelling import's pace, so a file holds at most 2,000 rows (3 s): 100 areas
# for 20 years. BOLIGTORG_IMPORT_MAX_ROWS still applies when it is lower.
INDICATOR_MAX_ROWS = 2_000


def indicator_max_rows() -> int:
    return min(import_max_rows(), INDICATOR_MAX_ROWS)


def read_indicator_csv(data: bytes) -> tuple[list[ImportRow], list[RowError]]:
    """The rows of an indicator file (CSV with ``;`` or ``,``, English or Danish
    headers) and the cells that could not be read."""
    return parse_rows(
        csv_lines(data), INDICATOR_COLUMNS, ERROR_EMPTY_INDICATORS, indicator_max_rows()
    )


def indicators_import(
    *, actor: Actor, rows: Sequence[ImportRow], read_errors: Sequence[RowError] = ()
) -> tuple[int, int]:
    """Import indicator rows: each names an area (by name) and a year. Every row is
    checked first; with any error nothing is written and ``ImportRejected`` lists
    each bad row and column (``read_errors`` are the reader's). A row for an area and
    year already imported replaces its figures. Returns (created, updated). More
    rows than ``indicator_max_rows()`` (the API's JSON; a file's reader stops there
    itself) are refused as a whole: written row by row, they would outlast the
    worker's timeout."""
    require_role(actor, *WRITE_ROLES)
    if len(rows) > indicator_max_rows():
        raise ValidationError({"rows": too_many_rows_message(indicator_max_rows())})
    areas = {
        planning.area.name.casefold(): planning
        for planning in PlanningArea.objects.filter(municipality=actor.municipality)
        .select_related("area")
        .order_by()
    }
    errors: list[RowError] = list(read_errors)
    seen: dict[tuple[int, int], int] = {}
    matched: list[tuple[PlanningArea, int, dict[str, Any]]] = []
    for row in rows:
        name, year = row.values.get("area"), row.values.get("year")
        planning = areas.get(name.casefold()) if name else None
        if name and planning is None:
            errors.append(RowError(row.line, "area", str(ERROR_UNKNOWN_AREA % {"name": name})))
        if planning is None or year is None:
            continue
        key = (planning.pk, year)
        if key in seen:
            errors.append(RowError(row.line, "year", str(ERROR_TWICE % {"line": seen[key]})))
            continue
        seen[key] = row.line
        matched.append((planning, year, {f: row.values.get(f) for f in INDICATOR_FIELDS}))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.line, e.column)))
    created = updated = 0
    with transaction.atomic():
        existing = {
            (i.area_id, i.year): i
            for i in AreaIndicator.objects.select_for_update().filter(
                municipality=actor.municipality, area_id__in={p.pk for p, _y, _v in matched}
            )
        }
        now = timezone.now()
        for planning, year, values in matched:
            indicator = existing.get((planning.pk, year))
            if indicator is None:
                indicator = AreaIndicator.objects.create(
                    municipality=actor.municipality,
                    area=planning,
                    year=year,
                    imported_by=actor.user,
                    imported_at=now,
                    **values,
                )
                created += 1
                audit_record(actor=actor, action=AuditAction.CREATE, obj=indicator)
                continue
            before = {f: getattr(indicator, f) for f in INDICATOR_FIELDS}
            changes = changed_fields(before, values)
            if not changes:
                continue
            for field, value in values.items():
                setattr(indicator, field, value)
            indicator.imported_by, indicator.imported_at = actor.user, now
            indicator.save()
            updated += 1
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=indicator,
                changes={k: [str(a), str(b)] for k, (a, b) in changes.items()},
            )
    return created, updated


def indicator_rows_from_json(items: Sequence[Mapping[str, Any]]) -> list[ImportRow]:
    """API rows (already typed by the schema) as import rows, numbered from 1."""
    return [ImportRow(line, dict(item)) for line, item in enumerate(items, start=1)]


# Criterion sets ---------------------------------------------------------------------


def _overlap_error(
    candidate: rules.RuleSet, existing: Sequence[CriterionSet], field: str = "valid_from"
) -> None:
    """Refuse ``candidate`` at ``field`` when it shares a day with one of ``existing``."""
    for other in existing:
        if rule_set_of(other, criteria=()).overlaps(candidate):
            raise ValidationError(
                {
                    field: ERROR_OVERLAP
                    % {
                        "name": other.name,
                        "start": other.valid_from.isoformat(),
                        "end": other.valid_to.isoformat() if other.valid_to else "…",
                    }
                }
            )


def _validate_set(
    kind: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    needed: int,
    consecutive_years: int | None,
    based_on: str,
    criteria: Sequence[Mapping[str, Any]],
) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": ERROR_TO_BEFORE_FROM})
    if kind == CriterionKind.TRANSFORMATION:
        if not consecutive_years:
            raise ValidationError({"consecutive_years": ERROR_CONSECUTIVE})
        if not based_on:
            raise ValidationError({"based_on": ERROR_BASED_ON})
        return
    if not criteria:
        raise ValidationError({"criteria": ERROR_NO_CRITERIA})
    counted = sum(1 for c in criteria if not c.get("required"))
    if needed > counted:
        raise ValidationError({"needed": ERROR_NEEDED_TOO_MANY % {"count": counted}})


def _write_set(
    *,
    municipality: Municipality,
    actor: Actor | None,
    kind: str,
    name: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    needed: int,
    consecutive_years: int | None,
    based_on: str,
    source: str,
    criteria: Sequence[Mapping[str, Any]],
) -> CriterionSet:
    made = CriterionSet.objects.create(
        municipality=municipality,
        kind=kind,
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        needed=needed,
        consecutive_years=consecutive_years,
        based_on=based_on,
        source=source,
        created_by=actor.user if actor else None,
    )
    Criterion.objects.bulk_create(
        Criterion(
            criterion_set=made,
            position=position,
            indicator=c["indicator"],
            comparison=c["comparison"],
            threshold=Decimal(c["threshold"]),
            required=bool(c.get("required")),
        )
        for position, c in enumerate(criteria)
    )
    return made


@transaction.atomic
def criterion_set_create(
    *,
    actor: Actor,
    kind: str,
    name: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    needed: int = 0,
    consecutive_years: int | None = None,
    based_on: str = "",
    source: str = "",
    criteria: Sequence[Mapping[str, Any]] = (),
) -> CriterionSet:
    """A new criterion set. Its validity may not share a day with another set of
    the same kind (checked under a lock on that kind's sets); nothing is written
    when it does."""
    require_role(actor, *CRITERIA_ROLES)
    _validate_set(kind, valid_from, valid_to, needed, consecutive_years, based_on, criteria)
    existing = list(
        CriterionSet.objects.select_for_update().filter(municipality=actor.municipality, kind=kind)
    )
    candidate = rules.RuleSet(rules.Kind(kind), name, valid_from, valid_to)
    _overlap_error(candidate, existing)
    made = _write_set(
        municipality=actor.municipality,
        actor=actor,
        kind=kind,
        name=name.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        needed=needed,
        consecutive_years=consecutive_years if kind == CriterionKind.TRANSFORMATION else None,
        based_on=based_on if kind == CriterionKind.TRANSFORMATION else "",
        source=source.strip(),
        criteria=criteria if kind != CriterionKind.TRANSFORMATION else (),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=made,
        changes={"kind": kind, "valid_from": valid_from.isoformat()},
    )
    return made


@transaction.atomic
def criterion_set_end(
    *, actor: Actor, criterion_set: CriterionSet, valid_to: datetime.date
) -> CriterionSet:
    """Give a set its last day, as when the law changes: the set keeps what it
    classified until then, and a new set can start the day after. The day may
    also move a set's end later, as long as it then overlaps no other set of its
    kind (checked under a lock on that kind's sets)."""
    require_role(actor, *CRITERIA_ROLES)
    if valid_to < criterion_set.valid_from:
        raise ValidationError({"valid_to": ERROR_TO_BEFORE_FROM})
    others = list(
        CriterionSet.objects.select_for_update()
        .filter(municipality=criterion_set.municipality_id, kind=criterion_set.kind)
        .exclude(pk=criterion_set.pk)
    )
    candidate = rules.RuleSet(
        rules.Kind(criterion_set.kind), criterion_set.name, criterion_set.valid_from, valid_to
    )
    _overlap_error(candidate, others, field="valid_to")
    before = criterion_set.valid_to
    criterion_set.valid_to = valid_to
    criterion_set.save(update_fields=["valid_to"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=criterion_set,
        changes={
            "valid_to": [before.isoformat() if before else None, valid_to.isoformat()],
        },
    )
    return criterion_set


def criterion_sets_ensure(*, municipality: Municipality) -> int:
    """Seed the statutory default sets (``area_criteria.DEFAULT_RULE_SETS``) for a
    Danish municipality: each default that is missing and overlaps none of the
    municipality's own sets of its kind. Idempotent; returns how many were made."""
    if municipality.country != Country.DENMARK:
        return 0
    made = 0
    with transaction.atomic():
        existing: dict[str, list[CriterionSet]] = {}
        for row in CriterionSet.objects.select_for_update().filter(municipality=municipality):
            existing.setdefault(row.kind, []).append(row)
        for default in rules.DEFAULT_RULE_SETS:
            same_kind = existing.get(default.kind.value, [])
            if any(rule_set_of(row, criteria=()).overlaps(default) for row in same_kind):
                continue
            _write_set(
                municipality=municipality,
                actor=None,
                kind=default.kind.value,
                name=default.name,
                valid_from=default.valid_from,
                valid_to=default.valid_to,
                needed=default.needed,
                consecutive_years=default.consecutive_years,
                based_on=default.based_on.value if default.based_on else "",
                source=default.source,
                criteria=[
                    {
                        "indicator": c.indicator.value,
                        "comparison": c.comparison.value,
                        "threshold": c.threshold,
                        "required": c.required,
                    }
                    for c in default.criteria
                ],
            )
            made += 1
    return made


# Coordination ------------------------------------------------------------------------


@transaction.atomic
def group_member_add(
    *, actor: Actor, group: CoordinationGroup, name: str, organisation: str = "", role: str = ""
) -> GroupMember:
    require_role(actor, *WRITE_ROLES)
    if not name.strip():
        raise ValidationError({"name": ERROR_MEMBER_NAME})
    member = GroupMember.objects.create(
        municipality=group.municipality,
        group=group,
        name=name.strip(),
        organisation=organisation.strip(),
        role=role.strip(),
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=member)
    return member


@transaction.atomic
def group_member_remove(*, actor: Actor, member: GroupMember) -> None:
    require_role(actor, *WRITE_ROLES)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=member)
    member.delete()


@transaction.atomic
def group_meeting_create(
    *, actor: Actor, group: CoordinationGroup, held_on: datetime.date, minutes: str = ""
) -> GroupMeeting:
    require_role(actor, *WRITE_ROLES)
    meeting = GroupMeeting.objects.create(
        municipality=group.municipality,
        group=group,
        held_on=held_on,
        minutes=minutes.strip(),
        created_by=actor.user,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=meeting)
    return meeting


@transaction.atomic
def group_meeting_update(
    *, actor: Actor, meeting: GroupMeeting, held_on: datetime.date, minutes: str = ""
) -> GroupMeeting:
    require_role(actor, *WRITE_ROLES)
    before = {"held_on": meeting.held_on.isoformat(), "minutes": meeting.minutes}
    meeting.held_on, meeting.minutes = held_on, minutes.strip()
    meeting.save(update_fields=["held_on", "minutes"])
    changes = changed_fields(before, {"held_on": held_on.isoformat(), "minutes": meeting.minutes})
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=meeting, changes=changes)
    return meeting


@transaction.atomic
def meeting_action_create(
    *,
    actor: Actor,
    meeting: GroupMeeting,
    text: str,
    responsible: str,
    due_on: datetime.date | None = None,
) -> MeetingAction:
    require_role(actor, *WRITE_ROLES)
    if not text.strip():
        raise ValidationError({"text": ERROR_TEXT_REQUIRED})
    if not responsible.strip():
        raise ValidationError({"responsible": ERROR_RESPONSIBLE_REQUIRED})
    if due_on is not None and due_on < meeting.held_on:
        raise ValidationError(
            {"due_on": ERROR_DUE_BEFORE_MEETING % {"day": meeting.held_on.isoformat()}}
        )
    action = MeetingAction.objects.create(
        municipality=meeting.municipality,
        meeting=meeting,
        text=text.strip(),
        responsible=responsible.strip(),
        due_on=due_on,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action)
    return action


@transaction.atomic
def meeting_action_set_done(
    *, actor: Actor, action: MeetingAction, done: bool, today: datetime.date | None = None
) -> MeetingAction:
    """Mark the action done today (or open again)."""
    require_role(actor, *WRITE_ROLES)
    before = action.done_on
    action.done_on = (today or timezone.localdate()) if done else None
    action.save(update_fields=["done_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=action,
        changes={"done_on": [str(before or ""), str(action.done_on or "")]},
    )
    return action
