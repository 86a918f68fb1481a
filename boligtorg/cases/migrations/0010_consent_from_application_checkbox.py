"""One consent model: the application's "consent given" checkbox becomes Consent rows.

Before, a case held its consent twice: a checkbox on the application (with no date,
no services and no special categories) and the Consent rows of the main applicant,
which alone decided what the case team sees. The case page showed both, and they
disagreed. Every ticked checkbox is carried over as a Consent row of the main
applicant, then the checkbox is removed, so that no recorded consent is lost:

- given on the day the application was received (the day it was created, for a
  draft), valid for ``CARRIED_VALIDITY`` from then: the checkbox had no end date,
  and a consent row needs one (the consent is renewed with the applicant as usual);
- to the case team, the only recipient the checkbox named (``SERVICES``);
- covering no special category: the checkbox never named health, substance use or
  criminal record, and such data needs the applicant's explicit consent to them
  (GDPR art. 9(2)(a));
- recorded by the case's caseworker, else its coordinator, else whoever registered
  the case, else a user of the municipality;
- with an audit event each, as every create (no actor: the migration made it).
A person with several ticked applications gets one row per day given; running the
carry-over twice adds nothing. Going back ticks the checkbox of every case whose
main applicant has a consent that is not revoked.
"""

import datetime

from django.db import migrations
from django.utils import timezone

CARRIED_VALIDITY = datetime.timedelta(days=365)
# Stored text (what a caseworker would have typed), in the municipality's language.
SERVICES = {
    "NO": "Saksteamet (samtykke krysset av i søknaden)",
    "DK": "Sagsteamet (samtykke afkrydset i ansøgningen)",
}


def _recorder(apps, application):
    """Who recorded the consent: the case's own people first."""
    if application.caseworker_id or application.coordinator_id:
        return application.caseworker_id or application.coordinator_id
    CaseEvent = apps.get_model("cases", "CaseEvent")
    first = (
        CaseEvent.objects.filter(application_id=application.pk, actor__isnull=False)
        .order_by("at", "id")
        .values_list("actor_id", flat=True)
        .first()
    )
    if first:
        return first
    Membership = apps.get_model("core", "Membership")
    colleague = (
        Membership.objects.filter(municipality_id=application.municipality_id)
        .order_by("-is_active", "pk")
        .values_list("user_id", flat=True)
        .first()
    )
    if colleague is None:
        raise RuntimeError(
            f"Case {application.number}: nobody in its municipality to name as the "
            "recorder of its consent; add a user to the municipality and migrate again."
        )
    return colleague


def given_on(application) -> datetime.date:
    return application.received_on or timezone.localdate(application.created_at)


def carry_consents(apps, schema_editor):
    """A Consent row for every application whose checkbox was ticked."""
    Application = apps.get_model("cases", "Application")
    Consent = apps.get_model("cases", "Consent")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ticked = (
        Application.objects.filter(consent_given=True)
        .select_related("municipality")
        .order_by("pk")
    )
    for application in ticked.iterator():
        day = given_on(application)
        services = SERVICES.get(application.municipality.country, SERVICES["NO"])
        if Consent.objects.filter(
            person_id=application.applicant_id, given_on=day, services=services
        ).exists():
            continue
        consent = Consent.objects.create(
            person_id=application.applicant_id,
            services=services,
            given_on=day,
            valid_until=day + CARRIED_VALIDITY,
            recorded_by_id=_recorder(apps, application),
        )
        AuditEvent.objects.create(
            municipality_id=application.municipality_id,
            action="create",
            object_type="cases.consent",
            object_id=str(consent.pk),
            object_repr=f"Consent {day}",
            changes={
                "services": [None, services],
                "categories": [None, []],
                "given_on": [None, str(day)],
                "valid_until": [None, str(consent.valid_until)],
                "carried_from_application": [None, application.number],
            },
        )


def tick_checkboxes(apps, schema_editor):
    Application = apps.get_model("cases", "Application")
    Consent = apps.get_model("cases", "Consent")
    consenting = Consent.objects.filter(revoked_on__isnull=True).values("person_id")
    Application.objects.filter(applicant_id__in=consenting).update(consent_given=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_application_situation_status_index"),
        ("core", "0007_auditaction_list"),
    ]

    operations = [
        migrations.RunPython(carry_consents, tick_checkboxes),
        migrations.RemoveField(model_name="application", name="consent_given"),
    ]
