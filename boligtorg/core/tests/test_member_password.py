"""A municipality administrator sets a new password for a member, who must change it
at next login (issue 23, "Administration")."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from boligtorg.core import services
from boligtorg.core.factories import TEST_PASSWORD, MembershipFactory, member
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tone-sets-this-one-42"


def _url(user, municipality):
    membership = Membership.objects.get(user=user, municipality=municipality)
    return reverse("core:member_password", args=[membership.pk])


def _set(client, url, password=NEW_PASSWORD, **extra):
    data = {"new_password1": password, "new_password2": password, **extra}
    return client.post(url, data)


def test_tone_confirms_before_karis_password_changes(english, tone, kari, trondheim):
    english.force_login(tone)
    url = _url(kari, trondheim)
    confirm = _set(english, url)
    assert confirm.status_code == 200
    assert "Set a new password for Kari Nordmann?" in confirm.content.decode()
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)

    done = _set(english, url, confirm="1")

    assert done.status_code == 302
    kari.refresh_from_db()
    assert kari.check_password(NEW_PASSWORD)
    assert kari.must_change_password


def test_setting_a_password_is_audited_without_the_password(client, tone, kari, trondheim):
    client.force_login(tone)
    _set(client, _url(kari, trondheim), confirm="1")
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=tone)
    assert event.municipality == trondheim
    assert event.object_repr.startswith("Kari Nordmann")
    assert event.changes["must_change_password"] == [False, True]
    assert event.changes["password_generated"] == [None, False]
    assert NEW_PASSWORD not in str(event.changes)


def test_a_generated_password_is_shown_once_and_works(client, tone, kari, trondheim):
    client.force_login(tone)
    response = client.post(_url(kari, trondheim), {"generate": "on", "confirm": "1"})
    assert response.status_code == 200
    password = response.context["password"]
    assert len(password) == 19
    kari.refresh_from_db()
    assert kari.check_password(password)
    assert kari.must_change_password
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=tone)
    assert event.changes["password_generated"] == [None, True]
    assert password not in str(event.changes)


def test_the_password_validators_errors_are_shown_at_the_field(english, tone, kari, trondheim):
    english.force_login(tone)
    page = _set(english, _url(kari, trondheim), password="12345678").content.decode()  # noqa: S106
    assert 'id="id_new_password1_error"' in page
    assert "This password is too short" in page
    assert "This password is entirely numeric" in page
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)


def test_two_different_passwords_are_refused_at_the_second_field(english, tone, kari, trondheim):
    english.force_login(tone)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x", "confirm": "1"}
    page = english.post(_url(kari, trondheim), data).content.decode()
    assert 'id="id_new_password2_error"' in page
    assert "The two passwords differ" in page


def test_a_member_of_a_municipality_tone_does_not_administer_is_refused_with_the_reason(
    english, tone, kari, trondheim, skanderborg
):
    MembershipFactory(user=kari, municipality=skanderborg, roles=[Role.CASEWORKER])
    english.force_login(tone)
    response = _set(english, _url(kari, trondheim), confirm="1")
    assert response.status_code == 403
    assert "also a member of a municipality where you are not an administrator" in (
        response.content.decode()
    )
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)


def test_an_administrator_of_every_municipality_of_the_user_may_set_it(
    client, tone, kari, trondheim, skanderborg
):
    MembershipFactory(user=kari, municipality=skanderborg, roles=[Role.CASEWORKER])
    MembershipFactory(user=tone, municipality=skanderborg, roles=[Role.MUNICIPALITY_ADMIN])
    client.force_login(tone)
    client.post(reverse("core:switch_municipality"), {"municipality": trondheim.pk})
    assert _set(client, _url(kari, trondheim), confirm="1").status_code == 302
    kari.refresh_from_db()
    assert kari.check_password(NEW_PASSWORD)


def test_a_system_administrator_password_is_refused(english, tone, trondheim):
    root = member("root", trondheim, Role.CASEWORKER, is_superuser=True)
    english.force_login(tone)
    response = english.get(_url(root, trondheim))
    assert response.status_code == 403
    assert "system administrator" in response.content.decode()


def test_tone_changes_her_own_password_on_the_change_page_not_here(english, tone, trondheim):
    english.force_login(tone)
    assert english.get(_url(tone, trondheim)).status_code == 403


def test_kari_the_caseworker_gets_403(client, kari, tone, trondheim):
    client.force_login(kari)
    assert _set(client, _url(tone, trondheim), confirm="1").status_code == 403
    tone.refresh_from_db()
    assert tone.check_password(TEST_PASSWORD)


def test_mette_of_skanderborg_gets_404_for_kari(client, mette, kari, trondheim):
    client.force_login(mette)
    assert _set(client, _url(kari, trondheim), confirm="1").status_code == 404
    kari.refresh_from_db()
    assert kari.check_password(TEST_PASSWORD)


def test_the_service_refuses_a_weak_password_under_the_first_field(tone_actor, kari, trondheim):
    from django.core.exceptions import ValidationError

    membership = Membership.objects.get(user=kari, municipality=trondheim)
    with pytest.raises(ValidationError) as raised:
        services.user_set_password(actor=tone_actor, membership=membership, password="kort")
    assert "new_password1" in raised.value.error_dict


def test_the_member_page_links_to_setting_a_password(english, tone, kari, trondheim):
    english.force_login(tone)
    membership = Membership.objects.get(user=kari, municipality=trondheim)
    page = english.get(reverse("core:member_edit", args=[membership.pk])).content.decode()
    assert reverse("core:member_password", args=[membership.pk]) in page


def test_a_new_user_must_change_the_initial_password_at_first_login(client, tone):
    client.force_login(tone)
    data = {
        "username": "ola",
        "first_name": "Ola",
        "last_name": "Hansen",
        "email": "",
        "roles": [Role.CASEWORKER],
        "password": "a-long-initial-passphrase",
    }
    client.post(reverse("core:member_create"), data)
    assert get_user_model().objects.get(username="ola").must_change_password


def test_karis_other_sessions_end_when_tone_sets_her_password(client, tone, kari, trondheim):
    from django.test import Client

    karis_browser = Client()
    karis_browser.force_login(kari)
    assert karis_browser.get(reverse("dashboard")).status_code == 200
    client.force_login(tone)
    _set(client, _url(kari, trondheim), confirm="1")
    assert karis_browser.get(reverse("dashboard"))["Location"].startswith(reverse("login"))


def _log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_kari_must_change_the_password_at_next_login_before_anything_else(
    client, tone, kari, trondheim
):
    client.force_login(tone)
    _set(client, _url(kari, trondheim), confirm="1")
    client.logout()

    assert _log_in(client, "kari", NEW_PASSWORD)["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard"))["Location"] == reverse("password_change")
    assert client.get(reverse("core:audit_list"))["Location"] == reverse("password_change")
    assert client.get("/api/applications").status_code == 403
    change_page = client.get(reverse("password_change"))
    assert change_page.status_code == 200
    assert change_page.context["user"].must_change_password  # the page says why

    changed = client.post(
        reverse("password_change"),
        {
            "old_password": NEW_PASSWORD,
            "new_password1": "karis-own-passphrase",
            "new_password2": "karis-own-passphrase",
        },
    )
    assert changed.status_code == 302
    kari = get_user_model().objects.get(pk=kari.pk)
    assert not kari.must_change_password
    assert client.get(reverse("dashboard")).status_code == 200
