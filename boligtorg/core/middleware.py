"""The acting user's municipality and roles on every request."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .permissions import Actor
from .selectors import membership_list_for_user

SESSION_MUNICIPALITY_KEY = "municipality_id"


class ActorMiddleware:
    """Set ``request.actor``: the logged-in user in the municipality chosen in the
    session (or their first), with the roles held there. None when anonymous."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None
        request.memberships = []
        if request.user.is_authenticated:
            memberships = membership_list_for_user(user=request.user)
            chosen = request.session.get(SESSION_MUNICIPALITY_KEY)
            current = next(
                (m for m in memberships if m.municipality_id == chosen),
                memberships[0] if memberships else None,
            )
            request.memberships = memberships
            request.actor = Actor(
                user=request.user,
                municipality=current.municipality if current else None,
                roles=frozenset(current.role_values) if current else frozenset(),
                request_id=getattr(request, "request_id", ""),
            )
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """The language is bokmål unless the user chose another in the language switch
    (a cookie). The browser's Accept-Language is deliberately ignored: an English
    browser in a Norwegian office should not change the working language."""

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
