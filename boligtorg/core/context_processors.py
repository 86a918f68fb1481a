from django.http import HttpRequest
from django.urls import reverse

from .navigation import visible_items


def navigation(request: HttpRequest) -> dict[str, object]:
    """Navigation entries and the municipality switcher for the base layout."""
    actor = getattr(request, "actor", None)
    if actor is None:
        return {"nav_items": [], "actor": None}
    path = request.path
    items = [
        {
            "label": item.label,
            "url": (url := reverse(item.url_name)),
            "current": path == url or (url != "/" and path.startswith(url)),
        }
        for item in visible_items(
            roles=actor.roles,
            is_superuser=actor.is_superuser,
            in_municipality=actor.municipality is not None,
        )
    ]
    return {"nav_items": items, "actor": actor, "memberships": request.memberships}
