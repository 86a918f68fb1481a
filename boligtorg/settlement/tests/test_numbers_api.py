"""The API of the yearly numbers: the same rules and tenancy as the pages."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.settlement.models import ProposalStatus, TargetKind
from boligtorg.settlement.services import numbers as services
from boligtorg.settlement.services.numbers import target_record

from .factories import ProposalFactory, ProposedPersonFactory, SettlementTargetFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NEXT = TODAY.year + 1


def _post(client, body):
    return client.post("/api/settlement/targets", body, content_type="application/json")


def test_kari_records_a_decision_and_a_change_and_lists_both_versions(client, kari):
    client.force_login(kari)
    body = {"kind": "council_decision", "year": NEXT, "dated_on": TODAY.isoformat(), "total": 30}

    first = _post(client, body)
    second = _post(client, {**body, "total": 35, "minors": 4})

    assert first.status_code == 201, first.content
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    listed = client.get("/api/settlement/targets", {"year": NEXT}).json()
    assert [(t["version"], t["total"], t["in_force"]) for t in listed] == [
        (2, 35, True),
        (1, 30, False),
    ]
    read = client.get(f"/api/settlement/targets/{first.json()['id']}").json()
    assert read["in_force"] is False


def test_bad_input_is_a_422_naming_every_field(client, kari):
    client.force_login(kari)
    response = _post(
        client,
        {
            "kind": "imdi_request",
            "year": TODAY.year + 4,
            "dated_on": (TODAY + datetime.timedelta(days=1)).isoformat(),
            "total": 3,
            "minors": 4,
        },
    )

    assert response.status_code == 422
    fields = {item["loc"][-1]: item["msg"] for item in response.json()["detail"]}
    assert set(fields) == {"year", "dated_on", "minors"}
    assert fields["minors"] == str(services.ERROR_MINORS_OVER_TOTAL)
    assert _post(client, {"kind": "nonsense", "year": NEXT}).status_code == 422


def test_a_norwegian_municipality_gets_422_for_a_quota_and_404_for_a_danish_kind(
    client, kari, trondheim
):
    client.force_login(kari)
    response = _post(
        client,
        {
            "kind": "quota",
            "year": NEXT,
            "dated_on": TODAY.isoformat(),
            "total": 3,
            "set_by": "agreed",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "kind"
    wrong = SettlementTargetFactory(municipality=trondheim, kind=TargetKind.QUOTA)
    assert client.get(f"/api/settlement/targets/{wrong.pk}").status_code == 404
    assert client.get("/api/settlement/targets").json() == []


def test_another_municipalitys_figure_is_404(client, sven, trondheim):
    target = SettlementTargetFactory(municipality=trondheim)
    client.force_login(sven)
    assert client.get(f"/api/settlement/targets/{target.pk}").status_code == 404
    assert client.get("/api/settlement/targets").json() == []


def test_sven_records_skanderborgs_quota(client, sven):
    client.force_login(sven)
    response = _post(
        client,
        {
            "kind": "quota",
            "year": NEXT,
            "dated_on": TODAY.isoformat(),
            "national_figure": 4000,
            "region": "Region Midtjylland",
            "regional_quota": 800,
            "total": 40,
            "set_by": "service",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["set_by"] == "service"


def test_the_years_overview_and_figures_as_json(client, kari, kari_actor, trondheim, mona):
    target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=TODAY.year,
        dated_on=TODAY,
        total=10,
    )
    proposal = ProposalFactory(
        municipality=trondheim,
        status=ProposalStatus.SETTLED,
        arrived_on=datetime.date(TODAY.year, 1, 2),
    )
    ProposedPersonFactory.create_batch(2, proposal=proposal)
    client.force_login(kari)

    year = client.get("/api/settlement/overview", {"year": TODAY.year}).json()
    assert (year["figure"]["total"], year["settled"], year["remaining"]) == (10, 2, 8)

    published = client.get("/api/settlement/figures", {"year": TODAY.year}).json()
    settled = next(t for t in published["tables"] if t["key"] == "settled")
    assert settled["rows"][-1]["cells"] == [None, 0]
    assert published["suppressed_below"] == 5

    client.force_login(mona)
    exact = client.get("/api/settlement/figures", {"year": TODAY.year, "exact": True}).json()
    settled = next(t for t in exact["tables"] if t["key"] == "settled")
    assert settled["rows"][-1]["cells"] == [2, 0]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=mona).exists()


def test_per_the_auditor_gets_403(client, per):
    client.force_login(per)
    assert client.get("/api/settlement/targets").status_code == 403
    assert client.get("/api/settlement/overview", {"year": NEXT}).status_code == 403
