"""Who may do what: the one permission helper every view and service uses.

An ``Actor`` is the user acting in one municipality with the roles held there.
Objects of another municipality answer exactly like objects that do not exist
(404), so that ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from .models import Municipality, Role, User

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Actor:
    user: User
    municipality: Municipality | None
    roles: frozenset[str] = field(default_factory=frozenset)
    request_id: str = ""

    def has_role(self, *roles: str) -> bool:
        """True when the actor holds any of ``roles`` in the current municipality."""
        return bool(self.roles.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(value).label) for value in Role.values if value in self.roles]

    @property
    def is_superuser(self) -> bool:
        return bool(self.user.is_superuser)


def require_role(actor: Actor | None, *roles: str) -> Actor:
    """Return the actor when it acts in a municipality and holds one of ``roles``
    (any role when none are named); raise PermissionDenied otherwise."""
    if actor is None or actor.municipality is None:
        raise PermissionDenied
    if roles and not actor.has_role(*roles):
        raise PermissionDenied
    return actor


def require_same_municipality(actor: Actor, *objects: Any) -> None:
    """Refuse (PermissionDenied) when any of ``objects`` (None ones skipped) belongs
    to another municipality than the actor's: writes treat them as if they did not
    exist."""
    for obj in objects:
        if obj is not None and obj.municipality_id != actor.municipality.pk:  # type: ignore[union-attr]
            raise PermissionDenied


def get_for_actor(queryset: QuerySet[M], actor: Actor, **lookup: Any) -> M:
    """Fetch one object of the actor's municipality; 404 for other municipalities'
    objects, exactly as for objects that do not exist. The object's municipality is
    the actor's (the lookup says so) and is set from it: no join or query for it."""
    if actor.municipality is None:
        raise Http404
    try:
        obj = queryset.get(municipality=actor.municipality, **lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    obj.municipality = actor.municipality
    return obj


def role_required(*roles: Role | str) -> Callable[[Callable[..., HttpResponse]], Any]:
    """View decorator: login, a current municipality and one of ``roles``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_role(getattr(request, "actor", None), *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def roles_of(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v for v in values if v in Role.values)
