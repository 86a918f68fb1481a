"""Synthetic demo data of the persons proposed for settlement (issue 25), written
through the services by the demo caseworkers (Kari in Trondheim, Sven in
Skanderborg). Invented persons, never real ones.

Trondheim: IMDi's distribution list ``IMDi-2026-11`` with six persons in five
proposals, all with that list reference and told apart as follows:

- A: a mother and child (two persons; accepted, arrival in 21 days, 1 bedroom),
- B: a single adult needing an accessible dwelling (accepted, arrival in 60 days),
- C: an unaccompanied minor aged 17, turning 18 within 12 months (accepted, arrival in
  30 days),
- D: an unaccompanied minor aged 16, not 18 within 12 months (proposed),
- E: a single adult, declined for needs the municipality cannot meet, with a note.

Plus two households from ``IMDi-2026-03`` settled earlier this year, so the figures
have settled households. Skanderborg: two placement decisions (visitering),
``US-2026-0101`` (a single adult, whose temporary residence the readiness loader
adds) and ``US-2026-0102`` (a couple, not yet named).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from boligtorg.core.models import Membership, Municipality, User
from boligtorg.core.permissions import Actor
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.settlement.minors import eighteenth_birthday, needs_adult_dwelling_within

from ..models import DeclineReason, Proposal
from ..services import proposals as services

TRONDHEIM, SKANDERBORG = "5001", "746"
CASEWORKERS = {TRONDHEIM: "kari", SKANDERBORG: "sven"}
LIST_REFERENCE = "IMDi-2026-11"
SETTLED_REFERENCE = "IMDi-2026-03"
PLACEMENTS = ("US-2026-0101", "US-2026-0102")
DAY = datetime.timedelta(days=1)


def _actor(municipality: Municipality, user: User) -> Actor:
    membership = Membership.objects.get(user=user, municipality=municipality)
    return Actor(user=user, municipality=municipality, roles=frozenset(membership.role_values))


def _years_ago(today: datetime.date, years: int, months: int) -> datetime.date:
    """The birth date of someone ``years`` years and ``months`` months old today."""
    return add_months(today, -(12 * years + months))


def _person(first: str, last: str, born: datetime.date, relation: str = "main", **extra: str):  # noqa: ANN202
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": born,
        "relation": relation,
        **extra,
    }


def minor_birth_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """C aged 17 and turning 18 within 12 months; D aged 16 and not (the domain's
    ``needs_adult_dwelling_within`` says which list each is on)."""
    c_born = _years_ago(today, 17, 4)
    d_born = _years_ago(today, 16, 2)
    assert needs_adult_dwelling_within(c_born, today)  # noqa: S101 - the demo's premise
    assert not needs_adult_dwelling_within(d_born, today)  # noqa: S101
    assert eighteenth_birthday(d_born) > today  # noqa: S101
    return c_born, d_born


def _trondheim(actor: Actor) -> None:
    today = timezone.localdate()
    received = today - 12 * DAY
    permit = today - 75 * DAY
    common = {
        "source": services.source_for(actor.municipality.country),
        "received_on": received,
        "list_reference": LIST_REFERENCE,
        "residence_permit_on": permit,
        "reception_centre": "Trondheim mottak (demo)",
        "contact": "Mottaksleder Eva Strand (demo), tlf. 400 00 000",
    }
    c_born, d_born = minor_birth_dates(today)

    def register(persons: list[dict], **fields: object) -> Proposal:
        return services.proposal_register(actor=actor, persons=persons, **{**common, **fields})

    def accept(proposal: Proposal, days: int) -> None:
        services.proposal_accept(
            actor=actor,
            proposal=proposal,
            answered_on=today,
            expected_arrival_on=today + days * DAY,
        )

    a = register(
        [
            _person("Amina", "Warsame", datetime.date(1994, 3, 12), gender="female"),
            _person("Hodan", "Warsame", datetime.date(2021, 8, 30), "child", gender="female"),
        ],
        bedrooms_needed=1,
        languages="somali",
        education_and_work="Grunnskole; har arbeidet som syerske.",
        location_needs="Nær barnehage.",
    )
    accept(a, 21)
    b = register(
        [_person("Yusuf", "Haddad", datetime.date(1979, 11, 2), gender="male")],
        needs_accessible=True,
        languages="arabisk, engelsk",
        education_and_work="Ingeniør.",
        location_needs="Trinnfri adkomst; nær sykehuset for oppfølging.",
    )
    accept(b, 60)
    c = register(
        [_person("Dawit", "Tesfay", c_born, gender="male")],
        unaccompanied_minor=True,
        languages="tigrinja",
        education_and_work="Går på videregående skole.",
    )
    accept(c, 30)
    register(
        [_person("Samir", "Rahimi", d_born, gender="male")],
        unaccompanied_minor=True,
        languages="dari",
        education_and_work="Går i 10. klasse.",
    )
    e = register(
        [_person("Olena", "Kovalenko", datetime.date(1968, 5, 21), gender="female")],
        languages="ukrainsk, russisk",
        location_needs="Trenger behandling som ikke gis i kommunen.",
    )
    services.proposal_decline(
        actor=actor,
        proposal=e,
        answered_on=today,
        reason=DeclineReason.NEEDS,
        note="Behandlingen hun trenger gis ikke i Trondheim; IMDi foreslår en annen kommune.",
    )
    _settled_earlier(actor, today)


def _settled_earlier(actor: Actor, today: datetime.date) -> None:
    """Two households settled earlier this year (dates kept within this year and not
    after today, whatever day the demo is loaded)."""
    start = datetime.date(today.year, 1, 2)
    received = min(max(start, today - 200 * DAY), today)
    answered = min(received + 10 * DAY, today)
    households = (
        [
            _person("Faisal", "Noori", datetime.date(1985, 2, 14), gender="male"),
            _person("Mariam", "Noori", datetime.date(1988, 7, 1), "partner", gender="female"),
            _person("Ali", "Noori", datetime.date(2016, 9, 9), "child", gender="male"),
        ],
        [_person("Bashir", "Hakimi", datetime.date(1999, 4, 4), gender="male")],
    )
    for index, persons in enumerate(households):
        proposal = services.proposal_register(
            actor=actor,
            source=services.source_for(actor.municipality.country),
            received_on=received,
            list_reference=SETTLED_REFERENCE,
            residence_permit_on=received - 40 * DAY,
            bedrooms_needed=2 if len(persons) > 1 else 1,
            persons=persons,
        )
        services.proposal_accept(
            actor=actor,
            proposal=proposal,
            answered_on=answered,
            expected_arrival_on=min(answered + (40 + 20 * index) * DAY, today),
        )
        services.proposal_mark_settled(
            actor=actor,
            proposal=proposal,
            arrived_on=min(answered + (40 + 20 * index) * DAY, today),
        )


def _skanderborg(actor: Actor) -> None:
    today = timezone.localdate()
    source = services.source_for(actor.municipality.country)
    first, second = PLACEMENTS
    # The first placement was decided long enough ago that the municipality is
    # responsible already: she waits in a temporary residence (the readiness demo).
    placed = services.proposal_register(
        actor=actor,
        source=source,
        received_on=today - 80 * DAY,
        decided_on=today - 75 * DAY,
        list_reference=first,
        persons=[{"date_of_birth": datetime.date(1991, 6, 15), "relation": "main"}],
        location_needs="Tæt på sprogskole.",
    )
    services.proposal_accept(
        actor=actor,
        proposal=placed,
        answered_on=today - 74 * DAY,
        expected_arrival_on=placed.responsible_from,
    )
    services.proposal_register(
        actor=actor,
        source=source,
        received_on=today - 10 * DAY,
        decided_on=today - 5 * DAY,
        list_reference=second,
        bedrooms_needed=2,
        persons=[
            {"date_of_birth": datetime.date(1987, 2, 3), "relation": "main"},
            {"date_of_birth": datetime.date(1989, 10, 20), "relation": "partner"},
        ],
    )


def load(municipality: Municipality, caseworker: User) -> int:
    """Load the proposals of Trondheim ("5001") or Skanderborg ("746") when the
    municipality has none yet; how many proposals were written."""
    make = {TRONDHEIM: _trondheim, SKANDERBORG: _skanderborg}.get(municipality.code)
    existing = Proposal.objects.filter(municipality=municipality)
    if make is None or existing.exists():
        return 0
    make(_actor(municipality, caseworker))
    return existing.count()
