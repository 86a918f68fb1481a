"""Trigram indexes for substring search on PostgreSQL, as migration operations.

A search that matches any part of a text (Django's ``icontains``: UPPER(column) LIKE
UPPER('%...%')) is served by no B-tree index; a GIN index on UPPER(column) with the
pg_trgm operator class serves it. Creating the pg_trgm extension needs rights a
production role may lack; without it the search still works, only slower, so the
migration then goes on without the indexes and says so in the log. Other databases
get nothing."""

import logging
from collections.abc import Mapping

from django.db import DatabaseError, migrations, transaction


def trigram_indexes(
    indexes: Mapping[str, tuple[str, str]], what: str, *, drop_them: bool = False
) -> migrations.RunPython:
    """A migration operation that creates ``{index name: (table, column)}`` and drops
    them when reversed (``drop_them``: the other way round, for indexes no search
    uses any more); ``what`` names the search in the warning."""

    def create(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic():
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        except DatabaseError:
            logging.getLogger(__name__).warning("pg_trgm is not available: %s unindexed", what)
            return
        for name, (table, column) in indexes.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "  # noqa: S608 - names from code
                f"USING gin (UPPER({column}) gin_trgm_ops)",
                params=None,
            )

    def drop(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)

    return migrations.RunPython(drop, create) if drop_them else migrations.RunPython(create, drop)
