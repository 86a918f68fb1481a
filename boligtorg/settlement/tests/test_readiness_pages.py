"""The readiness pages: arrivals with candidates and a Reserve button, the release
confirmation, settling, the forecast, Danish temporary residences and the minors."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Lease
from boligtorg.planning.factories_areas import AreaIndicatorFactory, PlanningAreaFactory
from boligtorg.planning.services.areas import criterion_sets_ensure
from boligtorg.settlement.models import ProposalStatus, Reservation, TemporaryResidence

from .factories import ProposalFactory, ProposedPersonFactory, ReservationFactory

TODAY = timezone.localdate()


def accepted(municipality, days=21, **fields):
    return ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY + datetime.timedelta(days=days),
        **fields,
    )


def test_the_arrivals_page_offers_fitting_dwellings_with_a_reserve_button(english, kari, trondheim):
    proposal = accepted(trondheim, list_reference="IMDi-2026-11/A", bedrooms_needed=1)
    DwellingFactory(municipality=trondheim, bedrooms=1, address="Fitting gate 1")
    DwellingFactory(municipality=trondheim, bedrooms=3, address="Too big gate 3")
    english.force_login(kari)

    response = english.get(reverse("settlement:arrivals"))

    body = response.content.decode()
    assert "IMDi-2026-11/A" in body
    assert "Fitting gate 1" in body
    assert "Too big gate 3" not in body
    assert reverse("settlement:reserve", args=[proposal.pk]) in body


def test_reserving_from_the_arrivals_page_shows_the_reservation(english, kari, trondheim):
    proposal = accepted(trondheim)
    dwelling = DwellingFactory(municipality=trondheim)
    english.force_login(kari)

    response = english.post(
        reverse("settlement:reserve", args=[proposal.pk]),
        {"dwelling": dwelling.pk, "ready_on": TODAY.isoformat()},
        follow=True,
    )

    assert Reservation.objects.filter(proposal=proposal, dwelling=dwelling).exists()
    assert "Reserved" in response.content.decode()


def test_a_refused_reservation_shows_every_error_on_the_form(english, kari, trondheim):
    proposal = accepted(trondheim, days=5)
    dwelling = DwellingFactory(municipality=trondheim)
    ReservationFactory(proposal=accepted(trondheim, list_reference="IMDi-X"), dwelling=dwelling)
    english.force_login(kari)

    response = english.post(
        reverse("settlement:reserve", args=[proposal.pk]),
        {"dwelling": dwelling.pk, "ready_on": (TODAY + datetime.timedelta(days=9)).isoformat()},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "The dwelling is already reserved for IMDi-X." in body
    assert "The dwelling must be ready by the arrival" in body


def test_release_asks_for_confirmation_and_a_reason(english, kari, trondheim):
    reservation = ReservationFactory(proposal=accepted(trondheim))
    english.force_login(kari)
    url = reverse("settlement:reservation_release", args=[reservation.pk])

    assert "Release the reservation" in english.get(url).content.decode()
    refused = english.post(url, {"reason": ""})
    assert "Say why the reservation is released." in refused.content.decode()
    english.post(url, {"reason": "Ankomsten er avlyst"})
    reservation.refresh_from_db()
    assert reservation.release_reason == "Ankomsten er avlyst"


def test_settling_on_the_page_drafts_the_lease(english, kari, trondheim):
    application = ApplicationFactory(municipality=trondheim)
    proposal = accepted(trondheim, days=0, application=application)
    reservation = ReservationFactory(proposal=proposal)
    english.force_login(kari)

    english.post(
        reverse("settlement:settle", args=[proposal.pk]),
        {"arrived_on": TODAY.isoformat(), "lease_start": TODAY.isoformat(), "rent": "9100"},
    )

    lease = Lease.objects.get(dwelling=reservation.dwelling)
    assert lease.rent == Decimal("9100")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SETTLED


def test_the_forecast_page_says_the_first_month_short(english, mona, trondheim):
    year = TODAY.year + 1
    ProposalFactory(
        municipality=trondheim,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=datetime.date(year, 3, 10),
        bedrooms_needed=3,
    )
    english.force_login(mona)

    response = english.get(reverse("settlement:forecast"), {"year": year})

    assert f"In March {year} 1 3-bedroom dwelling is missing." in response.content.decode()


def test_another_municipalitys_reservation_answers_404(english, sven, trondheim):
    reservation = ReservationFactory(proposal=accepted(trondheim))
    english.force_login(sven)

    response = english.get(reverse("settlement:reservation_release", args=[reservation.pk]))

    assert response.status_code == 404


def test_an_auditor_cannot_open_the_arrivals(english, per):
    english.force_login(per)

    assert english.get(reverse("settlement:arrivals")).status_code == 403


def test_temporary_residences_answer_404_in_norway(english, kari):
    english.force_login(kari)

    assert english.get(reverse("settlement:residences")).status_code == 404


def test_the_residence_form_explains_the_area_rule_at_the_field(english, sven, skanderborg):
    from boligtorg.domain.settlement import list_year_in_force

    criterion_sets_ensure(municipality=skanderborg)
    year = list_year_in_force(TODAY)
    area = PlanningAreaFactory(municipality=skanderborg, area__name="Vestergade")
    AreaIndicatorFactory(area=area, year=year, convictions_ratio=Decimal("3.2"))
    proposal = accepted(skanderborg, list_reference="US-2026-0101")
    english.force_login(sven)

    response = english.post(
        reverse("settlement:residence_add"),
        {
            "proposal": proposal.pk,
            "address": "Vestergade 4",
            "area": area.area.pk,
            "from_on": TODAY.isoformat(),
        },
    )

    assert (
        f"Vestergade 4 lies in an area on the {year} list of vulnerable housing areas"
        in response.content.decode()
    )
    assert not TemporaryResidence.objects.exists()


def test_the_residence_list_shows_the_days_waited(english, sven, skanderborg):
    from boligtorg.planning.factories_areas import HousingAreaFactory

    TemporaryResidence.objects.create(
        municipality=skanderborg,
        proposal=accepted(skanderborg),
        address="Adelgade 5",
        area=HousingAreaFactory(municipality=skanderborg),
        from_on=TODAY - datetime.timedelta(days=45),
        created_by=sven,
    )
    english.force_login(sven)

    body = english.get(reverse("settlement:residences")).content.decode()

    assert "Adelgade 5" in body
    assert ">45<" in body


@pytest.mark.parametrize(
    ("months_to_eighteen", "listed"),
    [(0, True), (12, True), (None, False)],
)
def test_the_minors_list_takes_those_turning_eighteen_within_twelve_months(
    english, kari, trondheim, months_to_eighteen, listed
):
    from boligtorg.domain.deadlines import add_months

    if months_to_eighteen is None:
        # Eighteen one day after the twelve months: not yet on the list.
        born = add_months(TODAY, 12) + datetime.timedelta(days=1)
    else:
        born = add_months(TODAY, months_to_eighteen)
    born = born.replace(year=born.year - 18)
    proposal = accepted(trondheim, unaccompanied_minor=True, list_reference="IMDi-M")
    ProposedPersonFactory(proposal=proposal, date_of_birth=born)
    english.force_login(kari)

    body = english.get(reverse("settlement:minors")).content.decode()

    assert ("Needed within 12 months" in body) is listed
    assert ("1 needs an adult dwelling within 12 months" in body) is listed


def test_the_meeting_page_lists_arrivals_and_a_member_reserves_an_agenda_dwelling(
    english, anders, trondheim
):
    from boligtorg.allocation.factories import open_meeting, rule_set
    from boligtorg.core.factories import actor_for

    rule_set(trondheim)
    dwelling = DwellingFactory(municipality=trondheim, address="Agenda gate 2")
    meeting = open_meeting(actor_for(anders, trondheim))
    proposal = accepted(trondheim, list_reference="IMDi-2026-11/A")
    english.force_login(anders)

    page = english.get(reverse("allocation:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Refugees arriving" in page
    assert "IMDi-2026-11/A" in page

    english.post(
        reverse("settlement:meeting_reserve", args=[meeting.pk]),
        {"proposal": proposal.pk, "dwelling": dwelling.pk, "ready_on": TODAY.isoformat()},
    )

    reservation = Reservation.objects.get(proposal=proposal)
    assert (reservation.dwelling, reservation.meeting) == (dwelling, meeting)
    assert meeting.items.get(dwelling=dwelling).taken_out


def test_the_arrivals_read_costs_the_same_queries_for_one_or_three_arrivals(
    kari_actor, trondheim, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from boligtorg.settlement.selectors.readiness import arrival_rows, arrivals_queryset

    DwellingFactory.create_batch(3, municipality=trondheim, bedrooms=1)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            arrival_rows(actor=kari_actor, proposals=list(arrivals_queryset(actor=kari_actor)))
        return len(queries)

    ProposedPersonFactory(proposal=accepted(trondheim))
    one = count()
    for _ in range(2):
        ProposedPersonFactory(proposal=accepted(trondheim))
        ReservationFactory(proposal=accepted(trondheim))

    with django_assert_num_queries(one):
        arrival_rows(actor=kari_actor, proposals=list(arrivals_queryset(actor=kari_actor)))


def test_a_residence_in_an_area_without_the_years_figures_is_recorded_with_a_warning(
    english, sven, skanderborg
):
    criterion_sets_ensure(municipality=skanderborg)
    area = PlanningAreaFactory(municipality=skanderborg, area__name="Højvangen")
    AreaIndicatorFactory(area=area, year=2019, convictions_ratio=Decimal("3.2"))
    proposal = accepted(skanderborg)
    english.force_login(sven)

    response = english.post(
        reverse("settlement:residence_add"),
        {
            "proposal": proposal.pk,
            "address": "Højvangen 2",
            "area": area.area.pk,
            "from_on": TODAY.isoformat(),
        },
        follow=True,
    )

    assert TemporaryResidence.objects.filter(area=area.area).exists()
    assert "could not be checked against the list of vulnerable housing areas in force" in (
        response.content.decode()
    )
