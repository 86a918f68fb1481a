"""Rule sets of the allocation meeting: priority points, the bedroom table, target
group points and area caps, each change audited. Only municipality
administrators change them (``access.RULE_ROLES``).

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import TargetGroup
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, Municipality
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import allocation as rules
from boligtorg.housing.models import Area

from ..access import RULE_ROLES
from ..models import AreaCap, BedroomRow, DeclineReason, Policy, RuleSet, TargetGroupPoints

ERROR_NAME = _("Give the rule set a name.")
ERROR_VALID_TO = _("The rule set must end on or after the day it starts.")
ERROR_OVERLAP = _("The period overlaps the rule set “%(name)s” (%(start)s – %(end)s).")
ERROR_ANSWER_DAYS = _("Give between 1 and 60 days to answer an offer.")
ERROR_POINTS = _("Points must be between 0 and 1000.")
ERROR_WEIGHTS = _("At least one of the weights must be more than 0.")
ERROR_BEDROOM_FIRST = _("The table must start with a row for 1 person.")
ERROR_BEDROOM_TWICE = _("There are two rows for %(persons)s persons.")
ERROR_BEDROOM_RANGE = _(
    "For %(persons)s persons the fewest bedrooms (%(low)s) is more than the most (%(high)s)."
)
ERROR_BEDROOM_MAX = _("A row may allow at most 20 bedrooms.")
ERROR_CAP_AREA = _("Name the area.")
ERROR_CAP_GROUPS = _("Choose at least one target group for the cap.")
ERROR_CAP_PERIOD = _("The period must be between 1 and 60 months.")
ERROR_CAP_LIMIT = _("The cap must be between 0 and 1000 households.")

POINT_FIELDS = (
    "points_without_dwelling",
    "points_at_risk",
    "points_unsuitable",
    "points_per_waiting_month",
    "max_waiting_points",
    "points_per_child",
    "max_children_points",
    "urgency_points",
)
RULE_SET_FIELDS = (
    "name",
    "valid_from",
    "valid_to",
    "policy",
    *POINT_FIELDS,
    "weight_points",
    "weight_fit",
    "offer_answer_days",
    "max_unreasonable_declines",
)

# Defaults of a new municipality (DOMAIN.md: decline with reason → back on the list
# or closed, per rule). Municipalities edit their own copies.
DEFAULT_DECLINE_REASONS = [
    ("size", _("The dwelling is too small or too large"), False),
    ("accessibility", _("The dwelling does not meet documented needs"), False),
    ("location", _("Too far from work, school or network"), True),
    ("standard", _("Did not like the dwelling's standard"), True),
    ("found_other", _("Has found a dwelling elsewhere"), False),
    ("no_reason", _("No reason given"), True),
]


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "…"


def rule_set_errors(
    municipality: Municipality, values: Mapping[str, Any], exclude_pk: int | None = None
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not str(values.get("name") or "").strip():
        errors["name"] = ERROR_NAME
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors["valid_to"] = ERROR_VALID_TO
    for name in POINT_FIELDS:
        value = values.get(name)
        if value is not None and not 0 <= value <= 1000:
            errors[name] = ERROR_POINTS
    if not 1 <= (values.get("offer_answer_days") or 0) <= 60:
        errors["offer_answer_days"] = ERROR_ANSWER_DAYS
    if not (values.get("weight_points") or values.get("weight_fit")):
        errors["weight_points"] = ERROR_WEIGHTS
    if start and "valid_to" not in errors:
        clash = (
            RuleSet.objects.filter(municipality=municipality)
            .exclude(pk=exclude_pk)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        )
        if end:
            clash = clash.filter(valid_from__lte=end)
        other = clash.order_by("valid_from").first()
        if other:
            errors["valid_from"] = ERROR_OVERLAP % {
                "name": other.name,
                "start": _date(other.valid_from),
                "end": _date(other.valid_to),
            }
    return errors


def _snapshot(rule_set: RuleSet) -> dict[str, Any]:
    return {
        name: str(value) if value is not None else None
        for name in RULE_SET_FIELDS
        for value in [getattr(rule_set, name)]
    }


@transaction.atomic
def rule_set_create(*, actor: Actor, copy_from: RuleSet | None = None, **values: Any) -> RuleSet:
    """A new rule set with the default bedroom table (or a copy of ``copy_from``'s
    table, target-group points and caps)."""
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, copy_from)
    values = {name: values[name] for name in RULE_SET_FIELDS if name in values}
    values["name"] = str(values.get("name") or "").strip()
    values.setdefault("offer_answer_days", 7)
    values.setdefault("weight_points", 1)
    values.setdefault("weight_fit", 1)
    errors = rule_set_errors(actor.municipality, values)
    if errors:
        raise ValidationError(errors)
    rule_set = RuleSet.objects.create(
        municipality=actor.municipality, created_by=actor.user, **values
    )
    if copy_from is None:
        BedroomRow.objects.bulk_create(
            BedroomRow(
                rule_set=rule_set,
                persons=row.persons,
                min_bedrooms=row.min_bedrooms,
                max_bedrooms=row.max_bedrooms,
            )
            for row in rules.DEFAULT_BEDROOM_TABLE
        )
    else:
        for row in copy_from.bedroom_rows.all():
            row.pk, row.rule_set = None, rule_set
            row.save()
        for points in copy_from.group_points.all():
            points.pk, points.rule_set = None, rule_set
            points.save()
        for cap in copy_from.area_caps.all():
            groups = list(cap.target_groups.all())
            cap.pk, cap.rule_set = None, rule_set
            cap.save()
            cap.target_groups.set(groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=rule_set,
        changes={"copy_from": [None, copy_from.pk if copy_from else None]},
    )
    return rule_set


@transaction.atomic
def rule_set_update(*, actor: Actor, rule_set: RuleSet, **values: Any) -> RuleSet:
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, rule_set)
    current = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    before = _snapshot(current)
    values = {name: values[name] for name in RULE_SET_FIELDS if name in values}
    if "name" in values:
        values["name"] = str(values["name"] or "").strip()
    merged = {**{name: getattr(current, name) for name in RULE_SET_FIELDS}, **values}
    errors = rule_set_errors(actor.municipality, merged, exclude_pk=current.pk)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_at = timezone.now()
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes=changed_fields(before, _snapshot(current)),
    )
    return current


def bedroom_table_errors(rows: Sequence[tuple[int, int, int]]) -> list[Any]:
    errors: list[Any] = []
    persons = [row[0] for row in rows]
    if 1 not in persons:
        errors.append(ERROR_BEDROOM_FIRST)
    for count in sorted({p for p in persons if persons.count(p) > 1}):
        errors.append(ERROR_BEDROOM_TWICE % {"persons": count})
    for count, low, high in rows:
        if low > high:
            errors.append(ERROR_BEDROOM_RANGE % {"persons": count, "low": low, "high": high})
        if high > 20:
            errors.append(ERROR_BEDROOM_MAX)
    return errors


@transaction.atomic
def bedroom_table_save(
    *, actor: Actor, rule_set: RuleSet, rows: Sequence[tuple[int, int, int]]
) -> None:
    """Replace the bedroom table with ``rows`` of (persons, fewest, most)."""
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, rule_set)
    errors = bedroom_table_errors(rows)
    if errors:
        raise ValidationError(errors)
    before = [
        [row.persons, row.min_bedrooms, row.max_bedrooms] for row in rule_set.bedroom_rows.all()
    ]
    rule_set.bedroom_rows.all().delete()
    BedroomRow.objects.bulk_create(
        BedroomRow(rule_set=rule_set, persons=p, min_bedrooms=low, max_bedrooms=high)
        for p, low, high in sorted(rows)
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=rule_set,
        changes={"bedroom_table": [before, [list(row) for row in sorted(rows)]]},
    )


@transaction.atomic
def group_points_save(
    *, actor: Actor, rule_set: RuleSet, points: Mapping[TargetGroup, int]
) -> None:
    """Set the points of the given target groups (0 removes the row); groups not
    named keep their points."""
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, rule_set, *points)
    bad = [group for group, value in points.items() if not 0 <= value <= 1000]
    if bad:
        raise ValidationError({f"group_{group.pk}": ERROR_POINTS for group in bad})
    rows = rule_set.group_points.filter(target_group__in=list(points))
    before = {p.target_group.code: p.points for p in rows.select_related("target_group")}
    rows.delete()
    TargetGroupPoints.objects.bulk_create(
        TargetGroupPoints(rule_set=rule_set, target_group=group, points=value)
        for group, value in points.items()
        if value
    )
    after = {group.code: value for group, value in points.items() if value}
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=rule_set,
        changes={"target_group_points": [before, after]},
    )


@transaction.atomic
def area_cap_add(
    *,
    actor: Actor,
    rule_set: RuleSet,
    area_name: str,
    target_groups: Sequence[TargetGroup],
    limit: int,
    period_months: int = 12,
) -> AreaCap:
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, rule_set, *target_groups)
    errors: dict[str, Any] = {}
    if not area_name.strip():
        errors["area_name"] = ERROR_CAP_AREA
    if not target_groups:
        errors["target_groups"] = ERROR_CAP_GROUPS
    if not 1 <= period_months <= 60:
        errors["period_months"] = ERROR_CAP_PERIOD
    if not 0 <= limit <= 1000:
        errors["limit"] = ERROR_CAP_LIMIT
    if errors:
        raise ValidationError(errors)
    name = " ".join(area_name.split())
    area = Area.objects.filter(municipality=actor.municipality, name__iexact=name).first()
    if area is None:
        area = Area.objects.create(municipality=actor.municipality, name=name)
    cap = AreaCap.objects.create(
        rule_set=rule_set, area=area, limit=limit, period_months=period_months
    )
    cap.target_groups.set(target_groups)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=rule_set,
        changes={
            "area_cap": [
                None,
                {
                    "area": area.name,
                    "groups": sorted(g.code for g in target_groups),
                    "limit": limit,
                    "period_months": period_months,
                },
            ]
        },
    )
    return cap


@transaction.atomic
def area_cap_remove(*, actor: Actor, cap: AreaCap) -> None:
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, cap.rule_set)
    described = {"area": cap.area.name, "limit": cap.limit, "period_months": cap.period_months}
    rule_set = cap.rule_set
    cap.delete()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=rule_set,
        changes={"area_cap": [described, None]},
    )


def rule_set_for(municipality: Municipality, on: datetime.date) -> RuleSet | None:
    """The rule set valid on a day (periods do not overlap)."""
    return (
        RuleSet.objects.filter(municipality=municipality, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def decline_reasons_ensure(*, municipality: Municipality) -> None:
    """Give a municipality the default decline reasons (idempotent)."""
    for order, (code, label, unreasonable) in enumerate(DEFAULT_DECLINE_REASONS):
        DeclineReason.objects.get_or_create(
            municipality=municipality,
            code=code,
            defaults={"label": str(label), "unreasonable": unreasonable, "sort_order": order},
        )


REASON_CODE = re.compile(r"[a-z0-9_-]{1,50}")
ERROR_REASON_CODE = _("Give a short code of lower-case letters, digits, - or _.")
ERROR_REASON_CODE_TAKEN = _("Another reason already has this code.")
ERROR_REASON_LABEL = _("Write the reason as the household would give it.")


@transaction.atomic
def decline_reason_add(
    *, actor: Actor, code: str, label: str, unreasonable: bool = False
) -> DeclineReason:
    """A new coded reason for declining an offer; ``unreasonable`` ones count towards
    the rule set's limit. Codes cannot change later: answered offers keep them."""
    require_role(actor, *RULE_ROLES)
    code, label = code.strip(), " ".join(label.split())
    errors: dict[str, Any] = {}
    if not REASON_CODE.fullmatch(code):
        errors["code"] = ERROR_REASON_CODE
    elif DeclineReason.objects.filter(municipality=actor.municipality, code=code).exists():
        errors["code"] = ERROR_REASON_CODE_TAKEN
    if not label:
        errors["label"] = ERROR_REASON_LABEL
    if errors:
        raise ValidationError(errors)
    last = DeclineReason.objects.filter(municipality=actor.municipality).count()
    reason = DeclineReason.objects.create(
        municipality=actor.municipality,
        code=code,
        label=label[:200],
        unreasonable=unreasonable,
        sort_order=last,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=reason,
        changes={"code": [None, code], "unreasonable": [None, unreasonable]},
    )
    return reason


