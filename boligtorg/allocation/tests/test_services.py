"""Rule sets, the waiting list, meetings and offers, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from boligtorg.allocation import selectors
from boligtorg.allocation.factories import granted_application, open_meeting
from boligtorg.allocation.models import (
    DeclineReason,
    ItemOutcome,
    Offer,
    OfferStatus,
    PairKind,
    Parking,
    PriorityAdjustment,
)
from boligtorg.allocation.services import meetings, offers, rules
from boligtorg.cases.factories import ApplicationFactory
from boligtorg.core.daily import run_daily_jobs
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditEvent, Notification
from boligtorg.domain import allocation as domain
from boligtorg.housing.models import DwellingStatus, Lease


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


# Rule sets -------------------------------------------------------------------


def test_a_rule_set_starts_with_the_default_bedroom_table(tone_actor):
    made = rules.rule_set_create(
        actor=tone_actor, name="Regler 2026", valid_from=datetime.date(2026, 1, 1)
    )
    table = [(r.persons, r.min_bedrooms, r.max_bedrooms) for r in made.bedroom_rows.all()]
    assert table == [
        (r.persons, r.min_bedrooms, r.max_bedrooms) for r in domain.DEFAULT_BEDROOM_TABLE
    ]
    assert AuditEvent.objects.filter(object_type="allocation.ruleset", action="create").count() == 1


def test_rule_set_periods_may_not_overlap(tone_actor):
    rules.rule_set_create(
        actor=tone_actor,
        name="2026",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as caught:
        rules.rule_set_create(actor=tone_actor, name="Ny", valid_from=datetime.date(2026, 6, 1))
    assert "overlaps the rule set “2026”" in _messages(caught.value)[0]
    later = rules.rule_set_create(
        actor=tone_actor, name="2027", valid_from=datetime.date(2027, 1, 1)
    )
    assert rules.rule_set_for(tone_actor.municipality, datetime.date(2027, 3, 1)) == later
    assert rules.rule_set_for(tone_actor.municipality, datetime.date(2025, 3, 1)) is None


def test_only_administrators_change_rules(kari_actor):
    with pytest.raises(PermissionDenied):
        rules.rule_set_create(actor=kari_actor, name="x", valid_from=datetime.date(2026, 1, 1))


def test_a_bedroom_table_must_start_at_one_person_and_be_consistent(tone_actor, rules_2000):
    with pytest.raises(ValidationError) as caught:
        rules.bedroom_table_save(
            actor=tone_actor, rule_set=rules_2000, rows=[(2, 1, 2), (2, 2, 3), (3, 3, 2)]
        )
    assert _messages(caught.value) == [
        str(rules.ERROR_BEDROOM_FIRST),
        "There are two rows for 2 persons.",
        "For 3 persons the fewest bedrooms (3) is more than the most (2).",
    ]
    rules.bedroom_table_save(actor=tone_actor, rule_set=rules_2000, rows=[(1, 0, 2), (3, 2, 4)])
    assert rules.eligibility_rules(rules_2000).bedroom_range(2) == (0, 2)


def test_target_group_points_count_in_the_priority(tone_actor, rules_2000, trondheim, kari, today):
    application = granted_application(trondheim, kari, target_groups=("refugee",))
    refugee = application.target_groups.get()
    rules.group_points_save(actor=tone_actor, rule_set=rules_2000, points={refugee: 25})
    found, _shown = selectors.candidates(trondheim, today)
    prio = domain.priority(found[0], rules.priority_rules(rules_2000), today)
    assert domain.PointPart(domain.Part.TARGET_GROUP, 25, "refugee") in prio.parts


# The waiting list --------------------------------------------------------------


def test_the_waiting_list_holds_granted_households_only(trondheim, kari, single, family, today):
    ApplicationFactory(municipality=trondheim, status="submitted", caseworker=kari)
    ids = {c.id for c in selectors.candidates(trondheim, today)[0]}
    assert ids == {single.pk, family.pk}


def test_a_candidate_carries_its_household(family, trondheim, today):
    found, shown = selectors.candidates(trondheim, today)
    candidate = next(c for c in found if c.id == family.pk)
    assert (candidate.household_size, candidate.children, candidate.situation) == (4, 2, "at_risk")
    assert shown[family.pk].number == family.number


def test_a_parked_household_comes_back_by_itself(single, kari, trondheim, today):
    Parking.objects.create(
        application=single,
        reason="Innlagt",
        until=today + datetime.timedelta(days=10),
        created_by=kari,
    )
    assert single.pk not in {c.id for c in selectors.candidates(trondheim, today)[0]}
    later = today + datetime.timedelta(days=11)
    assert single.pk in {c.id for c in selectors.candidates(trondheim, later)[0]}


def test_the_latest_manual_adjustment_counts(single, kari, trondheim, today):
    PriorityAdjustment.objects.create(application=single, points=10, reason="a", created_by=kari)
    PriorityAdjustment.objects.create(application=single, points=-5, reason="b", created_by=kari)
    (candidate,) = selectors.candidates(trondheim, today)[0]
    assert (candidate.manual_points, candidate.manual_reason) == (-5, "b")


def test_areas_are_matched_by_name_whatever_the_case(trondheim, kari, today, flat):
    granted_application(trondheim, kari, excluded_areas="  MIDTBYEN ; Lade")
    (candidate,) = selectors.candidates(trondheim, today)[0]
    (vacancy,) = selectors.vacancies(selectors.dwellings_with_details().filter(pk=flat.pk))
    assert candidate.excluded_areas == {"midtbyen", "lade"}
    assert not domain.is_eligible(domain.eligibility(candidate, vacancy, domain.EligibilityRules()))


def test_the_waiting_list_reads_in_a_constant_number_of_queries(
    trondheim, kari, today, django_assert_max_num_queries
):
    for _ in range(5):
        granted_application(trondheim, kari, children=1, target_groups=("young",))
    with django_assert_max_num_queries(5):
        found, _shown = selectors.candidates(trondheim, today)
    assert len(found) == 5


# Meetings ----------------------------------------------------------------------


def test_a_meeting_needs_a_rule_set(anders_actor, today):
    with pytest.raises(ValidationError) as caught:
        open_meeting(anders_actor, today)
    assert "No rule set is valid" in _messages(caught.value)[0]


def test_a_meeting_puts_every_ready_dwelling_on_its_agenda(
    anders_actor, rules_2000, flat, family_flat, trondheim, today
):
    family_flat.status = DwellingStatus.MAINTENANCE
    family_flat.save()
    meeting = open_meeting(anders_actor, today)
    assert [item.dwelling for item in meeting.items.all()] == [flat]
    assert meeting.rule_set == rules_2000


def test_a_lock_must_be_eligible(anders_actor, rules_2000, flat, family, single, today):
    meeting = open_meeting(anders_actor, today)
    with pytest.raises(ValidationError) as caught:
        meetings.pair_constraint_add(
            actor=anders_actor,
            meeting=meeting,
            kind=PairKind.LOCK,
            application=family,
            dwelling=flat,
        )
    assert _messages(caught.value) == [
        "The household cannot be locked to this dwelling: it does not meet the rule "
        "“Size of the household against the bedrooms”."
    ]
    meetings.pair_constraint_add(
        actor=anders_actor, meeting=meeting, kind=PairKind.LOCK, application=single, dwelling=flat
    )
    with pytest.raises(ValidationError) as caught:
        meetings.pair_constraint_add(
            actor=anders_actor,
            meeting=meeting,
            kind=PairKind.LOCK,
            application=single,
            dwelling=flat,
        )
    assert _messages(caught.value) == [str(meetings.ERROR_PAIR_EXISTS)]


def test_a_taken_out_dwelling_cannot_be_locked(anders_actor, rules_2000, flat, single, today):
    meeting = open_meeting(anders_actor, today)
    item = meeting.items.get()
    with pytest.raises(ValidationError):
        meetings.agenda_take_out(actor=anders_actor, item=item, reason=" ")
    meetings.agenda_take_out(actor=anders_actor, item=item, reason="Vannskade")
    with pytest.raises(ValidationError) as caught:
        meetings.pair_constraint_add(
            actor=anders_actor,
            meeting=meeting,
            kind=PairKind.LOCK,
            application=single,
            dwelling=flat,
        )
    assert _messages(caught.value) == [str(meetings.ERROR_LOCK_TAKEN_OUT)]


# Offers --------------------------------------------------------------------------


@pytest.fixture
def meeting(anders_actor, rules_2000, flat, today):
    return open_meeting(anders_actor, today)


def test_an_offer_gets_the_rule_sets_deadline(anders_actor, meeting, single, today):
    offer = meetings.item_offer(
        actor=anders_actor, item=meeting.items.get(), application=single, offered_on=today
    )
    assert offer.deadline == today + datetime.timedelta(days=7)
    assert meeting.items.get().outcome == ItemOutcome.OFFERED
    assert single.pk not in {c.id for c in selectors.candidates(single.municipality, today)[0]}


def test_an_offered_dwelling_cannot_be_taken_out_or_postponed(anders_actor, meeting, single, today):
    item = meeting.items.get()
    meetings.item_offer(actor=anders_actor, item=item, application=single, offered_on=today)
    item.refresh_from_db()
    for change in (
        lambda: meetings.agenda_take_out(actor=anders_actor, item=item, reason="Vannlekkasje"),
        lambda: meetings.agenda_put_back(actor=anders_actor, item=item),
        lambda: meetings.item_postpone(actor=anders_actor, item=item, note="Neste møte"),
    ):
        with pytest.raises(ValidationError) as caught:
            change()
        assert _messages(caught.value) == [str(meetings.ERROR_ITEM_DECIDED)]
    item.refresh_from_db()
    assert (item.taken_out, item.outcome) == (False, ItemOutcome.OFFERED)


def test_a_dwelling_never_has_two_open_offers(anders_actor, meeting, single, family, flat, today):
    offers.offer_create(actor=anders_actor, dwelling=flat, application=single, offered_on=today)
    with pytest.raises(ValidationError) as caught:
        offers.offer_create(actor=anders_actor, dwelling=flat, application=family, offered_on=today)
    assert _messages(caught.value) == [str(offers.ERROR_DWELLING_OFFERED)]


def test_accepting_drafts_a_lease_for_the_granted_length(
    anders_actor, kari_actor, trondheim, kari, flat, today, rules_2000
):
    application = granted_application(trondheim, kari, lease_months=12)
    application.decisions.update(short_lease_reason="Avklaringsbolig")
    offer = offers.offer_create(
        actor=anders_actor, dwelling=flat, application=application, offered_on=today
    )
    offers.offer_accept(
        actor=kari_actor,
        offer=offer,
        answered_on=today,
        lease_start=today + datetime.timedelta(days=14),
    )
    offer.refresh_from_db()
    lease = Lease.objects.get(dwelling=flat)
    assert offer.status == OfferStatus.ACCEPTED and offer.lease == lease
    assert lease.household == application.household
    assert lease.short_lease_reason == "Avklaringsbolig"
    assert (lease.end - lease.start).days in range(364, 367)
    flat.refresh_from_db()
    assert flat.status == DwellingStatus.LET
    rules.decline_reasons_ensure(municipality=trondheim)
    with pytest.raises(ValidationError) as caught:
        offers.offer_decline(
            actor=kari_actor, offer=offer, answered_on=today, reason=DeclineReason.objects.first()
        )
    assert _messages(caught.value) == ["The offer has already been answered (accepted)."]


def test_a_decline_needs_a_reason_and_puts_the_household_back(
    anders_actor, kari_actor, single, flat, trondheim, today, rules_2000
):
    rules.decline_reasons_ensure(municipality=trondheim)
    offer = offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today
    )
    with pytest.raises(ValidationError) as caught:
        offers.offer_decline(actor=kari_actor, offer=offer, answered_on=today, reason=None)
    assert _messages(caught.value) == [str(offers.ERROR_REASON_REQUIRED)]
    reason = DeclineReason.objects.get(municipality=trondheim, code="size")
    offers.offer_decline(actor=kari_actor, offer=offer, answered_on=today, reason=reason)
    assert single.pk in {c.id for c in selectors.candidates(trondheim, today)[0]}
    assert flat in selectors.agenda_dwellings(trondheim)


def test_unreasonable_declines_up_to_the_limit_notify_the_caseworker(
    anders_actor, kari_actor, single, flat, trondheim, today, rules_2000
):
    rules_2000.max_unreasonable_declines = 2
    rules_2000.save()
    rules.decline_reasons_ensure(municipality=trondheim)
    reason = DeclineReason.objects.get(municipality=trondheim, code="no_reason")
    for _ in range(2):
        offer = offers.offer_create(
            actor=anders_actor, dwelling=flat, application=single, offered_on=today
        )
        offers.offer_decline(actor=kari_actor, offer=offer, answered_on=today, reason=reason)
    (note,) = Notification.objects.filter(kind=offers.DECLINE_LIMIT_KIND)
    assert note.recipient == single.caseworker and single.number in note.message


def test_the_daily_job_expires_offers_once(
    anders_actor, single, flat, trondheim, today, rules_2000
):
    offer = offers.offer_create(
        actor=anders_actor,
        dwelling=flat,
        application=single,
        offered_on=today - datetime.timedelta(days=9),
    )
    assert offer.deadline < today
    first = run_daily_jobs(today)
    second = run_daily_jobs(today)
    path = "boligtorg.allocation.services.offers.offers_expire"
    assert (first[path], second[path]) == (1, 0)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    assert flat in selectors.agenda_dwellings(trondheim)
    assert Notification.objects.filter(kind=offers.EXPIRED_KIND).count() == 1


def test_an_offer_is_not_made_across_municipalities(single, sven, skanderborg, today):
    from boligtorg.core.models import Role

    sven_meeting = actor_for(sven, skanderborg)
    sven_actor = type(sven_meeting)(
        user=sven, municipality=skanderborg, roles=frozenset({Role.ALLOCATION_MEMBER})
    )
    from boligtorg.housing.factories import DwellingFactory

    theirs = DwellingFactory(municipality=skanderborg)
    with pytest.raises(PermissionDenied):
        offers.offer_create(actor=sven_actor, dwelling=theirs, application=single, offered_on=today)
    assert not Offer.objects.exists()


# Proposals -------------------------------------------------------------------------


def test_a_proposal_matches_each_household_to_a_dwelling_it_fits(
    anders_actor, rules_2000, flat, family_flat, single, family, today
):
    meeting = open_meeting(anders_actor, today)
    proposal = meetings.proposal_make(actor=anders_actor, meeting=meeting)
    pairs = {(p.dwelling_id, p.application_id) for p in proposal.pairs.all()}
    assert pairs == {(flat.pk, single.pk), (family_flat.pk, family.pk)}
    assert proposal.proven_optimal and proposal.gap == 0
    assert proposal.bound == proposal.objective
    assert set(proposal.comparison) >= {"optimal", "strict_priority", "greedy_by_rank"}
    assert proposal.comparison["optimal"]["least_envy"] is True
    assert proposal.comparison["strict_priority"]["least_envy"] is None
    assert AuditEvent.objects.filter(object_type="allocation.proposal").count() == 1


def test_a_lock_holds_in_the_next_proposal_and_a_forbidden_pair_never_appears(
    anders_actor, rules_2000, trondheim, kari, flat, today
):
    first = granted_application(trondheim, kari, situation="without_dwelling")
    second = granted_application(trondheim, kari, situation="unsuitable")
    meeting = open_meeting(anders_actor, today)
    proposal = meetings.proposal_make(actor=anders_actor, meeting=meeting)
    assert [p.application_id for p in proposal.pairs.all()] == [first.pk]
    meetings.pair_constraint_add(
        actor=anders_actor, meeting=meeting, kind=PairKind.LOCK, application=second, dwelling=flat
    )
    locked = meetings.proposal_make(actor=anders_actor, meeting=meeting)
    assert [(p.application_id, p.locked) for p in locked.pairs.all()] == [(second.pk, True)]
    assert locked.number == 2
    constraint = meeting.constraints.get()
    meetings.pair_constraint_remove(actor=anders_actor, constraint=constraint)
    meetings.pair_constraint_add(
        actor=anders_actor, meeting=meeting, kind=PairKind.FORBID, application=first, dwelling=flat
    )
    third = meetings.proposal_make(actor=anders_actor, meeting=meeting)
    assert [p.application_id for p in third.pairs.all()] == [second.pk]
    assert meeting.constraints.count() == 2  # the removed lock is kept, marked removed


def test_a_meeting_without_vacancies_explains_itself(anders_actor, rules_2000, flat, single, today):
    meeting = open_meeting(anders_actor, today)
    meetings.agenda_take_out(actor=anders_actor, item=meeting.items.get(), reason="Vannskade")
    with pytest.raises(ValidationError) as caught:
        meetings.proposal_make(actor=anders_actor, meeting=meeting)
    assert _messages(caught.value) == [str(meetings.ERROR_NO_DWELLINGS)]


def test_rules_that_make_everyone_ineligible_are_named(
    anders_actor, tone_actor, rules_2000, flat, family, today
):
    meeting = open_meeting(anders_actor, today)
    with pytest.raises(ValidationError) as caught:
        meetings.proposal_make(actor=anders_actor, meeting=meeting)
    (message,) = _messages(caught.value)
    assert message.startswith("No household on the waiting list is eligible")
    assert "Size of the household against the bedrooms" in message


def test_a_lock_that_has_become_impossible_is_explained(
    anders_actor, rules_2000, flat, single, today
):
    meeting = open_meeting(anders_actor, today)
    meetings.pair_constraint_add(
        actor=anders_actor, meeting=meeting, kind=PairKind.LOCK, application=single, dwelling=flat
    )
    single.needs_wheelchair_access = True
    single.save()
    with pytest.raises(ValidationError) as caught:
        meetings.proposal_make(actor=anders_actor, meeting=meeting)
    assert _messages(caught.value) == [
        str(meetings.INFEASIBLE_MESSAGES[meetings.matching.InfeasibleCode.LOCK_NOT_ELIGIBLE])
    ]
