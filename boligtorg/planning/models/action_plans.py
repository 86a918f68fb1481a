"""The action plan (seed 003, Bydel Grorud): a vision, main goals, sub-goals and
the activities that reach them (expected result, cost, timeframe, partners,
responsible), each addressing focus areas and target groups; the reporting matrix
of target groups × focus areas follows from them. Status reports, semi-annual or
annual, record the progress of every activity as a snapshot: later edits of an
activity do not change a report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import TargetGroup
from boligtorg.core.models import Municipality


class FocusArea(models.Model):
    """Reference data per municipality (Grorud's five areas are the defaults)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="focusarea_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class ActionPlan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    vision = models.TextField(_("vision"))
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-first_year", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="actionplan_last_not_before_first",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MainGoal(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("main goal"), max_length=500)

    class Meta:
        verbose_name = _("main goal")
        verbose_name_plural = _("main goals")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class SubGoal(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(MainGoal, on_delete=models.CASCADE, related_name="sub_goals")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("sub-goal"), max_length=500)

    class Meta:
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        ordering = ["goal", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.goal.position}.{self.position} {self.text}"


class Activity(models.Model):
    """What the plan does to reach a goal ("Aktivitet (prosjekt): HVA skal vi gjøre
    for å nå målet?"), with the columns of Grorud's activity table."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        MainGoal, verbose_name=_("main goal"), on_delete=models.CASCADE, related_name="activities"
    )
    sub_goal = models.ForeignKey(
        SubGoal,
        verbose_name=_("sub-goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    name = models.CharField(_("activity"), max_length=300)
    expected_result = models.TextField(_("expected result"))
    cost = models.PositiveBigIntegerField(_("cost estimate (NOK)"), null=True, blank=True)
    funding = models.CharField(_("source of funding"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), related_name="activities"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan", "goal__position", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_not_before_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReportKind(models.TextChoices):
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    ANNUAL = "annual", _("Annual")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")


class StatusReport(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-period_to", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")),
                name="statusreport_to_not_before_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.period_from:%Y-%m-%d}–{self.period_to:%Y-%m-%d}"


class ActivityProgress(models.Model):
    """One activity's progress in a report, with the activity's texts as they were
    when the report was written."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="progress")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="progress"
    )
    position = models.PositiveSmallIntegerField(default=0)
    goal_text = models.CharField(_("main goal"), max_length=520)
    activity_name = models.CharField(_("activity"), max_length=300)
    expected_result = models.TextField(_("expected result"))
    responsible = models.CharField(_("responsible"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("progress of an activity")
        verbose_name_plural = _("progress of activities")
        ordering = ["report", "position", "pk"]

    def __str__(self) -> str:
        return self.activity_name
