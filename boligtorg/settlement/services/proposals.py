"""Writes of the persons proposed for settlement and the municipality's answer.

- Norway: an entry of IMDi's distribution list (named persons, their needs and the
  reception centre); the municipality accepts with an expected arrival or declines
  with a reason (IMDi, "Bosettingsprosessen"). Acceptance makes the household and
  its housing case in Boligtorg, filled in from the settlement record.
- Denmark: the Immigration Service's placement decision (visitering), announced
  without names; the municipality is responsible from the day integrationsloven § 4,
  stk. 2 gives (``domain.settlement.responsibility_date``), computed and stored at
  registration and again when the decision day or the consented day changes. The
  decision binds the municipality: it cannot be declined. The housing case is made
  once every person has a name.

Health needs are a special category (GDPR art. 9): written only by those who may
see them (``access.can_see_health``); the audit trail records that they changed,
never their text. The consent to share the mapping is recorded once.

Every write checks the role and the municipality, validates every field at once
(errors keyed by field, the module's ``ERROR_`` constants), writes in one
transaction, refuses a stale edit (``version``) and appends one audit event.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.events import case_event
from boligtorg.cases.models import (
    Gender,
    HouseholdRelation,
    Person,
    Situation,
    TargetGroup,
)
from boligtorg.cases.services.applications import (
    application_create,
    household_create,
    person_create,
    target_groups_ensure,
)
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, Country
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.identity import normalise_national_id
from boligtorg.domain.settlement import responsibility_date
from boligtorg.domain.settlement.minors import eighteenth_birthday

from ..access import WRITE_ROLES, can_see_health
from ..models import (
    DeclineReason,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ProposedPerson,
)
from ..models.persons import OPEN_STATUSES

ERROR_SOURCE_COUNTRY = _(
    "This municipality does not receive this kind of proposal: Norway receives IMDi's "
    "distribution lists, Denmark the Immigration Service's placement decisions."
)
ERROR_RECEIVED_FUTURE = _("The date received cannot be in the future.")
ERROR_PERMIT_FUTURE = _("The residence permit date cannot be in the future.")
ERROR_BEDROOMS = _("Give the bedrooms needed, from 1 to 10.")
ERROR_NO_PERSONS = _("Add at least one person.")
ERROR_ONE_MAIN = _("Exactly one person is the main person of the household.")
ERROR_NAME_REQUIRED = _("Person %(row)s: give the first and last name.")
ERROR_BIRTH_REQUIRED = _("Person %(row)s: give the date of birth.")
ERROR_BIRTH_FUTURE = _("Person %(row)s: the date of birth cannot be in the future.")
ERROR_NATIONAL_ID = _("Person %(row)s: this is not a valid national identity number.")
ERROR_RELATION = _("Person %(row)s: choose the relation.")
ERROR_PERSON_NAME = _("Give the first and last name.")
ERROR_PERSON_BIRTH_FUTURE = _("The date of birth cannot be in the future.")
ERROR_PERSON_NATIONAL_ID = _("This is not a valid national identity number.")
ERROR_PERSON_MAIN_TWICE = _("The household already has a main person.")
ERROR_PERSON_LAST = _("The last person of a proposal cannot be removed: withdraw it instead.")
ERROR_PERSON_MAIN_REMOVE = _(
    "The main person cannot be removed: make another person the main person first."
)
ERROR_MINOR_AGE = _(
    "An unaccompanied minor is under 18 on the day the proposal is received: check the "
    "date of birth."
)
ERROR_DECIDED_REQUIRED = _("Give the date of the placement decision.")
ERROR_DECIDED_FUTURE = _("The placement decision cannot be dated in the future.")
ERROR_CONSENTED_BEFORE = _(
    "An earlier takeover cannot start before the placement decision: check the date."
)
ERROR_NOT_PLACEMENT = _("Only a Danish placement decision has a decision date and a takeover.")
ERROR_ANSWERED_BEFORE = _("The answer cannot be dated before the proposal was received.")
ERROR_ANSWERED_FUTURE = _("The answer cannot be dated in the future.")
ERROR_ARRIVAL_REQUIRED = _("Give the expected arrival date.")
ERROR_ARRIVAL_BEFORE = _("The expected arrival cannot be before the answer.")
ERROR_REASON_REQUIRED = _("Choose the reason for declining.")
ERROR_NOTE_REQUIRED = _("Explain the reason “other” in the note.")
ERROR_PLACEMENT_BINDS = _(
    "A placement decision binds the municipality (integrationsloven § 10): it cannot be declined."
)
ERROR_TRANSITION = _("A proposal that is %(current)s cannot become %(target)s.")
ERROR_NOT_EDITABLE = _(
    "Only an open proposal without a housing case can be changed: this one is %(status)s."
)
ERROR_STALE = _(
    "Someone else saved this proposal after you opened it. Your changes were not saved: "
    "reload the page to see theirs, then make your changes again."
)
ERROR_HEALTH_WITHOUT_CONSENT = _(
    "Health needs are kept only with the person's consent to share the mapping: record "
    "the consent first."
)
ERROR_CONSENT_ONCE = _("The consent is already recorded and cannot be changed.")
ERROR_CONSENT_FUTURE = _("The consent cannot be dated in the future.")
ERROR_CONSENT_REQUIRED = _("Give the date the consent was given.")
ERROR_CASE_EXISTS = _("This household already has a housing case.")
ERROR_CASE_NAMES = _(
    "The housing case needs every person's name: enter the names from the Immigration "
    "Service's decision first."
)
ERROR_CASE_STATUS = _("A housing case is made only for an open or settled proposal.")
ERROR_YEAR = _("Give a year from 1900 to 9999.")
ERROR_ARRIVED_FUTURE = _("The arrival cannot be in the future.")
ERROR_ARRIVED_BEFORE = _("The arrival cannot be before the proposal was received.")

SOURCE_COUNTRY = {
    ProposalSource.DISTRIBUTION_LIST: Country.NORWAY,
    ProposalSource.PLACEMENT: Country.DENMARK,
}
# The details of the household and its needs, changed with ``proposal_update``.
DETAIL_FIELDS = (
    "list_reference",
    "received_on",
    "unaccompanied_minor",
    "residence_permit_on",
    "bedrooms_needed",
    "needs_accessible",
    "location_needs",
    "languages",
    "education_and_work",
    "reception_centre",
    "contact",
    "decided_on",
    "consented_from",
    "aftercare_until",
)
TEXT_FIELDS = (
    "list_reference",
    "location_needs",
    "languages",
    "education_and_work",
    "reception_centre",
    "contact",
)
PERSON_FIELDS = ("first_name", "last_name", "national_id", "date_of_birth", "gender", "relation")
EDITABLE_STATUSES = OPEN_STATUSES
MAX_BEDROOMS = 10


def source_for(country: str) -> str:
    """The one kind of proposal a municipality of ``country`` receives."""
    return next(source for source, land in SOURCE_COUNTRY.items() if land == country)


def _status_label(status: str) -> str:
    return str(dict(ProposalStatus.choices).get(status, status)).lower()


def _plain(values: Mapping[str, Any]) -> dict[str, str]:
    return {key: "" if value is None else str(value) for key, value in values.items()}


def _person_errors(
    country: str, data: Mapping[str, Any], *, named: bool, row: int | None = None
) -> dict[str, Any]:
    """One person's problems: by field on a person's own form (``row`` None), or as
    "Person n: ..." under ``persons`` for a list of persons."""
    today = timezone.localdate()
    found: list[tuple[str, Any, Any]] = []
    first, last = (str(data.get(name) or "").strip() for name in ("first_name", "last_name"))
    if named and not (first and last):
        found.append(("first_name", ERROR_PERSON_NAME, ERROR_NAME_REQUIRED))
    born = data.get("date_of_birth")
    if born is None:
        found.append(("date_of_birth", ERROR_BIRTH_REQUIRED, ERROR_BIRTH_REQUIRED))
    elif born > today:
        found.append(("date_of_birth", ERROR_PERSON_BIRTH_FUTURE, ERROR_BIRTH_FUTURE))
    national_id = str(data.get("national_id") or "").strip()
    if national_id and not normalise_national_id(country, national_id):
        found.append(("national_id", ERROR_PERSON_NATIONAL_ID, ERROR_NATIONAL_ID))
    if data.get("relation") not in HouseholdRelation.values:
        found.append(("relation", ERROR_RELATION, ERROR_RELATION))
    if row is None:
        return {field: own % {"row": 1} for field, own, _listed in found}
    return {"persons": [listed % {"row": row} for _field, _own, listed in found]} if found else {}


def _persons_errors(country: str, persons: list[Mapping[str, Any]], *, named: bool) -> list[Any]:
    messages: list[Any] = []
    if not persons:
        return [ERROR_NO_PERSONS]
    for row, data in enumerate(persons, start=1):
        messages.extend(_person_errors(country, data, named=named, row=row).get("persons", []))
    mains = sum(1 for data in persons if data.get("relation") == HouseholdRelation.MAIN_APPLICANT)
    if mains != 1:
        messages.append(ERROR_ONE_MAIN)
    return messages


def _detail_errors(country: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The problems of a proposal's details, every field at once."""
    today = timezone.localdate()
    errors: dict[str, Any] = {}
    received = values.get("received_on")
    if received and received > today:
        errors["received_on"] = ERROR_RECEIVED_FUTURE
    permit = values.get("residence_permit_on")
    if permit and permit > today:
        errors["residence_permit_on"] = ERROR_PERMIT_FUTURE
    bedrooms = values.get("bedrooms_needed")
    if bedrooms is None or not 1 <= bedrooms <= MAX_BEDROOMS:
        errors["bedrooms_needed"] = ERROR_BEDROOMS
    decided, consented = values.get("decided_on"), values.get("consented_from")
    if country == Country.DENMARK:
        if decided is None:
            errors["decided_on"] = ERROR_DECIDED_REQUIRED
        elif decided > today:
            errors["decided_on"] = ERROR_DECIDED_FUTURE
        elif consented and consented < decided:
            errors["consented_from"] = ERROR_CONSENTED_BEFORE
    else:
        for name in ("decided_on", "consented_from"):
            if values.get(name):
                errors[name] = ERROR_NOT_PLACEMENT
    return errors


