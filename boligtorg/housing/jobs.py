"""The housing module's daily jobs (listed in ``boligtorg.core.daily``). Each is
idempotent: run twice on a day, the second run finds nothing to do."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from boligtorg.core.notifications import notify, scoped
from boligtorg.domain.deadlines import add_months
from boligtorg.domain.housing import REMINDER_MONTHS, reminder_due

from .models import Lease
from .services import dwellings_release_ended

LEASE_EXPIRY_KIND = "lease_expiry_{months}m"


def _message(lease: Lease, months: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("The lease of %(dwelling)s ends on %(end)s (in %(months)s months).") % {
            "dwelling": lease.dwelling,
            "end": formats.date_format(lease.end, "SHORT_DATE_FORMAT"),
            "months": months,
        }


def lease_expiry_reminders(today: datetime.date) -> int:
    """A reminder 6 and 3 months before a lease ends, to whoever registered it.
    Leases renewed or terminated need none. The notification's unique constraint
    (kind, object, day) keeps a second run from making another."""
    horizon = add_months(today, max(REMINDER_MONTHS))
    leases = (
        scoped(
            Lease.objects.filter(
                end__gte=today, end__lte=horizon, terminated_on__isnull=True, renewal__isnull=True
            )
        )
        .select_related("dwelling", "municipality", "created_by")
        .order_by("end", "pk")
    )
    created = 0
    for lease in leases:
        due = reminder_due(lease.end, today)
        if due is None:
            continue
        months, due_on = due
        notification = notify(
            municipality=lease.municipality,
            recipient=lease.created_by,
            kind=LEASE_EXPIRY_KIND.format(months=months),
            obj=lease,
            due_on=due_on,
            message=_message(lease, months),
            link=reverse("housing:dwelling_detail", args=[lease.dwelling_id]),
        )
        created += notification is not None
    return created


def dwellings_release_ended_leases(today: datetime.date) -> int:
    """Let dwellings whose leases have all ended become ready for moving in."""
    return dwellings_release_ended(today=today)
