"""The system administrator's pages: municipalities through the service, and every
admin change in Boligtorg's own audit trail."""

import pytest
from django.urls import reverse

from boligtorg.core.factories import TEST_PASSWORD, UserFactory
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_a_superuser_adds_a_municipality_and_it_is_audited(client, root):
    response = client.post(
        reverse("admin:core_municipality_add"),
        {"name": "Tromsø", "country": "NO", "code": "5501", "is_active": "on"},
    )
    assert response.status_code == 302
    tromso = Municipality.objects.get(code="5501")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(tromso.pk))
    assert event.actor == root


def test_a_danish_code_must_have_three_digits(client, root):
    response = client.post(
        reverse("admin:core_municipality_add"),
        {"name": "Aarhus", "country": "DK", "code": "7510", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "3 sifre" in response.content.decode()
    assert not Municipality.objects.filter(name="Aarhus").exists()


def test_a_password_set_in_the_admin_is_audited(client, root, kari):
    response = client.post(
        reverse("admin:auth_user_password_change", args=[kari.pk]),
        {"password1": "another-long-passphrase", "password2": "another-long-passphrase"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="core.user", object_id=str(kari.pk), actor=root
    ).exists()


def test_roles_added_in_the_membership_inline_are_audited(client, root, kari):
    membership = Membership.objects.get(user=kari)
    role = membership.roles.get()
    response = client.post(
        reverse("admin:core_membership_change", args=[membership.pk]),
        {
            "user": kari.pk,
            "municipality": membership.municipality_id,
            "is_active": "on",
            "roles-TOTAL_FORMS": "2",
            "roles-INITIAL_FORMS": "1",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-id": role.pk,
            "roles-0-membership": membership.pk,
            "roles-0-role": role.role,
            "roles-1-id": "",
            "roles-1-membership": membership.pk,
            "roles-1-role": "planner",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(membership.role_values) == ["caseworker", "planner"]
    event = AuditEvent.objects.filter(object_type="core.membership").latest("id")
    assert event.action == AuditAction.UPDATE
    assert list(event.changes.values()) == [[None, "Planner"]]


def test_a_caseworker_cannot_enter_the_admin(client, kari):
    client.force_login(kari)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert TEST_PASSWORD not in response.content.decode()
