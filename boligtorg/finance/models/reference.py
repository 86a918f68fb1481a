"""Dated reference data the finance rules read: rates (Norges Bank's policy rate, the
stress-test margin, the municipality's lending rates), yearly tables (SIFO's reference
budget, the national guideline rates for social assistance, housing allowance, Danish
deposit loans) and the municipality's price limits.

Every row has the date it applies from; the rule for a day reads the latest row on or
before it. Amounts change yearly and are never constants in code (DOMAIN.md, "Start
loan, grant, housing allowance, rent-to-own")."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Country, Municipality


class RateName(models.TextChoices):
    # Norges Bank's key policy rate: the stress test adds the margin to it.
    POLICY_RATE = "policy_rate", _("Norges Bank's policy rate")
    # Husbanken's guidance: policy rate + 2.5 percentage points (not the banks' test).
    STRESS_MARGIN = "stress_margin", _("Stress-test margin (percentage points)")
    FLOATING_RATE = "floating_rate", _("Start-loan rate, floating")
    FIXED_RATE_3 = "fixed_rate_3", _("Start-loan rate, fixed for 3 years")
    FIXED_RATE_5 = "fixed_rate_5", _("Start-loan rate, fixed for 5 years")
    FIXED_RATE_10 = "fixed_rate_10", _("Start-loan rate, fixed for 10 years")
    FIXED_RATE_20 = "fixed_rate_20", _("Start-loan rate, fixed for 20 years")


class FinanceRate(models.Model):
    """A rate in percent from a date. National rates have no municipality; a
    municipality's own row (its lending margin on Husbanken's rate) overrides."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("rate"), max_length=20, choices=RateName.choices)
    valid_from = models.DateField(_("valid from"))
    percent = models.DecimalField(_("percent"), max_digits=6, decimal_places=3)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finance rate")
        verbose_name_plural = _("finance rates")
        ordering = ["name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name", "valid_from"],
                condition=Q(municipality__isnull=True),
                name="financerate_national_unique_per_day",
            ),
            models.UniqueConstraint(
                fields=["municipality", "name", "valid_from"],
                condition=Q(municipality__isnull=False),
                name="financerate_own_unique_per_day",
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="financerate_percent_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()} {self.percent} % ({self.valid_from})"


class TableKind(models.TextChoices):
    SIFO = "sifo", _("SIFO reference budget")
    SOCIAL_ASSISTANCE = "social_assistance", _("Guideline rates for social assistance")
    HOUSING_ALLOWANCE = "housing_allowance", _("Housing allowance (bostøtte)")
    DEPOSIT_LOAN = "deposit_loan", _("Deposit loans (indskudslån)")
    PRODUCTS = "products", _("Loan products and term limits")


class ReferenceTable(models.Model):
    """A yearly table as data, in the shape ``boligtorg.domain.financing`` reads; the
    row on or before a day applies on that day."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("table"), max_length=20, choices=TableKind.choices)
    valid_from = models.DateField(_("valid from"))
    data = models.JSONField(_("figures"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("reference table")
        verbose_name_plural = _("reference tables")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "valid_from"], name="referencetable_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.valid_from})"


class PriceLimit(models.Model):
    """The highest price of a modest, reasonably priced home for a household size in
    an area (blank: the whole municipality), set by the municipality (Husbanken's
    guidance: the home must be modest and reasonably priced and suit the household)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(_("area"), max_length=100, blank=True)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    max_price = models.DecimalField(_("highest price"), max_digits=12, decimal_places=0)
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("price limit")
        verbose_name_plural = _("price limits")
        ordering = ["area", "household_size", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "area", "household_size", "valid_from"],
                name="pricelimit_unique_per_day",
            ),
            models.CheckConstraint(
                condition=Q(household_size__gte=1) & Q(max_price__gt=0),
                name="pricelimit_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area or '*'} / {self.household_size}: {self.max_price}"
