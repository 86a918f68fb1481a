"""The deposit-loan API (Denmark's indskudslån): the list (paged and audited), one
loan, the application, the decision, the payout, repayment and closing, through the
same services as the pages; 422 naming the field, 404 for another municipality's
loan and in a Norwegian municipality."""

import pytest
from django.utils import timezone

from boligtorg.core.factories import MunicipalityFactory, member
from boligtorg.core.models import AuditAction, AuditEvent, Country, Role
from boligtorg.finance.models import DepositLoan, ReferenceTable
from boligtorg.finance.tests.factories import DepositLoanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/api/deposit-loans"


@pytest.fixture
def karen(skanderborg):
    return member("karen", skanderborg, Role.LOAN_OFFICER, first_name="Karen", last_name="Skov")


@pytest.fixture
def lars(trondheim):
    return member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")


@pytest.fixture
def rules(db):
    """Limit 300,000 + 50,000 per child, own part 3,000, the municipality's share 0.5,
    5 years without interest and 10 without instalments, from 1 January."""
    return ReferenceTable.objects.create(
        country=Country.DENMARK,
        kind="deposit_loan",
        valid_from=TODAY.replace(month=1, day=1),
        source="Test rules",
        data={
            "income_limit_by_kind": {"family_dwelling": "300000"},
            "income_limit_per_child": "50000",
            "max_children_counted": 4,
            "own_part": "3000",
            "max_deposit": "150000",
            "municipality_share": "0.5",
            "interest_free_years": 5,
            "instalment_free_years": 10,
        },
    )


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def _application(**changes):
    return {
        "first_name": "Mette",
        "last_name": "Holm",
        "date_of_birth": "1990-04-02",
        "received_on": TODAY.isoformat(),
        "dwelling_address": "Skovvej 12, 2. th.",
        "housing_organisation": "Boligselskabet Test",
        "dwelling_kind": "family_dwelling",
        "deposit": 28_000,
        "yearly_income": 380_000,
        "children": 2,
        **changes,
    }


def test_karen_registers_decides_pays_out_and_closes_a_deposit_loan(
    client, karen, skanderborg, rules
):
    client.force_login(karen)

    registered = _post(client, URL, _application())
    url = f"{URL}/{registered.json()['id']}"
    decided = _post(
        client,
        f"{url}/decision",
        {"outcome": "granted", "decided_on": TODAY.isoformat(), "reasons": "Under the limit."},
    )
    paid = _post(client, f"{url}/payout", {"paid_out_on": TODAY.isoformat()})
    repaying = _post(client, f"{url}/repaying")
    closed = _post(client, f"{url}/closing", {"note": "Repaid in full."})

    assert registered.status_code == 201
    assert registered.json()["number"].startswith("I")
    # 28,000 − the own part 3,000 = 25,000, half of it the municipality's share.
    assert (decided.json()["loan_amount"], decided.json()["municipality_share"]) == (
        "25000.00",
        "12500.00",
    )
    assert [paid.json()["status"], repaying.json()["status"], closed.json()["status"]] == [
        "paid_out",
        "repaying",
        "closed",
    ]
    assert client.get(url).json()["closing_note"] == "Repaid in full."
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="finance.depositloan"
    ).exists()


def test_the_list_is_paged_and_shows_only_the_municipalitys_loans(
    client, karen, skanderborg, trondheim
):
    mine = DepositLoanFactory(municipality=skanderborg)
    DepositLoanFactory(municipality=trondheim)
    client.force_login(karen)

    body = client.get(URL, {"status": "open"}).json()

    assert [row["id"] for row in body["items"]] == [mine.pk]
    assert body["count"] == 1


def test_bad_input_answers_422_naming_each_field(client, karen, skanderborg, rules):
    loan = DepositLoanFactory(municipality=skanderborg, received_on=TODAY.replace(day=1))
    client.force_login(karen)

    registered = _post(client, URL, _application(dwelling_address=" ", housing_organisation=""))
    over_limit = _post(
        client,
        f"{URL}/{loan.pk}/decision",
        {
            "outcome": "granted",
            "decided_on": TODAY.isoformat(),
            "reasons": "Asked.",
            "yearly_income": 900_000,
        },
    )
    no_note = _post(client, f"{URL}/{loan.pk}/closing", {"note": ""})

    assert registered.status_code == 422
    assert {e["loc"][-1] for e in registered.json()["detail"]} == {
        "dwelling_address",
        "housing_organisation",
    }
    assert over_limit.status_code == 422
    assert [e["loc"][-1] for e in over_limit.json()["detail"]] == ["yearly_income"]
    assert no_note.status_code == 422
    assert [e["loc"][-1] for e in no_note.json()["detail"]] == ["note"]
    loan.refresh_from_db()
    assert (loan.status, loan.yearly_income) == ("received", 320_000)


def test_another_municipalitys_loan_is_not_found(client, karen, skanderborg, rules):
    aarhus = MunicipalityFactory(country=Country.DENMARK, code="0751", name="Aarhus")
    theirs = DepositLoanFactory(municipality=aarhus)
    client.force_login(karen)

    read = client.get(f"{URL}/{theirs.pk}")
    paid = _post(client, f"{URL}/{theirs.pk}/payout", {"paid_out_on": TODAY.isoformat()})
    closed = _post(client, f"{URL}/{theirs.pk}/closing", {"note": "Mine now."})

    assert [read.status_code, paid.status_code, closed.status_code] == [404, 404, 404]
    theirs.refresh_from_db()
    assert theirs.status == "received"


def test_a_norwegian_municipality_has_no_deposit_loans(client, lars, trondheim):
    loan = DepositLoanFactory(municipality=trondheim)
    client.force_login(lars)

    answers = [
        client.get(URL).status_code,
        client.get(f"{URL}/{loan.pk}").status_code,
        _post(client, URL, _application()).status_code,
        _post(client, f"{URL}/{loan.pk}/closing", {"note": "No."}).status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert DepositLoan.objects.count() == 1


def test_a_caseworker_cannot_read_and_sven_cannot_write(client, sven, skanderborg):
    loan = DepositLoanFactory(municipality=skanderborg)
    client.force_login(sven)

    read = client.get(f"{URL}/{loan.pk}")
    registered = _post(client, URL, _application())

    assert (read.status_code, registered.status_code) == (403, 403)
