"""The case team (coordinator and members from other services) and the main
applicant's consent: recording, revoking, listing; who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases import access
from boligtorg.cases.factories import PersonFactory
from boligtorg.cases.models import CaseEvent, Consent, TeamMember
from boligtorg.cases.services import team as services
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def nina(trondheim):
    """Nina from NAV: a follow-up worker in Trondheim."""
    return member("nina", trondheim, Role.FOLLOWUP_WORKER, first_name="Nina", last_name="Dahl")


@pytest.fixture
def nina_in_team(ole_case, nina):
    return TeamMember.objects.create(application=ole_case, user=nina, service="NAV")


@pytest.fixture
def ole_consent(ole, kari):
    return Consent.objects.create(
        person=ole,
        services="NAV",
        covers_health=True,
        given_on=TODAY - datetime.timedelta(days=30),
        valid_until=TODAY + datetime.timedelta(days=335),
        recorded_by=kari,
    )


def consent_data(**overrides):
    data = {
        "services": "NAV, health and care",
        "categories": ["health", "criminal_record"],
        "given_on": TODAY.isoformat(),
        "valid_until": (TODAY + datetime.timedelta(days=365)).isoformat(),
    }
    data.update(overrides)
    return data


def _english(client, user):
    client.cookies["django_language"] = "en"
    client.force_login(user)


# The coordinator


def test_kari_names_nina_coordinator_with_timeline_and_audit(kari_actor, ole_case, nina):
    services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=nina)
    ole_case.refresh_from_db()
    assert ole_case.coordinator == nina
    assert CaseEvent.objects.filter(application=ole_case, kind="coordinator").exists()
    event = AuditEvent.objects.get(object_type="cases.application", action=AuditAction.UPDATE)
    assert event.changes == {"coordinator": [None, "nina"]}


def test_the_coordinator_joins_the_case_team(kari_actor, ole_case, nina, trondheim):
    nina_actor = actor_for(nina, trondheim)
    assert not access.is_team_member(nina_actor, ole_case)
    services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=nina)
    ole_case.refresh_from_db()
    assert access.is_team_member(nina_actor, ole_case)


def test_the_coordinator_must_work_in_the_municipality(kari_actor, ole_case, sven):
    with pytest.raises(ValidationError) as exc:
        services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=sven)
    assert exc.value.message_dict["coordinator"] == [str(services.ERROR_NOT_A_COLLEAGUE)]


def test_a_user_whose_access_was_removed_cannot_become_coordinator(kari_actor, ole_case, nina):
    Membership.objects.filter(user=nina).update(is_active=False)
    with pytest.raises(ValidationError):
        services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=nina)


def test_the_coordinator_can_be_removed_again(kari_actor, ole_case, nina):
    services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=nina)
    services.coordinator_set(actor=kari_actor, application=ole_case, coordinator=None)
    ole_case.refresh_from_db()
    assert ole_case.coordinator is None


def test_the_coordinator_form_shows_its_error_at_the_field(client, kari, ole_case):
    _english(client, kari)
    response = client.post(
        reverse("cases:coordinator_set", args=[ole_case.pk]), {"coordinator": "999999"}
    )
    assert response.status_code == 200
    assert 'id="id_coordinator_error"' in response.content.decode()


# Team members


def test_kari_adds_nina_from_nav_to_the_team(client, kari, ole_case, nina):
    _english(client, kari)
    response = client.post(
        reverse("cases:team_member_add", args=[ole_case.pk]), {"user": nina.pk, "service": "NAV"}
    )
    assert response.status_code == 302
    assert TeamMember.objects.get(application=ole_case).service == "NAV"
    assert CaseEvent.objects.filter(application=ole_case, kind="team_added").exists()
    event = AuditEvent.objects.get(object_type="cases.application", action=AuditAction.UPDATE)
    assert event.changes == {"team": [None, "nina (NAV)"]}
    page = client.get(reverse("cases:team", args=[ole_case.pk])).content.decode()
    assert "Nina Dahl" in page


def test_a_team_member_needs_a_service(kari_actor, ole_case, nina):
    with pytest.raises(ValidationError) as exc:
        services.team_member_add(actor=kari_actor, application=ole_case, user=nina, service=" ")
    assert exc.value.message_dict["service"] == [str(services.ERROR_SERVICE_REQUIRED)]


def test_nobody_joins_the_team_twice(kari_actor, ole_case, nina_in_team, nina):
    with pytest.raises(ValidationError) as exc:
        services.team_member_add(actor=kari_actor, application=ole_case, user=nina, service="NAV")
    assert exc.value.message_dict["user"] == [str(services.ERROR_ALREADY_IN_TEAM)]


def test_a_user_of_another_municipality_cannot_join_the_team(kari_actor, ole_case, sven):
    with pytest.raises(ValidationError) as exc:
        services.team_member_add(actor=kari_actor, application=ole_case, user=sven, service="NAV")
    assert exc.value.message_dict["user"] == [str(services.ERROR_NOT_A_COLLEAGUE)]


def test_the_add_form_keeps_the_typed_service_on_error(client, kari, ole_case):
    _english(client, kari)
    response = client.post(
        reverse("cases:team_member_add", args=[ole_case.pk]), {"service": "Child welfare"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_user_error"' in page
    assert 'value="Child welfare"' in page


def test_removing_a_member_asks_first_then_removes(client, kari, ole_case, nina_in_team):
    _english(client, kari)
    url = reverse("cases:team_member_remove", args=[ole_case.pk, nina_in_team.pk])
    confirm = client.get(url)
    assert "Remove Nina Dahl (NAV) from the case team?" in confirm.content.decode()
    assert TeamMember.objects.exists()
    assert client.post(url).status_code == 302
    assert not TeamMember.objects.exists()
    event = AuditEvent.objects.get(object_type="cases.application", action=AuditAction.UPDATE)
    assert event.changes == {"team": ["nina (NAV)", None]}
    assert CaseEvent.objects.filter(application=ole_case, kind="team_removed").exists()


def test_a_team_member_of_another_case_answers_404(client, kari, trondheim, nina):
    from boligtorg.cases.factories import ApplicationFactory

    other = ApplicationFactory(municipality=trondheim, caseworker=kari)
    stranger = TeamMember.objects.create(application=other, user=nina, service="NAV")
    ole_case = ApplicationFactory(municipality=trondheim, caseworker=kari)
    client.force_login(kari)
    url = reverse("cases:team_member_remove", args=[ole_case.pk, stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_team_member_reads_the_case_but_cannot_change_the_team(
    client, nina, ole_case, nina_in_team
):
    client.force_login(nina)
    assert client.get(reverse("cases:team", args=[ole_case.pk])).status_code == 200
    response = client.post(
        reverse("cases:team_member_add", args=[ole_case.pk]), {"user": nina.pk, "service": "X"}
    )
    assert response.status_code == 403


# Consent


def test_kari_records_ole_s_consent(client, kari, ole, ole_case):
    _english(client, kari)
    response = client.post(reverse("cases:consent_create", args=[ole_case.pk]), consent_data())
    assert response.status_code == 302
    recorded = Consent.objects.get(person=ole)
    assert (recorded.covers_health, recorded.covers_substance_use) == (True, False)
    assert recorded.covers_criminal_record
    assert recorded.recorded_by == kari
    event = AuditEvent.objects.get(object_type="cases.consent", action=AuditAction.CREATE)
    assert event.changes["categories"] == [None, ["health", "criminal_record"]]
    assert CaseEvent.objects.filter(application=ole_case, kind="consent").exists()


def test_a_consent_cannot_end_before_it_was_given(client, kari, ole_case):
    _english(client, kari)
    response = client.post(
        reverse("cases:consent_create", args=[ole_case.pk]),
        consent_data(valid_until=(TODAY - datetime.timedelta(days=1)).isoformat()),
    )
    page = response.content.decode()
    assert 'id="id_valid_until_error"' in page
    assert str(services.ERROR_VALID_UNTIL_BEFORE_GIVEN) in page
    assert "NAV, health and care" in page
    assert not Consent.objects.exists()


def test_a_consent_cannot_be_given_in_the_future(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=kari_actor,
            application=ole_case,
            services="NAV",
            given_on=TODAY + datetime.timedelta(days=1),
            valid_until=TODAY + datetime.timedelta(days=10),
        )
    assert exc.value.message_dict["given_on"] == [str(services.ERROR_GIVEN_ON_FUTURE)]


def test_a_consent_names_the_services(kari_actor, ole_case):
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            actor=kari_actor, application=ole_case, services="", given_on=TODAY, valid_until=TODAY
        )
    assert exc.value.message_dict["services"] == [str(services.ERROR_CONSENT_SERVICES_REQUIRED)]


def test_revoking_asks_first_and_keeps_the_consent_as_history(client, kari, ole_case, ole_consent):
    _english(client, kari)
    url = reverse("cases:consent_revoke", args=[ole_case.pk, ole_consent.pk])
    confirm = client.get(url).content.decode()
    assert "Revoke the consent given" in confirm
    ole_consent.refresh_from_db()
    assert ole_consent.revoked_on is None
    assert client.post(url, {"revoked_on": TODAY.isoformat()}).status_code == 302
    ole_consent.refresh_from_db()
    assert ole_consent.revoked_on == TODAY
    event = AuditEvent.objects.get(object_type="cases.consent", action=AuditAction.UPDATE)
    assert event.changes == {"revoked_on": [None, str(TODAY)]}


def test_a_consent_is_revoked_only_once(kari_actor, ole_case, ole_consent):
    services.consent_revoke(actor=kari_actor, application=ole_case, consent=ole_consent)
    with pytest.raises(ValidationError) as exc:
        services.consent_revoke(actor=kari_actor, application=ole_case, consent=ole_consent)
    assert exc.value.messages == [str(services.ERROR_ALREADY_REVOKED)]


def test_a_consent_cannot_be_revoked_before_it_was_given(kari_actor, ole_case, ole_consent):
    with pytest.raises(ValidationError) as exc:
        services.consent_revoke(
            actor=kari_actor,
            application=ole_case,
            consent=ole_consent,
            revoked_on=ole_consent.given_on - datetime.timedelta(days=1),
        )
    assert exc.value.message_dict["revoked_on"] == [str(services.ERROR_REVOKED_BEFORE_GIVEN)]


def test_the_list_shows_current_and_past_consents(client, kari, ole, ole_case, ole_consent):
    Consent.objects.create(
        person=ole,
        services="Child welfare",
        given_on=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY - datetime.timedelta(days=35),
        recorded_by=kari,
    )
    _english(client, kari)
    page = client.get(reverse("cases:consent_list", args=[ole_case.pk])).content.decode()
    current, past = page.split("Earlier consents")
    assert "NAV" in current
    assert "Child welfare" in past
    assert "Expired" in past


def test_a_consent_of_another_person_answers_404(client, kari, trondheim, ole_case):
    other = Consent.objects.create(
        person=PersonFactory(municipality=trondheim),
        services="NAV",
        given_on=TODAY,
        valid_until=TODAY,
        recorded_by=kari,
    )
    client.force_login(kari)
    url = reverse("cases:consent_revoke", args=[ole_case.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_revoking_in_the_service_checks_the_consent_is_the_applicant_s(
    kari_actor, trondheim, kari, ole_case
):
    other = Consent.objects.create(
        person=PersonFactory(municipality=trondheim),
        services="NAV",
        given_on=TODAY,
        valid_until=TODAY,
        recorded_by=kari,
    )
    with pytest.raises(PermissionDenied):
        services.consent_revoke(actor=kari_actor, application=ole_case, consent=other)


# Who may: 403 for Per on writes, 404 for Sven everywhere


def _urls(ole_case, member_id, consent_id):
    return {
        "team": reverse("cases:team", args=[ole_case.pk]),
        "coordinator_set": reverse("cases:coordinator_set", args=[ole_case.pk]),
        "team_member_add": reverse("cases:team_member_add", args=[ole_case.pk]),
        "team_member_remove": reverse("cases:team_member_remove", args=[ole_case.pk, member_id]),
        "consent_list": reverse("cases:consent_list", args=[ole_case.pk]),
        "consent_create": reverse("cases:consent_create", args=[ole_case.pk]),
        "consent_revoke": reverse("cases:consent_revoke", args=[ole_case.pk, consent_id]),
        "interview": reverse("cases:interview", args=[ole_case.pk]),
        "audit_trail": reverse("cases:audit_trail", args=[ole_case.pk]),
    }


def test_per_reads_the_team_and_consents_but_gets_403_on_every_write(
    client, per, ole_case, nina_in_team, ole_consent
):
    client.force_login(per)
    urls = _urls(ole_case, nina_in_team.pk, ole_consent.pk)
    assert client.get(urls["team"]).status_code == 200
    assert client.get(urls["consent_list"]).status_code == 200
    for name in ("coordinator_set", "team_member_add", "team_member_remove", "consent_create"):
        assert client.post(urls[name], {"service": "X"}).status_code == 403, name
    assert client.post(urls["consent_revoke"], {"revoked_on": str(TODAY)}).status_code == 403
    assert TeamMember.objects.exists()
    ole_consent.refresh_from_db()
    assert ole_consent.revoked_on is None


def test_sven_gets_404_on_every_trondheim_object(client, sven, ole_case, nina_in_team, ole_consent):
    client.force_login(sven)
    for name, url in _urls(ole_case, nina_in_team.pk, ole_consent.pk).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == 404, name


def test_the_case_page_shows_the_team_and_the_valid_consent(
    client, kari, ole_case, nina_in_team, ole_consent
):
    _english(client, kari)
    page = client.get(reverse("cases:detail", args=[ole_case.pk])).content.decode()
    assert "Nina Dahl (NAV)" in page
    assert "Covers: health" in page
    assert reverse("cases:team", args=[ole_case.pk]) in page
    assert reverse("cases:audit_trail", args=[ole_case.pk]) not in page


def test_another_caseworker_cannot_add_herself_to_the_team_to_read_sensitive_data(
    client, ole_case, trondheim
):
    from boligtorg.cases.models import TeamMember
    from boligtorg.core.factories import member
    from boligtorg.core.models import Role

    lise = member("lise", trondheim, Role.CASEWORKER)
    client.force_login(lise)
    assert client.get(f"/cases/{ole_case.pk}/").status_code == 200  # the office reads cases
    response = client.post(
        f"/cases/{ole_case.pk}/team/members/", {"user": lise.pk, "service": "Housing"}
    )
    assert response.status_code == 403
    assert not TeamMember.objects.filter(application=ole_case, user=lise).exists()
