import datetime

import pytest
from django.utils import translation

from boligtorg.allocation.factories import granted_application, open_meeting
from boligtorg.allocation.models import (
    ItemOutcome,
    Meeting,
    Offer,
    OfferStatus,
    PairConstraint,
    PairKind,
    Proposal,
    RuleSet,
)
from boligtorg.allocation.services import meetings, offers, rules
from boligtorg.cases.models import TargetGroup
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain import allocation as domain
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import DwellingStatus, Lease

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _en(message):
    with translation.override("en"):
        return str(message)


def _post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type=JSON)


def _patch(client, url, body):
    return client.patch(url, body, content_type=JSON)


def _locs(response):
    return [error["loc"] for error in response.json()["detail"]]


def _messages(response):
    return [error["msg"] for error in response.json()["detail"]]


@pytest.fixture
def anders_actor(anders, trondheim):
    return actor_for(anders, trondheim)


@pytest.fixture
def meeting(anders_actor, rules_2000, flat, today):
    return open_meeting(anders_actor, today)


@pytest.fixture
def allocated(anders_actor, rules_2000, flat, family_flat, single, family, today):
    """A meeting of Trondheim with a proposal, a ban and an offer of the flat."""
    meeting = open_meeting(anders_actor, today)
    proposal = meetings.proposal_make(actor=anders_actor, meeting=meeting)
    constraint = meetings.pair_constraint_add(
        actor=anders_actor,
        meeting=meeting,
        kind=PairKind.FORBID,
        application=family,
        dwelling=flat,
    )
    item = meeting.items.get(dwelling=flat)
    offer = meetings.item_offer(actor=anders_actor, item=item, application=single, offered_on=today)
    return {
        "meeting": meeting,
        "proposal": proposal,
        "constraint": constraint,
        "item": item,
        "offer": offer,
        "rule_set": rules_2000,
    }


def _object_routes(allocated, today):
    """Every allocation route that names an object, with a body it would accept."""
    m, p = allocated["meeting"].pk, allocated["proposal"].pk
    c, i = allocated["constraint"].pk, allocated["item"].pk
    o, r = allocated["offer"].pk, allocated["rule_set"].pk
    base = "/api/allocation"
    day = str(today)
    return [
        ("get", f"{base}/rule-sets/{r}", None),
        ("patch", f"{base}/rule-sets/{r}", {"points_at_risk": 70}),
        ("get", f"{base}/meetings/{m}", None),
        ("post", f"{base}/meetings/{m}/proposals", {}),
        ("get", f"{base}/meetings/{m}/proposals/{p}", None),
        (
            "post",
            f"{base}/meetings/{m}/constraints",
            {
                "kind": "forbid",
                "application_id": allocated["offer"].application_id,
                "dwelling_id": allocated["offer"].dwelling_id,
            },
        ),
        ("delete", f"{base}/meetings/{m}/constraints/{c}", None),
        (
            "post",
            f"{base}/meetings/{m}/items/{i}/offer",
            {"application_id": allocated["offer"].application_id},
        ),
        ("post", f"{base}/meetings/{m}/cancel", {"reason": "Feil dato"}),
        ("get", f"{base}/offers/{o}", None),
        ("post", f"{base}/offers/{o}/accept", {"answered_on": day, "lease_start": day}),
        ("post", f"{base}/offers/{o}/decline", {"answered_on": day, "reason": "size"}),
        ("post", f"{base}/offers/{o}/withdraw", {}),
    ]


def _request(client, method, url, body):
    if method == "get":
        return client.get(url)
    if method == "delete":
        return client.delete(url)
    return getattr(client, method)(url, body, content_type=JSON)


# Who may read and write ----------------------------------------------------------------


def test_anonymous_requests_get_401_json(client):
    response = client.get("/api/allocation/meetings")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log in first."}


