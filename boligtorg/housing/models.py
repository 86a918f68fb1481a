"""Properties, landlords, shared houses, dwellings with their status history, and
leases. Rules live in ``boligtorg.domain.housing``; writes go through ``services``.

Every row carries ``municipality`` except the status history, which belongs to
its dwelling.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality
from boligtorg.domain.housing import DEFAULT_ALLOCATION_EVERY_NTH, lease_months
from boligtorg.domain.housing import DwellingStatus as DomainStatus


class Property(models.Model):
    """A cadastral unit (gårdsnummer/bruksnummer) and a building on it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    gnr = models.PositiveIntegerField(_("gnr"), help_text=_("Gårdsnummer."))
    bnr = models.PositiveIntegerField(_("bnr"), help_text=_("Bruksnummer."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    building_name = models.CharField(_("building"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("property")
        verbose_name_plural = _("properties")
        ordering = ["gnr", "bnr", "building_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "gnr", "bnr", "building_name"], name="property_unique"
            )
        ]

    def __str__(self) -> str:
        label = f"{self.gnr}/{self.bnr}"
        return f"{label} {self.building_name}".strip()


class LandlordKind(models.TextChoices):
    PRIVATE = "private", _("Private landlord")
    HOUSING_ORGANISATION = "housing_organisation", _("Housing organisation")


class Landlord(models.Model):
    """Who the municipality leases from, or (DK) whose vacancies it may allocate."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=LandlordKind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        help_text=_("Norwegian organisation number (9 digits) or Danish CVR number (8 digits)."),
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    allocation_every_nth = models.PositiveSmallIntegerField(
        _("allocation right: every n-th vacancy"),
        default=DEFAULT_ALLOCATION_EVERY_NTH,
        help_text=_("Anvisningsret: the municipality allocates every n-th vacant dwelling."),
    )
    vacancies_reported = models.PositiveIntegerField(_("vacancies reported"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("landlord")
        verbose_name_plural = _("landlords")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="landlord_unique_name"),
            models.CheckConstraint(
                condition=Q(allocation_every_nth__gte=1), name="landlord_every_nth_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SharedHouse(models.Model):
    """A bofellesskap or cluster: several units with common rooms."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("shared house")
        verbose_name_plural = _("shared houses")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="sharedhouse_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A part of the municipality (bydel, neighbourhood, housing department), by name.
    Applicants name wanted and excluded areas; the allocation rules cap placements
    per area (seed 001)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class DwellingType(models.TextChoices):
    APARTMENT = "apartment", _("Apartment")
    DETACHED = "detached", _("Detached house")
    SEMI_DETACHED = "semi_detached", _("Semi-detached house")
    TERRACED = "terraced", _("Terraced house")
    BEDSIT = "bedsit", _("Bedsit")
    SHARED_HOUSE_UNIT = "shared_house_unit", _("Unit in a shared house")


class DwellingStatus(models.TextChoices):
    READY = DomainStatus.READY.value, _("Ready for moving in")
    LET = DomainStatus.LET.value, _("Let")
    MAINTENANCE = DomainStatus.MAINTENANCE.value, _("Under maintenance")
    UNAVAILABLE = DomainStatus.UNAVAILABLE.value, _("Unavailable")
    SOLD = DomainStatus.SOLD.value, _("Sold")


class DispositionForm(models.TextChoices):
    OWNED = "owned", _("Owned")
    LEASED = "leased", _("Leased from a private landlord")
    CO_OP_SHARE = "co_op_share", _("Co-op share")
    NOMINATION_RIGHT = "nomination_right", _("Nomination right")
    ALLOCATION_RIGHT = "allocation_right", _("Allocation right (DK)")


class Feature(models.TextChoices):
    LIFT = "lift", _("Lift")
    GROUND_FLOOR = "ground_floor", _("Ground floor")
    PETS_ALLOWED = "pets_allowed", _("Pets allowed")
    BALCONY = "balcony", _("Balcony")
    PARKING = "parking", _("Parking")
    STORAGE = "storage", _("Storage room")
    FURNISHED = "furnished", _("Furnished")
    STAFFED = "staffed", _("Staff on site")


class Dwelling(models.Model):
    """A municipally disposed dwelling, as Kobo describes it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    property = models.ForeignKey(
        Property,
        verbose_name=_("property"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dwellings",
    )
    unit_number = models.CharField(
        _("unit number"),
        max_length=5,
        help_text=_("Bruksenhetsnummer: H, U, L or K and four digits, e.g. H0101."),
    )
    address = models.CharField(_("address"), max_length=200)
    dwelling_type = models.CharField(
        _("dwelling type"), max_length=20, choices=DwellingType.choices
    )
    bedrooms = models.PositiveSmallIntegerField(_("bedrooms"))
    usable_area = models.DecimalField(
        _("usable area (BRA, m²)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    floor = models.SmallIntegerField(_("floor"), null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    features = models.JSONField(_("features"), default=list, blank=True)
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dwellings",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dwellings",
    )
    reserved_for = models.ManyToManyField(
        "cases.TargetGroup",
        verbose_name=_("reserved for"),
        blank=True,
        related_name="+",
        help_text=_("Only households in one of these target groups may be offered it."),
    )
    rent = models.DecimalField(_("monthly rent"), max_digits=10, decimal_places=0)
    rent_to_own = models.BooleanField(_("rent-to-own potential"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=DwellingStatus.choices, default=DwellingStatus.READY
    )
    disposition_form = models.CharField(
        _("disposition form"),
        max_length=20,
        choices=DispositionForm.choices,
        default=DispositionForm.OWNED,
    )
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dwellings",
    )
    head_lease_start = models.DateField(_("contract start"), null=True, blank=True)
    head_lease_end = models.DateField(_("contract end"), null=True, blank=True)
    head_lease_rent = models.DecimalField(
        _("rent paid to the landlord"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    rent_guarantee = models.DecimalField(
        _("rent guarantee"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    co_op_name = models.CharField(_("co-op name"), max_length=200, blank=True)
    co_op_units = models.PositiveIntegerField(_("units in the co-op"), null=True, blank=True)
    # Burettslagslova §4-3: the co-op's statutes may let public owners hold up to
    # 20 % of its units instead of 10 %; recorded from the statutes, per dwelling.
    co_op_statutes_allow_twenty_percent = models.BooleanField(
        _("the co-op's statutes allow public owners 20 %"), default=False
    )
    nomination_development = models.CharField(
        _("development (nomination right)"), max_length=200, blank=True
    )
    fdv_id = models.CharField(_("FDV id"), max_length=50, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dwelling")
        verbose_name_plural = _("dwellings")
        ordering = ["address", "unit_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "address", "unit_number"], name="dwelling_unique_unit"
            ),
            models.CheckConstraint(condition=Q(rent__gte=0), name="dwelling_rent_not_negative"),
            models.CheckConstraint(condition=Q(bedrooms__lte=20), name="dwelling_bedrooms_max"),
            models.CheckConstraint(
                condition=Q(usable_area__isnull=True) | Q(usable_area__gt=0),
                name="dwelling_area_positive",
            ),
            models.CheckConstraint(
                condition=Q(head_lease_end__isnull=True)
                | Q(head_lease_start__isnull=True)
                | Q(head_lease_end__gt=F("head_lease_start")),
                name="dwelling_head_lease_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(head_lease_rent__isnull=True) | Q(head_lease_rent__gte=0),
                name="dwelling_head_lease_rent_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "address"]),
            models.Index(fields=["municipality", "unit_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.address} {self.unit_number}"

    # A method, not a property: the field ``property`` shadows the builtin here.
    def feature_labels(self) -> list[str]:
        return [str(Feature(value).label) for value in Feature.values if value in self.features]


class DwellingStatusChange(models.Model):
    """One change of a dwelling's status: append-only history."""

    dwelling = models.ForeignKey(Dwelling, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=DwellingStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=DwellingStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class SecurityKind(models.TextChoices):
    NONE = "none", _("None")
    DEPOSIT = "deposit", _("Deposit")
    GUARANTEE = "guarantee", _("Guarantee")


class Lease(models.Model):
    """A tenancy of one household in one dwelling, both days included."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("dwelling"), on_delete=models.PROTECT, related_name="leases"
    )
    household = models.ForeignKey(
        "cases.Household",
        verbose_name=_("tenant household"),
        on_delete=models.PROTECT,
        related_name="leases",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    short_lease_reason = models.TextField(_("reason for a lease shorter than 3 years"), blank=True)
    rent = models.DecimalField(_("monthly rent"), max_digits=10, decimal_places=0)
    security_kind = models.CharField(
        _("deposit or guarantee"),
        max_length=10,
        choices=SecurityKind.choices,
        default=SecurityKind.DEPOSIT,
    )
    security_amount = models.DecimalField(
        _("deposit or guarantee amount"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    six_month_clause = models.BooleanField(_("6-month clause"), default=False)
    three_party_agreement = models.BooleanField(
        _("three-party agreement with follow-up"), default=False
    )
    renewal_of = models.OneToOneField(
        "self",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal",
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="lease_end_after_start"),
            models.CheckConstraint(condition=Q(rent__gte=0), name="lease_rent_not_negative"),
            models.CheckConstraint(
                condition=Q(security_amount__isnull=True) | Q(security_amount__gte=0),
                name="lease_security_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(terminated_on__gte=F("start"), terminated_on__lte=F("end")),
                name="lease_terminated_within_lease",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "end"]),
            models.Index(fields=["dwelling", "start"]),
        ]

    def __str__(self) -> str:
        return f"{self.dwelling} {self.start}–{self.effective_end}"

    @property
    def effective_end(self) -> datetime.date:
        """The last day of the tenancy: the termination day when it was terminated
        (never after ``end``; a constraint keeps it so)."""
        return self.terminated_on or self.end

    @property
    def length_months(self) -> int:
        return lease_months(self.start, self.end)

    def is_current(self, today: datetime.date) -> bool:
        return self.start <= today <= self.effective_end
