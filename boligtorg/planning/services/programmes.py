"""Writes of the housing programme (seed 004, Tromsø): the programme, its mapped
persons, the needs accepted from a grouping, and its projects with financing.

Each service checks the role (``selectors_programmes.WRITE_ROLES``) and the
municipality, validates with the field named, writes in one transaction and
records an audit event. Error messages are the ``ERROR_`` constants; tests assert
them verbatim."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.access import can_read
from boligtorg.cases.models import Application, TargetGroup
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain import composition
from boligtorg.domain import programme as rules

from ..models import (
    AgeGroup,
    HousingProgramme,
    MappedPerson,
    NeedKind,
    PersonNeed,
    ProgrammeNeed,
    Project,
    ProjectKind,
    ProjectStatus,
)
from ..selectors_programmes import WRITE_ROLES

ERROR_NAME = _("Give the programme a name.")
ERROR_YEAR = _("Give a year from %(min)s to %(max)s.")
ERROR_LAST_BEFORE_FIRST = _("The last year cannot be before the first year (%(year)s).")
ERROR_TOO_LONG = _("A programme covers at most %(years)s years.")
ERROR_PERSONS_AFTER_END = _(
    "Mapped persons need a dwelling from %(year)s; the programme cannot end before that."
)
ERROR_PSEUDONYM = _("Give initials or a pseudonym, never the person's name.")
ERROR_PSEUDONYM_TAKEN = _("Another mapped person of this programme has this pseudonym.")
ERROR_CASE_TAKEN = _("This case is already mapped in the programme.")
ERROR_CASE_UNKNOWN = _("No case you may read has this number.")
ERROR_EXPECTED_AFTER_END = _("The programme ends in %(year)s; map needs up to that year.")
ERROR_CHOICE = _("Choose one of the options.")
ERROR_AVOID_SELF = _("A person cannot be asked to avoid themselves.")
ERROR_AVOID_OTHER = _("Choose persons mapped in this programme.")
ERROR_PROJECT_NAME = _("Give the project a name.")
ERROR_UNITS = _("A project has from 1 to 500 units.")
ERROR_NEEDS_KIND = _("The project provides %(kind)s; choose needs of that kind only.")
ERROR_AMOUNT = _("Give an amount in whole kroner, 0 or more.")
ERROR_FINANCING_SHORT = _(
    "Own funds, grant and loans add up to %(sum)s kr, %(gap)s kr short of the cost (%(cost)s kr)."
)
ERROR_FINANCING_OVER = _(
    "Own funds, grant and loans add up to %(sum)s kr, %(gap)s kr more than the cost (%(cost)s kr)."
)
ERROR_GROUPING_STALE = _(
    "The mapped persons changed since the proposal was made. Make a new proposal."
)
ERROR_GROUPING_BROKEN = _("The proposal breaks the grouping rules. Make a new proposal.")

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_SPAN_YEARS = 20
MAX_UNITS = 500
PROGRAMME_FIELDS = ("name", "description", "first_year", "last_year")
PERSON_FIELDS = (
    "pseudonym",
    "age_group",
    "gender",
    "expected_year",
    "need",
    "interests",
)
PROJECT_FIELDS = (
    "name",
    "kind",
    "status",
    "year",
    "units",
    "need_kind",
    "cost",
    "own_funds",
    "investment_grant",
    "loans",
)


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0")


def _check(actor: Actor, *objects: Model | None) -> Actor:
    """The actor may write, and every object is of its municipality."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, *objects)
    return actor


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _year_error(value: int | None) -> ValidationError | None:
    if value is None or not MIN_YEAR <= value <= MAX_YEAR:
        return ValidationError(ERROR_YEAR, params={"min": MIN_YEAR, "max": MAX_YEAR})
    return None


def _snapshot(obj: Model, fields: Iterable[str]) -> dict[str, Any]:
    """The ``fields`` of ``obj`` as an audit event stores them (dates as ISO text)."""
    values = {name: getattr(obj, name) for name in fields}
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


# The programme --------------------------------------------------------------------


def _programme_errors(name: str, first_year: int | None, last_year: int | None) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not name.strip():
        errors["name"] = ERROR_NAME
    for field, year in (("first_year", first_year), ("last_year", last_year)):
        if error := _year_error(year):
            errors[field] = error
    if not errors.keys() & {"first_year", "last_year"}:
        assert first_year is not None and last_year is not None  # noqa: S101 - checked above
        if last_year < first_year:
            errors["last_year"] = ValidationError(
                ERROR_LAST_BEFORE_FIRST, params={"year": first_year}
            )
        elif last_year - first_year + 1 > MAX_SPAN_YEARS:
            errors["last_year"] = ValidationError(ERROR_TOO_LONG, params={"years": MAX_SPAN_YEARS})
    return errors


