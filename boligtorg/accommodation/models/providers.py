"""The register of providers of temporary accommodation (midlertidig botilbud), their
quality agreements as dated versions, and the municipality's inspections.

Source: issue 26, "Temporary accommodation"; lov om sosiale tjenester i NAV § 27 and
Helsedirektoratet's guidance on quality agreements for temporary accommodation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality


class Provider(models.Model):
    """A hostel, camp site, guest house or private landlord the municipality places in."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="accommodation_provider_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class QualityAgreement(models.Model):
    """One dated version of the quality agreement with a provider."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="agreements")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty while the agreement runs.")
    )
    standard = models.TextField(_("standard"), help_text=_("What the provider must offer."))
    house_rules = models.TextField(_("house rules"), blank=True)
    price_per_night = models.DecimalField(_("price per night"), max_digits=8, decimal_places=2)
    approved_for_children = models.BooleanField(_("approved for children"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quality agreement")
        verbose_name_plural = _("quality agreements")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="accommodation_agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(price_per_night__gte=0),
                name="accommodation_agreement_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.valid_from:%Y-%m-%d}"

    @property
    def municipality(self) -> Municipality:
        return self.provider.municipality


class InspectionResult(models.TextChoices):
    APPROVED = "approved", _("Approved")
    DEVIATIONS = "deviations", _("Approved with deviations")
    NOT_APPROVED = "not_approved", _("Not approved")


class Inspection(models.Model):
    """A visit to a provider by the municipality."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=20, choices=InspectionResult.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider} {self.inspected_on:%Y-%m-%d}"

    @property
    def municipality(self) -> Municipality:
        return self.provider.municipality
