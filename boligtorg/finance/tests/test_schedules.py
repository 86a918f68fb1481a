"""The payment schedule page of a recommended start loan."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from boligtorg.core.models import AuditAction, AuditEvent, Country
from boligtorg.finance.models import FinanceRate
from boligtorg.finance.services.decisions import financing_recommend

from .factories import FinancingCaseFactory, make_eligible

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _recommended(actor, municipality, **terms):
    case = make_eligible(FinancingCaseFactory(municipality=municipality, status="assessing"))
    financing_recommend(
        actor=actor,
        case=case,
        version=case.version,
        outcome="loan",
        loan_amount=Decimal(1_000_000),
        years=30,
        facts="Facts.",
        considerations="Considerations.",
        **terms,
    )
    return case


def test_a_million_at_five_percent_over_thirty_years_pays_5368_22_a_month(
    client, lars, lars_actor, trondheim
):
    """The annuity: 1,000,000 × r / (1 − (1 + r)^−360) with r = 0.05 / 12 = 5,368.22."""
    case = _recommended(lars_actor, trondheim, annual_rate=Decimal("5.000"))
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:schedule", args=[case.pk])).content.decode()
    assert "5,368.22 kr" in page
    assert "5.12 %" in page  # the effective rate: (1 + 0.05/12)^12 − 1
    response = client.get(reverse("finance:schedule", args=[case.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    instalments = [row for row in rows if isinstance(row[0], int)]
    assert len(instalments) == 360
    assert instalments[-1][6] == 0  # the balance reaches zero
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(case.pk)).exists()


def test_without_its_own_rate_the_round_uses_the_municipalitys_rate_of_that_kind(
    client, lars, lars_actor, trondheim
):
    case = _recommended(lars_actor, trondheim, rate_kind="fixed_5")
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:schedule", args=[case.pk])).content.decode()
    assert "No interest rate applies" in page
    FinanceRate.objects.create(
        country=Country.NORWAY, name="fixed_rate_5", valid_from=TODAY, percent=Decimal("5")
    )
    page = client.get(reverse("finance:schedule", args=[case.pk])).content.decode()
    assert "5,368.22 kr" in page and "the municipality's rate today" in page
