"""The person's "First Last" as a column the database keeps (a generated column), with
a trigram index on PostgreSQL: a name search of several words ("Ole Hansen", "Hansen,
Ole") is then one scan of one index instead of an OR over two. The first- and
last-name indexes it replaces go."""

import django.db.models.functions.text
from django.db import migrations, models

from boligtorg.core.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_case_list_order_index")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.Concat(
                    "first_name", models.Value(" "), "last_name"
                ),
                output_field=models.CharField(max_length=201),
            ),
        ),
        trigram_indexes(
            {"cases_person_search_name_trgm": ("cases_person", "search_name")}, "name search"
        ),
        trigram_indexes(
            {
                "cases_person_last_name_trgm": ("cases_person", "last_name"),
                "cases_person_first_name_trgm": ("cases_person", "first_name"),
            },
            "name search",
            drop_them=True,
        ),
    ]
