"""Synthetic demo data of the allocation meeting: a rule set with target-group
points and an area cap, decisions granting some demo cases (the waiting list),
areas on the demo dwellings, a shared house on Trondheim's model with young and
adult refugees waiting for it, and an open meeting with a first proposal."""

from __future__ import annotations

import contextlib
import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from boligtorg.cases.demo import demo_consent
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    DecisionOutcome,
    HouseholdRelation,
    LegalBasis,
    Situation,
    TargetGroup,
)
from boligtorg.cases.services.applications import (
    application_create,
    application_submit,
    household_create,
    person_create,
)
from boligtorg.cases.services.decisions import decision_make
from boligtorg.cases.services.team import interview_save
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Area, Dwelling, SharedHouse
from boligtorg.housing.services import dwelling_create

from . import selectors
from .models import RuleSet
from .services.composition import house_rules_use_trondheim_model
from .services.meetings import meeting_create, proposal_make
from .services.rules import (
    area_cap_add,
    decline_reasons_ensure,
    group_points_save,
    rule_set_create,
)

AREAS = {
    "NO": ["Midtbyen", "Lade", "Saupstad", "Byåsen"],
    "DK": ["Midtbyen", "Højvangen", "Stilling", "Ry"],
}
GROUP_POINTS = {"refugee": 20, "unaccompanied_minor": 30, "young": 15, "released": 15}
GRANTED = 8


def load(municipality: Municipality, caseworker: User) -> int:
    """Once per municipality: rules, eight granted cases and a meeting."""
    decline_reasons_ensure(municipality=municipality)
    if RuleSet.objects.filter(municipality=municipality).exists():
        return 0
    today = timezone.localdate()
    rng = random.Random(f"boligtorg-demo-allocation:{municipality.code}")  # noqa: S311
    admin = Actor(
        user=caseworker,
        municipality=municipality,
        roles=frozenset({Role.MUNICIPALITY_ADMIN, Role.CASEWORKER, Role.ALLOCATION_MEMBER}),
    )
    rules = rule_set_create(
        actor=admin,
        name="Tildelingsregler" if municipality.country == "NO" else "Anvisningsregler",
        valid_from=today.replace(month=1, day=1),
    )
    groups = {g.code: g for g in TargetGroup.objects.filter(municipality=municipality)}
    group_points_save(
        actor=admin,
        rule_set=rules,
        points={groups[code]: points for code, points in GROUP_POINTS.items() if code in groups},
    )
    names = AREAS.get(municipality.country, AREAS["NO"])
    for dwelling in Dwelling.objects.filter(municipality=municipality).order_by("pk"):
        area, _created = Area.objects.get_or_create(
            municipality=municipality, name=rng.choice(names)
        )
        Dwelling.objects.filter(pk=dwelling.pk).update(area=area)
    if "refugee" in groups:
        area_cap_add(
            actor=admin,
            rule_set=rules,
            area_name=names[2],
            target_groups=[groups["refugee"]],
            limit=2,
            period_months=12,
        )
    basis = LegalBasis.objects.filter(country=municipality.country).order_by("pk").first()
    submitted = Application.objects.filter(
        municipality=municipality, status=ApplicationStatus.SUBMITTED
    ).order_by("pk")[:GRANTED]
    for application in submitted:
        received = application.received_on or today
        decided = max(received, today - datetime.timedelta(days=1))
        decision_make(
            actor=admin,
            application=application,
            outcome=DecisionOutcome.GRANTED,
            reasons="Husstanden kan ikke skaffe seg en egnet bolig på egen hånd.",
            legal_basis=basis,
            decided_on=decided,
            received_on=today,
            dwelling_type="ordinary",
            lease_months=36,
        )
    if {"unaccompanied_minor", "refugee"} <= set(groups):
        _shared_house(admin, groups, basis, today)
    members = list(selectors.allocation_members(municipality)) or [admin.user]
    free = list(selectors.agenda_dwellings(municipality))
    if free:
        meeting = meeting_create(
            actor=admin, held_on=today, title="Boligmøte", members=members, dwellings=free
        )
        # A demo meeting whose rules match nobody shows why on its page instead.
        with contextlib.suppress(ValidationError):
            proposal_make(actor=admin, meeting=meeting)
    return GRANTED


# (first name, last name, gender, country background, age, groups, role model)
HOUSE_CANDIDATES = [
    ("Yonas", "Tesfay", "male", "Eritrea", 19, ("unaccompanied_minor", "refugee"), False),
    ("Semhar", "Kidane", "female", "Eritrea", 18, ("unaccompanied_minor", "refugee"), False),
    ("Abdi", "Warsame", "male", "Somalia", 20, ("unaccompanied_minor", "refugee"), False),
    ("Farid", "Ahmadi", "male", "Afghanistan", 19, ("unaccompanied_minor", "refugee"), False),
    ("Hala", "Haddad", "female", "Syria", 36, ("refugee",), True),
    ("Tekle", "Gebre", "male", "Eritrea", 41, ("refugee",), True),
    ("Rania", "Khoury", "female", "Syria", 29, ("refugee",), False),
]


def _shared_house(
    admin: Actor, groups: dict[str, TargetGroup], basis: LegalBasis | None, today: datetime.date
) -> None:
    """Seed 000's house of five units, its roles, and seven invented refugees who
    accept a shared house (no national id: each has only a date of birth)."""
    for unit in range(1, 6):
        dwelling_create(
            actor=admin,
            address="Ladeveien 12",
            unit_number=f"H02{unit:02d}",
            dwelling_type="shared_house_unit",
            bedrooms=1,
            usable_area=Decimal(32),
            floor=2,
            rent=Decimal(6800),
            shared_house_name="Bofellesskap Lade",
        )
    house = SharedHouse.objects.get(municipality=admin.municipality, name="Bofellesskap Lade")
    house_rules_use_trondheim_model(actor=admin, house=house)
    for n, (first, last, gender, country, age, codes, role_model) in enumerate(HOUSE_CANDIDATES):
        person = person_create(
            actor=admin,
            first_name=first,
            last_name=last,
            date_of_birth=today.replace(year=today.year - age, day=1) - datetime.timedelta(days=40),
            gender=gender,
            country_background=country,
        )
        household = household_create(
            actor=admin, members=[(person, HouseholdRelation.MAIN_APPLICANT)]
        )
        application = application_create(
            actor=admin,
            household=household,
            target_groups=[groups[code] for code in codes],
            situation=Situation.WITHOUT_DWELLING,
            min_bedrooms=0,
            household_income=180_000,
            accepts_shared_house=True,
        )
        received = today - datetime.timedelta(days=30 + 25 * n)
        demo_consent(admin, application, received)
        application_submit(actor=admin, application=application, received_on=received)
        interview_save(
            actor=admin,
            application=application,
            held_on=received,
            economy_score=3,
            neighbours_score=3,
            cleaning_score=3,
            daily_activity_score=3,
            network_score=2,
            in_work_or_education=True,
            interest_in_young_people=role_model,
        )
        decision_make(
            actor=admin,
            application=application,
            outcome=DecisionOutcome.GRANTED,
            reasons="Søkeren trenger bolig med oppfølging i bofellesskap.",
            legal_basis=basis,
            decided_on=today - datetime.timedelta(days=1),
            received_on=today,
            dwelling_type="shared_house",
            lease_months=36,
        )