def _minor_errors(
    unaccompanied_minor: bool, received: datetime.date | None, persons: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    if not unaccompanied_minor or received is None:
        return {}
    main = next((p for p in persons if p.get("relation") == HouseholdRelation.MAIN_APPLICANT), None)
    born = main.get("date_of_birth") if main else None
    if born and eighteenth_birthday(born) <= received:
        return {"unaccompanied_minor": ERROR_MINOR_AGE}
    return {}


def _responsible_from(proposal: Proposal) -> datetime.date | None:
    if proposal.source != ProposalSource.PLACEMENT or proposal.decided_on is None:
        return None
    return responsibility_date(proposal.decided_on, consented_from=proposal.consented_from)


def _normalised_person(country: str, data: Mapping[str, Any]) -> dict[str, Any]:
    national_id = str(data.get("national_id") or "").strip()
    return {
        "first_name": str(data.get("first_name") or "").strip(),
        "last_name": str(data.get("last_name") or "").strip(),
        "national_id": (normalise_national_id(country, national_id) or "") if national_id else "",
        "date_of_birth": data["date_of_birth"],
        "gender": data.get("gender") or Gender.UNKNOWN,
        "relation": data["relation"],
    }


def proposal_register(
    *,
    actor: Actor,
    source: str,
    received_on: datetime.date,
    persons: Iterable[Mapping[str, Any]] = (),
    health_needs: str = "",
    consent_on: datetime.date | None = None,
    **fields: Any,
) -> Proposal:
    """Register a proposed household with its persons.

    ``source`` must be the municipality's country's: IMDi's distribution list in
    Norway (every person named), the placement decision in Denmark (persons by birth
    date and relation; names may come later; ``decided_on`` required, the
    responsibility date computed). ``health_needs`` needs ``consent_on``. Unknown
    keys in ``fields`` are refused, not ignored."""
    require_role(actor, *WRITE_ROLES)
    country = actor.municipality.country
    persons = [dict(p) for p in persons]
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    values: dict[str, Any] = {"bedrooms_needed": 1, **fields, "received_on": received_on}
    errors: dict[str, Any] = {}
    if SOURCE_COUNTRY.get(source) != country:
        errors["source"] = ERROR_SOURCE_COUNTRY
    errors.update(_detail_errors(country, values))
    named = country == Country.NORWAY
    person_messages = _persons_errors(country, persons, named=named)
    if person_messages:
        errors["persons"] = person_messages
    errors.update(_minor_errors(bool(values.get("unaccompanied_minor")), received_on, persons))
    if consent_on and consent_on > timezone.localdate():
        errors["consent_on"] = ERROR_CONSENT_FUTURE
    if health_needs.strip() and consent_on is None:
        errors["health_needs"] = ERROR_HEALTH_WITHOUT_CONSENT
    if errors:
        raise ValidationError(errors)
    for name in TEXT_FIELDS:
        if name in values:
            values[name] = str(values[name] or "").strip()
    with transaction.atomic():
        proposal = Proposal(
            municipality=actor.municipality,
            source=source,
            created_by=actor.user,
            health_needs=health_needs.strip(),
            consent_on=consent_on,
            **values,
        )
        proposal.responsible_from = _responsible_from(proposal)
        proposal.save()
        ProposedPerson.objects.bulk_create(
            ProposedPerson(
                municipality=actor.municipality,
                proposal=proposal,
                **_normalised_person(country, data),
            )
            for data in persons
        )
        changes: dict[str, Any] = {
            key: [None, value] for key, value in _plain(values).items() if value
        }
        changes["persons"] = [None, len(persons)]
        if proposal.health_needs:
            changes["health_needs"] = [None, "(recorded)"]
        if consent_on:
            changes["consent_on"] = [None, consent_on.isoformat()]
        if proposal.responsible_from:
            changes["responsible_from"] = [None, proposal.responsible_from.isoformat()]
        audit_record(actor=actor, action=AuditAction.CREATE, obj=proposal, changes=changes)
        if country == Country.DENMARK and all(
            p.get("first_name") and p.get("last_name") for p in persons
        ):
            _make_case(actor, proposal)
    return proposal


def _locked(actor: Actor, proposal: Proposal, version: int | None) -> Proposal:
    """The proposal re-read under a row lock, after the role, municipality and
    version checks; the caller's object is left as it was."""
    require_role(actor, *WRITE_ROLES)
    if proposal.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if version is not None and current.version != version:
        raise ValidationError(ERROR_STALE)
    current.municipality = actor.municipality
    return current


def _save(current: Proposal, *names: str) -> None:
    current.version += 1
    current.save(update_fields=[*names, "version"])


def _require_editable(current: Proposal) -> None:
    if current.status not in EDITABLE_STATUSES or current.application_id is not None:
        raise ValidationError(ERROR_NOT_EDITABLE % {"status": _status_label(current.status)})


def _transition(current: Proposal, target: str, allowed_from: Iterable[str]) -> None:
    if current.status not in allowed_from:
        raise ValidationError(
            ERROR_TRANSITION
            % {"current": _status_label(current.status), "target": _status_label(target)}
        )
    current.status = target


def proposal_update(
    *,
    actor: Actor,
    proposal: Proposal,
    version: int | None,
    health_needs: str | None = None,
    **fields: Any,
) -> Proposal:
    """Change the details of an open proposal. The Danish responsibility date is
    computed again from the decision and consented days. ``health_needs`` is
    written only by someone who may see it (``access.can_see_health``)."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        if current.status not in EDITABLE_STATUSES:
            raise ValidationError(ERROR_NOT_EDITABLE % {"status": _status_label(current.status)})
        if health_needs is not None and not can_see_health(actor, current):
            raise PermissionDenied
        unknown = set(fields) - set(DETAIL_FIELDS)
        if unknown:
            raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
        before = {key: getattr(current, key) for key in DETAIL_FIELDS}
        values = {**before, **fields}
        for name in TEXT_FIELDS:
            values[name] = str(values[name] or "").strip()
        errors = _detail_errors(actor.municipality.country, values)
        persons = current.persons.values("relation", "date_of_birth")
        errors.update(
            _minor_errors(bool(values["unaccompanied_minor"]), values["received_on"], persons)
        )
        if errors:
            raise ValidationError(errors)
        for key, value in values.items():
            setattr(current, key, value)
        changes = changed_fields(_plain(before), _plain(values))
        responsible = _responsible_from(current)
        if responsible != current.responsible_from:
            changes["responsible_from"] = [
                current.responsible_from and current.responsible_from.isoformat(),
                responsible and responsible.isoformat(),
            ]
            current.responsible_from = responsible
        names = [*DETAIL_FIELDS, "responsible_from"]
        if health_needs is not None and health_needs.strip() != current.health_needs:
            current.health_needs = health_needs.strip()
            changes["health_needs"] = ["(before)", "(changed)"]
            names.append("health_needs")
        if not changes:
            return current
        _save(current, *names)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def proposal_consent_record(
    *, actor: Actor, proposal: Proposal, consent_on: datetime.date | None, version: int | None
) -> Proposal:
    """Record the day the person consented to share the reception centre's mapping
    (health needs among it). Recorded once; the audit trail keeps who recorded it."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        if current.consent_on is not None:
            raise ValidationError({"consent_on": ERROR_CONSENT_ONCE})
        if consent_on is None:
            raise ValidationError({"consent_on": ERROR_CONSENT_REQUIRED})
        if consent_on > timezone.localdate():
            raise ValidationError({"consent_on": ERROR_CONSENT_FUTURE})
        current.consent_on = consent_on
        _save(current, "consent_on")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"consent_on": [None, consent_on.isoformat()]},
        )
    return current


