"""Writes of shared-house life: who may, what is refused (messages asserted
verbatim), the history of contact persons and representatives, and the audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.followup.factories_houses import (
    ResidentMeetingFactory,
    shared_house_with_residents,
)
from boligtorg.followup.models import (
    AgreedAction,
    DugnadTask,
    HouseContact,
    HouseRepresentative,
    HouseRule,
    ResidentMeeting,
)
from boligtorg.followup.services import houses as services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def fatima(trondheim):
    return member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )


@pytest.fixture
def mona(trondheim):
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Dahl")


@pytest.fixture
def actor(fatima, trondheim):
    return actor_for(fatima, trondheim)


@pytest.fixture
def lade(trondheim):
    return shared_house_with_residents(trondheim)


def _messages(exc, field):
    return exc.value.message_dict[field]


def test_fatima_becomes_the_contact_person_and_a_successor_ends_her_period(
    actor, lade, fatima, kari
):
    house, _people = lade
    first = services.house_contact_set(
        actor=actor, house=house, user=fatima, from_date=TODAY - 30 * DAY
    )
    second = services.house_contact_set(actor=actor, house=house, user=kari, from_date=TODAY)
    first.refresh_from_db()
    assert first.to_date == TODAY - DAY
    assert second.to_date is None
    assert HouseContact.objects.filter(shared_house=house).count() == 2
    assert AuditEvent.objects.filter(
        object_type="followup.housecontact", action=AuditAction.UPDATE, object_id=str(first.pk)
    ).exists()


def test_the_same_contact_person_twice_or_a_start_before_the_current_is_refused(
    actor, lade, fatima, kari
):
    house, _people = lade
    services.house_contact_set(actor=actor, house=house, user=fatima, from_date=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.house_contact_set(actor=actor, house=house, user=fatima, from_date=TODAY + DAY)
    assert _messages(exc, "user") == ["Fatima Haugen is already the house's contact person."]
    with pytest.raises(ValidationError) as exc:
        services.house_contact_set(actor=actor, house=house, user=kari, from_date=TODAY)
    assert "from_date" in exc.value.message_dict


def test_an_auditor_cannot_be_the_contact_person(actor, lade, per):
    house, _people = lade
    with pytest.raises(ValidationError) as exc:
        services.house_contact_set(actor=actor, house=house, user=per, from_date=TODAY)
    assert _messages(exc, "user") == [str(services.ERROR_NOT_STAFF)]


def test_an_adult_is_appointed_then_another_is_elected_and_the_history_stays(actor, lade):
    house, (hala, tekle, _yonas) = lade
    services.house_representative_set(
        actor=actor, house=house, person=hala, basis="appointed", from_date=TODAY - 50 * DAY
    )
    services.house_representative_set(
        actor=actor, house=house, person=tekle, basis="elected", from_date=TODAY
    )
    periods = list(HouseRepresentative.objects.filter(shared_house=house).order_by("from_date"))
    assert [(p.person, p.basis, p.to_date) for p in periods] == [
        (hala, "appointed", TODAY - DAY),
        (tekle, "elected", None),
    ]


def test_someone_who_does_not_live_in_the_house_cannot_be_representative(actor, lade, ole):
    house, (hala, _tekle, _yonas) = lade
    with pytest.raises(ValidationError) as exc:
        services.house_representative_set(
            actor=actor, house=house, person=ole, basis="elected", from_date=TODAY
        )
    assert _messages(exc, "person")[0].startswith("Ole Hansen did not live in the house on")
    # Nor a resident before moving in.
    with pytest.raises(ValidationError):
        services.house_representative_set(
            actor=actor, house=house, person=hala, basis="elected", from_date=TODAY - 90 * DAY
        )


def test_ending_a_period_twice_or_before_it_started_is_refused(actor, lade, fatima):
    house, _people = lade
    contact = services.house_contact_set(actor=actor, house=house, user=fatima, from_date=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.house_contact_end(actor=actor, contact=contact, to_date=TODAY - DAY)
    assert "to_date" in exc.value.message_dict
    services.house_contact_end(actor=actor, contact=contact, to_date=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.house_contact_end(actor=actor, contact=contact, to_date=TODAY)
    assert _messages(exc, "to_date") == [str(services.ERROR_ALREADY_ENDED)]


def test_a_meeting_is_recorded_with_attendance_and_an_agreed_action(actor, lade, fatima):
    house, (hala, tekle, yonas) = lade
    meeting = services.resident_meeting_create(
        actor=actor,
        house=house,
        held_on=TODAY,
        topics="Gangvask og vaskekjeller",
        minutes="Alle var enige om en liste.",
        attendees=[hala, yonas],
        staff_present=[fatima],
    )
    action = services.agreed_action_add(
        actor=actor, meeting=meeting, text="Lage liste", responsible="Hala", due_on=TODAY + DAY
    )
    assert set(meeting.attendees.all()) == {hala, yonas}
    assert list(meeting.staff_present.all()) == [fatima]
    assert action.meeting == meeting
    event = AuditEvent.objects.get(object_type="followup.residentmeeting")
    assert event.changes["attendees"] == [None, sorted([hala.pk, yonas.pk])]


def test_a_meeting_in_the_future_twice_on_a_day_without_topics_or_with_outsiders_is_refused(
    actor, lade, ole
):
    house, _people = lade
    ResidentMeetingFactory(shared_house=house, held_on=TODAY - DAY)
    with pytest.raises(ValidationError) as exc:
        services.resident_meeting_create(
            actor=actor, house=house, held_on=TODAY + DAY, topics=" ", attendees=[ole]
        )
    errors = exc.value.message_dict
    assert errors["held_on"] == [str(services.ERROR_MEETING_IN_FUTURE)]
    assert errors["topics"] == [str(services.ERROR_TOPICS_REQUIRED)]
    assert errors["attendees"][0].startswith("Ole Hansen did not live in the house")
    with pytest.raises(ValidationError) as exc:
        services.resident_meeting_create(
            actor=actor, house=house, held_on=TODAY - DAY, topics="Hage"
        )
    assert _messages(exc, "held_on") == [str(services.ERROR_MEETING_SAME_DAY)]
    assert ResidentMeeting.objects.count() == 1


def test_an_action_due_before_its_meeting_or_done_in_the_future_is_refused(actor, lade):
    house, _people = lade
    meeting = ResidentMeetingFactory(shared_house=house, held_on=TODAY - 7 * DAY)
    with pytest.raises(ValidationError) as exc:
        services.agreed_action_add(
            actor=actor, meeting=meeting, text="", responsible="", due_on=TODAY - 8 * DAY
        )
    assert set(exc.value.message_dict) == {"text", "responsible", "due_on"}
    action = services.agreed_action_add(
        actor=actor, meeting=meeting, text="Bestille container", responsible="Kontaktperson"
    )
    with pytest.raises(ValidationError) as exc:
        services.agreed_action_update(
            actor=actor,
            action=action,
            text=action.text,
            responsible=action.responsible,
            done_on=TODAY + DAY,
        )
    assert _messages(exc, "done_on") == [str(services.ERROR_DONE_IN_FUTURE)]
    services.agreed_action_update(
        actor=actor, action=action, text=action.text, responsible="Tekle", done_on=TODAY
    )
    action.refresh_from_db()
    assert action.is_done and action.responsible == "Tekle"
    services.agreed_action_remove(actor=actor, action=action)
    assert not AgreedAction.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="followup.agreedaction", action=AuditAction.DELETE
    ).exists()


def test_house_rules_go_last_by_default_and_a_retired_rule_keeps_its_history(actor, lade):
    house, _people = lade
    first = services.house_rule_add(
        actor=actor, house=house, text="Ro etter kl. 23.", source="municipal", adopted_on=TODAY
    )
    second = services.house_rule_add(
        actor=actor,
        house=house,
        text="Varsle naboene i huset før fest.",
        source="residents",
        adopted_on=TODAY,
    )
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError) as exc:
        services.house_rule_retire(actor=actor, rule=first, retired_on=TODAY - DAY)
    assert "retired_on" in exc.value.message_dict
    services.house_rule_retire(actor=actor, rule=first, retired_on=TODAY)
    first.refresh_from_db()
    assert first.is_retired
    assert HouseRule.objects.filter(shared_house=house).count() == 2
    with pytest.raises(ValidationError) as exc:
        services.house_rule_update(
            actor=actor, rule=first, text="Ny tekst", source="municipal", adopted_on=TODAY
        )
    assert exc.value.messages == [str(services.ERROR_RULE_RETIRED)]


def test_an_empty_rule_or_a_number_out_of_range_is_refused(actor, lade):
    house, _people = lade
    with pytest.raises(ValidationError) as exc:
        services.house_rule_add(
            actor=actor, house=house, text=" ", source="other", adopted_on=TODAY, position=0
        )
    assert set(exc.value.message_dict) == {"text", "source", "position"}


def test_a_dugnad_task_is_given_to_residents_ticked_done_and_removed(actor, lade, ole):
    house, (hala, tekle, _yonas) = lade
    with pytest.raises(ValidationError) as exc:
        services.dugnad_task_add(
            actor=actor, house=house, task="Hagearbeid", day=TODAY, assigned=[ole]
        )
    assert "assigned" in exc.value.message_dict
    task = services.dugnad_task_add(
        actor=actor, house=house, task="Hagearbeid", day=TODAY, assigned=[hala, tekle]
    )
    services.dugnad_task_set_done(actor=actor, task=task, done=True)
    task.refresh_from_db()
    assert task.done
    services.dugnad_task_remove(actor=actor, task=task)
    assert not DugnadTask.objects.exists()


def test_the_meeting_plan_takes_one_to_twelve_months(actor, lade):
    house, _people = lade
    with pytest.raises(ValidationError) as exc:
        services.house_meeting_plan_save(actor=actor, house=house, later_interval_months=13)
    assert _messages(exc, "later_interval_months") == ["Give a number of months from 1 to 12."]
    plan = services.house_meeting_plan_save(actor=actor, house=house, later_interval_months=2)
    assert plan.later_interval_months == 2


def test_a_manager_reads_but_cannot_write(mona, trondheim, lade):
    house, _people = lade
    with pytest.raises(PermissionDenied):
        services.house_rule_add(
            actor=actor_for(mona, trondheim),
            house=house,
            text="Ro",
            source="municipal",
            adopted_on=TODAY,
        )


def test_sven_cannot_write_to_a_trondheim_house(sven, skanderborg, lade):
    house, _people = lade
    with pytest.raises(PermissionDenied):
        services.dugnad_task_add(
            actor=actor_for(sven, skanderborg), house=house, task="Gangvask", day=TODAY
        )
