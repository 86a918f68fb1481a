"""Private landlords as partners: the pool, the municipality's contact person for each,
and the dwellings they offer (issue 26, "The private rental market"; Kongsberg's advice,
seed 002: a municipal contact person for private landlords)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality


class LandlordKind(models.TextChoices):
    COMPANY = "company", _("Company")
    PERSON = "person", _("Private person")


class Landlord(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=LandlordKind.choices)
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality's contact person"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("landlord")
        verbose_name_plural = _("landlords")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name


class LandlordDwelling(models.Model):
    """A dwelling a landlord offers to the municipality's households."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="dwellings")
    address = models.CharField(_("address"), max_length=200)
    bedrooms = models.PositiveSmallIntegerField(_("bedrooms"))
    monthly_rent = models.DecimalField(_("rent per month"), max_digits=10, decimal_places=2)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dwelling offered")
        verbose_name_plural = _("dwellings offered")
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address
