"""Reads of housing programmes and action plans: the lists, one programme with
its needs, projects and coverage, its mapped persons (persons' data: planners and
managers only; a case link only for those who may read the case), the grouping
proposal of ``composition.group``, one action plan with its goals, activities,
reporting matrix and status reports.

Planners and managers write; caseworkers and municipality administrators read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from boligtorg.cases.access import can_read
from boligtorg.cases.models import Application, MappingInterview, TargetGroup
from boligtorg.cases.selectors import case_search_filter
from boligtorg.core.models import Role
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain import composition
from boligtorg.domain import programme as rules

from .models import (
    ActionPlan,
    Activity,
    ActivityProgress,
    FocusArea,
    HousingProgramme,
    MainGoal,
    MappedPerson,
    ProgrammeNeed,
    Project,
    StatusReport,
    SubGoal,
)

READ_ROLES = (Role.PLANNER, Role.MANAGER, Role.CASEWORKER, Role.MUNICIPALITY_ADMIN)
WRITE_ROLES = (Role.PLANNER, Role.MANAGER)
PERSON_ROLES = (Role.PLANNER, Role.MANAGER)
GROUPING_SECONDS = 5.0


def can_write(actor: Actor) -> bool:
    return actor.has_role(*WRITE_ROLES)


def can_see_persons(actor: Actor) -> bool:
    return actor.has_role(*PERSON_ROLES)


# Programmes ---------------------------------------------------------------------------


def programme_list(*, actor: Actor) -> QuerySet[HousingProgramme]:
    require_role(actor, *READ_ROLES)
    return (
        HousingProgramme.objects.filter(municipality=actor.municipality)
        .annotate(
            person_count=Count("persons", distinct=True),
            project_count=Count("projects", distinct=True),
        )
        .order_by("-first_year", "name", "pk")
    )


def programme_get(*, actor: Actor, programme_id: int) -> HousingProgramme:
    require_role(actor, *READ_ROLES)
    return get_for_actor(HousingProgramme.objects.all(), actor, pk=programme_id)


def project_get(*, actor: Actor, project_id: int) -> Project:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        Project.objects.select_related("programme").prefetch_related("needs"),
        actor,
        pk=project_id,
    )


def mapped_person_get(*, actor: Actor, mapped_person_id: int) -> MappedPerson:
    """One mapped person, for planners and managers only (403 for other roles)."""
    require_role(actor, *READ_ROLES)
    person = get_for_actor(
        MappedPerson.objects.select_related(
            "programme", "target_group", "application", "programme_need"
        ).prefetch_related("avoid"),
        actor,
        pk=mapped_person_id,
    )
    if not can_see_persons(actor):
        raise PermissionDenied
    return person


def project_queryset(programme: HousingProgramme) -> QuerySet[Project]:
    return programme.projects.prefetch_related(
        Prefetch("needs", ProgrammeNeed.objects.order_by("position", "pk"))
    )


def need_list(programme: HousingProgramme) -> QuerySet[ProgrammeNeed]:
    return programme.needs.annotate(member_count=Count("members")).order_by("position", "pk")


@dataclass(frozen=True)
class PersonRow:
    person: MappedPerson
    case_visible: bool


def mapped_person_queryset(programme: HousingProgramme) -> QuerySet[MappedPerson]:
    return programme.persons.select_related(
        "target_group", "application", "programme_need"
    ).prefetch_related(Prefetch("avoid", MappedPerson.objects.only("pk", "pseudonym")))


def person_rows(*, actor: Actor, persons: list[MappedPerson]) -> list[PersonRow]:
    """The persons with whether the actor may follow each one's case link. The case
    team check queries per linked case only when the role alone does not decide."""
    rows = []
    for person in persons:
        visible = person.application is not None and can_read(actor, person.application)
        rows.append(PersonRow(person, visible))
    return rows


def coverage_of(programme: HousingProgramme) -> rules.Coverage:
    """The programme's coverage: each mapped person counts toward their accepted
    need's kind (or the default kind of their interview need)."""
    demands = [
        rules.Demand(kind or rules.default_kind(need), year)
        for need, year, kind in programme.persons.values_list(
            "need", "expected_year", "programme_need__kind"
        )
    ]
    supplies = [
        rules.Supply(kind, year, units, status)
        for kind, year, units, status in programme.projects.values_list(
            "need_kind", "year", "units", "status"
        )
    ]
    return rules.coverage(demands, supplies, programme.first_year, programme.last_year)


@dataclass(frozen=True)
class Financing:
    cost: int
    own_funds: int
    investment_grant: int
    loans: int


def financing_total(programme: HousingProgramme) -> Financing:
    sums = programme.projects.aggregate(
        cost=Sum("cost"),
        own_funds=Sum("own_funds"),
        investment_grant=Sum("investment_grant"),
        loans=Sum("loans"),
    )
    return Financing(**{key: value or 0 for key, value in sums.items()})


