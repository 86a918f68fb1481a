from functools import lru_cache

from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from .navigation import visible_items
from .permissions import Actor


@lru_cache(maxsize=256)
def _nav_url(url_name: str, script_prefix: str, urlconf: str | None) -> str:
    # Every page draws the menu; its URLs change only with the prefix and URLconf.
    return reverse(url_name, urlconf=urlconf)


# The open reminders as last counted in this session: counting them means running
# the reminder jobs (``core.notifications.reminders_refresh``), which the pages that
# read reminders do (the dashboard, the reminders list); other pages show that
# count and cost no query for it.
REMINDERS_OPEN_KEY = "reminders_open"


def _count(request: HttpRequest, actor: Actor, url_name: str) -> int | None:
    """The figure an entry shows after its label: the open reminders."""
    if url_name != "core:notification_list":
        return None
    counted = vars(actor).get("_reminders_open")
    if counted is None:
        return request.session.get(REMINDERS_OPEN_KEY)
    # Written only when it changed (none kept counts as 0): a page must not write
    # the session for nothing (core/tests/test_idle_session.py).
    if request.session.get(REMINDERS_OPEN_KEY, 0) != counted:
        request.session[REMINDERS_OPEN_KEY] = counted
    return counted


def navigation(request: HttpRequest) -> dict[str, object]:
    """Navigation entries and the municipality switcher for the base layout."""
    actor = getattr(request, "actor", None)
    if actor is None:
        return {"nav_items": [], "actor": None}
    path = request.path
    prefix, urlconf = get_script_prefix(), get_urlconf()
    items = [
        {
            "label": item.label,
            "url": (url := _nav_url(item.url_name, prefix, urlconf)),
            "current": path == url or (url != "/" and path.startswith(url)),
            "count": _count(request, actor, item.url_name),
        }
        for item in visible_items(
            roles=actor.roles,
            is_superuser=actor.is_superuser,
            in_municipality=actor.municipality is not None,
            country=getattr(actor.municipality, "country", ""),
        )
    ]
    from boligtorg.cases.access import READ_ROLES as CASE_READ_ROLES

    return {
        "nav_items": items,
        "actor": actor,
        "memberships": request.memberships,
        # The header's search box: for the roles that read cases.
        "show_search": actor.municipality is not None and actor.has_role(*CASE_READ_ROLES),
    }
