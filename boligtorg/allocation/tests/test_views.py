"""The meeting pages, the waiting list, one dwelling's candidates and offers."""

import datetime

import pytest
from django.urls import reverse

from boligtorg.allocation.factories import granted_application, open_meeting
from boligtorg.allocation.models import Meeting, Offer, OfferStatus, PairKind, Parking
from boligtorg.allocation.services import meetings, offers
from boligtorg.core.models import AuditEvent
from boligtorg.housing.models import Lease


@pytest.fixture
def meeting(anders_actor, rules_2000, flat, family_flat, single, family, today):
    return open_meeting(anders_actor, today, title="Boligmøte uke 48")


def test_a_member_creates_a_meeting_and_sees_its_agenda(english, anders, rules_2000, flat, today):
    english.force_login(anders)
    form = english.get(reverse("allocation:meeting_create")).content.decode()
    assert f'value="{flat.pk}"' in form and "checked" in form  # the free dwellings, chosen
    response = english.post(
        reverse("allocation:meeting_create"),
        {
            "held_on": today.isoformat(),
            "title": "Uke 48",
            "members": [anders.pk],
            "dwellings": [flat.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("allocation:meeting_detail", args=[meeting.pk])
    page = english.get(response.url).content.decode()
    assert "Uke 48" in page and str(flat) in page and "No proposal yet" in page


def test_a_meeting_with_nothing_filled_in_is_refused_with_every_error_at_once(
    english, anders, rules_2000, flat
):
    english.force_login(anders)
    response = english.post(reverse("allocation:meeting_create"), {"title": "Uke 48"})
    assert response.status_code == 200
    page = response.content.decode()
    for message in (
        meetings.ERROR_DATE_REQUIRED,
        meetings.ERROR_NO_MEMBERS,
        meetings.ERROR_AGENDA_EMPTY,
    ):
        assert str(message) in page
    assert 'value="Uke 48"' in page
    assert not Meeting.objects.exists()


def test_a_meeting_dated_in_the_past_is_refused(english, anders, rules_2000, flat, today):
    english.force_login(anders)
    response = english.post(
        reverse("allocation:meeting_create"),
        {
            "held_on": (today - datetime.timedelta(days=1)).isoformat(),
            "members": [anders.pk],
            "dwellings": [flat.pk],
        },
    )
    assert str(meetings.ERROR_DATE_PAST) in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_without_a_rule_set_keeps_what_was_typed(english, anders, today):
    english.force_login(anders)
    response = english.post(
        reverse("allocation:meeting_create"),
        {"held_on": today.isoformat(), "title": "Uke 48", "members": [anders.pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "No rule set is valid on" in page and 'value="Uke 48"' in page
    assert not Meeting.objects.exists()


def test_the_proposal_shows_its_proof_and_the_other_policies(english, anders, meeting, single):
    english.force_login(anders)
    response = english.post(reverse("allocation:meeting_propose", args=[meeting.pk]), follow=True)
    page = response.content.decode()
    assert "Proposal 1: 2 households matched." in page
    assert "Proven optimal" in page and "the gap is 0" in page
    for label in ("Strict priority", "Greedy by rank", "First come, first served"):
        assert label in page
    assert single.number in page


def test_the_proposal_says_in_plain_words_that_no_distribution_has_more_points_or_less_envy(
    english, anders, meeting
):
    english.force_login(anders)
    response = english.post(reverse("allocation:meeting_propose", args=[meeting.pk]), follow=True)
    page = response.content.decode()
    chosen = meeting.proposals.get().comparison["optimal"]
    assert chosen["least_envy"] is True and chosen["justified_envy"] == 0
    assert "No other distribution of these dwellings gives more points" in page
    assert "No household with more points is passed over" in page
    # The technical proof sits behind a disclosure.
    details = page[page.index('<details class="ds-details" id="proof-details">') :]
    assert "How this is proven" in details and "the gap is 0" in details
    assert "Its proven minimum is 0." in details


def test_the_proposal_says_it_in_bokmal_too(client, anders, meeting):
    client.force_login(anders)
    response = client.post(reverse("allocation:meeting_propose", args=[meeting.pk]), follow=True)
    page = response.content.decode()
    assert "Ingen annen fordeling av disse boligene gir flere poeng" in page
    assert "Slik er det bevist" in page and "Det beviste minimum er 0." in page


def test_with_unavoidable_envy_the_page_says_no_distribution_with_the_same_points_has_less(
    english, anders, meeting
):
    english.force_login(anders)
    english.post(reverse("allocation:meeting_propose", args=[meeting.pk]))
    proposal = meeting.proposals.get()
    # Two passed-over households that no other distribution of the same points avoids.
    proposal.comparison["optimal"].update(justified_envy=2, least_envy=True)
    proposal.save(update_fields=["comparison"])
    page = english.get(reverse("allocation:meeting_detail", args=[meeting.pk])).content.decode()
    assert (
        "In 2 cases a household with more points is passed over for a dwelling it would have "
        "fitted better; no other distribution with the same points has fewer such cases."
    ) in page
    assert "Its proven minimum is 2." in page


def test_an_impossible_proposal_is_explained_on_the_page(
    english, anders, anders_actor, rules_2000, flat, today
):
    meeting = open_meeting(anders_actor, today)
    meetings.agenda_take_out(actor=anders_actor, item=meeting.items.get(), reason="Vannskade")
    english.force_login(anders)
    response = english.post(reverse("allocation:meeting_propose", args=[meeting.pk]), follow=True)
    assert "There is no dwelling to match" in response.content.decode()


def test_why_is_a_household_where_it_is(english, anders, meeting, flat, single, family):
    english.force_login(anders)
    item = meeting.items.get(dwelling=flat)
    response = english.get(reverse("allocation:dwelling_candidates", args=[meeting.pk, item.pk]))
    page = response.content.decode()
    assert "1 eligible household" in page and single.number in page
    assert "1 household not eligible" in page
    assert "Size of the household against the bedrooms (needs 2–4, has 1)" in page
    assert "Waiting time" in page and "Situation" in page
    assert AuditEvent.objects.filter(object_type="allocation.meeting", action="view").exists()


def test_lock_resolve_offer_accept_from_the_pages(
    english, anders, kari, meeting, flat, single, trondheim, kari_actor, today
):
    """Lock a pair, solve, offer the proposed household, accept: a lease exists."""
    other = granted_application(trondheim, kari, received_on=today - datetime.timedelta(days=800))
    english.force_login(anders)
    english.post(reverse("allocation:meeting_propose", args=[meeting.pk]))
    assert meeting.proposals.get().pairs.get(dwelling=flat).application_id == other.pk
    english.post(
        reverse("allocation:pair_add", args=[meeting.pk]),
        {"kind": PairKind.LOCK, "application": single.pk, "dwelling": flat.pk},
    )
    english.post(reverse("allocation:meeting_propose", args=[meeting.pk]))
    proposal = meeting.proposals.first()
    pair = proposal.pairs.get(dwelling=flat)
    assert (pair.application_id, pair.locked) == (single.pk, True)
    item = meeting.items.get(dwelling=flat)
    english.post(
        reverse("allocation:item_offer", args=[meeting.pk, item.pk]), {"application": single.pk}
    )
    offer = Offer.objects.get(dwelling=flat)
    english.force_login(kari)
    response = english.post(
        reverse("allocation:offer_detail", args=[offer.pk]),
        {
            "answer": "accept",
            "accept-answered_on": today.isoformat(),
            "accept-lease_start": (today + datetime.timedelta(days=10)).isoformat(),
        },
        follow=True,
    )
    assert "A lease was drafted" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert Lease.objects.get(dwelling=flat).household == single.household


def test_a_decline_without_a_reason_keeps_the_form(
    english, kari, anders_actor, meeting, flat, single, today
):
    offer = offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today
    )
    english.force_login(kari)
    response = english.post(
        reverse("allocation:offer_detail", args=[offer.pk]),
        {
            "answer": "decline",
            "decline-answered_on": today.isoformat(),
            "decline-note": "Vil bo nær skolen",
        },
    )
    page = response.content.decode()
    assert "Choose the reason for declining." in page and "Vil bo nær skolen" in page
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_the_waiting_list_ranks_and_searches(english, kari, rules_2000, single, family):
    english.force_login(kari)
    page = english.get(reverse("allocation:waiting_list")).content.decode()
    assert page.index(single.number) < page.index(family.number)  # without a dwelling first
    found = english.get(reverse("allocation:waiting_list"), {"q": family.number}).content.decode()
    assert family.number in found and single.number not in found


def test_adjusting_points_needs_a_reason_and_parking_hides_the_household(
    english, kari, rules_2000, single, today
):
    english.force_login(kari)
    url = reverse("allocation:household_priority", args=[single.pk])
    response = english.post(url, {"adjust-points": "20", "adjust-reason": " "})
    assert (
        "This field is required." in response.content.decode()
        or "written reason" in response.content.decode()
    )
    english.post(url, {"adjust-points": "20", "adjust-reason": "Barnevernet ber om prioritet"})
    assert single.priority_adjustments.get().points == 20
    english.post(
        url,
        {"park-until": (today + datetime.timedelta(days=30)).isoformat(), "park-reason": "Innlagt"},
    )
    assert Parking.objects.filter(application=single).exists()
    page = english.get(reverse("allocation:waiting_list")).content.decode()
    assert single.number not in page


def test_read_only_roles_see_but_cannot_propose(client, per, meeting):
    client.force_login(per)
    assert client.get(reverse("allocation:meeting_detail", args=[meeting.pk])).status_code == 200
    assert client.post(reverse("allocation:meeting_propose", args=[meeting.pk])).status_code == 403


def test_each_page_of_the_waiting_list_and_the_offer_list_is_one_audit_event(
    client, kari, rules_2000, single, family
):
    client.force_login(kari)
    page = client.get(reverse("allocation:waiting_list"), {"q": family.number})
    client.get(reverse("allocation:offer_list"), {"status": "open"})
    waiting, offer_list = AuditEvent.objects.filter(action="list").order_by("id")
    assert (waiting.actor, waiting.object_type, waiting.object_repr) == (
        kari,
        "cases.application",
        "waiting list",
    )
    assert waiting.changes["query"] == {"q": family.number, "page": 1}
    shown = [str(row["household"].application_id) for row in page.context["page"].object_list]
    assert waiting.changes["ids"] == shown == [str(family.pk)]
    assert offer_list.object_type == "allocation.offer"
    assert offer_list.changes["query"] == {"status": "open", "page": 1}