def _answer_errors(current: Proposal, answered_on: datetime.date | None) -> dict[str, Any]:
    if answered_on is None:
        return {"answered_on": _("Give the date of the answer.")}
    if answered_on < current.received_on:
        return {"answered_on": ERROR_ANSWERED_BEFORE}
    if answered_on > timezone.localdate():
        return {"answered_on": ERROR_ANSWERED_FUTURE}
    return {}


def proposal_accept(
    *,
    actor: Actor,
    proposal: Proposal,
    answered_on: datetime.date | None,
    expected_arrival_on: datetime.date | None,
    version: int | None = None,
) -> Proposal:
    """Accept a proposed household with its expected arrival. In Norway the household
    and its housing case are made at once (``proposal_case_create``), in the same
    transaction: either both are written or neither."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        _transition(current, ProposalStatus.ACCEPTED, (ProposalStatus.PROPOSED,))
        errors = _answer_errors(current, answered_on)
        if expected_arrival_on is None:
            errors["expected_arrival_on"] = ERROR_ARRIVAL_REQUIRED
        elif answered_on and expected_arrival_on < answered_on:
            errors["expected_arrival_on"] = ERROR_ARRIVAL_BEFORE
        if errors:
            raise ValidationError(errors)
        current.answered_on = answered_on
        current.answered_by = actor.user
        current.expected_arrival_on = expected_arrival_on
        _save(current, "status", "answered_on", "answered_by", "expected_arrival_on")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": [ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED],
                "answered_on": [None, str(answered_on)],
                "expected_arrival_on": [None, str(expected_arrival_on)],
            },
        )
        if current.source == ProposalSource.DISTRIBUTION_LIST and current.application_id is None:
            _make_case(actor, current)
    return current


def proposal_decline(
    *,
    actor: Actor,
    proposal: Proposal,
    answered_on: datetime.date | None,
    reason: str,
    note: str = "",
    version: int | None = None,
) -> Proposal:
    """Decline a proposed household with a reason (and a note for "other"). A Danish
    placement decision binds and is never declined."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        if current.source == ProposalSource.PLACEMENT:
            raise ValidationError(ERROR_PLACEMENT_BINDS)
        _transition(current, ProposalStatus.DECLINED, (ProposalStatus.PROPOSED,))
        errors = _answer_errors(current, answered_on)
        if reason not in DeclineReason.values:
            errors["reason"] = ERROR_REASON_REQUIRED
        elif reason == DeclineReason.OTHER and not note.strip():
            errors["note"] = ERROR_NOTE_REQUIRED
        if errors:
            raise ValidationError(errors)
        current.answered_on = answered_on
        current.answered_by = actor.user
        current.decline_reason = reason
        current.decline_note = note.strip()
        _save(current, "status", "answered_on", "answered_by", "decline_reason", "decline_note")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": [ProposalStatus.PROPOSED, ProposalStatus.DECLINED],
                "answered_on": [None, str(answered_on)],
                "decline_reason": [None, reason],
            },
        )
    return current