def test_sven_gets_404_for_every_trondheim_allocation_object(client, sven, allocated, today):
    client.force_login(sven)
    for method, url, body in _object_routes(allocated, today):
        response = _request(client, method, url, body)
        assert response.status_code == 404, (method, url, response.content)
    for url in ("rule-sets", "meetings", "offers", "waiting-list"):
        assert client.get(f"/api/allocation/{url}").json()["count"] == 0, url
    assert PairConstraint.objects.filter(removed_at__isnull=True).count() == 1
    assert Offer.objects.get().status == OfferStatus.OPEN


def test_per_the_auditor_reads_but_cannot_write(client, per, allocated, today):
    client.force_login(per)
    for method, url, body in _object_routes(allocated, today):
        response = _request(client, method, url, body)
        expected = 200 if method == "get" else 403
        assert response.status_code == expected, (method, url, response.content)
    assert _post(client, "/api/allocation/meetings", {"held_on": str(today)}).status_code == 403
    new_rules = {"name": "2030", "valid_from": "2030-01-01"}
    assert _post(client, "/api/allocation/rule-sets", new_rules).status_code == 403
    assert Proposal.objects.count() == 1
    assert Offer.objects.get().status == OfferStatus.OPEN


def test_kari_reads_meetings_offers_and_the_waiting_list_but_runs_no_meeting(
    client, kari, allocated, today
):
    client.force_login(kari)
    meeting = allocated["meeting"]
    listed = client.get("/api/allocation/meetings").json()
    assert listed["count"] == 1
    assert listed["items"][0]["dwellings"] == 2 and listed["items"][0]["offered"] == 1
    detail = client.get(f"/api/allocation/meetings/{meeting.pk}").json()
    by_dwelling = {item["dwelling"]["address"]: item for item in detail["items"]}
    offered = by_dwelling["Kongens gate 1"]
    assert offered["outcome"] == ItemOutcome.OFFERED
    assert offered["offer_id"] == allocated["offer"].pk
    assert offered["dwelling"]["area"] == "Midtbyen"
    assert [c["kind"] for c in detail["constraints"]] == ["forbid"]
    assert [p["id"] for p in detail["proposals"]] == [allocated["proposal"].pk]
    assert client.get("/api/allocation/offers").json()["count"] == 1
    assert _post(client, f"/api/allocation/meetings/{meeting.pk}/proposals").status_code == 403


# Rule sets ----------------------------------------------------------------------------


def test_tone_makes_a_rule_set_with_the_default_bedroom_table(client, tone):
    client.force_login(tone)
    response = _post(
        client,
        "/api/allocation/rule-sets",
        {"name": "Regler 2026", "valid_from": "2026-01-01", "points_at_risk": 70},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["points_at_risk"] == 70 and body["points_without_dwelling"] == 100
    assert [(r["persons"], r["min_bedrooms"], r["max_bedrooms"]) for r in body["bedroom_rows"]] == [
        (r.persons, r.min_bedrooms, r.max_bedrooms) for r in domain.DEFAULT_BEDROOM_TABLE
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="allocation.ruleset", object_id=str(body["id"])
    ).exists()


def test_a_rule_set_ending_before_it_starts_answers_422_at_valid_to(english, tone):
    english.force_login(tone)
    response = _post(
        english,
        "/api/allocation/rule-sets",
        {"name": "Baklengs", "valid_from": "2026-06-01", "valid_to": "2026-01-01"},
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "valid_to"]]
    assert _messages(response) == [_en(rules.ERROR_VALID_TO)]
    assert not RuleSet.objects.exists()


def test_an_overlapping_rule_set_answers_422_at_valid_from(english, tone, rules_2000):
    english.force_login(tone)
    response = _post(
        english, "/api/allocation/rule-sets", {"name": "2026", "valid_from": "2026-01-01"}
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "valid_from"]]
    assert "Tildelingsregler" in _messages(response)[0]


