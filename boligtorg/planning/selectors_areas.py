"""Reads of the vulnerable-areas part: the area list with each area's latest
classification, an area's history (indicators, criteria met, classification per
year), the need-based intensity of municipal services there (seed 001:
Skanderborg identifies areas by how much the municipality is present), the
coordination groups, and the criterion sets.

Every read is scoped to the actor's municipality; statistics of people are
suppressed below five (``area_criteria.suppressed``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from boligtorg.core.models import Municipality, Role
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain import area_criteria as rules

from .models import (
    AreaIndicator,
    CoordinationGroup,
    CriterionKind,
    CriterionSet,
    GroupMeeting,
    GroupMember,
    IndicatorChoice,
    MeetingAction,
    PlanningArea,
)

READ_ROLES = (Role.PLANNER, Role.MANAGER, Role.MUNICIPALITY_ADMIN, Role.CASEWORKER)
WRITE_ROLES = (Role.PLANNER, Role.MANAGER)
CRITERIA_ROLES = (Role.PLANNER, Role.MUNICIPALITY_ADMIN)

AREA_ORDERINGS = {
    "name": ("area__name",),
    "-name": ("-area__name",),
    "organisation": ("housing_organisation", "area__name"),
    "-organisation": ("-housing_organisation", "area__name"),
    "year": ("latest_year", "area__name"),
    "-year": ("-latest_year", "area__name"),
}
INTENSITY_YEARS = 4


# Criterion sets ---------------------------------------------------------------------


def rule_set_of(row: CriterionSet, criteria: Iterable | None = None) -> rules.RuleSet:  # type: ignore[type-arg]
    """The domain rule of a stored set (its criteria prefetched, or ``criteria``)."""
    listed = row.criteria.all() if criteria is None else criteria
    return rules.RuleSet(
        kind=rules.Kind(row.kind),
        name=row.name,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        criteria=tuple(
            rules.Criterion(
                rules.Indicator(c.indicator),
                rules.Comparison(c.comparison),
                c.threshold,
                c.required,
            )
            for c in listed
        ),
        needed=row.needed,
        consecutive_years=row.consecutive_years,
        based_on=rules.Kind(row.based_on) if row.based_on else None,
        source=row.source,
    )


def rule_sets_for(municipality: Municipality) -> list[rules.RuleSet]:
    rows = CriterionSet.objects.filter(municipality=municipality).prefetch_related("criteria")
    return [rule_set_of(row) for row in rows]


def criterion_set_list(*, actor: Actor) -> QuerySet[CriterionSet]:
    require_role(actor, *READ_ROLES)
    return CriterionSet.objects.filter(municipality=actor.municipality).order_by(
        "kind", "-valid_from"
    )


def criterion_set_get(*, actor: Actor, criterion_set_id: int) -> CriterionSet:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        CriterionSet.objects.prefetch_related("criteria"), actor, pk=criterion_set_id
    )


# Areas ------------------------------------------------------------------------------


def area_list(*, actor: Actor, search: str = "", ordering: str = "name") -> QuerySet[PlanningArea]:
    require_role(actor, *READ_ROLES)
    qs = (
        PlanningArea.objects.filter(municipality=actor.municipality)
        .select_related("area")
        .annotate(latest_year=Max("indicators__year"))
    )
    if search.strip():
        term = search.strip()
        qs = qs.filter(
            Q(area__name__icontains=term)
            | Q(housing_organisation__icontains=term)
            | Q(department__icontains=term)
            | Q(addresses__icontains=term)
        )
    return qs.order_by(*AREA_ORDERINGS.get(ordering, AREA_ORDERINGS["name"]))


def area_get(*, actor: Actor, planning_area_id: int) -> PlanningArea:
    require_role(actor, *READ_ROLES)
    return get_for_actor(PlanningArea.objects.select_related("area"), actor, pk=planning_area_id)


def kind_label(kind: str) -> str:
    return str(CriterionKind(kind).label)


@dataclass(frozen=True)
class CriterionLine:
    label: str
    symbol: str
    threshold: object
    figure: object
    met: bool
    required: bool


@dataclass(frozen=True)
class EvaluationLine:
    """One rule set applied to one year, as a page shows it."""

    kind: str
    kind_label: str
    name: str
    met: bool
    counted_met: int
    needed: int
    lines: list[CriterionLine]
    streak: int | None
    consecutive_years: int | None


def _evaluation_line(evaluation: rules.Evaluation) -> EvaluationLine:
    rule = evaluation.rule
    return EvaluationLine(
        kind=rule.kind.value,
        kind_label=kind_label(rule.kind.value),
        name=rule.name,
        met=evaluation.met,
        counted_met=evaluation.counted_met,
        needed=rule.needed,
        lines=[
            CriterionLine(
                label=str(IndicatorChoice(r.criterion.indicator.value).label),
                symbol=r.criterion.comparison.symbol,
                threshold=r.criterion.threshold.normalize(),
                figure=r.figure,
                met=r.met,
                required=r.criterion.required,
            )
            for r in evaluation.results
        ],
        streak=evaluation.streak,
        consecutive_years=rule.consecutive_years,
    )


@dataclass(frozen=True)
class HistoryRow:
    indicator: AreaIndicator
    classification: rules.YearClassification

    @property
    def year(self) -> int:
        return self.indicator.year

    @property
    def headline(self) -> str:
        return self.classification.headline.value if self.classification.headline else ""

    @property
    def headline_label(self) -> str:
        return kind_label(self.headline) if self.headline else ""

    @property
    def kind_labels(self) -> list[str]:
        return [kind_label(kind.value) for kind in self.classification.kinds]

    @property
    def evaluations(self) -> list[EvaluationLine]:
        return [_evaluation_line(e) for e in self.classification.evaluations]


def _histories(municipality: Municipality, area_ids: Sequence[int]) -> dict[int, list[HistoryRow]]:
    indicators: dict[int, dict[int, AreaIndicator]] = {}
    for row in AreaIndicator.objects.filter(
        municipality=municipality, area_id__in=area_ids
    ).order_by("year"):
        indicators.setdefault(row.area_id, {})[row.year] = row
    rule_sets = rule_sets_for(municipality)
    histories = {}
    for area_id, by_year in indicators.items():
        classified = rules.classify_history(
            {year: row.figures() for year, row in by_year.items()},  # type: ignore[misc]
            rule_sets,
        )
        histories[area_id] = [HistoryRow(by_year[c.year], c) for c in reversed(classified)]
    return histories


def area_history(*, actor: Actor, planning_area: PlanningArea) -> list[HistoryRow]:
    """The area's years with figures, newest first, each classified by the rule
    sets valid on that year's list day."""
    require_role(actor, *READ_ROLES)
    return _histories(actor.municipality, [planning_area.pk]).get(planning_area.pk, [])


