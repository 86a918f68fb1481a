"""The accommodation API: the same rules and tenancy as the pages."""

from django.utils import timezone

from boligtorg.core.models import AuditEvent

from .factories import family_case, granted, provider

TODAY = timezone.localdate()


def _post(client, path, body):
    return client.post(f"/api/accommodation/{path}", body, content_type="application/json")


def test_kari_registers_a_provider_and_reads_it_back(client, kari):
    client.force_login(kari)
    made = _post(client, "providers", {"name": "Nidaros Camping", "address": "Leirvegen 3"})
    assert made.status_code == 201, made.content
    listed = client.get("/api/accommodation/providers").json()
    assert [p["name"] for p in listed["items"]] == ["Nidaros Camping"]
    read = client.get(f"/api/accommodation/providers/{made.json()['id']}")
    assert read.json()["address"] == "Leirvegen 3"


def test_a_provider_without_a_name_answers_422_naming_the_field(client, kari):
    client.force_login(kari)
    response = _post(client, "providers", {"name": " ", "address": "Leirvegen 3"})
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["name"]


def test_a_family_with_a_provider_not_approved_for_children_answers_422_on_provider(
    client, kari, trondheim
):
    case = family_case(trondheim, kari)
    body = {
        "application": case.pk,
        "provider": provider(trondheim, kari).pk,
        "starts_on": TODAY.isoformat(),
        "members": [m.pk for m in case.household.members.all()],
        "decision": granted(case, kari).pk,
    }
    client.force_login(kari)
    response = _post(client, "placements", body)
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["provider"]
    approved = provider(trondheim, kari, name="Familiehuset", children=True)
    response = _post(client, "placements", {**body, "provider": approved.pk})
    assert response.status_code == 201, response.content
    listed = client.get("/api/accommodation/placements").json()
    assert [p["id"] for p in listed["items"]] == [response.json()["id"]]
    assert AuditEvent.objects.filter(object_type="accommodation.placement", action="list").exists()


def test_another_municipalitys_provider_and_placement_are_not_found(
    client, kari, trondheim, sven, skanderborg, ole_case
):
    theirs = provider(skanderborg, sven)
    client.force_login(kari)
    assert client.get(f"/api/accommodation/providers/{theirs.pk}").status_code == 404
    body = {
        "application": ole_case.pk,
        "provider": theirs.pk,
        "starts_on": TODAY.isoformat(),
        "members": [m.pk for m in ole_case.household.members.all()],
        "emergency": True,
    }
    assert _post(client, "placements", body).status_code == 404
    body["provider"] = provider(trondheim, kari).pk
    made = _post(client, "placements", body)
    assert made.status_code == 201, made.content
    client.force_login(sven)
    assert client.get(f"/api/accommodation/placements/{made.json()['id']}").status_code == 404
