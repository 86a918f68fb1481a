"""The follow-up plan of a case (booppfølging): goals in the areas of the mapping
interview, each with actions, who is responsible and review dates, the progress
recorded at each review; and the visits and contacts of the follow-up worker.

Seeds 000 (Trondheim: bokompetanse, økonomi, nettverk, dagaktivitet), 002 (DUE:
one coordinator) and 003 (Grorud: individual follow-up as a focus area)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application
from boligtorg.core.models import Municipality
from boligtorg.housing.models import Lease


class FollowUpPlan(models.Model):
    """The plan of one case (and so of its household). Its readers are the case
    team only; the lease is the tenancy being followed up, once there is one."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="followup_plan",
    )
    lease = models.ForeignKey(
        Lease,
        verbose_name=_("lease"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_plans",
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    summary = models.TextField(_("what the household wants to achieve"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="followupplan_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return str(_("Follow-up plan for %(case)s") % {"case": self.application.number})

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class GoalArea(models.TextChoices):
    """The areas of the mapping interview (DOMAIN.md "From application to keys", 2)."""

    ECONOMY = "economy", _("Economy and rent")
    TENANCY_SKILLS = "tenancy_skills", _("Tenancy skills")
    NEIGHBOURS = "neighbours", _("Neighbours")
    DAILY_ACTIVITY = "daily_activity", _("Daily activity")
    WORK_OR_SCHOOL = "work_or_school", _("Work or school")
    NETWORK = "network", _("Network")
    HEALTH = "health", _("Health")


# Goals in these areas are special-category data (GDPR art. 9): shown only to the
# case team as far as the main applicant's consent covers the category.
SPECIAL_GOAL_AREAS = {GoalArea.HEALTH: "health"}


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(models.Model):
    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="goals")
    area = models.CharField(_("area"), max_length=20, choices=GoalArea.choices)
    description = models.TextField(_("goal"))
    actions = models.TextField(_("actions"), blank=True)
    responsible_service = models.CharField(_("responsible service"), max_length=100)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    next_review_on = models.DateField(_("next review"))
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["next_review_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.description[:60]}"


class Progress(models.TextChoices):
    NONE = "none", _("No progress")
    SOME = "some", _("Some progress")
    GOOD = "good", _("Good progress")
    ACHIEVED = "achieved", _("Achieved")
    SETBACK = "setback", _("Setback")


class GoalReview(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    progress = models.CharField(_("progress"), max_length=10, choices=Progress.choices)
    notes = models.TextField(_("notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal review")
        verbose_name_plural = _("goal reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.goal} ({self.reviewed_on})"


class VisitKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    MEETING = "meeting", _("Meeting at the office")
    PHONE = "phone", _("Phone call")
    DIGITAL = "digital", _("Video or message")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class Visit(models.Model):
    """A visit or contact, planned and then done, missed (the household was not
    there: an early-warning signal) or cancelled."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(
        _("kind"), max_length=12, choices=VisitKind.choices, default=VisitKind.HOME_VISIT
    )
    planned_at = models.DateTimeField(_("planned for"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="followup_visits",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-planned_at", "-pk"]
        indexes = [models.Index(fields=["worker", "status", "planned_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.planned_at):%Y-%m-%d %H:%M}"
