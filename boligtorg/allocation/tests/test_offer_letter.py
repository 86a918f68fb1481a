"""The offer letter: the dwelling, rent and deposit, the answer deadline, how to
answer and what happens without an answer, to the household's postal address, in
the applicant's language; downloadable from the offer and the case page, with a
file name in the user's language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation

from boligtorg.allocation.services import offers
from boligtorg.cases.models import Household
from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.housing.models import Feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(anders_actor, rules_2000, flat, single, today):
    flat.floor = 3
    flat.features = [Feature.LIFT]
    flat.usable_area = 48
    flat.save()
    Household.objects.filter(pk=single.household_id).update(
        address_street="Kongens gate 12 B", address_postcode="7011", address_town="Trondheim"
    )
    person = single.applicant
    person.first_name, person.last_name, person.language = "Ole", "Hansen", "en"
    person.save()
    single.decisions.update(lease_months=36)
    return offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today
    )


def _long(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def test_the_offer_letter_names_the_dwelling_rent_deadline_and_how_to_answer(
    client, anders, offer, tmp_path
):
    client.force_login(anders)
    response = client.get(reverse("allocation:offer_letter", args=[offer.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Offer of a municipal dwelling" in text
    assert "Ole Hansen Kongens gate 12 B 7011 Trondheim" in text
    assert "Kongens gate 1, flat H0101" in text
    assert "48 m², 1 bedroom" in text
    assert "Floor 3, with lift" in text
    assert "9,500 kr" in text
    assert "36 months" in text
    assert "at most 6 months' rent (57,000 kr), husleieloven § 3-5" in text
    assert f"Give us your answer by {_long(offer.deadline, 'en')}." in text
    assert "in person at the Housing office, Trondheim municipality" in text
    late_from = offer.deadline + datetime.timedelta(days=1)
    assert f"the offer lapses from {_long(late_from, 'en')}" in text
    assert "You keep your place on the waiting list." in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type__endswith="offer", object_id=str(offer.pk)
    ).exists()


def test_the_offer_letter_is_in_bokmal_for_a_bokmal_applicant_with_a_bokmal_file_name(
    client, kari, offer, tmp_path
):
    person = offer.application.applicant
    person.language = "nb"
    person.save()
    client.force_login(kari)
    response = client.get(reverse("allocation:offer_letter", args=[offer.pk]))
    assert f'filename="tilbud-{offer.application.number}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "Tilbud om kommunal bolig" in text
    assert f"Gi oss svar innen {_long(offer.deadline, 'nb')}." in text


def test_the_case_page_and_the_offer_page_link_the_offer_letter(client, kari, offer):
    client.force_login(kari)
    url = reverse("allocation:offer_letter", args=[offer.pk])
    case_page = client.get(reverse("cases:detail", args=[offer.application_id])).content.decode()
    offer_page = client.get(reverse("allocation:offer_detail", args=[offer.pk])).content.decode()
    assert url in case_page
    assert url in offer_page


def test_sven_gets_404_and_the_auditor_403_for_the_offer_letter(client, sven, per, offer):
    url = reverse("allocation:offer_letter", args=[offer.pk])
    client.force_login(sven)
    assert client.get(url).status_code == 404
    client.force_login(per)
    assert client.get(url).status_code == 403
