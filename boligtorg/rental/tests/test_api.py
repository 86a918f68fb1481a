"""The rental API: the same rules and tenancy as the pages."""

import pytest

from boligtorg.cases.factories import ApplicationFactory

from ..models import ClaimStatus
from .factories import ClaimFactory, GuaranteeFactory, LandlordFactory

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_kari_issues_a_guarantee_and_registers_and_pays_a_claim_through_the_api(
    client, kari, trondheim
):
    case = ApplicationFactory(municipality=trondheim)
    landlord = LandlordFactory(municipality=trondheim)
    client.force_login(kari)
    issued = _post(
        client,
        "/api/rental/guarantees",
        {
            "kind": "deposit",
            "application_id": case.pk,
            "landlord_id": landlord.pk,
            "amount": "30000",
            "starts_on": "2025-07-01",
            "ends_on": "2026-06-30",
            "lease_address": "Nedre Bakklandet 3",
        },
    )
    assert issued.status_code == 201, issued.content
    gid = issued.json()["id"]
    claim = _post(
        client,
        f"/api/rental/guarantees/{gid}/claims",
        {"received_on": "2026-07-10", "amount_claimed": "12000"},
    )
    assert claim.status_code == 201, claim.content
    decided = _post(
        client,
        f"/api/rental/claims/{claim.json()['id']}/decision",
        {"decision": "paid", "checked_on": "2026-07-20", "amount_paid": "12000"},
    )
    assert decided.json()["status"] == ClaimStatus.PAID
    assert client.get(f"/api/rental/guarantees/{gid}").json()["remaining"] == "18000.00"


def test_a_late_claim_over_the_amount_is_a_422_naming_both_fields(client, kari, trondheim):
    guarantee = GuaranteeFactory(municipality=trondheim)
    client.force_login(kari)
    response = _post(
        client,
        f"/api/rental/guarantees/{guarantee.pk}/claims",
        {"received_on": "2026-10-01", "amount_claimed": "30001"},
    )
    assert response.status_code == 422
    assert {item["loc"][-1] for item in response.json()["detail"]} == {
        "received_on",
        "amount_claimed",
    }


def test_a_refusal_without_a_reason_is_a_422_at_the_reason(client, kari, trondheim):
    claim = ClaimFactory(guarantee=GuaranteeFactory(municipality=trondheim))
    client.force_login(kari)
    response = _post(
        client,
        f"/api/rental/claims/{claim.pk}/decision",
        {"decision": "refused", "checked_on": "2026-07-20"},
    )
    assert response.status_code == 422
    assert {item["loc"][-1] for item in response.json()["detail"]} == {"refusal_reason"}


def test_trondheims_landlords_guarantees_and_claims_are_404_for_sven(client, sven, trondheim):
    claim = ClaimFactory(guarantee=GuaranteeFactory(municipality=trondheim))
    client.force_login(sven)
    assert client.get(f"/api/rental/landlords/{claim.guarantee.landlord_id}").status_code == 404
    assert client.get(f"/api/rental/guarantees/{claim.guarantee_id}").status_code == 404
    response = _post(
        client,
        f"/api/rental/claims/{claim.pk}/decision",
        {"decision": "refused", "checked_on": "2026-07-20", "refusal_reason": "x"},
    )
    assert response.status_code == 404
    assert client.get("/api/rental/landlords").json()["items"] == []


def test_a_landlord_without_a_name_is_a_422_naming_the_field(client, kari):
    client.force_login(kari)
    response = _post(
        client,
        "/api/rental/landlords",
        {"kind": "person", "contact_person_id": kari.pk},
    )
    assert response.status_code == 422
    assert {item["loc"][-1] for item in response.json()["detail"]} == {"name"}
