"""The finance pages as Lars the loan officer, Mona the manager, Kari the caseworker
(no access) and Sven of Skanderborg (another municipality)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.finance.models import FinancingCase

from .factories import EconomyLineFactory, FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_lars_lists_searches_and_opens_cases_and_each_read_is_audited(client, lars, trondheim):
    cases = [FinancingCaseFactory(municipality=trondheim) for _ in range(3)]
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_list")).content.decode()
    assert all(case.number in page for case in cases)
    assert AuditEvent.objects.filter(action=AuditAction.LIST, actor=lars).count() == 1

    # The search posts and is kept out of the URL.
    response = client.post(reverse("finance:case_list"), {"q": cases[0].applicant.national_id})
    assert cases[0].applicant.national_id not in response["Location"]
    found = client.get(response["Location"]).content.decode()
    assert cases[0].number in found and cases[1].number not in found

    detail = client.get(reverse("finance:case_detail", args=[cases[0].pk])).content.decode()
    assert cases[0].applicant.last_name in detail
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="finance.financingcase", object_id=str(cases[0].pk)
    ).exists()


def test_the_list_costs_the_same_queries_for_more_cases(
    client, lars, trondheim, django_assert_num_queries
):
    client.force_login(lars)
    FinancingCaseFactory(municipality=trondheim)
    client.get(reverse("finance:case_list"))
    # Session, user, membership, count, page, audit.
    with django_assert_num_queries(6):
        client.get(reverse("finance:case_list"))
    for _ in range(5):
        FinancingCaseFactory(municipality=trondheim)
    with django_assert_num_queries(6):
        client.get(reverse("finance:case_list"))


def test_an_empty_list_offers_to_register_the_first_application(client, lars):
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_list")).content.decode()
    assert "No applications for financing yet." in page
    assert reverse("finance:case_create") in page


def test_the_register_form_keeps_what_was_typed_and_names_every_error(client, lars):
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("finance:case_create"),
        {
            "national_id": "",
            "first_name": "Nora",
            "last_name": "",
            "received_on": TODAY.isoformat(),
            "purpose": "",
            "product": "ordinary",
            "home_address": "Fjordgata 3",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Fjordgata 3"' in page and 'value="Nora"' in page
    assert "This field is required." in page  # the purpose
    assert not FinancingCase.objects.exists()


def test_lars_registers_an_application_through_the_form(client, lars):
    client.force_login(lars)
    response = client.post(
        reverse("finance:case_create"),
        {
            "first_name": "Nora",
            "last_name": "Lie",
            "date_of_birth": "1990-05-01",
            "received_on": TODAY.isoformat(),
            "purpose": "buy_full",
            "product": "first_home",
            "price": "2500000",
        },
    )
    case = FinancingCase.objects.get()
    assert response["Location"] == reverse("finance:case_detail", args=[case.pk])
    assert (case.product, case.price) == ("first_home", 2_500_000)


def test_the_case_page_shows_the_economy_sums_and_what_is_left(client, lars, trondheim):
    case = FinancingCaseFactory(municipality=trondheim, bank_loan_monthly=9_000)
    EconomyLineFactory(case=case, kind="income", monthly_amount=40_000)
    EconomyLineFactory(case=case, kind="living", category="Food", monthly_amount=12_000)
    EconomyLineFactory(case=case, kind="fixed", category="Student loan", monthly_amount=2_000)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    # 40,000 − 12,000 − 2,000 − 9,000 (the bank loan) = 17,000
    assert "<strong>17,000 kr</strong>" in page
    # 3,000,000 + 80,000 against 80,000 + 2,000,000 + 1,000,000: adds up
    assert "Adds up" in page


def test_kari_the_caseworker_gets_403_and_mona_the_manager_reads_but_cannot_write(
    client, kari, mona, trondheim
):
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(kari)
    assert client.get(reverse("finance:case_list")).status_code == 403
    assert client.get(reverse("finance:case_detail", args=[case.pk])).status_code == 403
    client.force_login(mona)
    assert client.get(reverse("finance:case_detail", args=[case.pk])).status_code == 200
    assert client.get(reverse("finance:case_create")).status_code == 403
    assert client.post(reverse("finance:economy_add", args=[case.pk])).status_code == 403


def test_sven_of_skanderborg_gets_404_for_trondheims_case(client, sven, trondheim, skanderborg):
    from boligtorg.core.factories import member
    from boligtorg.core.models import Role

    karen = member("karen", skanderborg, Role.LOAN_OFFICER)
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(karen)
    assert client.get(reverse("finance:case_detail", args=[case.pk])).status_code == 404
    assert case.number not in client.get(reverse("finance:case_list")).content.decode()


def test_the_eligibility_form_names_every_missing_reason_at_once(client, lars, trondheim):
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("finance:eligibility", args=[case.pk]),
        {"no_bank_loan__answer": "yes", "used_saving__answer": "no"},
    )
    page = response.content.decode()
    assert page.count("Give the reason for the answer.") == 4  # summary + field, twice
    assert not case.eligibility.exists()


def test_the_decision_page_tells_the_recommender_someone_else_decides(
    client, lars, lars_actor, trondheim
):
    from boligtorg.finance.services.decisions import financing_recommend

    case = FinancingCaseFactory(municipality=trondheim, status="assessing")
    financing_recommend(
        actor=lars_actor,
        case=case,
        version=case.version,
        outcome="advice",
        facts="Facts.",
        considerations="Considerations.",
    )
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:decide", args=[case.pk])).content.decode()
    assert "The decision must be made by another person" in page
    response = client.post(
        reverse("finance:decide", args=[case.pk]),
        {"action": "decide", "decided_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "recommended"
