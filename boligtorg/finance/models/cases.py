"""The financing case: one application for "financing" (Startskudd's word) from a
household, which the office answers with a start loan, an establishment grant, both,
or advice; its economy line by line and the eligibility checklist the officer
answers with reasons.

Sources: forskrift om lån fra Husbanken ch. 5 (start loan) and Husbanken's guidance
for start loans; DOMAIN.md, "Start loan, grant, housing allowance, rent-to-own"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Household, Person, TargetGroup
from boligtorg.core.models import Municipality
from boligtorg.domain.finance_lifecycle import FinancingStatus as DomainStatus


class FinancingStatus(models.TextChoices):
    RECEIVED = DomainStatus.RECEIVED.value, _("Received")
    ASSESSING = DomainStatus.ASSESSING.value, _("Being assessed")
    RECOMMENDED = DomainStatus.RECOMMENDED.value, _("Recommended")
    DECIDED = DomainStatus.DECIDED.value, _("Decided")
    PAID_OUT = DomainStatus.PAID_OUT.value, _("Paid out")
    CLOSED = DomainStatus.CLOSED.value, _("Closed")
    WITHDRAWN = DomainStatus.WITHDRAWN.value, _("Withdrawn")


class FinancingPurpose(models.TextChoices):
    BUY_TOP_UP = "buy_top_up", _("Buy a home, top-up financing")
    BUY_FULL = "buy_full", _("Buy a home, full financing")
    BUILD = "build", _("Build a home")
    ADAPT = "adapt", _("Adapt the home")
    REFINANCE = "refinance", _("Refinance to keep the home")


class Product(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary start loan")
    # Husbanken's trial product for first-time buyers: 5 % equity, instalments as for
    # 30 years, at most 10 years with the municipality before it is refinanced.
    FIRST_HOME = "first_home", _("First-home trial product")


class FinancingCounter(models.Model):
    """The last financing case number per municipality and year (locked when used)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="financingcounter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class FinancingCase(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("case number"), max_length=20)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="financing_cases",
    )
    applicant = models.ForeignKey(
        Person, verbose_name=_("main applicant"), on_delete=models.PROTECT, related_name="+"
    )
    # The household's housing case, where there is one: the way on from a municipal
    # rental (a loan that frees a municipal dwelling is one of the exceptions).
    application = models.ForeignKey(
        Application,
        verbose_name=_("housing case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="financing_cases",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FinancingStatus.choices,
        default=FinancingStatus.RECEIVED,
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=FinancingPurpose.choices)
    product = models.CharField(
        _("product"), max_length=20, choices=Product.choices, default=Product.ORDINARY
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
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
    # The home and the financing plan (whole kroner).
    home_address = models.CharField(_("address of the home"), max_length=200, blank=True)
    home_area = models.CharField(_("area"), max_length=100, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=0, null=True, blank=True)
    home_value = models.DecimalField(
        _("value of the home"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("The valuation, when refinancing or adapting a home already owned."),
    )
    costs = models.DecimalField(
        _("purchase costs"),
        max_digits=12,
        decimal_places=0,
        default=0,
        help_text=_("Document duty, registration fees and other costs of the purchase."),
    )
    equity = models.DecimalField(_("equity"), max_digits=12, decimal_places=0, default=0)
    bank_loan = models.DecimalField(_("bank loan"), max_digits=12, decimal_places=0, default=0)
    bank_loan_monthly = models.DecimalField(
        _("monthly payment on the bank loan"),
        max_digits=10,
        decimal_places=0,
        default=0,
        help_text=_("Co-financing: the capacity test counts both loans."),
    )
    loan_applied = models.DecimalField(
        _("start loan applied for"), max_digits=12, decimal_places=0, default=0
    )
    grant_applied = models.DecimalField(
        _("grant applied for"), max_digits=12, decimal_places=0, default=0
    )
    # Forvaltningsloven § 11 a: an interim notice when the case takes over a month.
    interim_notice_sent_on = models.DateField(_("interim notice sent"), null=True, blank=True)
    # Optimistic locking: every save increments it; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("financing case")
        verbose_name_plural = _("financing cases")
        ordering = ["-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="financing_number"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="financing_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(costs__gte=0)
                & Q(equity__gte=0)
                & Q(bank_loan__gte=0)
                & Q(bank_loan_monthly__gte=0)
                & Q(loan_applied__gte=0)
                & Q(grant_applied__gte=0),
                name="financing_amounts_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "-received_on"])]

    def __str__(self) -> str:
        return self.number


class EconomyKind(models.TextChoices):
    INCOME = "income", _("Income after tax")
    LIVING = "living", _("Living costs")
    FIXED = "fixed", _("Other fixed costs")
    MAINTENANCE = "maintenance", _("Maintenance of the home")


class EconomyLine(models.Model):
    """One line of the household's monthly economy, as the officer wrote it; the
    capacity is computed from the lines in ``boligtorg.domain.financing``."""

    case = models.ForeignKey(FinancingCase, on_delete=models.CASCADE, related_name="economy")
    kind = models.CharField(_("kind"), max_length=20, choices=EconomyKind.choices)
    category = models.CharField(_("what"), max_length=100)
    monthly_amount = models.DecimalField(
        _("per month"), max_digits=10, decimal_places=0, help_text=_("Kroner per month.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("economy line")
        verbose_name_plural = _("economy lines")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_amount__gte=0), name="economyline_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.monthly_amount}"


class EligibilityQuestion(models.TextChoices):
    """The checklist of forskrift om lån fra Husbanken § 5-3 as Husbanken's guidance
    reads it: the first is always required; then the main rule (both of its parts)
    or one of the exceptions."""

    NO_BANK_LOAN = "no_bank_loan", _("Cannot get a large enough ordinary bank loan")
    LONG_TERM_PROBLEM = "long_term_problem", _("Has a long-term problem financing a home")
    USED_SAVING = "used_saving", _("Has used the ability to save")
    CHILDREN_OR_NEEDS = "children_or_needs", _("Children, or special social or health needs")
    FORCED_SALE = "forced_sale", _("Refinancing to prevent a forced sale")
    BLOCKS_WORK = "blocks_work", _("The housing situation blocks work")
    FREES_RENTAL = "frees_rental", _("The loan frees a municipal rental dwelling")


class EligibilityAnswer(models.Model):
    case = models.ForeignKey(FinancingCase, on_delete=models.CASCADE, related_name="eligibility")
    question = models.CharField(_("question"), max_length=30, choices=EligibilityQuestion.choices)
    answer = models.BooleanField(_("answer"))
    reason = models.TextField(_("reason"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("eligibility answer")
        verbose_name_plural = _("eligibility answers")
        constraints = [
            models.UniqueConstraint(fields=["case", "question"], name="eligibility_once"),
            models.CheckConstraint(condition=~Q(reason=""), name="eligibility_reason_given"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
