"""Reads of a dwelling ready on the day of arrival: the expected arrivals with their
reservation or the candidate dwellings, the reservations, the Danish temporary
residences with the days waited, the unaccompanied minors turning adult, and an area's
standing under integrationsloven § 12, stk. 2.

Every read is scoped to the actor's municipality; pages that show persons audit the
ids they showed (``audit_list_read``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.allocation.models import AgendaItem, Meeting, MeetingStatus
from boligtorg.core.models import Country
from boligtorg.core.permissions import Actor, get_for_actor, require_role
from boligtorg.domain import area_criteria as criteria
from boligtorg.domain.settlement import AreaCheck, area_check, list_year_in_force
from boligtorg.domain.settlement.forecast import MAX_EXTRA_BEDROOMS
from boligtorg.domain.settlement.minors import Transition, transition
from boligtorg.housing.models import Area, Dwelling, DwellingStatus, Lease, SharedHouse
from boligtorg.housing.services import running_from
from boligtorg.planning.models import AreaIndicator, Project, ProjectStatus
from boligtorg.planning.selectors_areas import rule_sets_for

from ..access import READ_ROLES, WRITE_ROLES
from ..models import Proposal, ProposalStatus, ProposedPerson, Reservation, TemporaryResidence

# Dwellings that may become ready: let ones when the lease ends, those under
# maintenance when the work is done.
POSSIBLE_STATUSES = (DwellingStatus.READY, DwellingStatus.LET, DwellingStatus.MAINTENANCE)


# Integrationsloven § 12, stk. 2 ------------------------------------------------------


def area_check_of(*, area: Area, day: datetime.date) -> AreaCheck | None:
    """The § 12, stk. 2 answer for a housing area on ``day``, from the classification
    of its planning area's figures by the municipality's criterion sets; None when the
    area is not a planning area (nothing is known against it)."""
    indicators = {
        row.year: row.figures()
        for row in AreaIndicator.objects.filter(area__area=area).order_by("year")
    }
    if not indicators:
        return None
    history = criteria.classify_history(indicators, rule_sets_for(area.municipality))  # type: ignore[arg-type]
    return area_check(history, day)


def area_refusal_message(*, area: Area, day: datetime.date, address: str = "") -> str | None:
    """The message shown at the field when § 12, stk. 2 bars the area on ``day``;
    None when it does not."""
    check = area_check_of(area=area, day=day)
    if check is None or check.allowed:
        return None
    return _(
        "%(place)s lies in an area on the %(year)s list of vulnerable housing areas; "
        "integrationsloven § 12, stk. 2 forbids a temporary residence or a dwelling there."
    ) % {"place": address or area.name, "year": check.list_year}


def area_list_missing(*, area: Area, day: datetime.date) -> int | None:
    """The list year in force on ``day`` when the area has figures, but none for that
    year: the § 12 check could not judge it (``AreaCheck.list_known``). None when the
    list is known or the area has no figures at all."""
    check = area_check_of(area=area, day=day)
    if check is None or check.list_known:
        return None
    return check.list_year


def barred_area_ids(*, actor: Actor, day: datetime.date) -> set[int]:
    """The housing areas of a Danish municipality barred by § 12, stk. 2 on ``day``."""
    if actor.municipality.country != Country.DENMARK:
        return set()
    by_area: dict[int, dict[int, object]] = {}
    for row in AreaIndicator.objects.filter(municipality=actor.municipality).select_related("area"):
        by_area.setdefault(row.area.area_id, {})[row.year] = row.figures()
    rules = rule_sets_for(actor.municipality)
    return {
        area_id
        for area_id, figures in by_area.items()
        if not area_check(criteria.classify_history(figures, rules), day).allowed  # type: ignore[arg-type]
    }


# Arrivals and candidates ---------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A dwelling that fits an arrival and can be ready by then: ``source`` is
    ``vacant``, ``lease_ends`` or ``maintenance``."""

    dwelling: Dwelling
    ready_from: datetime.date
    source: str
    lease_end: datetime.date | None = None
    on_agenda: str = ""

    @property
    def source_label(self) -> str:
        labels = {
            "vacant": _("Vacant"),
            "lease_ends": _("Lease ends"),
            "maintenance": _("Under maintenance"),
        }
        return labels[self.source]


