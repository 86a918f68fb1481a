"""What an audit event changed, in the reader's language: each changed field by its
model's verbose name, its old and new value with choice labels for codes and dates
and numbers in the reader's locale.

An event stores ``{field: [old, new]}`` (``audit.changed_fields``), values as the
service wrote them: often text (``"2026-03-01"``, ``"True"``, ``"None"``), codes of
choices, ids of related rows. Other events store a few facts (``{"report":
"kostra", "year": 2026}``), and list reads and exports their query and the ids they
showed (``audit.audit_list_read``), which ``core_tags.audit_details`` describes.
Nothing here reads the database: the labels come from the models' fields.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

if TYPE_CHECKING:
    from .models import AuditEvent

EMPTY = "–"

# Keys that services record beside a model's fields, and what they mean.
OTHER_KEYS = {
    "waiting_list": gettext_lazy("Waiting list"),
    "dwellings": gettext_lazy("Dwellings"),
    "report": gettext_lazy("Report"),
    "year": gettext_lazy("Year"),
    "format": gettext_lazy("Format"),
    "audit_trail": gettext_lazy("Audit trail (page)"),
    "password": gettext_lazy("Password"),
    "password_generated": gettext_lazy("Password generated"),
    "must_change_password": gettext_lazy("Must change password at next login"),
    "roles": gettext_lazy("Roles"),
    "team": gettext_lazy("Case team"),
    "members": gettext_lazy("Members"),
    "persons": gettext_lazy("Persons"),
    "special_categories": gettext_lazy("Special categories"),
}


@dataclass(frozen=True)
class Change:
    """One line of an event's changes: ``label`` and ``old`` → ``new`` when
    ``is_pair``, else ``label`` and ``value``."""

    label: str
    old: str = ""
    new: str = ""
    value: str = ""
    is_pair: bool = False

    def __str__(self) -> str:
        if self.is_pair:
            return f"{self.label}: {self.old} → {self.new}"
        return f"{self.label}: {self.value}"


def is_rows_read(event: AuditEvent) -> bool:
    """True for a list read or an export: its changes are a query and row ids."""
    return isinstance(event.changes, dict) and "ids" in event.changes and "count" in event.changes


def _model(event: AuditEvent) -> type[models.Model] | None:
    try:
        return apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The field's verbose name ("Received on"), a known key's label, or the key."""
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name))
    if name in OTHER_KEYS:
        return str(OTHER_KEYS[name])
    return capfirst(name.replace("_", " "))


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _moment(value: Any) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _number(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def value_text(field: models.Field | None, value: Any) -> str:
    """``value`` as the reader should see it: a choice's label, a date or a number
    in the reader's locale, yes or no; ``–`` for nothing."""
    if value is None or value in ("", "None", []):
        return EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(value_text(field, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {value_text(None, item)}" for key, item in value.items())
    if field is not None:
        if field.choices:
            labels = {str(code): label for code, label in field.flatchoices}
            if str(value) in labels:
                return str(labels[str(value)])
        if isinstance(field, models.BooleanField) and str(value) in ("True", "False"):
            return _("Yes") if str(value) == "True" else _("No")
        if isinstance(field, models.DateTimeField):
            moment = _moment(value)
            if moment is not None:
                return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        elif isinstance(field, models.DateField):
            day = _date(value)
            if day is not None:
                return formats.date_format(day, "SHORT_DATE_FORMAT")
        elif isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
            number = _number(value)
            if number is not None:
                return number
    elif isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def event_changes(event: AuditEvent) -> list[Change]:
    """The event's changes, one per field, in the reader's language; empty for a
    list read or an export (see ``core_tags.audit_details``)."""
    if not isinstance(event.changes, dict) or is_rows_read(event):
        return []
    model = _model(event)
    lines = []
    for name, recorded in event.changes.items():
        field = _field(model, name)
        label = field_label(model, name)
        if isinstance(recorded, list) and len(recorded) == 2:
            old, new = recorded
            lines.append(
                Change(label, old=value_text(field, old), new=value_text(field, new), is_pair=True)
            )
        else:
            lines.append(Change(label, value=value_text(field, recorded)))
    return lines


# The names list reads and exports give their list (``audit_list_read``'s ``name``).
LIST_NAMES = {
    "list": gettext_lazy("list"),
    "case list": gettext_lazy("case list"),
    "waiting list": gettext_lazy("waiting list"),
    "deadline list": gettext_lazy("deadline list"),
    "early warning": gettext_lazy("early warning"),
    "lease household search": gettext_lazy("lease household search"),
    "expiring leases": gettext_lazy("expiring leases"),
    "audit log": gettext_lazy("audit log"),
}


def object_kind(event: AuditEvent) -> str:
    """The verbose name of the event's kind of object ("Søknad"), or its label."""
    model = _model(event)
    return capfirst(str(model._meta.verbose_name)) if model else event.object_type


def event_object(event: AuditEvent) -> str:
    """What an audit event is about: its object with the kind of object in front
    (the model's verbose name, e.g. "Decision Refused 2026-03-03"), unless the name
    already says it or the kind is unknown. A list read or an export names its list
    in the reader's language."""
    name = event.object_repr
    if is_rows_read(event) and name in LIST_NAMES:
        name = str(LIST_NAMES[name])
    model = _model(event)
    if model is None:
        return name
    label = str(model._meta.verbose_name)
    if label.lower() in name.lower():
        return name
    return f"{capfirst(label)} {name}"


def event_details(event: AuditEvent) -> str:
    """What an event recorded, as one text: its changes with old and new values,
    or, for a list read or an export, its query and how many rows it showed or
    exported (the ids themselves are in the event and in the audit log's export)."""
    if not is_rows_read(event):
        return "; ".join(str(change) for change in event_changes(event))
    searched = event.changes.get("query") or {}
    query = "; ".join(f"{key}: {value}" for key, value in searched.items())
    count = int(event.changes.get("count") or 0)
    if event.action == "export":
        shown = ngettext("%(count)s row exported", "%(count)s rows exported", count)
    else:
        shown = ngettext("%(count)s row shown", "%(count)s rows shown", count)
    shown = shown % {"count": count}
    return f"{query} · {shown}" if query else shown
