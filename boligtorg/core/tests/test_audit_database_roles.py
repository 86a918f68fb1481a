"""The audit trail on PostgreSQL: TRUNCATE is refused even to the owner, and the
application's own role (``boligtorg_grant_app_role``) may only add and read events."""

import io
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from boligtorg.core.audit import audit_record
from boligtorg.core.factories import actor_for
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="database roles and triggers are PostgreSQL's; SQLite has neither",
)

PASSWORD = "test-only-app-role"  # noqa: S105


@pytest.mark.django_db
def test_postgresql_refuses_truncate_of_the_audit_trail_even_to_its_owner(kari, trondheim):
    audit_record(actor=actor_for(kari, trondheim), action=AuditAction.VIEW, obj=kari)
    with (
        pytest.raises(DatabaseError, match="append-only: TRUNCATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE core_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.fixture
def app_role(transactional_db):
    """A login role of its own, granted as in production; dropped afterwards."""
    role = f"bt_app_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    try:
        call_command("boligtorg_grant_app_role", role, stdout=io.StringIO())
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


def _connect_as(role):
    params = connection.get_connection_params()
    params.update(user=role, password=PASSWORD)
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("options", None)
    return psycopg.connect(**params, autocommit=True)


def _refused(db, statement, params=None):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute(statement, params)


def test_the_application_role_may_add_and_read_audit_events_but_not_rewrite_them(
    app_role, kari, trondheim
):
    event = audit_record(actor=actor_for(kari, trondheim), action=AuditAction.VIEW, obj=kari)
    with _connect_as(app_role) as db:
        db.execute(
            "INSERT INTO core_auditevent (at, actor_username, action, object_type, object_id,"
            " object_repr, changes, request_id) VALUES (now(), 'kari', 'view', '', '', '',"
            " '{}', '')"
        )
        assert db.execute("SELECT count(*) FROM core_auditevent").fetchone() == (2,)
        _refused(db, "UPDATE core_auditevent SET action = 'delete' WHERE id = %s", [event.pk])
        _refused(db, "DELETE FROM core_auditevent WHERE id = %s", [event.pk])
        _refused(db, "TRUNCATE core_auditevent")
        # The owner could lift the triggers; this role owns nothing.
        _refused(db, "ALTER TABLE core_auditevent DISABLE TRIGGER ALL")
        _refused(db, "DROP TABLE core_auditevent")
        # Everywhere else it reads and writes as the application must.
        db.execute("UPDATE core_user SET first_name = 'Kari' WHERE id = %s", [kari.pk])
        db.execute("DELETE FROM django_session")
    assert AuditEvent.objects.filter(pk=event.pk, action=AuditAction.VIEW).exists()
    assert AuditEvent.objects.count() == 2


def test_granting_twice_changes_nothing(app_role):
    call_command("boligtorg_grant_app_role", app_role, stdout=io.StringIO())
    with _connect_as(app_role) as db:
        _refused(db, "DELETE FROM core_auditevent")
        assert db.execute("SELECT count(*) FROM core_user").fetchone() == (0,)


@pytest.mark.django_db
def test_the_grant_refuses_a_role_that_could_lift_the_triggers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="could disable"):
        call_command("boligtorg_grant_app_role", owner)
