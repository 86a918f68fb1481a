"""Denmark: the deposit loan (indskudslån) a municipality gives a household moving
into a social dwelling. Denmark has no start loan; this is a Danish municipality's
finance module.

Sources: lov om individuel boligstøtte ch. 10 ("lån til beboerindskud"), § 56 for
the income limit; the rules' amounts are the dated table "deposit_loan"
(``ReferenceTable``), read by ``boligtorg.domain.financing.deposit``. The figures of
the check are stored with the decision, so the letter and the page show what was
decided even after the table changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Household, Person
from boligtorg.core.models import Municipality


class DepositLoanStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    DECIDED = "decided", _("Decided")
    PAID_OUT = "paid_out", _("Paid out")
    REPAYING = "repaying", _("Being repaid")
    CLOSED = "closed", _("Closed")


class DepositLoanOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class DwellingKind(models.TextChoices):
    """The kinds of social dwelling; which ones a loan is given for is the rules'
    data (``income_limit_by_kind``), not this list."""

    FAMILY = "family_dwelling", _("Family dwelling (familiebolig)")
    YOUTH = "youth_dwelling", _("Youth dwelling (ungdomsbolig)")
    OLDER = "older_dwelling", _("Dwelling for older people (ældrebolig)")


# status -> the statuses it may become
DEPOSIT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DepositLoanStatus.RECEIVED: (DepositLoanStatus.DECIDED, DepositLoanStatus.CLOSED),
    DepositLoanStatus.DECIDED: (DepositLoanStatus.PAID_OUT, DepositLoanStatus.CLOSED),
    DepositLoanStatus.PAID_OUT: (DepositLoanStatus.REPAYING, DepositLoanStatus.CLOSED),
    DepositLoanStatus.REPAYING: (DepositLoanStatus.CLOSED,),
    DepositLoanStatus.CLOSED: (),
}


class DepositLoanCounter(models.Model):
    """The last deposit-loan number per municipality and year (locked when used)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="depositloancounter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def _amount(label: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


class DepositLoan(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("case number"), max_length=20)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="deposit_loans",
    )
    applicant = models.ForeignKey(
        Person, verbose_name=_("main applicant"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DepositLoanStatus.choices,
        default=DepositLoanStatus.RECEIVED,
    )
    received_on = models.DateField(_("received"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loan officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The social dwelling the household moves into.
    dwelling_address = models.CharField(_("address of the dwelling"), max_length=200)
    housing_organisation = models.CharField(
        _("housing organisation"), max_length=200, help_text=_("The boligorganisation.")
    )
    dwelling_kind = models.CharField(
        _("kind of dwelling"), max_length=20, choices=DwellingKind.choices
    )
    # The facts the check reads (whole kroner).
    deposit = models.DecimalField(
        _("deposit"), max_digits=12, decimal_places=0, help_text=_("The indskud.")
    )
    yearly_income = models.DecimalField(
        _("the household's yearly income"), max_digits=12, decimal_places=0
    )
    children = models.PositiveSmallIntegerField(_("children in the household"), default=0)
    disposable_means = models.DecimalField(
        _("the applicant's disposable means"),
        max_digits=12,
        decimal_places=0,
        default=0,
        help_text=_("Only the applicant's own means count."),
    )
    # The decision, with the check's figures as they were on the day.
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=DepositLoanOutcome.choices, blank=True
    )
    loan_amount = _amount(_("loan"), null=True, blank=True)
    own_part = _amount(_("own part"), null=True, blank=True)
    municipality_share = _amount(_("the municipality's share"), null=True, blank=True)
    income_limit = _amount(_("income limit"), null=True, blank=True)
    interest_free_years = models.PositiveSmallIntegerField(
        _("years without interest"), null=True, blank=True
    )
    instalment_free_years = models.PositiveSmallIntegerField(
        _("years without instalments"), null=True, blank=True
    )
    rules_valid_from = models.DateField(_("rules valid from"), null=True, blank=True)
    rules_source = models.CharField(_("source of the rules"), max_length=300, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    paid_out_on = models.DateField(_("paid out"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deposit loan")
        verbose_name_plural = _("deposit loans")
        ordering = ["-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="depositloan_number"),
            models.CheckConstraint(
                condition=Q(deposit__gte=0) & Q(yearly_income__gte=0) & Q(disposable_means__gte=0),
                name="depositloan_amounts_not_negative",
            ),
            # A decision has its outcome, who and when; a granted loan its amount.
            models.CheckConstraint(
                condition=Q(status="received", outcome="")
                | (~Q(outcome="") & Q(decided_by__isnull=False) & Q(decided_on__isnull=False))
                | Q(status="closed", outcome=""),
                name="depositloan_decision_complete",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="granted") | Q(loan_amount__gt=0),
                name="depositloan_granted_has_loan",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "-received_on"])]

    def __str__(self) -> str:
        return self.number

    @property
    def granted(self) -> bool:
        return self.outcome == DepositLoanOutcome.GRANTED

    @property
    def state_share(self):  # noqa: ANN201
        """The rest of the loan, which the state finances."""
        if self.loan_amount is None or self.municipality_share is None:
            return None
        return self.loan_amount - self.municipality_share
