"""Helpers the allocation pages share: fetching a meeting or agenda item for the
actor, and the rows that explain points and eligibility."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligtorg.cases.models import Situation, TargetGroup
from boligtorg.core.permissions import get_for_actor
from boligtorg.domain import allocation as rules

from ..models import (
    AgendaItem,
    Meeting,
)
from ..services import meetings as services

PART_LABELS = {
    rules.Part.SITUATION: gettext_lazy("Situation"),
    rules.Part.WAITING: gettext_lazy("Waiting time"),
    rules.Part.TARGET_GROUP: gettext_lazy("Target group"),
    rules.Part.CHILDREN: gettext_lazy("Children in the household"),
    rules.Part.URGENCY: gettext_lazy("Medical or social urgency"),
    rules.Part.MANUAL: gettext_lazy("Manual adjustment"),
}


def _error_message(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_for_actor(Meeting.objects.select_related("rule_set"), request.actor, pk=meeting_id)


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.items.select_related("dwelling", "meeting").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("allocation:meeting_detail", meeting_id=meeting.pk)


def _part_rows(prio: rules.Priority, groups: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for part in prio.parts:
        detail = part.quantity
        if part.part == rules.Part.SITUATION:
            detail = str(Situation(part.quantity).label) if part.quantity else ""
        elif part.part == rules.Part.WAITING:
            detail = _("%(n)s months") % {"n": part.quantity}
        elif part.part == rules.Part.TARGET_GROUP:
            detail = groups.get(part.quantity, part.quantity)
        rows.append({"label": PART_LABELS[part.part], "points": part.points, "detail": detail})
    return rows


def _check_rows(checks: tuple[rules.Check, ...]) -> list[dict[str, Any]]:
    return [
        {
            "label": services.CHECK_LABELS[check.code],
            "passed": check.passed,
            "required": check.required,
            "offered": check.offered,
        }
        for check in checks
    ]


def _group_names(meeting_or_municipality: Any) -> dict[str, str]:
    return dict(
        TargetGroup.objects.filter(municipality=meeting_or_municipality).values_list("code", "name")
    )
