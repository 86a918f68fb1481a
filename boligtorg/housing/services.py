"""Writes of the dwelling register: properties, landlords, dwellings, their status,
leases and imports. Each service checks the role (``access.WRITE_ROLES``),
validates, writes in one transaction and records an audit event.

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    CharField,
    DateTimeField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    JSONField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat, Left
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Household, TargetGroup
from boligtorg.core.audit import audit_record, changed_fields
from boligtorg.core.models import AuditAction, AuditEvent, Municipality
from boligtorg.core.permissions import Actor, require_role, require_same_municipality
from boligtorg.core.request_id import current_request_id
from boligtorg.domain.housing import (
    DEFAULT_LEASE_MONTHS,
    Period,
    check_dwelling_transition,
    first_overlap,
    is_valid_org_number,
    is_valid_unit_number,
    lease_end,
    lease_months,
    normalise_unit_number,
)
from boligtorg.domain.lifecycle import ForbiddenTransition, short_lease_needs_reason

from .access import SELL_ROLES, WRITE_ROLES
from .models import (
    Area,
    DispositionForm,
    Dwelling,
    DwellingStatus,
    DwellingStatusChange,
    Feature,
    Landlord,
    LandlordKind,
    Lease,
    Property,
    SecurityKind,
    SharedHouse,
)

ERROR_UNIT_NUMBER = _(
    "Write the unit number as in the cadastre: H, U, L or K and four digits, e.g. H0101."
)
ERROR_UNIT_TAKEN = _("A dwelling with this unit number is already registered at this address.")
ERROR_ADDRESS_REQUIRED = _("Give the address.")
ERROR_RENT_NEGATIVE = _("The rent cannot be negative.")
ERROR_AMOUNT_NEGATIVE = _("The amount cannot be negative.")
ERROR_BEDROOMS = _("The number of bedrooms must be between 0 and 20.")
ERROR_AREA = _("The usable area must be more than 0 m².")
ERROR_PROPERTY_INCOMPLETE = _("Give both gnr and bnr, or neither.")
ERROR_BUILDING_WITHOUT_PROPERTY = _("A building belongs to a property: give gnr and bnr too.")
ERROR_LANDLORD_REQUIRED = _("Choose the landlord for this disposition form.")
ERROR_LANDLORD_KIND = _("An allocation right belongs to a housing organisation.")
ERROR_CO_OP_REQUIRED = _("Give the co-op's name and its number of units.")
ERROR_DEVELOPMENT_REQUIRED = _("Name the development the nomination right belongs to.")
ERROR_CONTRACT_END = _("The contract must end after it starts.")
ERROR_FEATURE = _("Unknown feature: %(value)s.")
ERROR_ORG_NUMBER_NO = _("This is not a valid Norwegian organisation number (9 digits).")
ERROR_ORG_NUMBER_DK = _("This is not a valid Danish CVR number (8 digits).")
ERROR_LANDLORD_NAME_TAKEN = _("A landlord with this name is already registered.")
ERROR_EVERY_NTH = _("The allocation right must be every 1st to every 20th vacancy.")
ERROR_VACANCIES_COUNT = _("Report between 1 and 100 vacancies at a time.")
ERROR_STATUS_LET_BY_LEASE = _("A dwelling becomes let when a lease is registered.")
ERROR_STATUS_TRANSITION = _("A dwelling that is “%(current)s” cannot become “%(target)s”.")
ERROR_STATUS_ACTIVE_LEASE = _(
    "The dwelling has a current or coming lease. Terminate the lease before changing the status."
)
ERROR_END_BEFORE_START = _("The end must be after the start.")
ERROR_SHORT_LEASE_REASON = _(
    "A lease shorter than 3 years needs a reason (husleieloven §9-3 and §11-1)."
)
ERROR_LEASE_OVERLAP = _(
    "The dwelling is let from %(start)s to %(end)s. A new lease can start on %(next)s "
    "at the earliest."
)
ERROR_NOT_LETTABLE = _("A dwelling that is “%(status)s” cannot be let.")
ERROR_TERMINATION_REASON = _("Give the reason for the termination.")
ERROR_TERMINATION_DATE = _("The termination date must be within the lease (%(start)s–%(end)s).")
ERROR_ALREADY_TERMINATED = _("This lease has already been terminated.")
ERROR_ALREADY_RENEWED = _("This lease has already been renewed.")
ERROR_HAS_RENEWAL = _("This lease has been renewed: terminate the renewal instead.")
ERROR_SALE_LEASE = _(
    "Another household's lease runs on the day of the sale (%(start)s–%(end)s): end it first."
)
ERROR_SALE_DATE = _("The day of the sale cannot be after today, nor before the buyer's lease.")
ERROR_UNKNOWN_OWNER = _("No landlord named “%(name)s” is registered: register it first.")
ERROR_UNIT_TWICE = _("The same address and unit number are already on line %(line)s.")

REASON_LEASE_REGISTERED = _("Lease registered")
REASON_LEASE_TERMINATED = _("Lease terminated")
REASON_LEASE_ENDED = _("Lease ended")
REASON_REGISTERED = _("Registered")
REASON_IMPORTED = _("Imported")
REASON_SOLD_TO_TENANT = _("The tenant bought the dwelling")

# Rows per INSERT of an import where each row is a statement parameter (SQLite).
BULK_BATCH = 1000

# Fields a dwelling form or an import row may set directly on the model.
DWELLING_FIELDS = (
    "unit_number",
    "address",
    "dwelling_type",
    "bedrooms",
    "usable_area",
    "floor",
    "wheelchair_accessible",
    "features",
    "rent",
    "rent_to_own",
    "disposition_form",
    "landlord",
    "head_lease_start",
    "head_lease_end",
    "head_lease_rent",
    "rent_guarantee",
    "co_op_name",
    "co_op_units",
    "co_op_statutes_allow_twenty_percent",
    "nomination_development",
    "fdv_id",
)
LANDLORD_FIELDS = (
    "name",
    "kind",
    "org_number",
    "contact_person",
    "phone",
    "email",
    "allocation_every_nth",
)


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# Dwellings -----------------------------------------------------------------


def dwelling_errors(values: Mapping[str, Any]) -> dict[str, Any]:
    """Field errors of one dwelling's values (a form's or an import row's), without
    the database. ``unit_number`` must already be normalised."""
    errors: dict[str, Any] = {}
    if not str(values.get("address") or "").strip():
        errors["address"] = ERROR_ADDRESS_REQUIRED
    if not is_valid_unit_number(values.get("unit_number") or ""):
        errors["unit_number"] = ERROR_UNIT_NUMBER
    bedrooms = values.get("bedrooms")
    if bedrooms is None or not 0 <= bedrooms <= 20:
        errors["bedrooms"] = ERROR_BEDROOMS
    area = values.get("usable_area")
    if area is not None and area <= 0:
        errors["usable_area"] = ERROR_AREA
    rent = values.get("rent")
    if rent is None or rent < 0:
        errors["rent"] = ERROR_RENT_NEGATIVE
    for name in ("head_lease_rent", "rent_guarantee"):
        if values.get(name) is not None and values[name] < 0:
            errors[name] = ERROR_AMOUNT_NEGATIVE
    unknown = [f for f in values.get("features") or [] if f not in Feature.values]
    if unknown:
        errors["features"] = ERROR_FEATURE % {"value": ", ".join(unknown)}
    errors.update(_disposition_errors(values))
    return errors


def _disposition_errors(values: Mapping[str, Any]) -> dict[str, Any]:
    form = values.get("disposition_form")
    landlord = values.get("landlord")
    errors: dict[str, Any] = {}
    if form in (DispositionForm.LEASED, DispositionForm.ALLOCATION_RIGHT) and landlord is None:
        errors["landlord"] = ERROR_LANDLORD_REQUIRED
    if (
        form == DispositionForm.ALLOCATION_RIGHT
        and landlord is not None
        and landlord.kind != LandlordKind.HOUSING_ORGANISATION
    ):
        errors["landlord"] = ERROR_LANDLORD_KIND
    if form == DispositionForm.CO_OP_SHARE and not (
        values.get("co_op_name") and values.get("co_op_units")
    ):
        errors["co_op_name"] = ERROR_CO_OP_REQUIRED
    if form == DispositionForm.NOMINATION_RIGHT and not values.get("nomination_development"):
        errors["nomination_development"] = ERROR_DEVELOPMENT_REQUIRED
    start, end = values.get("head_lease_start"), values.get("head_lease_end")
    if start and end and end <= start:
        errors["head_lease_end"] = ERROR_CONTRACT_END
    return errors


def _property_errors(gnr: int | None, bnr: int | None, building: str) -> dict[str, Any]:
    if (gnr is None) != (bnr is None):
        return {"bnr" if bnr is None else "gnr": ERROR_PROPERTY_INCOMPLETE}
    if gnr is None and building:
        return {"building": ERROR_BUILDING_WITHOUT_PROPERTY}
    return {}


def _property_for(
    municipality: Municipality, gnr: int | None, bnr: int | None, building: str, address: str
) -> Property | None:
    if gnr is None or bnr is None:
        return None
    found, _ = Property.objects.get_or_create(
        municipality=municipality,
        gnr=gnr,
        bnr=bnr,
        building_name=building,
        defaults={"address": address},
    )
    return found


Named = TypeVar("Named", SharedHouse, Area)


def _named_for(model: type[Named], municipality: Municipality, name: str) -> Named | None:
    """The municipality's shared house or area of this name (ignoring case and extra
    spaces), created if new."""
    name = " ".join(name.split())
    if not name:
        return None
    found = model.objects.filter(municipality=municipality, name__iexact=name).first()
    return found or model.objects.create(municipality=municipality, name=name)


def _own_target_groups(actor: Actor, groups: Iterable[TargetGroup]) -> list[TargetGroup]:
    groups = list(groups)
    require_same_municipality(actor, *groups)
    return groups


def _check_dwelling(
    actor: Actor,
    fields: dict[str, Any],
    gnr: int | None,
    bnr: int | None,
    building: str,
    exclude_pk: int | None = None,
) -> None:
    require_same_municipality(actor, fields.get("landlord"))
    fields["unit_number"] = normalise_unit_number(fields.get("unit_number") or "")
    fields["address"] = (fields.get("address") or "").strip()
    errors = dwelling_errors(fields)
    errors.update(_property_errors(gnr, bnr, building))
    if "unit_number" not in errors and "address" not in errors:
        taken = Dwelling.objects.filter(
            municipality=actor.municipality,
            address=fields["address"],
            unit_number=fields["unit_number"],
        ).exclude(pk=exclude_pk)
        if taken.exists():
            errors["unit_number"] = ERROR_UNIT_TAKEN
    if errors:
        raise ValidationError(errors)


def _record_status(
    dwelling: Dwelling, before: str, after: str, reason: Any, actor: Actor | None
) -> DwellingStatusChange:
    return DwellingStatusChange.objects.create(
        dwelling=dwelling,
        from_status=before,
        to_status=after,
        reason=str(reason)[:300],
        changed_by=actor.user if actor else None,
    )


def dwelling_create(
    *,
    actor: Actor,
    gnr: int | None = None,
    bnr: int | None = None,
    building: str = "",
    shared_house_name: str = "",
    area_name: str = "",
    reserved_for: Iterable[TargetGroup] = (),
    status: str = DwellingStatus.READY,
    **fields: Any,
) -> Dwelling:
    """Register a dwelling; its property (gnr/bnr/building) and shared house are
    found by name or created. A new dwelling is never let: a lease makes it so."""
    require_role(actor, *WRITE_ROLES)
    fields = {key: value for key, value in fields.items() if key in DWELLING_FIELDS}
    _check_dwelling(actor, fields, gnr, bnr, building)
    if status == DwellingStatus.LET:
        raise ValidationError({"status": ERROR_STATUS_LET_BY_LEASE})
    with transaction.atomic():
        dwelling = Dwelling(
            municipality=actor.municipality,
            property=_property_for(actor.municipality, gnr, bnr, building, fields["address"]),
            shared_house=_named_for(SharedHouse, actor.municipality, shared_house_name),
            area=_named_for(Area, actor.municipality, area_name),
            status=status,
            **fields,
        )
        dwelling.full_clean(validate_constraints=False)
        dwelling.save()
        dwelling.reserved_for.set(_own_target_groups(actor, reserved_for))
        _record_status(dwelling, "", status, REASON_REGISTERED, actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=dwelling)
    return dwelling


def _dwelling_snapshot(dwelling: Dwelling) -> dict[str, Any]:
    snapshot = {name: getattr(dwelling, name) for name in DWELLING_FIELDS if name != "landlord"}
    snapshot["landlord"] = dwelling.landlord_id
    snapshot["property"] = dwelling.property_id
    snapshot["shared_house"] = dwelling.shared_house_id
    snapshot["area"] = dwelling.area_id
    snapshot["reserved_for"] = sorted(group.pk for group in dwelling.reserved_for.all())
    return {key: str(value) if value is not None else None for key, value in snapshot.items()}


def dwelling_update(
    *,
    actor: Actor,
    dwelling: Dwelling,
    gnr: int | None = None,
    bnr: int | None = None,
    building: str = "",
    shared_house_name: str = "",
    area_name: str = "",
    reserved_for: Iterable[TargetGroup] | None = None,
    **fields: Any,
) -> Dwelling:
    """Change a dwelling's details (not its status: see ``dwelling_change_status``)."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, dwelling)
    fields = {key: value for key, value in fields.items() if key in DWELLING_FIELDS}
    _check_dwelling(actor, fields, gnr, bnr, building, exclude_pk=dwelling.pk)
    with transaction.atomic():
        current = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
        before = _dwelling_snapshot(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.property = _property_for(actor.municipality, gnr, bnr, building, fields["address"])
        current.shared_house = _named_for(SharedHouse, actor.municipality, shared_house_name)
        current.area = _named_for(Area, actor.municipality, area_name)
        current.updated_at = timezone.now()
        current.full_clean(validate_constraints=False)
        current.save()
        if reserved_for is not None:
            current.reserved_for.set(_own_target_groups(actor, reserved_for))
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, _dwelling_snapshot(current)),
        )
    return current


