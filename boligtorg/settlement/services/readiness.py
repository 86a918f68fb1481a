"""Writes of a dwelling ready on the day of arrival: reservations for a named
arrival, the settling itself (arrival recorded, lease drafted in the register), the
Danish temporary residences, and an unaccompanied minor's move to an adult dwelling.

Concurrency: the dwelling row and the proposal row are locked
(``select_for_update``) while a reservation is checked and made, as the allocation
services lock a dwelling before an offer; the database's partial unique constraints
(one open reservation per dwelling and per household) catch what the lock does not,
and the clash is turned into a named message.

Denmark: integrationsloven § 12, stk. 2 forbids a temporary residence or a dwelling in
an area on the year's list of vulnerable areas; the rule is checked here, for a
temporary residence and for a reservation, against the classification of the list in
force (``domain.settlement.area_check``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation.models import AgendaItem, Meeting, MeetingStatus, Offer, OfferStatus
from boligtorg.allocation.services.meetings import agenda_take_out
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Country
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.domain.housing import DEFAULT_LEASE_MONTHS, lease_end
from boligtorg.housing import services as housing_services
from boligtorg.housing.models import Area, Dwelling, DwellingStatus, Lease

from ..access import RESERVE_ROLES, WRITE_ROLES
from ..models import Proposal, ProposalStatus, Reservation, TemporaryResidence
from ..selectors.readiness import area_refusal_message

ERROR_NOT_ACCEPTED = _("Only an accepted proposal can have a dwelling reserved or be settled.")
ERROR_DWELLING_RESERVED = _("The dwelling is already reserved for %(reference)s.")
ERROR_HOUSEHOLD_RESERVED = _(
    "The household already has a dwelling reserved (%(dwelling)s); release it first."
)
ERROR_DWELLING_LET = _("The dwelling is let until %(date)s, past the arrival.")
ERROR_READY_DURING_LEASE = _(
    "The dwelling is let until %(date)s; it can be ready from %(next)s at the earliest."
)
ERROR_READY_AFTER_ARRIVAL = _("The dwelling must be ready by the arrival (%(date)s).")
ERROR_NO_ARRIVAL = _("Give the proposal an expected arrival date before reserving a dwelling.")
ERROR_NOT_AVAILABLE = _("A dwelling that is %(status)s cannot be reserved.")
ERROR_ON_AGENDA = _(
    "The dwelling is on the agenda of the open allocation meeting %(meeting)s; "
    "take it out there or reserve it in that meeting."
)
ERROR_NOT_ON_MEETING_AGENDA = _("The dwelling is not on this meeting's agenda.")
ERROR_OFFERED = _("The dwelling has an offer awaiting an answer.")
ERROR_RELEASE_REASON = _("Say why the reservation is released.")
ERROR_ALREADY_RELEASED = _("The reservation was already released on %(date)s.")
ERROR_NO_CASE = _("The household has no housing case yet; create it from the proposal first.")
ERROR_NO_RESERVATION = _("Reserve a dwelling for the household before settling it.")
ERROR_ARRIVED_AFTER_TODAY = _("The arrival cannot be dated after today.")
ERROR_LEASE_MONTHS = _("A lease runs at least one month.")
ERROR_DENMARK_ONLY = _("Temporary residences are kept for Danish municipalities only.")
ERROR_RESIDENCE_ENDED = _("The temporary residence has already ended (%(date)s).")
ERROR_RESIDENCE_END_BEFORE_START = _("The stay cannot end before it began (%(date)s).")
ERROR_ADDRESS_REQUIRED = _("Give the address of the temporary residence.")
ERROR_NOT_ACCEPTED_RESIDENCE = _(
    "Only a placement whose arrival is registered can have a temporary residence."
)
ERROR_RESIDENCE_OPEN = _(
    "The household already stays in a temporary residence (%(address)s, from %(date)s); "
    "end that stay first."
)
ERROR_NOT_MINOR = _("Only an unaccompanied minor's move to an adult dwelling is recorded here.")
ERROR_DATE_AFTER_TODAY = _("The date cannot be after today.")

REASON_TAKEN_OUT = _("Reserved for settlement (%(reference)s).")
REASON_SETTLED = _("Settled: the household arrived on %(date)s and the lease is drafted.")

BLOCKED_STATUSES = (DwellingStatus.SOLD, DwellingStatus.UNAVAILABLE)


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _reference(proposal: Proposal) -> str:
    return proposal.list_reference or f"#{proposal.pk}"


def _lease_at(dwelling: Dwelling, day: datetime.date) -> Lease | None:
    """The lease whose tenancy runs on ``day`` or later, latest end first."""
    leases = [
        lease
        for lease in Lease.objects.filter(dwelling=dwelling, start__lte=day)
        if lease.effective_end >= day
    ]
    return max(leases, key=lambda lease: lease.effective_end, default=None)


def reservation_errors(
    *,
    proposal: Proposal,
    dwelling: Dwelling,
    ready_on: datetime.date | None,
    meeting: Meeting | None = None,
) -> dict[str, Any]:
    """Every reason the dwelling cannot be reserved for the arrival, keyed by field
    (``dwelling``, ``ready_on``, or None for the proposal itself); empty when it can."""
    errors: dict[str | None, Any] = {}
    arrival = proposal.expected_arrival_on
    if proposal.status != ProposalStatus.ACCEPTED:
        errors[None] = ERROR_NOT_ACCEPTED
    elif arrival is None:
        errors[None] = ERROR_NO_ARRIVAL
    if dwelling.status in BLOCKED_STATUSES:
        errors["dwelling"] = ERROR_NOT_AVAILABLE % {
            "status": DwellingStatus(dwelling.status).label.lower()
        }
    held = (
        Reservation.objects.filter(dwelling=dwelling, released_on__isnull=True)
        .exclude(proposal=proposal)
        .select_related("proposal")
        .first()
    )
    if held is not None:
        errors["dwelling"] = ERROR_DWELLING_RESERVED % {"reference": _reference(held.proposal)}
    own = (
        Reservation.objects.filter(proposal=proposal, released_on__isnull=True)
        .select_related("dwelling")
        .first()
    )
    if own is not None:
        errors.setdefault(None, ERROR_HOUSEHOLD_RESERVED % {"dwelling": own.dwelling})
    if arrival is not None:
        lease = _lease_at(dwelling, arrival)
        if lease is not None:
            errors["dwelling"] = ERROR_DWELLING_LET % {"date": _date(lease.effective_end)}
        elif ready_on is not None:
            earlier = _lease_at(dwelling, ready_on)
            if earlier is not None:
                end = earlier.effective_end
                errors["ready_on"] = ERROR_READY_DURING_LEASE % {
                    "date": _date(end),
                    "next": _date(end + datetime.timedelta(days=1)),
                }
        if ready_on is not None and ready_on > arrival:
            errors["ready_on"] = ERROR_READY_AFTER_ARRIVAL % {"date": _date(arrival)}
    on_agenda = (
        AgendaItem.objects.filter(
            dwelling=dwelling, meeting__status=MeetingStatus.OPEN, taken_out=False, outcome=""
        )
        .exclude(meeting=meeting)
        .select_related("meeting")
        .first()
    )
    if on_agenda is not None:
        errors["dwelling"] = ERROR_ON_AGENDA % {"meeting": on_agenda.meeting}
    if Offer.objects.filter(dwelling=dwelling, status=OfferStatus.OPEN).exists():
        errors["dwelling"] = ERROR_OFFERED
    if meeting is not None and not meeting.items.filter(dwelling=dwelling).exists():
        errors["dwelling"] = ERROR_NOT_ON_MEETING_AGENDA
    if proposal.municipality.country == Country.DENMARK and dwelling.area_id is not None:
        refusal = area_refusal_message(
            area=dwelling.area, day=arrival or ready_on or timezone.localdate()
        )
        if refusal:
            errors["dwelling"] = refusal
    return errors


def _raise(errors: dict[str | None, Any]) -> None:
    """Raise every error at once; those about the proposal itself (None) under
    ``proposal``, the name the API and the meeting's form give it."""
    if not errors:
        return
    general = errors.pop(None, None)
    if general is not None:
        errors["proposal"] = general
    raise ValidationError(errors)


