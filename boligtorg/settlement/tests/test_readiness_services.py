"""Reservations for a named arrival, settling with a lease, the Danish § 12 area rule
and the minors' adult dwelling, through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.allocation.factories import open_meeting, rule_set
from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.factories import actor_for
from boligtorg.housing.factories import DwellingFactory, LeaseFactory
from boligtorg.housing.models import DwellingStatus, Lease
from boligtorg.planning.factories_areas import AreaIndicatorFactory, PlanningAreaFactory
from boligtorg.planning.services.areas import criterion_sets_ensure
from boligtorg.settlement.models import ProposalStatus, Reservation, TemporaryResidence
from boligtorg.settlement.services import readiness as services

from .factories import ProposalFactory, ReservationFactory

pytestmark = pytest.mark.usefixtures("english_messages")

TODAY = timezone.localdate()


def accepted(municipality, days=30, **fields):
    return ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.ACCEPTED,
        expected_arrival_on=TODAY + datetime.timedelta(days=days),
        **fields,
    )


def messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def test_caseworker_reserves_a_vacant_dwelling_for_an_accepted_arrival(kari_actor, trondheim):
    proposal = accepted(trondheim)
    dwelling = DwellingFactory(municipality=trondheim)

    reservation = services.reservation_make(
        actor=kari_actor, proposal=proposal, dwelling=dwelling, ready_on=TODAY, note="Til A"
    )

    assert reservation.dwelling == dwelling
    assert reservation.released_on is None


def test_a_dwelling_reserved_for_one_arrival_is_refused_for_another(kari_actor, trondheim):
    dwelling = DwellingFactory(municipality=trondheim)
    first = accepted(trondheim, list_reference="IMDi-2026-11/A")
    services.reservation_make(actor=kari_actor, proposal=first, dwelling=dwelling, ready_on=TODAY)

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor, proposal=accepted(trondheim), dwelling=dwelling, ready_on=TODAY
        )

    assert caught.value.message_dict["dwelling"] == [
        "The dwelling is already reserved for IMDi-2026-11/A."
    ]


def test_a_household_cannot_hold_two_reservations(kari_actor, trondheim):
    proposal = accepted(trondheim)
    services.reservation_make(
        actor=kari_actor,
        proposal=proposal,
        dwelling=DwellingFactory(municipality=trondheim, address="Elgeseter gate 1"),
        ready_on=TODAY,
    )

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor,
            proposal=proposal,
            dwelling=DwellingFactory(municipality=trondheim),
            ready_on=TODAY,
        )

    assert "already has a dwelling reserved (Elgeseter gate 1" in messages(caught.value)[0]


def test_a_dwelling_let_over_the_arrival_is_refused(kari_actor, trondheim):
    lease = LeaseFactory(municipality=trondheim)
    proposal = accepted(trondheim)

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor, proposal=proposal, dwelling=lease.dwelling, ready_on=TODAY
        )

    assert caught.value.message_dict["dwelling"][0].startswith("The dwelling is let until")
    assert not Reservation.objects.exists()


def test_a_dwelling_whose_lease_ends_before_the_arrival_may_be_reserved_from_the_day_after(
    kari_actor, trondheim
):
    ends = TODAY + datetime.timedelta(days=10)
    lease = LeaseFactory(
        municipality=trondheim, start=TODAY - datetime.timedelta(days=300), end=ends
    )
    proposal = accepted(trondheim, days=30)

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor, proposal=proposal, dwelling=lease.dwelling, ready_on=TODAY
        )
    assert "ready_on" in caught.value.message_dict

    made = services.reservation_make(
        actor=kari_actor,
        proposal=proposal,
        dwelling=lease.dwelling,
        ready_on=ends + datetime.timedelta(days=1),
    )
    assert made.ready_on == ends + datetime.timedelta(days=1)


def test_a_dwelling_on_an_open_meeting_agenda_is_refused_naming_the_meeting(
    kari_actor, anders, trondheim
):
    rule_set(trondheim)
    dwelling = DwellingFactory(municipality=trondheim)
    meeting = open_meeting(actor_for(anders, trondheim), title="Tildelingsmøte uke 50")

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor, proposal=accepted(trondheim), dwelling=dwelling, ready_on=TODAY
        )

    assert caught.value.message_dict["dwelling"] == [
        "The dwelling is on the agenda of the open allocation meeting Tildelingsmøte uke 50; "
        "take it out there or reserve it in that meeting."
    ]
    assert meeting.items.get(dwelling=dwelling).taken_out is False


def test_the_meeting_reserves_an_agenda_dwelling_and_takes_it_out_of_its_proposal(
    anders, trondheim
):
    rule_set(trondheim)
    member = actor_for(anders, trondheim)
    dwelling = DwellingFactory(municipality=trondheim)
    meeting = open_meeting(member)
    proposal = accepted(trondheim, list_reference="IMDi-2026-11/A")

    services.reservation_make(
        actor=member, proposal=proposal, dwelling=dwelling, ready_on=TODAY, meeting=meeting
    )

    item = meeting.items.get(dwelling=dwelling)
    assert item.taken_out
    assert item.taken_out_reason == "Reserved for settlement (IMDi-2026-11/A)."


def test_only_an_accepted_proposal_gets_a_reservation(kari_actor, trondheim):
    proposal = ProposalFactory(municipality=trondheim, status=ProposalStatus.PROPOSED)

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=kari_actor,
            proposal=proposal,
            dwelling=DwellingFactory(municipality=trondheim),
            ready_on=TODAY,
        )

    assert messages(caught.value) == [str(services.ERROR_NOT_ACCEPTED)]


def test_a_manager_cannot_reserve(mona, trondheim):
    with pytest.raises(PermissionDenied):
        services.reservation_make(
            actor=actor_for(mona, trondheim),
            proposal=accepted(trondheim),
            dwelling=DwellingFactory(municipality=trondheim),
            ready_on=TODAY,
        )


def test_another_municipalitys_dwelling_cannot_be_reserved(kari_actor, trondheim, skanderborg):
    with pytest.raises(PermissionDenied):
        services.reservation_make(
            actor=kari_actor,
            proposal=accepted(trondheim),
            dwelling=DwellingFactory(municipality=skanderborg),
            ready_on=TODAY,
        )


def test_a_release_needs_a_reason_and_frees_the_dwelling(kari_actor, trondheim):
    reservation = ReservationFactory(proposal=accepted(trondheim), proposal__municipality=trondheim)

    with pytest.raises(ValidationError) as caught:
        services.reservation_release(actor=kari_actor, reservation=reservation, reason=" ")
    assert caught.value.message_dict == {"reason": ["Say why the reservation is released."]}

    released = services.reservation_release(
        actor=kari_actor, reservation=reservation, reason="Ankomsten er utsatt"
    )
    assert released.released_on == TODAY
    services.reservation_make(
        actor=kari_actor,
        proposal=accepted(trondheim),
        dwelling=reservation.dwelling,
        ready_on=TODAY,
    )


# Settling -------------------------------------------------------------------------------


def settle_ready(trondheim, kari_actor):
    application = ApplicationFactory(municipality=trondheim)
    proposal = accepted(trondheim, days=0, application=application, household=application.household)
    dwelling = DwellingFactory(municipality=trondheim, rent=8700)
    services.reservation_make(
        actor=kari_actor, proposal=proposal, dwelling=dwelling, ready_on=TODAY
    )
    return proposal, dwelling


def test_settling_records_the_arrival_drafts_one_lease_and_closes_the_reservation(
    kari_actor, trondheim
):
    proposal, dwelling = settle_ready(trondheim, kari_actor)

    settled = services.proposal_settle(
        actor=kari_actor, proposal=proposal, arrived_on=TODAY, lease_start=TODAY
    )

    assert settled.status == ProposalStatus.SETTLED
    assert settled.arrived_on == TODAY
    lease = Lease.objects.get(dwelling=dwelling)
    assert lease.household == proposal.household
    assert lease.rent == Decimal("8700")
    assert lease.length_months == 36
    dwelling.refresh_from_db()
    assert dwelling.status == DwellingStatus.LET
    assert Reservation.objects.get(proposal=proposal).released_on == TODAY


def test_settling_twice_is_refused_and_leaves_one_lease(kari_actor, trondheim):
    proposal, dwelling = settle_ready(trondheim, kari_actor)
    services.proposal_settle(
        actor=kari_actor, proposal=proposal, arrived_on=TODAY, lease_start=TODAY
    )

    with pytest.raises(ValidationError):
        services.proposal_settle(
            actor=kari_actor, proposal=proposal, arrived_on=TODAY, lease_start=TODAY
        )

    assert Lease.objects.filter(dwelling=dwelling).count() == 1


def test_settling_without_a_reservation_or_case_says_what_is_missing(kari_actor, trondheim):
    without_case = accepted(trondheim, days=0)
    with pytest.raises(ValidationError) as caught:
        services.proposal_settle(
            actor=kari_actor, proposal=without_case, arrived_on=TODAY, lease_start=TODAY
        )
    assert messages(caught.value) == [str(services.ERROR_NO_CASE)]

    application = ApplicationFactory(municipality=trondheim)
    without_dwelling = accepted(trondheim, days=0, application=application)
    with pytest.raises(ValidationError) as caught:
        services.proposal_settle(
            actor=kari_actor,
            proposal=without_dwelling,
            arrived_on=TODAY + datetime.timedelta(days=1),
            lease_start=TODAY,
        )
    assert caught.value.message_dict == {
        "proposal": [str(services.ERROR_NO_RESERVATION)],
        "arrived_on": [str(services.ERROR_ARRIVED_AFTER_TODAY)],
    }
    assert not Lease.objects.exists()


def test_a_short_lease_without_a_reason_is_refused_at_the_months_field(kari_actor, trondheim):
    proposal, _dwelling = settle_ready(trondheim, kari_actor)

    with pytest.raises(ValidationError) as caught:
        services.proposal_settle(
            actor=kari_actor,
            proposal=proposal,
            arrived_on=TODAY,
            lease_start=TODAY,
            lease_months=12,
        )

    assert "short_lease_reason" in caught.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


# Denmark: § 12, stk. 2 -------------------------------------------------------------------


@pytest.fixture
def danish_areas(skanderborg):
    """Two planning areas with figures for last year (the list in force today when
    it is before 1 December, else this year's): one vulnerable, one only a
    prevention area (> 30 % non-Western and two of the lower thresholds)."""
    criterion_sets_ensure(municipality=skanderborg)
    from boligtorg.domain.settlement import list_year_in_force

    year = list_year_in_force(TODAY)
    vulnerable = PlanningAreaFactory(municipality=skanderborg, area__name="Vestergade")
    AreaIndicatorFactory(
        area=vulnerable,
        year=year,
        residents=1200,
        outside_work=Decimal("45"),
        convictions_ratio=Decimal("3.2"),
        basic_schooling=Decimal("65"),
        income_ratio=Decimal("50"),
        non_western=Decimal("45"),
    )
    prevention = PlanningAreaFactory(municipality=skanderborg, area__name="Højvangen")
    AreaIndicatorFactory(
        area=prevention,
        year=year,
        residents=1200,
        outside_work=Decimal("35"),
        convictions_ratio=Decimal("2.1"),
        basic_schooling=Decimal("55"),
        income_ratio=Decimal("70"),
        non_western=Decimal("35"),
    )
    return vulnerable.area, prevention.area, year


def test_a_temporary_residence_in_an_area_on_the_list_in_force_is_refused(
    sven_actor, skanderborg, danish_areas
):
    vulnerable, _prevention, year = danish_areas

    with pytest.raises(ValidationError) as caught:
        services.temporary_residence_add(
            actor=sven_actor,
            proposal=accepted(skanderborg),
            address="Vestergade 4",
            area=vulnerable,
            from_on=TODAY,
        )

    assert caught.value.message_dict["area"] == [
        f"Vestergade 4 lies in an area on the {year} list of vulnerable housing areas; "
        "integrationsloven § 12, stk. 2 forbids a temporary residence or a dwelling there."
    ]


def test_a_prevention_area_alone_is_allowed_for_a_temporary_residence(
    sven_actor, skanderborg, danish_areas
):
    _vulnerable, prevention, _year = danish_areas

    residence = services.temporary_residence_add(
        actor=sven_actor,
        proposal=accepted(skanderborg),
        address="Højvangen 3",
        area=prevention,
        from_on=TODAY,
    )

    assert residence.area == prevention


def test_an_area_vulnerable_only_on_an_older_list_is_allowed(sven_actor, skanderborg):
    """The list in force decides: figures classified vulnerable two lists ago, and
    clear on the list in force, allow the residence."""
    from boligtorg.domain.settlement import list_year_in_force

    criterion_sets_ensure(municipality=skanderborg)
    year = list_year_in_force(TODAY)
    area = PlanningAreaFactory(municipality=skanderborg, area__name="Søndergade")
    AreaIndicatorFactory(
        area=area,
        year=year - 2,
        residents=1200,
        outside_work=Decimal("45"),
        convictions_ratio=Decimal("3.2"),
        basic_schooling=Decimal("65"),
        income_ratio=Decimal("50"),
        non_western=Decimal("20"),
    )
    AreaIndicatorFactory(
        area=area,
        year=year,
        residents=1200,
        outside_work=Decimal("20"),
        convictions_ratio=Decimal("1.0"),
        basic_schooling=Decimal("40"),
        income_ratio=Decimal("90"),
        non_western=Decimal("20"),
    )

    residence = services.temporary_residence_add(
        actor=sven_actor,
        proposal=accepted(skanderborg),
        address="Søndergade 2",
        area=area.area,
        from_on=TODAY,
    )

    assert residence.pk


def test_a_danish_reservation_in_a_vulnerable_area_is_refused(
    sven_actor, skanderborg, danish_areas
):
    vulnerable, _prevention, _year = danish_areas
    dwelling = DwellingFactory(municipality=skanderborg, area=vulnerable, address="Vestergade 9")

    with pytest.raises(ValidationError) as caught:
        services.reservation_make(
            actor=sven_actor, proposal=accepted(skanderborg), dwelling=dwelling, ready_on=TODAY
        )

    assert "integrationsloven § 12, stk. 2" in caught.value.message_dict["dwelling"][0]


def test_temporary_residences_are_refused_in_norway(kari_actor, trondheim):
    from boligtorg.planning.factories_areas import HousingAreaFactory

    with pytest.raises(ValidationError) as caught:
        services.temporary_residence_add(
            actor=kari_actor,
            proposal=accepted(trondheim),
            address="Midlertidig vei 1",
            area=HousingAreaFactory(municipality=trondheim),
            from_on=TODAY,
        )
    assert messages(caught.value) == [str(services.ERROR_DENMARK_ONLY)]


def test_a_temporary_residence_ends_with_the_days_waited(sven_actor, skanderborg, danish_areas):
    from boligtorg.settlement.selectors.readiness import days_waited

    _vulnerable, prevention, _year = danish_areas
    residence = services.temporary_residence_add(
        actor=sven_actor,
        proposal=accepted(skanderborg),
        address="Højvangen 3",
        area=prevention,
        from_on=TODAY - datetime.timedelta(days=40),
    )

    ended = services.temporary_residence_end(actor=sven_actor, residence=residence, to_on=TODAY)

    assert days_waited(ended, TODAY + datetime.timedelta(days=100)) == 40


# Unaccompanied minors ------------------------------------------------------------------


def test_recording_the_adult_dwelling_takes_the_minor_off_the_list(kari_actor, trondheim):
    from boligtorg.settlement.selectors.readiness import minor_rows

    from .factories import ProposedPersonFactory

    minor = accepted(trondheim, unaccompanied_minor=True)
    ProposedPersonFactory(proposal=minor, date_of_birth=TODAY.replace(year=TODAY.year - 18))
    assert minor_rows(actor=kari_actor)[0].transition.needs_adult_dwelling

    with pytest.raises(ValidationError) as caught:
        services.minor_adult_dwelling_record(
            actor=kari_actor, proposal=minor, adult_dwelling_on=TODAY + datetime.timedelta(days=1)
        )
    assert caught.value.message_dict == {"adult_dwelling_on": ["The date cannot be after today."]}
    services.minor_adult_dwelling_record(actor=kari_actor, proposal=minor, adult_dwelling_on=TODAY)

    assert not minor_rows(actor=kari_actor)[0].transition.needs_adult_dwelling


def test_an_adult_dwelling_is_recorded_only_for_an_unaccompanied_minor(kari_actor, trondheim):
    with pytest.raises(ValidationError) as caught:
        services.minor_adult_dwelling_record(
            actor=kari_actor, proposal=accepted(trondheim), adult_dwelling_on=TODAY
        )
    assert messages(caught.value) == [str(services.ERROR_NOT_MINOR)]


def test_aftercare_ends_at_25_in_norway_and_23_in_denmark_unless_recorded_earlier(
    kari_actor, sven_actor, trondheim, skanderborg
):
    from boligtorg.settlement.selectors.readiness import minor_rows

    from .factories import ProposedPersonFactory

    born = datetime.date(2009, 3, 1)
    for municipality in (trondheim, skanderborg):
        ProposedPersonFactory(
            proposal=accepted(municipality, unaccompanied_minor=True), date_of_birth=born
        )
    earlier = accepted(
        trondheim, unaccompanied_minor=True, aftercare_until=datetime.date(2030, 6, 1)
    )
    ProposedPersonFactory(proposal=earlier, date_of_birth=born)

    norway = {r.proposal.pk: r.aftercare_ends for r in minor_rows(actor=kari_actor)}
    denmark = [r.aftercare_ends for r in minor_rows(actor=sven_actor)]

    assert sorted(norway.values()) == [datetime.date(2030, 6, 1), datetime.date(2034, 3, 1)]
    assert denmark == [datetime.date(2032, 3, 1)]


def test_a_second_open_temporary_residence_for_one_household_is_refused(
    sven_actor, skanderborg, danish_areas
):
    _vulnerable, prevention, _year = danish_areas
    proposal = accepted(skanderborg)
    services.temporary_residence_add(
        actor=sven_actor, proposal=proposal, address="Højvangen 3", area=prevention, from_on=TODAY
    )

    with pytest.raises(ValidationError) as caught:
        services.temporary_residence_add(
            actor=sven_actor,
            proposal=proposal,
            address="Højvangen 5",
            area=prevention,
            from_on=TODAY,
        )

    assert messages(caught.value) == [
        str(services.ERROR_RESIDENCE_OPEN)
        % {"address": "Højvangen 3", "date": TODAY.strftime("%m/%d/%Y")}
    ]
    assert TemporaryResidence.objects.filter(proposal=proposal).count() == 1


def test_a_placement_without_its_arrival_registered_gets_no_temporary_residence(
    sven_actor, skanderborg, danish_areas
):
    _vulnerable, prevention, _year = danish_areas
    proposal = ProposalFactory(municipality=skanderborg, status=ProposalStatus.WITHDRAWN)

    with pytest.raises(ValidationError) as caught:
        services.temporary_residence_add(
            actor=sven_actor,
            proposal=proposal,
            address="Højvangen 3",
            area=prevention,
            from_on=TODAY,
        )

    assert messages(caught.value) == [str(services.ERROR_NOT_ACCEPTED_RESIDENCE)]


def test_settling_in_denmark_checks_the_area_rule_on_the_day_the_lease_starts(
    sven_actor, skanderborg, danish_areas
):
    """The dwelling was clear when it was reserved; the list's figures came after, and
    the area is on the list in force when the lease would start."""
    _vulnerable, _prevention, year = danish_areas
    application = ApplicationFactory(municipality=skanderborg)
    proposal = accepted(
        skanderborg, days=0, application=application, household=application.household
    )
    planning = PlanningAreaFactory(municipality=skanderborg, area__name="Nørrevang")
    dwelling = DwellingFactory(municipality=skanderborg, area=planning.area)
    services.reservation_make(
        actor=sven_actor, proposal=proposal, dwelling=dwelling, ready_on=TODAY
    )
    AreaIndicatorFactory(
        area=planning,
        year=year,
        residents=1200,
        outside_work=Decimal("45"),
        convictions_ratio=Decimal("3.2"),
        basic_schooling=Decimal("65"),
        income_ratio=Decimal("50"),
        non_western=Decimal("45"),
    )

    with pytest.raises(ValidationError) as caught:
        services.proposal_settle(
            actor=sven_actor, proposal=proposal, arrived_on=TODAY, lease_start=TODAY
        )

    assert "integrationsloven § 12, stk. 2" in caught.value.message_dict["lease_start"][0]
    assert not Lease.objects.filter(dwelling=dwelling).exists()
