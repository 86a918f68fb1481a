"""factory_boy factories of the housing app; the municipality stays the same down
the tree (a lease's dwelling and household belong to the lease's municipality)."""

import datetime

import factory
from django.utils import timezone

from boligtorg.cases.factories import HouseholdFactory
from boligtorg.core.factories import MunicipalityFactory
from boligtorg.domain.housing import lease_end

from .models import (
    DispositionForm,
    Dwelling,
    DwellingStatus,
    DwellingType,
    Landlord,
    LandlordKind,
    Lease,
    Property,
)


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Property
        django_get_or_create = ("municipality", "gnr", "bnr", "building_name")

    municipality = factory.SubFactory(MunicipalityFactory)
    gnr = factory.Sequence(lambda n: 400 + n)
    bnr = 12
    address = factory.Sequence(lambda n: f"Elgeseter gate {n + 1}")
    building_name = ""


class LandlordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Landlord

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Utleier {n + 1} AS")
    kind = LandlordKind.PRIVATE


class DwellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dwelling

    municipality = factory.SubFactory(MunicipalityFactory)
    unit_number = factory.Sequence(lambda n: f"H{n % 9000 + 101:04d}")
    address = factory.Sequence(lambda n: f"Kongens gate {n + 1}")
    dwelling_type = DwellingType.APARTMENT
    bedrooms = 2
    usable_area = factory.Sequence(lambda n: 40 + n % 60)
    floor = 1
    rent = 9500
    status = DwellingStatus.READY
    disposition_form = DispositionForm.OWNED


class LeaseFactory(factory.django.DjangoModelFactory):
    """A three-year lease that started a year ago, on a let dwelling."""

    class Meta:
        model = Lease

    municipality = factory.SubFactory(MunicipalityFactory)
    dwelling = factory.SubFactory(
        DwellingFactory,
        municipality=factory.SelfAttribute("..municipality"),
        status=DwellingStatus.LET,
    )
    household = factory.SubFactory(
        HouseholdFactory, municipality=factory.SelfAttribute("..municipality")
    )
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    end = factory.LazyAttribute(lambda lease: lease_end(lease.start, 36))
    rent = 9500
