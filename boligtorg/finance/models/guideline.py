"""The municipality's start-loan guideline and its delegation of decision authority,
both as dated versions.

- ``StartLoanGuideline``: the guideline the municipality adopted for its discretion
  (forskrift om lån fra Husbanken § 9-1: it may write guidelines, but they may not
  bind it; seed 002: Malvik's guideline is the model). Each adopted version is a new
  row from its date; a later version never overwrites an earlier one, so a case can
  always be read against the guideline of its day. The settings that would bind the
  assessment (``boligtorg.domain.financing.guideline_errors``) are refused by the
  service, and the database refuses them too.
- ``DecisionAuthority``: how much a role may decide (delegert vedtaksmyndighet), from
  a date and, when it has been replaced, to a date. A role without a row in force keeps
  the authority it has always had here: it may decide any amount (see
  ``selectors.authority``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality, Role


class GuidelineUse(models.TextChoices):
    """How the guideline uses a term (``boligtorg.domain.financing.Use``); "never" is
    offered so that the refusal can say why at the field."""

    GENERALLY = "generally", _("As a rule")
    SPECIAL_CASES = "special_cases", _("In special cases")
    NEVER = "never", _("Never")


class StartLoanGuideline(models.Model):
    """One adopted version of the municipality's start-loan guideline (retningslinjer
    for startlån), in force from ``valid_from`` until the next version's date."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"))
    adopted_on = models.DateField(_("adopted on"))
    case_reference = models.CharField(_("case reference"), max_length=100)
    income_cap = models.DecimalField(
        _("income cap"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    income_cap_absolute = models.BooleanField(_("the income cap is absolute"), default=False)
    fifty_years = models.CharField(
        _("terms up to 50 years"),
        max_length=20,
        choices=GuidelineUse.choices,
        default=GuidelineUse.SPECIAL_CASES,
    )
    fixed_rate = models.CharField(
        _("fixed rate"), max_length=20, choices=GuidelineUse.choices, default=GuidelineUse.GENERALLY
    )
    deferral = models.CharField(
        _("years without instalments"),
        max_length=20,
        choices=GuidelineUse.choices,
        default=GuidelineUse.SPECIAL_CASES,
    )
    excludes_municipal_debt = models.BooleanField(
        _("debt to the municipality excludes"), default=False
    )
    excludes_payment_remarks = models.BooleanField(_("payment remarks exclude"), default=False)
    requires_citizenship = models.BooleanField(_("requires citizenship"), default=False)
    excludes_non_eea = models.BooleanField(_("origin outside the EEA excludes"), default=False)
    residence_years = models.PositiveSmallIntegerField(
        _("years of residence"), null=True, blank=True
    )
    residence_exceptions = models.TextField(
        _("exceptions to the residence requirement"), blank=True
    )
    text = models.TextField(_("the guideline's text"), blank=True)
    document = models.FileField(
        _("the adopted document"), upload_to="finance/guidelines/%Y/", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("start-loan guideline")
        verbose_name_plural = _("start-loan guidelines")
        ordering = ["-valid_from"]
        constraints = [
            # A version is never overwritten: one version per day.
            models.UniqueConstraint(
                fields=["municipality", "valid_from"], name="startloanguideline_one_per_day"
            ),
            # § 9-1: nothing in a guideline may bind the assessment.
            models.CheckConstraint(
                condition=Q(income_cap_absolute=False)
                & Q(excludes_municipal_debt=False)
                & Q(excludes_payment_remarks=False)
                & Q(requires_citizenship=False)
                & Q(excludes_non_eea=False)
                & ~Q(fifty_years=GuidelineUse.NEVER)
                & ~Q(fixed_rate=GuidelineUse.NEVER)
                & ~Q(deferral=GuidelineUse.NEVER),
                name="startloanguideline_never_binds",
            ),
            models.CheckConstraint(
                condition=Q(income_cap__isnull=True) | Q(income_cap__gt=0),
                name="startloanguideline_income_cap_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_reference} ({self.valid_from})"


class DecisionAuthority(models.Model):
    """How much a role may decide in the municipality (delegert vedtaksmyndighet):
    start loans up to ``max_loan`` and grants up to ``max_grant`` (empty: no limit),
    from ``valid_from`` to ``valid_to`` (empty: until replaced)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    max_loan = models.DecimalField(
        _("largest start loan"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    max_grant = models.DecimalField(
        _("largest grant"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision authority")
        verbose_name_plural = _("decision authorities")
        ordering = ["role", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "role", "valid_from"], name="decisionauthority_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="decisionauthority_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(max_loan__isnull=True) | Q(max_loan__gte=0))
                & (Q(max_grant__isnull=True) | Q(max_grant__gte=0)),
                name="decisionauthority_limits_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "role", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.valid_from})"
