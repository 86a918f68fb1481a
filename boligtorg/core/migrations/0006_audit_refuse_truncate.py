"""On PostgreSQL the database also refuses TRUNCATE of the audit trail: the per-row
trigger of 0002 does not fire on TRUNCATE, which would empty the table in one statement.

A table's owner can still disable triggers; that is why production runs the application
as a role that does not own the tables (``manage.py boligtorg_grant_app_role``, see
docs/operations.md). The test suite's flush disables this trigger for its own TRUNCATE
(config/test_postgresql), which only the owner can do."""

from django.db import migrations

CREATE = [
    # core_auditevent_append_only() (0002) raises for whatever TG_OP it is called for.
    """
    CREATE TRIGGER core_auditevent_no_truncate
        BEFORE TRUNCATE ON core_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()
    """,
]

DROP = ["DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent"]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def create_trigger(apps, schema_editor):
    _run(schema_editor, CREATE)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_notification_link")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
