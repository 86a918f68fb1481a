"""The readiness API: the same rules as the pages, 422 naming the field, 404 for
another municipality's objects and for the Danish routes in Norway."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease
from boligtorg.planning.factories_areas import HousingAreaFactory
from boligtorg.settlement.models import ProposalStatus

from .factories import ProposalFactory, ReservationFactory

pytestmark = pytest.mark.usefixtures("english_messages")
TODAY = timezone.localdate()


def accepted(municipality, days=14, **fields):
    return ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY + datetime.timedelta(days=days),
        **fields,
    )


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_kari_reserves_releases_and_lists_arrivals_through_the_api(english, kari, trondheim):
    proposal = accepted(trondheim, list_reference="IMDi-2026-11/A")
    dwelling = DwellingFactory(municipality=trondheim)
    english.force_login(kari)

    listed = english.get("/api/settlement/arrivals").json()
    assert listed[0]["candidates"][0]["dwelling_id"] == dwelling.pk
    made = post(
        english,
        "/api/settlement/reservations",
        {"proposal_id": proposal.pk, "dwelling_id": dwelling.pk, "ready_on": TODAY.isoformat()},
    )
    assert made.status_code == 201, made.content
    assert (
        english.get("/api/settlement/arrivals").json()[0]["reservation"]["id"] == made.json()["id"]
    )
    released = post(
        english, f"/api/settlement/reservations/{made.json()['id']}/release", {"reason": "Utsatt"}
    )
    assert released.json()["released_on"] == TODAY.isoformat()


def test_a_double_reservation_answers_422_naming_the_dwelling(english, kari, trondheim):
    dwelling = DwellingFactory(municipality=trondheim)
    ReservationFactory(proposal=accepted(trondheim, list_reference="IMDi-X"), dwelling=dwelling)
    english.force_login(kari)

    response = post(
        english,
        "/api/settlement/reservations",
        {
            "proposal_id": accepted(trondheim).pk,
            "dwelling_id": dwelling.pk,
            "ready_on": TODAY.isoformat(),
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "dwelling"],
            "msg": "The dwelling is already reserved for IMDi-X.",
            "type": "value_error",
        }
    ]


def test_a_release_without_a_reason_answers_422_naming_the_reason(english, kari, trondheim):
    reservation = ReservationFactory(proposal=accepted(trondheim))
    english.force_login(kari)

    response = post(
        english, f"/api/settlement/reservations/{reservation.pk}/release", {"reason": ""}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "reason"]


def test_settling_through_the_api_drafts_one_lease(english, kari, trondheim):
    application = ApplicationFactory(municipality=trondheim)
    proposal = accepted(trondheim, days=0, application=application)
    reservation = ReservationFactory(proposal=proposal)
    english.force_login(kari)

    response = post(
        english,
        f"/api/settlement/arrivals/{proposal.pk}/settle",
        {"arrived_on": TODAY.isoformat(), "lease_start": TODAY.isoformat()},
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "settled"
    assert Lease.objects.filter(dwelling=reservation.dwelling).count() == 1


def test_another_municipalitys_reservation_and_dwelling_answer_404(english, sven, trondheim):
    reservation = ReservationFactory(proposal=accepted(trondheim))
    english.force_login(sven)

    assert english.get(f"/api/settlement/reservations/{reservation.pk}").status_code == 404
    released = post(
        english, f"/api/settlement/reservations/{reservation.pk}/release", {"reason": "x"}
    )
    assert released.status_code == 404


def test_the_forecast_api_names_the_first_month_short(english, mona, trondheim):
    year = TODAY.year + 1
    ProposalFactory(
        municipality=trondheim,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=datetime.date(year, 3, 10),
        bedrooms_needed=2,
        needs_accessible=True,
    )
    english.force_login(mona)

    body = english.get("/api/settlement/forecast", {"year": year}).json()

    assert body["first_shortfall_month"] == f"{year}-03-01"
    assert body["months"][2]["missing"] == [{"bedrooms": 2, "accessible": True, "count": 1}]


def test_temporary_residences_answer_404_in_norway_and_list_in_denmark(
    english, kari, sven, skanderborg
):
    english.force_login(kari)
    assert english.get("/api/settlement/temporary-residences").status_code == 404

    english.force_login(sven)
    made = post(
        english,
        "/api/settlement/temporary-residences",
        {
            "proposal_id": accepted(skanderborg).pk,
            "address": "Adelgade 5",
            "area_id": HousingAreaFactory(municipality=skanderborg).pk,
            "from_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
        },
    )
    assert made.status_code == 201, made.content
    assert english.get("/api/settlement/temporary-residences").json()[0]["days_waited"] == 10


def test_a_residence_without_an_address_answers_422_naming_the_address(english, sven, skanderborg):
    english.force_login(sven)

    response = post(
        english,
        "/api/settlement/temporary-residences",
        {
            "proposal_id": accepted(skanderborg).pk,
            "address": " ",
            "area_id": HousingAreaFactory(municipality=skanderborg).pk,
            "from_on": TODAY.isoformat(),
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "address"]