@dataclass
class ArrivalRow:
    proposal: Proposal
    reservation: Reservation | None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.reservation is not None and (
            self.proposal.expected_arrival_on is None
            or self.reservation.ready_on <= self.proposal.expected_arrival_on
        )


def arrivals_queryset(*, actor: Actor) -> QuerySet[Proposal]:
    """Accepted proposals with an expected arrival, soonest first, with their persons
    and their open reservation."""
    require_role(actor, *READ_ROLES)
    return (
        Proposal.objects.filter(
            municipality=actor.municipality,
            status=ProposalStatus.ACCEPTED,
            expected_arrival_on__isnull=False,
        )
        .prefetch_related(
            "persons",
            Prefetch(
                "reservations",
                queryset=Reservation.objects.filter(released_on__isnull=True).select_related(
                    "dwelling", "meeting"
                ),
                to_attr="open_reservations",
            ),
        )
        .order_by("expected_arrival_on", "pk")
    )


def _fits(dwelling: Dwelling, proposal: Proposal) -> bool:
    return (
        proposal.bedrooms_needed
        <= dwelling.bedrooms
        <= proposal.bedrooms_needed + MAX_EXTRA_BEDROOMS
        and (dwelling.wheelchair_accessible or not proposal.needs_accessible)
    )


@dataclass(frozen=True)
class Stock:
    """The dwellings that may be ready, read once for a page: each with the last day
    of its latest running lease (None when not let from today)."""

    dwellings: list[Dwelling]
    lease_ends: dict[int, datetime.date]
    reserved: set[int]
    agenda: dict[int, str]
    barred_areas: set[int]


def stock(*, actor: Actor, today: datetime.date | None = None) -> Stock:
    """Five queries whatever the number of dwellings."""
    today = today or timezone.localdate()
    dwellings = list(
        Dwelling.objects.filter(municipality=actor.municipality, status__in=POSSIBLE_STATUSES)
        .select_related("area")
        .order_by("address", "unit_number")
    )
    lease_ends: dict[int, datetime.date] = {}
    for lease in Lease.objects.filter(running_from(today), municipality=actor.municipality):
        end = lease.effective_end
        if end > lease_ends.get(lease.dwelling_id, datetime.date.min):
            lease_ends[lease.dwelling_id] = end
    reserved = set(
        Reservation.objects.filter(
            municipality=actor.municipality, released_on__isnull=True
        ).values_list("dwelling_id", flat=True)
    )
    agenda = {
        item.dwelling_id: str(item.meeting)
        for item in AgendaItem.objects.filter(
            meeting__municipality=actor.municipality,
            meeting__status=MeetingStatus.OPEN,
            taken_out=False,
            outcome="",
        ).select_related("meeting")
    }
    return Stock(dwellings, lease_ends, reserved, agenda, barred_area_ids(actor=actor, day=today))


def candidates_for(proposal: Proposal, pool: Stock, *, today: datetime.date) -> list[Candidate]:
    """The dwellings that fit ``proposal`` (the bedrooms needed and at most one more,
    accessible when needed), are not reserved, are not in a barred Danish area, and
    can be ready by the arrival: vacant, a lease ending before, or under maintenance
    (ready when the work is done, date unknown: shown with today's date and labelled).
    Ready soonest first, the exact size first."""
    arrival = proposal.expected_arrival_on
    assert arrival is not None  # noqa: S101 - arrivals have a date
    found = []
    for dwelling in pool.dwellings:
        if dwelling.pk in pool.reserved or not _fits(dwelling, proposal):
            continue
        if dwelling.area_id in pool.barred_areas:
            continue
        end = pool.lease_ends.get(dwelling.pk)
        if end is not None and end >= arrival:
            continue
        if end is not None:
            candidate = Candidate(
                dwelling, end + datetime.timedelta(days=1), "lease_ends", lease_end=end
            )
        elif dwelling.status == DwellingStatus.MAINTENANCE:
            candidate = Candidate(dwelling, today, "maintenance")
        else:
            candidate = Candidate(dwelling, today, "vacant")
        found.append(
            Candidate(**{**candidate.__dict__, "on_agenda": pool.agenda.get(dwelling.pk, "")})
        )
    return sorted(
        found,
        key=lambda c: (
            c.ready_from,
            c.dwelling.bedrooms != proposal.bedrooms_needed,
            str(c.dwelling),
        ),
    )


