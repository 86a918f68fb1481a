"""Shared-house composition (seed 000, Trondheim): the rules of each house, kept
as data, and the proposal of who should fill its free units, solved to optimality
with OR-Tools CP-SAT in ``boligtorg.domain.composition``. The meeting can lock the
chosen to the house's dwellings on its agenda and offer them as usual."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, TargetGroup
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import composition
from boligtorg.housing.models import SharedHouse

from .. import selectors_houses as houses
from ..access import HOUSE_RULE_ROLES, MEETING_ROLES
from ..models import AgendaItem, HouseRules, HouseSlot, ItemOutcome, Meeting, PairKind
from .meetings import pair_constraint_add
from .rules import eligibility_rules, priority_rules, rule_set_for

ERROR_CAP = _("Give a number from 1 to 50, or leave the field empty for no cap.")
ERROR_SLOT_LABEL = _("Name the role, for example “young refugee” or “role model”.")
ERROR_SLOT_COUNT = _("A role needs from 1 to 50 units.")
ERROR_SLOT_AGE = _("Give an age from 0 to 120.")
ERROR_SLOT_AGES = _("The oldest age cannot be below the youngest.")
ERROR_SLOT_TOO_MANY = _(
    "The roles would hold %(slots)s units, but the house has %(units)s dwellings."
)
ERROR_NO_RULES = _("The house has no roles yet. Add the roles its units are for first.")
ERROR_NO_RULE_SET = _(
    "No allocation rule set is valid on %(date)s, so there are no priority points to "
    "compare candidates by."
)
ERROR_NO_FREE = _("Every unit of the house is let; there is nothing to fill.")
ERROR_OVERFULL = _(
    "The house has more residents (%(residents)s) than its roles hold (%(slots)s). "
    "Add a role or raise a count."
)
ERROR_NO_MEETING = _(
    "No open allocation meeting has a free dwelling of this house on its agenda. "
    "Create a meeting first."
)
ERROR_NOTHING_CHOSEN = _("Choose whom to lock.")
ERROR_MODEL_GROUP = _(
    "Trondheim's model needs the target group with code “%(code)s”; add it to the "
    "municipality's target groups first."
)

TRONDHEIM_MODEL = (
    # (label, count, groups, work or education, interest in young, min age, max age)
    ("Ung enslig mindreårig flyktning", 3, ("unaccompanied_minor",), True, False, 18, 20),
    ("Voksen flyktning som rollemodell", 2, ("refugee",), True, True, 21, None),
)
"""Seed 000: three young unaccompanied refugees in transition to adulthood, in daily
activity, and two adult refugees as role models; different gender and country."""


def _own(actor: Actor, *objects: object) -> None:
    for obj in objects:
        if getattr(obj, "municipality_id", actor.municipality.pk) != actor.municipality.pk:
            raise PermissionDenied


def _rules_for(house: SharedHouse) -> HouseRules:
    rules_row, _created = HouseRules.objects.get_or_create(shared_house=house)
    return rules_row


def _cap(value: int | None) -> bool:
    return value is None or 1 <= value <= 50


@transaction.atomic
def house_rules_save(
    *,
    actor: Actor,
    house: SharedHouse,
    max_same_gender: int | None,
    max_same_country: int | None,
) -> HouseRules:
    """Set the house's diversity caps (``None``: no cap)."""
    require_role(actor, *HOUSE_RULE_ROLES)
    _own(actor, house)
    errors = {}
    if not _cap(max_same_gender):
        errors["max_same_gender"] = ERROR_CAP
    if not _cap(max_same_country):
        errors["max_same_country"] = ERROR_CAP
    if errors:
        raise ValidationError(errors)
    rules_row = _rules_for(house)
    before = [rules_row.max_same_gender, rules_row.max_same_country]
    rules_row.max_same_gender = max_same_gender
    rules_row.max_same_country = max_same_country
    rules_row.updated_by = actor.user
    rules_row.updated_at = timezone.now()
    rules_row.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=house,
        changes={"caps": [before, [max_same_gender, max_same_country]]},
    )
    return rules_row