def test_a_schema_error_in_a_rule_set_answers_422_naming_the_field(client, tone):
    client.force_login(tone)
    response = _post(
        client,
        "/api/allocation/rule-sets",
        {"name": "Feil", "valid_from": "2026-13-01", "weight_fit": -1},
    )
    assert response.status_code == 422
    named = str(response.json()["detail"])
    assert "valid_from" in named and "weight_fit" in named


def test_a_rule_set_reads_with_its_points_caps_and_whether_it_is_in_force(
    client, kari, tone, trondheim, rules_2000
):
    tone_actor = actor_for(tone, trondheim)
    refugees = TargetGroup.objects.create(municipality=trondheim, code="refugee", name="Flyktning")
    rules.group_points_save(actor=tone_actor, rule_set=rules_2000, points={refugees: 40})
    rules.area_cap_add(
        actor=tone_actor,
        rule_set=rules_2000,
        area_name="Saupstad",
        target_groups=[refugees],
        limit=3,
    )
    client.force_login(kari)
    body = client.get(f"/api/allocation/rule-sets/{rules_2000.pk}").json()
    assert body["in_force"] is True
    assert body["target_group_points"] == [
        {"target_group": "refugee", "name": "Flyktning", "points": 40}
    ]
    (cap,) = body["area_caps"]
    assert (cap["area"], cap["target_groups"], cap["limit"]) == ("Saupstad", ["refugee"], 3)
    assert (cap["used"], cap["remaining"]) == (0, 3)
    assert client.get("/api/allocation/rule-sets").json()["items"][0]["id"] == rules_2000.pk


def test_tone_changes_a_rule_set_and_kari_cannot(client, kari, tone, rules_2000):
    url = f"/api/allocation/rule-sets/{rules_2000.pk}"
    client.force_login(kari)
    assert _patch(client, url, {"points_at_risk": 70}).status_code == 403
    client.force_login(tone)
    response = _patch(client, url, {"points_at_risk": 70, "valid_to": "2030-12-31"})
    assert response.status_code == 200, response.content
    assert response.json()["points_at_risk"] == 70
    assert response.json()["valid_to"] == "2030-12-31"
    opened = _patch(client, url, {"valid_to": None, "name": None})
    assert opened.json()["valid_to"] is None and opened.json()["name"] == "Tildelingsregler"
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="allocation.ruleset"
    ).exists()


def test_a_change_that_ends_a_rule_set_before_it_starts_answers_422(english, tone, rules_2000):
    english.force_login(tone)
    response = _patch(
        english, f"/api/allocation/rule-sets/{rules_2000.pk}", {"valid_to": "1999-12-31"}
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "valid_to"]]
    rules_2000.refresh_from_db()
    assert rules_2000.valid_to is None


# Meetings and proposals ------------------------------------------------------------------


def test_anders_makes_a_meeting_with_every_ready_dwelling_on_its_agenda(
    client, anders, rules_2000, flat, family_flat, today
):
    family_flat.status = DwellingStatus.MAINTENANCE
    family_flat.save()
    client.force_login(anders)
    response = _post(
        client,
        "/api/allocation/meetings",
        {"held_on": str(today), "title": "Uke 2", "member_ids": [anders.pk]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [item["dwelling"]["id"] for item in body["items"]] == [flat.pk]
    assert body["members"] == ["anders"] and body["rule_set_id"] == rules_2000.pk
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="allocation.meeting", object_id=str(body["id"])
    ).exists()


def test_a_meeting_with_nothing_chosen_answers_422_at_every_field_at_once(english, anders, today):
    english.force_login(anders)
    response = _post(
        english, "/api/allocation/meetings", {"held_on": str(today), "dwelling_ids": []}
    )
    assert response.status_code == 422
    assert _locs(response) == [
        ["body", "held_on"],
        ["body", "member_ids"],
        ["body", "dwelling_ids"],
    ]
    assert "No rule set is valid" in _messages(response)[0]
    assert _messages(response)[1:] == [
        _en(meetings.ERROR_NO_MEMBERS),
        _en(meetings.ERROR_AGENDA_EMPTY),
    ]
    assert not Meeting.objects.exists()


def test_a_member_who_is_not_in_the_meeting_answers_422_at_member_ids(
    client, anders, kari, rules_2000, flat, today
):
    client.force_login(anders)
    response = _post(
        client, "/api/allocation/meetings", {"held_on": str(today), "member_ids": [kari.pk]}
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "member_ids"]]


