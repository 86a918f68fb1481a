"""A trigram index for the dwelling register's address search on PostgreSQL (the
search matches any part of the address; see boligtorg.core.trigram)."""

from django.db import migrations

from boligtorg.core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_initial")]

    operations = [
        trigram_indexes(
            {"housing_dwelling_address_trgm": ("housing_dwelling", "address")}, "address search"
        )
    ]
