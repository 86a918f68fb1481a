"""The recommendation and the decision on a financing case (two people), the
explanation duty of the Financial Agreements Act, and the payouts.

Sources: forskrift om lån fra Husbanken ch. 8 (terms) and § 9-1; Husbanken's
guidance (a recommendation by the officer, a decision by another person with
delegated authority); finansavtaleloven (2023) § 5-1 (explanation duty);
forvaltningsloven §§ 24–25 and 29 (reasons and appeal)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality

from .cases import FinancingCase


class DecisionOutcome(models.TextChoices):
    LOAN = "loan", _("Start loan")
    GRANT = "grant", _("Establishment grant")
    LOAN_AND_GRANT = "loan_and_grant", _("Start loan and grant")
    ADVICE = "advice", _("Advice only")
    REFUSED = "refused", _("Refused")


GRANTING_OUTCOMES = (DecisionOutcome.LOAN, DecisionOutcome.GRANT, DecisionOutcome.LOAN_AND_GRANT)


class LoanMethod(models.TextChoices):
    ANNUITY = "annuity", _("Annuity")
    SERIAL = "serial", _("Serial")


class RateKind(models.TextChoices):
    FLOATING = "floating", _("Floating")
    FIXED_3 = "fixed_3", _("Fixed for 3 years")
    FIXED_5 = "fixed_5", _("Fixed for 5 years")
    FIXED_10 = "fixed_10", _("Fixed for 10 years")
    FIXED_20 = "fixed_20", _("Fixed for 20 years")


class FinancingDecision(models.Model):
    """One round of recommendation and decision. The officer recommends; another
    person decides (the database refuses the same person in both places); a
    recommendation sent back stays as history with ``returned_at``."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(FinancingCase, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    loan_amount = models.DecimalField(_("start loan"), max_digits=12, decimal_places=0, default=0)
    grant_amount = models.DecimalField(_("grant"), max_digits=12, decimal_places=0, default=0)
    method = models.CharField(
        _("repayment"), max_length=10, choices=LoanMethod.choices, default=LoanMethod.ANNUITY
    )
    years = models.PositiveSmallIntegerField(_("term in years"), default=30)
    interest_only_years = models.PositiveSmallIntegerField(
        _("years without instalments"), default=0
    )
    rate_kind = models.CharField(
        _("interest rate"), max_length=10, choices=RateKind.choices, default=RateKind.FLOATING
    )
    annual_rate = models.DecimalField(
        _("nominal rate (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    periods_per_year = models.PositiveSmallIntegerField(
        _("instalments per year"), choices=[(12, _("Monthly")), (4, _("Quarterly"))], default=12
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"), choices=[(1, "1"), (12, "12"), (20, "20")], default=20
    )
    # Forskrift § 8-1: 50 years only when the four conditions hold (or are waived).
    fifty_year_reasons = models.TextField(_("why 50 years"), blank=True)
    # The four conditions (and the waiver's low, predictable income), each
    # {"answer": true|false, "reason": "..."}, by the domain's field names.
    long_term_conditions = models.JSONField(
        _("conditions for more than 30 years"), default=dict, blank=True
    )
    # The establishment grant's need test (Husbanken's guidance): permanently low
    # income and a longer loan term considered first, each {"answer", "reason"}.
    grant_need_answers = models.JSONField(_("the grant's need test"), default=dict, blank=True)
    grant_write_down_years = models.PositiveSmallIntegerField(
        _("the grant is written down over (years)"), default=20
    )
    promise_valid_until = models.DateField(_("the promise holds until"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    # The reasons (fvl. §§ 24–25): the rules in substance, the facts, the main
    # considerations; for a refusal also how to qualify later and the children's best
    # interests where there are children.
    facts = models.TextField(_("facts"), blank=True)
    considerations = models.TextField(_("main considerations"), blank=True)
    how_to_qualify = models.TextField(_("what would qualify later"), blank=True)
    children_interests = models.TextField(_("the children's best interests"), blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recommended by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recommended_at = models.DateTimeField(_("recommended"), default=timezone.now)
    returned_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    return_note = models.CharField(_("why it was sent back"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("financing decision")
        verbose_name_plural = _("financing decisions")
        ordering = ["-recommended_at", "-pk"]
        constraints = [
            # The two-person rule, kept by the database too.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("recommended_by")),
                name="financingdecision_two_persons",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | Q(returned_at__isnull=True),
                name="financingdecision_decided_or_returned",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True, decided_on__isnull=True)
                | Q(decided_by__isnull=False, decided_on__isnull=False),
                name="financingdecision_decided_with_date",
            ),
            models.CheckConstraint(
                condition=Q(loan_amount__gte=0) & Q(grant_amount__gte=0),
                name="financingdecision_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=50),
                name="financingdecision_years_1_to_50",
            ),
            models.CheckConstraint(
                condition=Q(interest_only_years__lte=8) & Q(interest_only_years__lt=F("years")),
                name="financingdecision_deferral_at_most_8",
            ),
            # One round open at a time: neither decided nor sent back.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(decided_by__isnull=True, returned_at__isnull=True),
                name="financingdecision_one_open_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_outcome_display()}"

    @property
    def grants(self) -> bool:
        return self.outcome in GRANTING_OUTCOMES

    @property
    def total(self):  # noqa: ANN201 - Decimal
        return self.loan_amount + self.grant_amount


class Explanation(models.Model):
    """The explanation duty (finansavtaleloven § 5-1): the five topics explained to
    the borrower before the loan, and any written advice against it (which is not a
    refusal)."""

    case = models.OneToOneField(FinancingCase, on_delete=models.CASCADE, related_name="explanation")
    rate_kind_explained = models.BooleanField(_("fixed or floating rate"), default=False)
    term_and_plan_explained = models.BooleanField(_("term and payment plan"), default=False)
    cost_against_rent_explained = models.BooleanField(
        _("monthly cost against today's rent"), default=False
    )
    debt_after_sale_explained = models.BooleanField(_("remaining debt after a sale"), default=False)
    forced_sale_risk_explained = models.BooleanField(_("the risk of a forced sale"), default=False)
    explained_on = models.DateField(_("explained on"))
    advised_against = models.BooleanField(_("advised against the loan in writing"), default=False)
    advice_text = models.TextField(_("the advice"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("explanation")
        verbose_name_plural = _("explanations")
        constraints = [
            models.CheckConstraint(
                condition=Q(advised_against=False) | ~Q(advice_text=""),
                name="explanation_advice_written",
            )
        ]

    def __str__(self) -> str:
        return str(self.explained_on)

    @property
    def complete(self) -> bool:
        return all(
            (
                self.rate_kind_explained,
                self.term_and_plan_explained,
                self.cost_against_rent_explained,
                self.debt_after_sale_explained,
                self.forced_sale_risk_explained,
            )
        )


class Payout(models.Model):
    """A payout of a granted loan or grant, also in parts."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(FinancingCase, on_delete=models.CASCADE, related_name="payouts")
    decision = models.ForeignKey(
        FinancingDecision, on_delete=models.PROTECT, related_name="payouts"
    )
    loan_part = models.DecimalField(_("start loan"), max_digits=12, decimal_places=0, default=0)
    grant_part = models.DecimalField(_("grant"), max_digits=12, decimal_places=0, default=0)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(loan_part__gte=0)
                & Q(grant_part__gte=0)
                & (Q(loan_part__gt=0) | Q(grant_part__gt=0)),
                name="payout_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_on}: {self.loan_part + self.grant_part}"
