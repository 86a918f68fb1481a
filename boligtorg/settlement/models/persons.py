"""The persons proposed for settlement and the municipality's answer.

Norway: IMDi proposes named persons several times a year (distribution lists), with
mapping information from the reception centre; the municipality accepts or declines
each with a reason, and an accepted person gets an expected arrival date (IMDi,
"Bosettingsprosessen"). Denmark: the Immigration Service's placement decision
(visitering), announced beforehand without a name; the municipality is responsible
from the date integrationsloven § 4, stk. 2 gives (``domain.settlement``).

Health and similar needs are special categories (GDPR art. 9): shown only to the
settlement team with the person's consent to share the reception centre's mapping,
and once a housing case exists, only with access to that case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, Gender, Household, HouseholdRelation, Person
from boligtorg.core.models import Municipality


class ProposalSource(models.TextChoices):
    DISTRIBUTION_LIST = "imdi_list", _("IMDi's distribution list")
    PLACEMENT = "placement", _("The Immigration Service's placement decision")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)


class DeclineReason(models.TextChoices):
    NO_DWELLING = "no_dwelling", _("No suitable dwelling in time")
    NEEDS = "needs", _("Needs the municipality cannot meet (treatment, school, access)")
    HOUSEHOLD_SIZE = "size", _("Household size")
    TARGET_REACHED = "target_reached", _("The year's number is reached")
    OTHER = "other", _("Other reason")


class Proposal(models.Model):
    """A person or family proposed to the municipality: one row per household."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=ProposalSource.choices)
    list_reference = models.CharField(_("list or case reference"), max_length=100, blank=True)
    received_on = models.DateField(_("received"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    unaccompanied_minor = models.BooleanField(_("unaccompanied minor"), default=False)
    residence_permit_on = models.DateField(_("residence permit granted"), null=True, blank=True)
    bedrooms_needed = models.PositiveSmallIntegerField(_("bedrooms needed"), default=1)
    needs_accessible = models.BooleanField(_("needs an accessible dwelling"), default=False)
    location_needs = models.TextField(_("location needs (school, treatment, work)"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    education_and_work = models.TextField(_("education and work"), blank=True)
    reception_centre = models.CharField(_("reception centre"), max_length=200, blank=True)
    contact = models.CharField(_("contact at the reception centre"), max_length=200, blank=True)
    # Special category: see the module docstring.
    health_needs = models.TextField(_("health and care needs"), blank=True)
    consent_on = models.DateField(_("consent to share the mapping given"), null=True, blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("declining, explained"), blank=True)
    expected_arrival_on = models.DateField(_("expected arrival"), null=True, blank=True)
    # Denmark: the placement decision and the day the municipality takes over.
    decided_on = models.DateField(_("placement decided"), null=True, blank=True)
    consented_from = models.DateField(_("earlier takeover agreed from"), null=True, blank=True)
    responsible_from = models.DateField(
        _("the municipality responsible from"), null=True, blank=True
    )
    arrived_on = models.DateField(_("arrived"), null=True, blank=True)
    # Unaccompanied minors: aftercare may end earlier than the law's latest age.
    aftercare_until = models.DateField(_("aftercare until"), null=True, blank=True)
    adult_dwelling_on = models.DateField(_("moved to an adult dwelling"), null=True, blank=True)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("housing case"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposed household")
        verbose_name_plural = _("proposed households")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="proposal_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.DECLINED) | ~Q(decline_reason=""),
                name="proposal_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.list_reference or self.pk}"


class ProposedPerson(models.Model):
    """A member of a proposed household. In Denmark the advance notice has no name;
    the name and CPR come with the person."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="persons")
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    national_id = models.CharField(_("national id or D number"), max_length=11, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    relation = models.CharField(_("relation"), max_length=10, choices=HouseholdRelation.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("proposed person")
        verbose_name_plural = _("proposed persons")
        ordering = ["proposal", "date_of_birth", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or str(self.date_of_birth)
