"""Closing an allocation meeting: its minutes as a PDF, kept on the meeting, and a
draft of them while it is still open.

The minutes name households by case number only: no names, no identity numbers and
nothing of the special categories, so they can go to every member and to the
archive without a check of case access. They are written in the installation's
language (``settings.LANGUAGE_CODE``) like the appeal summary, not in the UI
language of whoever closes the meeting, so the record reads the same whoever made it.

Once closed, the services of ``meetings`` refuse every change (``_open``).

Error messages are the module's ``ERROR_`` constants; tests assert them verbatim.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from boligtorg.cases.letters import render_pdf
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Country
from boligtorg.core.permissions import Actor, require_role

from ..access import READ_ROLES
from ..models import ItemOutcome, Meeting, MeetingStatus
from .meetings import _open, open_items, still_open

ERROR_UNDECIDED = ngettext_lazy(
    "%(count)s dwelling on the agenda is not decided yet. Offer it, postpone it or take "
    "it out before the meeting is closed.",
    "%(count)s dwellings on the agenda are not decided yet. Offer them, postpone them or "
    "take them out before the meeting is closed.",
    "count",
)
ERROR_NO_DRAFT = _("The meeting is closed: download its minutes instead of a draft.")

COMPARED_LABELS = {
    "optimal": _("Best overall fit (optimal)"),
    "strict_priority": _("Strict priority"),
    "greedy_by_rank": _("Greedy by rank, dwelling by dwelling"),
    "first_come_first_served": _("First come, first served"),
}
MINUTES_TEMPLATE = "allocation/minutes_pdf.html"


def _decision(item: Any, offer: Any) -> dict[str, Any]:
    """What the meeting decided for one dwelling; an offer outranks a later take-out."""
    if item.outcome == ItemOutcome.OFFERED and offer is not None:
        return {"kind": "offered", "number": offer.application.number, "deadline": offer.deadline}
    if item.outcome == ItemOutcome.POSTPONED:
        return {"kind": "postponed", "text": item.note}
    if item.taken_out:
        return {"kind": "taken_out", "text": item.taken_out_reason}
    return {"kind": "pending"}


def minutes_context(meeting: Meeting, *, draft: bool) -> dict[str, Any]:
    """Everything the minutes show: a fixed handful of queries, whatever the agenda."""
    proposal = meeting.proposals.first()
    comparison = []
    if proposal is not None:
        comparison = [
            {"key": key, "label": label, **proposal.comparison[key]}
            for key, label in COMPARED_LABELS.items()
            if key in proposal.comparison
        ]
    offers: dict[int, Any] = {}
    for offer in meeting.offers.select_related("application").order_by("created_at", "pk"):
        offers.setdefault(offer.dwelling_id, offer)
    items = [
        {"item": item, "decision": _decision(item, offers.get(item.dwelling_id))}
        for item in meeting.items.select_related("dwelling__area")
    ]
    return {
        "meeting": meeting,
        "municipality": meeting.municipality,
        "is_norway": meeting.municipality.country == Country.NORWAY,
        "members": [
            member.get_full_name() or member.get_username()
            for member in meeting.members.order_by("first_name", "last_name", "username")
        ],
        "proposal": proposal,
        "comparison": comparison,
        "items": items,
        "draft": draft,
        "printed_at": timezone.localtime(),
    }


def minutes_pdf(meeting: Meeting, *, draft: bool) -> bytes:
    return render_pdf(
        MINUTES_TEMPLATE, minutes_context(meeting, draft=draft), settings.LANGUAGE_CODE
    )


def meeting_minutes_draft(*, actor: Actor, meeting: Meeting) -> bytes:
    """The minutes as they would be if the meeting closed now, marked "Draft" on every
    page; nothing is stored. Refused for a closed meeting, whose minutes are kept."""
    require_role(actor, *READ_ROLES)
    if meeting.municipality_id != actor.municipality.pk:
        raise PermissionDenied
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError(ERROR_NO_DRAFT)
    return minutes_pdf(meeting, draft=True)


@transaction.atomic
def meeting_close(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Close the meeting once every dwelling on its agenda is offered, postponed or
    taken out: the minutes are rendered and stored on the meeting, and from then on
    nothing of the meeting can be changed."""
    _open(actor, meeting)
    locked = still_open(meeting)
    undecided = open_items(locked).count()
    if undecided:
        raise ValidationError(ERROR_UNDECIDED % {"count": undecided})
    locked.status = MeetingStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.minutes.save(
        f"minutes-{locked.municipality.code}-{locked.held_on:%Y-%m-%d}-{locked.pk}.pdf",
        ContentFile(minutes_pdf(locked, draft=False)),
        save=False,
    )
    locked.save(update_fields=["status", "closed_at", "minutes"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={
            "status": [MeetingStatus.OPEN, MeetingStatus.CLOSED],
            "closed_at": [None, locked.closed_at.isoformat()],
            "minutes": [None, locked.minutes.name],
        },
    )
    return locked
