"""The services of the persons proposed: registering, answering, persons, the
housing case made from the settlement record, consent and health needs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.cases.models import CaseEvent, HouseholdRelation
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.settlement import responsibility_date

from ..models import DeclineReason, Proposal, ProposalSource, ProposalStatus
from ..services import proposals as services
from .factories import ProposalFactory, ProposedPersonFactory

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def _person(**extra):
    return {
        "first_name": "Amina",
        "last_name": "Hassan",
        "date_of_birth": datetime.date(1990, 3, 4),
        "relation": HouseholdRelation.MAIN_APPLICANT,
        **extra,
    }


def _register(actor, **extra):
    values = {
        "source": ProposalSource.DISTRIBUTION_LIST,
        "received_on": TODAY() - 10 * DAY,
        "list_reference": "IMDi-2026-11",
        "bedrooms_needed": 2,
        "persons": [
            _person(),
            _person(
                first_name="Sara",
                date_of_birth=datetime.date(2019, 6, 1),
                relation=HouseholdRelation.CHILD,
            ),
        ],
        **extra,
    }
    return services.proposal_register(actor=actor, **values)


def _errors(excinfo):
    return {k: [str(m) for m in v] for k, v in excinfo.value.message_dict.items()}


def test_kari_registers_a_distribution_list_entry_with_its_persons(kari_actor):
    proposal = _register(kari_actor, languages="somali, arabic", needs_accessible=True)
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.persons.count() == 2
    assert proposal.responsible_from is None
    event = AuditEvent.objects.get(object_id=str(proposal.pk), action=AuditAction.CREATE)
    assert event.changes["persons"] == [None, 2]


def test_a_danish_source_in_a_norwegian_municipality_is_refused(kari_actor):
    with pytest.raises(ValidationError) as excinfo:
        _register(kari_actor, source=ProposalSource.PLACEMENT, decided_on=TODAY())
    assert _errors(excinfo)["source"] == [str(services.ERROR_SOURCE_COUNTRY)]
    assert not Proposal.objects.exists()


def test_a_norwegian_source_in_a_danish_municipality_is_refused(sven_actor):
    with pytest.raises(ValidationError) as excinfo:
        _register(sven_actor, decided_on=TODAY() - DAY)
    assert str(services.ERROR_SOURCE_COUNTRY) in _errors(excinfo)["source"]


def test_every_error_of_a_registration_is_given_at_once(kari_actor, english_messages):
    with pytest.raises(ValidationError) as excinfo:
        _register(
            kari_actor,
            received_on=TODAY() + DAY,
            residence_permit_on=TODAY() + DAY,
            bedrooms_needed=0,
            persons=[_person(first_name="", date_of_birth=TODAY() + DAY, national_id="123")],
            health_needs="Diabetes",
        )
    errors = _errors(excinfo)
    assert errors["received_on"] == [str(services.ERROR_RECEIVED_FUTURE)]
    assert errors["residence_permit_on"] == [str(services.ERROR_PERMIT_FUTURE)]
    assert errors["bedrooms_needed"] == [str(services.ERROR_BEDROOMS)]
    assert errors["health_needs"] == [str(services.ERROR_HEALTH_WITHOUT_CONSENT)]
    assert errors["persons"] == [
        "Person 1: give the first and last name.",
        "Person 1: the date of birth cannot be in the future.",
        "Person 1: this is not a valid national identity number.",
    ]


def test_a_household_needs_exactly_one_main_person(kari_actor):
    with pytest.raises(ValidationError) as excinfo:
        _register(kari_actor, persons=[_person(relation=HouseholdRelation.CHILD)])
    assert _errors(excinfo)["persons"] == [str(services.ERROR_ONE_MAIN)]
    with pytest.raises(ValidationError) as excinfo:
        _register(kari_actor, persons=[])
    assert _errors(excinfo)["persons"] == [str(services.ERROR_NO_PERSONS)]


def test_an_unaccompanied_minor_must_be_under_eighteen_when_received(kari_actor):
    with pytest.raises(ValidationError) as excinfo:
        _register(kari_actor, unaccompanied_minor=True, persons=[_person()])
    assert _errors(excinfo)["unaccompanied_minor"] == [str(services.ERROR_MINOR_AGE)]


def test_a_danish_placement_is_registered_without_names_and_its_responsibility_date_stored(
    sven_actor,
):
    decided = TODAY() - 20 * DAY
    proposal = services.proposal_register(
        actor=sven_actor,
        source=ProposalSource.PLACEMENT,
        received_on=TODAY() - 30 * DAY,
        list_reference="US-TEST-1",
        decided_on=decided,
        persons=[{"date_of_birth": datetime.date(1988, 1, 2), "relation": "main"}],
    )
    proposal.refresh_from_db()
    assert proposal.responsible_from == responsibility_date(decided)
    assert proposal.application_id is None


def test_the_responsibility_date_is_computed_again_when_the_consented_day_changes(sven_actor):
    decided = TODAY() - 20 * DAY
    proposal = ProposalFactory(
        municipality=sven_actor.municipality,
        source=ProposalSource.PLACEMENT,
        decided_on=decided,
        responsible_from=responsibility_date(decided),
    )
    updated = services.proposal_update(
        actor=sven_actor, proposal=proposal, version=1, consented_from=decided + DAY
    )
    assert updated.responsible_from == decided + DAY
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert event.changes["responsible_from"][1] == (decided + DAY).isoformat()


def test_a_placement_needs_its_decision_date_and_takeover_not_before_it(sven_actor):
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_register(
            actor=sven_actor,
            source=ProposalSource.PLACEMENT,
            received_on=TODAY(),
            persons=[{"date_of_birth": datetime.date(1988, 1, 2), "relation": "main"}],
        )
    assert _errors(excinfo)["decided_on"] == [str(services.ERROR_DECIDED_REQUIRED)]
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_register(
            actor=sven_actor,
            source=ProposalSource.PLACEMENT,
            received_on=TODAY(),
            decided_on=TODAY() - DAY,
            consented_from=TODAY() - 2 * DAY,
            persons=[{"date_of_birth": datetime.date(1988, 1, 2), "relation": "main"}],
        )
    assert _errors(excinfo)["consented_from"] == [str(services.ERROR_CONSENTED_BEFORE)]


def test_accepting_in_norway_makes_the_household_and_its_housing_case(kari_actor):
    proposal = _register(kari_actor, needs_accessible=True)
    accepted = services.proposal_accept(
        actor=kari_actor,
        proposal=proposal,
        answered_on=TODAY(),
        expected_arrival_on=TODAY() + 21 * DAY,
        version=1,
    )
    assert accepted.status == ProposalStatus.ACCEPTED
    application = accepted.application
    assert application.situation == "without_dwelling"
    assert application.min_bedrooms == 2
    assert application.needs_wheelchair_access is True
    assert list(application.target_groups.values_list("code", flat=True)) == ["refugee"]
    assert application.household.members.count() == 2
    event = CaseEvent.objects.get(application=application, kind="from_settlement")
    assert "IMDi-2026-11" in event.summary
    assert accepted.persons.filter(person__isnull=True).count() == 0


def test_an_unaccompanied_minor_gets_the_minors_target_group(kari_actor):
    proposal = _register(
        kari_actor,
        unaccompanied_minor=True,
        persons=[_person(date_of_birth=TODAY().replace(year=TODAY().year - 16))],
    )
    accepted = services.proposal_accept(
        actor=kari_actor, proposal=proposal, answered_on=TODAY(), expected_arrival_on=TODAY()
    )
    codes = list(accepted.application.target_groups.values_list("code", flat=True))
    assert codes == ["unaccompanied_minor"]


def test_the_answer_is_dated_between_received_and_today_and_arrival_not_before_it(kari_actor):
    proposal = _register(kari_actor)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_accept(
            actor=kari_actor,
            proposal=proposal,
            answered_on=proposal.received_on - DAY,
            expected_arrival_on=proposal.received_on - 2 * DAY,
        )
    errors = _errors(excinfo)
    assert errors["answered_on"] == [str(services.ERROR_ANSWERED_BEFORE)]
    assert errors["expected_arrival_on"] == [str(services.ERROR_ARRIVAL_BEFORE)]
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_accept(
            actor=kari_actor, proposal=proposal, answered_on=TODAY() + DAY, expected_arrival_on=None
        )
    errors = _errors(excinfo)
    assert errors["answered_on"] == [str(services.ERROR_ANSWERED_FUTURE)]
    assert errors["expected_arrival_on"] == [str(services.ERROR_ARRIVAL_REQUIRED)]


def test_a_stale_answer_is_refused(kari_actor):
    proposal = _register(kari_actor)
    services.proposal_update(actor=kari_actor, proposal=proposal, version=1, languages="tigrinya")
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_accept(
            actor=kari_actor,
            proposal=proposal,
            answered_on=TODAY(),
            expected_arrival_on=TODAY(),
            version=1,
        )
    assert excinfo.value.messages == [str(services.ERROR_STALE)]


def test_declining_needs_a_reason_and_other_needs_a_note(kari_actor):
    proposal = _register(kari_actor)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_decline(
            actor=kari_actor, proposal=proposal, answered_on=TODAY(), reason=""
        )
    assert _errors(excinfo)["reason"] == [str(services.ERROR_REASON_REQUIRED)]
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_decline(
            actor=kari_actor, proposal=proposal, answered_on=TODAY(), reason=DeclineReason.OTHER
        )
    assert _errors(excinfo)["note"] == [str(services.ERROR_NOTE_REQUIRED)]
    declined = services.proposal_decline(
        actor=kari_actor,
        proposal=proposal,
        answered_on=TODAY(),
        reason=DeclineReason.NEEDS,
        note="Treatment not available here.",
    )
    assert declined.status == ProposalStatus.DECLINED
    assert declined.application_id is None


def test_a_danish_placement_cannot_be_declined(sven_actor):
    proposal = ProposalFactory(
        municipality=sven_actor.municipality,
        source=ProposalSource.PLACEMENT,
        decided_on=TODAY() - DAY,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_decline(
            actor=sven_actor, proposal=proposal, answered_on=TODAY(), reason=DeclineReason.NEEDS
        )
    assert excinfo.value.messages == [str(services.ERROR_PLACEMENT_BINDS)]


def test_a_declined_proposal_cannot_be_accepted(kari_actor, english_messages):
    proposal = _register(kari_actor)
    services.proposal_decline(
        actor=kari_actor, proposal=proposal, answered_on=TODAY(), reason=DeclineReason.NO_DWELLING
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_accept(
            actor=kari_actor, proposal=proposal, answered_on=TODAY(), expected_arrival_on=TODAY()
        )
    assert excinfo.value.messages == ["A proposal that is declined cannot become accepted."]


def test_a_withdrawn_proposal_is_closed(kari_actor):
    proposal = _register(kari_actor)
    withdrawn = services.proposal_withdraw(actor=kari_actor, proposal=proposal, note="IMDi")
    assert withdrawn.status == ProposalStatus.WITHDRAWN


def test_a_danish_case_waits_for_the_names(sven_actor):
    proposal = ProposalFactory(
        municipality=sven_actor.municipality,
        source=ProposalSource.PLACEMENT,
        decided_on=TODAY() - DAY,
    )
    person = ProposedPersonFactory(proposal=proposal, first_name="", last_name="")
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_case_create(actor=sven_actor, proposal=proposal)
    assert excinfo.value.messages == [str(services.ERROR_CASE_NAMES)]
    services.proposed_person_update(
        actor=sven_actor, person=person, first_name="Yonas", last_name="Tesfaye"
    )
    made = services.proposal_case_create(actor=sven_actor, proposal=proposal)
    assert made.application.applicant.first_name == "Yonas"
    assert list(made.application.target_groups.values_list("code", flat=True)) == ["refugee"]


def test_persons_are_added_edited_and_removed_while_proposed(kari_actor):
    proposal = _register(kari_actor)
    with pytest.raises(ValidationError) as excinfo:
        services.proposed_person_add(
            actor=kari_actor, proposal=proposal, date_of_birth=TODAY(), relation="main"
        )
    assert _errors(excinfo) == {
        "first_name": [str(services.ERROR_PERSON_NAME)],
        "relation": [str(services.ERROR_PERSON_MAIN_TWICE)],
    }
    added = services.proposed_person_add(
        actor=kari_actor,
        proposal=proposal,
        first_name="Omar",
        last_name="Hassan",
        date_of_birth=datetime.date(1989, 1, 1),
        relation=HouseholdRelation.PARTNER,
    )
    services.proposed_person_update(actor=kari_actor, person=added, first_name="Omer")
    services.proposed_person_remove(actor=kari_actor, person=added)
    assert proposal.persons.count() == 2
    main = proposal.persons.get(relation="main")
    with pytest.raises(ValidationError):
        services.proposed_person_remove(actor=kari_actor, person=main)
    services.proposal_accept(
        actor=kari_actor, proposal=proposal, answered_on=TODAY(), expected_arrival_on=TODAY()
    )
    with pytest.raises(ValidationError):
        services.proposed_person_update(actor=kari_actor, person=main, first_name="X")


def test_the_consent_is_recorded_once_with_who_recorded_it(kari_actor, kari):
    proposal = _register(kari_actor)
    services.proposal_consent_record(
        actor=kari_actor, proposal=proposal, consent_on=TODAY(), version=1
    )
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert event.actor == kari
    assert event.changes == {"consent_on": [None, TODAY().isoformat()]}
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_consent_record(
            actor=kari_actor, proposal=proposal, consent_on=TODAY(), version=None
        )
    assert _errors(excinfo)["consent_on"] == [str(services.ERROR_CONSENT_ONCE)]


def test_health_needs_are_written_only_with_consent_and_their_text_not_audited(kari_actor):
    proposal = _register(kari_actor)
    with pytest.raises(PermissionDenied):
        services.proposal_update(
            actor=kari_actor, proposal=proposal, version=None, health_needs="Dialysis"
        )
    services.proposal_consent_record(
        actor=kari_actor, proposal=proposal, consent_on=TODAY(), version=None
    )
    proposal.refresh_from_db()
    services.proposal_update(
        actor=kari_actor, proposal=proposal, version=None, health_needs="Dialysis"
    )
    proposal.refresh_from_db()
    assert proposal.health_needs == "Dialysis"
    assert not AuditEvent.objects.filter(changes__icontains="Dialysis").exists()


def test_another_municipalitys_caseworker_cannot_answer(kari_actor, sven, trondheim):
    proposal = _register(kari_actor)
    with pytest.raises(PermissionDenied):
        services.proposal_accept(
            actor=actor_for(sven, trondheim),
            proposal=proposal,
            answered_on=TODAY(),
            expected_arrival_on=TODAY(),
        )


def test_an_accepted_household_is_marked_settled_when_it_arrives(kari_actor):
    proposal = _register(kari_actor)
    services.proposal_accept(
        actor=kari_actor, proposal=proposal, answered_on=TODAY(), expected_arrival_on=TODAY()
    )
    settled = services.proposal_mark_settled(
        actor=kari_actor, proposal=proposal, arrived_on=TODAY()
    )
    assert settled.status == ProposalStatus.SETTLED
    assert settled.arrived_on == TODAY()


def test_a_danish_placement_registered_with_names_gets_its_housing_case_at_once(sven_actor):
    proposal = services.proposal_register(
        actor=sven_actor,
        source=ProposalSource.PLACEMENT,
        received_on=TODAY() - 3 * DAY,
        list_reference="US-TEST-2",
        decided_on=TODAY() - 2 * DAY,
        persons=[
            {
                "first_name": "Yonas",
                "last_name": "Tesfaye",
                "date_of_birth": datetime.date(1990, 1, 1),
                "relation": "main",
            }
        ],
    )
    proposal.refresh_from_db()
    assert proposal.application.applicant.last_name == "Tesfaye"
    event = CaseEvent.objects.get(application=proposal.application, kind="from_settlement")
    assert "US-TEST-2" in event.summary


def test_an_unaccompanied_minors_birth_date_is_checked_when_the_person_is_edited(
    kari_actor, trondheim
):
    """Found in review: the age rule held at registration but not on a later edit."""
    proposal = services.proposal_register(
        actor=kari_actor,
        source="imdi_list",
        received_on=TODAY(),
        unaccompanied_minor=True,
        persons=[
            {
                "first_name": "Samir",
                "last_name": "Rahimi",
                "date_of_birth": TODAY().replace(year=TODAY().year - 16),
                "relation": "main",
            }
        ],
    )
    person = proposal.persons.get()

    with pytest.raises(ValidationError) as caught:
        services.proposed_person_update(
            actor=kari_actor, person=person, date_of_birth=datetime.date(1990, 1, 1)
        )

    assert "date_of_birth" in caught.value.message_dict
    person.refresh_from_db()
    assert person.date_of_birth.year == TODAY().year - 16


def test_a_person_edit_from_a_page_opened_before_another_save_is_refused(kari_actor, trondheim):
    proposal = services.proposal_register(
        actor=kari_actor,
        source="imdi_list",
        received_on=TODAY(),
        persons=[
            {
                "first_name": "Amina",
                "last_name": "Warsame",
                "date_of_birth": datetime.date(1994, 3, 12),
                "relation": "main",
            }
        ],
    )
    person = proposal.persons.get()
    opened = proposal.version
    services.proposed_person_update(actor=kari_actor, person=person, first_name="Aminah")

    with pytest.raises(ValidationError) as caught:
        services.proposed_person_update(
            actor=kari_actor, person=person, version=opened, last_name="Warsame-Ali"
        )

    assert [str(m) for m in caught.value.messages] == [str(services.ERROR_STALE)]
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Aminah", "Warsame")
