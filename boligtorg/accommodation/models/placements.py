"""Placements of a household in temporary accommodation, and the municipality's stay
limits as dated data (issue 26, "Temporary accommodation")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Decision, HouseholdMember
from boligtorg.core.models import Municipality

from .providers import Provider


class Placement(models.Model):
    """A household (or some of its members) staying with a provider."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application,
        verbose_name=_("housing case"),
        on_delete=models.PROTECT,
        related_name="accommodation_placements",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="placements"
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Room or unit, if not the provider's."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Empty while the household stays.")
    )
    price_per_night = models.DecimalField(_("price per night"), max_digits=8, decimal_places=2)
    members = models.ManyToManyField(
        HouseholdMember, verbose_name=_("who stays"), related_name="accommodation_placements"
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accommodation_placements",
        help_text=_(
            "The decision on the case the placement rests on, made in the case's decision "
            "flow. May be empty only for an emergency placement the same night; the "
            "decision is then made afterwards."
        ),
    )
    emergency = models.BooleanField(
        _("emergency the same night"),
        default=False,
        help_text=_("Placed the same night, before a decision could be made."),
    )
    end_reason = models.CharField(_("reason for ending"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="accommodation_placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(decision__isnull=False) | models.Q(emergency=True),
                name="accommodation_placement_decision_unless_emergency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.number} {self.provider} {self.starts_on:%Y-%m-%d}"


class StayLimit(models.Model):
    """The municipality's limit on nights in temporary accommodation, from a date."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"))
    nights = models.PositiveIntegerField(_("nights for everyone"))
    nights_with_children = models.PositiveIntegerField(
        _("nights for families with children"),
        help_text=_("0 means families with children are not placed at all."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stay limit")
        verbose_name_plural = _("stay limits")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "valid_from"], name="accommodation_staylimit_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nights}/{self.nights_with_children} from {self.valid_from:%Y-%m-%d}"
