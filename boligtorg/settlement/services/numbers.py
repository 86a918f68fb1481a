"""Writes of the yearly numbers: IMDi's request and the council's decision (Norway),
the municipal quota (Denmark).

A figure is never changed in place: a change during the year is recorded as a new
version of the same kind and year (``target_record`` makes version n + 1), so the
history shows what was in force when. Each country keeps its own kinds
(``KINDS_BY_COUNTRY``). Every rule error is reported at once, keyed by field;
messages are the module's ``ERROR_`` constants, asserted verbatim by the tests.

Sources: IMDi, "Bosettingsprosessen"; integrationsloven ch. 3 and bekendtgørelse
nr. 550 af 3. maj 2022 (landstal, regional and municipal quotas).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, require_role

from ..access import WRITE_ROLES
from ..models import QuotaSetBy, SettlementTarget, TargetKind
from ..models.numbers import KINDS_BY_COUNTRY

ERROR_KIND = _("This kind of figure is not kept in this country.")
ERROR_YEAR = _("Give a year from %(first)s to %(last)s.")
ERROR_DATED_FUTURE = _("The date cannot be after today.")
ERROR_DATED_MISSING = _("Give the date of the document.")
ERROR_TOTAL = _("Give the number of refugees (0 or more).")
ERROR_NEGATIVE = _("The number cannot be negative.")
ERROR_MINORS_OVER_TOTAL = _("The unaccompanied minors cannot be more than the total.")
ERROR_NEXT_MINORS_OVER_TOTAL = _(
    "The plan figure for unaccompanied minors cannot be more than the plan figure."
)
ERROR_REGIONAL_OVER_NATIONAL = _("The regional quota cannot be more than the national figure.")
ERROR_MUNICIPAL_OVER_REGIONAL = _("The municipal quota cannot be more than the regional quota.")
ERROR_SET_BY = _(
    "Say whether the quota was agreed in the region or set by the Immigration Service."
)
ERROR_DOCUMENT = _("The document must be a PDF file.")
ERROR_DOCUMENT_SIZE = _("The document is larger than %(megabytes)s MB.")
ERROR_CONCURRENT = _("Someone registered a version of this figure at the same time. Try again.")

# How far from this year a figure may be: the history of a few years back (a late
# registration, a correction) and IMDi's plan figures for the year after next.
YEARS_BACK = 5
YEARS_AHEAD = 2
DOCUMENT_MAX_MEGABYTES = 20

# The fields each kind keeps; the rest are left empty on that kind's versions.
COMMON_FIELDS = ("dated_on", "total", "minors", "reference", "document", "note")
FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    TargetKind.IMDI_REQUEST: (*COMMON_FIELDS, "next_year_total", "next_year_minors"),
    TargetKind.COUNCIL_DECISION: COMMON_FIELDS,
    TargetKind.QUOTA: (*COMMON_FIELDS, "national_figure", "region", "regional_quota", "set_by"),
}
NUMBER_FIELDS = (
    "total",
    "minors",
    "next_year_total",
    "next_year_minors",
    "national_figure",
    "regional_quota",
)


def year_range(today: datetime.date | None = None) -> tuple[int, int]:
    """The years a figure may be registered for: this year − 5 to this year + 2."""
    year = (today or timezone.localdate()).year
    return year - YEARS_BACK, year + YEARS_AHEAD


def kinds_for(actor: Actor) -> tuple[str, ...]:
    """The kinds kept in the actor's municipality's country."""
    country = actor.municipality.country if actor.municipality else ""
    return tuple(str(kind) for kind in KINDS_BY_COUNTRY.get(country, ()))


def _document_errors(document: UploadedFile | None) -> list[Any]:
    if document is None:
        return []
    if document.size is not None and document.size > DOCUMENT_MAX_MEGABYTES * 1024 * 1024:
        return [ERROR_DOCUMENT_SIZE % {"megabytes": DOCUMENT_MAX_MEGABYTES}]
    head = document.read(5)
    document.seek(0)
    if not str(document.name).lower().endswith(".pdf") or head != b"%PDF-":
        return [ERROR_DOCUMENT]
    return []


def target_errors(
    *, kinds: tuple[str, ...], kind: str, year: int | None, fields: dict[str, Any]
) -> dict[str, list[Any]]:
    """Every rule error of a figure at once, by field (empty when it may be recorded)."""
    errors: dict[str, list[Any]] = {}

    def add(field: str, message: Any) -> None:
        errors.setdefault(field, []).append(message)

    if kind not in kinds:
        add("kind", ERROR_KIND)
    first, last = year_range()
    if year is None or not first <= year <= last:
        add("year", ERROR_YEAR % {"first": first, "last": last})
    dated_on = fields.get("dated_on")
    if dated_on is None:
        add("dated_on", ERROR_DATED_MISSING)
    elif dated_on > timezone.localdate():
        add("dated_on", ERROR_DATED_FUTURE)
    total = fields.get("total")
    if total is None or total < 0:
        add("total", ERROR_TOTAL)
    for name in NUMBER_FIELDS[1:]:
        value = fields.get(name)
        if value is not None and value < 0:
            add(name, ERROR_NEGATIVE)
    minors = fields.get("minors") or 0
    if total is not None and total >= 0 and minors > total:
        add("minors", ERROR_MINORS_OVER_TOTAL)
    next_total, next_minors = fields.get("next_year_total"), fields.get("next_year_minors")
    if next_minors is not None and next_minors > (next_total or 0):
        add("next_year_minors", ERROR_NEXT_MINORS_OVER_TOTAL)
    if kind == TargetKind.QUOTA:
        national, regional = fields.get("national_figure"), fields.get("regional_quota")
        if national is not None and regional is not None and regional > national:
            add("regional_quota", ERROR_REGIONAL_OVER_NATIONAL)
        if regional is not None and total is not None and total > regional:
            add("total", ERROR_MUNICIPAL_OVER_REGIONAL)
        if fields.get("set_by") not in QuotaSetBy.values:
            add("set_by", ERROR_SET_BY)
    for message in _document_errors(fields.get("document")):
        add("document", message)
    return errors


def _kept(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields ``kind`` keeps, blanks as the model stores them."""
    kept: dict[str, Any] = {}
    for name in FIELDS_BY_KIND.get(kind, COMMON_FIELDS):
        value = fields.get(name)
        if name in ("reference", "note", "region", "set_by"):
            value = (value or "").strip()
        elif name == "minors":
            value = value or 0
        if name == "document" and value is None:
            continue
        kept[name] = value
    return kept


