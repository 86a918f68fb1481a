"""Persons, households and applications: every write checks access, validates,
writes in one transaction, appends to the timeline and the audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain.addresses import AddressProblem, PostalAddress, address_problems, care_of_name
from boligtorg.domain.identity import birth_date_from_national_id, normalise_national_id
from boligtorg.domain.lifecycle import ApplicationStatus as Status
from boligtorg.domain.lifecycle import ForbiddenTransition, check_transition

from ..access import REGISTER_ROLES, active_consents, require_edit
from ..events import case_event
from ..models import (
    Application,
    CaseCounter,
    Household,
    HouseholdMember,
    HouseholdRelation,
    Person,
    TargetGroup,
)
from ..reference import DEFAULT_TARGET_GROUPS

ERROR_NATIONAL_ID_INVALID = _("This is not a valid national identity number.")
ERROR_NATIONAL_ID_TAKEN = _("A person with this national identity number is already registered.")
ERROR_BIRTH_DATE_MISMATCH = _("The date of birth does not match the national identity number.")
ERROR_BIRTH_DATE_FUTURE = _("The date of birth cannot be in the future.")
ERROR_NAME_REQUIRED = _("Give the applicant's first and last name.")
ERROR_BIRTH_DATE_REQUIRED = _("Give the date of birth when there is no national id.")
ERROR_NOT_MAIN_APPLICANT = _(
    "This person is registered, but not as the main applicant of a household. "
    "Ask the housing office to register the household."
)
ERROR_ONE_MAIN_APPLICANT = _("A household needs exactly one main applicant.")
ERROR_PERSON_TWICE = _("The same person is listed twice.")
ERROR_STALE = _(
    "Someone else saved this application after you opened it. Your changes were not saved: "
    "reload the page to see theirs, then make your changes again."
)
ERROR_NO_CONSENT = _(
    "The applicant's consent is needed before the application is registered as received: "
    "record it under Consents."
)
ERROR_RECEIVED_FUTURE = _("The date received cannot be in the future.")
ERROR_TRANSITION = _("A case with status “%(current)s” cannot become “%(target)s”.")
ERROR_POSTCODE_FORMAT = _("A postcode is four digits.")
ERROR_STREET_MISSING = _("Give the street address.")
ERROR_POSTCODE_MISSING = _("Give the postcode.")
ERROR_TOWN_MISSING = _("Give the town.")
ERROR_CONTACT_POINT_MISSING = _(
    "A household without a fixed address needs a contact point for its letters "
    "(c/o, e.g. NAV Midtbyen)."
)
ADDRESS_MESSAGES = {
    AddressProblem.POSTCODE_FORMAT: ERROR_POSTCODE_FORMAT,
    AddressProblem.STREET_MISSING: ERROR_STREET_MISSING,
    AddressProblem.POSTCODE_MISSING: ERROR_POSTCODE_MISSING,
    AddressProblem.TOWN_MISSING: ERROR_TOWN_MISSING,
    AddressProblem.CONTACT_POINT_MISSING: ERROR_CONTACT_POINT_MISSING,
}
ADDRESS_FIELDS = (
    "address_street",
    "address_postcode",
    "address_town",
    "address_care_of",
    "no_fixed_address",
)
ERROR_INTERIM_REASON = _("Say why the case takes time.")
ERROR_INTERIM_EXPECTED_REQUIRED = _("Give the date an answer can be expected.")
ERROR_INTERIM_EXPECTED_BEFORE_SENT = _("The answer cannot be expected before the notice is sent.")

APPLICATION_FIELDS = (
    "situation",
    "household_income",
    "min_bedrooms",
    "needs_wheelchair_access",
    "needs_ground_floor",
    "has_pets",
    "wanted_areas",
    "excluded_areas",
    "accepts_shared_house",
)


def target_groups_ensure(*, municipality: Any) -> None:
    """Give a municipality the default target groups of its country (idempotent)."""
    for order, (code, name) in enumerate(DEFAULT_TARGET_GROUPS.get(municipality.country, [])):
        TargetGroup.objects.get_or_create(
            municipality=municipality, code=code, defaults={"name": name, "sort_order": order}
        )


def legal_bases_ensure() -> None:
    """The default legal bases (also seeded by migration 0002), for databases that
    were emptied since, such as those of transactional tests (idempotent)."""
    from ..models import LegalBasis
    from ..reference import DEFAULT_LEGAL_BASES

    for country, code, title in DEFAULT_LEGAL_BASES:
        LegalBasis.objects.get_or_create(country=country, code=code, defaults={"title": title})


def person_create(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    national_id: str = "",
    date_of_birth: datetime.date | None = None,
    **fields: Any,
) -> Person:
    """Register a person. The birth date comes from the national id when there is one;
    a person without an id needs a birth date."""
    require_role(actor, *REGISTER_ROLES)
    municipality = actor.municipality
    errors: dict[str, Any] = {}
    compact = ""
    if national_id.strip():
        compact = normalise_national_id(municipality.country, national_id) or ""
        if not compact:
            errors["national_id"] = ERROR_NATIONAL_ID_INVALID
        elif Person.objects.filter(municipality=municipality, national_id=compact).exists():
            errors["national_id"] = ERROR_NATIONAL_ID_TAKEN
        else:
            from_id = birth_date_from_national_id(municipality.country, compact)
            if date_of_birth and date_of_birth != from_id:
                errors["date_of_birth"] = ERROR_BIRTH_DATE_MISMATCH
            date_of_birth = date_of_birth or from_id
    if date_of_birth is None and "national_id" not in errors:
        errors["date_of_birth"] = _("Give the date of birth when there is no national id.")
    elif date_of_birth and date_of_birth > timezone.localdate():
        errors["date_of_birth"] = ERROR_BIRTH_DATE_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = Person.objects.create(
            municipality=municipality,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            national_id=compact,
            date_of_birth=date_of_birth,
            **fields,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=person)
    return person


def household_create(*, actor: Actor, members: Sequence[tuple[Person, str]]) -> Household:
    """A household of persons of the actor's municipality, exactly one main applicant."""
    require_role(actor, *REGISTER_ROLES)
    if sum(1 for _, relation in members if relation == HouseholdRelation.MAIN_APPLICANT) != 1:
        raise ValidationError({"members": ERROR_ONE_MAIN_APPLICANT})
    persons = [person for person, _ in members]
    if len({p.pk for p in persons}) != len(persons):
        raise ValidationError({"members": ERROR_PERSON_TWICE})
    if any(p.municipality_id != actor.municipality.pk for p in persons):
        raise PermissionDenied
    with transaction.atomic():
        household = Household.objects.create(municipality=actor.municipality)
        HouseholdMember.objects.bulk_create(
            HouseholdMember(household=household, person=person, relation=relation)
            for person, relation in members
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=household,
            changes={"members": [None, [f"{p.pk}:{r}" for p, r in members]]},
        )
    return household


