"""Trigram indexes for the case list's search (PostgreSQL): the search matches any
part of a name or case number (see boligtorg.core.trigram)."""

from django.db import migrations

from boligtorg.core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_legal_bases")]

    operations = [
        trigram_indexes(
            {
                "cases_person_last_name_trgm": ("cases_person", "last_name"),
                "cases_person_first_name_trgm": ("cases_person", "first_name"),
                "cases_application_number_trgm": ("cases_application", "number"),
            },
            "case search",
        )
    ]
