"""The daily job of shared-house life (listed in ``boligtorg.core.daily``): remind
each house's contact person when a resident meeting is due within a week or
overdue (seed 000: every 4–6 weeks at the start), and when an agreed action is
past its due date. Idempotent: the notification's unique constraint (kind,
object, day) keeps a second run from making another; ``notify`` e-mails each once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from boligtorg.core.models import Municipality, User
from boligtorg.core.notifications import notify, scoped
from boligtorg.domain import resident_meetings as cadence
from boligtorg.housing.models import Lease, SharedHouse

from .models import AgreedAction, HouseContact, HouseMeetingPlan, ResidentMeeting

MEETING_DUE_KIND = "house_meeting_due"
MEETING_OVERDUE_KIND = "house_meeting_overdue"
ACTION_OVERDUE_KIND = "house_action_overdue"


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _notify(
    *,
    municipality: Municipality,
    kind: str,
    obj: SharedHouse | AgreedAction,
    house_id: int,
    due_on: datetime.date,
    recipient: User | None,
    message: str,
) -> bool:
    made = notify(
        municipality=municipality,
        kind=kind,
        obj=obj,
        due_on=due_on,
        recipient=recipient,
        message=message,
        link=reverse("followup:house_detail", args=[house_id]),
    )
    return made is not None


def _contacts() -> dict[int, User]:
    """Each house's current contact person (a house without one: no recipient, so
    everyone working on the house sees the reminder)."""
    return {
        contact.shared_house_id: contact.user
        for contact in HouseContact.objects.filter(to_date__isnull=True).select_related("user")
    }


def _meeting_message(house: SharedHouse, due: datetime.date, overdue: bool) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        text = (
            _("The resident meeting of %(house)s was due on %(day)s.")
            if overdue
            else _("The resident meeting of %(house)s is due on %(day)s.")
        )
        return text % {"house": house.name, "day": _day(due)}


def _action_message(action: AgreedAction) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(house)s: “%(text)s” (%(responsible)s) was due on %(day)s.") % {
            "house": action.meeting.shared_house.name,
            "text": action.text,
            "responsible": action.responsible,
            "day": _day(action.due_on),  # type: ignore[arg-type]
        }


def house_meeting_reminders(today: datetime.date) -> int:
    """One reminder when a house's next meeting comes within a week, another once
    it is overdue, and one for each agreed action past its due date."""
    contacts = _contacts()
    first_in = dict(
        scoped(Lease.objects.filter(dwelling__shared_house__isnull=False))
        .values("dwelling__shared_house")
        .annotate(first=Min("start"))
        .values_list("dwelling__shared_house", "first")
    )
    last = dict(
        ResidentMeeting.objects.values("shared_house")
        .annotate(last=Max("held_on"))
        .values_list("shared_house", "last")
    )
    plans = dict(HouseMeetingPlan.objects.values_list("shared_house", "later_interval_months"))
    created = 0
    houses = SharedHouse.objects.filter(pk__in=first_in).select_related("municipality")
    for house in houses.order_by("pk"):
        upcoming = cadence.next_meeting(
            first_moving_in=first_in[house.pk],
            last_meeting=last.get(house.pk),
            later_months=plans.get(house.pk, cadence.DEFAULT_LATER_MONTHS),
        )
        state = cadence.meeting_state(upcoming, today)
        if upcoming is None or state not in (
            cadence.MeetingState.DUE_SOON,
            cadence.MeetingState.OVERDUE,
        ):
            continue
        overdue = state == cadence.MeetingState.OVERDUE
        created += _notify(
            municipality=house.municipality,
            kind=MEETING_OVERDUE_KIND if overdue else MEETING_DUE_KIND,
            obj=house,
            house_id=house.pk,
            due_on=upcoming.due,
            recipient=contacts.get(house.pk),
            message=_meeting_message(house, upcoming.due, overdue),
        )
    actions = (
        scoped(AgreedAction.objects.filter(done_on__isnull=True, due_on__lt=today))
        .select_related("meeting__shared_house", "municipality")
        .order_by("due_on", "pk")
    )
    for action in actions:
        created += _notify(
            municipality=action.municipality,
            kind=ACTION_OVERDUE_KIND,
            obj=action,
            house_id=action.meeting.shared_house_id,
            due_on=action.due_on,  # type: ignore[arg-type]
            recipient=contacts.get(action.meeting.shared_house_id),
            message=_action_message(action),
        )
    return created