def test_a_proposal_is_proven_optimal_and_can_be_read_again(
    client, anders, rules_2000, flat, family_flat, single, family, today
):
    client.force_login(anders)
    meeting = _post(
        client, "/api/allocation/meetings", {"held_on": str(today), "member_ids": [anders.pk]}
    ).json()
    response = _post(client, f"/api/allocation/meetings/{meeting['id']}/proposals")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["proven_optimal"] is True and body["gap"] == 0
    assert body["bound"] == body["objective"]
    assert {(p["dwelling_id"], p["application_id"]) for p in body["pairs"]} == {
        (flat.pk, single.pk),
        (family_flat.pk, family.pk),
    }
    assert set(body["comparison"]) >= {"optimal", "strict_priority", "first_come_first_served"}
    read = client.get(f"/api/allocation/meetings/{meeting['id']}/proposals/{body['id']}")
    assert read.status_code == 200
    assert read.json()["pairs"] == body["pairs"] and read.json()["method"] == body["method"]


def test_a_locked_pair_holds_in_the_next_proposal_until_it_is_removed(
    client, anders, kari, trondheim, meeting, flat
):
    first = granted_application(trondheim, kari, situation="without_dwelling")
    second = granted_application(trondheim, kari, situation="unsuitable")
    client.force_login(anders)
    base = f"/api/allocation/meetings/{meeting.pk}"
    proposal = _post(client, f"{base}/proposals").json()
    assert [p["application_id"] for p in proposal["pairs"]] == [first.pk]
    lock = _post(
        client,
        f"{base}/constraints",
        {"kind": "lock", "application_id": second.pk, "dwelling_id": flat.pk},
    )
    assert lock.status_code == 201, lock.content
    assert lock.json()["application_number"] == second.number
    again = _post(client, f"{base}/proposals").json()
    assert again["number"] == 2
    assert [(p["application_id"], p["locked"]) for p in again["pairs"]] == [(second.pk, True)]
    removed = client.delete(f"{base}/constraints/{lock.json()['id']}")
    assert removed.status_code == 204
    assert client.get(base).json()["constraints"] == []
    assert PairConstraint.objects.get().removed_by == anders
    assert client.delete(f"{base}/constraints/{lock.json()['id']}").status_code == 404


def test_a_lock_on_an_ineligible_pair_answers_422_at_application_id(
    english, anders, meeting, flat, family
):
    english.force_login(anders)
    response = _post(
        english,
        f"/api/allocation/meetings/{meeting.pk}/constraints",
        {"kind": "lock", "application_id": family.pk, "dwelling_id": flat.pk},
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "application_id"]]
    assert _messages(response) == [
        "The household cannot be locked to this dwelling: it does not meet the rule "
        "“Size of the household against the bedrooms”."
    ]
    assert not PairConstraint.objects.exists()


def test_a_lock_on_a_dwelling_off_the_agenda_answers_422_at_dwelling_id(
    english, anders, trondheim, meeting, single
):
    later = DwellingFactory(municipality=trondheim)
    english.force_login(anders)
    response = _post(
        english,
        f"/api/allocation/meetings/{meeting.pk}/constraints",
        {"kind": "lock", "application_id": single.pk, "dwelling_id": later.pk},
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "dwelling_id"]]
    assert _messages(response) == [_en(meetings.ERROR_NOT_ON_AGENDA)]


