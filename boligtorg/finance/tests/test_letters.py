"""The decision letter and the consumer credit information as PDF, checked after
extraction with pdftotext, in the applicant's language."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.domain.deadlines import appeal_deadline
from boligtorg.finance.services.decisions import financing_decide, financing_recommend

from .factories import FinancingCaseFactory, make_eligible

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _decided(lars_actor, mona_actor, municipality, **fields):
    case = make_eligible(FinancingCaseFactory(municipality=municipality, status="assessing"))
    financing_recommend(
        actor=lars_actor,
        case=case,
        version=case.version,
        **{
            "outcome": "loan",
            "loan_amount": Decimal(1_000_000),
            "annual_rate": Decimal("5.000"),
            "conditions": "The loan is paid out when the purchase contract is signed.",
            "facts": "Two banks refused; income 410,000 a year after tax.",
            "considerations": "The household can carry the loan at the stress rate.",
            **fields,
        },
    )
    financing_decide(actor=mona_actor, case=case, decided_on=TODAY)
    return case


def test_the_grant_letter_gives_amount_terms_conditions_and_appeal_in_bokmål(
    client, lars, lars_actor, mona_actor, trondheim, tmp_path
):
    case = _decided(lars_actor, mona_actor, trondheim)
    client.force_login(lars)
    response = client.get(reverse("finance:letter", args=[case.pk]))
    text = pdf_text(response.content, tmp_path)
    with translation.override("nb"):
        deadline = formats.date_format(appeal_deadline(TODAY, "NO"), "DATE_FORMAT")
    assert "innvilget" in text
    assert "1 000 000 kr" in text
    assert "The loan is paid out when the purchase contract is signed." in text
    assert deadline in text
    assert "kommunens egen klageinstans" in text


def test_a_refusal_letter_says_what_would_qualify_later(
    client, lars, lars_actor, mona_actor, trondheim, tmp_path
):
    case = _decided(
        lars_actor,
        mona_actor,
        trondheim,
        outcome="refused",
        loan_amount=Decimal(0),
        how_to_qualify="Apply again when the consumer debt is repaid.",
    )
    case.applicant.language = "en"
    case.applicant.save()
    client.force_login(lars)
    text = pdf_text(client.get(reverse("finance:letter", args=[case.pk])).content, tmp_path)
    assert "is refused" in text
    assert "What would qualify you later Apply again when the consumer debt is repaid." in text
    assert "The municipality first reconsiders its decision." in text


def test_the_credit_information_shows_the_effective_rate_and_the_total(
    client, lars, lars_actor, mona_actor, trondheim, tmp_path
):
    case = _decided(lars_actor, mona_actor, trondheim)
    case.applicant.language = "en"
    case.applicant.save()
    client.force_login(lars)
    text = pdf_text(client.get(reverse("finance:sef", args=[case.pk])).content, tmp_path)
    assert "Standard European consumer credit information" in text
    assert "5.12 %" in text  # (1 + 0.05 / 12)^12 − 1
    assert "360 instalments" in text
    assert "the highest is 5,368.22 kr" in text
    assert "within 14 days" in text


def test_no_letter_before_the_decision(client, lars, trondheim):
    case = FinancingCaseFactory(municipality=trondheim)
    client.force_login(lars)
    assert client.get(reverse("finance:letter", args=[case.pk])).status_code == 404
    assert client.get(reverse("finance:sef", args=[case.pk])).status_code == 404
