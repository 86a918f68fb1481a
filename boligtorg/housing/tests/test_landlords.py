"""Landlords and housing organisations: org numbers by country, and the Danish
allocation right (every n-th vacancy) counted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boligtorg.housing import selectors, services
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import LandlordKind

pytestmark = pytest.mark.django_db


def test_a_norwegian_landlord_needs_a_valid_organisation_number(kari_actor):
    with pytest.raises(ValidationError) as exc:
        services.landlord_create(
            actor=kari_actor, name="Utleie AS", kind=LandlordKind.PRIVATE, org_number="974760674"
        )
    assert exc.value.message_dict["org_number"] == [str(services.ERROR_ORG_NUMBER_NO)]
    landlord = services.landlord_create(
        actor=kari_actor, name="Utleie AS", kind=LandlordKind.PRIVATE, org_number="974 760 673"
    )
    assert landlord.org_number == "974760673"


def test_a_danish_housing_organisation_is_checked_against_cvr(sven_actor):
    with pytest.raises(ValidationError) as exc:
        services.landlord_create(
            actor=sven_actor,
            name="Boligforening",
            kind="housing_organisation",
            org_number="974760673",
        )
    assert exc.value.message_dict["org_number"] == [str(services.ERROR_ORG_NUMBER_DK)]


def test_skanderborg_is_due_a_dwelling_for_every_sixth_vacancy(
    sven_actor, housing_organisation, skanderborg
):
    services.landlord_report_vacancies(actor=sven_actor, landlord=housing_organisation, count=13)
    DwellingFactory(
        municipality=skanderborg, disposition_form="allocation_right", landlord=housing_organisation
    )
    row = selectors.landlord_list(actor=sven_actor)[0]
    assert (row.landlord.vacancies_reported, row.received, row.due, row.until_next) == (13, 1, 1, 5)


def test_vacancies_are_reported_one_to_a_hundred_at_a_time(sven_actor, housing_organisation):
    with pytest.raises(ValidationError):
        services.landlord_report_vacancies(actor=sven_actor, landlord=housing_organisation, count=0)


def test_kari_may_not_touch_a_skanderborg_landlord(kari_actor, housing_organisation):
    with pytest.raises(PermissionDenied):
        services.landlord_report_vacancies(actor=kari_actor, landlord=housing_organisation)


def test_the_landlord_pages_list_create_and_count(english, sven, housing_organisation):
    english.force_login(sven)
    page = english.get(reverse("housing:landlord_list")).content.decode()
    assert "Every 6. vacancy" in page
    response = english.post(
        reverse("housing:landlord_vacancies", args=[housing_organisation.pk]), {"count": "6"}
    )
    assert response.status_code == 302
    page = english.get(reverse("housing:landlord_list")).content.decode()
    assert "Skanderborg Andelsboligforening" in page
    response = english.post(
        reverse("housing:landlord_create"),
        {"name": "", "kind": "private", "org_number": "1", "allocation_every_nth": "4"},
    )
    assert response.status_code == 200
    assert 'name="org_number"' in response.content.decode()
