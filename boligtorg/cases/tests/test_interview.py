"""The mapping interview: validation at the fields, and who sees the special
categories (health, substance use, criminal record)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import CaseEvent, Consent, MappingInterview, TeamMember
from boligtorg.cases.selectors_team import interview_read
from boligtorg.cases.services import team as services
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEALTH = "Diabetes, insulin twice a day"
SUBSTANCE = "Alcohol, in treatment since spring"
RECORD = "Sentence served 2019"


def answers(**overrides):
    values = {
        "held_on": TODAY,
        "situation_notes": "Sleeps at a friend's place",
        "economy_score": 2,
        "economy_notes": "Debt collection for old rent",
        "neighbours_score": 3,
        "cleaning_score": 3,
        "daily_activity_score": 1,
        "network_score": 2,
        "capacity_notes": "",
        "service_needs": "Home follow-up twice a week",
        "wishes": "Near Lade, ground floor",
        "urgent": False,
        "urgency_reason": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def lise(trondheim):
    """A caseworker in Trondheim who is not in Ole's case team."""
    return member("lise", trondheim, Role.CASEWORKER, first_name="Lise", last_name="Berg")


@pytest.fixture
def nina(trondheim, ole_case):
    """Nina from NAV, a member of Ole's case team (not a caseworker)."""
    user = member("nina", trondheim, Role.FOLLOWUP_WORKER, first_name="Nina", last_name="Dahl")
    TeamMember.objects.create(application=ole_case, user=user, service="NAV")
    return user


def consent(person, kari, *, given_on=None, valid_until=None, revoked_on=None, **covers):
    given_on = given_on or TODAY - datetime.timedelta(days=5)
    return Consent.objects.create(
        person=person,
        services="NAV, health and care",
        given_on=given_on,
        valid_until=valid_until or TODAY + datetime.timedelta(days=365),
        revoked_on=revoked_on,
        recorded_by=kari,
        **{f"covers_{name}": True for name in covers},
    )


@pytest.fixture
def full_consent(ole, kari):
    return consent(ole, kari, health=True, substance_use=True, criminal_record=True)


@pytest.fixture
def stored(ole_case, kari_actor, full_consent):
    """Ole's interview with all three special categories filled, then the consent
    that let Kari write them revoked."""
    interview = services.interview_save(
        actor=kari_actor,
        application=ole_case,
        **answers(health=HEALTH, substance_use=SUBSTANCE, criminal_record=RECORD),
    )
    full_consent.revoked_on = TODAY
    full_consent.save()
    return interview


def _error(exc, field):
    return exc.value.message_dict[field]


# Writing and validation


def test_kari_records_the_interview_with_timeline_and_audit(kari_actor, ole_case):
    interview = services.interview_save(actor=kari_actor, application=ole_case, **answers())
    assert interview.interviewer == kari_actor.user
    assert interview.daily_activity_score == 1
    assert CaseEvent.objects.filter(application=ole_case, kind="interview").count() == 1
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="cases.mappinginterview")
    assert event.changes["economy_score"] == [None, "2"]


def test_saving_again_updates_the_one_interview_and_audits_the_changed_fields(kari_actor, ole_case):
    services.interview_save(actor=kari_actor, application=ole_case, **answers())
    services.interview_save(actor=kari_actor, application=ole_case, **answers(network_score=4))
    assert MappingInterview.objects.filter(application=ole_case).count() == 1
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="cases.mappinginterview")
    assert update.changes == {"network_score": ["2", "4"]}


def test_an_interview_cannot_be_dated_in_the_future(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=kari_actor,
            application=ole_case,
            **answers(held_on=TODAY + datetime.timedelta(days=1)),
        )
    assert _error(exc, "held_on") == [str(services.ERROR_HELD_ON_FUTURE)]


def test_an_interview_cannot_be_held_before_the_application_was_received(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=kari_actor,
            application=ole_case,
            **answers(held_on=ole_case.received_on - datetime.timedelta(days=1)),
        )
    assert "held_on" in exc.value.message_dict


def test_every_score_must_be_from_1_to_4(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=kari_actor, application=ole_case, **answers(economy_score=5, network_score=None)
        )
    assert _error(exc, "economy_score") == [str(services.ERROR_SCORE)]
    assert _error(exc, "network_score") == [str(services.ERROR_SCORE)]


def test_an_urgent_case_needs_a_reason(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=kari_actor, application=ole_case, **answers(urgent=True, urgency_reason="  ")
        )
    assert _error(exc, "urgency_reason") == [str(services.ERROR_URGENCY_REASON)]
    assert not MappingInterview.objects.exists()


def test_per_the_auditor_cannot_write_the_interview(per, trondheim, ole_case):
    with pytest.raises(PermissionDenied):
        services.interview_save(actor=actor_for(per, trondheim), application=ole_case, **answers())