@transaction.atomic
def decline_reason_update(
    *, actor: Actor, reason: DeclineReason, unreasonable: bool, is_active: bool
) -> DeclineReason:
    """Whether a reason counts as unreasonable (for later declines; earlier ones are
    counted as they stand) and whether it can still be chosen."""
    require_role(actor, *RULE_ROLES)
    require_same_municipality(actor, reason)
    before = {"unreasonable": reason.unreasonable, "is_active": reason.is_active}
    reason.unreasonable, reason.is_active = unreasonable, is_active
    reason.save(update_fields=["unreasonable", "is_active"])
    changes = changed_fields(before, {"unreasonable": unreasonable, "is_active": is_active})
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=reason, changes=changes)
    return reason


# To the pure rules -----------------------------------------------------------


def priority_rules(rule_set: RuleSet) -> rules.PriorityRules:
    return rules.PriorityRules(
        situation_points={
            rules.Situation.WITHOUT_DWELLING: rule_set.points_without_dwelling,
            rules.Situation.AT_RISK: rule_set.points_at_risk,
            rules.Situation.UNSUITABLE: rule_set.points_unsuitable,
        },
        points_per_waiting_month=rule_set.points_per_waiting_month,
        max_waiting_points=rule_set.max_waiting_points,
        target_group_points={
            p.target_group.code: p.points
            for p in rule_set.group_points.select_related("target_group")
        },
        points_per_child=rule_set.points_per_child,
        max_children_points=rule_set.max_children_points,
        urgency_points=rule_set.urgency_points,
    )


def eligibility_rules(rule_set: RuleSet) -> rules.EligibilityRules:
    rows = tuple(
        rules.BedroomRow(row.persons, row.min_bedrooms, row.max_bedrooms)
        for row in rule_set.bedroom_rows.all()
    )
    return rules.EligibilityRules(bedroom_table=rows or rules.DEFAULT_BEDROOM_TABLE)


def is_strict(rule_set: RuleSet) -> bool:
    return rule_set.policy == Policy.STRICT_PRIORITY
