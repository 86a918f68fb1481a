"""The municipality's start-loan guideline: dated versions that never overwrite each
other, refused at the field where they would bind the assessment (forskrift om lån
fra Husbanken § 9-1), and shown on a case as guidance, never as a refusal."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditEvent
from boligtorg.domain.financing import (
    ABSOLUTE_INCOME_CAP,
    CITIZENSHIP_IRRELEVANT,
    NEVER_FIFTY_YEARS,
    PAYMENT_REMARKS_NOT_ABSOLUTE,
    RESIDENCE_WITHOUT_EXCEPTIONS,
)
from boligtorg.finance.models import EconomyLine, StartLoanGuideline
from boligtorg.finance.selectors.guideline import case_guidance, guideline_in_force
from boligtorg.finance.services import guideline as services

from .factories import FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
JAN = datetime.date(2026, 1, 1)
MALVIK_LIKE = {
    "adopted_on": datetime.date(2025, 12, 10),
    "case_reference": "PS 142/25",
    "text": "Alle typer trygd regnes som fast inntekt. Betalingsanmerkninger utelukker ikke.",
    "income_cap": Decimal(600_000),
    "fifty_years": "special_cases",
    "fixed_rate": "generally",
    "deferral": "special_cases",
}


def _add(actor, valid_from=JAN, **changes):
    return services.guideline_version_add(
        actor=actor, valid_from=valid_from, **{**MALVIK_LIKE, **changes}
    )


def test_lars_adds_a_version_and_a_later_one_keeps_the_first_as_it_was(lars_actor):
    first = _add(lars_actor)
    second = _add(lars_actor, valid_from=JAN.replace(month=6), income_cap=Decimal(650_000))
    first.refresh_from_db()
    assert first.income_cap == Decimal(600_000)
    municipality = lars_actor.municipality
    assert guideline_in_force(municipality=municipality, on=JAN.replace(month=5)) == first
    assert guideline_in_force(municipality=municipality, on=JAN.replace(month=6)) == second
    assert guideline_in_force(municipality=municipality, on=JAN.replace(day=1, year=2025)) is None
    assert AuditEvent.objects.filter(object_type="finance.startloanguideline").count() == 2


def test_a_second_version_on_the_same_date_is_refused_never_overwritten(lars_actor):
    _add(lars_actor)
    with pytest.raises(ValidationError) as caught:
        _add(lars_actor, income_cap=Decimal(1))
    assert caught.value.message_dict == {"valid_from": [str(services.ERROR_VERSION_TAKEN)]}
    assert StartLoanGuideline.objects.get().income_cap == Decimal(600_000)


def test_every_binding_setting_is_refused_at_its_field_all_at_once(lars_actor, english_messages):
    with pytest.raises(ValidationError) as caught:
        _add(
            lars_actor,
            income_cap_absolute=True,
            fifty_years="never",
            excludes_payment_remarks=True,
            requires_citizenship=True,
            residence_years=2,
            residence_exceptions="  ",
        )
    assert caught.value.message_dict == {
        "income_cap_absolute": [ABSOLUTE_INCOME_CAP],
        "fifty_years": [NEVER_FIFTY_YEARS],
        "excludes_payment_remarks": [PAYMENT_REMARKS_NOT_ABSOLUTE],
        "requires_citizenship": [CITIZENSHIP_IRRELEVANT],
        "residence_exceptions": [RESIDENCE_WITHOUT_EXCEPTIONS],
    }
    assert not StartLoanGuideline.objects.exists()


def test_the_reason_is_given_in_the_users_language(lars_actor):
    with override("nb"), pytest.raises(ValidationError) as caught:
        _add(lars_actor, fifty_years="never")
    assert caught.value.message_dict["fifty_years"] == [
        "Retningslinjene kan ikke utelukke 50 år: forskriften tillater det når de "
        "fire vilkårene er oppfylt, og hver sak må vurderes (§ 8-5 og § 9-1)."
    ]


def test_a_version_needs_its_text_or_document_and_its_case_reference(lars_actor):
    with pytest.raises(ValidationError) as caught:
        _add(lars_actor, text="", case_reference=" ", adopted_on=JAN.replace(month=2))
    assert caught.value.message_dict == {
        "text": [str(services.ERROR_TEXT_OR_DOCUMENT)],
        "case_reference": [str(services.ERROR_CASE_REFERENCE)],
        "valid_from": [str(services.ERROR_ADOPTED_AFTER_VALID)],
    }
    pdf = SimpleUploadedFile("vedtak.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    assert _add(lars_actor, text="", document=pdf).document.name.endswith(".pdf")


def test_a_caseworker_may_not_write_the_guideline(kari, trondheim):
    with pytest.raises(PermissionDenied):
        _add(actor_for(kari, trondheim))


def test_the_case_shows_the_income_cap_as_guidance_not_a_refusal(lars_actor, english_messages):
    _add(lars_actor)
    case = FinancingCaseFactory(municipality=lars_actor.municipality)
    EconomyLine.objects.create(case=case, kind="income", category="Lønn", monthly_amount=53_334)
    guidance = case_guidance(case=case, on=TODAY)
    assert guidance.notes == [
        "The guideline's income cap is 600,000 kr; the household's income after tax is "
        "640,008 kr a year — the guideline guides, it does not decide (§ 9-1)."
    ]


def test_a_municipality_without_a_guideline_sees_an_empty_state_and_a_link(english, lars):
    english.force_login(lars)
    page = english.get(reverse("finance:guideline")).content.decode()
    assert "The municipality has no start-loan guideline in force." in page
    assert 'href="#new-heading"' in page
    settings = english.get(reverse("finance:settings")).content.decode()
    assert "The municipality has no start-loan guideline." in settings
    assert reverse("finance:guideline") in settings


def test_lars_writes_the_guideline_on_the_page_and_sees_it_in_force(english, lars):
    english.force_login(lars)
    data = {
        "valid_from": TODAY.isoformat(),
        "adopted_on": TODAY.isoformat(),
        "case_reference": "PS 142/25",
        "income_cap": "600000",
        "fifty_years": "special_cases",
        "fixed_rate": "generally",
        "deferral": "special_cases",
        "text": "Alle typer trygd regnes som fast inntekt.",
    }
    refused = english.post(reverse("finance:guideline"), {**data, "deferral": "never"})
    assert "A guideline cannot rule out a period without instalments" in refused.content.decode()
    assert not StartLoanGuideline.objects.exists()
    response = english.post(reverse("finance:guideline"), data)
    assert response.status_code == 302
    page = english.get(reverse("finance:guideline")).content.decode()
    assert "In force" in page
    assert "600,000 kr a year after tax, as guidance" in page


def test_the_eligibility_page_shows_what_the_guideline_says(english, lars, lars_actor):
    _add(lars_actor, valid_from=TODAY)
    case = FinancingCaseFactory(municipality=lars_actor.municipality, status="assessing")
    EconomyLine.objects.create(case=case, kind="income", category="Lønn", monthly_amount=53_334)
    english.force_login(lars)
    page = english.get(reverse("finance:eligibility", args=[case.pk])).content.decode()
    assert "the guideline guides, it does not decide (§ 9-1)" in page
    assert "640,008 kr a year" in page


def test_the_guideline_is_norwegian_only_and_another_municipalitys_document_is_404(
    client, lars, trondheim, karen, sven
):
    row = _add(
        actor_for(lars, trondheim),
        text="",
        document=SimpleUploadedFile("v.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    )
    client.force_login(karen)
    assert client.get(reverse("finance:guideline")).status_code == 404
    client.force_login(lars)
    document = client.get(reverse("finance:guideline_document", args=[row.pk]))
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"


def test_the_first_version_starts_from_husbankens_usual_terms(english, lars):
    english.force_login(lars)
    form = english.get(reverse("finance:guideline")).context["form"]
    assert (form["fifty_years"].value(), form["fixed_rate"].value(), form["deferral"].value()) == (
        "special_cases",
        "generally",
        "special_cases",
    )


def test_the_case_guidance_costs_one_query_on_a_case_read_for_its_page(
    lars_actor, django_assert_num_queries
):
    from boligtorg.finance.selectors.cases import financing_case_get

    _add(lars_actor)
    case = FinancingCaseFactory(municipality=lars_actor.municipality)
    case = financing_case_get(actor=lars_actor, pk=case.pk, audit=False)
    with django_assert_num_queries(1):  # the version in force; economy, rounds prefetched
        case_guidance(case=case, on=TODAY)


def test_per_the_auditor_may_neither_read_nor_write_the_guideline_page(client, per):
    client.force_login(per)
    assert client.get(reverse("finance:guideline")).status_code == 403
    response = client.post(reverse("finance:guideline"), {"case_reference": "PS 1/26"})
    assert response.status_code == 403
    assert not StartLoanGuideline.objects.exists()
