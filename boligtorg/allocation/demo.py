"""Synthetic demo data of the allocation meeting: a rule set with target-group
points and an area cap, decisions granting some demo cases (the waiting list),
areas on the demo dwellings and an open meeting with a first proposal."""

from __future__ import annotations

import contextlib
import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    DecisionOutcome,
    LegalBasis,
    TargetGroup,
)
from boligtorg.cases.services.decisions import decision_make
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Area, Dwelling

from .models import RuleSet
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
    meeting = meeting_create(actor=admin, held_on=today, title="Boligmøte")
    if meeting.items.exists():
        # A demo meeting whose rules match nobody shows why on its page instead.
        with contextlib.suppress(ValidationError):
            proposal_make(actor=admin, meeting=meeting)
    return GRANTED