@transaction.atomic
def programme_create(
    *, actor: Actor, name: str, description: str = "", first_year: int, last_year: int
) -> HousingProgramme:
    _check(actor)
    _raise(_programme_errors(name, first_year, last_year))
    programme = HousingProgramme.objects.create(
        municipality=actor.municipality,
        name=name.strip(),
        description=description.strip(),
        first_year=first_year,
        last_year=last_year,
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=programme,
        changes=changed_fields({}, _snapshot(programme, PROGRAMME_FIELDS)),
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Actor,
    programme: HousingProgramme,
    name: str,
    description: str = "",
    first_year: int,
    last_year: int,
) -> HousingProgramme:
    _check(actor, programme)
    errors = _programme_errors(name, first_year, last_year)
    latest = programme.persons.aggregate(latest=Max("expected_year"))["latest"]
    if "last_year" not in errors and latest is not None and last_year < latest:
        errors["last_year"] = ValidationError(ERROR_PERSONS_AFTER_END, params={"year": latest})
    _raise(errors)
    before = _snapshot(programme, PROGRAMME_FIELDS)
    programme.name, programme.description = name.strip(), description.strip()
    programme.first_year, programme.last_year = first_year, last_year
    programme.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=programme,
        changes=changed_fields(before, _snapshot(programme, PROGRAMME_FIELDS)),
    )
    return programme


@transaction.atomic
def programme_delete(*, actor: Actor, programme: HousingProgramme) -> None:
    """Delete the programme with its mapped persons, needs and projects."""
    _check(actor, programme)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=programme)
    programme.delete()


# Mapped persons ---------------------------------------------------------------------


def _person_errors(
    actor: Actor,
    programme: HousingProgramme,
    *,
    person: MappedPerson | None,
    pseudonym: str,
    age_group: str,
    need: str,
    expected_year: int | None,
    target_group: TargetGroup | None,
    application: Application | None,
    avoid: Sequence[MappedPerson],
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not pseudonym.strip():
        errors["pseudonym"] = ERROR_PSEUDONYM
    else:
        taken = MappedPerson.objects.filter(programme=programme, pseudonym=pseudonym.strip())
        if person is not None:
            taken = taken.exclude(pk=person.pk)
        if taken.exists():
            errors["pseudonym"] = ERROR_PSEUDONYM_TAKEN
    if age_group not in AgeGroup.values:
        errors["age_group"] = ERROR_CHOICE
    if need not in PersonNeed.values:
        errors["need"] = ERROR_CHOICE
    if error := _year_error(expected_year):
        errors["expected_year"] = error
    elif expected_year is not None and expected_year > programme.last_year:
        errors["expected_year"] = ValidationError(
            ERROR_EXPECTED_AFTER_END, params={"year": programme.last_year}
        )
    if target_group is not None and target_group.municipality_id != actor.municipality.pk:
        errors["target_group"] = ERROR_CHOICE
    # A link made by someone who may read the case stays when a colleague who may
    # not edits the person; only a new link needs read access.
    kept = (
        person is not None and application is not None and application.pk == person.application_id
    )
    if application is not None and not kept:
        if application.municipality_id != actor.municipality.pk or not can_read(actor, application):
            errors["application"] = ERROR_CASE_UNKNOWN
        else:
            same = MappedPerson.objects.filter(programme=programme, application=application)
            if person is not None:
                same = same.exclude(pk=person.pk)
            if same.exists():
                errors["application"] = ERROR_CASE_TAKEN
    for other in avoid:
        if person is not None and other.pk == person.pk:
            errors["avoid"] = ERROR_AVOID_SELF
        elif other.programme_id != programme.pk:
            errors["avoid"] = ERROR_AVOID_OTHER
    return errors


@transaction.atomic
def mapped_person_add(
    *,
    actor: Actor,
    programme: HousingProgramme,
    pseudonym: str,
    age_group: str,
    expected_year: int,
    need: str,
    gender: str = "other",
    target_group: TargetGroup | None = None,
    interests: str = "",
    avoid: Sequence[MappedPerson] = (),
    application: Application | None = None,
) -> MappedPerson:
    """Map a person expected to need a dwelling: from a case (``application``) or
    entered directly, with initials or a pseudonym only."""
    _check(actor, programme)
    _raise(
        _person_errors(
            actor,
            programme,
            person=None,
            pseudonym=pseudonym,
            age_group=age_group,
            need=need,
            expected_year=expected_year,
            target_group=target_group,
            application=application,
            avoid=avoid,
        )
    )
    person = MappedPerson.objects.create(
        municipality=programme.municipality,
        programme=programme,
        application=application,
        pseudonym=pseudonym.strip(),
        age_group=age_group,
        gender=gender,
        target_group=target_group,
        expected_year=expected_year,
        need=need,
        interests=", ".join(rules.interest_codes(interests)),
        created_by=actor.user,
    )
    person.avoid.set(avoid)
    changes = changed_fields({}, _snapshot(person, PERSON_FIELDS))
    if application is not None:
        changes["application"] = [None, application.pk]
    audit_record(actor=actor, action=AuditAction.CREATE, obj=person, changes=changes)
    return person


@transaction.atomic
def mapped_person_update(
    *,
    actor: Actor,
    person: MappedPerson,
    pseudonym: str,
    age_group: str,
    expected_year: int,
    need: str,
    gender: str = "other",
    target_group: TargetGroup | None = None,
    interests: str = "",
    avoid: Sequence[MappedPerson] = (),
    application: Application | None = None,
) -> MappedPerson:
    programme = person.programme
    _check(actor, person)
    _raise(
        _person_errors(
            actor,
            programme,
            person=person,
            pseudonym=pseudonym,
            age_group=age_group,
            need=need,
            expected_year=expected_year,
            target_group=target_group,
            application=application,
            avoid=avoid,
        )
    )
    before = _snapshot(person, PERSON_FIELDS)
    before["application"] = person.application_id
    person.pseudonym, person.age_group, person.gender = pseudonym.strip(), age_group, gender
    person.expected_year, person.need, person.target_group = expected_year, need, target_group
    person.interests = ", ".join(rules.interest_codes(interests))
    person.application = application
    person.save()
    person.avoid.set(avoid)
    after = _snapshot(person, PERSON_FIELDS)
    after["application"] = person.application_id
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=person, changes=changed_fields(before, after)
    )
    return person


