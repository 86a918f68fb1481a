"""Pages of the allocation rule sets: the list, one rule set with its bedroom table,
target-group points and area caps, and the forms that change them. Thin: they
parse input and call ``services.rules``; reads need one of ``READ_ROLES``, writes
one of ``RULE_ROLES`` (municipality administrators).

``urlpatterns`` is included by ``allocation/urls.py`` (``app_name = "allocation"``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligtorg.cases.models import TargetGroup
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import Actor, get_for_actor, role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs
from boligtorg.housing.models import Area

from .. import selectors
from ..access import READ_ROLES, RULE_ROLES
from ..forms_rules import (
    AREA_SUGGESTIONS_ID,
    AreaCapForm,
    BedroomTableFormSet,
    DeclineReasonForm,
    GroupPointsForm,
    RuleSetForm,
    bedroom_rows,
)
from ..models import AreaCap, DeclineReason, RuleSet
from ..services import rules as services


def _rule_set_get(actor: Actor, rule_set_id: int) -> RuleSet:
    return get_for_actor(RuleSet.objects.all(), actor, pk=rule_set_id)


def _area_cap_get(actor: Actor, cap_id: int) -> AreaCap:
    """A cap of one of the actor's rule sets; any other answers 404 (a cap has no
    municipality of its own)."""
    try:
        return AreaCap.objects.select_related("rule_set", "area").get(
            pk=cap_id, rule_set__municipality=actor.municipality
        )
    except AreaCap.DoesNotExist as exc:
        raise Http404 from exc


def _active_groups(actor: Actor) -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(municipality=actor.municipality, is_active=True)


def _crumbs(request: HttpRequest, rule_set: RuleSet | None, current: str) -> list[tuple[str, str]]:
    """Dashboard › Rule sets › the rule set › ``current``."""
    return crumbs(
        request,
        (_("Rule sets"), reverse("allocation:rule_set_list")),
        rule_set and (rule_set.name, reverse("allocation:rule_set_detail", args=[rule_set.pk])),
        current=current,
    )


def _to_detail(rule_set: RuleSet) -> HttpResponse:
    return redirect("allocation:rule_set_detail", rule_set_id=rule_set.pk)


def _add_rule_errors(form: RuleSetForm, actor: Actor, exclude_pk: int | None = None) -> None:
    """Every broken rule at once, not the service's only after the form's: the
    service's rules on what did parse, at the fields without an error yet."""
    values = {
        name: value
        for name in services.RULE_SET_FIELDS
        if name not in form.errors and (value := form.cleaned_data.get(name)) is not None
    }
    for name, error in services.rule_set_errors(actor.municipality, values, exclude_pk).items():
        if name in form.fields and name not in form.errors:
            form.add_error(name, error)


# The rule sets


@role_required(*READ_ROLES)
def rule_set_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    current = services.rule_set_for(actor.municipality, today)
    context = {
        "rule_sets": RuleSet.objects.filter(municipality=actor.municipality).order_by(
            "-valid_from", "-pk"
        ),
        "current_id": current.pk if current else None,
        "can_edit": actor.has_role(*RULE_ROLES),
    }
    return render(request, "allocation/rules/rule_set_list.html", context)


def _copy_initial(actor: Actor, raw_id: str | None) -> dict[str, Any]:
    """The values of an own rule set to start a new one from (``?copy_from=<id>``),
    without its name and period; nothing when the id is not one of ours."""
    pk = id_from_query(raw_id)
    if pk is None:
        return {}
    source = RuleSet.objects.filter(municipality=actor.municipality, pk=pk).first()
    if source is None:
        return {}
    initial = {
        name: getattr(source, name)
        for name in services.RULE_SET_FIELDS
        if name not in ("name", "valid_from", "valid_to")
    }
    initial["copy_from"] = source.pk
    return initial