def test_an_unknown_kind_of_pair_rule_answers_422_naming_kind(
    client, anders, meeting, flat, single
):
    client.force_login(anders)
    response = _post(
        client,
        f"/api/allocation/meetings/{meeting.pk}/constraints",
        {"kind": "maybe", "application_id": single.pk, "dwelling_id": flat.pk},
    )
    assert response.status_code == 422
    assert "kind" in str(response.json()["detail"])


def test_a_proposal_without_vacancies_answers_422_with_the_services_message(
    english, anders, anders_actor, rules_2000, flat, single, today
):
    meeting = open_meeting(anders_actor, today)
    meetings.agenda_take_out(actor=anders_actor, item=meeting.items.get(), reason="Vannskade")
    english.force_login(anders)
    response = _post(english, f"/api/allocation/meetings/{meeting.pk}/proposals")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body"], "msg": _en(meetings.ERROR_NO_DWELLINGS), "type": "value_error"}
    ]
    assert not Proposal.objects.exists()


def test_rules_that_make_every_household_ineligible_answer_422_naming_the_rules(
    english, anders, meeting, family
):
    english.force_login(anders)
    response = _post(english, f"/api/allocation/meetings/{meeting.pk}/proposals")
    assert response.status_code == 422
    (message,) = _messages(response)
    assert message.startswith("No household on the waiting list is eligible")
    assert "Size of the household against the bedrooms" in message


# Offers -------------------------------------------------------------------------------


def test_an_offer_accepted_drafts_a_lease_in_the_register(
    client, anders, kari, meeting, flat, single, today
):
    item = meeting.items.get()
    client.force_login(anders)
    made = _post(
        client,
        f"/api/allocation/meetings/{meeting.pk}/items/{item.pk}/offer",
        {"application_id": single.pk},
    )
    assert made.status_code == 201, made.content
    offer = made.json()
    assert offer["status"] == "open" and offer["meeting_id"] == meeting.pk
    assert offer["deadline"] == str(today + datetime.timedelta(days=7))
    client.force_login(kari)
    start = today + datetime.timedelta(days=14)
    accepted = _post(
        client,
        f"/api/allocation/offers/{offer['id']}/accept",
        {"answered_on": str(today), "lease_start": str(start)},
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    lease = Lease.objects.get(pk=accepted.json()["lease_id"])
    assert (lease.dwelling, lease.household, lease.start) == (flat, single.household, start)
    flat.refresh_from_db()
    assert flat.status == DwellingStatus.LET
    twice = _post(
        client,
        f"/api/allocation/offers/{offer['id']}/accept",
        {"answered_on": str(today), "lease_start": str(start)},
    )
    assert twice.status_code == 422


def test_a_decided_dwelling_cannot_be_offered_again(client, anders, meeting, single, family):
    item = meeting.items.get()
    client.force_login(anders)
    url = f"/api/allocation/meetings/{meeting.pk}/items/{item.pk}/offer"
    assert _post(client, url, {"application_id": single.pk}).status_code == 201
    again = _post(client, url, {"application_id": family.pk})
    assert again.status_code == 422
    assert Offer.objects.count() == 1


def test_a_household_with_an_open_offer_answers_422_at_application_id(
    english, anders, anders_actor, meeting, trondheim, single, today
):
    other = DwellingFactory(municipality=trondheim)
    offers.offer_create(actor=anders_actor, dwelling=other, application=single, offered_on=today)
    english.force_login(anders)
    response = _post(
        english,
        f"/api/allocation/meetings/{meeting.pk}/items/{meeting.items.get().pk}/offer",
        {"application_id": single.pk},
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "application_id"]]
    assert _messages(response) == [_en(offers.ERROR_HOUSEHOLD_OFFERED)]


@pytest.fixture
def open_offer(anders_actor, meeting, single, today):
    return meetings.item_offer(
        actor=anders_actor, item=meeting.items.get(), application=single, offered_on=today
    )


