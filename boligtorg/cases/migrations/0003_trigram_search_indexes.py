"""Trigram indexes for the case list's search (PostgreSQL): the search matches any
part of a name or case number (ILIKE '%...%'), which no B-tree index serves. Django's
icontains compares UPPER(column), so the indexes are on UPPER(column).

Creating the pg_trgm extension needs rights a production role may lack; without it
the search still works, only slower, so the migration then goes on without them."""

import logging

from django.db import DatabaseError, migrations, transaction

INDEXES = {
    "cases_person_last_name_trgm": ("cases_person", "last_name"),
    "cases_person_first_name_trgm": ("cases_person", "first_name"),
    "cases_application_number_trgm": ("cases_application", "number"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    except DatabaseError:
        logging.getLogger(__name__).warning("pg_trgm is not available: case search unindexed")
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "  # noqa: S608 - constants above
            f"USING gin (UPPER({column}) gin_trgm_ops)",
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_legal_bases")]

    operations = [migrations.RunPython(create, drop)]
