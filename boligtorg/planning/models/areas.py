"""Vulnerable areas (seed 001, Skanderborg; DOMAIN.md "Areas"): an area of the
housing register with its planning facts, its indicator figures per year, the
statutory criterion sets they are measured against, and the steering group and
KUF (koordinerings- og udviklingsforum) that coordinate the work there.

A ``PlanningArea`` is one-to-one with ``housing.Area``: the dwelling register and
the allocation caps already name areas, and the need-based intensity counts the
cases and follow-up of the dwellings in that very area. Its name is the housing
area's name."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality
from boligtorg.domain.area_criteria import Comparison, Indicator, Kind
from boligtorg.housing.models import Area


class PlanningArea(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    area = models.OneToOneField(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="planning"
    )
    housing_organisation = models.CharField(_("housing organisation"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    addresses = models.TextField(_("addresses"), blank=True)
    boundary = models.TextField(_("boundary (GeoJSON)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("planning area")
        verbose_name_plural = _("planning areas")
        ordering = ["area__name"]

    def __str__(self) -> str:
        return self.area.name

    @property
    def name(self) -> str:
        return self.area.name

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.addresses.splitlines() if line.strip()]


def _percent(name: str) -> models.DecimalField:
    return models.DecimalField(
        name,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class AreaIndicator(models.Model):
    """The figures of one area in one year, as the ministry publishes them (or as
    the municipality's analysts computed them); imported from a file."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(PlanningArea, on_delete=models.CASCADE, related_name="indicators")
    year = models.PositiveSmallIntegerField(_("year"))
    residents = models.PositiveIntegerField(_("residents"))
    outside_work = _percent(_("outside work or education (%)"))
    convictions_ratio = models.DecimalField(
        _("convictions (× national rate)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    convicted_share = models.DecimalField(
        _("convicted (% of residents 18+)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    basic_schooling = _percent(_("basic schooling only (%)"))
    income_ratio = models.DecimalField(
        _("mean income (% of the region)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    non_western = _percent(_("non-Western background (%)"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("area indicators")
        verbose_name_plural = _("area indicators")
        ordering = ["area", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="areaindicator_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}"

    def figures(self) -> dict[Indicator, object]:
        """The figures keyed as the domain rules name them."""
        return {indicator: getattr(self, indicator.value) for indicator in Indicator}


class CriterionKind(models.TextChoices):
    GHETTO_LIST = Kind.GHETTO_LIST.value, _("Ghetto list (2010–2017)")
    VULNERABLE = Kind.VULNERABLE.value, _("Vulnerable area (udsat boligområde)")
    PARALLEL_SOCIETY = Kind.PARALLEL_SOCIETY.value, _("Parallel society (parallelsamfund)")
    TRANSFORMATION = Kind.TRANSFORMATION.value, _("Transformation area (omdannelsesområde)")
    PREVENTION = Kind.PREVENTION.value, _("Prevention area (forebyggelsesområde)")


class IndicatorChoice(models.TextChoices):
    RESIDENTS = Indicator.RESIDENTS.value, _("Residents")
    OUTSIDE_WORK = Indicator.OUTSIDE_WORK.value, _("Outside work or education (%)")
    CONVICTIONS_RATIO = Indicator.CONVICTIONS_RATIO.value, _("Convictions (× national rate)")
    CONVICTED_SHARE = Indicator.CONVICTED_SHARE.value, _("Convicted (% of residents 18+)")
    BASIC_SCHOOLING = Indicator.BASIC_SCHOOLING.value, _("Basic schooling only (%)")
    INCOME_RATIO = Indicator.INCOME_RATIO.value, _("Mean income (% of the region)")
    NON_WESTERN = Indicator.NON_WESTERN.value, _("Non-Western background (%)")


class ComparisonChoice(models.TextChoices):
    GT = Comparison.GT.value, _("more than")
    GTE = Comparison.GTE.value, _("at least")
    LT = Comparison.LT.value, _("less than")
    LTE = Comparison.LTE.value, _("at most")


class CriterionSet(models.Model):
    """A statutory rule of one kind with its validity period (policy as data). Sets
    of the same kind never overlap in time; the service refuses an overlap."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    needed = models.PositiveSmallIntegerField(
        _("criteria needed"),
        default=0,
        help_text=_("How many of the criteria that are not required must be met."),
    )
    consecutive_years = models.PositiveSmallIntegerField(
        _("consecutive years"), null=True, blank=True
    )
    based_on = models.CharField(
        _("based on"), max_length=20, choices=CriterionKind.choices, blank=True
    )
    source = models.TextField(_("legal source"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("criterion set")
        verbose_name_plural = _("criterion sets")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="criterionset_to_not_before_from",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criterion_set = models.ForeignKey(
        CriterionSet, on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(default=0)
    indicator = models.CharField(_("indicator"), max_length=20, choices=IndicatorChoice.choices)
    comparison = models.CharField(_("comparison"), max_length=3, choices=ComparisonChoice.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=8, decimal_places=2)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criterion_set", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.comparison} {self.threshold}"


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Steering group")
    KUF = "kuf", _("Coordination and development forum (KUF)")


class CoordinationGroup(models.Model):
    """The area's steering group or KUF (seed 001: one steering group, a KUF in
    each area the steering group names)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(PlanningArea, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)

    class Meta:
        verbose_name = _("coordination group")
        verbose_name_plural = _("coordination groups")
        ordering = ["area", "-kind"]
        constraints = [
            models.UniqueConstraint(fields=["area", "kind"], name="coordinationgroup_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.area}"


class GroupMember(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the group"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class GroupMeeting(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(CoordinationGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on:%Y-%m-%d}"


class MeetingAction(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"))
    responsible = models.CharField(_("responsible"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["meeting", "done_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
