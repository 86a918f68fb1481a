from django.db import migrations

from boligtorg.cases.reference import DEFAULT_LEGAL_BASES


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    for country, code, title in DEFAULT_LEGAL_BASES:
        LegalBasis.objects.get_or_create(country=country, code=code, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
