"""The allocation meeting: rule sets (priority, eligibility, area caps), meetings
with their agenda of vacant dwellings, proposals of the solver, offers.

The rules themselves are applied in ``boligtorg.domain.allocation`` and
``boligtorg.domain.matching``; these models only keep them as data, with who
changed what (audit events) and when they are valid.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, TargetGroup
from boligtorg.core.models import Municipality
from boligtorg.housing.models import Area, Dwelling, Lease, SharedHouse


class Policy(models.TextChoices):
    STRICT_PRIORITY = "strict_priority", _("Strict priority")
    BEST_FIT = "best_fit", _("Best overall fit")


class RuleSet(models.Model):
    """A municipality's allocation rules for a period. The meeting uses the rule
    set valid on its date; periods of one municipality never overlap."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    policy = models.CharField(
        _("policy"), max_length=20, choices=Policy.choices, default=Policy.BEST_FIT
    )
    points_without_dwelling = models.PositiveSmallIntegerField(
        _("points: without a dwelling"), default=100
    )
    points_at_risk = models.PositiveSmallIntegerField(
        _("points: at risk of losing the dwelling"), default=60
    )
    points_unsuitable = models.PositiveSmallIntegerField(
        _("points: in an unsuitable dwelling"), default=30
    )
    points_per_waiting_month = models.PositiveSmallIntegerField(
        _("points per month on the waiting list"), default=2
    )
    max_waiting_points = models.PositiveSmallIntegerField(
        _("most points for waiting time"), default=48
    )
    points_per_child = models.PositiveSmallIntegerField(_("points per child"), default=10)
    max_children_points = models.PositiveSmallIntegerField(
        _("most points for children"), default=30
    )
    urgency_points = models.PositiveSmallIntegerField(
        _("points for medical or social urgency"), default=50
    )
    weight_points = models.PositiveSmallIntegerField(
        _("weight of priority points"),
        default=1,
        help_text=_("Best overall fit: how much a point of priority counts."),
    )
    weight_fit = models.PositiveSmallIntegerField(
        _("weight of fit"),
        default=1,
        help_text=_("Best overall fit: how much a point of fit (0–100) counts."),
    )
    offer_answer_days = models.PositiveSmallIntegerField(_("days to answer an offer"), default=7)
    max_unreasonable_declines = models.PositiveSmallIntegerField(
        _("unreasonable declines before the case is closed"),
        null=True,
        blank=True,
        help_text=_("Leave empty to never close a case for declined offers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="ruleset_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(offer_answer_days__gte=1), name="ruleset_answer_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TargetGroupPoints(models.Model):
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="group_points")
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("target group"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        ordering = ["target_group__sort_order", "target_group__name"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "target_group"], name="group_points_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target_group}: {self.points}"


class BedroomRow(models.Model):
    """One row of the bedroom table: a household of ``persons`` (or more, for the
    last row) may be offered ``min_bedrooms`` to ``max_bedrooms``."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="bedroom_rows")
    persons = models.PositiveSmallIntegerField(_("persons"))
    min_bedrooms = models.PositiveSmallIntegerField(_("fewest bedrooms"))
    max_bedrooms = models.PositiveSmallIntegerField(_("most bedrooms"))

    class Meta:
        ordering = ["persons"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "persons"], name="bedroom_row_unique"),
            models.CheckConstraint(
                condition=Q(max_bedrooms__gte=F("min_bedrooms")), name="bedroom_row_min_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persons}: {self.min_bedrooms}–{self.max_bedrooms}"


class AreaCap(models.Model):
    """Area balance (seed 001): at most ``limit`` households of the chosen target
    groups are placed in the area per ``period_months`` (counted back from the
    meeting's date)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="area_caps")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="+"
    )
    limit = models.PositiveSmallIntegerField(_("most placements"))
    period_months = models.PositiveSmallIntegerField(_("period (months)"), default=12)

    class Meta:
        ordering = ["area__name"]
        constraints = [
            models.CheckConstraint(condition=Q(period_months__gte=1), name="area_cap_period")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.limit}/{self.period_months}"


class PriorityAdjustment(models.Model):
    """A manual adjustment of a household's points; the latest one counts. A reason
    is required (the service refuses an empty one)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="priority_adjustments"
    )
    points = models.SmallIntegerField(_("points"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application.number}: {self.points:+d}"


class Parking(models.Model):
    """A household not to be offered a dwelling until ``until`` (for a stated
    reason); after that day it is back on the list by itself."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parkings")
    reason = models.TextField(_("reason"))
    until = models.DateField(_("parked until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application.number} → {self.until}"


class DeclineReason(models.Model):
    """Why an offer was declined; ``unreasonable`` ones count towards closing the
    case (reference data per municipality)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("reason"), max_length=200)
    unreasonable = models.BooleanField(_("counts as unreasonable"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="decline_reason_code")
        ]

    def __str__(self) -> str:
        return self.label


class MeetingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150, blank=True)
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="meetings"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.OPEN
    )
    notes = models.TextField(_("notes"), blank=True)
    minutes = models.FileField(_("minutes (PDF)"), upload_to="minutes/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("allocation meeting")
        verbose_name_plural = _("allocation meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="meeting_cancelled_with_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title or str(_("Allocation meeting %(date)s") % {"date": self.held_on})


class ItemOutcome(models.TextChoices):
    PENDING = "", _("Not decided")
    OFFERED = "offered", _("Offered")
    POSTPONED = "postponed", _("Postponed to a later meeting")


class AgendaItem(models.Model):
    """A vacant dwelling on a meeting's agenda, and what the meeting decided."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("dwelling"), on_delete=models.PROTECT, related_name="+"
    )
    taken_out = models.BooleanField(_("taken out"), default=False)
    taken_out_reason = models.CharField(_("reason"), max_length=300, blank=True)
    outcome = models.CharField(
        _("decision"), max_length=10, choices=ItemOutcome.choices, blank=True, default=""
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["dwelling__address", "dwelling__unit_number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "dwelling"], name="agenda_item_unique")
        ]

    def __str__(self) -> str:
        return str(self.dwelling)


class PairKind(models.TextChoices):
    LOCK = "lock", _("Locked")
    FORBID = "forbid", _("Forbidden")


class PairConstraint(models.Model):
    """The meeting's lock or ban of a household–dwelling pair; removed ones stay,
    with who removed them, so every change to a proposal's rules is kept."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="constraints")
    kind = models.CharField(_("kind"), max_length=10, choices=PairKind.choices)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.application.number} – {self.dwelling}"


class Proposal(models.Model):
    """One run of the solver for a meeting, with its proof and the baselines."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveSmallIntegerField()
    policy = models.CharField(max_length=20, choices=Policy.choices)
    objective = models.FloatField()
    bound = models.FloatField(null=True)
    gap = models.FloatField(null=True)
    proven_optimal = models.BooleanField(default=False)
    method = models.CharField(max_length=20)
    households = models.PositiveIntegerField(default=0)
    dwellings = models.PositiveIntegerField(default=0)
    build_seconds = models.FloatField(default=0)
    solve_seconds = models.FloatField(default=0)
    comparison = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.number}"


class ProposalPair(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="pairs")
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    points = models.IntegerField()
    fit = models.IntegerField()
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["dwelling__address", "dwelling__unit_number"]

    def __str__(self) -> str:
        return f"{self.dwelling} → {self.application.number}"


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Offer(models.Model):
    """A dwelling offered to a household, to be answered by ``deadline``. The
    database itself allows one open offer per dwelling and per household, and one
    accepted offer per household."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )
    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("dwelling"), on_delete=models.PROTECT, related_name="offers"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("case"), on_delete=models.CASCADE, related_name="offers"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    offered_on = models.DateField(_("offered on"))
    deadline = models.DateField(_("answer by"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    late_answer_reason = models.TextField(
        _("reason for the late answer"),
        blank=True,
        help_text=_("Why an answer after the deadline was taken."),
    )
    decline_reason = models.ForeignKey(
        DeclineReason,
        verbose_name=_("reason for declining"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    lease = models.OneToOneField(
        Lease, null=True, blank=True, on_delete=models.SET_NULL, related_name="offer"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(status="open"),
                name="offer_one_open_per_dwelling",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="open"),
                name="offer_one_open_per_household",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="accepted"),
                name="offer_one_accepted_per_household",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("offered_on")), name="offer_deadline_after_offer"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.dwelling} → {self.application.number}"


class HouseRules(models.Model):
    """Who should live together in one shared house (seed 000): its slots and how
    many residents may share a gender or a country background (empty: no cap)."""

    shared_house = models.OneToOneField(
        SharedHouse, on_delete=models.CASCADE, related_name="composition_rules"
    )
    max_same_gender = models.PositiveSmallIntegerField(
        _("most residents of one gender"), null=True, blank=True
    )
    max_same_country = models.PositiveSmallIntegerField(
        _("most residents of one country background"), null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("composition rules")
        verbose_name_plural = _("composition rules")

    def __str__(self) -> str:
        return str(self.shared_house)


class HouseSlot(models.Model):
    """``count`` units of a shared house for one role (e.g. three young refugees);
    everyone placed in it has all the required target groups and answers, and an
    age within the bounds."""

    rules = models.ForeignKey(HouseRules, on_delete=models.CASCADE, related_name="slots")
    label = models.CharField(_("role"), max_length=100)
    count = models.PositiveSmallIntegerField(_("units"))
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("required target groups"), blank=True, related_name="+"
    )
    needs_work_or_education = models.BooleanField(_("must be in work or education"), default=False)
    needs_interest_in_young_people = models.BooleanField(
        _("must want to be a role model for young people"), default=False
    )
    min_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="house_slot_count"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="house_slot_ages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.count})"
