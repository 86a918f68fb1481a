"""Views of the core app: thin, they parse input and call selectors and services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from boligtorg.cases.access import READ_ROLES as CASE_READ_ROLES

from . import audit, audit_display, exports, notifications, private_search, selectors, services
from .audit import audit_record
from .context_processors import REMINDERS_OPEN_KEY
from .dashboard import panels_for
from .exports import ExportColumn
from .forms import (
    AuditFilterForm,
    LoginForm,
    MemberCreateForm,
    MemberFilterForm,
    MemberForm,
    MemberPasswordForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    service_or_errors,
)
from .middleware import SESSION_MUNICIPALITY_KEY
from .models import AuditAction, AuditEvent, Membership, Role
from .pagination import CappedPaginator
from .permissions import get_for_actor, role_required
from .proxies import client_address
from .query import id_from_query
from .search import search_everything
from .throttle import AddressAndUserLockoutHandler, password_reset_allowed


def paginate(  # noqa: ANN201
    request: HttpRequest,
    queryset,  # noqa: ANN001
    per_page: int | None = None,
    capped: bool = False,
    sort_few: bool = False,
):
    """One page of ``queryset`` from ?page=, clamped to the valid range; ``capped``
    counts the total only up to ``pagination.COUNT_CAP`` (for the long lists), and
    ``sort_few`` then sorts few matches of an indexed search in full (see
    ``CappedPaginator``)."""
    size = per_page or settings.PAGE_SIZE
    paginator = (
        CappedPaginator(queryset, size, sort_few=sort_few) if capped else Paginator(queryset, size)
    )
    return paginator.get_page(request.GET.get("page"))


def object_url(name: str) -> Callable[[object], str]:
    """A function from a primary key to the URL ``name`` reverses with it as its one
    argument: reversed once, so that a list draws a link per row by joining strings
    rather than by resolving the URLconf 25 times."""
    marker = "9876543210"
    head, tail = reverse(name, args=[marker]).rsplit(marker, 1)
    return lambda pk: f"{head}{pk}{tail}"


def crumbs(
    request: HttpRequest, *trail: tuple[str, str] | None, current: str = ""
) -> list[tuple[str, str]]:
    """Dashboard › each (label, url) of ``trail`` (None ones left out) › ``current``
    (the core ``breadcrumbs`` tag reverses URL names without arguments; an
    object's page needs its id)."""
    made = [(_("Dashboard"), reverse("dashboard")), *(step for step in trail if step)]
    if current:
        made.append((current, request.path))
    return made


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        # Filed under the municipality the user starts working in, for its auditors.
        memberships = selectors.membership_list_for_user(user=user)
        audit_record(
            actor=None,
            user=user,
            action=AuditAction.LOGIN,
            municipality=memberships[0].municipality if memberships else None,
        )
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        if request.user.is_authenticated:
            audit_record(actor=request.actor, action=AuditAction.LOGOUT)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=self.request.actor,
            user=self.request.user,
            action=AuditAction.UPDATE,
            obj=self.request.user,
            changes={"password": ["***", "***"]},
        )
        messages.success(self.request, _("Your password has been changed."))
        return response