@transaction.atomic
def mapped_person_delete(*, actor: Actor, person: MappedPerson) -> None:
    _check(actor, person)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=person)
    person.delete()


# Grouping ---------------------------------------------------------------------------


def domain_persons(persons: Iterable[MappedPerson]) -> list[composition.MappedPerson]:
    """The mapped persons as the solver's plain data (``avoid`` prefetched)."""
    return [
        composition.MappedPerson(
            id=p.pk,
            gender=p.gender,
            age=rules.AGE_OF_GROUP[p.age_group],
            needs=p.need,
            attributes=frozenset(p.interest_codes),
            avoid=frozenset(other.pk for other in p.avoid.all()),
        )
        for p in persons
    ]


@transaction.atomic
def programme_needs_accept(
    *, actor: Actor, programme: HousingProgramme, partition: composition.Partition
) -> list[ProgrammeNeed]:
    """Make a grouping the programme's needs: one need per cluster (with services
    when a member needs a staff base) and one separate dwelling per single. The
    grouping is checked again (``composition.violations``): a proposal made before
    the persons changed, or altered on the way, is refused. The needs accepted
    before are replaced (projects lose their links to them)."""
    _check(actor, programme)
    HousingProgramme.objects.select_for_update().get(pk=programme.pk)
    persons = list(
        MappedPerson.objects.filter(programme=programme).prefetch_related("avoid").order_by("pk")
    )
    plain = domain_persons(persons)
    placed = {*partition.singles, *(i for cluster in partition.clusters for i in cluster)}
    if placed != {p.pk for p in persons}:
        raise ValidationError(ERROR_GROUPING_STALE)
    cluster_rules = composition.ClusterRules()
    if composition.violations(partition, plain, cluster_rules):
        raise ValidationError(ERROR_GROUPING_BROKEN)
    old = list(programme.needs.values_list("label", flat=True))
    programme.needs.all().delete()
    made: list[ProgrammeNeed] = []
    counters = dict.fromkeys(rules.NEED_KINDS, 0)
    by_pk = {p.pk: p for p in persons}
    for position, proposed in enumerate(rules.proposed_needs(partition, plain)):
        counters[proposed.kind] += 1
        need = ProgrammeNeed.objects.create(
            municipality=programme.municipality,
            programme=programme,
            kind=proposed.kind,
            label=f"{NeedKind(proposed.kind).label} {counters[proposed.kind]}",
            units=len(proposed.members),
            position=position,
        )
        MappedPerson.objects.filter(pk__in=[by_pk[i].pk for i in proposed.members]).update(
            programme_need=need
        )
        made.append(need)
    programme.needs_accepted_at = timezone.now()
    programme.needs_accepted_by = actor.user
    programme.needs_score = composition.score(partition, plain, cluster_rules)
    programme.save(update_fields=["needs_accepted_at", "needs_accepted_by", "needs_score"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=programme,
        changes={"needs": [old, [str(n) for n in made]]},
    )
    return made


# Projects ---------------------------------------------------------------------------


def _project_errors(
    *,
    name: str,
    kind: str,
    status: str,
    year: int | None,
    units: int | None,
    need_kind: str,
    needs: Sequence[ProgrammeNeed],
    programme: HousingProgramme,
    cost: int | None,
    own_funds: int | None,
    investment_grant: int | None,
    loans: int | None,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not name.strip():
        errors["name"] = ERROR_PROJECT_NAME
    for field, value, choices in (
        ("kind", kind, ProjectKind.values),
        ("status", status, ProjectStatus.values),
        ("need_kind", need_kind, NeedKind.values),
    ):
        if value not in choices:
            errors[field] = ERROR_CHOICE
    if error := _year_error(year):
        errors["year"] = error
    if units is None or not 1 <= units <= MAX_UNITS:
        errors["units"] = ERROR_UNITS
    if any(n.programme_id != programme.pk for n in needs):
        errors["needs"] = ERROR_CHOICE
    elif "need_kind" not in errors and any(n.kind != need_kind for n in needs):
        errors["needs"] = ValidationError(
            ERROR_NEEDS_KIND, params={"kind": str(NeedKind(need_kind).label).lower()}
        )
    amounts = {
        "cost": cost,
        "own_funds": own_funds,
        "investment_grant": investment_grant,
        "loans": loans,
    }
    for field, amount in amounts.items():
        if amount is None or amount < 0:
            errors[field] = ERROR_AMOUNT
    if not errors.keys() & amounts.keys():
        gap = rules.financing_gap(cost, own_funds, investment_grant, loans)  # type: ignore[arg-type]
        if gap:
            message = ERROR_FINANCING_SHORT if gap > 0 else ERROR_FINANCING_OVER
            total = cost - gap  # type: ignore[operator]
            errors["own_funds"] = ValidationError(
                message,
                params={"sum": _kr(total), "gap": _kr(abs(gap)), "cost": _kr(cost)},  # type: ignore[arg-type]
            )
    return errors


@transaction.atomic
def project_create(
    *,
    actor: Actor,
    programme: HousingProgramme,
    name: str,
    kind: str,
    status: str,
    year: int,
    units: int,
    need_kind: str,
    cost: int,
    own_funds: int,
    investment_grant: int,
    loans: int,
    needs: Sequence[ProgrammeNeed] = (),
) -> Project:
    """A project of the programme; own funds, grant and loans add up to the cost."""
    _check(actor, programme)
    fields = {
        "name": name,
        "kind": kind,
        "status": status,
        "year": year,
        "units": units,
        "need_kind": need_kind,
        "cost": cost,
        "own_funds": own_funds,
        "investment_grant": investment_grant,
        "loans": loans,
    }
    _raise(_project_errors(programme=programme, needs=needs, **fields))
    fields["name"] = name.strip()
    project = Project.objects.create(
        municipality=programme.municipality, programme=programme, created_by=actor.user, **fields
    )
    project.needs.set(needs)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=project,
        changes=changed_fields({}, _snapshot(project, PROJECT_FIELDS)),
    )
    return project


@transaction.atomic
def project_update(
    *,
    actor: Actor,
    project: Project,
    name: str,
    kind: str,
    status: str,
    year: int,
    units: int,
    need_kind: str,
    cost: int,
    own_funds: int,
    investment_grant: int,
    loans: int,
    needs: Sequence[ProgrammeNeed] = (),
) -> Project:
    _check(actor, project)
    fields = {
        "name": name,
        "kind": kind,
        "status": status,
        "year": year,
        "units": units,
        "need_kind": need_kind,
        "cost": cost,
        "own_funds": own_funds,
        "investment_grant": investment_grant,
        "loans": loans,
    }
    _raise(_project_errors(programme=project.programme, needs=needs, **fields))
    fields["name"] = name.strip()
    before = _snapshot(project, PROJECT_FIELDS)
    for field, value in fields.items():
        setattr(project, field, value)
    project.save()
    project.needs.set(needs)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=project,
        changes=changed_fields(before, _snapshot(project, PROJECT_FIELDS)),
    )
    return project


@transaction.atomic
def project_delete(*, actor: Actor, project: Project) -> None:
    _check(actor, project)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=project)
    project.delete()
