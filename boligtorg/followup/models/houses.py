"""Life in a shared house (seed 000, Trondheim, slides 22–23): the house's contact
person in the municipality, the residents' representative (appointed at first,
elected later), resident meetings with attendance, topics, agreed actions and
minutes, the house rules (the municipal ones and the residents' own additions),
and dugnad lists.

People hold a role from one day to another; a new holder ends the old one's period,
so the history stays."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Person
from boligtorg.core.models import Municipality
from boligtorg.domain import resident_meetings as cadence
from boligtorg.housing.models import SharedHouse


def _period_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(to_date__isnull=True) | Q(to_date__gte=F("from_date")),
            name=f"{prefix}_to_not_before_from",
        ),
        models.UniqueConstraint(
            fields=["shared_house"],
            condition=Q(to_date__isnull=True),
            name=f"{prefix}_one_current_per_house",
        ),
    ]


class HouseContact(models.Model):
    """The one staff member with responsibility for the house ("en fast
    kontaktperson med ansvar for huset")."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact person of a shared house")
        verbose_name_plural = _("contact persons of shared houses")
        ordering = ["-from_date", "-pk"]
        constraints = _period_constraints("housecontact")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.shared_house})"


class RepresentativeBasis(models.TextChoices):
    APPOINTED = "appointed", _("Appointed until an election")
    ELECTED = "elected", _("Elected by the residents")


class HouseRepresentative(models.Model):
    """The residents' representative ("leietaker representant"): in Trondheim one
    of the adults was appointed from the start, until a democratic election."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="representatives",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("representative"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField(
        _("appointed or elected"), max_length=10, choices=RepresentativeBasis.choices
    )
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resident representative")
        verbose_name_plural = _("resident representatives")
        ordering = ["-from_date", "-pk"]
        constraints = _period_constraints("houserepresentative")

    def __str__(self) -> str:
        return f"{self.person} ({self.shared_house})"


class HouseMeetingPlan(models.Model):
    """How often the house meets after its start period, as the house decided."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.OneToOneField(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="meeting_plan",
    )
    later_interval_months = models.PositiveSmallIntegerField(
        _("months between meetings after the first six months"),
        default=cadence.DEFAULT_LATER_MONTHS,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resident-meeting plan")
        verbose_name_plural = _("resident-meeting plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    later_interval_months__gte=cadence.MIN_LATER_MONTHS,
                    later_interval_months__lte=cadence.MAX_LATER_MONTHS,
                ),
                name="housemeetingplan_interval_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.shared_house)


class ResidentMeeting(models.Model):
    """One beboermøte: who came, what was talked about, what was agreed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="resident_meetings",
    )
    held_on = models.DateField(_("date"))
    topics = models.TextField(_("topics"))
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        Person, verbose_name=_("residents present"), blank=True, related_name="+"
    )
    staff_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff present"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resident meeting")
        verbose_name_plural = _("resident meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shared_house", "held_on"], name="residentmeeting_one_per_house_and_day"
            )
        ]

    def __str__(self) -> str:
        return str(
            _("Resident meeting %(day)s, %(house)s")
            % {"day": self.held_on.isoformat(), "house": self.shared_house}
        )


class AgreedAction(models.Model):
    """What a resident meeting agreed, who does it and by when."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        ResidentMeeting,
        verbose_name=_("resident meeting"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    text = models.CharField(_("what was agreed"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class HouseRuleSource(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal house rule")
    RESIDENTS = "residents", _("Added by the residents")


class HouseRule(models.Model):
    """One house rule ("husordensregler (kommunale) – ønsker de tilleggsregler?").
    A retired rule keeps its row, so the house's rules on any day can be read."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="house_rules",
    )
    position = models.PositiveSmallIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=10, choices=HouseRuleSource.choices)
    text = models.TextField(_("rule"))
    adopted_on = models.DateField(_("adopted on"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("house rule")
        verbose_name_plural = _("house rules")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(retired_on__gte=F("adopted_on")),
                name="houserule_retired_not_before_adopted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class DugnadTask(models.Model):
    """One task of a dugnad list: hallway washing, garden work, the yearly container."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    shared_house = models.ForeignKey(
        SharedHouse,
        verbose_name=_("shared house"),
        on_delete=models.PROTECT,
        related_name="dugnad_tasks",
    )
    task = models.CharField(_("task"), max_length=200)
    day = models.DateField(_("date"))
    assigned = models.ManyToManyField(Person, verbose_name=_("who"), blank=True, related_name="+")
    done = models.BooleanField(_("done"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dugnad task")
        verbose_name_plural = _("dugnad tasks")
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{self.task} ({self.day.isoformat()})"
