"""The rent-to-own API: the list (paged and audited), one agreement, the offer, the
pipeline's steps and the savings, through the same services as the pages; 422
naming the field, 404 for another municipality's agreement and in a Danish
municipality."""

from decimal import Decimal

import pytest
from django.utils import timezone

from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.finance.models import RentToOwnAgreement
from boligtorg.finance.tests.factories import RentToOwnAgreementFactory
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/api/rent-to-own-agreements"


@pytest.fixture
def lars(trondheim):
    return member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")


@pytest.fixture
def karen(skanderborg):
    return member("karen", skanderborg, Role.LOAN_OFFICER, first_name="Karen", last_name="Skov")


def _terms(dwelling_id, **changes):
    return {
        "dwelling_id": dwelling_id,
        "price": 2_400_000,
        "start": TODAY.isoformat(),
        "rent_basis": "cost",
        "monthly_rent": 11_500,
        "monthly_cost_rent": 11_500,
        "monthly_saving": 2_500,
        "maintenance_duties": "Indre vedlikehold og hage.",
        "option_years": 5,
        **changes,
    }


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_lars_offers_to_the_tenant_signs_starts_renting_and_records_savings(
    client, lars, trondheim, english_messages
):
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True, status=DwellingStatus.LET)
    lease = LeaseFactory(municipality=trondheim, dwelling=dwelling)
    client.force_login(lars)

    offered = _post(client, URL, _terms(dwelling.pk))
    url = f"{URL}/{offered.json()['id']}"
    signed = _post(client, f"{url}/steps", {"step": "sign"})
    renting = _post(client, f"{url}/steps", {"step": "rent", "day": TODAY.isoformat()})
    saved = _post(client, f"{url}/savings", {"month": TODAY.isoformat(), "amount": 2500})
    read = client.get(url).json()

    assert offered.status_code == 201
    assert offered.json()["household_id"] == lease.household_id
    assert (signed.json()["status"], renting.json()["status"]) == ("signed", "renting")
    assert saved.status_code == 201
    assert read["savings_paid"] == "2500" and read["lease_id"] == lease.pk
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="finance.renttoownagreement"
    ).exists()


def test_the_list_is_paged_and_shows_only_the_municipalitys_agreements(
    client, lars, trondheim, skanderborg
):
    mine = RentToOwnAgreementFactory(municipality=trondheim)
    RentToOwnAgreementFactory(municipality=skanderborg)
    client.force_login(lars)

    body = client.get(URL).json()

    assert [row["id"] for row in body["items"]] == [mine.pk]
    assert body["count"] == 1


def test_bad_terms_answer_422_naming_each_field(client, lars, trondheim):
    empty = DwellingFactory(municipality=trondheim, rent_to_own=True)
    let = DwellingFactory(municipality=trondheim, rent_to_own=True, status=DwellingStatus.LET)
    LeaseFactory(municipality=trondheim, dwelling=let)
    client.force_login(lars)

    no_tenant = _post(client, URL, _terms(empty.pk))
    bad = _post(client, URL, _terms(let.pk, monthly_saving=0, maintenance_duties=" "))
    schema = _post(client, URL, _terms(let.pk, rent_basis="gift"))

    assert no_tenant.status_code == 422
    assert [e["loc"][-1] for e in no_tenant.json()["detail"]] == ["national_id"]
    assert bad.status_code == 422
    assert {e["loc"][-1] for e in bad.json()["detail"]} == {"monthly_saving", "maintenance_duties"}
    assert schema.status_code == 422
    assert "rent_basis" in {e["loc"][-1] for e in schema.json()["detail"]}
    assert not RentToOwnAgreement.objects.exists()


def test_a_household_with_an_open_agreement_is_refused_at_national_id(client, lars, trondheim):
    agreement = RentToOwnAgreementFactory(municipality=trondheim)
    dwelling = DwellingFactory(municipality=trondheim, rent_to_own=True, status=DwellingStatus.LET)
    LeaseFactory(municipality=trondheim, dwelling=dwelling, household=agreement.household)
    client.force_login(lars)

    response = _post(client, URL, _terms(dwelling.pk))

    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["national_id"]


def test_a_forbidden_step_answers_422_and_changes_nothing(client, lars, trondheim):
    agreement = RentToOwnAgreementFactory(municipality=trondheim)
    client.force_login(lars)

    response = _post(client, f"{URL}/{agreement.pk}/steps", {"step": "purchase"})

    assert response.status_code == 422
    agreement.refresh_from_db()
    assert agreement.status == "offered"


def test_another_municipalitys_agreement_and_dwelling_are_not_found(
    client, lars, trondheim, skanderborg
):
    theirs = RentToOwnAgreementFactory(municipality=skanderborg)
    their_dwelling = DwellingFactory(municipality=skanderborg, rent_to_own=True)
    client.force_login(lars)

    read = client.get(f"{URL}/{theirs.pk}")
    step = _post(client, f"{URL}/{theirs.pk}/steps", {"step": "sign"})
    saving = _post(client, f"{URL}/{theirs.pk}/savings", {"month": TODAY.isoformat(), "amount": 1})
    offer = _post(client, URL, _terms(their_dwelling.pk))

    assert [read.status_code, step.status_code, saving.status_code] == [404, 404, 404]
    assert offer.status_code == 422
    assert [e["loc"][-1] for e in offer.json()["detail"]] == ["dwelling_id"]
    theirs.refresh_from_db()
    assert theirs.status == "offered"


def test_a_danish_municipality_has_no_rent_to_own(client, karen, skanderborg):
    agreement = RentToOwnAgreementFactory(municipality=skanderborg)
    dwelling = DwellingFactory(municipality=skanderborg, rent_to_own=True)
    client.force_login(karen)

    answers = [
        client.get(URL).status_code,
        client.get(f"{URL}/{agreement.pk}").status_code,
        _post(client, URL, _terms(dwelling.pk)).status_code,
    ]

    assert answers == [404, 404, 404]
    assert RentToOwnAgreement.objects.filter(municipality=skanderborg).count() == 1


def test_a_caseworker_reads_nothing_and_a_manager_reads_but_cannot_write(client, kari, trondheim):
    agreement = RentToOwnAgreementFactory(municipality=trondheim)
    manager = member("mona", trondheim, Role.MANAGER)
    client.force_login(kari)
    read = client.get(f"{URL}/{agreement.pk}")
    client.force_login(manager)
    step = _post(client, f"{URL}/{agreement.pk}/steps", {"step": "sign"})

    assert (read.status_code, step.status_code) == (403, 403)
    assert Decimal(client.get(f"{URL}/{agreement.pk}").json()["price"]) == 2_400_000