def proposal_withdraw(
    *, actor: Actor, proposal: Proposal, note: str = "", version: int | None = None
) -> Proposal:
    """IMDi or the Immigration Service withdrew the proposal (another municipality,
    the person moved on): an open proposal is closed without an answer."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        before = current.status
        _transition(current, ProposalStatus.WITHDRAWN, OPEN_STATUSES)
        _save(current, "status")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, ProposalStatus.WITHDRAWN], "note": [None, note.strip()]},
        )
    return current


def proposal_mark_settled(
    *, actor: Actor, proposal: Proposal, arrived_on: datetime.date
) -> Proposal:
    """Record that an accepted household arrived and is settled. A stand-in until
    the readiness work's settle-with-lease step replaces it."""
    with transaction.atomic():
        current = _locked(actor, proposal, None)
        _transition(current, ProposalStatus.SETTLED, (ProposalStatus.ACCEPTED,))
        if arrived_on > timezone.localdate():
            raise ValidationError({"arrived_on": ERROR_ARRIVED_FUTURE})
        if arrived_on < current.received_on:
            raise ValidationError({"arrived_on": ERROR_ARRIVED_BEFORE})
        current.arrived_on = arrived_on
        _save(current, "status", "arrived_on")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": [ProposalStatus.ACCEPTED, ProposalStatus.SETTLED],
                "arrived_on": [None, arrived_on.isoformat()],
            },
        )
    return current