def case_choices(*, actor: Actor) -> QuerySet[Application]:
    """The cases the actor may link a mapped person to: those the actor may read."""
    qs = Application.objects.filter(municipality=actor.municipality).select_related("applicant")
    if actor.has_role(Role.CASEWORKER, Role.MANAGER, Role.AUDITOR):
        return qs.order_by("number")
    user = actor.user.pk

    return (
        qs.filter(Q(caseworker_id=user) | Q(coordinator_id=user) | Q(team__user_id=user))
        .distinct()
        .order_by("number")
    )


def case_search(*, actor: Actor, programme: HousingProgramme, search: str) -> QuerySet[Application]:
    """The cases the actor may read that match ``search`` as the case list reads it
    (a case number, a name, from ten digits a national id) and are not mapped in
    the programme yet. Nothing for an empty search: the planner looks for one case,
    never browses the municipality's cases."""
    require_role(actor, *WRITE_ROLES)
    search = search.strip()
    if not search:
        return Application.objects.none()
    mapped = programme.persons.filter(application__isnull=False).values("application_id")
    return case_choices(actor=actor).filter(case_search_filter(search)).exclude(pk__in=mapped)


# Age groups by their lowest age, oldest first (``AgeGroup``).
_AGE_GROUP_FLOORS = ((67, "67+"), (51, "51-66"), (36, "36-50"), (26, "26-35"), (0, "18-25"))
_INTERVIEW_INTERESTS = (
    ("in_work_or_education", "work or education"),
    ("interest_in_young_people", "role model for young people"),
)


def age_group_on(date_of_birth: datetime.date, on: datetime.date) -> str:
    """The programme's age group of a person born on ``date_of_birth``; under 18
    counts as 18-25 (a young person mapped ahead of moving out)."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    age = on.year - date_of_birth.year - before_birthday
    return next(group for floor, group in _AGE_GROUP_FLOORS if age >= floor)


def case_prefill(
    *, programme: HousingProgramme, application: Application, today: datetime.date
) -> dict[str, Any]:
    """What a mapped person takes from a case the actor may read: the age group
    (never the date of birth), gender, the first target group, the need (a shared
    house acceptable or not), the year (this year, within the programme) and the
    interview's two composition answers as interests. Never the name, the national
    id or a special-category field: the programme is read by more people than the
    case."""
    person = application.applicant
    gender = person.gender if person.gender in ("female", "male") else "other"
    interests: list[str] = []
    interview = MappingInterview.objects.filter(application=application).first()
    if interview is not None:
        interests = [code for attr, code in _INTERVIEW_INTERESTS if getattr(interview, attr)]
    year = min(max(today.year, programme.first_year), programme.last_year)
    return {
        "case_number": application.number,
        "age_group": age_group_on(person.date_of_birth, today),
        "gender": gender,
        "target_group": application.target_groups.filter(is_active=True)
        .order_by("sort_order", "name")
        .first(),
        "expected_year": year,
        "need": "cluster_ok" if application.accepts_shared_house else "single_only",
        "interests": ", ".join(interests),
    }


def target_group_choices(*, actor: Actor) -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(municipality=actor.municipality, is_active=True)


# Grouping --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedGroup:
    need: rules.ProposedNeed
    members: tuple[MappedPerson, ...]


@dataclass(frozen=True)
class Proposal:
    """What ``composition.group`` proposes for the programme's mapped persons."""

    result: composition.Grouping
    groups: tuple[ProposedGroup, ...] = ()
    persons: int = 0
    clusters: int = 0
    singles: int = 0
    encoded: str = ""
    infeasibilities: tuple[composition.Infeasibility, ...] = field(default_factory=tuple)


def encode_partition(partition: composition.Partition) -> str:
    """``"1,2,3;4,5,6|7,8"``: the clusters, then the singles (for the accept form)."""
    clusters = ";".join(",".join(str(i) for i in cluster) for cluster in partition.clusters)
    return f"{clusters}|{','.join(str(i) for i in partition.singles)}"


def decode_partition(text: str) -> composition.Partition | None:
    """The partition of ``encode_partition``; None for text that is not one."""
    try:
        clusters_text, singles_text = text.split("|")
        clusters = tuple(
            tuple(int(i) for i in part.split(",")) for part in clusters_text.split(";") if part
        )
        singles = tuple(int(i) for i in singles_text.split(",") if i)
    except ValueError:
        return None
    return composition.Partition(clusters=clusters, singles=singles)


