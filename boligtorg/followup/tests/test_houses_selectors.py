"""Reads of shared-house life: residents on a day, and query counts that do not
grow with the number of houses, meetings or residents."""

import datetime

import pytest
from django.utils import timezone

from boligtorg.core.factories import actor_for
from boligtorg.followup import selectors_houses as selectors
from boligtorg.followup.factories_houses import (
    AgreedActionFactory,
    ResidentMeetingFactory,
    shared_house_with_residents,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_residents_on_a_day_are_those_whose_lease_covers_it(trondheim):
    house, (hala, tekle) = shared_house_with_residents(
        trondheim, residents=(("Hala", "Haddad"), ("Tekle", "Gebre"))
    )
    newcomer_house, (yonas,) = shared_house_with_residents(
        trondheim,
        name="Nytt hus",
        residents=(("Yonas", "Tesfay"),),
        moved_in=TODAY + datetime.timedelta(days=10),
    )
    assert set(selectors.residents_on(house, TODAY)) == {hala, tekle}
    assert list(selectors.residents_on(newcomer_house, TODAY)) == []
    assert list(selectors.resident_choices(newcomer_house, TODAY)) == [yonas]


def test_the_house_list_takes_eight_queries_for_any_number_of_houses(
    trondheim, kari, django_assert_num_queries
):
    for n in range(4):
        house, _people = shared_house_with_residents(trondheim, name=f"Hus {n}")
        meeting = ResidentMeetingFactory(shared_house=house)
        AgreedActionFactory(meeting=meeting, due_on=TODAY - datetime.timedelta(days=1))
    actor = actor_for(kari, trondheim)
    with django_assert_num_queries(8):
        rows = selectors.house_life_list(actor=actor, today=TODAY)
    assert len(rows) == 4
    assert all(row.residents == 3 and row.overdue_actions == 1 for row in rows)


def test_one_house_takes_the_same_queries_with_one_or_many_meetings(
    trondheim, kari, django_assert_num_queries
):
    house, people = shared_house_with_residents(trondheim)
    actor = actor_for(kari, trondheim)
    for days in range(1, 8):
        meeting = ResidentMeetingFactory(
            shared_house=house, held_on=TODAY - datetime.timedelta(days=30 * days)
        )
        meeting.attendees.set(people)
        AgreedActionFactory(meeting=meeting)
    with django_assert_num_queries(9):
        life = selectors.house_life(actor=actor, house=house, today=TODAY)
    assert len(life.residents) == 3
    with django_assert_num_queries(4):
        meetings = list(selectors.meeting_queryset(house))
        for meeting in meetings:
            list(meeting.attendees.all())
            list(meeting.actions.all())
    assert len(meetings) == 7