def test_the_form_shows_each_error_at_its_field_and_keeps_what_was_typed(client, kari, ole_case):
    client.cookies["django_language"] = "en"
    client.force_login(kari)
    data = answers(urgent="on", situation_notes="Lives in a tent at Ila")
    data.pop("economy_score")
    response = client.post(reverse("cases:interview", args=[ole_case.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_economy_score_error"' in page
    assert 'id="id_urgency_reason_error"' in page
    assert str(services.ERROR_URGENCY_REASON) in page
    assert "Lives in a tent at Ila" in page
    assert not MappingInterview.objects.exists()


def test_the_form_is_grouped_in_fieldsets(client, kari, ole_case):
    client.cookies["django_language"] = "en"
    client.force_login(kari)
    page = client.get(reverse("cases:interview", args=[ole_case.pk])).content.decode()
    for key in ("situation", "capacity", "services", "wishes", "sensitive"):
        assert f'id="fieldset-{key}"' in page


def test_a_valid_form_saves_and_returns_to_the_case(client, kari, ole_case):
    client.force_login(kari)
    response = client.post(reverse("cases:interview", args=[ole_case.pk]), answers())
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[ole_case.pk])
    assert MappingInterview.objects.get(application=ole_case).wishes == "Near Lade, ground floor"


# Who sees the special categories


def test_a_team_member_sees_what_the_consent_covers_and_nothing_else(
    nina, trondheim, ole, kari, ole_case, stored
):
    consent(ole, kari, health=True)
    view = interview_read(actor=actor_for(nina, trondheim), application=ole_case)
    shown = {c.name: c.value for c in view.visible_categories}
    assert shown == {"health": HEALTH}
    assert {c.name for c in view.hidden_categories} == {"substance_use", "criminal_record"}
    assert all(c.value == "" for c in view.hidden_categories)


def test_the_case_page_shows_a_team_member_health_but_hides_substance_use(
    client, nina, ole, kari, ole_case, stored
):
    consent(ole, kari, health=True)
    client.cookies["django_language"] = "en"
    client.force_login(nina)
    page = client.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert HEALTH in page
    assert SUBSTANCE not in page
    assert RECORD not in page
    assert "Information is hidden" in page


def test_a_team_member_without_consent_sees_that_information_is_hidden(
    client, kari, ole_case, stored
):
    client.cookies["django_language"] = "en"
    client.force_login(kari)
    page = client.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert page.count("Information is hidden") == 3
    for text in (HEALTH, SUBSTANCE, RECORD):
        assert text not in page


@pytest.mark.parametrize("who", ["lise", "per"])
def test_a_reader_outside_the_team_sees_hidden_even_with_consent(
    request, client, who, ole, kari, ole_case, stored
):
    user = request.getfixturevalue(who)
    consent(ole, kari, health=True, substance_use=True, criminal_record=True)
    client.cookies["django_language"] = "en"
    client.force_login(user)
    page = client.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert page.count("Information is hidden") == 3
    for text in (HEALTH, SUBSTANCE, RECORD):
        assert text not in page


def test_a_hidden_answer_looks_the_same_whether_it_is_filled_or_empty(
    lise, trondheim, kari, ole_case, stored
):
    empty_case = ApplicationFactory(municipality=trondheim, caseworker=kari)
    services.interview_save(
        actor=actor_for(kari, trondheim), application=empty_case, **answers(held_on=TODAY)
    )
    lise_actor = actor_for(lise, trondheim)
    filled = interview_read(actor=lise_actor, application=ole_case).categories
    empty = interview_read(actor=lise_actor, application=empty_case).categories
    assert filled == empty


def test_revoked_consent_hides_again(kari, trondheim, ole_case, stored):
    # ``stored`` revoked the only consent after writing.
    view = interview_read(actor=actor_for(kari, trondheim), application=ole_case)
    assert not view.visible_categories


def test_expired_consent_hides_again(kari, trondheim, ole, ole_case, stored):
    consent(
        ole,
        kari,
        given_on=TODAY - datetime.timedelta(days=100),
        valid_until=TODAY - datetime.timedelta(days=1),
        health=True,
    )
    view = interview_read(actor=actor_for(kari, trondheim), application=ole_case)
    assert not view.visible_categories


def test_consent_valid_until_today_still_shows(kari, trondheim, ole, ole_case, stored):
    consent(ole, kari, valid_until=TODAY, criminal_record=True)
    view = interview_read(actor=actor_for(kari, trondheim), application=ole_case)
    assert [c.name for c in view.visible_categories] == ["criminal_record"]


def test_a_save_without_consent_keeps_the_stored_special_categories(client, lise, ole_case, stored):
    client.force_login(lise)
    data = answers(health="", substance_use="", criminal_record="", wishes="Anywhere")
    response = client.post(reverse("cases:interview", args=[ole_case.pk]), data)
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.wishes == "Anywhere"
    assert (stored.health, stored.substance_use, stored.criminal_record) == (
        HEALTH,
        SUBSTANCE,
        RECORD,
    )


def test_a_team_member_with_partial_consent_edits_only_what_it_covers(
    client, kari, ole, ole_case, stored
):
    consent(ole, kari, health=True)
    client.cookies["django_language"] = "en"
    client.force_login(kari)
    page = client.get(reverse("cases:interview", args=[ole_case.pk])).content.decode()
    assert HEALTH in page
    assert 'name="substance_use"' not in page
    assert SUBSTANCE not in page
    client.post(
        reverse("cases:interview", args=[ole_case.pk]),
        answers(health="Diabetes, stable", substance_use="", criminal_record=""),
    )
    stored.refresh_from_db()
    assert stored.health == "Diabetes, stable"
    assert (stored.substance_use, stored.criminal_record) == (SUBSTANCE, RECORD)


def test_writing_a_hidden_category_is_refused_at_its_field(lise, trondheim, ole_case, stored):
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=actor_for(lise, trondheim),
            application=ole_case,
            **answers(health="Overwritten"),
        )
    assert _error(exc, "health") == [str(services.ERROR_CATEGORY_HIDDEN)]
    stored.refresh_from_db()
    assert stored.health == HEALTH


def test_special_categories_never_enter_the_audit_trail_or_the_timeline(ole_case, stored):
    texts = [str(e.changes) for e in AuditEvent.objects.all()]
    texts += list(CaseEvent.objects.values_list("summary", flat=True))
    for text in (HEALTH, SUBSTANCE, RECORD):
        assert not any(text in line for line in texts)
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="cases.mappinginterview"
    )
    assert created.changes["health"] == ["", services.MASK]


