"""Writing the audit trail. Every service calls ``audit_record``; so does every
view that shows a person's data (``action=AuditAction.VIEW``), and every list or
search that shows persons calls ``audit_list_read`` once per page it shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Model

from .models import AuditAction, AuditEvent, Municipality, User
from .permissions import Actor
from .request_id import current_request_id


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every key whose value differs."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _request_id(actor: Actor | None) -> str:
    """The request's id; empty outside a request (a management command)."""
    if actor and actor.request_id:
        return actor.request_id
    current = current_request_id()
    return "" if current == "-" else current


def audit_record(
    *,
    actor: Actor | None,
    action: AuditAction,
    obj: Model | None = None,
    municipality: Municipality | None = None,
    changes: Mapping[str, Any] | None = None,
    user: User | None = None,
    label: str = "",
    label_repr: str = "",
) -> AuditEvent:
    """Append one audit event. ``municipality`` defaults to the object's, then the
    actor's; ``user`` names the acting user where there is no actor (a login);
    ``label`` and ``label_repr`` name the kind of object and describe it where
    there is no one object (a list)."""
    acting_user = actor.user if actor else user
    if municipality is None:
        municipality = getattr(obj, "municipality", None) or (actor.municipality if actor else None)
    return AuditEvent.objects.create(
        actor=acting_user,
        actor_username=acting_user.get_username() if acting_user else "",
        municipality=municipality,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else label,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else label_repr[:200],
        changes=dict(changes or {}),
        request_id=_request_id(actor),
    )


# A page holds at most a few hundred rows (the largest page size is 100); the cap
# only keeps a list read by an unbounded caller from making one huge audit row.
LIST_IDS_KEPT = 500


def audit_list_read(
    *,
    actor: Actor,
    model: type[Model] | str,
    query: Mapping[str, Any],
    ids: Sequence[Any],
    name: str = "list",
) -> AuditEvent:
    """Append one ``LIST`` event for one page of a list or search that shows persons:
    who read it, which list (``model``, a model class or a label such as
    ``"cases.person"``; ``name`` tells two lists of one model apart, e.g. "waiting
    list"), the filters and search as given (``query``; empty
    values left out) and the ids of the rows the page showed, in their order. One
    insert whatever the page's length.

    The object fields hold the list, not a row: ``object_type`` is the model's
    label, ``object_repr`` the list's ``name``; ``changes`` holds ``{"query": ..., "ids":
    [...], "count": n}``."""
    return _rows_read(
        actor=actor, action=AuditAction.LIST, model=model, query=query, ids=ids, name=name
    )


def audit_export(
    *,
    actor: Actor,
    model: type[Model] | str,
    query: Mapping[str, Any],
    ids: Sequence[Any],
    name: str,
    file_format: str,
) -> AuditEvent:
    """Append one ``EXPORT`` event for a download of a list (``name``, e.g. "case
    list") as ``file_format``: the filters as given and the ids of every row the file
    holds, in its order. The export is bounded (``core.exports``), so the ids are
    kept in full: an auditor can tell whose data left the application."""
    return _rows_read(
        actor=actor,
        action=AuditAction.EXPORT,
        model=model,
        query={**query, "format": file_format},
        ids=ids,
        name=name,
        kept=None,
    )


def _rows_read(
    *,
    actor: Actor,
    action: AuditAction,
    model: type[Model] | str,
    query: Mapping[str, Any],
    ids: Sequence[Any],
    name: str,
    kept: int | None = LIST_IDS_KEPT,
) -> AuditEvent:
    label = model if isinstance(model, str) else model._meta.label_lower
    shown = [str(pk) for pk in ids]
    return audit_record(
        actor=actor,
        action=action,
        municipality=actor.municipality,
        changes={
            "query": {
                key: _plain(value)
                for key, value in query.items()
                if value is not None and value is not False and value not in ("", [])
            },
            "ids": shown[:kept] if kept is not None else shown,
            "count": len(shown),
        },
        label=label,
        label_repr=name,
    )


def _plain(value: Any) -> Any:
    """A filter's value as JSON keeps it: choices and dates as text, numbers and
    booleans as they are. A NUL character, which PostgreSQL's jsonb cannot hold,
    becomes U+FFFD: a list read with an unreadable parameter is still recorded."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)
