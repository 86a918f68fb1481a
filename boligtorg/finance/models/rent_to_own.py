"""Rent-to-own (leie til eie): the municipality's dwelling with rent-to-own potential
(the Kobo field), rented to a household with the option to buy it at the price fixed
at the start; the savings the household pays in; and, at purchase, the financing case
that is opened and the proceeds of the sale.

Sources: seed 002 (Drammen's "fra leie til eie"); DOMAIN.md, "Start loan, grant,
housing allowance, rent-to-own". The rules are in
``boligtorg.domain.financing.rent_to_own``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Household
from boligtorg.core.models import Municipality
from boligtorg.domain.financing.rent_to_own import RENT_TO_OWN_OPEN_STATUSES
from boligtorg.domain.financing.rent_to_own import RentBasis as DomainBasis
from boligtorg.domain.financing.rent_to_own import RentToOwnStatus as DomainStatus
from boligtorg.housing.models import Dwelling, Lease

from .cases import FinancingCase


class RentToOwnStatus(models.TextChoices):
    OFFERED = DomainStatus.OFFERED.value, _("Offered")
    SIGNED = DomainStatus.SIGNED.value, _("Signed")
    RENTING = DomainStatus.RENTING.value, _("Renting")
    PURCHASE_REQUESTED = DomainStatus.PURCHASE_REQUESTED.value, _("Purchase requested")
    PURCHASED = DomainStatus.PURCHASED.value, _("Purchased")
    ENDED = DomainStatus.ENDED.value, _("Ended")
    DEFAULTED = DomainStatus.DEFAULTED.value, _("Defaulted")


class RentBasis(models.TextChoices):
    COST = DomainBasis.COST.value, _("Cost rent (the household saves)")
    MARKET = DomainBasis.MARKET.value, _("Market rent (the surplus is taken off the price)")


OPEN_RENT_TO_OWN_STATUSES = sorted(status.value for status in RENT_TO_OWN_OPEN_STATUSES)


class RentToOwnAgreement(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dwelling = models.ForeignKey(
        Dwelling,
        verbose_name=_("dwelling"),
        on_delete=models.PROTECT,
        related_name="rent_to_own_agreements",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="rent_to_own_agreements",
    )
    # The tenancy, when the housing office has registered it (the household may
    # already rent the dwelling when it is offered).
    lease = models.ForeignKey(
        Lease,
        verbose_name=_("lease"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RentToOwnStatus.choices,
        default=RentToOwnStatus.OFFERED,
    )
    # The terms (domain ``AgreementTerms``), whole kroner.
    price = models.DecimalField(_("price fixed at the start"), max_digits=12, decimal_places=0)
    start = models.DateField(_("start of the tenancy"))
    option_years = models.PositiveSmallIntegerField(
        _("option period (years)"), null=True, blank=True
    )
    purchase_deadline = models.DateField(_("purchase deadline"), null=True, blank=True)
    rent_basis = models.CharField(_("rent basis"), max_length=10, choices=RentBasis.choices)
    monthly_rent = models.DecimalField(_("monthly rent"), max_digits=10, decimal_places=0)
    monthly_cost_rent = models.DecimalField(_("monthly cost rent"), max_digits=10, decimal_places=0)
    monthly_saving = models.DecimalField(
        _("monthly saving requirement"), max_digits=10, decimal_places=0, default=0
    )
    maintenance_duties = models.TextField(_("maintenance duties"))
    # The pipeline, a date for each step.
    offered_on = models.DateField(_("offered"))
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    renting_on = models.DateField(_("renting from"), null=True, blank=True)
    purchase_requested_on = models.DateField(_("purchase requested"), null=True, blank=True)
    purchased_on = models.DateField(_("purchased"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=500, blank=True)
    financing_case = models.ForeignKey(
        FinancingCase,
        verbose_name=_("financing case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rent_to_own_agreements",
    )
    sale_proceeds = models.DecimalField(
        _("sale proceeds"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rent-to-own agreement")
        verbose_name_plural = _("rent-to-own agreements")
        ordering = ["-offered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(status__in=OPEN_RENT_TO_OWN_STATUSES),
                name="rto_one_open_per_dwelling",
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=OPEN_RENT_TO_OWN_STATUSES),
                name="rto_one_open_per_household",
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="rto_price_positive"),
            models.CheckConstraint(
                condition=Q(monthly_rent__gte=0)
                & Q(monthly_cost_rent__gte=0)
                & Q(monthly_saving__gte=0)
                & (Q(sale_proceeds__isnull=True) | Q(sale_proceeds__gte=0)),
                name="rto_amounts_not_negative",
            ),
            # An option period or a purchase deadline, never both.
            models.CheckConstraint(
                condition=(Q(option_years__isnull=False) & Q(purchase_deadline__isnull=True))
                | (Q(option_years__isnull=True) & Q(purchase_deadline__gt=F("start"))),
                name="rto_option_period_or_deadline",
            ),
            models.CheckConstraint(
                condition=Q(option_years__isnull=True) | Q(option_years__gt=0),
                name="rto_option_years_positive",
            ),
            # On cost rent the household saves, and pays no more than the cost rent.
            models.CheckConstraint(
                condition=~Q(rent_basis=DomainBasis.COST.value)
                | (Q(monthly_rent__lte=F("monthly_cost_rent")) & Q(monthly_saving__gt=0)),
                name="rto_cost_rent_saves",
            ),
            models.CheckConstraint(condition=~Q(maintenance_duties=""), name="rto_duties_given"),
            # A purchase has its financing case, its day and its proceeds.
            models.CheckConstraint(
                condition=~Q(status=DomainStatus.PURCHASED.value)
                | (
                    Q(financing_case__isnull=False)
                    & Q(purchased_on__isnull=False)
                    & Q(sale_proceeds__isnull=False)
                ),
                name="rto_purchase_recorded",
            ),
            # An agreement that ended or defaulted says when and why.
            models.CheckConstraint(
                condition=~Q(status__in=[DomainStatus.ENDED.value, DomainStatus.DEFAULTED.value])
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="rto_end_recorded",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "-offered_on"])]

    def __str__(self) -> str:
        return f"{self.dwelling} ({self.get_status_display()})"


class RentToOwnSaving(models.Model):
    """Savings the household paid in for one month under the saving requirement
    (the ledger of what was paid, not of what was required)."""

    agreement = models.ForeignKey(
        RentToOwnAgreement, on_delete=models.CASCADE, related_name="savings"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("savings paid")
        verbose_name_plural = _("savings paid")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="rto_saving_once_a_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="rto_saving_positive"),
            models.CheckConstraint(condition=Q(month__day=1), name="rto_saving_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.amount}"