def running_from(today: datetime.date) -> Q:
    """Leases whose tenancy has not ended before ``today`` (current or coming); the
    effective end is the termination day when there is one (never after ``end``)."""
    return Q(terminated_on__isnull=True, end__gte=today) | Q(terminated_on__gte=today)


def _has_lease_from(dwelling: Dwelling, today: datetime.date) -> bool:
    return Lease.objects.filter(running_from(today), dwelling=dwelling).exists()


def dwelling_change_status(
    *, actor: Actor, dwelling: Dwelling, status: str, reason: str = ""
) -> Dwelling:
    """Move a dwelling along the status table of ``domain.housing``. Let is set by
    leases only, and a dwelling with a current or coming lease stays let."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, dwelling)
    if status == DwellingStatus.LET:
        raise ValidationError({"status": ERROR_STATUS_LET_BY_LEASE})
    with transaction.atomic():
        current = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
        try:
            check_dwelling_transition(current.status, status)
        except ForbiddenTransition as exc:
            raise ValidationError(
                {
                    "status": ERROR_STATUS_TRANSITION
                    % {
                        "current": DwellingStatus(current.status).label,
                        "target": DwellingStatus(status).label,
                    }
                }
            ) from exc
        if current.status == DwellingStatus.LET and _has_lease_from(current, timezone.localdate()):
            raise ValidationError({"status": ERROR_STATUS_ACTIVE_LEASE})
        before = current.status
        current.status = status
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "updated_at"])
        _record_status(current, before, status, reason, actor)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, status], "reason": [None, reason]},
        )
    return current


# Landlords -----------------------------------------------------------------


def _check_landlord(actor: Actor, fields: dict[str, Any], exclude_pk: int | None = None) -> None:
    errors: dict[str, Any] = {}
    fields["name"] = (fields.get("name") or "").strip()
    org_number = "".join((fields.get("org_number") or "").split())
    fields["org_number"] = org_number
    country = actor.municipality.country
    if org_number and not is_valid_org_number(country, org_number):
        errors["org_number"] = ERROR_ORG_NUMBER_NO if country == "NO" else ERROR_ORG_NUMBER_DK
    every = fields.get("allocation_every_nth")
    if every is not None and not 1 <= every <= 20:
        errors["allocation_every_nth"] = ERROR_EVERY_NTH
    taken = Landlord.objects.filter(municipality=actor.municipality, name=fields["name"])
    if taken.exclude(pk=exclude_pk).exists():
        errors["name"] = ERROR_LANDLORD_NAME_TAKEN
    if errors:
        raise ValidationError(errors)


def landlord_create(*, actor: Actor, **fields: Any) -> Landlord:
    """Register a private landlord or a housing organisation."""
    require_role(actor, *WRITE_ROLES)
    fields = {key: value for key, value in fields.items() if key in LANDLORD_FIELDS}
    _check_landlord(actor, fields)
    with transaction.atomic():
        landlord = Landlord(municipality=actor.municipality, **fields)
        landlord.full_clean(validate_constraints=False)
        landlord.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=landlord)
    return landlord


def landlord_update(*, actor: Actor, landlord: Landlord, **fields: Any) -> Landlord:
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, landlord)
    fields = {key: value for key, value in fields.items() if key in LANDLORD_FIELDS}
    _check_landlord(actor, fields, exclude_pk=landlord.pk)
    with transaction.atomic():
        current = Landlord.objects.select_for_update().get(pk=landlord.pk)
        before = {name: str(getattr(current, name)) for name in LANDLORD_FIELDS}
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean(validate_constraints=False)
        current.save()
        after = {name: str(getattr(current, name)) for name in LANDLORD_FIELDS}
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes=changed_fields(before, after),
        )
    return current


def landlord_report_vacancies(*, actor: Actor, landlord: Landlord, count: int = 1) -> Landlord:
    """Count vacancies a housing organisation reported (DK anvisningsret): every
    n-th is the municipality's to allocate (``domain.housing.allocation_right_due``)."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, landlord)
    if not 1 <= count <= 100:
        raise ValidationError({"count": ERROR_VACANCIES_COUNT})
    with transaction.atomic():
        current = Landlord.objects.select_for_update().get(pk=landlord.pk)
        before = current.vacancies_reported
        current.vacancies_reported = before + count
        current.save(update_fields=["vacancies_reported"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"vacancies_reported": [before, current.vacancies_reported]},
        )
    return current


