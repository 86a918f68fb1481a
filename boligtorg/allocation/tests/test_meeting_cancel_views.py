"""Cancelling a meeting from its page, and the offer buttons a meeting page no longer
shows: on a cancelled meeting, or for a dwelling already offered or let."""

import pytest
from django.urls import reverse

from boligtorg.allocation.factories import open_meeting
from boligtorg.allocation.models import Meeting, MeetingStatus
from boligtorg.allocation.services import meetings, offers
from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.housing.models import DwellingStatus


@pytest.fixture
def meeting(anders_actor, rules_2000, flat, family_flat, single, family, today):
    made = open_meeting(anders_actor, today, title="Boligmøte uke 48")
    meetings.proposal_make(actor=anders_actor, meeting=made)
    return made


def _cancel_url(meeting: Meeting) -> str:
    return reverse("allocation:meeting_cancel", args=[meeting.pk])


def test_a_member_cancels_a_meeting_with_a_reason_and_its_page_says_so(english, anders, meeting):
    english.force_login(anders)
    detail = english.get(reverse("allocation:meeting_detail", args=[meeting.pk])).content.decode()
    assert _cancel_url(meeting) in detail
    form = english.get(_cancel_url(meeting)).content.decode()
    assert "Why is the meeting cancelled?" in form and "2 undecided dwellings go back" in form
    response = english.post(_cancel_url(meeting), {"reason": "Too few members can come."})
    assert response.url == reverse("allocation:meeting_detail", args=[meeting.pk])
    page = english.get(response.url).content.decode()
    assert "The meeting was cancelled" in page and "Too few members can come." in page
    assert _cancel_url(meeting) not in page
    assert reverse("allocation:item_offer", args=[meeting.pk, meeting.items.first().pk]) not in page
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE,
            object_type="allocation.meeting",
            changes__status=["open", "cancelled"],
        ).count()
        == 1
    )


def test_a_cancellation_without_a_reason_is_refused_on_the_page(english, anders, meeting):
    english.force_login(anders)
    response = english.post(_cancel_url(meeting), {"reason": ""})
    assert response.status_code == 200
    assert Meeting.objects.get().status == MeetingStatus.OPEN


def test_a_meeting_whose_offer_awaits_an_answer_says_why_it_cannot_be_cancelled(
    english, anders, anders_actor, meeting, flat, single, today
):
    meetings.item_offer(
        actor=anders_actor,
        item=meeting.items.get(dwelling=flat),
        application=single,
        offered_on=today,
    )
    english.force_login(anders)
    response = english.post(_cancel_url(meeting), {"reason": "Feil dato"})
    assert response.status_code == 200
    assert "and the answer is still awaited" in response.content.decode()
    assert Meeting.objects.get().status == MeetingStatus.OPEN


def test_the_auditor_sees_no_cancel_button_and_gets_403(client, per, meeting):
    client.force_login(per)
    detail = client.get(reverse("allocation:meeting_detail", args=[meeting.pk])).content.decode()
    assert _cancel_url(meeting) not in detail
    assert client.get(_cancel_url(meeting)).status_code == 403
    assert client.post(_cancel_url(meeting), {"reason": "Nei"}).status_code == 403
    assert Meeting.objects.get().status == MeetingStatus.OPEN


def test_another_municipality_gets_404(client, sven, skanderborg, meeting):
    client.force_login(sven)
    assert client.get(reverse("allocation:meeting_detail", args=[meeting.pk])).status_code == 404
    olaf = member("olaf", skanderborg, Role.ALLOCATION_MEMBER)
    client.force_login(olaf)
    assert client.get(_cancel_url(meeting)).status_code == 404
    assert client.post(_cancel_url(meeting), {"reason": "Nei"}).status_code == 404
    assert Meeting.objects.get().status == MeetingStatus.OPEN


def test_no_offer_button_for_a_dwelling_let_or_offered_elsewhere(
    english, anders, anders_actor, meeting, flat, family_flat, family, today
):
    english.force_login(anders)
    url = reverse("allocation:meeting_detail", args=[meeting.pk])
    flat_offer = reverse(
        "allocation:item_offer", args=[meeting.pk, meeting.items.get(dwelling=flat).pk]
    )
    family_offer = reverse(
        "allocation:item_offer", args=[meeting.pk, meeting.items.get(dwelling=family_flat).pk]
    )
    page = english.get(url).content.decode()
    assert flat_offer in page and family_offer in page
    flat.status = DwellingStatus.LET
    flat.save()
    offers.offer_create(
        actor=anders_actor, dwelling=family_flat, application=family, offered_on=today
    )
    page = english.get(url).content.decode()
    assert flat_offer not in page and family_offer not in page
    assert page.count("Already offered or no longer vacant") == 2


def _postpone_url(meeting: Meeting) -> str:
    return reverse("allocation:meeting_postpone_remaining", args=[meeting.pk])


def test_the_close_page_postpones_what_is_left_with_one_note_and_then_closes(
    english, anders, meeting
):
    english.force_login(anders)
    close = reverse("allocation:meeting_close", args=[meeting.pk])
    page = english.get(close).content.decode()
    assert "Postpone 2 dwellings" in page and _postpone_url(meeting) in page
    refused = english.post(_postpone_url(meeting), {"note": ""})
    assert refused.status_code == 200 and "Postpone 2 dwellings" in refused.content.decode()
    response = english.post(_postpone_url(meeting), {"note": "Tiden gikk ut."})
    assert response.url == close
    page = english.get(close).content.decode()
    assert "2 dwellings were postponed to a later meeting." in page
    assert "Every dwelling on the agenda is decided." in page
    assert set(meeting.items.values_list("note", flat=True)) == {"Tiden gikk ut."}


def test_postponing_what_is_left_is_for_members_of_this_municipality_only(
    client, per, skanderborg, meeting
):
    client.force_login(per)
    assert client.post(_postpone_url(meeting), {"note": "Nei"}).status_code == 403
    client.force_login(member("olaf", skanderborg, Role.ALLOCATION_MEMBER))
    assert client.post(_postpone_url(meeting), {"note": "Nei"}).status_code == 404
    assert not meeting.items.exclude(outcome="").exists()
