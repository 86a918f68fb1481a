"""Synthetic demo data of the follow-up module's houses part (loaded by
``boligtorg.core.demo``): life in the allocation demo's shared house, Bofellesskap
Lade. As in seed 000, the two adult role models (the invented Hala Haddad and
Tekle Gebre of ``allocation.demo``) moved in first; one of them is appointed the
residents' representative until an election, a follow-up worker is the house's
contact person, and the house has met twice, with house rules and a dugnad list.
The three units for young residents stay on the allocation meeting's agenda.
Every person and text is invented."""

from __future__ import annotations

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from boligtorg.allocation.models import AgendaItem, MeetingStatus
from boligtorg.allocation.services.meetings import agenda_take_out, proposal_make
from boligtorg.cases.models import HouseholdMember, HouseholdRelation
from boligtorg.core.models import Membership, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.models import Dwelling, SharedHouse
from boligtorg.housing.services import lease_register

from .models import HouseContact
from .services import houses as services

HOUSE = "Bofellesskap Lade"
ADULTS = (("Hala", "Haddad"), ("Tekle", "Gebre"))
MOVED_IN_DAYS_AGO = 75

RULES = (
    ("municipal", "Det skal være ro i huset mellom kl. 23 og 07."),
    ("municipal", "Skal du ha fest, varsle og spør naboene i huset først."),
    ("municipal", "Brannvarsleren reagerer på damp: bruk kjøkkenviften og luft godt."),
    ("municipal", "Huset har en felles varmtvannsbeholder. Ta hensyn til de andre."),
    ("municipal", "Det er ikke lov å sette igjen møbler og ting i fellesarealer og hage."),
    ("residents", "Vi hilser på naboene våre: nikk og si hei."),
)


def _worker(municipality: Municipality, fallback: User) -> User:
    """The municipality's follow-up worker, else the caseworker."""
    membership = (
        Membership.objects.filter(
            municipality=municipality, is_active=True, roles__role=Role.FOLLOWUP_WORKER
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else fallback


def _adult_households(municipality: Municipality) -> list[HouseholdMember]:
    found = []
    for first, last in ADULTS:
        member = (
            HouseholdMember.objects.filter(
                household__municipality=municipality,
                relation=HouseholdRelation.MAIN_APPLICANT,
                person__first_name=first,
                person__last_name=last,
            )
            .select_related("person", "household")
            .first()
        )
        if member is not None:
            found.append(member)
    return found


def _take_out_of_open_meetings(admin: Actor, dwellings: list[Dwelling]) -> None:
    items = AgendaItem.objects.filter(
        dwelling__in=dwellings, meeting__status=MeetingStatus.OPEN, taken_out=False
    ).select_related("meeting")
    meetings = set()
    for item in items:
        with contextlib.suppress(ValidationError):
            agenda_take_out(
                actor=admin, item=item, reason="Utleid til de voksne rollemodellene i huset."
            )
            meetings.add(item.meeting)
    for meeting in meetings:
        # The proposal is made again without the let units (none may fit: then none).
        with contextlib.suppress(ValidationError):
            proposal_make(actor=admin, meeting=meeting)


def load(municipality: Municipality, caseworker: User) -> int:
    """Once per municipality, when the allocation demo made the house and its
    adult role models: let them two units, then the house's life since."""
    house = SharedHouse.objects.filter(municipality=municipality, name=HOUSE).first()
    if house is None or HouseContact.objects.filter(shared_house=house).exists():
        return 0
    adults = _adult_households(municipality)
    dwellings = list(Dwelling.objects.filter(shared_house=house).order_by("unit_number")[:2])
    if len(adults) < len(ADULTS) or len(dwellings) < len(ADULTS):
        return 0
    admin = Actor(
        user=caseworker,
        municipality=municipality,
        roles=frozenset({Role.CASEWORKER, Role.FOLLOWUP_WORKER, Role.ALLOCATION_MEMBER}),
    )
    today = timezone.localdate()
    moved_in = today - datetime.timedelta(days=MOVED_IN_DAYS_AGO)
    _take_out_of_open_meetings(admin, dwellings)
    for member, dwelling in zip(adults, dwellings, strict=True):
        lease_register(
            actor=admin,
            dwelling=dwelling,
            household=member.household,
            start=moved_in,
            six_month_clause=True,
            three_party_agreement=True,
        )
    hala, tekle = (member.person for member in adults)
    worker = _worker(municipality, caseworker)
    services.house_contact_set(actor=admin, house=house, user=worker, from_date=moved_in)
    services.house_representative_set(
        actor=admin, house=house, person=hala, basis="appointed", from_date=moved_in
    )
    services.house_meeting_plan_save(actor=admin, house=house, later_interval_months=3)
    for position, (source, text) in enumerate(RULES, start=1):
        services.house_rule_add(
            actor=admin,
            house=house,
            text=text,
            source=source,
            adopted_on=moved_in,
            position=position,
        )
    first = services.resident_meeting_create(
        actor=admin,
        house=house,
        held_on=moved_in + datetime.timedelta(days=7),
        topics="Velkommen. Husordensreglene. Bruk av vaskekjeller. Gangvask. Forholdet til de "
        "nære naboene.",
        minutes="Kontaktpersonen gikk gjennom husordensreglene. Beboerne ønsket å legge til en "
        "regel om å hilse på naboene. Hala er utpekt som beboerrepresentant til det holdes "
        "valg når alle har flyttet inn.",
        attendees=[hala, tekle],
        staff_present=[worker],
    )
    done = services.agreed_action_add(
        actor=admin,
        meeting=first,
        text="Lage liste for gangvask",
        responsible="Hala",
        due_on=first.held_on + datetime.timedelta(days=14),
    )
    services.agreed_action_update(
        actor=admin,
        action=done,
        text=done.text,
        responsible=done.responsible,
        due_on=done.due_on,
        done_on=first.held_on + datetime.timedelta(days=10),
    )
    second = services.resident_meeting_create(
        actor=admin,
        house=house,
        held_on=first.held_on + datetime.timedelta(weeks=5),
        topics="Hagearbeid og plenklipping. Container for rydding. Dugnad.",
        minutes="Beboerne klipper plenen selv; kommunen ordner klipper. Container bestilles "
        "til våren.",
        attendees=[hala, tekle],
        staff_present=[worker],
    )
    services.agreed_action_add(
        actor=admin,
        meeting=second,
        text="Skaffe gressklipper til huset",
        responsible="Kontaktpersonen",
        due_on=second.held_on + datetime.timedelta(days=21),
    )
    services.agreed_action_add(
        actor=admin,
        meeting=second,
        text="Bestille container for rydding",
        responsible="Kontaktpersonen",
        due_on=today + datetime.timedelta(days=30),
    )
    for week in range(4):
        services.dugnad_task_add(
            actor=admin,
            house=house,
            task="Gangvask",
            day=today + datetime.timedelta(weeks=week),
            assigned=[(hala, tekle)[week % 2]],
        )
    services.dugnad_task_add(
        actor=admin,
        house=house,
        task="Hagearbeid og hekk",
        day=today + datetime.timedelta(days=10),
        assigned=[hala, tekle],
    )
    return 1
