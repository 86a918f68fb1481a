import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligtorg.cases.factories import HouseholdFactory

from ..models import FoundDwelling, SearchOutcome
from ..services import search as services
from .factories import LandlordFactory

D = datetime.date


def test_a_search_with_nothing_given_shows_every_error_at_once(kari_actor, trondheim):
    with pytest.raises(ValidationError) as excinfo:
        services.search_case_open(
            kari_actor,
            household=HouseholdFactory(municipality=trondheim),
            needs="",
            max_rent=None,
            opened_on=None,
        )
    assert set(excinfo.value.message_dict) == {"needs", "max_rent", "opened_on"}


def test_a_search_goes_from_a_dwelling_found_and_a_viewing_to_a_lease(kari_actor, trondheim):
    search = services.search_case_open(
        kari_actor,
        household=HouseholdFactory(municipality=trondheim),
        needs="Two bedrooms near the school at Lade.",
        max_rent=Decimal("13000"),
        opened_on=D(2026, 3, 1),
    )
    found = services.dwelling_found_add(
        kari_actor,
        search,
        address="Ladeveien 14",
        monthly_rent=Decimal("12800"),
        landlord=LandlordFactory(municipality=trondheim),
        advertised_where="finn.no",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.viewing_record(kari_actor, found, viewed_on=D(2026, 2, 28))
    assert set(excinfo.value.message_dict) == {"viewed_on"}
    viewing = services.viewing_record(
        kari_actor, found, viewed_on=D(2026, 3, 10), accompanied_by="Kari Nordmann"
    )
    closed = services.search_case_close(
        kari_actor,
        search,
        outcome=SearchOutcome.LEASE,
        outcome_on=D(2026, 3, 20),
        followup_needed=True,
    )
    assert viewing.accompanied_by == "Kari Nordmann"
    assert closed.outcome == SearchOutcome.LEASE and closed.followup_needed
    with pytest.raises(ValidationError):
        services.dwelling_found_add(
            kari_actor, search, address="Gate 2", monthly_rent=Decimal("9000")
        )


@pytest.mark.django_db
def test_kari_records_a_viewing_on_the_search_page_and_sven_gets_404(client, kari, sven, trondheim):
    from django.urls import reverse

    from boligtorg.cases.factories import ApplicationFactory

    case = ApplicationFactory(municipality=trondheim)
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("rental:search_open") + f"?application={case.pk}",
        {"needs": "Two bedrooms", "max_rent": "12000", "opened_on": "2026-03-01"},
    )
    assert response.status_code == 302, response.content
    url = response["Location"]
    client.post(
        url, {"action": "found", "found-address": "Ladeveien 14", "found-monthly_rent": "11800"}
    )
    found = FoundDwelling.objects.get(search__household=case.household)
    response = client.post(
        url,
        {
            "action": "viewing",
            "viewing-dwelling": found.pk,
            "viewing-viewed_on": "2026-03-05",
            "viewing-accompanied_by": "Kari Nordmann",
        },
    )
    assert response.status_code == 302
    assert "Kari Nordmann" in client.get(url).content.decode()
    client.force_login(sven)
    assert client.get(url).status_code == 404