def slot_errors(
    house: SharedHouse,
    *,
    label: str,
    count: int,
    min_age: int | None,
    max_age: int | None,
) -> dict[str, object]:
    """The rule broken by each field of a new role, ``{field: message}``."""
    errors: dict[str, object] = {}
    if not label.strip():
        errors["label"] = ERROR_SLOT_LABEL
    if not 1 <= count <= 50:
        errors["count"] = ERROR_SLOT_COUNT
    for name, age in (("min_age", min_age), ("max_age", max_age)):
        if age is not None and not 0 <= age <= 120:
            errors[name] = ERROR_SLOT_AGE
    if (
        "max_age" not in errors
        and min_age is not None
        and max_age is not None
        and max_age < min_age
    ):
        errors["max_age"] = ERROR_SLOT_AGES
    if "count" not in errors:
        held = sum(
            HouseSlot.objects.filter(rules__shared_house=house).values_list("count", flat=True)
        )
        units = house.dwellings.count()
        if held + count > units:
            errors["count"] = ERROR_SLOT_TOO_MANY % {"slots": held + count, "units": units}
    return errors


@transaction.atomic
def house_slot_add(
    *,
    actor: Actor,
    house: SharedHouse,
    label: str,
    count: int,
    target_groups: Iterable[TargetGroup] = (),
    needs_work_or_education: bool = False,
    needs_interest_in_young_people: bool = False,
    min_age: int | None = None,
    max_age: int | None = None,
) -> HouseSlot:
    """Add a role to the house: ``count`` units for people with all of
    ``target_groups`` and the required interview answers, aged within the bounds."""
    require_role(actor, *HOUSE_RULE_ROLES)
    groups = list(target_groups)
    _own(actor, house, *groups)
    errors = slot_errors(house, label=label, count=count, min_age=min_age, max_age=max_age)
    if errors:
        raise ValidationError(errors)
    slot = HouseSlot.objects.create(
        rules=_rules_for(house),
        label=" ".join(label.split()),
        count=count,
        needs_work_or_education=needs_work_or_education,
        needs_interest_in_young_people=needs_interest_in_young_people,
        min_age=min_age,
        max_age=max_age,
    )
    slot.target_groups.set(groups)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=house,
        changes={"slot": [None, [slot.label, count, sorted(g.code for g in groups)]]},
    )
    return slot


@transaction.atomic
def house_slot_remove(*, actor: Actor, slot: HouseSlot) -> None:
    require_role(actor, *HOUSE_RULE_ROLES)
    house = slot.rules.shared_house
    _own(actor, house)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=house,
        changes={"slot": [[slot.label, slot.count], None]},
    )
    slot.delete()


@transaction.atomic
def house_rules_use_trondheim_model(*, actor: Actor, house: SharedHouse) -> HouseRules:
    """Replace the house's roles with seed 000's: 3 young + 2 role models, at most
    3 of one gender and 2 of one country background. The target groups are the
    municipality's ``unaccompanied_minor`` and ``refugee``. The page offers it only
    while the house has no roles, so nothing is replaced unasked."""
    require_role(actor, *HOUSE_RULE_ROLES)
    _own(actor, house)
    HouseSlot.objects.filter(rules__shared_house=house).delete()
    groups = {g.code: g for g in TargetGroup.objects.filter(municipality=actor.municipality)}
    missing = sorted({c for row in TRONDHEIM_MODEL for c in row[2]} - set(groups))
    if missing:
        raise ValidationError(ERROR_MODEL_GROUP % {"code": missing[0]})
    for label, count, codes, works, interested, low, high in TRONDHEIM_MODEL:
        house_slot_add(
            actor=actor,
            house=house,
            label=label,
            count=count,
            target_groups=[groups[code] for code in codes],
            needs_work_or_education=works,
            needs_interest_in_young_people=interested,
            min_age=low,
            max_age=high,
        )
    return house_rules_save(actor=actor, house=house, max_same_gender=3, max_same_country=2)


@dataclass(frozen=True)
class HouseProposal:
    """A solved composition and what the page shows with it."""

    result: composition.Composition
    residents: Sequence[houses.Profile]
    candidates: Sequence[houses.Profile]
    slots: dict[str, HouseSlot]
    free_units: dict[str, int]


