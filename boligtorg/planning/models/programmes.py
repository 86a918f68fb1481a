"""The housing programme (seed 004, Tromsø): the persons mapped in interviews who
are expected to need a dwelling within five years, grouped into needs (clusters,
separate dwellings, clusters with services), and the projects (build, buy, lease,
convert) that cover them, with their cost and financing.

A mapped person linked to a case is a person's data: reads are audited and the
case link is shown only to those who may read the case. A person entered
directly carries initials or a pseudonym, never a name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application, TargetGroup
from boligtorg.core.models import Municipality
from boligtorg.domain import programme as rules


class HousingProgramme(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("purpose"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    needs_accepted_at = models.DateTimeField(_("needs accepted"), null=True, blank=True)
    needs_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    needs_score = models.IntegerField(_("score of the accepted grouping"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("housing programme")
        verbose_name_plural = _("housing programmes")
        ordering = ["-first_year", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="programme_last_not_before_first"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AgeGroup(models.TextChoices):
    YOUNG = "18-25", _("18–25")
    ADULT = "26-35", _("26–35")
    MIDDLE = "36-50", _("36–50")
    OLDER = "51-66", _("51–66")
    ELDERLY = "67+", _("67 and over")


class PersonNeed(models.TextChoices):
    """From the mapping interview; the codes are ``composition.Need``'s."""

    CLUSTER_OK = "cluster_ok", _("A cluster or a separate dwelling")
    SINGLE_ONLY = "single_only", _("Only a separate dwelling")
    STAFFED = "staffed", _("Needs services: a cluster with a staff base")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not given")


class NeedKind(models.TextChoices):
    CLUSTER = rules.CLUSTER, _("Cluster")
    SEPARATE = rules.SEPARATE, _("Separate dwelling")
    WITH_SERVICES = rules.WITH_SERVICES, _("Cluster with services")


class ProgrammeNeed(models.Model):
    """One need of the programme, accepted from a grouping: a cluster of mapped
    persons (with services when one of them needs a staff base) or one separate
    dwelling. ``units`` is the number of dwellings it takes."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(HousingProgramme, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=20, choices=NeedKind.choices)
    label = models.CharField(_("name"), max_length=100)
    units = models.PositiveSmallIntegerField(_("units"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class MappedPerson(models.Model):
    """A person from the mapping interviews, from a case or entered directly."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        HousingProgramme, on_delete=models.CASCADE, related_name="persons"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pseudonym = models.CharField(_("initials or pseudonym"), max_length=20)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.OTHER
    )
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expected_year = models.PositiveSmallIntegerField(_("needs a dwelling from"))
    need = models.CharField(_("need"), max_length=20, choices=PersonNeed.choices)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    avoid = models.ManyToManyField(
        "self", verbose_name=_("should not live with"), symmetrical=False, blank=True
    )
    programme_need = models.ForeignKey(
        ProgrammeNeed,
        verbose_name=_("grouped into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mapped person")
        verbose_name_plural = _("mapped persons")
        ordering = ["expected_year", "pseudonym", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "pseudonym"], name="mappedperson_unique_pseudonym"
            ),
            models.UniqueConstraint(
                fields=["programme", "application"],
                condition=Q(application__isnull=False),
                name="mappedperson_one_per_case",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def interest_codes(self) -> list[str]:
        return rules.interest_codes(self.interests)


class ProjectKind(models.TextChoices):
    BUILD = "build", _("Build")
    BUY = "buy", _("Buy")
    LEASE = "lease", _("Lease")
    CONVERT = "convert", _("Convert")


class ProjectStatus(models.TextChoices):
    DONE = rules.DONE, _("Done")
    PLANNED = rules.PLANNED, _("Planned")
    NOT_STARTED = rules.NOT_STARTED, _("Not started")


class Project(models.Model):
    """A housing project of the programme. Amounts are whole kroner; own funds,
    the Husbanken investment grant and loans add up to the cost."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        HousingProgramme, on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ProjectKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices)
    year = models.PositiveSmallIntegerField(_("ready in"))
    units = models.PositiveSmallIntegerField(_("units"))
    need_kind = models.CharField(_("dwellings for"), max_length=20, choices=NeedKind.choices)
    needs = models.ManyToManyField(
        ProgrammeNeed, verbose_name=_("needs covered"), blank=True, related_name="projects"
    )
    cost = models.PositiveBigIntegerField(_("cost (NOK)"))
    own_funds = models.PositiveBigIntegerField(_("own funds (NOK)"), default=0)
    investment_grant = models.PositiveBigIntegerField(
        _("Husbanken investment grant (NOK)"), default=0
    )
    loans = models.PositiveBigIntegerField(_("loans (NOK)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["year", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(units__gte=1), name="project_units_at_least_one"),
            models.CheckConstraint(
                condition=Q(cost=F("own_funds") + F("investment_grant") + F("loans")),
                name="project_financing_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return self.name