def arrival_rows(
    *, actor: Actor, proposals: Iterable[Proposal], limit: int = 5
) -> list[ArrivalRow]:
    """Each arrival with its open reservation, or up to ``limit`` candidates."""
    today = timezone.localdate()
    pool = stock(actor=actor, today=today)
    rows = []
    for proposal in proposals:
        reservation = next(iter(proposal.open_reservations), None)  # type: ignore[attr-defined]
        row = ArrivalRow(proposal, reservation)
        if reservation is None:
            row.candidates = candidates_for(proposal, pool, today=today)[:limit]
        rows.append(row)
    return rows


def programme_projects(*, actor: Actor, year: int) -> QuerySet[Project]:
    """The housing programme's projects not yet done and due by ``year`` + 1: new
    dwellings that may come, by year and count only (no sizes are known)."""
    require_role(actor, *READ_ROLES)
    return (
        Project.objects.filter(municipality=actor.municipality, year__lte=year + 1)
        .exclude(status=ProjectStatus.DONE)
        .filter(year__gte=year)
        .select_related("programme")
        .order_by("year", "name")
    )


def rent_to_own_dwellings(*, actor: Actor) -> QuerySet[Dwelling]:
    """Dwellings with rent-to-own potential that are vacant today: a settled family
    could later buy one (finance app's rent-to-own)."""
    require_role(actor, *READ_ROLES)
    return Dwelling.objects.filter(
        municipality=actor.municipality, rent_to_own=True, status=DwellingStatus.READY
    ).order_by("address", "unit_number")


# Reservations -------------------------------------------------------------------------


def proposal_get(*, actor: Actor, settlement_proposal_id: int) -> Proposal:
    require_role(actor, *READ_ROLES)
    return get_for_actor(Proposal.objects.all(), actor, pk=settlement_proposal_id)


def reservation_get(*, actor: Actor, reservation_id: int) -> Reservation:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        Reservation.objects.select_related("dwelling", "proposal", "meeting"),
        actor,
        pk=reservation_id,
    )


def reservation_list(*, actor: Actor, open_only: bool = True) -> QuerySet[Reservation]:
    require_role(actor, *READ_ROLES)
    rows = Reservation.objects.filter(municipality=actor.municipality).select_related(
        "dwelling", "proposal", "meeting"
    )
    return rows.filter(released_on__isnull=True) if open_only else rows


def dwelling_choices(*, actor: Actor) -> QuerySet[Dwelling]:
    """The dwellings a reservation may name (the service checks the rest)."""
    return Dwelling.objects.filter(
        municipality=actor.municipality, status__in=POSSIBLE_STATUSES
    ).order_by("address", "unit_number")


# Denmark: temporary residences ----------------------------------------------------------


@dataclass(frozen=True)
class ResidenceRow:
    residence: TemporaryResidence
    days_waited: int


def temporary_residence_list(
    *, actor: Actor, current_only: bool = False
) -> QuerySet[TemporaryResidence]:
    require_role(actor, *READ_ROLES)
    rows = TemporaryResidence.objects.filter(municipality=actor.municipality).select_related(
        "proposal", "area", "dwelling"
    )
    if current_only:
        rows = rows.filter(to_on__isnull=True)
    return rows.order_by("to_on", "from_on", "pk")


def days_waited(residence: TemporaryResidence, today: datetime.date) -> int:
    """Days from the start of the stay to its end, or to today while it lasts."""
    return ((residence.to_on or today) - residence.from_on).days


def residence_rows(residences: Iterable[TemporaryResidence]) -> list[ResidenceRow]:
    today = timezone.localdate()
    return [ResidenceRow(r, days_waited(r, today)) for r in residences]