# Leases ----------------------------------------------------------------------


def _lease_errors(
    *,
    start: datetime.date,
    end: datetime.date,
    short_lease_reason: str,
    rent: Decimal | None,
    security_amount: Decimal | None,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if end <= start:
        errors["end"] = ERROR_END_BEFORE_START
    elif short_lease_needs_reason(lease_months(start, end)) and not short_lease_reason.strip():
        errors["short_lease_reason"] = ERROR_SHORT_LEASE_REASON
    if rent is None or rent < 0:
        errors["rent"] = ERROR_RENT_NEGATIVE
    if security_amount is not None and security_amount < 0:
        errors["security_amount"] = ERROR_AMOUNT_NEGATIVE
    return errors


def _overlap_error(dwelling: Dwelling, start: datetime.date, end: datetime.date) -> str | None:
    existing = {
        Period(lease.start, lease.effective_end): lease
        for lease in Lease.objects.filter(dwelling=dwelling)
    }
    clash = first_overlap(Period(start, end), existing)
    if clash is None:
        return None
    assert clash.end is not None  # noqa: S101 - a lease always has an end
    return ERROR_LEASE_OVERLAP % {
        "start": _date(clash.start),
        "end": _date(clash.end),
        "next": _date(clash.end + datetime.timedelta(days=1)),
    }


def lease_register(
    *,
    actor: Actor,
    dwelling: Dwelling,
    household: Household,
    start: datetime.date,
    end: datetime.date | None = None,
    rent: Decimal | None = None,
    short_lease_reason: str = "",
    security_kind: str = SecurityKind.DEPOSIT,
    security_amount: Decimal | None = None,
    six_month_clause: bool = False,
    three_party_agreement: bool = False,
    renewal_of: Lease | None = None,
) -> Lease:
    """Let a dwelling to a household. The lease runs 3 years unless ``end`` says
    otherwise (shorter needs a reason); it may not overlap another lease of the
    dwelling. The dwelling row is locked while the overlap is checked, so that two
    people cannot let the same dwelling at once."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, dwelling, household)
    end = end or lease_end(start, DEFAULT_LEASE_MONTHS)
    rent = dwelling.rent if rent is None else rent
    errors = _lease_errors(
        start=start,
        end=end,
        short_lease_reason=short_lease_reason,
        rent=rent,
        security_amount=security_amount,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
        if locked.status not in (DwellingStatus.READY, DwellingStatus.LET):
            raise ValidationError(
                ERROR_NOT_LETTABLE % {"status": DwellingStatus(locked.status).label}
            )
        overlap = _overlap_error(locked, start, end)
        if overlap:
            raise ValidationError({"start": overlap})
        lease = Lease.objects.create(
            municipality=actor.municipality,
            dwelling=locked,
            household=household,
            start=start,
            end=end,
            rent=rent,
            short_lease_reason=short_lease_reason.strip(),
            security_kind=security_kind,
            security_amount=security_amount,
            six_month_clause=six_month_clause,
            three_party_agreement=three_party_agreement,
            renewal_of=renewal_of,
            created_by=actor.user,
        )
        if locked.status != DwellingStatus.LET:
            before = locked.status
            locked.status = DwellingStatus.LET
            locked.updated_at = timezone.now()
            locked.save(update_fields=["status", "updated_at"])
            _record_status(locked, before, DwellingStatus.LET, REASON_LEASE_REGISTERED, actor)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=lease,
            changes={
                "household": [None, household.pk],
                "start": [None, str(start)],
                "end": [None, str(end)],
                "renewal_of": [None, renewal_of.pk if renewal_of else None],
            },
        )
    return lease


def lease_renew(
    *,
    actor: Actor,
    lease: Lease,
    end: datetime.date | None = None,
    rent: Decimal | None = None,
    short_lease_reason: str = "",
) -> Lease:
    """A new lease for the same household, from the day after this one ends, with
    the same clauses; 3 years unless ``end`` says otherwise."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, lease)
    if lease.terminated_on:
        raise ValidationError(ERROR_ALREADY_TERMINATED)
    if Lease.objects.filter(renewal_of=lease).exists():
        raise ValidationError(ERROR_ALREADY_RENEWED)
    return lease_register(
        actor=actor,
        dwelling=lease.dwelling,
        household=lease.household,
        start=lease.end + datetime.timedelta(days=1),
        end=end,
        rent=lease.rent if rent is None else rent,
        short_lease_reason=short_lease_reason,
        security_kind=lease.security_kind,
        security_amount=lease.security_amount,
        six_month_clause=lease.six_month_clause,
        three_party_agreement=lease.three_party_agreement,
        renewal_of=lease,
    )


def _release_if_vacant(
    dwelling: Dwelling, today: datetime.date, reason: Any, actor: Actor | None
) -> None:
    """Let → ready when no lease of the dwelling runs on or after ``today``."""
    if dwelling.status == DwellingStatus.LET and not _has_lease_from(dwelling, today):
        dwelling.status = DwellingStatus.READY
        dwelling.updated_at = timezone.now()
        dwelling.save(update_fields=["status", "updated_at"])
        _record_status(dwelling, DwellingStatus.LET, DwellingStatus.READY, reason, actor)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=dwelling,
            changes={"status": [DwellingStatus.LET, DwellingStatus.READY]},
        )


