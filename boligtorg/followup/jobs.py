"""The daily jobs of follow-up (listed in ``boligtorg.core.daily``): reminders of
goal reviews, of tomorrow's visits and of visits not recorded, and a warning to
the coordinator when a tenancy's arrears put it on watch or high risk. Each is
idempotent through ``core.notifications.notify``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from boligtorg.cases.models import Application
from boligtorg.core.models import Municipality, User
from boligtorg.core.notifications import notify, scoped
from boligtorg.domain.risk import Level

from .models import FollowUpPlan, Goal, GoalStatus, Visit, VisitStatus
from .selectors import TenancyRisk, tenancy_risks

REVIEW_AHEAD_DAYS = 7


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _responsible(application: Application) -> User | None:
    return application.coordinator or application.caseworker


def goal_review_reminders(today: datetime.date) -> int:
    """A week before a goal's review (and on the day, if it became due since), to
    the person responsible for the goal, else the case's coordinator."""
    goals = scoped(
        Goal.objects.filter(
            status=GoalStatus.OPEN,
            plan__ended_on__isnull=True,
            next_review_on__gte=today,
            next_review_on__lte=today + datetime.timedelta(days=REVIEW_AHEAD_DAYS),
        ),
        "plan__municipality",
    ).select_related(
        "responsible",
        "plan__municipality",
        "plan__application__coordinator",
        "plan__application__caseworker",
    )
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for goal in goals:
            plan = goal.plan
            # The message names the case and the area, never a health goal's text.
            made = notify(
                municipality=plan.municipality,
                kind="goal_review_due",
                obj=goal,
                due_on=goal.next_review_on,
                recipient=goal.responsible or _responsible(plan.application),
                message=_("Case %(case)s: the goal in %(area)s is due for review on %(day)s.")
                % {
                    "case": plan.application.number,
                    "area": goal.get_area_display().lower(),
                    "day": _day(goal.next_review_on),
                },
                link=reverse("followup:plan_detail", args=[plan.pk]),
            )
            created += made is not None
    return created


def visit_reminders(today: datetime.date) -> int:
    """The day before a planned visit, and the day after one that was not
    recorded (done or missed?), to the worker."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    tomorrow_ends = start + datetime.timedelta(days=2)
    visits = scoped(
        Visit.objects.filter(status=VisitStatus.PLANNED, planned_at__lt=tomorrow_ends)
    ).select_related("worker", "municipality", "plan__application")
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for visit in visits:
            day = timezone.localtime(visit.planned_at).date()
            case = visit.plan.application.number
            if day > today:
                kind = "visit_tomorrow"
                message = _("Case %(case)s: %(kind)s planned for %(when)s.") % {
                    "case": case,
                    "kind": visit.get_kind_display().lower(),
                    "when": formats.date_format(
                        timezone.localtime(visit.planned_at), "SHORT_DATETIME_FORMAT"
                    ),
                }
            elif day < today:
                kind = "visit_unrecorded"
                message = _(
                    "Case %(case)s: the visit of %(day)s is not recorded. Was it missed?"
                ) % {
                    "case": case,
                    "day": _day(day),
                }
            else:
                continue
            made = notify(
                municipality=visit.municipality,
                kind=kind,
                obj=visit,
                due_on=day,
                recipient=visit.worker,
                message=message,
                link=reverse("followup:visit_record", args=[visit.pk]),
            )
            created += made is not None
    return created


def _warn_whom(row: TenancyRisk) -> User | None:
    plan = (
        FollowUpPlan.objects.filter(lease=row.lease, ended_on__isnull=True)
        .select_related("application__coordinator", "application__caseworker")
        .first()
    )
    if plan is not None:
        return _responsible(plan.application)
    application = (
        Application.objects.filter(household=row.lease.household_id)
        .select_related("coordinator", "caseworker")
        .order_by("-created_at")
        .first()
    )
    responsible = _responsible(application) if application else None
    return responsible or row.lease.created_by


def arrears_warnings(today: datetime.date) -> int:
    """When a tenancy with rent arrears reaches watch or high risk: a warning to
    the coordinator (else the caseworker, else whoever registered the lease),
    once per arrears entry and level."""
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for municipality in scoped(Municipality.objects.all(), "pk"):
            for row in tenancy_risks(municipality=municipality, today=today):
                if row.arrears <= 0 or row.risk.level == Level.NONE:
                    continue
                latest = row.lease.arrears.filter(as_of__lte=today).order_by("-as_of").first()
                if latest is None:
                    continue
                made = notify(
                    municipality=municipality,
                    kind=f"arrears_{row.risk.level}",
                    obj=latest,
                    due_on=latest.as_of,
                    recipient=_warn_whom(row),
                    message=_(
                        "%(dwelling)s owes %(amount)s in rent (%(day)s): risk of eviction "
                        "%(score)s points."
                    )
                    % {
                        "dwelling": row.lease.dwelling,
                        "amount": formats.number_format(row.arrears, force_grouping=True),
                        "day": _day(latest.as_of),
                        "score": row.risk.score,
                    },
                    link=reverse("followup:tenancy", args=[row.lease.pk]),
                )
                created += made is not None
    return created