def household_member_add(
    *, actor: Actor, application: Application, relation: str, **person_fields: Any
) -> HouseholdMember:
    """Register a person and add them to the application's household (not as main
    applicant: there is exactly one)."""
    require_edit(actor, application)
    if relation == HouseholdRelation.MAIN_APPLICANT:
        raise ValidationError({"relation": ERROR_ONE_MAIN_APPLICANT})
    with transaction.atomic():
        person = person_create(actor=actor, **person_fields)
        member = HouseholdMember.objects.create(
            household=application.household, person=person, relation=relation
        )
        case_event(
            actor=actor,
            application=application,
            kind="member_added",
            summary=_("%(name)s added to the household") % {"name": person},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=member,
            municipality=application.municipality,
            changes={"relation": [None, relation]},
        )
    return member


def household_address_update(
    *,
    actor: Actor,
    application: Application,
    address_street: str = "",
    address_postcode: str = "",
    address_town: str = "",
    address_care_of: str = "",
    no_fixed_address: bool = False,
) -> Household:
    """Set the postal address of the case's household, where every letter goes.
    Every problem is raised at once, keyed by field (``domain.addresses``)."""
    require_edit(actor, application)
    address = PostalAddress(
        street=address_street.strip(),
        postcode=address_postcode.strip(),
        town=address_town.strip(),
        care_of=care_of_name(address_care_of),
        no_fixed_address=no_fixed_address,
    )
    problems = address_problems(address, application.municipality.country)
    if problems:
        raise ValidationError(
            {field: ADDRESS_MESSAGES[problem] for field, problem in problems.items()}
        )
    after = {
        "address_street": address.street,
        "address_postcode": address.postcode,
        "address_town": address.town,
        "address_care_of": address.care_of,
        "no_fixed_address": address.no_fixed_address,
    }
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=application.household_id)
        before = {key: getattr(household, key) for key in ADDRESS_FIELDS}
        changes = changed_fields(
            {k: str(v) for k, v in before.items()}, {k: str(v) for k, v in after.items()}
        )
        if not changes:
            return household
        for key, value in after.items():
            setattr(household, key, value)
        household.save(update_fields=list(ADDRESS_FIELDS))
        case_event(
            actor=actor,
            application=application,
            kind="address_changed",
            summary=_("Postal address changed"),
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=household,
            municipality=application.municipality,
            changes=changes,
        )
    return household