def lease_terminate(
    *, actor: Actor, lease: Lease, terminated_on: datetime.date, reason: str
) -> Lease:
    """End a lease before its end, with a reason. When the last day has passed the
    dwelling is ready at once; otherwise the daily job frees it after that day."""
    require_role(actor, *WRITE_ROLES)
    require_same_municipality(actor, lease)
    if not reason.strip():
        raise ValidationError({"reason": ERROR_TERMINATION_REASON})
    with transaction.atomic():
        dwelling = Dwelling.objects.select_for_update().get(pk=lease.dwelling_id)
        current = Lease.objects.select_for_update().get(pk=lease.pk)
        if current.terminated_on:
            raise ValidationError(ERROR_ALREADY_TERMINATED)
        if Lease.objects.filter(renewal_of=current).exists():
            raise ValidationError(ERROR_HAS_RENEWAL)
        if not current.start <= terminated_on <= current.end:
            raise ValidationError(
                {
                    "terminated_on": ERROR_TERMINATION_DATE
                    % {"start": _date(current.start), "end": _date(current.end)}
                }
            )
        current.terminated_on = terminated_on
        current.termination_reason = reason.strip()
        current.save(update_fields=["terminated_on", "termination_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"terminated_on": [None, str(terminated_on)], "reason": [None, reason]},
        )
        _release_if_vacant(dwelling, timezone.localdate(), REASON_LEASE_TERMINATED, actor)
    return current


def dwellings_release_ended(*, today: datetime.date) -> int:
    """System job: every let dwelling whose leases have all ended becomes ready."""
    released = 0
    running = Lease.objects.filter(running_from(today), dwelling=OuterRef("pk"))
    candidates = Dwelling.objects.filter(status=DwellingStatus.LET).filter(~Exists(running))
    for dwelling in candidates:
        with transaction.atomic():
            locked = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
            before = locked.status
            _release_if_vacant(locked, today, REASON_LEASE_ENDED, None)
            released += locked.status != before
    return released


def dwelling_sell(
    *,
    actor: Actor,
    dwelling: Dwelling,
    sold_on: datetime.date,
    reason: str,
    buyer: Household | None = None,
) -> Dwelling:
    """The dwelling leaves the municipal stock: sold on ``sold_on`` (not after today).
    When the sitting tenant buys it (rent-to-own), the ``buyer``'s lease ends the day
    before the sale and the dwelling goes let → ready → sold, each step in its
    history; any other household's lease that runs on the day of the sale refuses
    the sale, as does a coming lease of the buyer's (end it first)."""
    require_role(actor, *SELL_ROLES)
    require_same_municipality(actor, dwelling, *([buyer] if buyer else []))
    with transaction.atomic():
        current = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
        if sold_on > timezone.localdate():
            raise ValidationError({"sold_on": ERROR_SALE_DATE})
        for lease in Lease.objects.select_for_update().filter(
            running_from(sold_on), dwelling=current
        ):
            if buyer is None or lease.household_id != buyer.pk or lease.start >= sold_on:
                raise ValidationError(
                    ERROR_SALE_LEASE % {"start": _date(lease.start), "end": _date(lease.end)}
                )
            lease.terminated_on = sold_on - datetime.timedelta(days=1)
            lease.termination_reason = str(REASON_SOLD_TO_TENANT)
            lease.save(update_fields=["terminated_on", "termination_reason"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=lease,
                changes={"terminated_on": [None, str(lease.terminated_on)]},
            )
        _release_if_vacant(current, sold_on, REASON_SOLD_TO_TENANT, actor)
        try:
            check_dwelling_transition(current.status, DwellingStatus.SOLD)
        except ForbiddenTransition as exc:
            raise ValidationError(
                {
                    "status": ERROR_STATUS_TRANSITION
                    % {
                        "current": DwellingStatus(current.status).label,
                        "target": DwellingStatus.SOLD.label,
                    }
                }
            ) from exc
        before = current.status
        current.status = DwellingStatus.SOLD
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "updated_at"])
        _record_status(current, before, DwellingStatus.SOLD, reason, actor)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [before, DwellingStatus.SOLD], "reason": [None, reason]},
        )
    return current