@dataclass(frozen=True)
class AreaRow:
    area: PlanningArea
    latest: HistoryRow | None


def area_rows(*, actor: Actor, areas: Iterable[PlanningArea]) -> list[AreaRow]:
    """The page's areas with their latest year's classification (three queries
    whatever the number of areas)."""
    require_role(actor, *READ_ROLES)
    listed = list(areas)
    histories = _histories(actor.municipality, [a.pk for a in listed])
    return [
        AreaRow(area, histories[area.pk][0] if histories.get(area.pk) else None) for area in listed
    ]


@dataclass(frozen=True)
class AreasSummary:
    count: int
    classified: list[AreaRow]


def areas_summary(*, actor: Actor) -> AreasSummary:
    """For the dashboard: how many areas, and those classified in their latest year."""
    require_role(actor, *READ_ROLES)
    areas = list(area_list(actor=actor))
    rows = area_rows(actor=actor, areas=areas)
    return AreasSummary(
        len(areas), [row for row in rows if row.latest and row.latest.classification.headline]
    )


# Need-based intensity ---------------------------------------------------------------


@dataclass(frozen=True)
class IntensityRow:
    """One year's municipal presence in the area, each count already suppressed."""

    year: int
    households_with_cases: str
    followup_plans: str
    missed_visits: str
    early_warnings: str
    evictions_prevented: str


def _overlaps(start: datetime.date, end: datetime.date | None, year: int) -> bool:
    return start <= datetime.date(year, 12, 31) and (
        end is None or end >= datetime.date(year, 1, 1)
    )


