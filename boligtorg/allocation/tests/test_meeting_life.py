"""A meeting's life through the services: what a new meeting needs, one open
meeting per dwelling, cancelling with a reason, and no offer from a meeting or of a
dwelling where it no longer applies."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from boligtorg.allocation import selectors
from boligtorg.allocation.factories import open_meeting
from boligtorg.allocation.models import ItemOutcome, Meeting, MeetingStatus, OfferStatus
from boligtorg.allocation.services import meetings, offers
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.housing.models import DwellingStatus


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}


# What a new meeting needs ------------------------------------------------------------


def test_a_meeting_with_nothing_chosen_is_refused_with_every_error_at_once(
    anders_actor, rules_2000, flat
):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(actor=anders_actor, held_on=None, members=[], dwellings=[])
    assert _errors(caught.value) == {
        "held_on": [str(meetings.ERROR_DATE_REQUIRED)],
        "members": [str(meetings.ERROR_NO_MEMBERS)],
        "dwellings": [str(meetings.ERROR_AGENDA_EMPTY)],
    }
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_dated_before_today(anders_actor, anders, rules_2000, flat, today):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(
            actor=anders_actor,
            held_on=today - datetime.timedelta(days=1),
            members=[anders],
            dwellings=[flat],
        )
    assert _errors(caught.value) == {"held_on": [str(meetings.ERROR_DATE_PAST)]}


def test_a_meeting_may_be_planned_ahead_with_its_members_and_agenda(
    anders_actor, anders, trondheim, rules_2000, flat, family_flat, today
):
    ida = member("ida", trondheim, Role.ALLOCATION_MEMBER, first_name="Ida")
    meeting = meetings.meeting_create(
        actor=anders_actor,
        held_on=today + datetime.timedelta(days=14),
        members=[anders, ida],
        dwellings=[flat],
    )
    assert set(meeting.members.all()) == {anders, ida}
    assert [item.dwelling for item in meeting.items.all()] == [flat]


def test_only_members_of_the_allocation_meeting_may_sit_in_it(
    anders_actor, kari, rules_2000, flat, today
):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(actor=anders_actor, held_on=today, members=[kari], dwellings=[flat])
    assert _errors(caught.value) == {
        "members": [str(meetings.ERROR_NOT_MEMBERS % {"names": kari.get_full_name()})]
    }


def test_a_dwelling_under_maintenance_cannot_go_on_the_agenda(
    anders_actor, anders, rules_2000, flat, today
):
    flat.status = DwellingStatus.MAINTENANCE
    flat.save()
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(
            actor=anders_actor, held_on=today, members=[anders], dwellings=[flat]
        )
    assert _errors(caught.value) == {
        "dwellings": [str(meetings.ERROR_DWELLING_NOT_FREE % {"dwelling": flat})]
    }


def test_another_municipalitys_dwelling_cannot_go_on_the_agenda(
    anders_actor, anders, rules_2000, skanderborg, today
):
    from boligtorg.housing.factories import DwellingFactory

    theirs = DwellingFactory(municipality=skanderborg)
    with pytest.raises(PermissionDenied):
        meetings.meeting_create(
            actor=anders_actor, held_on=today, members=[anders], dwellings=[theirs]
        )


# One open meeting per dwelling ---------------------------------------------------------


@pytest.fixture
def first(anders_actor, rules_2000, flat, family_flat, today):
    return open_meeting(anders_actor, today, title="Boligmøte uke 2")


def test_a_dwelling_on_another_open_meetings_agenda_is_refused_naming_that_meeting(
    anders_actor, anders, first, flat, family_flat, today
):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(
            actor=anders_actor, held_on=today, members=[anders], dwellings=[flat, family_flat]
        )
    date = today.strftime("%m/%d/%Y")
    assert _errors(caught.value) == {
        "dwellings": [
            str(
                meetings.ERROR_DWELLING_HELD
                % {"dwelling": dwelling, "meeting": "Boligmøte uke 2", "date": date}
            )
            for dwelling in sorted([flat, family_flat], key=lambda d: d.pk)
        ]
    }
    assert Meeting.objects.count() == 1


def test_a_new_meetings_choice_leaves_out_dwellings_another_open_meeting_holds(
    anders_actor, first, flat, family_flat, trondheim
):
    assert list(selectors.agenda_dwellings(trondheim)) == []
    meetings.item_postpone(actor=anders_actor, item=first.items.get(dwelling=flat), note="Neste")
    assert list(selectors.agenda_dwellings(trondheim)) == [flat]


def test_a_dwelling_cannot_be_added_to_a_second_open_meeting(
    anders_actor, anders, first, flat, trondheim, today
):
    from boligtorg.housing.factories import DwellingFactory

    spare = DwellingFactory(municipality=trondheim, bedrooms=2)
    second = meetings.meeting_create(
        actor=anders_actor, held_on=today, members=[anders], dwellings=[spare]
    )
    with pytest.raises(ValidationError) as caught:
        meetings.agenda_add(actor=anders_actor, meeting=second, dwelling=flat)
    assert "is already on the agenda of “Boligmøte uke 2”" in caught.value.messages[0]


# Cancelling --------------------------------------------------------------------------------


def test_a_cancelled_meeting_keeps_its_reason_frees_its_dwellings_and_is_audited_once(
    anders_actor, anders, first, flat, family_flat, trondheim, today
):
    cancelled = meetings.meeting_cancel(
        actor=anders_actor, meeting=first, reason="  Too few members could come.  "
    )
    assert cancelled.status == MeetingStatus.CANCELLED
    assert cancelled.cancel_reason == "Too few members could come."
    assert cancelled.cancelled_by == anders and cancelled.cancelled_at is not None
    events = AuditEvent.objects.filter(
        object_type="allocation.meeting", object_id=str(first.pk), action=AuditAction.UPDATE
    )
    assert [e.changes for e in events] == [
        {"status": ["open", "cancelled"], "cancel_reason": [None, "Too few members could come."]}
    ]
    assert set(selectors.agenda_dwellings(trondheim)) == {flat, family_flat}
    again = meetings.meeting_create(
        actor=anders_actor, held_on=today, members=[anders], dwellings=[flat, family_flat]
    )
    assert again.items.count() == 2


def test_a_meeting_cannot_be_cancelled_without_a_reason(anders_actor, first):
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="  ")
    assert _errors(caught.value) == {"reason": [str(meetings.ERROR_CANCEL_REASON)]}
    first.refresh_from_db()
    assert first.status == MeetingStatus.OPEN


def test_a_meeting_whose_offer_awaits_an_answer_is_not_cancelled(
    anders_actor, first, flat, single, today
):
    meetings.item_offer(
        actor=anders_actor,
        item=first.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="Feil dato")
    assert caught.value.messages == [
        str(meetings.ERROR_CANCEL_OPEN_OFFERS % {"dwellings": str(flat)})
    ]


def test_a_meeting_whose_offer_was_withdrawn_can_be_cancelled(
    anders_actor, first, flat, single, today
):
    offer = meetings.item_offer(
        actor=anders_actor,
        item=first.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    offers.offer_withdraw(actor=anders_actor, offer=offer, note="Feil dato")
    cancelled = meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="Feil dato")
    assert cancelled.status == MeetingStatus.CANCELLED


def test_a_closed_or_cancelled_meeting_cannot_be_cancelled(anders_actor, first):
    meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="Feil dato")
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="Igjen")
    assert caught.value.messages == [str(meetings.ERROR_NOT_CANCELLABLE % {"status": "cancelled"})]
    closed = Meeting.objects.filter(pk=first.pk)
    closed.update(status=MeetingStatus.CLOSED)
    with pytest.raises(ValidationError):
        meetings.meeting_cancel(actor=anders_actor, meeting=closed.get(), reason="Igjen")


def test_only_the_allocation_meeting_cancels_and_only_its_own(
    first, kari_actor, trondheim, skanderborg
):
    per = member("per-cancel", trondheim, Role.AUDITOR)
    for actor in (kari_actor, actor_for(per, trondheim)):
        with pytest.raises(PermissionDenied):
            meetings.meeting_cancel(actor=actor, meeting=first, reason="Nei")
    outsider = actor_for(member("olaf", skanderborg, Role.ALLOCATION_MEMBER), skanderborg)
    with pytest.raises(PermissionDenied):
        meetings.meeting_cancel(actor=outsider, meeting=first, reason="Nei")
    first.refresh_from_db()
    assert first.status == MeetingStatus.OPEN


# No offer where it no longer applies -----------------------------------------------------


def test_a_cancelled_meeting_makes_no_offer(anders_actor, first, flat, single, today):
    item = first.items.get(dwelling=flat)
    meetings.meeting_cancel(actor=anders_actor, meeting=first, reason="Feil dato")
    item.refresh_from_db()
    item.meeting.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        meetings.item_offer(actor=anders_actor, item=item, application=single, offered_on=today)
    assert caught.value.messages == [str(meetings.ERROR_CANCELLED)]
    assert item.outcome == ItemOutcome.PENDING


def test_a_dwelling_let_since_the_agenda_was_made_is_not_offered(
    anders_actor, first, flat, single, today
):
    flat.status = DwellingStatus.LET
    flat.save()
    with pytest.raises(ValidationError) as caught:
        meetings.item_offer(
            actor=anders_actor,
            item=first.items.get(dwelling=flat),
            application=single,
            offered_on=today,
        )
    assert caught.value.messages == [str(offers.ERROR_NOT_READY)]
    assert not flat.offers.filter(status=OfferStatus.OPEN).exists()


# Postponing what is left, before closing -------------------------------------------------


def test_every_undecided_dwelling_is_postponed_at_once_with_one_note(
    anders_actor, first, flat, family_flat, single, today, trondheim
):
    from boligtorg.housing.factories import DwellingFactory

    spare = DwellingFactory(municipality=trondheim, bedrooms=2)
    meetings.agenda_add(actor=anders_actor, meeting=first, dwelling=spare)
    meetings.item_offer(
        actor=anders_actor,
        item=first.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    meetings.agenda_take_out(
        actor=anders_actor, item=first.items.get(dwelling=spare), reason="Vannskade"
    )
    postponed = meetings.items_postpone_remaining(
        actor=anders_actor, meeting=first, note=" Tiden gikk ut. "
    )
    assert [item.dwelling for item in postponed] == [family_flat]
    outcomes = {i.dwelling: (i.outcome, i.note) for i in first.items.all()}
    assert outcomes == {
        flat: (ItemOutcome.OFFERED, ""),
        family_flat: (ItemOutcome.POSTPONED, "Tiden gikk ut."),
        spare: (ItemOutcome.PENDING, ""),  # taken out: not the meeting's to postpone
    }
    event = AuditEvent.objects.filter(object_id=str(first.pk)).latest("pk")
    assert event.changes == {
        "postponed": [None, [family_flat.pk]],
        "note": [None, "Tiden gikk ut."],
    }
    with pytest.raises(ValidationError) as caught:
        meetings.items_postpone_remaining(actor=anders_actor, meeting=first, note="Igjen")
    assert caught.value.messages == [str(meetings.ERROR_NOTHING_TO_POSTPONE)]


def test_postponing_what_is_left_needs_a_note_and_a_member(anders_actor, kari_actor, first):
    with pytest.raises(ValidationError) as caught:
        meetings.items_postpone_remaining(actor=anders_actor, meeting=first, note=" ")
    assert _errors(caught.value) == {"note": [str(meetings.ERROR_POSTPONE_NOTE)]}
    with pytest.raises(PermissionDenied):
        meetings.items_postpone_remaining(actor=kari_actor, meeting=first, note="Nei")
    assert not first.items.exclude(outcome=ItemOutcome.PENDING).exists()


def test_a_dwelling_reserved_for_a_refugees_arrival_stays_off_the_agenda(
    anders_actor, anders, rules_2000, flat, trondheim, today
):
    """Issue 25: a dwelling the settlement work holds for a named arrival is not
    the meeting's to offer; the choice leaves it out and the service names why."""
    from boligtorg.settlement.tests.factories import ReservationFactory

    ReservationFactory(
        proposal__municipality=trondheim, proposal__list_reference="IMDi-2026-11", dwelling=flat
    )

    assert flat not in selectors.agenda_dwellings(trondheim)
    with pytest.raises(ValidationError) as caught:
        meetings.meeting_create(
            actor=anders_actor, held_on=today, members=[anders], dwellings=[flat]
        )
    assert _errors(caught.value)["dwellings"] == [
        str(meetings.ERROR_DWELLING_RESERVED % {"dwelling": flat, "reference": "IMDi-2026-11"})
    ]