# Import ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    """One parsed row of an import file: the line it came from and its values
    (model fields plus gnr, bnr, building, owner, shared_house, status)."""

    line: int
    values: dict[str, Any]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


class ImportRejected(Exception):
    """Nothing was written; ``errors`` names each bad row and column."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = list(errors)


# Model field → the file's column, for errors found on model fields.
_COLUMN_OF = {
    "landlord": "owner",
    "co_op_name": "co_op",
    "nomination_development": "development",
    "head_lease_start": "contract_start",
    "head_lease_end": "contract_end",
    "head_lease_rent": "contract_rent",
}


def _number_fields() -> list[tuple[str, Any]]:
    """The import's numeric values and the model fields that hold them: the ranges
    and digits that ``full_clean`` checks when one dwelling is saved (text lengths
    the file reader checks already)."""
    named = [(name, Dwelling._meta.get_field(name)) for name in DWELLING_FIELDS]
    named += [(name, Property._meta.get_field(name)) for name in ("gnr", "bnr")]
    return [
        (name, field)
        for name, field in named
        if isinstance(field, DecimalField | IntegerField) and field.validators
    ]


def _number_errors(values: Mapping[str, Any], fields: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for name, field in fields:
        if values.get(name) is None:
            continue
        try:
            field.run_validators(values[name])
        except ValidationError as exc:
            errors[name] = exc.messages[0]
    return errors


def _import_errors(
    municipality: Municipality, rows: Sequence[ImportRow], landlords: Mapping[str, Landlord]
) -> list[RowError]:
    errors: list[RowError] = []
    numbers = _number_fields()
    taken = set(
        Dwelling.objects.filter(municipality=municipality).values_list("address", "unit_number")
    )
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        values = row.values
        owner = values.get("owner") or ""
        if owner and owner not in landlords:
            errors.append(RowError(row.line, "owner", str(ERROR_UNKNOWN_OWNER % {"name": owner})))
        values["landlord"] = landlords.get(owner)
        field_errors = dwelling_errors(values)
        field_errors.update(
            _property_errors(values.get("gnr"), values.get("bnr"), values.get("building", ""))
        )
        for name, message in _number_errors(values, numbers).items():
            field_errors.setdefault(name, message)
        key = (values.get("address", ""), values.get("unit_number", ""))
        if "unit_number" not in field_errors and "address" not in field_errors:
            if key in taken:
                field_errors["unit_number"] = ERROR_UNIT_TAKEN
            elif key in seen:
                field_errors["unit_number"] = ERROR_UNIT_TWICE % {"line": seen[key]}
            seen.setdefault(key, row.line)
        if "landlord" in field_errors and owner and owner not in landlords:
            del field_errors["landlord"]  # already said: unknown owner
        errors.extend(
            RowError(row.line, _COLUMN_OF.get(name, name), str(message))
            for name, message in field_errors.items()
        )
    return errors


def _bulk_properties(
    municipality: Municipality, rows: Sequence[ImportRow]
) -> dict[tuple[int, int, str], Property]:
    keys = {
        (r.values["gnr"], r.values["bnr"], r.values.get("building", ""))
        for r in rows
        if r.values.get("gnr") is not None
    }
    existing = {
        (p.gnr, p.bnr, p.building_name): p
        for p in Property.objects.filter(municipality=municipality, gnr__in={k[0] for k in keys})
    }
    first_address = {}
    for r in rows:
        if r.values.get("gnr") is not None:
            key = (r.values["gnr"], r.values["bnr"], r.values.get("building", ""))
            first_address.setdefault(key, r.values["address"])
    missing = [
        Property(
            municipality=municipality, gnr=g, bnr=b, building_name=name, address=first_address[key]
        )
        for key in sorted(keys - set(existing))
        for g, b, name in [key]
    ]
    Property.objects.bulk_create(missing, batch_size=1000)
    return {
        (p.gnr, p.bnr, p.building_name): p
        for p in Property.objects.filter(municipality=municipality, gnr__in={k[0] for k in keys})
    }


def _bulk_named(
    model: type[Named], municipality: Municipality, names: Iterable[str]
) -> dict[str, Named]:
    """Shared houses or areas by name, the missing ones created in one insert."""
    wanted = {name for name in names if name}
    existing = set(
        model.objects.filter(municipality=municipality, name__in=wanted).values_list(
            "name", flat=True
        )
    )
    model.objects.bulk_create(
        model(municipality=municipality, name=name) for name in sorted(wanted - existing)
    )
    return {
        found.name: found
        for found in model.objects.filter(municipality=municipality, name__in=wanted)
    }


def dwellings_import(
    *, actor: Actor, rows: Sequence[ImportRow], errors: Sequence[RowError] = ()
) -> int:
    """Validate every row, then write all of them in one transaction, or none:
    ``ImportRejected`` lists each bad row and column, those the file reader found
    (``errors``) and those of the rules, sorted by line. Returns the number written."""
    require_role(actor, *WRITE_ROLES)
    municipality = actor.municipality
    landlords = {
        landlord.name: landlord for landlord in Landlord.objects.filter(municipality=municipality)
    }
    already = {(error.line, error.column) for error in errors}
    found = [
        error
        for error in _import_errors(municipality, rows, landlords)
        if (error.line, error.column) not in already
    ]
    if errors or found:
        raise ImportRejected(sorted([*errors, *found], key=lambda error: error.line))
    # Every row of this import carries this stamp, which is how its history and
    # audit events find them.
    stamp = timezone.now()
    with transaction.atomic():
        properties = _bulk_properties(municipality, rows)
        houses = _bulk_named(
            SharedHouse, municipality, (r.values.get("shared_house", "") for r in rows)
        )
        areas = _bulk_named(Area, municipality, (r.values.get("area", "") for r in rows))
        base = {"municipality_id": municipality.pk, "created_at": stamp, "updated_at": stamp}
        # The landlord goes in as its id, with the other relations.
        plain_fields = [name for name in DWELLING_FIELDS if name != "landlord"]
        dwellings = []
        for row in rows:
            values = row.values
            property_ = properties.get(
                (values.get("gnr"), values.get("bnr"), values.get("building", ""))
            )
            house = houses.get(values.get("shared_house", ""))
            area = areas.get(values.get("area", ""))
            landlord = values.get("landlord")
            dwellings.append(
                {
                    **base,
                    **{name: values[name] for name in plain_fields if name in values},
                    "status": values.get("status") or DwellingStatus.READY,
                    "property_id": property_.pk if property_ else None,
                    "shared_house_id": house.pk if house else None,
                    "area_id": area.pk if area else None,
                    "landlord_id": landlord.pk if landlord else None,
                }
            )
        _insert_rows(Dwelling, dwellings)
        imported = Dwelling.objects.filter(municipality=municipality, created_at=stamp)
        _history_imported(actor, imported, stamp)
        _audit_imported(actor, imported, stamp)
    return len(dwellings)


def _json_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # and datetime: ISO 8601, to the microsecond
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


def _insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (field attname → value; missing fields take their default).

    On PostgreSQL the rows travel as one JSON document that the server turns into
    rows (``jsonb_to_recordset``): one statement, and no model instance or value
    adaptation per cell in Python, where ``bulk_create`` spent three quarters of an
    11,000-row import (bench/dwellings.py). Elsewhere ``bulk_create``. The values
    must be valid already: the database converts each with its column's type."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**row) for row in rows), batch_size=BULK_BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    types = ", ".join(f"{quote(f.attname)} {f.db_type(connection)}" for f in fields)
    select = ", ".join(quote(f.attname) for f in fields)
    document = json.dumps([{**defaults, **row} for row in rows], default=_json_value)
    with connection.cursor() as cursor:
        # Only names and types from the model's metadata are spliced in.
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608
            f"SELECT {select} FROM jsonb_to_recordset(%s::jsonb) AS row({types})",
            [document],
        )


