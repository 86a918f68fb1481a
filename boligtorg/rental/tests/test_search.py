import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligtorg.cases.factories import HouseholdFactory

from ..models import SearchOutcome
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
