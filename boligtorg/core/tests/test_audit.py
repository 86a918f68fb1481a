import pytest
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from boligtorg.core.audit import audit_list_read, audit_record, changed_fields
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AppendOnlyError, AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(kari, trondheim):
    return audit_record(actor=actor_for(kari, trondheim), action=AuditAction.VIEW, obj=kari)


def test_an_audit_event_names_who_what_where_and_which_request(event, kari, trondheim):
    assert event.actor == kari
    assert event.actor_username == "kari"
    assert event.municipality == trondheim
    assert event.object_type == "core.user"
    assert event.object_id == str(kari.pk)
    assert event.at is not None


def test_the_application_refuses_to_change_an_audit_event(event):
    event.action = AuditAction.DELETE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.DELETE)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_audit_rows_even_in_raw_sql(event):
    for statement in (
        "UPDATE core_auditevent SET action = 'delete' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_changed_fields_lists_only_what_changed():
    before = {"first_name": "Kari", "roles": ["caseworker"]}
    after = {"first_name": "Kari", "roles": ["planner"], "email": "k@example.invalid"}
    assert changed_fields(before, after) == {
        "email": [None, "k@example.invalid"],
        "roles": [["caseworker"], ["planner"]],
    }


@override_settings(BOLIGTORG_TRUSTED_PROXIES=["127.0.0.1"])
def test_the_request_id_of_the_request_is_stored_with_the_event(client, kari):
    from boligtorg.core.factories import TEST_PASSWORD

    response = client.post(
        reverse("login"),
        {"username": "kari", "password": TEST_PASSWORD},
        headers={"x-request-id": "lb-1234567890"},
    )
    assert response["X-Request-ID"] == "lb-1234567890"
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).request_id == "lb-1234567890"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get(reverse("healthz"), headers={"x-request-id": "<script>"})
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_per_the_auditor_reads_the_audit_log_of_trondheim_only(
    client, per, trondheim, skanderborg, sven
):
    audit_record(actor=actor_for(sven, skanderborg), action=AuditAction.VIEW, obj=sven)
    audit_record(actor=actor_for(per, trondheim), action=AuditAction.VIEW, obj=per)
    client.force_login(per)
    response = client.get(reverse("core:audit_list"))
    assert response.status_code == 200
    usernames = {e.actor_username for e in response.context["page"].object_list}
    assert usernames == {"per"}


def test_the_audit_log_filters_by_action(client, per, trondheim):
    audit_record(actor=actor_for(per, trondheim), action=AuditAction.VIEW, obj=per)
    audit_record(actor=actor_for(per, trondheim), action=AuditAction.EXPORT, obj=per)
    client.force_login(per)
    response = client.get(reverse("core:audit_list"), {"action": AuditAction.EXPORT})
    assert [e.action for e in response.context["page"].object_list] == [AuditAction.EXPORT]


def test_the_audit_log_shows_what_a_list_read_searched_and_how_many_rows_it_showed(
    english, per, kari, trondheim
):
    audit_list_read(
        actor=actor_for(kari, trondheim),
        model="cases.application",
        query={"q": "Hansen", "status": "submitted"},
        ids=[11, 12, 13],
    )
    english.force_login(per)
    page = english.get(reverse("core:audit_list"), {"action": AuditAction.LIST}).content.decode()
    assert "q: Hansen; status: submitted · 3 rows shown" in page


def test_a_list_read_with_a_nul_in_its_query_is_still_recorded(kari, trondheim):
    """PostgreSQL's jsonb cannot hold U+0000; the read must be recorded all the same."""
    audit_list_read(
        actor=actor_for(kari, trondheim),
        model="cases.application",
        query={"q": "Han\x00sen"},
        ids=[7],
    )
    event = AuditEvent.objects.get(action=AuditAction.LIST)
    assert event.changes["query"] == {"q": "Han\ufffdsen"}
    assert event.changes["ids"] == ["7"]


def test_a_caseworker_cannot_read_the_audit_log(client, kari):
    client.force_login(kari)
    assert client.get(reverse("core:audit_list")).status_code == 403
