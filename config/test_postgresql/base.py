"""PostgreSQL for the test suite only (config/settings/test.py selects it).

Django empties the database after each transactional and browser test with one
TRUNCATE of every table, and the audit trail refuses TRUNCATE (migration
core 0006). The flush here lifts that one trigger for its own statement, in the same
transaction, so the trail stays closed to every other TRUNCATE, also in tests. Lifting
it needs the table's owner: production's application role could not, and production
settings never load this backend."""

from django.db.backends.postgresql import base, operations

AUDIT_TABLE = "core_auditevent"
TRIGGER = "core_auditevent_no_truncate"


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements or AUDIT_TABLE not in tables:
            return statements
        table = self.quote_name(AUDIT_TABLE)
        trigger = self.quote_name(TRIGGER)
        return [
            f"ALTER TABLE {table} DISABLE TRIGGER {trigger}",
            *statements,
            f"ALTER TABLE {table} ENABLE TRIGGER {trigger}",
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
