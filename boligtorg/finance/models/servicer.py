"""The running loan with the loan servicer (låneforvalter): the hand-over of paid-out
loans as a file, the instalments the servicer reports missed, and the changes of
terms the municipality decides when the household has payment problems.

Sources: Husbanken's guidance for start loans (the servicer keeps the loan after
payout and tells the municipality within 14 days of a missed instalment; payment
problems are met with a postponement or interest added to the loan, at most 2.5
years); DOMAIN.md, "Start loan, grant, housing allowance, rent-to-own"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality

from .cases import FinancingCase
from .decisions import RateKind


class HandOver(models.Model):
    """One file of paid-out loans handed to the loan servicer: who made it and when.
    The file can be downloaded again from its rows."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("handed over"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed over by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hand-over to the loan servicer")
        verbose_name_plural = _("hand-overs to the loan servicer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}"


class HandOverLoan(models.Model):
    """A loan in a hand-over; a case is handed over once."""

    handover = models.ForeignKey(HandOver, on_delete=models.PROTECT, related_name="loans")
    case = models.OneToOneField(FinancingCase, on_delete=models.PROTECT, related_name="handover")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.case)


class MissedSource(models.TextChoices):
    IMPORT = "import", _("Servicer's file")
    MANUAL = "manual", _("Registered by hand")


class MissedInstalment(models.Model):
    """An instalment the servicer reports missed (one per case and due date)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        FinancingCase, on_delete=models.CASCADE, related_name="missed_instalments"
    )
    due_on = models.DateField(_("due date"))
    amount = models.DecimalField(_("amount missed"), max_digits=12, decimal_places=2)
    reported_on = models.DateField(_("reported on"))
    days_late = models.PositiveIntegerField(_("days late when reported"))
    source = models.CharField(_("source"), max_length=10, choices=MissedSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("missed instalment")
        verbose_name_plural = _("missed instalments")
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "due_on"], name="missedinstalment_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="missedinstalment_amount"),
            models.CheckConstraint(
                condition=Q(reported_on__gte=F("due_on")), name="missedinstalment_reported_after"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.due_on}"


class TermsChangeKind(models.TextChoices):
    DEFERRAL = "deferral", _("Instalments postponed")
    INTEREST_ADDED = "interest_added", _("Interest added to the loan")
    TERM_EXTENDED = "term_extended", _("Term extended")
    RATE_KIND_CHANGED = "rate_kind_changed", _("Interest rate changed")


class TermsChange(models.Model):
    """A change of the running loan's terms decided by the municipality: the
    history beside the terms of the decision."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(FinancingCase, on_delete=models.CASCADE, related_name="terms_changes")
    kind = models.CharField(_("change"), max_length=20, choices=TermsChangeKind.choices)
    period_from = models.DateField(_("from"), null=True, blank=True)
    period_to = models.DateField(_("to"), null=True, blank=True)
    interest_amount = models.DecimalField(
        _("interest added"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    new_years = models.PositiveSmallIntegerField(_("new term in years"), null=True, blank=True)
    new_rate_kind = models.CharField(
        _("new interest rate"), max_length=10, choices=RateKind.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided"))
    reason = models.TextField(_("reason"))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change of terms")
        verbose_name_plural = _("changes of terms")
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_to__isnull=True)
                | Q(period_to__gt=F("period_from")),
                name="termschange_period_forwards",
            ),
            models.CheckConstraint(
                condition=Q(interest_amount__isnull=True) | Q(interest_amount__gt=0),
                name="termschange_interest_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
