import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Application, CaseEvent, Consent, HouseholdRelation, Person
from boligtorg.cases.services import applications as services
from boligtorg.cases.services.team import consent_record
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain.identity import Country, fictitious_national_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


def _nid(seed):
    import random

    return fictitious_national_id(Country.NORWAY, random.Random(seed))


def test_a_person_gets_the_birth_date_from_the_national_id(kari_actor):
    person = services.person_create(
        actor=kari_actor, first_name="Ole", last_name="Hansen", national_id=_nid(1)
    )
    assert person.date_of_birth.year < 2000
    assert person.national_id == _nid(1)


def test_an_invalid_national_id_is_refused_at_the_field(kari_actor):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=kari_actor, first_name="Ole", last_name="Hansen", national_id="12345678901"
        )
    assert "national_id" in exc.value.message_dict
    assert not Person.objects.exists()


def test_a_danish_cpr_is_refused_in_a_norwegian_municipality(kari_actor):
    cpr = fictitious_national_id(Country.DENMARK, __import__("random").Random(2))
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=kari_actor, first_name="A", last_name="B", national_id=cpr)
    assert "national_id" in exc.value.message_dict


def test_the_same_national_id_cannot_be_registered_twice(kari_actor):
    services.person_create(actor=kari_actor, first_name="A", last_name="B", national_id=_nid(3))
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=kari_actor, first_name="C", last_name="D", national_id=_nid(3))
    assert exc.value.message_dict["national_id"] == [str(services.ERROR_NATIONAL_ID_TAKEN)]


def test_a_person_without_id_needs_a_birth_date_not_in_the_future(kari_actor):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=kari_actor, first_name="A", last_name="B")
    assert "date_of_birth" in exc.value.message_dict
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.person_create(
            actor=kari_actor, first_name="A", last_name="B", date_of_birth=future
        )
    person = services.person_create(
        actor=kari_actor, first_name="A", last_name="B", date_of_birth=datetime.date(1990, 5, 1)
    )
    assert person.national_id == ""


def test_a_birth_date_that_contradicts_the_id_is_refused(kari_actor):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=kari_actor,
            first_name="A",
            last_name="B",
            national_id=_nid(4),
            date_of_birth=datetime.date(2001, 1, 1),
        )
    assert "date_of_birth" in exc.value.message_dict


def test_a_household_needs_exactly_one_main_applicant(kari_actor, ole):
    with pytest.raises(ValidationError) as exc:
        services.household_create(actor=kari_actor, members=[(ole, HouseholdRelation.PARTNER)])
    assert "members" in exc.value.message_dict


def test_a_new_application_gets_a_case_number_an_event_and_an_audit_entry(kari_actor, ole):
    household = services.household_create(
        actor=kari_actor, members=[(ole, HouseholdRelation.MAIN_APPLICANT)]
    )
    first = services.application_create(actor=kari_actor, household=household, situation="at_risk")
    second = services.application_create(actor=kari_actor, household=household, situation="at_risk")
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"{year}-00001", f"{year}-00002")
    assert first.applicant == ole
    assert first.status == "draft"
    assert CaseEvent.objects.filter(application=first, kind="created").exists()
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(first.pk)).exists()


def test_a_stale_version_is_refused_and_nothing_is_lost_silently(kari_actor, ole_case):
    services.application_update(
        actor=kari_actor, application=ole_case, version=ole_case.version, min_bedrooms=2
    )
    with pytest.raises(ValidationError) as exc:
        services.application_update(
            actor=kari_actor, application=ole_case, version=ole_case.version, min_bedrooms=3
        )
    assert str(services.ERROR_STALE) in exc.value.messages
    assert Application.objects.get(pk=ole_case.pk).min_bedrooms == 2


def test_submitting_needs_a_valid_consent_and_a_date_not_in_the_future(kari_actor, trondheim, kari):
    draft = ApplicationFactory(municipality=trondheim, caseworker=kari)
    today = timezone.localdate()
    # A consent that has expired is no consent.
    Consent.objects.create(
        person=draft.applicant,
        services="NAV",
        given_on=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=35),
        recorded_by=kari,
    )
    with pytest.raises(ValidationError) as exc:
        services.application_submit(
            actor=kari_actor, application=draft, received_on=today + datetime.timedelta(days=1)
        )
    assert set(exc.value.message_dict) == {"consent", "received_on"}
    assert exc.value.message_dict["consent"] == [str(services.ERROR_NO_CONSENT)]
    consent_record(
        actor=kari_actor,
        application=draft,
        services="NAV",
        given_on=today,
        valid_until=today + datetime.timedelta(days=365),
    )
    submitted = services.application_submit(
        actor=kari_actor, application=draft, received_on=timezone.localdate()
    )
    assert submitted.status == "submitted"
    assert submitted.received_on == timezone.localdate()


def test_a_closed_case_cannot_be_submitted_again(kari_actor, ole_case):
    services.application_set_status(actor=kari_actor, application=ole_case, status="closed")
    ole_case.refresh_from_db()
    with pytest.raises(ValidationError):
        services.application_set_status(actor=kari_actor, application=ole_case, status="submitted")


def test_per_the_auditor_cannot_change_a_case(per, trondheim, ole_case):
    with pytest.raises(PermissionDenied):
        services.application_update(
            actor=actor_for(per, trondheim), application=ole_case, version=1, min_bedrooms=4
        )


def test_sven_cannot_change_a_trondheim_case(sven, skanderborg, ole_case):
    with pytest.raises(PermissionDenied):
        services.application_set_status(
            actor=actor_for(sven, skanderborg), application=ole_case, status="closed"
        )