def test_opening_the_form_audits_which_special_categories_were_shown(
    client, kari, ole, ole_case, stored
):
    consent(ole, kari, health=True)
    client.force_login(kari)
    client.get(reverse("cases:interview", args=[ole_case.pk]))
    view = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("id")
    assert view.object_type == "cases.mappinginterview"
    assert view.changes == {"special_categories": [None, ["health"]]}


def test_per_gets_403_on_the_interview_form(client, per, ole_case):
    client.force_login(per)
    url = reverse("cases:interview", args=[ole_case.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, answers()).status_code == 403


def test_sven_gets_404_on_the_interview_of_a_trondheim_case(client, sven, ole_case):
    client.force_login(sven)
    url = reverse("cases:interview", args=[ole_case.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, answers()).status_code == 404


def test_the_first_interview_puts_a_submitted_case_under_assessment(kari_actor, ole_case):
    from boligtorg.cases.models import Application, CaseEvent

    assert ole_case.status == "submitted"
    services.interview_save(actor=kari_actor, application=ole_case, **answers())
    assert Application.objects.get(pk=ole_case.pk).status == "under_assessment"
    assert CaseEvent.objects.filter(application=ole_case, kind="status_under_assessment").exists()
    services.interview_save(actor=kari_actor, application=ole_case, **answers())
    assert Application.objects.get(pk=ole_case.pk).status == "under_assessment"


def test_a_stale_interview_form_is_refused_and_nothing_is_lost_silently(kari_actor, ole_case):
    services.interview_save(actor=kari_actor, application=ole_case, version=0, **answers())
    saved = MappingInterview.objects.get(application=ole_case)
    services.interview_save(
        actor=kari_actor,
        application=ole_case,
        version=saved.version,
        **answers(wishes="Near school"),
    )
    with pytest.raises(ValidationError) as exc:
        services.interview_save(
            actor=kari_actor, application=ole_case, version=saved.version, **answers(wishes="Other")
        )
    assert str(services.ERROR_INTERVIEW_STALE) in exc.value.messages
    assert MappingInterview.objects.get(application=ole_case).wishes == "Near school"


def test_two_first_interviews_cannot_both_be_saved(kari_actor, ole_case):
    services.interview_save(actor=kari_actor, application=ole_case, version=0, **answers())
    with pytest.raises(ValidationError):
        services.interview_save(actor=kari_actor, application=ole_case, version=0, **answers())


def test_the_interview_page_keeps_the_version_in_the_form(client, kari, kari_actor, ole_case):
    services.interview_save(actor=kari_actor, application=ole_case, **answers())
    client.force_login(kari)
    page = client.get(reverse("cases:interview", args=[ole_case.pk])).content.decode()
    assert 'name="version" value="1"' in page
