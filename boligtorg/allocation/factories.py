"""Test and demo data of the allocation module: granted applications (households
on the waiting list) and rule sets."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory, HouseholdFactory, PersonFactory
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    HouseholdMember,
    HouseholdRelation,
    LegalBasis,
    MappingInterview,
    TargetGroup,
)
from boligtorg.core.models import Municipality, User
from boligtorg.core.permissions import Actor
from boligtorg.domain import allocation as rules

from . import selectors
from .models import BedroomRow, Meeting, RuleSet


def rule_set(municipality: Municipality, **fields: Any) -> RuleSet:
    """A rule set valid from 2000 with the default bedroom table."""
    fields.setdefault("name", "Tildelingsregler")
    fields.setdefault("valid_from", datetime.date(2000, 1, 1))
    made = RuleSet.objects.create(municipality=municipality, **fields)
    BedroomRow.objects.bulk_create(
        BedroomRow(
            rule_set=made,
            persons=r.persons,
            min_bedrooms=r.min_bedrooms,
            max_bedrooms=r.max_bedrooms,
        )
        for r in rules.DEFAULT_BEDROOM_TABLE
    )
    return made


def granted_application(
    municipality: Municipality,
    decided_by: User,
    *,
    children: int = 0,
    adults: int = 1,
    target_groups: tuple[str, ...] = (),
    received_on: datetime.date | None = None,
    lease_months: int | None = None,
    **fields: Any,
) -> Application:
    """A household on the waiting list: an application decided and granted."""
    today = timezone.localdate()
    main = PersonFactory(municipality=municipality)
    household = HouseholdFactory(municipality=municipality, main=main)
    for _ in range(adults - 1):
        HouseholdMember.objects.create(
            household=household,
            person=PersonFactory(municipality=municipality),
            relation=HouseholdRelation.PARTNER,
        )
    for _ in range(children):
        HouseholdMember.objects.create(
            household=household,
            person=PersonFactory(
                municipality=municipality,
                national_id="",
                date_of_birth=today - datetime.timedelta(days=3000),
            ),
            relation=HouseholdRelation.CHILD,
        )
    fields.setdefault("min_bedrooms", 0)
    application = ApplicationFactory(
        municipality=municipality,
        household=household,
        status=ApplicationStatus.DECIDED,
        received_on=received_on or today - datetime.timedelta(days=60),
        caseworker=decided_by,
        **fields,
    )
    if target_groups:
        application.target_groups.set(
            TargetGroup.objects.get_or_create(
                municipality=municipality, code=code, defaults={"name": code}
            )[0]
            for code in target_groups
        )
    basis, _created = LegalBasis.objects.get_or_create(
        country=municipality.country, code="boligsosial-6", defaults={"title": "§ 6"}
    )
    Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.GRANTED,
        reasons="Oppfyller vilkårene.",
        legal_basis=basis,
        decided_on=today - datetime.timedelta(days=20),
        received_on=today - datetime.timedelta(days=18),
        letter_language="nb",
        decided_by=decided_by,
        lease_months=lease_months,
    )
    return application


def shared_house_candidate(
    municipality: Municipality,
    caseworker: User,
    *,
    groups: tuple[str, ...],
    age: int,
    gender: str,
    country: str,
    waited: int,
    works: bool = True,
    interested: bool = False,
    accepts: bool = True,
) -> Application:
    """A single person on the waiting list for a shared house (seed 000), with the
    mapping interview's answers the house's roles ask for."""
    today = timezone.localdate()
    application = granted_application(
        municipality,
        caseworker,
        target_groups=groups,
        received_on=today - datetime.timedelta(days=waited),
        accepts_shared_house=accepts,
    )
    person = application.applicant
    person.date_of_birth = today.replace(year=today.year - age) - datetime.timedelta(days=10)
    person.gender = gender
    person.country_background = country
    person.save()
    MappingInterview.objects.create(
        application=application,
        held_on=today,
        interviewer=caseworker,
        economy_score=3,
        neighbours_score=3,
        cleaning_score=3,
        daily_activity_score=3,
        network_score=3,
        in_work_or_education=works,
        interest_in_young_people=interested,
    )
    return application


def open_meeting(actor: Actor, held_on: datetime.date | None = None, **fields: Any) -> Meeting:
    """A meeting made through the service, as a member who fills in the form: the
    actor as its only member and every free dwelling on its agenda."""
    from .services.meetings import meeting_create

    fields.setdefault("members", [actor.user])
    fields.setdefault("dwellings", list(selectors.agenda_dwellings(actor.municipality)))
    return meeting_create(actor=actor, held_on=held_on or timezone.localdate(), **fields)