def temporary_residence_get(*, actor: Actor, temporary_residence_id: int) -> TemporaryResidence:
    require_role(actor, *READ_ROLES)
    return get_for_actor(
        TemporaryResidence.objects.select_related("proposal", "area"),
        actor,
        pk=temporary_residence_id,
    )


def placement_choices(*, actor: Actor) -> QuerySet[Proposal]:
    """Danish placements that may be given a temporary residence: accepted ones."""
    require_role(actor, *WRITE_ROLES)
    return Proposal.objects.filter(
        municipality=actor.municipality, status=ProposalStatus.ACCEPTED
    ).order_by("-received_on", "pk")


def area_choices(*, actor: Actor) -> QuerySet[Area]:
    return Area.objects.filter(municipality=actor.municipality).order_by("name")


def list_year_today() -> int:
    return list_year_in_force(timezone.localdate())


# Shared houses ------------------------------------------------------------------------


def shared_houses_with_room(*, actor: Actor) -> list[tuple[SharedHouse, int]]:
    """Shared houses with a unit that is vacant today, and how many."""
    require_role(actor, *READ_ROLES)
    counts: dict[int, int] = {}
    houses: dict[int, SharedHouse] = {}
    for dwelling in Dwelling.objects.filter(
        ~Q(shared_house=None), municipality=actor.municipality, status=DwellingStatus.READY
    ).select_related("shared_house"):
        assert dwelling.shared_house is not None  # noqa: S101 - filtered
        houses[dwelling.shared_house_id] = dwelling.shared_house  # type: ignore[index]
        counts[dwelling.shared_house_id] = counts.get(dwelling.shared_house_id, 0) + 1  # type: ignore[arg-type]
    return sorted(((houses[k], n) for k, n in counts.items()), key=lambda p: p[0].name)


# Unaccompanied minors -------------------------------------------------------------------


@dataclass(frozen=True)
class MinorRow:
    """A minor's dates; ``aftercare_ends`` is the proposal's own date when the office
    recorded an earlier end, else the law's (``domain.settlement.minors``)."""

    proposal: Proposal
    person: ProposedPerson
    transition: Transition
    aftercare_ends: datetime.date


def minor_rows(
    *, actor: Actor, today: datetime.date | None = None, months: int = 12
) -> list[MinorRow]:
    """Every unaccompanied minor accepted or settled, the soonest 18th birthday first,
    with whether an adult dwelling is needed within ``months`` (an adult dwelling
    recorded takes the minor off that list)."""
    require_role(actor, *READ_ROLES)
    today = today or timezone.localdate()
    proposals = Proposal.objects.filter(
        municipality=actor.municipality,
        unaccompanied_minor=True,
        status__in=(ProposalStatus.ACCEPTED, ProposalStatus.SETTLED),
    ).prefetch_related("persons")
    rows = []
    for proposal in proposals:
        persons = list(proposal.persons.all())
        if not persons:
            continue
        # The minor is the youngest person of the household (usually the only one).
        person = persons[-1]
        dates = transition(
            person.date_of_birth,
            today,
            country=actor.municipality.country,
            has_adult_dwelling=proposal.adult_dwelling_on is not None,
            months=months,
        )
        rows.append(
            MinorRow(proposal, person, dates, proposal.aftercare_until or dates.aftercare_ends)
        )
    return sorted(rows, key=lambda r: (r.transition.eighteenth_birthday, r.proposal.pk))


# The allocation meeting ------------------------------------------------------------------


def meeting_arrivals(*, actor: Actor, meeting: Meeting, limit: int = 20) -> list[Proposal]:
    """The upcoming arrivals (accepted, expected on or after the meeting's day) with
    their open reservation (``open_reservations``), soonest first, for the meeting's
    page."""
    return list(
        arrivals_queryset(actor=actor).filter(expected_arrival_on__gte=meeting.held_on)[:limit]
    )


def meeting_agenda_dwellings(*, meeting: Meeting) -> QuerySet[Dwelling]:
    """The agenda's dwellings still undecided and in the proposal: those the meeting may
    reserve for an arrival."""
    return Dwelling.objects.filter(
        pk__in=meeting.items.filter(taken_out=False, outcome="").values("dwelling_id")
    ).order_by("address", "unit_number")