def reservation_make(
    *,
    actor: Actor,
    proposal: Proposal,
    dwelling: Dwelling,
    ready_on: datetime.date,
    note: str = "",
    meeting: Meeting | None = None,
) -> Reservation:
    """Hold a dwelling for an accepted arrival. Refused, with every reason at once,
    when the dwelling is reserved for another arrival, let under a lease running on the
    day of arrival, on an open allocation meeting's agenda (named), awaiting an answer
    to an offer, or (Denmark) in an area on the list of vulnerable areas in force; and
    when the household already has a dwelling reserved. Made from a meeting
    (``meeting``), the dwelling must be on its agenda and is taken out of its proposal
    there."""
    require_role(actor, *RESERVE_ROLES)
    require_same_municipality(actor, proposal, dwelling, meeting)
    try:
        with transaction.atomic():
            # Only the dwelling row is locked: its area is a nullable join, which
            # PostgreSQL cannot lock.
            locked = (
                Dwelling.objects.select_for_update(of=("self",))
                .select_related("area")
                .get(pk=dwelling.pk)
            )
            current = Proposal.objects.select_for_update().get(pk=proposal.pk)
            current.municipality = actor.municipality
            _raise(
                reservation_errors(
                    proposal=current, dwelling=locked, ready_on=ready_on, meeting=meeting
                )
            )
            reservation = Reservation.objects.create(
                municipality=actor.municipality,
                dwelling=locked,
                proposal=current,
                ready_on=ready_on,
                note=note.strip(),
                meeting=meeting,
                created_by=actor.user,
            )
            if meeting is not None:
                item = meeting.items.get(dwelling=locked)
                if not item.taken_out:
                    agenda_take_out(
                        actor=actor,
                        item=item,
                        reason=str(REASON_TAKEN_OUT % {"reference": _reference(current)}),
                    )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=reservation,
                changes={
                    "dwelling": [None, locked.pk],
                    "proposal": [None, current.pk],
                    "ready_on": [None, str(ready_on)],
                    "meeting": [None, meeting.pk if meeting else None],
                },
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"dwelling": ERROR_DWELLING_RESERVED % {"reference": _("another arrival")}}
        ) from exc
    return reservation


