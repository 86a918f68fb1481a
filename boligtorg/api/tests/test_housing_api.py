import datetime

import pytest
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import Dwelling, Lease

pytestmark = pytest.mark.django_db

NEW_DWELLING = {
    "address": "Elgeseter gate 12",
    "unit_number": "H0201",
    "dwelling_type": "apartment",
    "bedrooms": 2,
    "usable_area": "54.5",
    "rent": "9800",
    "gnr": 410,
    "bnr": 12,
}


def test_kari_registers_a_dwelling_through_the_api(client, kari):
    client.force_login(kari)
    response = client.post("/api/dwellings", NEW_DWELLING, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["property_id"]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="housing.dwelling", object_id=str(body["id"])
    ).exists()


def test_a_unit_number_in_the_wrong_format_answers_422_naming_the_field(client, kari):
    client.force_login(kari)
    response = client.post(
        "/api/dwellings", {**NEW_DWELLING, "unit_number": "X12"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert ["body", "unit_number"] in [error["loc"] for error in response.json()["detail"]]
    assert not Dwelling.objects.exists()


def test_a_negative_rent_answers_422(client, kari):
    client.force_login(kari)
    response = client.post(
        "/api/dwellings", {**NEW_DWELLING, "rent": "-1"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "rent" in str(response.json()["detail"])


def test_the_dwelling_list_filters_and_stays_in_the_municipality(
    client, kari, trondheim, skanderborg
):
    DwellingFactory(municipality=trondheim, bedrooms=3, address="Stor 1")
    DwellingFactory(municipality=trondheim, bedrooms=1, address="Liten 1")
    DwellingFactory(municipality=skanderborg, bedrooms=3, address="Dansk 1")
    client.force_login(kari)
    body = client.get("/api/dwellings", {"min_bedrooms": 2}).json()
    assert [item["address"] for item in body["items"]] == ["Stor 1"]


def test_a_lease_overlapping_another_answers_422(client, kari, ole_case):
    lease = LeaseFactory(municipality=ole_case.municipality)
    client.force_login(kari)
    response = client.post(
        "/api/leases",
        {
            "dwelling_id": lease.dwelling_id,
            "household_id": ole_case.household_id,
            "start": str(timezone.localdate()),
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert Lease.objects.filter(dwelling=lease.dwelling).count() == 1


def test_kari_lets_a_ready_dwelling_to_oles_household(client, kari, ole_case):
    dwelling = DwellingFactory(municipality=ole_case.municipality)
    client.force_login(kari)
    start = timezone.localdate()
    response = client.post(
        "/api/leases",
        {"dwelling_id": dwelling.pk, "household_id": ole_case.household_id, "start": str(start)},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["end"] > str(start + datetime.timedelta(days=3 * 365 - 3))
    assert client.get(f"/api/dwellings/{dwelling.pk}").json()["status"] == "let"
    lease_read = client.get(f"/api/leases/{body['id']}")
    assert lease_read.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="housing.lease").exists()


def test_sven_gets_404_for_trondheim_dwellings_and_leases(client, sven, trondheim):
    lease = LeaseFactory(municipality=trondheim)
    client.force_login(sven)
    assert client.get(f"/api/dwellings/{lease.dwelling_id}").status_code == 404
    assert client.get(f"/api/leases/{lease.pk}").status_code == 404
    assert client.get("/api/dwellings").json()["count"] == 0


def test_per_the_auditor_reads_dwellings_but_cannot_register_one(client, per, trondheim):
    DwellingFactory(municipality=trondheim)
    client.force_login(per)
    assert client.get("/api/dwellings").json()["count"] == 1
    response = client.post("/api/dwellings", NEW_DWELLING, content_type="application/json")
    assert response.status_code == 403
