"""Early warning before eviction: the signals (rent arrears, complaints; missed
visits are in ``plans``), the municipality's risk rules as data, and the
eviction-prevention workflow of a tenancy.

The score itself is computed in ``boligtorg.domain.risk`` from these rows."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality
from boligtorg.housing.models import Lease


class RiskRules(models.Model):
    """The weights of the risk score for a period; one municipality's periods never
    overlap. The defaults are a starting point for the housing office to tune."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    points_per_month_in_arrears = models.PositiveSmallIntegerField(
        _("points per month of rent in arrears"), default=20
    )
    arrears_months_cap = models.PositiveSmallIntegerField(
        _("months of arrears counted at most"), default=3
    )
    payment_plan_relief_percent = models.PositiveSmallIntegerField(
        _("arrears points taken off while a payment plan is kept (%)"), default=50
    )
    points_per_complaint = models.PositiveSmallIntegerField(
        _("points per complaint from neighbours"), default=10
    )
    points_per_missed_visit = models.PositiveSmallIntegerField(
        _("points per missed visit"), default=10
    )
    window_days = models.PositiveSmallIntegerField(
        _("days back that complaints and missed visits count"), default=90
    )
    points_clause_due = models.PositiveSmallIntegerField(
        _("points when a lease clause or the lease end is due"), default=10
    )
    clause_due_days = models.PositiveSmallIntegerField(
        _("days ahead that a clause or lease end counts as due"), default=60
    )
    watch_from = models.PositiveSmallIntegerField(_("watch from (points)"), default=20)
    high_from = models.PositiveSmallIntegerField(_("high risk from (points)"), default=50)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("risk rules")
        verbose_name_plural = _("risk rules")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="riskrules_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(payment_plan_relief_percent__lte=100),
                name="riskrules_relief_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(high_from__gte=F("watch_from")), name="riskrules_high_above_watch"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Risk rules from %(date)s") % {"date": self.valid_from})


class ArrearsSource(models.TextChoices):
    MANUAL = "manual", _("Registered by hand")
    IMPORT = "import", _("Rent ledger import")


class ArrearsEntry(models.Model):
    """The rent owed on a tenancy on a day. The newest entry is the current state;
    zero means the arrears are cleared."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    lease = models.ForeignKey(
        Lease, verbose_name=_("lease"), on_delete=models.PROTECT, related_name="arrears"
    )
    as_of = models.DateField(_("as of"))
    amount = models.DecimalField(_("rent owed"), max_digits=10, decimal_places=0)
    source = models.CharField(
        _("source"), max_length=10, choices=ArrearsSource.choices, default=ArrearsSource.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rent arrears")
        verbose_name_plural = _("rent arrears")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="arrears_not_negative"),
            models.UniqueConstraint(fields=["lease", "as_of"], name="arrears_once_per_lease_day"),
        ]

    def __str__(self) -> str:
        return f"{self.lease.dwelling} {self.as_of}: {self.amount}"


class ComplaintSource(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Neighbour")
    LANDLORD = "landlord", _("Landlord or housing organisation")
    OTHER = "other", _("Other")


class Complaint(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    lease = models.ForeignKey(
        Lease, verbose_name=_("lease"), on_delete=models.PROTECT, related_name="complaints"
    )
    received_on = models.DateField(_("received"))
    source = models.CharField(
        _("from"), max_length=10, choices=ComplaintSource.choices, default=ComplaintSource.NEIGHBOUR
    )
    summary = models.CharField(_("what it is about"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.received_on}: {self.summary[:60]}"


class Referral(models.TextChoices):
    NONE = "", _("No referral")
    NAV = "nav", _("NAV")
    FINANCIAL_ADVICE = "financial_advice", _("Financial advice")
    NAV_AND_ADVICE = "nav_and_advice", _("NAV and financial advice")


class PreventionOutcome(models.TextChoices):
    ONGOING = "", _("Ongoing")
    CLEARED = "cleared", _("Arrears paid, tenancy kept")
    PLAN_KEPT = "plan_kept", _("Payment plan kept, tenancy kept")
    MOVED = "moved", _("Moved to another dwelling")
    EVICTED = "evicted", _("Evicted")


class PreventionCase(models.Model):
    """The eviction-prevention workflow of a tenancy: contact made, a payment plan,
    a referral to NAV or financial advice, and the outcome. One open at a time."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    lease = models.ForeignKey(
        Lease, verbose_name=_("lease"), on_delete=models.PROTECT, related_name="prevention_cases"
    )
    opened_on = models.DateField(_("opened on"))
    reason = models.TextField(_("why"), blank=True)
    contact_made_on = models.DateField(_("contact made on"), null=True, blank=True)
    payment_plan_agreed_on = models.DateField(_("payment plan agreed on"), null=True, blank=True)
    payment_plan_monthly = models.DecimalField(
        _("instalment per month"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    payment_plan_until = models.DateField(_("payment plan until"), null=True, blank=True)
    payment_plan_broken_on = models.DateField(_("payment plan broken on"), null=True, blank=True)
    referral = models.CharField(
        _("referred to"), max_length=20, choices=Referral.choices, default=Referral.NONE, blank=True
    )
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=PreventionOutcome.choices,
        default=PreventionOutcome.ONGOING,
        blank=True,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("eviction prevention")
        verbose_name_plural = _("eviction prevention")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lease"],
                condition=Q(closed_on__isnull=True),
                name="prevention_one_open_per_lease",
            ),
            models.CheckConstraint(
                condition=Q(payment_plan_monthly__isnull=True) | Q(payment_plan_monthly__gt=0),
                name="prevention_instalment_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Eviction prevention for %(dwelling)s") % {"dwelling": self.lease.dwelling})

    def payment_plan_kept_on(self, day: datetime.date) -> bool:
        """Whether a payment plan is in force and not broken on ``day``."""
        return (
            self.payment_plan_agreed_on is not None
            and self.payment_plan_agreed_on <= day
            and (self.payment_plan_until is None or day <= self.payment_plan_until)
            and (self.payment_plan_broken_on is None or day < self.payment_plan_broken_on)
        )
