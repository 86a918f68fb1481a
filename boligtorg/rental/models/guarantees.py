"""Guarantees given instead of cash, claims against them and the household's repayment.

Source: husleieloven § 3-5 (a guarantee may stand in for the deposit); the rent
guarantee is the municipality's choice (Kongsberg's advice, seed 002). A municipality
may set a maximum amount: dated data (``GuaranteeLimit``), not a constant."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Household
from boligtorg.core.models import Municipality

from .landlords import Landlord


class GuaranteeKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit guarantee")
    RENT = "rent", _("Rent guarantee")


class GuaranteeLimit(models.Model):
    """The municipality's maximum amount of a guarantee of a kind, from a date."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=GuaranteeKind.choices)
    valid_from = models.DateField(_("valid from"))
    max_amount = models.DecimalField(_("maximum amount"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("guarantee limit")
        verbose_name_plural = _("guarantee limits")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "valid_from"], name="guaranteelimit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.max_amount} ({self.valid_from})"


class Guarantee(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=GuaranteeKind.choices)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="guarantees")
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("term ends"))
    lease_address = models.CharField(_("lease address"), max_length=200)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("guarantee")
        verbose_name_plural = _("guarantees")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="guarantee_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lease_address}"


class ClaimStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PAID = "paid", _("Paid")
    REFUSED = "refused", _("Refused")


class Claim(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    guarantee = models.ForeignKey(Guarantee, on_delete=models.PROTECT, related_name="claims")
    received_on = models.DateField(_("received"))
    amount_claimed = models.DecimalField(_("amount claimed"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.RECEIVED
    )
    checked_on = models.DateField(_("checked"), null=True, blank=True)
    amount_paid = models.DecimalField(
        _("amount paid"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount_claimed}"


class Repayment(models.Model):
    """The household's repayment of a paid claim, where the municipality recovers it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="repayments")
    paid_on = models.DateField(_("paid"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        ordering = ["-paid_on"]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"
