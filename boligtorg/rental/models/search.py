"""A household's search for a private rental (issue 26; Grorud's "Boligtorg", seed 003:
help to find a private rental, go to viewings and sign contracts): what it needs and
can pay, dwellings found, viewings with who went along, the outcome, and whether
follow-up is needed after moving in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Household
from boligtorg.core.models import Municipality

from .landlords import Landlord


class SearchOutcome(models.TextChoices):
    OPEN = "open", _("Searching")
    LEASE = "lease", _("Private lease signed")
    OTHER_SOLUTION = "other", _("Other solution")
    GAVE_UP = "gave_up", _("Search given up")


class SearchCase(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    needs = models.TextField(_("needs"))
    max_rent = models.DecimalField(_("can pay per month"), max_digits=10, decimal_places=2)
    opened_on = models.DateField(_("opened"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=SearchOutcome.choices, default=SearchOutcome.OPEN
    )
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    followup_needed = models.BooleanField(_("follow-up needed after moving in"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rental search")
        verbose_name_plural = _("rental searches")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.opened_on} {self.get_outcome_display()}"


class FoundDwelling(models.Model):
    search = models.ForeignKey(SearchCase, on_delete=models.CASCADE, related_name="found")
    address = models.CharField(_("address"), max_length=200)
    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    landlord_name = models.CharField(_("landlord"), max_length=200, blank=True)
    monthly_rent = models.DecimalField(_("rent per month"), max_digits=10, decimal_places=2)
    advertised_where = models.CharField(_("advertised where"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("dwelling found")
        verbose_name_plural = _("dwellings found")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.address


class Viewing(models.Model):
    search = models.ForeignKey(SearchCase, on_delete=models.CASCADE, related_name="viewings")
    dwelling = models.ForeignKey(FoundDwelling, on_delete=models.CASCADE, related_name="viewings")
    viewed_on = models.DateField(_("date"))
    accompanied_by = models.CharField(_("who went along"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("viewing")
        verbose_name_plural = _("viewings")
        ordering = ["viewed_on"]

    def __str__(self) -> str:
        return f"{self.viewed_on} {self.dwelling}"