def grouping_propose(
    *, actor: Actor, programme: HousingProgramme, time_limit: float = GROUPING_SECONDS
) -> Proposal:
    """Run the constrained grouping (clusters of 4-6 or separate dwellings, seed
    004) on the programme's mapped persons; planners and managers only."""
    from .services.programmes import domain_persons

    require_role(actor, *PERSON_ROLES)
    persons = list(mapped_person_queryset(programme).order_by("pk").prefetch_related("avoid"))
    plain = domain_persons(persons)
    result = composition.group(plain, composition.ClusterRules(), time_limit=time_limit)
    if result.partition is None:
        return Proposal(result, persons=len(persons), infeasibilities=result.infeasibilities)
    by_pk = {p.pk: p for p in persons}
    needs = rules.proposed_needs(result.partition, plain)
    groups = tuple(ProposedGroup(need, tuple(by_pk[i] for i in need.members)) for need in needs)
    return Proposal(
        result,
        groups=groups,
        persons=len(persons),
        clusters=len(result.partition.clusters),
        singles=len(result.partition.singles),
        encoded=encode_partition(result.partition),
    )


# Action plans ----------------------------------------------------------------------


def action_plan_list(*, actor: Actor) -> QuerySet[ActionPlan]:
    require_role(actor, *READ_ROLES)
    return (
        ActionPlan.objects.filter(municipality=actor.municipality)
        .annotate(
            goal_count=Count("goals", distinct=True),
            activity_count=Count("activities", distinct=True),
            report_count=Count("reports", distinct=True),
        )
        .order_by("-first_year", "name", "pk")
    )


def action_plan_get(*, actor: Actor, action_plan_id: int) -> ActionPlan:
    require_role(actor, *READ_ROLES)
    return get_for_actor(ActionPlan.objects.all(), actor, pk=action_plan_id)


def goal_get(*, actor: Actor, plan_goal_id: int) -> MainGoal:
    require_role(actor, *READ_ROLES)
    return get_for_actor(MainGoal.objects.select_related("plan"), actor, pk=plan_goal_id)


def sub_goal_get(*, actor: Actor, sub_goal_id: int) -> SubGoal:
    require_role(actor, *READ_ROLES)
    return get_for_actor(SubGoal.objects.select_related("goal__plan"), actor, pk=sub_goal_id)


def activity_get(*, actor: Actor, plan_activity_id: int) -> Activity:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        Activity.objects.select_related("plan", "goal", "sub_goal").prefetch_related(
            "focus_areas", "target_groups"
        ),
        actor,
        pk=plan_activity_id,
    )


def status_report_get(*, actor: Actor, status_report_id: int) -> StatusReport:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        StatusReport.objects.select_related("plan", "created_by").prefetch_related(
            Prefetch("progress", ActivityProgress.objects.order_by("position", "pk"))
        ),
        actor,
        pk=status_report_id,
    )


def activity_queryset(plan: ActionPlan) -> QuerySet[Activity]:
    return (
        plan.activities.select_related("goal", "sub_goal")
        .prefetch_related(
            Prefetch("focus_areas", FocusArea.objects.order_by("sort_order", "name")),
            Prefetch("target_groups", TargetGroup.objects.order_by("sort_order", "name")),
        )
        .order_by("goal__position", "starts_on", "pk")
    )


def goal_tree(plan: ActionPlan) -> list[MainGoal]:
    """The main goals with their sub-goals (two queries)."""
    return list(
        plan.goals.prefetch_related(
            Prefetch("sub_goals", SubGoal.objects.order_by("position", "pk"))
        ).order_by("position", "pk")
    )


def focus_area_choices(*, actor: Actor) -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(municipality=actor.municipality, is_active=True)


def report_queryset(plan: ActionPlan) -> QuerySet[StatusReport]:
    return plan.reports.select_related("created_by").order_by("-period_to", "-pk")


def latest_status_report(plan: ActionPlan) -> StatusReport | None:
    """The plan's newest status report (latest period end) with its progress rows,
    or None when none is written yet."""
    return (
        report_queryset(plan)
        .prefetch_related(Prefetch("progress", ActivityProgress.objects.order_by("position", "pk")))
        .first()
    )


@dataclass(frozen=True)
class MatrixRow:
    target_group: TargetGroup
    cells: tuple[tuple[Activity, ...], ...]


@dataclass(frozen=True)
class Matrix:
    """Target groups × focus areas (seed 003's reporting tool): the activities that
    address both the row's target group and the column's focus area."""

    focus_areas: tuple[FocusArea, ...]
    rows: tuple[MatrixRow, ...]


def reporting_matrix(*, actor: Actor, activities: list[Activity]) -> Matrix:
    areas = tuple(focus_area_choices(actor=actor).order_by("sort_order", "name"))
    groups = tuple(target_group_choices(actor=actor).order_by("sort_order", "name"))
    rows = []
    for group in groups:
        cells = []
        for area in areas:
            cells.append(
                tuple(
                    a
                    for a in activities
                    if any(g.pk == group.pk for g in a.target_groups.all())
                    and any(f.pk == area.pk for f in a.focus_areas.all())
                )
            )
        rows.append(MatrixRow(group, tuple(cells)))
    return Matrix(areas, tuple(rows))