def _person_locked(
    actor: Actor, person: ProposedPerson, version: int | None = None
) -> tuple[Proposal, ProposedPerson]:
    require_role(actor, *WRITE_ROLES)
    if person.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update().get(pk=person.proposal_id)
    # A page opened before someone else's save would overwrite it: refuse instead.
    if version is not None and version != proposal.version:
        raise ValidationError(ERROR_STALE)
    _require_editable(proposal)
    return proposal, ProposedPerson.objects.get(pk=person.pk)


def proposed_person_add(*, actor: Actor, proposal: Proposal, **fields: Any) -> ProposedPerson:
    """Add a person to an open proposal without a housing case. In Norway every
    person is named; in Denmark the birth date and relation are enough."""
    require_role(actor, *WRITE_ROLES)
    if proposal.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    country = actor.municipality.country
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        _require_editable(current)
        errors = _person_errors(country, fields, named=country == Country.NORWAY)
        if (
            fields.get("relation") == HouseholdRelation.MAIN_APPLICANT
            and current.persons.filter(relation=HouseholdRelation.MAIN_APPLICANT).exists()
        ):
            errors["relation"] = ERROR_PERSON_MAIN_TWICE
        if _minor_errors(current.unaccompanied_minor, current.received_on, [fields]):
            errors.setdefault("date_of_birth", ERROR_MINOR_AGE)
        if errors:
            raise ValidationError(errors)
        person = ProposedPerson.objects.create(
            municipality=actor.municipality, proposal=current, **_normalised_person(country, fields)
        )
        current.version += 1
        current.save(update_fields=["version"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=person,
            changes={"proposal": [None, current.pk], "relation": [None, person.relation]},
        )
    return person


def proposed_person_update(
    *, actor: Actor, person: ProposedPerson, version: int | None = None, **fields: Any
) -> ProposedPerson:
    """Change a person of an open proposal without a housing case, e.g. the names
    and CPR number that come with the Danish decision. ``version`` is the proposal's
    when the page was opened: a stale one is refused."""
    country = actor.municipality.country if actor.municipality else ""
    with transaction.atomic():
        proposal, current = _person_locked(actor, person, version)
        before = {key: getattr(current, key) for key in PERSON_FIELDS}
        values = {**before, **{k: v for k, v in fields.items() if k in PERSON_FIELDS}}
        errors = _person_errors(country, values, named=country == Country.NORWAY)
        if (
            values["relation"] == HouseholdRelation.MAIN_APPLICANT
            and proposal.persons.filter(relation=HouseholdRelation.MAIN_APPLICANT)
            .exclude(pk=current.pk)
            .exists()
        ):
            errors["relation"] = ERROR_PERSON_MAIN_TWICE
        if _minor_errors(proposal.unaccompanied_minor, proposal.received_on, [values]):
            errors.setdefault("date_of_birth", ERROR_MINOR_AGE)
        if errors:
            raise ValidationError(errors)
        after = _normalised_person(country, values)
        changes = changed_fields(_plain(before), _plain(after))
        if not changes:
            return current
        for key, value in after.items():
            setattr(current, key, value)
        current.save(update_fields=list(PERSON_FIELDS))
        proposal.version += 1
        proposal.save(update_fields=["version"])
        if "national_id" in changes:
            changes["national_id"] = ["(before)", "(changed)"]
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def proposed_person_remove(
    *, actor: Actor, person: ProposedPerson, version: int | None = None
) -> None:
    """Remove a person from an open proposal; never the last one, nor the main
    person while others remain."""
    with transaction.atomic():
        proposal, current = _person_locked(actor, person, version)
        if proposal.persons.count() == 1:
            raise ValidationError(ERROR_PERSON_LAST)
        if current.relation == HouseholdRelation.MAIN_APPLICANT:
            raise ValidationError(ERROR_PERSON_MAIN_REMOVE)
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=current,
            changes={"proposal": [proposal.pk, None]},
        )
        current.delete()
        proposal.version += 1
        proposal.save(update_fields=["version"])


