"""The yearly numbers: IMDi's request and the council's decision (Norway), the
municipal quota under the national figure (Denmark). Each change during the year is a
new version; the latest version of a kind and year is the one in force.

Sources: IMDi, "Bosettingsprosessen" (request with unaccompanied minors stated apart
and plan figures for the year after; the council's decision registered with IMDi);
integrationsloven ch. 3 and bekendtgørelse nr. 550 af 3. maj 2022 (landstal by 1 May,
regional quotas, municipal quotas agreed by 10 September or set by the Immigration
Service by 30 September)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Country, Municipality


class TargetKind(models.TextChoices):
    IMDI_REQUEST = "imdi_request", _("IMDi's request")
    COUNCIL_DECISION = "council_decision", _("Council decision")
    QUOTA = "quota", _("Municipal quota")


# Which kinds each country keeps.
KINDS_BY_COUNTRY = {
    Country.NORWAY: (TargetKind.IMDI_REQUEST, TargetKind.COUNCIL_DECISION),
    Country.DENMARK: (TargetKind.QUOTA,),
}


class QuotaSetBy(models.TextChoices):
    AGREED = "agreed", _("Agreed by the region's municipalities")
    SERVICE = "service", _("Set by the Immigration Service")


class SettlementTarget(models.Model):
    """One version of a year's figure: a request, a decision or a quota."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    dated_on = models.DateField(_("dated"))
    total = models.PositiveIntegerField(_("refugees"))
    minors = models.PositiveIntegerField(_("of them unaccompanied minors"), default=0)
    next_year_total = models.PositiveIntegerField(
        _("plan figure for the year after"), null=True, blank=True
    )
    next_year_minors = models.PositiveIntegerField(
        _("plan figure for the year after, unaccompanied minors"), null=True, blank=True
    )
    national_figure = models.PositiveIntegerField(
        _("national figure (landstal)"), null=True, blank=True
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    regional_quota = models.PositiveIntegerField(_("regional quota"), null=True, blank=True)
    set_by = models.CharField(_("set by"), max_length=10, choices=QuotaSetBy.choices, blank=True)
    reference = models.CharField(_("case reference"), max_length=100, blank=True)
    document = models.FileField(_("document"), upload_to="settlement/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("settlement figure")
        verbose_name_plural = _("settlement figures")
        ordering = ["-year", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "year", "version"],
                name="settlementtarget_unique_version",
            ),
            models.CheckConstraint(
                condition=models.Q(minors__lte=models.F("total")),
                name="settlementtarget_minors_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} v{self.version}"