@transaction.atomic
def reservation_release(*, actor: Actor, reservation: Reservation, reason: str) -> Reservation:
    """Give the dwelling back (arrival cancelled, another dwelling chosen), with the
    reason. Returns the released row (the caller's object is left as it was)."""
    require_role(actor, *RESERVE_ROLES)
    require_same_municipality(actor, reservation)
    if not reason.strip():
        raise ValidationError({"reason": ERROR_RELEASE_REASON})
    locked = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if locked.released_on is not None:
        raise ValidationError(ERROR_ALREADY_RELEASED % {"date": _date(locked.released_on)})
    locked.released_on = timezone.localdate()
    locked.release_reason = reason.strip()
    locked.save(update_fields=["released_on", "release_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"released_on": [None, str(locked.released_on)], "reason": [None, reason.strip()]},
    )
    return locked


def _at_field(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The register's errors under the names the settle form gives its fields."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(f, f): e for f, e in exc.error_dict.items()})


def proposal_settle(
    *,
    actor: Actor,
    proposal: Proposal,
    arrived_on: datetime.date,
    lease_start: datetime.date,
    rent: Decimal | None = None,
    lease_months: int | None = None,
    short_lease_reason: str = "",
) -> Proposal:
    """The household has arrived: the proposal is settled with the day of arrival, the
    lease for the reserved dwelling is drafted in the register through the housing
    service (``lease_register``, as an accepted offer does; 3 years unless
    ``lease_months`` says otherwise, the dwelling's rent unless ``rent`` is given), and
    the reservation is closed. Every problem is raised at once, keyed by field."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, proposal)
    months = lease_months or DEFAULT_LEASE_MONTHS
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        reservation = (
            Reservation.objects.select_for_update(of=("self",))
            .filter(proposal=current, released_on__isnull=True)
            .select_related("dwelling")
            .first()
        )
        errors: dict[str | None, Any] = {}
        if current.status != ProposalStatus.ACCEPTED:
            errors[None] = ERROR_NOT_ACCEPTED
        elif current.application_id is None:
            errors[None] = ERROR_NO_CASE
        elif reservation is None:
            errors[None] = ERROR_NO_RESERVATION
        if arrived_on > timezone.localdate():
            errors["arrived_on"] = ERROR_ARRIVED_AFTER_TODAY
        if lease_months is not None and lease_months < 1:
            errors["lease_months"] = ERROR_LEASE_MONTHS
        # § 12, stk. 2 holds on the day the lease starts: a new list may have come on
        # 1 December since the dwelling was reserved.
        area = reservation.dwelling.area if reservation is not None else None
        if actor.municipality.country == Country.DENMARK and area is not None:
            refusal = area_refusal_message(area=area, day=lease_start)
            if refusal:
                errors["lease_start"] = refusal
        _raise(errors)
        assert reservation is not None  # noqa: S101 - checked above
        application = current.application
        assert application is not None  # noqa: S101 - checked above
        try:
            lease = housing_services.lease_register(
                actor=actor,
                dwelling=reservation.dwelling,
                household=application.household,
                start=lease_start,
                end=lease_end(lease_start, months),
                rent=rent,
                short_lease_reason=short_lease_reason,
            )
        except ValidationError as exc:
            raise _at_field(exc, {"start": "lease_start", "end": "lease_months"}) from exc
        current.status = ProposalStatus.SETTLED
        current.arrived_on = arrived_on
        current.version += 1
        current.save(update_fields=["status", "arrived_on", "version"])
        reservation.released_on = arrived_on
        reservation.release_reason = str(REASON_SETTLED % {"date": _date(arrived_on)})
        reservation.save(update_fields=["released_on", "release_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": [ProposalStatus.ACCEPTED, ProposalStatus.SETTLED],
                "arrived_on": [None, str(arrived_on)],
                "lease": [None, lease.pk],
                "reservation": [reservation.pk, None],
            },
        )
    return current


# Denmark: temporary residences ----------------------------------------------------


def _denmark(actor: Actor) -> None:
    if actor.municipality.country != Country.DENMARK:
        raise ValidationError(ERROR_DENMARK_ONLY)


@transaction.atomic
def temporary_residence_add(
    *,
    actor: Actor,
    proposal: Proposal,
    address: str,
    area: Area,
    from_on: datetime.date,
    dwelling: Dwelling | None = None,
    note: str = "",
) -> TemporaryResidence:
    """A temporary residence (midlertidigt opholdssted, integrationsloven § 12) from
    ``from_on``; refused in an area on the list of vulnerable areas in force that day
    (§ 12, stk. 2), explained at the ``area`` field."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, proposal, area, dwelling)
    _denmark(actor)
    # Locked, so two caseworkers cannot open two stays for one household at once.
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    errors: dict[str | None, Any] = {}
    if proposal.status != ProposalStatus.ACCEPTED:
        errors[None] = ERROR_NOT_ACCEPTED_RESIDENCE
    open_stay = proposal.temporary_residences.filter(to_on__isnull=True).first()
    if open_stay is not None:
        errors[None] = ERROR_RESIDENCE_OPEN % {
            "address": open_stay.address,
            "date": _date(open_stay.from_on),
        }
    if not address.strip():
        errors["address"] = ERROR_ADDRESS_REQUIRED
    if dwelling is not None and dwelling.area_id not in (None, area.pk):
        area = dwelling.area  # type: ignore[assignment]
    refusal = area_refusal_message(area=area, day=from_on, address=address.strip())
    if refusal:
        errors["area"] = refusal
    _raise(errors)
    residence = TemporaryResidence.objects.create(
        municipality=actor.municipality,
        proposal=proposal,
        address=address.strip(),
        dwelling=dwelling,
        area=area,
        from_on=from_on,
        note=note.strip(),
        created_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=residence,
        changes={"area": [None, area.pk], "from_on": [None, str(from_on)]},
    )
    return residence


@transaction.atomic
def temporary_residence_end(
    *, actor: Actor, residence: TemporaryResidence, to_on: datetime.date
) -> TemporaryResidence:
    """The stay ends (a permanent dwelling is found): the days waited are counted to
    ``to_on``."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, residence)
    _denmark(actor)
    locked = TemporaryResidence.objects.select_for_update().get(pk=residence.pk)
    if locked.to_on is not None:
        raise ValidationError(ERROR_RESIDENCE_ENDED % {"date": _date(locked.to_on)})
    if to_on < locked.from_on:
        raise ValidationError(
            {"to_on": ERROR_RESIDENCE_END_BEFORE_START % {"date": _date(locked.from_on)}}
        )
    locked.to_on = to_on
    locked.save(update_fields=["to_on"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=locked, changes={"to_on": [None, str(to_on)]}
    )
    return locked


# Unaccompanied minors ---------------------------------------------------------------


@transaction.atomic
def minor_adult_dwelling_record(
    *, actor: Actor, proposal: Proposal, adult_dwelling_on: datetime.date
) -> Proposal:
    """An unaccompanied minor has moved to an adult dwelling on ``adult_dwelling_on``."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, proposal)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not current.unaccompanied_minor:
        raise ValidationError(ERROR_NOT_MINOR)
    if adult_dwelling_on > timezone.localdate():
        raise ValidationError({"adult_dwelling_on": ERROR_DATE_AFTER_TODAY})
    before = current.adult_dwelling_on
    current.adult_dwelling_on = adult_dwelling_on
    current.version += 1
    current.save(update_fields=["adult_dwelling_on", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"adult_dwelling_on": [str(before) if before else None, str(adult_dwelling_on)]},
    )
    return current
