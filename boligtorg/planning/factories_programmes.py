"""Factories of housing programmes and action plans, keeping the municipality the
same down the object tree."""

from __future__ import annotations

import datetime

import factory

from .models import (
    ActionPlan,
    Activity,
    FocusArea,
    HousingProgramme,
    MainGoal,
    MappedPerson,
    Project,
    StatusReport,
    SubGoal,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingProgramme

    municipality = factory.SubFactory("boligtorg.core.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Boligprogram {n}")
    first_year = 2026
    last_year = 2030


class MappedPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappedPerson

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    pseudonym = factory.Sequence(lambda n: f"P{n}")
    age_group = "18-25"
    expected_year = 2027
    need = "cluster_ok"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    name = factory.Sequence(lambda n: f"Prosjekt {n}")
    kind = "build"
    status = "planned"
    year = 2028
    units = 5
    need_kind = "cluster"
    cost = 10_000_000
    own_funds = 3_000_000
    investment_grant = 7_000_000
    loans = 0


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ("municipality", "code")

    municipality = factory.SubFactory("boligtorg.core.factories.MunicipalityFactory")
    code = "suitable_dwellings"
    name = "Egnede boliger for vanskeligstilte"


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    municipality = factory.SubFactory("boligtorg.core.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Boligsosial handlingsplan {n}")
    vision = "Alle har et trygt og godt sted å bo."
    first_year = 2026
    last_year = 2029


class MainGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MainGoal

    plan = factory.SubFactory(ActionPlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    position = factory.Sequence(lambda n: n + 1)
    text = "Få flere vanskeligstilte i egen bolig med oppfølging"


class SubGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGoal

    goal = factory.SubFactory(MainGoalFactory)
    municipality = factory.SelfAttribute("goal.municipality")
    position = factory.Sequence(lambda n: n + 1)
    text = "Integrere boligsosialt arbeid i budsjettprosessene"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    goal = factory.SubFactory(MainGoalFactory)
    plan = factory.SelfAttribute("goal.plan")
    municipality = factory.SelfAttribute("goal.municipality")
    name = "Kartlegging av boforhold"
    expected_result = "Oversikt over alle i midlertidig bolig"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    responsible = "Boligkontoret"

    @factory.post_generation
    def focus_areas(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.focus_areas.set(extracted or [FocusAreaFactory(municipality=self.municipality)])


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    plan = factory.SubFactory(ActionPlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    kind = "semi_annual"
    period_from = datetime.date(2026, 1, 1)
    period_to = datetime.date(2026, 6, 30)
