"""A trigram index for the dwelling register's address search on PostgreSQL (the
search matches any part of the address, ILIKE '%...%'). Skipped, with a warning,
where the pg_trgm extension cannot be created; see cases/0003 for the same."""

import logging

from django.db import DatabaseError, migrations, transaction

INDEX = "housing_dwelling_address_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    except DatabaseError:
        logging.getLogger(__name__).warning("pg_trgm is not available: address search unindexed")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON housing_dwelling "
        "USING gin (UPPER(address) gin_trgm_ops)",
        params=None,
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
