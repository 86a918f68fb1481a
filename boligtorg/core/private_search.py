"""Searches that may hold a national id, kept out of URLs.

A URL lands in access logs, proxies, browser history and the Referer header, so a
search box that takes a national id posts it; the view keeps the search in the
session under an opaque key and redirects (post/redirect/get) to a URL that carries
only the key (``?s=...``). Pagination, sorting and the back button reuse that URL;
the search lives as long as the session. A national id typed into a URL by hand is
moved into the session the same way, and the browser sent on without it.
"""

from __future__ import annotations

import re
import secrets

from django.http import HttpRequest, QueryDict

# A Norwegian fødselsnummer or D-number (11 digits) or a Danish CPR number (10
# digits, DDMMYY-SSSS, often written with a dash): a run of 6 digits, an optional
# dash or space, then 4 or 5 digits, not inside a longer run of digits.
NATIONAL_ID_LIKE = re.compile(r"(?<!\d)\d{6}[- ]?\d{4,5}(?!\d)")

SEARCH_KEY_PARAM = "s"
_SESSION_KEY = "private_searches"
# The newest searches a session keeps; older keys then show the list unfiltered.
KEPT = 20


def looks_like_national_id(text: str) -> bool:
    """True when ``text`` holds a run of digits shaped like a national id."""
    return bool(NATIONAL_ID_LIKE.search(text or ""))


def remember(request: HttpRequest, search: str) -> str:
    """The key under which ``search`` is kept in the session (the same key for the
    same search, so the back button and a repeated search share one URL)."""
    kept: dict[str, str] = request.session.get(_SESSION_KEY, {})
    for key, value in kept.items():
        if value == search:
            return key
    key = secrets.token_urlsafe(9)
    kept[key] = search
    request.session[_SESSION_KEY] = dict(list(kept.items())[-KEPT:])
    return key


def recall(request: HttpRequest) -> str:
    """The search the URL's key stands for; empty for no key or a forgotten one."""
    key = request.GET.get(SEARCH_KEY_PARAM, "")
    return request.session.get(_SESSION_KEY, {}).get(key, "") if key else ""


def query_without_search(
    request: HttpRequest, data: QueryDict, field: str = "q", *, always: bool = False
) -> str:
    """``data`` (the posted or typed filters) as a query string for the list's URL,
    with ``field`` replaced by a session key when it holds a national id (or any
    search, with ``always``). No page number: a new search starts at page 1."""
    query = data.copy()
    for name in ("csrfmiddlewaretoken", "page", SEARCH_KEY_PARAM):
        query.pop(name, None)
    search = query.pop(field, [""])[-1].strip()
    if search and (always or looks_like_national_id(search)):
        query[SEARCH_KEY_PARAM] = remember(request, search)
    elif search:
        query[field] = search
    return query.urlencode()


def search_data(request: HttpRequest, field: str = "q") -> QueryDict:
    """The list's filters from its URL, with the search a key stands for put back
    under ``field``, for the list's filter form."""
    data = request.GET.copy()
    recalled = recall(request)
    if recalled and not data.get(field):
        data[field] = recalled
    return data


def id_in_url(request: HttpRequest, field: str = "q") -> bool:
    """True when the URL itself carries a national-id-like search in ``field``."""
    return looks_like_national_id(request.GET.get(field, ""))
