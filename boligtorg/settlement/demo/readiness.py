"""Demo data of a dwelling ready on the day of arrival (issue 25), written through the
services as the municipality's caseworker, after the proposals' loader:

- Trondheim: a one-bedroom dwelling reserved for household A of the distribution list
  ``IMDi-2026-11`` (a mother and child, arriving in 21 days); and B's need of an
  accessible dwelling left short in the forecast: the register's vacant accessible
  dwellings that would fit B are put under maintenance (an adaptation with no ready
  date), so the month of B's arrival shows the shortfall.
- Skanderborg: the placement ``US-2026-0101`` lives in a temporary residence in
  Mølleparken (an area on no list) while a permanent dwelling is found.

Idempotent: a municipality that already has a reservation or a temporary residence is
left as it is."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Area, DwellingStatus, DwellingType
from boligtorg.housing.services import dwelling_change_status, dwelling_create

from ..models import Proposal, ProposalStatus, Reservation, TemporaryResidence
from ..selectors.readiness import area_check_of, candidates_for, stock
from ..services.readiness import reservation_make, temporary_residence_add

DISTRIBUTION_LIST = "IMDi-2026-11"
PLACEMENT = "US-2026-0101"
RESIDENCE_AREA = "Mølleparken"
REASON_ADAPTATION = "Tilpasning for rullestolbruker; klar-dato ikke satt"


def _actor(caseworker: User, municipality: Municipality) -> Actor:
    return Actor(user=caseworker, municipality=municipality, roles=frozenset({Role.CASEWORKER}))


def _accepted(municipality: Municipality, reference: str) -> list[Proposal]:
    return list(
        Proposal.objects.filter(
            municipality=municipality,
            list_reference=reference,
            status=ProposalStatus.ACCEPTED,
            expected_arrival_on__isnull=False,
        ).order_by("expected_arrival_on", "pk")
    )


def _norway(actor: Actor) -> int:
    municipality = actor.municipality
    assert municipality is not None  # noqa: S101 - the loader is given one
    if Reservation.objects.filter(municipality=municipality).exists():
        return 0
    accepted = [p for p in _accepted(municipality, DISTRIBUTION_LIST) if not p.unaccompanied_minor]
    household_a = next((p for p in accepted if not p.needs_accessible), None)
    household_b = next((p for p in accepted if p.needs_accessible), None)
    made = 0
    today = timezone.localdate()
    if household_a is not None and household_a.expected_arrival_on is not None:
        dwelling = dwelling_create(
            actor=actor,
            address="Innherredsveien 90",
            unit_number="H0203",
            dwelling_type=DwellingType.APARTMENT,
            bedrooms=household_a.bedrooms_needed,
            usable_area=Decimal(48),
            floor=2,
            rent=Decimal(8900),
            area_name="Lademoen",
            gnr=410,
            bnr=22,
        )
        ready_on = max(today, household_a.expected_arrival_on - datetime.timedelta(days=7))
        reservation_make(
            actor=actor,
            proposal=household_a,
            dwelling=dwelling,
            ready_on=ready_on,
            note="Nøkler hentes på boligkontoret; møblert med grunnpakke.",
        )
        made += 1
    if household_b is not None:
        for candidate in candidates_for(household_b, stock(actor=actor, today=today), today=today):
            if candidate.source == "vacant" and candidate.dwelling.wheelchair_accessible:
                dwelling_change_status(
                    actor=actor,
                    dwelling=candidate.dwelling,
                    status=DwellingStatus.MAINTENANCE,
                    reason=REASON_ADAPTATION,
                )
                made += 1
    return made


def _denmark(actor: Actor) -> int:
    municipality = actor.municipality
    assert municipality is not None  # noqa: S101 - the loader is given one
    if TemporaryResidence.objects.filter(municipality=municipality).exists():
        return 0
    placement = next(iter(_accepted(municipality, PLACEMENT)), None) or (
        Proposal.objects.filter(
            municipality=municipality, list_reference=PLACEMENT, status=ProposalStatus.ACCEPTED
        ).first()
    )
    area = Area.objects.filter(municipality=municipality, name=RESIDENCE_AREA).first()
    today = timezone.localdate()
    if placement is None or area is None:
        return 0
    check = area_check_of(area=area, day=today)
    if check is not None and not check.allowed:
        return 0
    temporary_residence_add(
        actor=actor,
        proposal=placement,
        address="Mølleparken 12, 1. tv.",
        area=area,
        from_on=placement.responsible_from or today - datetime.timedelta(days=38),
        note="Værelse i kollektiv; boligsocial medarbejder følger op.",
    )
    return 1


def load(municipality: Municipality, caseworker: User) -> int:
    """The readiness demo for one municipality; returns how many rows it wrote."""
    actor = _actor(caseworker, municipality)
    if municipality.country == Country.DENMARK:
        return _denmark(actor)
    return _norway(actor)