def _household_of(actor: Actor, person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.filter(
            person=person,
            relation=HouseholdRelation.MAIN_APPLICANT,
            household__municipality=actor.municipality,
        )
        .order_by("-household__created_at")
        .select_related("household")
        .first()
    )
    return member.household if member else None


def applicant_find_or_register(
    actor: Actor,
    *,
    national_id: str,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
) -> tuple[Person, Household]:
    """The applicant and household, for another app's case (financing, deposit
    loans): found by national id when the person is registered as a household's main
    applicant, else registered with a household of one. Every error at once."""
    municipality = actor.municipality
    compact = normalise_national_id(municipality.country, national_id) if national_id else ""
    errors: dict[str, Any] = {}
    if national_id.strip() and not compact:
        errors["national_id"] = ERROR_NATIONAL_ID_INVALID
    person = (
        Person.objects.filter(municipality=municipality, national_id=compact).first()
        if compact
        else None
    )
    if person is not None:
        household = _household_of(actor, person)
        if household is None:
            raise ValidationError({"national_id": ERROR_NOT_MAIN_APPLICANT})
        return person, household
    if not (first_name.strip() and last_name.strip()):
        errors["first_name"] = ERROR_NAME_REQUIRED
    if not compact and date_of_birth is None and "national_id" not in errors:
        errors["date_of_birth"] = ERROR_BIRTH_DATE_REQUIRED
    if errors:
        raise ValidationError(errors)
    person = person_create(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        national_id=compact,
        date_of_birth=date_of_birth,
    )
    household = household_create(actor=actor, members=[(person, HouseholdRelation.MAIN_APPLICANT)])
    return person, household


def _next_case_number(municipality: Any, year: int) -> str:
    counter, _ = CaseCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:05d}"


def application_create(
    *,
    actor: Actor,
    household: Household,
    target_groups: Iterable[TargetGroup] = (),
    caseworker: Any = None,
    **fields: Any,
) -> Application:
    """A draft application for the household; the case number is given at once."""
    require_role(actor, Role.CASEWORKER)
    if household.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    main = household.members.select_related("person").get(relation=HouseholdRelation.MAIN_APPLICANT)
    groups = list(target_groups)
    if any(group.municipality_id != actor.municipality.pk for group in groups):
        raise PermissionDenied
    with transaction.atomic():
        application = Application(
            municipality=actor.municipality,
            household=household,
            applicant=main.person,
            number=_next_case_number(actor.municipality, timezone.localdate().year),
            caseworker=caseworker or actor.user,
            **{key: value for key, value in fields.items() if key in APPLICATION_FIELDS},
        )
        application.full_clean(exclude=["number"])
        application.save()
        application.target_groups.set(groups)
        case_event(
            actor=actor,
            application=application,
            kind="created",
            summary=_("Application registered"),
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=application)
    return application


