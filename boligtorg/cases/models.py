"""Persons, households, housing applications (the case), mapping interviews,
decisions, appeals, the case team, consent and the case timeline.

Every row carries ``municipality`` (directly or through its case); rules live in
``boligtorg.domain``; writes go through ``services``.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.models import Municipality
from boligtorg.domain.addresses import PostalAddress, address_lines
from boligtorg.domain.lifecycle import ApplicationStatus as DomainStatus


class TargetGroup(models.Model):
    """Reference data per municipality (DOMAIN.md: target groups are data, not an enum)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="targetgroup_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.Model):
    """A legal basis a decision can cite, per country, with validity dates."""

    country = models.CharField(_("country"), max_length=2)
    code = models.SlugField(_("code"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="legalbasis_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not stated")


class Language(models.TextChoices):
    BOKMAL = "nb", _("Norwegian bokmål")
    ENGLISH = "en", _("English")


class Person(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        blank=True,
        help_text=_(
            "Fødselsnummer or D-number (NO), CPR (DK). Leave empty if the person has none."
        ),
    )
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    country_background = models.CharField(_("country background"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language of letters"), max_length=5, choices=Language.choices, default=Language.BOKMAL
    )
    created_at = models.DateTimeField(default=timezone.now)
    # "First Last", kept by the database, for name searches: one trigram index then
    # answers a search of several words (each somewhere in the name) in one scan.
    search_name = models.GeneratedField(
        expression=Concat("first_name", Value(" "), "last_name"),
        output_field=models.CharField(max_length=201),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "national_id"],
                condition=~Q(national_id=""),
                name="person_unique_national_id",
            )
        ]
        indexes = [models.Index(fields=["municipality", "last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)


class Household(models.Model):
    """The persons who will live together; exactly one is the main applicant."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    # The postal address every letter to the household is sent to (domain/addresses.py).
    address_street = models.CharField(_("street address"), max_length=200, blank=True)
    address_postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    address_town = models.CharField(_("town"), max_length=100, blank=True)
    address_care_of = models.CharField(
        _("c/o"),
        max_length=200,
        blank=True,
        help_text=_("The person or place letters are sent in care of, e.g. NAV Midtbyen."),
    )
    no_fixed_address = models.BooleanField(
        _("no fixed address"),
        default=False,
        help_text=_("Letters then go to a contact point, given as c/o."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.CheckConstraint(
                condition=Q(no_fixed_address=False) | ~Q(address_care_of=""),
                name="household_no_fixed_address_has_contact_point",
            )
        ]

    def __str__(self) -> str:
        main = next((m.person for m in self.members.all() if m.is_main_applicant), None)
        return str(_("Household of %(name)s") % {"name": main}) if main else f"#{self.pk}"

    @property
    def size(self) -> int:
        return len(self.members.all())

    @property
    def postal_address(self) -> PostalAddress:
        return PostalAddress(
            street=self.address_street,
            postcode=self.address_postcode,
            town=self.address_town,
            care_of=self.address_care_of,
            no_fixed_address=self.no_fixed_address,
        )

    @property
    def address_lines(self) -> list[str]:
        """The recipient block's lines below the name."""
        return address_lines(self.postal_address)


class HouseholdRelation(models.TextChoices):
    MAIN_APPLICANT = "main", _("Main applicant")
    PARTNER = "partner", _("Spouse or partner")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other adult")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="household_members")
    relation = models.CharField(_("relation"), max_length=10, choices=HouseholdRelation.choices)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(relation="main"),
                name="household_one_main_applicant",
            ),
            models.UniqueConstraint(fields=["household", "person"], name="household_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"

    @property
    def is_main_applicant(self) -> bool:
        return self.relation == HouseholdRelation.MAIN_APPLICANT


class ApplicationStatus(models.TextChoices):
    DRAFT = DomainStatus.DRAFT.value, _("Draft")
    SUBMITTED = DomainStatus.SUBMITTED.value, _("Submitted")
    UNDER_ASSESSMENT = DomainStatus.UNDER_ASSESSMENT.value, _("Under assessment")
    DECIDED = DomainStatus.DECIDED.value, _("Decided")
    APPEALED = DomainStatus.APPEALED.value, _("Appealed")
    CLOSED = DomainStatus.CLOSED.value, _("Closed")


class Situation(models.TextChoices):
    """NOU 2011:15 and seed 003: the three housing situations."""

    WITHOUT_DWELLING = "without_dwelling", _("Without a dwelling")
    AT_RISK = "at_risk", _("At risk of losing the dwelling")
    UNSUITABLE = "unsuitable", _("In an unsuitable dwelling")


class CaseCounter(models.Model):
    """The last case number per municipality and year (locked when incremented)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="casecounter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def applicant_name(person: Person) -> str:
    """How the case list names a case's main applicant: "Last, First"."""
    return f"{person.last_name}, {person.first_name}"


class Application(models.Model):
    """A housing application: the case, from first contact to closing."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("case number"), max_length=20)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The household's main applicant, kept here for the case list (search, sorting).
    applicant = models.ForeignKey(
        Person, verbose_name=_("main applicant"), on_delete=models.PROTECT, related_name="+"
    )
    # "Last, First" of the main applicant, copied when the case is saved first (see
    # save()): the case list shows and searches it from this table alone, with a
    # trigram index of its own, instead of joining every matching person's row.
    applicant_name = models.CharField(
        _("main applicant's name"), max_length=202, editable=False, default=""
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    situation = models.CharField(_("current situation"), max_length=20, choices=Situation.choices)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="applications"
    )
    household_income = models.DecimalField(
        _("household income per year"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    min_bedrooms = models.PositiveSmallIntegerField(_("bedrooms needed"), default=1)
    needs_wheelchair_access = models.BooleanField(_("needs wheelchair access"), default=False)
    needs_ground_floor = models.BooleanField(_("needs ground floor or lift"), default=False)
    has_pets = models.BooleanField(_("has pets"), default=False)
    wanted_areas = models.CharField(_("wanted areas"), max_length=300, blank=True)
    excluded_areas = models.CharField(_("areas to avoid"), max_length=300, blank=True)
    accepts_shared_house = models.BooleanField(_("a shared house is acceptable"), default=False)
    received_on = models.DateField(_("received"), null=True, blank=True)
    interim_notice_sent_on = models.DateField(_("interim notice sent"), null=True, blank=True)
    # What the interim notice letter (fvl. § 11 a) tells the applicant.
    interim_notice_reason = models.TextField(_("why the case takes time"), blank=True)
    interim_notice_expected_on = models.DateField(_("answer expected by"), null=True, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Optimistic locking: every save increments it; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="application_number"),
            models.CheckConstraint(
                condition=Q(min_bedrooms__lte=10), name="application_bedrooms_at_most_10"
            ),
            models.CheckConstraint(
                condition=Q(household_income__isnull=True) | Q(household_income__gte=0),
                name="application_income_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "-received_on"]),
            models.Index(fields=["municipality", "caseworker", "status"]),
            # The case list filtered by situation (and status) counts its matches from
            # this index alone (3.1 ms -> 0.4 ms for 1,001 of 100,000 cases) instead of
            # reading each case the status index finds.
            models.Index(
                fields=["municipality", "situation", "status"], name="application_situation_status"
            ),
            # The case list's default order: its first page is read from this index
            # instead of sorting every case of the municipality.
            models.Index(
                fields=["municipality", "-received_on", "-number"], name="application_list_order"
            ),
            # A search for the start of a case number ("2026-0004"): LIKE '2026-0004%'
            # reads a B-tree range only through the pattern operator class (the unique
            # constraint's index follows the collation, which LIKE cannot use).
            models.Index(
                fields=["municipality", "number"],
                opclasses=["int8_ops", "varchar_pattern_ops"],
                name="application_number_prefix",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A case's main applicant is chosen when it is made, and nothing renames a
        # person, so the copy is taken once. (bulk_create skips save(): the
        # benchmarks that use it fill the name themselves.)
        if not self.applicant_name and self.applicant_id:
            self.applicant_name = applicant_name(self.applicant)
        super().save(*args, **kwargs)

    # The case list shows these for every row; get_FOO_display rebuilds a dict of
    # all the choices on each call.
    @property
    def status_label(self) -> str:
        return _STATUS_LABELS.get(self.status, self.status)

    @property
    def situation_label(self) -> str:
        return _SITUATION_LABELS.get(self.situation, self.situation)


_STATUS_LABELS = dict(ApplicationStatus.choices)
_SITUATION_LABELS = dict(Situation.choices)


class Score(models.IntegerChoices):
    """Tenancy capacity in one area, as judged in the mapping interview."""

    NONE = 1, _("1 – needs a lot of help")
    SOME = 2, _("2 – needs some help")
    MOSTLY = 3, _("3 – manages mostly alone")
    FULL = 4, _("4 – manages alone")


class MappingInterview(models.Model):
    """Kartleggingssamtale: situation, tenancy capacity, service needs, wishes.

    The special-category fields (health, substance use, criminal record) are shown
    only to team members whose consent covers them (``selectors``)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField(_("held on"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    situation_notes = models.TextField(_("current situation"), blank=True)
    economy_score = models.PositiveSmallIntegerField(_("economy and rent"), choices=Score.choices)
    economy_notes = models.TextField(_("economy and rent, notes"), blank=True)
    neighbours_score = models.PositiveSmallIntegerField(_("neighbours"), choices=Score.choices)
    cleaning_score = models.PositiveSmallIntegerField(
        _("cleaning and upkeep"), choices=Score.choices
    )
    daily_activity_score = models.PositiveSmallIntegerField(
        _("daily activity"), choices=Score.choices
    )
    network_score = models.PositiveSmallIntegerField(_("network"), choices=Score.choices)
    capacity_notes = models.TextField(_("tenancy capacity, notes"), blank=True)
    service_needs = models.TextField(_("needs for services"), blank=True)
    wishes = models.TextField(_("wishes"), blank=True)
    urgent = models.BooleanField(_("medical or social urgency"), default=False)
    # Shared-house composition (seed 000) asks for these two.
    in_work_or_education = models.BooleanField(_("in work or education"), default=False)
    interest_in_young_people = models.BooleanField(
        _("wants to be a role model for young people"), default=False
    )
    urgency_reason = models.TextField(_("reason for urgency"), blank=True)
    health = models.TextField(_("health"), blank=True)
    substance_use = models.TextField(_("substance use"), blank=True)
    criminal_record = models.TextField(_("criminal record"), blank=True)
    # Optimistic locking, as on the application: a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mapping interview")
        verbose_name_plural = _("mapping interviews")

    def __str__(self) -> str:
        return str(_("Mapping interview %(date)s") % {"date": self.held_on})


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class DwellingType(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary municipal dwelling")
    TRANSITION = "transition", _("Transition dwelling")
    SHARED_HOUSE = "shared_house", _("Shared house")
    CARE = "care", _("Dwelling with care services")


class Decision(models.Model):
    """Enkeltvedtak: granted or refused, with reasons, legal basis and appeal rights."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=10, choices=DecisionOutcome.choices)
    dwelling_type = models.CharField(
        _("dwelling type"), max_length=20, choices=DwellingType.choices, blank=True
    )
    conditions = models.TextField(_("conditions"), blank=True)
    lease_months = models.PositiveSmallIntegerField(
        _("lease length in months"), null=True, blank=True
    )
    short_lease_reason = models.TextField(_("reason for a lease shorter than 3 years"), blank=True)
    reasons = models.TextField(_("reasons"))
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))
    received_on = models.DateField(_("received by the applicant"))
    letter_language = models.CharField(
        _("language of the letter"), max_length=5, choices=Language.choices
    )
    letter = models.FileField(_("letter (PDF)"), upload_to="decisions/%Y/", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__gte=F("decided_on")),
                name="decision_received_after_decided",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting reconsideration")
    REVERSED = "reversed", _("Reversed by the municipality")
    UPHELD = "upheld", _("Upheld, sent to the county governor")


class Appeal(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField(_("received"))
    is_late = models.BooleanField(_("received after the deadline"), default=False)
    grounds = models.TextField(_("grounds"))
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    reconsidered_on = models.DateField(_("reconsidered on"), null=True, blank=True)
    reconsideration_notes = models.TextField(_("reconsideration"), blank=True)
    sent_to_governor_on = models.DateField(_("sent to the county governor"), null=True, blank=True)
    summary = models.FileField(_("case summary (PDF)"), upload_to="appeals/%Y/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return str(_("Appeal received %(date)s") % {"date": self.received_on})


class TeamMember(models.Model):
    """A member of the case team from another service, beside the coordinator."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(_("service"), max_length=100)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="team_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.service})"


class AccessRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class AccessRequest(models.Model):
    """A follow-up worker's request to join a case team (and so to read the case).
    The coordinator, or the caseworker when there is none, grants it (the worker
    joins the team) or refuses it with a reason (``services.team``)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="access_requests"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "worker"],
                condition=Q(status="requested"),
                name="access_request_one_open_per_worker",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.application_id} ({self.status})"


class ConsentStatus(models.TextChoices):
    """The main applicant's consent on a day, derived from the Consent rows
    (``selectors_team.consent_state``); never stored."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    NONE = "none", _("None")


class Consent(models.Model):
    """The person's consent to share information across services: which services,
    which special categories, until when; revoked consent stays as history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    services = models.CharField(
        _("services"), max_length=300, help_text=_("The services that may receive the information.")
    )
    covers_health = models.BooleanField(_("health"), default=False)
    covers_substance_use = models.BooleanField(_("substance use"), default=False)
    covers_criminal_record = models.BooleanField(_("criminal record"), default=False)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("given_on")), name="consent_valid_after_given"
            )
        ]

    def __str__(self) -> str:
        return str(_("Consent %(date)s") % {"date": self.given_on})


class CaseEvent(models.Model):
    """One line of the case timeline (the audit log holds the full trail)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["application", "-at"])]

    def __str__(self) -> str:
        return self.summary