def area_intensity(
    *, actor: Actor, planning_area: PlanningArea, today: datetime.date | None = None
) -> list[IntensityRow]:
    """Per year (the last ``INTENSITY_YEARS``, newest first), from the dwellings of
    the area: households living there with an open housing case; follow-up plans
    running; missed follow-up visits; eviction-prevention cases opened (early
    warning on arrears or complaints); and prevention cases closed with the
    tenancy kept (evictions prevented). A case's current status is used: the
    case register keeps no status history."""
    require_role(actor, *READ_ROLES)
    from boligtorg.cases.models import Application, ApplicationStatus
    from boligtorg.followup.models import (
        FollowUpPlan,
        PreventionCase,
        PreventionOutcome,
        Visit,
        VisitStatus,
    )
    from boligtorg.housing.models import Lease

    today = today or timezone.localdate()
    years = list(range(today.year, today.year - INTENSITY_YEARS, -1))
    municipality, area_id = actor.municipality, planning_area.area_id
    leases = list(
        Lease.objects.filter(municipality=municipality, dwelling__area_id=area_id).values_list(
            "household_id", "start", "end", "terminated_on"
        )
    )
    cases = list(
        Application.objects.filter(
            municipality=municipality, household_id__in={lease[0] for lease in leases}
        )
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.CLOSED])
        .values_list("household_id", "received_on")
    )
    in_area = Q(municipality=municipality, lease__dwelling__area_id=area_id)
    plans = list(FollowUpPlan.objects.filter(in_area).values_list("started_on", "ended_on"))
    missed = list(
        Visit.objects.filter(
            municipality=municipality,
            plan__lease__dwelling__area_id=area_id,
            status=VisitStatus.MISSED,
        ).values_list("planned_at", flat=True)
    )
    prevention = list(
        PreventionCase.objects.filter(in_area).values_list("opened_on", "closed_on", "outcome")
    )
    kept = {PreventionOutcome.CLEARED, PreventionOutcome.PLAN_KEPT}
    rows = []
    for year in years:
        living = {
            household
            for household, start, end, terminated in leases
            if _overlaps(start, min(d for d in (end, terminated) if d), year)
        }
        with_cases = {
            household
            for household, received in cases
            if household in living and (received is None or received.year <= year)
        }
        rows.append(
            IntensityRow(
                year=year,
                households_with_cases=rules.suppressed(len(with_cases)),
                followup_plans=rules.suppressed(
                    sum(1 for start, end in plans if _overlaps(start, end, year))
                ),
                missed_visits=rules.suppressed(
                    sum(1 for at in missed if timezone.localtime(at).year == year)
                ),
                early_warnings=rules.suppressed(
                    sum(1 for opened, _c, _o in prevention if opened.year == year)
                ),
                evictions_prevented=rules.suppressed(
                    sum(
                        1
                        for _op, closed, outcome in prevention
                        if closed and closed.year == year and outcome in kept
                    )
                ),
            )
        )
    return rows


# Coordination ------------------------------------------------------------------------


def area_groups(*, actor: Actor, planning_area: PlanningArea) -> list[CoordinationGroup]:
    """The steering group first, then the KUF, with members and meetings (newest
    first) and each meeting's actions."""
    require_role(actor, *READ_ROLES)
    meetings = GroupMeeting.objects.order_by("-held_on", "-pk").prefetch_related("actions")
    return list(
        CoordinationGroup.objects.filter(municipality=actor.municipality, area=planning_area)
        .order_by("-kind")
        .prefetch_related("members", Prefetch("meetings", queryset=meetings))
    )


def group_get(*, actor: Actor, coordination_group_id: int) -> CoordinationGroup:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        CoordinationGroup.objects.select_related("area__area"), actor, pk=coordination_group_id
    )


def member_get(*, actor: Actor, group_member_id: int) -> GroupMember:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        GroupMember.objects.select_related("group__area__area"), actor, pk=group_member_id
    )


def meeting_get(*, actor: Actor, group_meeting_id: int) -> GroupMeeting:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        GroupMeeting.objects.select_related("group__area__area").prefetch_related("actions"),
        actor,
        pk=group_meeting_id,
    )


def action_get(*, actor: Actor, meeting_action_id: int) -> MeetingAction:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        MeetingAction.objects.select_related("meeting__group__area__area"),
        actor,
        pk=meeting_action_id,
    )
