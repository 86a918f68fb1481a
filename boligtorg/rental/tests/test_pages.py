"""The landlord and guarantee pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from boligtorg.cases.factories import ApplicationFactory

from ..models import ClaimStatus, Guarantee, Landlord
from .factories import ClaimFactory, GuaranteeFactory, LandlordFactory

pytestmark = pytest.mark.django_db


def _en(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def test_an_empty_landlord_list_says_there_are_none_yet(client, kari):
    _en(client, kari)
    response = client.get(reverse("rental:landlord_list"))
    assert "No landlords yet." in response.content.decode()


def test_the_landlord_search_finds_by_name_and_never_another_municipality(
    client, kari, trondheim, skanderborg
):
    LandlordFactory(municipality=trondheim, name="Bakklandet Utleie AS")
    LandlordFactory(municipality=trondheim, name="Lade Eiendom AS")
    LandlordFactory(municipality=skanderborg, name="Bakklandet Udlejning ApS")
    _en(client, kari)
    page = client.get(reverse("rental:landlord_list") + "?q=bakklandet").content.decode()
    assert "Bakklandet Utleie AS" in page
    assert "Lade Eiendom AS" not in page
    assert "Udlejning" not in page


def test_a_landlord_form_with_nothing_given_shows_every_error_at_once(client, kari):
    _en(client, kari)
    response = client.post(reverse("rental:landlord_create"), {"kind": "company"})
    form = response.context["form"]
    assert set(form.errors) == {"name", "org_number", "contact_person"}
    assert not Landlord.objects.exists()


def test_kari_adds_a_dwelling_offered_on_the_landlords_page(client, kari, trondheim):
    landlord = LandlordFactory(municipality=trondheim)
    _en(client, kari)
    url = reverse("rental:landlord_detail", args=[landlord.pk])
    response = client.post(
        url, {"address": "Nedre Bakklandet 3", "bedrooms": 2, "monthly_rent": "11500"}
    )
    assert response.status_code == 302
    assert "Nedre Bakklandet 3" in client.get(url).content.decode()


def test_kari_issues_a_guarantee_from_the_case_chooser(client, kari, trondheim):
    case = ApplicationFactory(municipality=trondheim)
    landlord = LandlordFactory(municipality=trondheim)
    _en(client, kari)
    url = reverse("rental:guarantee_create")
    chooser = client.get(url + f"?number={case.number}").content.decode()
    assert f"?application={case.pk}" in chooser
    response = client.post(
        url + f"?application={case.pk}",
        {
            "kind": "deposit",
            "landlord": landlord.pk,
            "amount": "30000",
            "starts_on": "2025-07-01",
            "ends_on": "2026-06-30",
            "lease_address": "Nedre Bakklandet 3",
        },
    )
    guarantee = Guarantee.objects.get()
    assert response.status_code == 302
    assert guarantee.household == case.household and guarantee.application == case


def test_the_guarantee_chooser_does_not_open_another_municipalitys_case(client, kari, skanderborg):
    case = ApplicationFactory(municipality=skanderborg)
    _en(client, kari)
    response = client.get(reverse("rental:guarantee_create") + f"?application={case.pk}")
    assert response.status_code == 404


def test_the_guarantee_list_filters_those_in_force(client, kari, trondheim):
    GuaranteeFactory(municipality=trondheim, lease_address="Gate 1")
    GuaranteeFactory(
        municipality=trondheim, lease_address="Gate 2", ended_on=datetime.date(2026, 1, 1)
    )
    _en(client, kari)
    page = client.get(reverse("rental:guarantee_list") + "?state=in_force").content.decode()
    assert "Gate 1" in page and "Gate 2" not in page


def test_kari_refuses_a_claim_on_the_guarantee_page_and_must_give_a_reason(client, kari, trondheim):
    claim = ClaimFactory(guarantee=GuaranteeFactory(municipality=trondheim))
    _en(client, kari)
    url = reverse("rental:guarantee_detail", args=[claim.guarantee_id])
    prefix = f"decide-{claim.pk}"
    response = client.post(
        url, {"action": "decide", "claim": claim.pk, f"{prefix}-decision": "refused"}
    )
    assert "Give the reason for the refusal." in response.content.decode()
    response = client.post(
        url,
        {
            "action": "decide",
            "claim": claim.pk,
            f"{prefix}-decision": "refused",
            f"{prefix}-checked_on": "2026-07-20",
            f"{prefix}-refusal_reason": "The damage was there when the lease began.",
        },
    )
    claim.refresh_from_db()
    assert response.status_code == 302
    assert claim.status == ClaimStatus.REFUSED


def test_a_claim_over_what_remains_is_refused_on_the_page(client, kari, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim, amount=Decimal("30000"))
    _en(client, kari)
    response = client.post(
        reverse("rental:guarantee_detail", args=[guarantee.pk]),
        {"action": "claim", "claim-received_on": "2026-07-01", "claim-amount_claimed": "30001"},
    )
    assert "above what remains" in response.content.decode()


def test_another_municipalitys_guarantee_is_not_found(client, sven, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim)
    _en(client, sven)
    assert client.get(reverse("rental:guarantee_detail", args=[guarantee.pk])).status_code == 404