def _target_group(actor: Actor, proposal: Proposal) -> list[TargetGroup]:
    """Refugee, or unaccompanied minor where the country has that group
    (``cases.reference``): the municipality's own copy of it."""
    target_groups_ensure(municipality=actor.municipality)
    codes = ["unaccompanied_minor", "refugee"] if proposal.unaccompanied_minor else ["refugee"]
    groups = {
        group.code: group
        for group in TargetGroup.objects.filter(municipality=actor.municipality, code__in=codes)
    }
    return [groups[code] for code in codes if code in groups][:1]


def _person_for(actor: Actor, proposed: ProposedPerson) -> Person:
    """The Boligtorg person of a proposed person: the one registered with the same
    national id, else a new one."""
    if proposed.national_id:
        known = Person.objects.filter(
            municipality=actor.municipality, national_id=proposed.national_id
        ).first()
        if known is not None:
            return known
    return person_create(
        actor=actor,
        first_name=proposed.first_name,
        last_name=proposed.last_name,
        national_id=proposed.national_id,
        date_of_birth=None if proposed.national_id else proposed.date_of_birth,
        gender=proposed.gender,
    )


def _make_case(actor: Actor, current: Proposal) -> None:
    """Persons, household and application from the settlement record, linked on
    the proposal (locked by the caller)."""
    proposed = list(current.persons.all())
    if not proposed or any(not (p.first_name and p.last_name) for p in proposed):
        raise ValidationError(ERROR_CASE_NAMES)
    members = []
    for person in proposed:
        found = _person_for(actor, person)
        if person.person_id != found.pk:
            person.person = found
            person.save(update_fields=["person"])
        members.append((found, person.relation))
    household = household_create(actor=actor, members=members)
    application = application_create(
        actor=actor,
        household=household,
        target_groups=_target_group(actor, current),
        situation=Situation.WITHOUT_DWELLING,
        min_bedrooms=current.bedrooms_needed,
        needs_wheelchair_access=current.needs_accessible,
    )
    reference = current.list_reference or str(current.pk)
    case_event(
        actor=actor,
        application=application,
        kind="from_settlement",
        summary=_("Made from the settlement record %(reference)s (%(source)s)")
        % {"reference": reference, "source": current.get_source_display()},
    )
    current.household = household
    current.application = application
    _save(current, "household", "application")
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=current,
        changes={"application": [None, application.number], "household": [None, household.pk]},
    )


def proposal_case_create(
    *, actor: Actor, proposal: Proposal, version: int | None = None
) -> Proposal:
    """Make the household and its housing case from the settlement record: the
    Danish step once the names have come with the decision. Refused without every
    person's name, and when the case exists."""
    with transaction.atomic():
        current = _locked(actor, proposal, version)
        if current.application_id is not None:
            raise ValidationError(ERROR_CASE_EXISTS)
        if current.status not in (*OPEN_STATUSES, ProposalStatus.SETTLED):
            raise ValidationError(ERROR_CASE_STATUS)
        _make_case(actor, current)
    return current