def _place_residents(
    rules_row: HouseRules, residents: Sequence[houses.Profile]
) -> list[composition.Resident]:
    """Each resident in the first role with room that admits them, else in the first
    role with room: the rules apply to new tenants, residents just take a unit."""
    slots = list(rules_row.slots.all())
    room = {slot.pk: slot.count for slot in slots}
    placed = []
    for profile in residents:
        fitting = [
            s
            for s in slots
            if room[s.pk] > 0 and houses.slot_attributes(s) <= profile.person.attributes
        ]
        slot = (fitting or [s for s in slots if room[s.pk] > 0] or [None])[0]
        if slot is None:
            raise ValidationError(
                ERROR_OVERFULL % {"residents": len(residents), "slots": sum(s.count for s in slots)}
            )
        room[slot.pk] -= 1
        placed.append(composition.Resident(profile.person, str(slot.pk)))
    return placed


def house_compose(
    *, actor: Actor, house: SharedHouse, on: datetime.date, time_limit: float = 5.0
) -> HouseProposal:
    """Who should fill the house's free units: the eligible waiting households with
    the most priority points under the house's roles and caps, then the most
    genders and country backgrounds. Audited, since it reads the candidates' gender,
    age and country background. Raises a ValidationError explaining an empty case;
    a rule that cannot be met is a result with its causes."""
    require_role(actor, *MEETING_ROLES)
    _own(actor, house)
    rules_row = houses.house_rules(house)
    if rules_row is None or not rules_row.slots.all():
        raise ValidationError(ERROR_NO_RULES)
    rule_set = rule_set_for(actor.municipality, on)
    if rule_set is None:
        raise ValidationError(
            ERROR_NO_RULE_SET % {"date": formats.date_format(on, "SHORT_DATE_FORMAT")}
        )
    units = houses.house_units(house, on)
    living = houses.residents(units, on)
    placed = _place_residents(rules_row, living)
    domain_rules = houses.domain_rules(rules_row)
    free = {
        slot.code: slot.count - sum(1 for r in placed if r.slot == slot.code)
        for slot in domain_rules.slots
    }
    if not any(free.values()):
        raise ValidationError(ERROR_NO_FREE)
    vacant = houses.unlet_vacancies(units)
    candidates = houses.candidates(
        municipality=actor.municipality,
        today=on,
        priority_rules=priority_rules(rule_set),
        eligibility_rules=eligibility_rules(rule_set),
        vacant=vacant,
    )
    # A resident whose case still waits (a lease registered by hand) is no candidate.
    living_ids = {r.person.id for r in placed}
    candidates = [c for c in candidates if c.person.id not in living_ids]
    result = composition.compose(
        domain_rules, placed, [c.person for c in candidates], time_limit=time_limit
    )
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=house,
        changes={
            "composition": [None, result.status.value],
            "chosen": [None, [c.person_id for c in result.chosen]],
        },
    )
    return HouseProposal(
        result=result,
        residents=living,
        candidates=candidates,
        slots={str(slot.pk): slot for slot in rules_row.slots.all()},
        free_units=free,
    )


@transaction.atomic
def house_lock_chosen(
    *, actor: Actor, house: SharedHouse, applications: Sequence[Application]
) -> tuple[Meeting, int]:
    """Lock the chosen households, in order, to the house's undecided dwellings on
    the open meeting's agenda (as many as there are); the meeting then proposes
    and offers as usual. Returns the meeting and the number of locks made."""
    require_role(actor, *MEETING_ROLES)
    _own(actor, house, *applications)
    if not applications:
        raise ValidationError(ERROR_NOTHING_CHOSEN)
    meeting = houses.open_meeting_for(house)
    if meeting is None:
        raise ValidationError(ERROR_NO_MEETING)
    items = (
        AgendaItem.objects.filter(
            meeting=meeting,
            dwelling__shared_house=house,
            taken_out=False,
            outcome=ItemOutcome.PENDING,
        )
        .exclude(
            dwelling__in=meeting.constraints.filter(
                removed_at__isnull=True, kind=PairKind.LOCK
            ).values("dwelling")
        )
        .select_related("dwelling")
        .order_by("dwelling__unit_number", "dwelling__pk")
    )
    made = 0
    for application, item in zip(applications, items, strict=False):
        pair_constraint_add(
            actor=actor,
            meeting=meeting,
            kind=PairKind.LOCK,
            application=application,
            dwelling=item.dwelling,
        )
        made += 1
    return meeting, made
