"""The housing career (boligkarriere): the conditions of a decision
(samarbeidsavtale) with their reviews, transition periods with the assessment of
tenancy capacity and the next step, the review at lease end, and the tenures of a
person outside the municipal stock.

Rules live in ``boligtorg.domain.housing_career``; writes in
``boligtorg.followup.services.career``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Decision, Person, Score
from boligtorg.core.models import Municipality
from boligtorg.domain import housing_career as rules
from boligtorg.housing.models import Lease


class ConditionOutcome(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class DecisionCondition(models.Model):
    """One condition of a granted decision (vilkår in a samarbeidsavtale), e.g. «pay
    the rent on time», with the day it is next reviewed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="tracked_conditions",
    )
    text = models.TextField(_("condition"))
    next_review_on = models.DateField(_("next review"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["next_review_on", "pk"]
        indexes = [models.Index(fields=["municipality", "next_review_on"])]

    def __str__(self) -> str:
        return self.text[:80]


class ConditionReview(models.Model):
    condition = models.ForeignKey(
        DecisionCondition, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = models.DateField(_("reviewed on"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ConditionOutcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("condition review")
        verbose_name_plural = _("condition reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.condition} ({self.reviewed_on})"


class TransitionPeriod(models.Model):
    """A lease marked by hand as a transition period (gjennomgangsbolig) that ends on
    ``ends_on``; a lease granted by a transition decision is one without a mark
    (``domain.housing_career.lease_is_transition``), ending with the lease."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    lease = models.OneToOneField(
        Lease, verbose_name=_("lease"), on_delete=models.CASCADE, related_name="transition_period"
    )
    ends_on = models.DateField(_("the transition period ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("transition period")
        verbose_name_plural = _("transition periods")

    def __str__(self) -> str:
        return f"{self.lease} → {self.ends_on}"


class NextStep(models.TextChoices):
    PERMANENT = rules.NextStep.PERMANENT.value, _("Permanent municipal dwelling")
    PRIVATE_RENT = rules.NextStep.PRIVATE_RENT.value, _("Private rent")
    PURCHASE = rules.NextStep.PURCHASE.value, _("Purchase (start loan)")
    PROLONGED = rules.NextStep.PROLONGED.value, _("Prolonged transition period")


class TransitionAssessment(models.Model):
    """The assessment of tenancy capacity (boevne) at the end of a transition period,
    on the mapping interview's scale, and the next step. A prolonged period gets a
    new end; the next assessment is then of the new period."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    lease = models.ForeignKey(
        Lease, verbose_name=_("lease"), on_delete=models.CASCADE, related_name="assessments"
    )
    period_ends_on = models.DateField(_("the transition period ends"))
    assessed_on = models.DateField(_("assessed on"))
    economy_score = models.PositiveSmallIntegerField(_("economy and rent"), choices=Score.choices)
    neighbours_score = models.PositiveSmallIntegerField(_("neighbours"), choices=Score.choices)
    cleaning_score = models.PositiveSmallIntegerField(
        _("cleaning and upkeep"), choices=Score.choices
    )
    daily_activity_score = models.PositiveSmallIntegerField(
        _("daily activity"), choices=Score.choices
    )
    network_score = models.PositiveSmallIntegerField(_("network"), choices=Score.choices)
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=15, choices=NextStep.choices)
    prolonged_until = models.DateField(_("prolonged until"), null=True, blank=True)
    renewal = models.OneToOneField(
        Lease,
        verbose_name=_("renewed lease"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("transition assessment")
        verbose_name_plural = _("transition assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(next_step="prolonged") | Q(prolonged_until__gt=F("period_ends_on")),
                name="assessment_prolonged_has_later_end",
            ),
            models.UniqueConstraint(
                fields=["lease", "period_ends_on"], name="assessment_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Assessment %(date)s") % {"date": self.assessed_on})

    @property
    def capacity(self) -> rules.Capacity:
        return rules.Capacity(
            economy=self.economy_score,
            neighbours=self.neighbours_score,
            cleaning=self.cleaning_score,
            daily_activity=self.daily_activity_score,
            network=self.network_score,
        )


class TenureKind(models.TextChoices):
    INSTITUTION = rules.TenureKind.INSTITUTION.value, _("Institution")
    TEMPORARY_SHELTER = rules.TenureKind.TEMPORARY_SHELTER.value, _("Temporary shelter")
    WITH_FAMILY = rules.TenureKind.WITH_FAMILY.value, _("With family")
    TRANSITION = rules.TenureKind.TRANSITION.value, _("Transition dwelling")
    MUNICIPAL = rules.TenureKind.MUNICIPAL.value, _("Municipal dwelling")
    PRIVATE_RENT = rules.TenureKind.PRIVATE_RENT.value, _("Private rent")
    OWNERSHIP = rules.TenureKind.OWNERSHIP.value, _("Own home")


class HousingTenure(models.Model):
    """Where a person lived outside the municipality's leases, recorded by hand:
    before the case (institution, shelter, with family) or after moving on (private
    rent, own home). ``ended_on`` empty while it lasts."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="tenures"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TenureKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tenure")
        verbose_name_plural = _("tenures")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="tenure_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class LeaseEndChoice(models.TextChoices):
    RENEW = "renew", _("Renew the lease")
    PRIVATE_RENT = "private_rent", _("Move on to private rent")
    PURCHASE = "purchase", _("Move on to an own home (purchase)")
    OTHER_MUNICIPAL = "other_municipal", _("Move to another municipal dwelling")


class LeaseEndReview(models.Model):
    """The review at lease end: renew, or move on (the lease is then terminated at
    its end and the dwelling becomes vacant), with the reasons."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    lease = models.OneToOneField(
        Lease, verbose_name=_("lease"), on_delete=models.CASCADE, related_name="end_review"
    )
    reviewed_on = models.DateField(_("reviewed on"))
    choice = models.CharField(_("choice"), max_length=20, choices=LeaseEndChoice.choices)
    reasons = models.TextField(_("reasons"))
    renewal = models.OneToOneField(
        Lease,
        verbose_name=_("renewed lease"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moves_out_on = models.DateField(_("moves out on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lease-end review")
        verbose_name_plural = _("lease-end reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} ({self.reviewed_on})"
