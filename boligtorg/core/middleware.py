"""Per-request middleware: the acting user's municipality and roles, the working
language, the idle-session logout, the forced password change and the no-store
rule for personal data."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AuditAction
from .permissions import Actor
from .selectors import membership_list_for_user

SESSION_MUNICIPALITY_KEY = "municipality_id"
SESSION_LAST_ACTIVITY_KEY = "last_activity"
# The last-activity stamp is written at most this often (seconds), so that an active
# user's pages do not each cost a session write; the stamp may thus lag the last
# request by up to this much, and the logout come as much before the full idle time.
LAST_ACTIVITY_RESOLUTION = 60
API_PREFIX = "/api/"  # config/urls.py; its clients get 401, not a login page


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


def session_mark_active(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """At login (the ``user_logged_in`` signal): the idle period starts now, stamped
    in the session the login saves anyway, so the first page after it writes
    nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LAST_ACTIVITY_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Log out a user idle for ``BOLIGTORG_SESSION_IDLE_TIMEOUT`` seconds, besides the
    absolute ``SESSION_COOKIE_AGE``: a page left open on an office computer does not
    stay open to the next person. The page asks to log in again with a message; the
    API answers 401. Must come after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.BOLIGTORG_SESSION_IDLE_TIMEOUT:
                return self._logged_out(request)
            if last is None or now - last >= LAST_ACTIVITY_RESOLUTION:
                request.session[SESSION_LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def _logged_out(self, request: HttpRequest) -> HttpResponse:
        audit_record(actor=request.actor, action=AuditAction.LOGOUT, changes={"reason": "idle"})
        logout(request)
        minutes = settings.BOLIGTORG_SESSION_IDLE_TIMEOUT // 60
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": "Log in first."}, status=401)
        messages.info(
            request,
            _("You were logged out after %(minutes)s minutes without activity.")
            % {"minutes": minutes},
        )
        return redirect_to_login(request.get_full_path())


class PasswordChangeRequiredMiddleware:
    """A user whose password an administrator set (``User.must_change_password``)
    reaches nothing but the password change page, the language switch and the logout
    until they have chosen a password of their own: every other page redirects to
    the change page, the API answers 403. Must come after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return self.get_response(request)
        change = reverse("password_change")
        allowed = (change, reverse("logout"), reverse("set_language"))
        if request.path in allowed:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": "Change your password first."}, status=403)
        return redirect(change)


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every answer to a logged-in user (pages,
    partials, API, downloads): they show personal data, which neither a shared proxy
    nor the browser's disk cache may keep. Static files are answered by WhiteNoise
    before this runs and keep their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and "no-store" not in response.get("Cache-Control", "")
        ):
            response["Cache-Control"] = "private, no-store"
        return response
