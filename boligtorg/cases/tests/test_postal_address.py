"""The household's postal address: its rules (both ways), the page that edits it,
the API, the audit trail, and the recipient block of every letter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.models import Household, LegalBasis
from boligtorg.cases.services.applications import (
    ERROR_CONTACT_POINT_MISSING,
    ERROR_POSTCODE_FORMAT,
    ERROR_STREET_MISSING,
    ERROR_TOWN_MISSING,
    household_address_update,
)
from boligtorg.cases.services.decisions import decision_make
from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.addresses import (
    AddressProblem,
    PostalAddress,
    address_lines,
    address_problems,
)

pytestmark = pytest.mark.django_db

HOME = {
    "address_street": "Kongens gate 12 B",
    "address_postcode": "7011",
    "address_town": "Trondheim",
}


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


def test_a_complete_norwegian_or_danish_address_has_no_problems():
    home = PostalAddress(street="Kongens gate 12", postcode="7011", town="Trondheim")
    dansk = PostalAddress(street="Adelgade 44", postcode="8660", town="Skanderborg")
    assert address_problems(home, "NO") == {}
    assert address_problems(dansk, "DK") == {}
    assert address_problems(PostalAddress(), "NO") == {}


def test_a_postcode_is_four_digits_in_both_countries():
    for postcode in ("701", "70111", "7O11", "DK-8660"):
        for country in ("NO", "DK"):
            address = PostalAddress(street="Gate 1", postcode=postcode, town="By")
            assert address_problems(address, country) == {
                "address_postcode": AddressProblem.POSTCODE_FORMAT
            }


def test_an_incomplete_address_names_every_missing_part():
    assert address_problems(PostalAddress(postcode="7011"), "NO") == {
        "address_street": AddressProblem.STREET_MISSING,
        "address_town": AddressProblem.TOWN_MISSING,
    }


def test_no_fixed_address_needs_a_contact_point_and_where_its_post_goes():
    assert address_problems(PostalAddress(no_fixed_address=True), "NO") == {
        "address_care_of": AddressProblem.CONTACT_POINT_MISSING,
        "address_postcode": AddressProblem.POSTCODE_MISSING,
        "address_town": AddressProblem.TOWN_MISSING,
    }
    nav = PostalAddress(
        no_fixed_address=True, care_of="NAV Midtbyen", postcode="7005", town="Trondheim"
    )
    assert address_problems(nav, "NO") == {}


def test_the_letter_lines_say_c_o_once_even_when_the_user_typed_it():
    nav = PostalAddress(
        care_of="c/o NAV Midtbyen", street="Postboks 2430", postcode="7005", town="Trondheim"
    )
    assert address_lines(nav) == ["c/o NAV Midtbyen", "Postboks 2430", "7005 Trondheim"]


def test_kari_saves_an_address_and_the_change_is_audited_with_its_fields(kari_actor, ole_case):
    household_address_update(actor=kari_actor, application=ole_case, **HOME)
    household = Household.objects.get(pk=ole_case.household_id)
    assert household.address_lines == ["Kongens gate 12 B", "7011 Trondheim"]
    event = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type__endswith="household"
    ).latest("pk")
    assert event.changes["address_postcode"] == ["", "7011"]
    assert event.changes["address_street"] == ["", "Kongens gate 12 B"]


def test_the_service_refuses_a_bad_address_with_every_error_at_once(
    kari_actor, ole_case, english_messages
):
    with pytest.raises(ValidationError) as caught:
        household_address_update(
            actor=kari_actor,
            application=ole_case,
            address_postcode="70",
            no_fixed_address=True,
        )
    errors = caught.value.message_dict
    assert errors["address_postcode"] == [str(ERROR_POSTCODE_FORMAT)]
    assert errors["address_care_of"] == [str(ERROR_CONTACT_POINT_MISSING)]
    assert errors["address_town"] == [str(ERROR_TOWN_MISSING)]
    assert Household.objects.get(pk=ole_case.household_id).address_postcode == ""


def test_the_address_page_keeps_what_was_typed_and_shows_all_errors(english, kari, ole_case):
    english.force_login(kari)
    url = reverse("cases:household_address", args=[ole_case.pk])
    response = english.post(
        url, {"address_street": "", "address_postcode": "12", "address_town": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert str(ERROR_POSTCODE_FORMAT) in page
    assert str(ERROR_STREET_MISSING) in page
    assert str(ERROR_TOWN_MISSING) in page
    assert 'value="12"' in page


def test_the_address_page_saves_and_the_case_page_shows_the_address(english, kari, ole_case):
    english.force_login(kari)
    url = reverse("cases:household_address", args=[ole_case.pk])
    response = english.post(url, HOME)
    assert response.status_code == 302
    page = english.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert "Kongens gate 12 B" in page
    assert "7011 Trondheim" in page


def test_the_auditor_cannot_change_the_address_and_sven_gets_404(client, per, sven, ole_case):
    url = reverse("cases:household_address", args=[ole_case.pk])
    client.force_login(per)
    assert client.post(url, HOME).status_code == 403
    client.force_login(sven)
    assert client.post(url, HOME).status_code == 404
    assert Household.objects.get(pk=ole_case.household_id).address_street == ""


def test_the_api_sets_the_address_and_names_the_field_of_an_error(client, kari, ole_case):
    client.force_login(kari)
    url = f"/api/applications/{ole_case.pk}/address"
    bad = client.put(url, {**HOME, "address_postcode": "NO-7011"}, content_type="application/json")
    assert bad.status_code == 422
    assert [item["loc"][-1] for item in bad.json()["detail"]] == ["address_postcode"]
    good = client.put(url, HOME, content_type="application/json")
    assert good.status_code == 200
    assert good.json()["address_lines"] == ["Kongens gate 12 B", "7011 Trondheim"]


def test_a_decision_letter_goes_to_the_contact_point_of_a_household_without_a_fixed_address(
    kari_actor, ole_case, tmp_path
):
    household_address_update(
        actor=kari_actor,
        application=ole_case,
        no_fixed_address=True,
        address_care_of="NAV Midtbyen",
        address_street="Postboks 2430",
        address_postcode="7005",
        address_town="Trondheim",
    )
    ole_case.refresh_from_db()
    today = timezone.localdate()
    decision = decision_make(
        actor=kari_actor,
        application=ole_case,
        outcome="refused",
        reasons="The household has a dwelling.",
        legal_basis=LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        decided_on=today,
        received_on=today + datetime.timedelta(days=2),
    )
    text = pdf_text(decision.letter.read(), tmp_path)
    assert "Ole Hansen c/o NAV Midtbyen Postboks 2430 7005 Trondheim" in text