@role_required(*RULE_ROLES)
def rule_set_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = RuleSetForm(
        request.POST or None,
        initial=_copy_initial(actor, request.GET.get("copy_from")),
        copy_choices=RuleSet.objects.filter(municipality=actor.municipality),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                rule_set = services.rule_set_create(
                    actor=actor,
                    copy_from=form.cleaned_data.get("copy_from"),
                    **form.service_values(),
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(
                    request, _("The rule set %(name)s was created.") % {"name": rule_set.name}
                )
                return _to_detail(rule_set)
        else:
            _add_rule_errors(form, actor)
    context = {"form": form, "creating": True, "crumbs": _crumbs(request, None, _("New rule set"))}
    return render(request, "allocation/rules/rule_set_form.html", context)


@role_required(*READ_ROLES)
def rule_set_detail(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    actor = request.actor
    rule_set = _rule_set_get(actor, rule_set_id)
    today = timezone.localdate()
    current = services.rule_set_for(actor.municipality, today)
    context = {
        "rule_set": rule_set,
        "in_force": current is not None and current.pk == rule_set.pk,
        "point_rows": [
            (RuleSet._meta.get_field(name).verbose_name, getattr(rule_set, name))
            for name in services.POINT_FIELDS
        ],
        "bedroom_rows": rule_set.bedroom_rows.all(),
        "group_points": rule_set.group_points.select_related("target_group"),
        "cap_uses": selectors.cap_uses(rule_set, today),
        "today": today,
        "can_edit": actor.has_role(*RULE_ROLES),
        "crumbs": _crumbs(request, None, rule_set.name),
    }
    return render(request, "allocation/rules/rule_set_detail.html", context)


@role_required(*RULE_ROLES)
def rule_set_edit(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    actor = request.actor
    rule_set = _rule_set_get(actor, rule_set_id)
    form = RuleSetForm(request.POST or None, instance=rule_set)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.rule_set_update(
                    actor=actor, rule_set=rule_set, **form.service_values()
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("Changes to %(name)s were saved.") % {"name": saved})
                return _to_detail(saved)
        else:
            _add_rule_errors(form, actor, exclude_pk=rule_set.pk)
    context = {
        "form": form,
        "creating": False,
        "rule_set": rule_set,
        "crumbs": _crumbs(request, rule_set, _("Edit")),
    }
    return render(request, "allocation/rules/rule_set_form.html", context)


# The parts of a rule set


@role_required(*RULE_ROLES)
def bedroom_table_edit(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    """The table as rows; the service's errors concern the whole table and are shown
    above it, with every row as typed."""
    actor = request.actor
    rule_set = _rule_set_get(actor, rule_set_id)
    table_errors: list[str] = []
    if request.method == "POST":
        formset = BedroomTableFormSet(request.POST, prefix="rows")
        if formset.is_valid():
            try:
                services.bedroom_table_save(
                    actor=actor, rule_set=rule_set, rows=bedroom_rows(formset)
                )
            except ValidationError as exc:
                table_errors = exc.messages
            else:
                messages.success(request, _("The bedroom table was saved."))
                return _to_detail(rule_set)
    else:
        initial = [
            {
                "persons": row.persons,
                "min_bedrooms": row.min_bedrooms,
                "max_bedrooms": row.max_bedrooms,
            }
            for row in rule_set.bedroom_rows.all()
        ]
        formset = BedroomTableFormSet(initial=initial, prefix="rows")
    context = {
        "rule_set": rule_set,
        "formset": formset,
        "table_errors": table_errors,
        "crumbs": _crumbs(request, rule_set, _("Bedroom table")),
    }
    return render(request, "allocation/rules/bedroom_table_form.html", context)


@role_required(*RULE_ROLES)
def group_points_edit(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    """Points per active target group. Points an inactive group still has are kept
    (the service replaces every row, so the page passes them on unchanged)."""
    actor = request.actor
    rule_set = _rule_set_get(actor, rule_set_id)
    groups = list(_active_groups(actor))
    stored = list(rule_set.group_points.select_related("target_group"))
    kept = [row for row in stored if not row.target_group.is_active]
    form = GroupPointsForm(
        request.POST or None,
        groups=groups,
        points={row.target_group_id: row.points for row in stored},
    )
    if request.method == "POST" and form.is_valid():
        points = {row.target_group: row.points for row in kept} | form.points()
        try:
            services.group_points_save(actor=actor, rule_set=rule_set, points=points)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The target-group points were saved."))
            return _to_detail(rule_set)
    context = {
        "rule_set": rule_set,
        "form": form,
        "kept": kept,
        "crumbs": _crumbs(request, rule_set, _("Target-group points")),
    }
    return render(request, "allocation/rules/group_points_form.html", context)


@role_required(*RULE_ROLES)
def area_cap_create(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    actor = request.actor
    rule_set = _rule_set_get(actor, rule_set_id)
    form = AreaCapForm(request.POST or None, target_groups=_active_groups(actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cap = services.area_cap_add(
                actor=actor,
                rule_set=rule_set,
                area_name=data["area_name"],
                target_groups=list(data["target_groups"]),
                limit=data["limit"],
                period_months=data["period_months"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request, _("The cap for %(area)s was added.") % {"area": cap.area.name}
            )
            return _to_detail(rule_set)
    context = {
        "rule_set": rule_set,
        "form": form,
        "areas": Area.objects.filter(municipality=actor.municipality).values_list(
            "name", flat=True
        ),
        "area_list_id": AREA_SUGGESTIONS_ID,
        "crumbs": _crumbs(request, rule_set, _("New area cap")),
    }
    return render(request, "allocation/rules/area_cap_form.html", context)


@role_required(*RULE_ROLES)
def area_cap_remove(request: HttpRequest, cap_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the cap."""
    actor = request.actor
    cap = _area_cap_get(actor, cap_id)
    rule_set = cap.rule_set
    if request.method == "POST":
        services.area_cap_remove(actor=actor, cap=cap)
        messages.success(request, _("The cap for %(area)s was removed.") % {"area": cap.area.name})
        return _to_detail(rule_set)
    context = {
        "cap": cap,
        "rule_set": rule_set,
        "groups": cap.target_groups.all(),
        "crumbs": _crumbs(request, rule_set, _("Remove area cap")),
    }
    return render(request, "allocation/rules/area_cap_confirm_remove.html", context)


# Reasons for declining an offer


def _reason_get(actor: Actor, reason_id: int) -> DeclineReason:
    return get_for_actor(DeclineReason.objects.all(), actor, pk=reason_id)


@role_required(*READ_ROLES)
def decline_reason_list(request: HttpRequest) -> HttpResponse:
    """The municipality's coded reasons; administrators add reasons and say which
    count as unreasonable and which can still be chosen."""
    actor = request.actor
    can_edit = actor.has_role(*RULE_ROLES)
    form = DeclineReasonForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                reason = services.decline_reason_add(actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(
                    request, _("The reason “%(label)s” was added.") % {"label": reason.label}
                )
                return redirect("allocation:decline_reason_list")
    services.decline_reasons_ensure(municipality=actor.municipality)
    context = {
        "reasons": DeclineReason.objects.filter(municipality=actor.municipality),
        "form": form,
        "can_edit": can_edit,
        "crumbs": _crumbs(request, None, _("Reasons for declining")),
    }
    return render(request, "allocation/rules/decline_reasons.html", context)


@require_POST
@role_required(*RULE_ROLES)
def decline_reason_update(request: HttpRequest, reason_id: int) -> HttpResponse:
    actor = request.actor
    reason = _reason_get(actor, reason_id)
    services.decline_reason_update(
        actor=actor,
        reason=reason,
        unreasonable=request.POST.get("unreasonable") == "on",
        is_active=request.POST.get("is_active") == "on",
    )
    messages.success(request, _("The reason “%(label)s” was saved.") % {"label": reason.label})
    return redirect("allocation:decline_reason_list")


urlpatterns = [
    path("rules/decline-reasons/", decline_reason_list, name="decline_reason_list"),
    path(
        "rules/decline-reasons/<int:reason_id>/",
        decline_reason_update,
        name="decline_reason_update",
    ),
    path("rules/", rule_set_list, name="rule_set_list"),
    path("rules/new/", rule_set_create, name="rule_set_create"),
    path("rules/<int:rule_set_id>/", rule_set_detail, name="rule_set_detail"),
    path("rules/<int:rule_set_id>/edit/", rule_set_edit, name="rule_set_edit"),
    path("rules/<int:rule_set_id>/bedrooms/", bedroom_table_edit, name="bedroom_table_edit"),
    path("rules/<int:rule_set_id>/groups/", group_points_edit, name="group_points_edit"),
    path("rules/<int:rule_set_id>/caps/new/", area_cap_create, name="area_cap_create"),
    path("rules/caps/<int:cap_id>/remove/", area_cap_remove, name="area_cap_remove"),
]