def test_a_decline_needs_a_known_coded_reason_and_puts_the_household_back(
    english, kari, open_offer, single, today
):
    english.force_login(kari)
    url = f"/api/allocation/offers/{open_offer.pk}/decline"
    reasons = english.get("/api/allocation/decline-reasons").json()
    assert "size" in {reason["code"] for reason in reasons}
    missing = _post(english, url, {"answered_on": str(today)})
    assert missing.status_code == 422
    assert _locs(missing) == [["body", "reason"]]
    assert _messages(missing) == [_en(offers.ERROR_REASON_REQUIRED)]
    unknown = _post(english, url, {"answered_on": str(today), "reason": "weather"})
    assert unknown.status_code == 422
    assert _locs(unknown) == [["body", "reason"]]
    declined = _post(
        english, url, {"answered_on": str(today), "reason": "size", "note": "For lite"}
    )
    assert declined.status_code == 200, declined.content
    assert declined.json()["status"] == "declined"
    assert declined.json()["decline_reason"] == "size"
    waiting = english.get("/api/allocation/waiting-list").json()
    assert single.pk in {row["application_id"] for row in waiting["items"]}


def test_an_answer_dated_before_the_offer_answers_422_at_answered_on(
    client, kari, open_offer, today
):
    client.force_login(kari)
    before = str(today - datetime.timedelta(days=1))
    response = _post(
        client,
        f"/api/allocation/offers/{open_offer.pk}/accept",
        {"answered_on": before, "lease_start": str(today)},
    )
    assert response.status_code == 422
    assert _locs(response) == [["body", "answered_on"]]
    assert not Lease.objects.exists()


def test_an_acceptance_with_impossible_dates_answers_422_naming_each_field(
    english, kari, open_offer, today
):
    english.force_login(kari)
    url = f"/api/allocation/offers/{open_offer.pk}/accept"
    tomorrow, yesterday = today + datetime.timedelta(days=1), today - datetime.timedelta(days=1)
    response = _post(english, url, {"answered_on": str(tomorrow), "lease_start": str(yesterday)})
    assert response.status_code == 422
    assert sorted(_locs(response)) == [["body", "answered_on"], ["body", "lease_start"]]
    assert _en(offers.ERROR_ANSWER_AFTER_TODAY) in _messages(response)
    assert not Lease.objects.exists()


def test_a_late_answer_answers_422_at_late_answer_reason_until_one_is_given(
    english, kari, anders_actor, rules_2000, flat, single, today
):
    late = offers.offer_create(
        actor=anders_actor,
        dwelling=flat,
        application=single,
        offered_on=today - datetime.timedelta(days=10),
    )
    english.force_login(kari)
    url = f"/api/allocation/offers/{late.pk}/decline"
    refused = _post(english, url, {"answered_on": str(today), "reason": "size"})
    assert refused.status_code == 422
    assert _locs(refused) == [["body", "late_answer_reason"]]
    body = {"answered_on": str(today), "reason": "size", "late_answer_reason": "Reached late"}
    declined = _post(english, url, body)
    assert declined.status_code == 200, declined.content
    assert declined.json()["late_answer_reason"] == "Reached late"


