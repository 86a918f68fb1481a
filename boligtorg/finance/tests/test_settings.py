"""The finance settings: the municipality's own rates and its price limits, and the
price limit's check on the case."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import HouseholdMember
from boligtorg.finance.models import FinanceRate, PriceLimit

from .factories import FinancingCaseFactory

pytestmark = pytest.mark.django_db
FROM = datetime.date(2026, 1, 1)


def test_lars_sets_the_floating_rate_and_a_price_limit(client, lars):
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    client.post(
        reverse("finance:settings"),
        {"action": "rate", "name": "floating_rate", "percent": "5.125", "valid_from": "2026-01-01"},
    )
    rate = FinanceRate.objects.get()
    assert (rate.municipality.code, rate.percent) == ("5001", Decimal("5.125"))
    response = client.post(
        reverse("finance:settings"),
        {
            "action": "limit",
            "area": "",
            "household_size": "3",
            "max_price": "3200000",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    again = client.post(
        reverse("finance:settings"),
        {
            "action": "limit",
            "area": "",
            "household_size": "3",
            "max_price": "3300000",
            "valid_from": "2026-01-01",
        },
    ).content.decode()
    assert "This area and household size already have a limit from this date." in again
    assert 'value="3300000"' in again  # what was typed is kept
    page = client.get(reverse("finance:settings")).content.decode()
    assert "5.125 %" in page and "3,200,000 kr" in page


def test_a_price_over_the_areas_limit_shows_by_how_much_and_is_no_refusal(client, lars, trondheim):
    """A family of three buying at 3,350,000 where the limit for three or more is
    3,200,000: 150,000 over."""
    PriceLimit.objects.create(
        municipality=trondheim, area="", household_size=3, max_price=3_200_000, valid_from=FROM
    )
    PriceLimit.objects.create(
        municipality=trondheim, area="", household_size=1, max_price=2_000_000, valid_from=FROM
    )
    case = FinancingCaseFactory(municipality=trondheim, price=3_350_000)
    for _ in range(2):
        HouseholdMember.objects.create(
            household=case.household,
            person=PersonFactory(municipality=trondheim),
            relation="child",
        )
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:case_detail", args=[case.pk])).content.decode()
    assert "150,000 kr over the price limit of 3,200,000 kr" in page


def test_kari_may_not_change_the_settings_and_limits_of_another_municipality_are_404(
    client, kari, lars, skanderborg
):
    client.force_login(kari)
    assert client.get(reverse("finance:settings")).status_code == 403
    other = PriceLimit.objects.create(
        municipality=skanderborg, household_size=1, max_price=1, valid_from=FROM
    )
    client.force_login(lars)
    assert client.post(reverse("finance:price_limit_delete", args=[other.pk])).status_code == 404
    assert PriceLimit.objects.filter(pk=other.pk).exists()


def test_a_system_administrator_corrects_a_reference_table_and_it_is_audited(client, db):
    from boligtorg.core.factories import UserFactory
    from boligtorg.core.models import AuditAction, AuditEvent
    from boligtorg.finance.models import ReferenceTable
    from boligtorg.finance.services.reference import reference_defaults_ensure

    reference_defaults_ensure()
    table = ReferenceTable.objects.filter(kind="social_assistance").first()
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:finance_referencetable_change", args=[table.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "country": table.country,
            "kind": table.kind,
            "valid_from": table.valid_from.isoformat(),
            "data": '{"single_adult": "8100", "adult_sharing": "6750", "child_by_age_band": {}}',
            "source": "Checked against the 2025 circular",
        },
    )
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.source == "Checked against the 2025 circular"
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="finance.referencetable"
    ).exists()