def _reset_minutes() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 60


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail (its tokens, its "same answer whether the address
    exists or not"), throttled per client address and per address typed
    (``throttle.password_reset_allowed``). The e-mail is written in the language the
    page is shown in, the one the user chose, and links to ``BOLIGTORG_BASE_URL``
    rather than to whatever host the request named."""

    template_name = "core/password_reset.html"
    form_class = PasswordResetForm
    subject_template_name = "core/email/password_reset_subject.txt"
    email_template_name = "core/email/password_reset.txt"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "minutes": _reset_minutes()}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        allowed = password_reset_allowed(
            client_address=client_address(self.request), email=form.cleaned_data["email"]
        )
        if not allowed:
            context = self.get_context_data(form=form, throttled=True)
            return self.render_to_response(context, status=429)
        self.extra_email_context = {
            "base_url": settings.BOLIGTORG_BASE_URL.rstrip("/"),
            "minutes": _reset_minutes(),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    form_class = SetPasswordForm

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        memberships = selectors.membership_list_for_user(user=form.user)
        audit_record(
            actor=None,
            user=form.user,
            action=AuditAction.UPDATE,
            obj=form.user,
            municipality=memberships[0].municipality if memberships else None,
            changes={"password": ["***", "***"]},
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"


def lockout(
    request: HttpRequest, response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes calls this when a login is throttled: the login page again, with
    the user name kept, whether the name or the whole address is locked, and the
    time the user may try again."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    lock = AddressAndUserLockoutHandler().lock(request, credentials)
    retry_at = lock.retry_at or timezone.now() + settings.AXES_COOLOFF_TIME
    form = LoginForm(request, initial={"username": username})
    context = {
        "form": form,
        "locked_until": timezone.localtime(retry_at),
        "address_locked": lock.address_wide,
    }
    return render(request, "core/login.html", context, status=429)


@require_POST
def switch_municipality(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    municipality_id = id_from_query(request.POST.get("municipality")) or 0
    municipality = services.session_switch_municipality(
        actor=request.actor, municipality_id=municipality_id
    )
    request.session[SESSION_MUNICIPALITY_KEY] = municipality.pk
    request.session.pop(REMINDERS_OPEN_KEY, None)  # counted in the other municipality
    messages.success(request, _("You are now working in %(name)s.") % {"name": municipality.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("dashboard")
    return redirect(next_url)


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    actor = request.actor
    return render(request, "core/dashboard.html", {"panels": panels_for(actor)})


@role_required(Role.MUNICIPALITY_ADMIN)
def member_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    ordering = request.GET.get("sort", "name")
    members = selectors.membership_list(
        actor=request.actor,
        search=filters.get("q", ""),
        role=filters.get("role", ""),
        status=filters.get("status") or "active",
        ordering=ordering,
    )
    return render(
        request,
        "core/member_list.html",
        {"form": form, "page": paginate(request, members), "sort": ordering},
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def member_create(request: HttpRequest) -> HttpResponse:
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.user_create_in_municipality(
                actor=request.actor, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("User %(name)s was created.") % {"name": membership.user})
            return redirect("core:member_list")
    return render(request, "core/member_form.html", {"form": form, "creating": True})


@role_required(Role.MUNICIPALITY_ADMIN)
def member_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_for_actor(
        Membership.objects.select_related("user").prefetch_related("roles"),
        request.actor,
        pk=membership_id,
    )
    user = membership.user
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "roles": membership.role_values,
    }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.actor, membership=membership, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": user})
            return redirect("core:member_list")
    return render(
        request,
        "core/member_form.html",
        {"form": form, "membership": membership, "creating": False},
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def member_set_active(request: HttpRequest, membership_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deactivates or reactivates the member."""
    membership = get_for_actor(
        Membership.objects.select_related("user"), request.actor, pk=membership_id
    )
    activate = not membership.is_active
    if request.method == "POST":
        try:
            services.membership_set_active(
                actor=request.actor, membership=membership, active=activate
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            text = (
                _("%(name)s has access again.") if activate else _("%(name)s no longer has access.")
            )
            messages.success(request, text % {"name": membership.user})
        return redirect("core:member_list")
    return render(
        request, "core/member_confirm_active.html", {"membership": membership, "activate": activate}
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def member_password(request: HttpRequest, membership_id: int) -> HttpResponse:
    """An administrator sets a new password for a member: the form (typed twice, or
    generated), then a confirmation page, then the password is set and the user must
    change it at next login. Another municipality's member answers 404; a user the
    rule of ``services.user_password_settable_check`` refuses, 403 with its reason.
    The confirmation page carries a typed password in hidden fields (pages to a
    logged-in user are never stored); a generated one is made on confirming and
    shown once."""
    membership = get_for_actor(
        Membership.objects.select_related("user"), request.actor, pk=membership_id
    )
    try:
        services.user_password_settable_check(actor=request.actor, membership=membership)
    except PermissionDenied as exc:
        return render(request, "403.html", {"reason": exc.args[0] if exc.args else ""}, status=403)
    form = MemberPasswordForm(request.POST or None, user=membership.user)
    context = {"form": form, "membership": membership}
    if request.method == "POST" and form.is_valid():
        if "confirm" not in request.POST:
            return render(request, "core/member_password_confirm.html", context)
        generated = form.cleaned_data["generate"]
        password = services.password_generate() if generated else form.cleaned_data["new_password1"]
        user = service_or_errors(
            form,
            lambda: services.user_set_password(
                actor=request.actor, membership=membership, password=password, generated=generated
            ),
        )
        if user is not None and generated:
            return render(
                request, "core/member_password_done.html", {**context, "password": password}
            )
        if user is not None:
            messages.success(
                request,
                _("%(name)s has a new password and must change it at next login.") % {"name": user},
            )
            return redirect("core:member_edit", membership.pk)
    return render(request, "core/member_password.html", context)


def _audit_filters(request: HttpRequest) -> tuple[AuditFilterForm, dict[str, Any]]:
    """The audit log's filter form from the URL (the person search put back from
    the session) and its valid filters: a field in error filters nothing."""
    form = AuditFilterForm(private_search.search_data(request, field="person") or None)
    if not form.is_bound:
        return form, {}
    form.is_valid()  # fills cleaned_data with the fields that are valid
    return form, {name: value for name, value in form.cleaned_data.items() if value}


def _audit_events(request: HttpRequest, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    return selectors.audit_event_list(actor=request.actor, **filters)


def _audit_search_to_session(request: HttpRequest) -> HttpResponse:
    """Post/redirect/get: the log's URL with the person search behind a session key."""
    data = request.POST if request.method == "POST" else request.GET
    query = private_search.query_without_search(
        request, data, field="person", always=request.method == "POST"
    )
    path = reverse("core:audit_list")
    return redirect(f"{path}?{query}" if query else path)


@role_required(Role.AUDITOR, Role.MANAGER)
def audit_list(request: HttpRequest) -> HttpResponse:
    """The municipality's audit log with its filters. The person filter may hold a
    national id, so the form posts and the URL carries a key for it."""
    if request.method == "POST" or private_search.id_in_url(request, field="person"):
        return _audit_search_to_session(request)
    form, filters = _audit_filters(request)
    page = paginate(request, _audit_events(request, filters))
    if filters.get("case") or filters.get("person"):
        # Looking a case or a person up in the log is a search of that person: it is
        # recorded like one (an unfiltered read of the log is not, or the auditor's
        # own reads would crowd it).
        page.object_list = list(page.object_list)
        audit.audit_list_read(
            actor=request.actor,
            model=AuditEvent,
            query={**filters, "page": page.number},
            ids=[event.pk for event in page.object_list],
            name="audit log",
        )
    return render(request, "core/audit_list.html", {"form": form, "page": page})


def _ids_text(event: AuditEvent) -> str:
    if not audit_display.is_rows_read(event):
        return event.object_id
    # A spreadsheet cell holds at most 32,767 characters.
    text = ", ".join(str(pk) for pk in event.changes.get("ids") or [])
    return text if len(text) <= AUDIT_IDS_MAX_CHARS else text[: AUDIT_IDS_MAX_CHARS - 1] + "…"


AUDIT_IDS_MAX_CHARS = 32_000
AUDIT_EXPORT_COLUMNS = (
    ExportColumn(gettext_lazy("Time"), lambda event: event.at),
    ExportColumn(gettext_lazy("User"), lambda event: event.actor_username),
    ExportColumn(gettext_lazy("Action"), lambda event: event.get_action_display()),
    ExportColumn(gettext_lazy("Kind of object"), audit_display.object_kind),
    ExportColumn(gettext_lazy("Object"), audit_display.event_object),
    ExportColumn(gettext_lazy("Object id"), _ids_text),
    ExportColumn(gettext_lazy("Changes or search"), audit_display.event_details),
    ExportColumn(gettext_lazy("Request id"), lambda event: event.request_id),
)


@require_GET
@role_required(Role.AUDITOR, Role.MANAGER)
def audit_list_export(request: HttpRequest) -> HttpResponse:
    """Exactly the events the log's filters give, as CSV or XLSX; the export is
    itself an audit event. Filters in error send the user back to the page, which
    shows them at their fields."""
    file_format = exports.export_format(request)
    if private_search.id_in_url(request, field="person"):
        return _audit_search_to_session(request)
    form, filters = _audit_filters(request)
    if form.errors:
        query = request.GET.copy()
        query.pop(exports.FORMAT_PARAM, None)
        return redirect(f"{reverse('core:audit_list')}?{query.urlencode()}")
    events = exports.bounded(_audit_events(request, filters))
    if events is None:
        return exports.too_many_rows(request, reverse("core:audit_list"))
    audit.audit_export(
        actor=request.actor,
        model=AuditEvent,
        query=filters,
        ids=[event.pk for event in events],
        name="audit log",
        file_format=file_format,
    )
    return exports.export_response(
        file_format=file_format,
        name=pgettext("file name", "audit log"),
        columns=AUDIT_EXPORT_COLUMNS,
        rows=events,
    )


@role_required(*CASE_READ_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    """The header's search box: persons, national ids, case numbers and addresses.
    The box posts and the search is kept behind a session key, so a national id
    never shows in a URL (``core.private_search``); each search is one audit event."""
    if request.method == "POST" or "q" in request.GET:
        data = request.POST if request.method == "POST" else request.GET
        query = private_search.query_without_search(request, data, always=True)
        path = reverse("core:search")
        return redirect(f"{path}?{query}" if query else path)
    text = private_search.recall(request)
    results = search_everything(actor=request.actor, text=text)
    if text:
        audit.audit_list_read(
            actor=request.actor,
            model="core.search",
            query={"q": text},
            ids=results.audit_ids(),
            name="search",
        )
    return render(request, "core/search.html", {"text": text, "results": results})


def _recount_reminders(request: HttpRequest) -> None:
    """After reading reminders: the menu's count of open ones, for the next pages."""
    open_count = notifications.notification_list(actor=request.actor, unread_only=True).count()
    request.session[REMINDERS_OPEN_KEY] = open_count


@role_required()
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications.unread_count(actor=request.actor)  # current from today's data
    reminders = notifications.notification_list(actor=request.actor, unread_only=unread_only)
    return render(
        request,
        "core/notification_list.html",
        {"page": paginate(request, reminders), "unread_only": unread_only},
    )


@require_POST
@role_required()
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the reminder read and go where it points (or back to the list)."""
    notification = notifications.notification_mark_read(actor=request.actor, pk=notification_id)
    _recount_reminders(request)
    link = notification.link
    if request.POST.get("open") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("core:notification_list")


@require_POST
@role_required()
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notification_mark_all_read(actor=request.actor)
    _recount_reminders(request)
    messages.success(request, _("%(count)s reminders marked as read.") % {"count": count})
    return redirect("core:notification_list")