def _audit_value(target: SettlementTarget, name: str, value: Any) -> Any:
    if name == "document":
        return target.document.name
    return value.isoformat() if isinstance(value, datetime.date) else value


def target_record(*, actor: Actor, kind: str, year: int, **fields: Any) -> SettlementTarget:
    """Record a version of the year's figure of ``kind``: version 1 when there is
    none, else the latest version + 1 (earlier versions are never changed). Raises
    ``ValidationError`` with every error at once, keyed by field."""
    require_role(actor, *WRITE_ROLES)
    unknown = (
        set(fields)
        - set(FIELDS_BY_KIND[TargetKind.IMDI_REQUEST])
        - set(FIELDS_BY_KIND[TargetKind.QUOTA])
    )
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors = target_errors(kinds=kinds_for(actor), kind=kind, year=year, fields=fields)
    if errors:
        raise ValidationError(errors)
    kept = _kept(kind, fields)
    try:
        with transaction.atomic():
            versions = list(
                SettlementTarget.objects.select_for_update()
                .filter(municipality=actor.municipality, kind=kind, year=year)
                .values_list("version", flat=True)
            )
            target = SettlementTarget.objects.create(
                municipality=actor.municipality,
                kind=kind,
                year=year,
                version=max(versions, default=0) + 1,
                created_by=actor.user,
                **kept,
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=target,
                changes={
                    "kind": [None, kind],
                    "year": [None, year],
                    "version": [None, target.version],
                    **{
                        name: [None, _audit_value(target, name, value)]
                        for name, value in kept.items()
                        if value not in (None, "")
                    },
                },
            )
    except IntegrityError as exc:
        raise ValidationError({"year": [ERROR_CONCURRENT]}) from exc
    return target
