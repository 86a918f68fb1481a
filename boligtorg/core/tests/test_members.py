"""A municipality administrator manages the users of their own municipality."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boligtorg.core import selectors, services
from boligtorg.core.factories import MembershipFactory, UserFactory, actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Role

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "ola",
    "first_name": "Ola",
    "last_name": "Hansen",
    "email": "ola@example.invalid",
    "roles": [Role.CASEWORKER, Role.FOLLOWUP_WORKER],
    "password": "a-long-initial-passphrase",
}


def test_tone_sees_the_users_of_trondheim_only(client, tone, kari, sven):
    client.force_login(tone)
    page = client.get(reverse("core:member_list")).content.decode()
    assert "kari" in page
    assert "sven" not in page


def test_the_user_list_is_searchable_and_filterable_by_role(client, tone, kari, per):
    client.force_login(tone)
    by_name = client.get(reverse("core:member_list"), {"q": "Nordmann"}).content.decode()
    assert ">kari<" in by_name and ">per<" not in by_name
    by_role = client.get(reverse("core:member_list"), {"role": Role.AUDITOR}).content.decode()
    assert ">per<" in by_role and ">kari<" not in by_role


def test_the_user_list_is_paginated(client, tone, trondheim, settings):
    settings.PAGE_SIZE = 3
    for n in range(5):
        member(f"worker{n}", trondheim, Role.CASEWORKER)
    client.force_login(tone)
    first = client.get(reverse("core:member_list"))
    assert len(first.context["page"].object_list) == 3
    second = client.get(reverse("core:member_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 3
    assert 'aria-current="true"' in second.content.decode()


def test_sorting_by_user_name_descending(client, tone, kari, per):
    client.force_login(tone)
    response = client.get(reverse("core:member_list"), {"sort": "-username"})
    names = [m.user.username for m in response.context["page"].object_list]
    assert names == sorted(names, reverse=True)


def test_the_user_list_runs_a_fixed_number_of_queries(
    client, tone, trondheim, django_assert_max_num_queries
):
    for n in range(10):
        member(f"worker{n}", trondheim, Role.CASEWORKER, Role.PLANNER)
    client.force_login(tone)
    # session, user, memberships (+roles), count, page, roles of the page, axes: no N+1.
    with django_assert_max_num_queries(9):
        client.get(reverse("core:member_list"))


def test_tone_creates_a_user_with_roles_and_it_is_audited(client, tone, trondheim):
    client.force_login(tone)
    response = client.post(reverse("core:member_create"), NEW_USER)
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ola")
    assert membership.municipality == trondheim
    assert membership.role_values == [Role.CASEWORKER, Role.FOLLOWUP_WORKER]
    assert membership.user.check_password(NEW_USER["password"])
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(membership.pk))
    assert event.actor == tone
    assert event.changes["roles"] == [[], [Role.CASEWORKER, Role.FOLLOWUP_WORKER]]


def test_a_user_without_roles_is_refused_and_nothing_typed_is_lost(client, tone):
    client.force_login(tone)
    response = client.post(reverse("core:member_create"), {**NEW_USER, "roles": []})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Hansen"' in page
    assert 'value="ola@example.invalid"' in page
    assert "id_roles_error" in page
    assert not Membership.objects.filter(user__username="ola").exists()


def test_a_taken_user_name_is_refused_at_the_field(client, tone, kari):
    client.force_login(tone)
    response = client.post(reverse("core:member_create"), {**NEW_USER, "username": "KARI"})
    assert response.status_code == 200
    assert "id_username_error" in response.content.decode()


def test_a_weak_initial_password_is_refused_at_the_field(client, tone):
    client.force_login(tone)
    response = client.post(reverse("core:member_create"), {**NEW_USER, "password": "12345678"})
    assert response.status_code == 200
    assert "id_password_error" in response.content.decode()
    assert not Membership.objects.filter(user__username="ola").exists()


def test_tone_changes_karis_roles_and_the_change_is_audited(client, tone, kari):
    membership = Membership.objects.get(user=kari)
    client.force_login(tone)
    response = client.post(
        reverse("core:member_edit", args=[membership.pk]),
        {"first_name": "Kari", "last_name": "Nordmann", "email": "", "roles": [Role.PLANNER]},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role_values == [Role.PLANNER]
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("at")
    assert event.changes["roles"] == [[Role.CASEWORKER], [Role.PLANNER]]


def test_an_administrator_cannot_remove_their_own_admin_role(tone_actor, tone):
    membership = Membership.objects.get(user=tone)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_update(
            actor=tone_actor,
            membership=membership,
            first_name="Tone",
            last_name="Aas",
            email="",
            roles=[Role.CASEWORKER],
        )
    assert services.ERROR_OWN_ADMIN_ROLE in excinfo.value.message_dict["roles"]


def test_removing_access_asks_first_then_takes_effect(client, tone, kari):
    membership = Membership.objects.get(user=kari)
    url = reverse("core:member_set_active", args=[membership.pk])
    client.force_login(tone)
    confirm = client.get(url)
    assert confirm.status_code == 200
    membership.refresh_from_db()
    assert membership.is_active
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    # Kari keeps her account (and her audit trail) but has no municipality any more.
    client.force_login(kari)
    assert client.get(reverse("dashboard")).context["actor"].municipality is None


def test_an_administrator_cannot_remove_their_own_access(tone_actor, tone):
    with pytest.raises(ValidationError):
        services.membership_set_active(
            actor=tone_actor, membership=Membership.objects.get(user=tone), active=False
        )


def test_a_caseworker_cannot_manage_users(client, kari):
    client.force_login(kari)
    assert client.get(reverse("core:member_list")).status_code == 403
    assert client.post(reverse("core:member_create"), NEW_USER).status_code == 403
    assert not Membership.objects.filter(user__username="ola").exists()


def test_per_the_auditor_cannot_change_roles(client, per, kari):
    client.force_login(per)
    membership = Membership.objects.get(user=kari)
    response = client.post(
        reverse("core:member_edit", args=[membership.pk]),
        {"first_name": "X", "last_name": "Y", "roles": [Role.MANAGER]},
    )
    assert response.status_code == 403
    assert Membership.objects.get(user=kari).role_values == [Role.CASEWORKER]


def test_mette_in_skanderborg_cannot_see_or_touch_trondheims_users(client, mette, kari):
    membership = Membership.objects.get(user=kari)
    client.force_login(mette)
    assert client.get(reverse("core:member_edit", args=[membership.pk])).status_code == 404
    assert client.post(reverse("core:member_set_active", args=[membership.pk])).status_code == 404
    assert Membership.objects.get(user=kari).is_active


def test_the_service_refuses_a_membership_of_another_municipality(mette, skanderborg, kari):
    with pytest.raises(PermissionDenied):
        services.membership_set_active(
            actor=actor_for(mette, skanderborg),
            membership=Membership.objects.get(user=kari),
            active=False,
        )


def test_the_selector_requires_the_admin_role(kari, trondheim):
    with pytest.raises(PermissionDenied):
        selectors.membership_list(actor=actor_for(kari, trondheim))


def test_an_inactive_member_is_listed_under_inactive(client, tone, trondheim):
    user = UserFactory(username="gone")
    MembershipFactory(user=user, municipality=trondheim, roles=[Role.PLANNER], is_active=False)
    client.force_login(tone)
    assert ">gone<" not in client.get(reverse("core:member_list")).content.decode()
    inactive = client.get(reverse("core:member_list"), {"status": "inactive"}).content.decode()
    assert ">gone<" in inactive
