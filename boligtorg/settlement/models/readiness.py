"""A dwelling ready on the day of arrival: dwellings reserved for a named arrival,
and in Denmark the temporary residence (midlertidigt opholdssted) a refugee lives in
until a permanent dwelling is found (integrationsloven § 12), never in an area on the
year's list of vulnerable areas (§ 12, stk. 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.allocation.models import Meeting
from boligtorg.core.models import Municipality
from boligtorg.housing.models import Area, Dwelling

from .persons import Proposal


class Reservation(models.Model):
    """A dwelling held for a named arrival: one open reservation per dwelling and per
    household (the database refuses a second)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("dwelling"), on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reservations")
    ready_on = models.DateField(_("ready from"))
    note = models.TextField(_("note"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("allocation meeting"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    released_on = models.DateField(_("released"), null=True, blank=True)
    release_reason = models.TextField(_("why it was released"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reservation for settlement")
        verbose_name_plural = _("reservations for settlement")
        ordering = ["ready_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(released_on__isnull=True),
                name="reservation_one_open_per_dwelling",
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(released_on__isnull=True),
                name="reservation_one_open_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dwelling} → {self.proposal}"


class TemporaryResidence(models.Model):
    """Denmark: where a refugee lives until a permanent dwelling is found."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="temporary_residences"
    )
    address = models.CharField(_("address"), max_length=200)
    dwelling = models.ForeignKey(
        Dwelling,
        verbose_name=_("dwelling"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    from_on = models.DateField(_("from"))
    to_on = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("temporary residence")
        verbose_name_plural = _("temporary residences")
        ordering = ["-from_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_on__isnull=True) | Q(to_on__gte=models.F("from_on")),
                name="temporaryresidence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.address
