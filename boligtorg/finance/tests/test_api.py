"""The finance API: the same rules as the pages, 422 naming the field, 409 for a
stale version, 403 for the recommender deciding, 404 for another municipality."""

import pytest
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role

from .factories import FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()
RECOMMENDATION = {
    "outcome": "loan",
    "loan_amount": 1_000_000,
    "annual_rate": "5.000",
    "facts": "Two banks refused.",
    "considerations": "Can carry the loan at the stress rate.",
}


def test_lars_registers_recommends_and_mona_decides_through_the_api(client, lars, mona):
    client.force_login(lars)
    created = client.post(
        "/api/financing-cases",
        {
            "first_name": "Nora",
            "last_name": "Lie",
            "date_of_birth": "1990-05-01",
            "received_on": TODAY,
            "purpose": "buy_full",
            "price": 2_000_000,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case = created.json()
    line = client.post(
        f"/api/financing-cases/{case['id']}/economy-lines",
        {"kind": "income", "category": "Wages", "monthly_amount": 38_000},
        content_type="application/json",
    )
    assert line.status_code == 201
    for question in ("no_bank_loan", "children_or_needs"):
        answered = client.put(
            f"/api/financing-cases/{case['id']}/eligibility",
            {"question": question, "answer": True, "reason": "On file."},
            content_type="application/json",
        )
        assert answered.status_code == 200, answered.content
    version = client.get(f"/api/financing-cases/{case['id']}").json()["version"]
    recommended = client.post(
        f"/api/financing-cases/{case['id']}/recommendation",
        {**RECOMMENDATION, "version": version},
        content_type="application/json",
    )
    assert recommended.status_code == 201, recommended.content
    same = client.post(
        f"/api/financing-cases/{case['id']}/decision",
        {"decided_on": TODAY},
        content_type="application/json",
    )
    assert same.status_code == 403
    client.force_login(mona)
    decided = client.post(
        f"/api/financing-cases/{case['id']}/decision",
        {"decided_on": TODAY},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["decided_by_id"] == mona.pk
    schedule = client.get(f"/api/financing-cases/{case['id']}/schedule").json()
    assert schedule["highest_payment"] == "5368.22"
    assert len(schedule["instalments"]) == 360


def test_rule_errors_answer_422_naming_each_field(client, lars, trondheim):
    case = FinancingCaseFactory(municipality=trondheim, status="assessing")
    client.force_login(lars)
    response = client.post(
        f"/api/financing-cases/{case.pk}/recommendation",
        {
            "version": case.version,
            "outcome": "refused",
            "loan_amount": 5,
            "years": 40,
            "periods_per_year": 6,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {error["loc"][-1] for error in response.json()["detail"]}
    assert {
        "loan_amount",
        "facts",
        "how_to_qualify",
        "lt_permanently_low_income",
        "periods_per_year",
    } <= fields


def test_a_stale_version_answers_409(client, lars, trondheim):
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(lars)
    first = client.patch(
        f"/api/financing-cases/{case.pk}",
        {"version": 1, "equity": 100_000},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["equity"] == "100000"
    stale = client.patch(
        f"/api/financing-cases/{case.pk}",
        {"version": 1, "equity": 90_000},
        content_type="application/json",
    )
    assert stale.status_code == 409


def test_the_list_is_audited_and_another_municipality_gets_404(
    client, lars, trondheim, skanderborg
):
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(lars)
    assert client.get("/api/financing-cases").json()["items"][0]["id"] == case.pk
    assert AuditEvent.objects.filter(action=AuditAction.LIST, actor=lars).exists()
    karen = member("karen", skanderborg, Role.LOAN_OFFICER)
    client.force_login(karen)
    assert client.get(f"/api/financing-cases/{case.pk}").status_code == 404
    # A Danish municipality has no start loans at all (deposit loans instead).
    assert client.get("/api/financing-cases").status_code == 404
