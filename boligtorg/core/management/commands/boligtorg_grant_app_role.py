"""Give the application's database role what it needs, and no more on the audit trail.

Production runs migrations as the role that owns the tables and serves requests as
another role (docs/operations.md). The owner can disable the audit table's triggers;
the application role cannot, and it may only INSERT and SELECT audit events, so not
even a compromised application can rewrite the trail. Run this as the owner after every
``migrate`` (new tables need the grant too); running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

AUDIT_TABLE = "core_auditevent"
MIGRATIONS_TABLE = "django_migrations"


class Command(BaseCommand):
    help = (
        "Grant a PostgreSQL role the rights to run Boligtorg: read and write every table, "
        "but only SELECT and INSERT on the audit trail. Run as the tables' owner."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="an existing role that does not own the tables")

    def handle(self, *args: object, role: str, **options: object) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are PostgreSQL's; this database is not.")
        with transaction.atomic(), connection.cursor() as cursor:
            self._check_role(cursor, role)
            quoted = connection.ops.quote_name(role)
            audit = connection.ops.quote_name(AUDIT_TABLE)
            migrations = connection.ops.quote_name(MIGRATIONS_TABLE)
            for statement in (
                f"GRANT USAGE ON SCHEMA public TO {quoted}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
                f"REVOKE ALL ON {audit} FROM {quoted}",
                f"GRANT SELECT, INSERT ON {audit} TO {quoted}",
                f"REVOKE ALL ON {migrations} FROM {quoted}",
                f"GRANT SELECT ON {migrations} TO {quoted}",
            ):
                cursor.execute(statement)
        self.stdout.write(
            f"{role} may read and write every table in the public schema, "
            f"and only SELECT and INSERT on {AUDIT_TABLE}."
        )

    def _check_role(self, cursor, role: str) -> None:
        cursor.execute(
            "SELECT rolsuper, pg_has_role(%s, tableowner, 'MEMBER') "
            "FROM pg_roles, pg_tables "
            "WHERE rolname = %s AND schemaname = 'public' AND tablename = %s",
            [role, role, AUDIT_TABLE],
        )
        row = cursor.fetchone()
        if row is None:
            raise CommandError(
                f"No role {role!r} (or no {AUDIT_TABLE}: migrate first). Create the role "
                f"first, e.g. CREATE ROLE {role} LOGIN PASSWORD '...'."
            )
        superuser, owns = row
        if superuser or owns:
            raise CommandError(
                f"{role} is a superuser or owns the tables, so it could disable the audit "
                "trail's triggers. Serve with a role of its own."
            )
