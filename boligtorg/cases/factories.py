"""factory_boy factories of the cases app; the municipality stays the same down the tree."""

import datetime
import random

import factory
from django.utils import timezone

from boligtorg.core.factories import MunicipalityFactory, UserFactory
from boligtorg.domain.identity import birth_date_from_national_id, fictitious_national_id

from .models import (
    Application,
    Consent,
    Household,
    HouseholdMember,
    HouseholdRelation,
    Person,
    Situation,
)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    national_id = factory.LazyAttributeSequence(
        lambda p, n: fictitious_national_id(p.municipality.country, random.Random(f"person:{n}"))  # noqa: S311
    )
    date_of_birth = factory.LazyAttribute(
        lambda p: birth_date_from_national_id(p.municipality.country, p.national_id)
    )


class HouseholdFactory(factory.django.DjangoModelFactory):
    """A household whose main applicant is ``main`` (a new person when not given)."""

    class Meta:
        model = Household
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def main(self, create: bool, extracted: Person | None, **kwargs: object) -> None:
        if not create:
            return
        person = extracted or PersonFactory(municipality=self.municipality)
        HouseholdMember.objects.create(
            household=self, person=person, relation=HouseholdRelation.MAIN_APPLICANT
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    municipality = factory.SubFactory(MunicipalityFactory)
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    applicant = factory.LazyAttribute(
        lambda a: a.household.members.get(relation=HouseholdRelation.MAIN_APPLICANT).person
    )
    number = factory.Sequence(lambda n: f"{timezone.localdate().year}-{n + 1:05d}")
    situation = Situation.WITHOUT_DWELLING


class ConsentFactory(factory.django.DjangoModelFactory):
    """A consent valid from today for a year, covering no special category unless
    told (``covers_health=True``); pass ``person`` and ``recorded_by``."""

    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    services = "NAV"
    given_on = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda c: c.given_on + datetime.timedelta(days=365))
    recorded_by = factory.SubFactory(UserFactory)
