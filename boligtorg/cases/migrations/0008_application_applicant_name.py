"""The main applicant's "Last, First" on the case, filled for the cases there are, with
a trigram index on PostgreSQL: the case list searches and shows it without a join to
the persons. And a B-tree index that serves a search for the start of a case number."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat

from boligtorg.core.trigram import trigram_indexes


def fill_applicant_names(apps, schema_editor) -> None:  # noqa: ANN001
    Application = apps.get_model("cases", "Application")
    Person = apps.get_model("cases", "Person")
    name = (
        Person.objects.filter(pk=OuterRef("applicant_id"))
        .annotate(name=Concat("last_name", Value(", "), "first_name"))
        .values("name")[:1]
    )
    Application.objects.update(applicant_name=Subquery(name))


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_person_search_name")]

    operations = [
        migrations.AddField(
            model_name="application",
            name="applicant_name",
            field=models.CharField(
                default="", editable=False, max_length=202, verbose_name="main applicant's name"
            ),
        ),
        migrations.RunPython(fill_applicant_names, migrations.RunPython.noop, elidable=True),
        trigram_indexes(
            {"cases_application_applicant_name_trgm": ("cases_application", "applicant_name")},
            "case list name search",
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["municipality", "number"],
                name="application_number_prefix",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ),
    ]
