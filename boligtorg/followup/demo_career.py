"""Synthetic demo data of the follow-up module's career part (loaded by
``boligtorg.core.demo``): two invented households granted a transition dwelling,
with fictitious national ids, never real people. One has moved on to a permanent
municipal dwelling; the other's period ends soon and its assessment is due."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from boligtorg.cases.demo import demo_consent
from boligtorg.cases.models import DecisionOutcome, DwellingType, HouseholdRelation, LegalBasis
from boligtorg.cases.services.applications import (
    application_create,
    application_submit,
    household_create,
    legal_bases_ensure,
    person_create,
)
from boligtorg.cases.services.decisions import decision_make
from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.housing import lease_end
from boligtorg.domain.identity import fictitious_national_id
from boligtorg.housing.services import dwelling_create, lease_register

from .models import DecisionCondition, LeaseEndChoice, NextStep, TenureKind
from .services.career import (
    condition_create,
    condition_review_record,
    lease_end_review_make,
    tenure_create,
    transition_assessment_make,
)

DAY = datetime.timedelta(days=1)
CONDITIONS = (
    "Betale husleie i tide",
    "Delta i dagaktivitet minst tre dager i uka",
    "Ta imot oppfølgingsbesøk",
)
PEOPLE = {"NO": (("Amina", "Yusuf"), ("Jonas", "Berg")), "DK": (("Sara", "Holm"), ("Ali", "Dam"))}
STREETS = {"NO": "Tempevegen", "DK": "Søndergade"}


def _case(actor: Actor, rng: random.Random, name: tuple[str, str], received: datetime.date):  # noqa: ANN202
    person = person_create(
        actor=actor,
        first_name=name[0],
        last_name=name[1],
        national_id=fictitious_national_id(actor.municipality.country, rng),  # type: ignore[union-attr]
    )
    household = household_create(actor=actor, members=[(person, HouseholdRelation.MAIN_APPLICANT)])
    application = application_create(
        actor=actor,
        household=household,
        situation="without_dwelling",
        caseworker=actor.user,
    )
    demo_consent(actor, application, received)
    return person, application_submit(actor=actor, application=application, received_on=received)


def _transition(actor: Actor, application, decided_on: datetime.date):  # noqa: ANN001, ANN202
    country = actor.municipality.country  # type: ignore[union-attr]
    return decision_make(
        actor=actor,
        application=application,
        outcome=DecisionOutcome.GRANTED,
        reasons="Trenger bolig med oppfølging for å avklare boevne.",
        legal_basis=LegalBasis.objects.filter(country=country).first(),
        decided_on=decided_on,
        received_on=decided_on + 2 * DAY,
        dwelling_type=DwellingType.TRANSITION,
        conditions="Samarbeidsavtale: " + "; ".join(CONDITIONS).lower() + ".",
        lease_months=12,
        short_lease_reason="Gjennomgangsbolig: tidsbegrenset for å avklare boevne.",
    )


def _dwelling(actor: Actor, address: str, unit: str):  # noqa: ANN202
    return dwelling_create(
        actor=actor,
        address=address,
        unit_number=unit,
        dwelling_type="apartment",
        bedrooms=1,
        usable_area=Decimal(38),
        floor=int(unit[2]),
        rent=Decimal(7900),
    )


def _lease(actor: Actor, dwelling, household, start: datetime.date, months: int):  # noqa: ANN001, ANN202
    return lease_register(
        actor=actor,
        dwelling=dwelling,
        household=household,
        start=start,
        end=lease_end(start, months),
        short_lease_reason="Gjennomgangsbolig." if months < 36 else "",
    )


def _conditions(actor: Actor, decision, reviewed_on: datetime.date | None) -> None:  # noqa: ANN001
    for text in CONDITIONS:
        condition = condition_create(
            actor=actor,
            decision=decision,
            text=text,
            next_review_on=decision.decided_on + 90 * DAY,
        )
        if reviewed_on is not None:
            condition_review_record(
                actor=actor,
                condition=condition,
                reviewed_on=reviewed_on,
                outcome="partly_met" if text == CONDITIONS[1] else "met",
                notes="Gjennomgått med leietaker på hjemmebesøk.",
                next_review_on=timezone.localdate() + 20 * DAY,
            )


def load(municipality: Municipality, caseworker: User) -> int:
    """Once per municipality: a household that has moved from a temporary shelter
    through a transition dwelling to a permanent one, and one whose period ends in
    45 days. Returns the number of households made."""
    if DecisionCondition.objects.filter(municipality=municipality).exists():
        return 0
    legal_bases_ensure()
    actor = Actor(
        user=caseworker,
        municipality=municipality,
        roles=frozenset({Role.CASEWORKER, Role.ALLOCATION_MEMBER}),
    )
    rng = random.Random(f"boligtorg-demo-career:{municipality.code}")  # noqa: S311
    today = timezone.localdate()
    names = PEOPLE.get(municipality.country, PEOPLE["NO"])
    street = STREETS.get(municipality.country, STREETS["NO"])

    # Moved on: shelter → transition dwelling → permanent municipal dwelling.
    person, application = _case(actor, rng, names[0], today - 440 * DAY)
    decision = _transition(actor, application, today - 420 * DAY)
    first = _lease(actor, _dwelling(actor, f"{street} 11", "H0101"), application.household,
                   today - 400 * DAY, 12)  # fmt: skip
    tenure_create(
        actor=actor,
        person=person,
        kind=TenureKind.TEMPORARY_SHELTER,
        started_on=today - 700 * DAY,
        ended_on=first.start - DAY,
        address="Midlertidig botilbud, sentrum",
    )
    _conditions(actor, decision, reviewed_on=today - 320 * DAY)
    transition_assessment_make(
        actor=actor,
        application=application,
        lease=first,
        assessed_on=first.end - 50 * DAY,
        economy_score=3,
        neighbours_score=4,
        cleaning_score=3,
        daily_activity_score=2,
        network_score=2,
        next_step=NextStep.PERMANENT,
        notes="Betaler husleie selv, trives med naboene. Trenger fortsatt litt støtte.",
    )
    lease_end_review_make(
        actor=actor,
        application=application,
        lease=first,
        reviewed_on=first.end - 40 * DAY,
        choice=LeaseEndChoice.OTHER_MUNICIPAL,
        reasons="Overgang til fast kommunal bolig etter vurdering av boevne.",
    )
    _lease(actor, _dwelling(actor, f"{street} 15", "H0201"), application.household,
           first.end + DAY, 36)  # fmt: skip

    # Still in the transition dwelling: the period ends in 45 days.
    _person, application = _case(actor, rng, names[1], today - 360 * DAY)
    decision = _transition(actor, application, today - 340 * DAY)
    start = today - 320 * DAY
    _lease(actor, _dwelling(actor, f"{street} 13", "H0102"), application.household, start, 12)
    _conditions(actor, decision, reviewed_on=today - 30 * DAY)
    return 2