def _insert_derived(model: type[Model], columns: Mapping[str, Any], source: QuerySet) -> None:
    """``INSERT INTO model (columns) SELECT ... FROM source``: one row of ``model``
    per row of ``source``, each column's value an expression over the source row,
    made by the database in one statement (no model instance per row)."""
    aliases = {f"derived_{name}": value for name, value in columns.items()}
    select = source.order_by().annotate(**aliases).values_list(*aliases)
    sql, params = select.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        # Only names from the models' metadata and the ORM's own SQL are spliced in.
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql}", params)  # noqa: S608


def _history_imported(actor: Actor, imported: QuerySet[Dwelling], stamp: datetime.datetime) -> None:
    """The first status change of each imported dwelling: '' → its status."""
    _insert_derived(
        DwellingStatusChange,
        {
            "dwelling": F("pk"),
            "from_status": Value(""),
            "to_status": F("status"),
            "reason": Value(str(REASON_IMPORTED)),
            "changed_at": Value(stamp, output_field=DateTimeField()),
            "changed_by": Value(actor.user.pk),
        },
        imported,
    )


def _audit_imported(actor: Actor, imported: QuerySet[Dwelling], stamp: datetime.datetime) -> None:
    """One audit event per imported dwelling, as ``audit_record`` writes them
    (append-only: inserts are all the trail allows)."""
    current = current_request_id()
    request_id = actor.request_id or ("" if current == "-" else current)
    text = CharField()
    _insert_derived(
        AuditEvent,
        {
            "at": Value(stamp, output_field=DateTimeField()),
            "actor": Value(actor.user.pk),
            "actor_username": Value(actor.user.get_username()),
            "municipality": Value(actor.municipality.pk),
            "action": Value(AuditAction.CREATE.value),
            "object_type": Value(Dwelling._meta.label_lower),
            "object_id": Cast("pk", text),
            # str(dwelling)[:200]
            "object_repr": Left(
                Concat("address", Value(" "), "unit_number", output_field=text), 200
            ),
            "changes": Value({"import": [None, True]}, output_field=JSONField()),
            "request_id": Value(request_id),
        },
        imported,
    )
