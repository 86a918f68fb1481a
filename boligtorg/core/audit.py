"""Writing the audit trail. Every service calls ``audit_record``; so does every
view that shows a person's data (``action=AuditAction.VIEW``)."""

from __future__ import annotations

from collections.abc import Mapping
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
) -> AuditEvent:
    """Append one audit event. ``municipality`` defaults to the object's, then the
    actor's; ``user`` names the acting user where there is no actor (a login)."""
    acting_user = actor.user if actor else user
    if municipality is None:
        municipality = getattr(obj, "municipality", None) or (actor.municipality if actor else None)
    return AuditEvent.objects.create(
        actor=acting_user,
        actor_username=acting_user.get_username() if acting_user else "",
        municipality=municipality,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=dict(changes or {}),
        request_id=_request_id(actor),
    )