def application_update(
    *,
    actor: Actor,
    application: Application,
    version: int,
    target_groups: Iterable[TargetGroup] | None = None,
    **fields: Any,
) -> Application:
    """Change the application's details. ``version`` is the one the form was opened
    with: when someone saved in between, nothing is written and the user is told."""
    require_edit(actor, application)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.version != version:
            raise ValidationError(ERROR_STALE)
        before = {key: getattr(current, key) for key in APPLICATION_FIELDS}
        for key, value in fields.items():
            if key in APPLICATION_FIELDS:
                setattr(current, key, value)
        current.full_clean()
        after = {key: getattr(current, key) for key in APPLICATION_FIELDS}
        changes = changed_fields(
            {k: str(v) for k, v in before.items()}, {k: str(v) for k, v in after.items()}
        )
        if target_groups is not None:
            old = sorted(current.target_groups.values_list("code", flat=True))
            current.target_groups.set(list(target_groups))
            new = sorted(current.target_groups.values_list("code", flat=True))
            if old != new:
                changes["target_groups"] = [old, new]
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        if changes:
            case_event(
                actor=actor,
                application=current,
                kind="updated",
                summary=_("Application details changed"),
            )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current


def _transition(actor: Actor, application: Application, target: Status) -> None:
    try:
        check_transition(application.status, target)
    except ForbiddenTransition as exc:
        raise ValidationError(
            ERROR_TRANSITION
            % {
                "current": application.get_status_display(),
                "target": dict(Application._meta.get_field("status").choices)[target],
            }
        ) from exc


def application_set_status(
    *, actor: Actor, application: Application, status: str, summary: str = ""
) -> Application:
    """Move the case along its life cycle (domain/lifecycle.py), with a timeline line."""
    require_edit(actor, application)
    target = Status(status)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        _transition(actor, current, target)
        before = current.status
        current.status = target
        current.version += 1
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "version", "updated_at"])
        case_event(
            actor=actor,
            application=current,
            kind=f"status_{target}",
            summary=summary
            or _("Status changed to %(status)s") % {"status": current.get_status_display()},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, target]},
        )
    return current


def application_submit(
    *, actor: Actor, application: Application, received_on: datetime.date
) -> Application:
    """Register the application as received: the date starts the deadlines. The main
    applicant's consent (a ``Consent`` row valid today) must be recorded first."""
    require_edit(actor, application)
    errors: dict[str, Any] = {}
    if not active_consents(application.applicant_id, timezone.localdate()).exists():
        errors["consent"] = ERROR_NO_CONSENT
    if received_on > timezone.localdate():
        errors["received_on"] = ERROR_RECEIVED_FUTURE
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(received_on=received_on)
        application.received_on = received_on
        return application_set_status(
            actor=actor,
            application=application,
            status=Status.SUBMITTED,
            summary=_("Application received %(date)s") % {"date": received_on.strftime("%d.%m.%Y")},
        )


def application_record_interim_notice(
    *,
    actor: Actor,
    application: Application,
    sent_on: datetime.date,
    reason: str = "",
    expected_on: datetime.date | None = None,
) -> Application:
    """Record that the interim notice (fvl. § 11 a) was sent: why the case takes time
    and when an answer can be expected, the two things the letter must say."""
    require_edit(actor, application)
    errors: dict[str, Any] = {}
    if application.received_on and sent_on < application.received_on:
        errors["sent_on"] = _("The notice cannot be sent before the application was received.")
    elif sent_on > timezone.localdate():
        errors["sent_on"] = _("The date cannot be in the future.")
    if not reason.strip():
        errors["reason"] = ERROR_INTERIM_REASON
    if expected_on is None:
        errors["expected_on"] = ERROR_INTERIM_EXPECTED_REQUIRED
    elif expected_on < sent_on:
        errors["expected_on"] = ERROR_INTERIM_EXPECTED_BEFORE_SENT
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(
            interim_notice_sent_on=sent_on,
            interim_notice_reason=reason.strip(),
            interim_notice_expected_on=expected_on,
        )
        application.interim_notice_sent_on = sent_on
        application.interim_notice_reason = reason.strip()
        application.interim_notice_expected_on = expected_on
        case_event(
            actor=actor,
            application=application,
            kind="interim_notice",
            summary=_("Interim notice sent"),
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=application,
            changes={
                "interim_notice_sent_on": [None, str(sent_on)],
                "interim_notice_expected_on": [None, str(expected_on)],
            },
        )
    return application