def test_the_meeting_withdraws_an_offer_and_a_caseworker_cannot(client, anders, kari, open_offer):
    url = f"/api/allocation/offers/{open_offer.pk}/withdraw"
    client.force_login(kari)
    assert _post(client, url).status_code == 403
    client.force_login(anders)
    response = _post(client, url, {"note": "Vannskade"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn" and response.json()["note"] == "Vannskade"


def test_offers_filter_by_status_and_reading_one_is_audited(client, kari, open_offer):
    client.force_login(kari)
    assert client.get("/api/allocation/offers", {"status": "open"}).json()["count"] == 1
    assert client.get("/api/allocation/offers", {"status": "accepted"}).json()["count"] == 0
    assert client.get("/api/allocation/offers", {"status": "lost"}).status_code == 422
    response = client.get(f"/api/allocation/offers/{open_offer.pk}")
    assert response.status_code == 200
    assert response.json()["application_number"] == open_offer.application.number
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="allocation.offer", object_id=str(open_offer.pk)
    ).exists()


# The waiting list -------------------------------------------------------------------------


def test_the_waiting_list_ranks_households_with_their_points_and_is_audited(
    client, kari, rules_2000, single, family
):
    client.force_login(kari)
    body = client.get("/api/allocation/waiting-list").json()
    assert body["count"] == 2
    first, second = body["items"]
    assert (first["rank"], second["rank"]) == (1, 2)
    assert first["application_id"] == single.pk  # without a dwelling before at risk
    assert first["points"] == sum(part["points"] for part in first["parts"])
    assert "situation" in {part["part"] for part in first["parts"]}
    found = client.get("/api/allocation/waiting-list", {"q": family.number}).json()
    assert [row["application_id"] for row in found["items"]] == [family.pk]
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="allocation.ruleset", object_id=str(rules_2000.pk)
    ).exists()


def test_the_waiting_list_is_empty_without_a_rule_set_in_force(client, kari, single):
    client.force_login(kari)
    assert client.get("/api/allocation/waiting-list").json()["count"] == 0


# The schema ---------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_allocation_routes(client, kari):
    client.force_login(kari)
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/allocation/meetings/{meeting_id}/proposals" in paths
    assert "delete" in paths["/api/allocation/meetings/{meeting_id}/constraints/{constraint_id}"]
    assert "/api/applications" in paths


def test_odd_input_answers_4xx_never_500(client, anders, tone, meeting, single, open_offer):
    huge = 10**30
    base = f"/api/allocation/meetings/{meeting.pk}"
    client.force_login(anders)
    answers = [
        client.get(f"/api/allocation/meetings/{huge}"),
        _post(
            client,
            f"{base}/constraints",
            {"kind": "lock", "application_id": huge, "dwelling_id": huge},
        ),
        _post(client, f"{base}/items/{huge}/offer", {"application_id": single.pk}),
        client.post(f"{base}/constraints", "{not json", content_type=JSON),
        client.post(f"/api/allocation/offers/{open_offer.pk}/withdraw", "", content_type=JSON),
    ]
    client.force_login(tone)
    new = {"name": "Ny", "valid_from": "2030-01-01"}
    answers += [
        _post(client, "/api/allocation/rule-sets", {**new, "offer_answer_days": huge}),
        _post(client, "/api/allocation/rule-sets", {**new, "name": "x" * 151}),
        _post(client, "/api/allocation/rule-sets", {**new, "copy_from_id": huge}),
    ]
    # An id beyond 64 bits in a body names its field (422); in the path it is not found.
    assert [r.status_code for r in answers] == [404, 422, 404, 400, 200, 422, 422, 422]


def test_a_meeting_is_cancelled_with_a_reason_and_refused_without_one(english, anders, meeting):
    english.force_login(anders)
    url = f"/api/allocation/meetings/{meeting.pk}/cancel"
    response = _post(english, url, {"reason": " "})
    assert response.status_code == 422
    assert _locs(response) == [["body", "reason"]]
    assert _messages(response) == [_en(meetings.ERROR_CANCEL_REASON)]
    response = _post(english, url, {"reason": "Too few members"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    again = _post(english, url, {"reason": "Again"})
    assert again.status_code == 422


def test_an_empty_meeting_body_names_the_date_the_members_and_the_agenda(
    english, anders, rules_2000
):
    english.force_login(anders)
    response = _post(english, "/api/allocation/meetings", {"dwelling_ids": []})
    assert response.status_code == 422
    assert _messages(response) == [
        _en(meetings.ERROR_DATE_REQUIRED),
        _en(meetings.ERROR_NO_MEMBERS),
        _en(meetings.ERROR_AGENDA_EMPTY),
    ]
