"""The migration to one consent model carries every ticked "consent given" checkbox of
an application over into a Consent row, so that no recorded consent is lost.

Django's migration executor takes the database back to the migration before, where
the test writes the data as it was, then forward again; the database ends at the
latest migration whatever happens, for the tests that follow."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from boligtorg.cases.models import Application, Consent, ConsentStatus
from boligtorg.cases.selectors_team import consent_state
from boligtorg.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("cases", "0009_application_situation_status_index")
TODAY = timezone.localdate()


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_migration():
    """The historical models at the migration before; the latest schema again after."""
    executor = _migrate([BEFORE])
    try:
        yield executor.loader.project_state([BEFORE]).apps
    finally:
        _migrate(_latest())


def _old_case(apps, municipality, first_name, *, consent_given, caseworker=None, **fields):
    person = apps.get_model("cases", "Person").objects.create(
        municipality_id=municipality.pk,
        first_name=first_name,
        last_name="Hansen",
        date_of_birth=datetime.date(1990, 4, 1),
    )
    household = apps.get_model("cases", "Household").objects.create(municipality_id=municipality.pk)
    return apps.get_model("cases", "Application").objects.create(
        municipality_id=municipality.pk,
        number=f"{TODAY.year}-{first_name}",
        household=household,
        applicant=person,
        situation="without_dwelling",
        consent_given=consent_given,
        caseworker_id=getattr(caseworker, "pk", None),
        **fields,
    )


def test_a_ticked_consent_becomes_a_consent_row_the_case_page_shows_as_valid(
    before_the_migration, trondheim, kari
):
    received = TODAY - datetime.timedelta(days=20)
    ticked = _old_case(
        before_the_migration,
        trondheim,
        "Ole",
        consent_given=True,
        caseworker=kari,
        status="submitted",
        received_on=received,
    )
    unticked = _old_case(before_the_migration, trondheim, "Liv", consent_given=False)

    _migrate(_latest())

    consent = Consent.objects.get()
    assert consent.person_id == ticked.applicant_id
    assert (consent.given_on, consent.valid_until) == (
        received,
        received + datetime.timedelta(days=365),
    )
    assert consent.recorded_by == kari
    assert consent.revoked_on is None
    # The checkbox never named a special category: the row covers none.
    assert not (consent.covers_health or consent.covers_substance_use)
    assert not consent.covers_criminal_record
    assert consent.services.startswith("Saksteamet")
    event = AuditEvent.objects.get(object_type="cases.consent", object_id=str(consent.pk))
    assert event.action == AuditAction.CREATE
    assert event.changes["carried_from_application"] == [None, ticked.number]
    assert consent_state(application=Application.objects.get(pk=ticked.pk)).status == (
        ConsentStatus.VALID
    )
    assert consent_state(application=Application.objects.get(pk=unticked.pk)).status == (
        ConsentStatus.NONE
    )


def test_a_draft_without_caseworker_is_carried_over_as_given_when_it_was_created(
    before_the_migration, trondheim, kari
):
    created = timezone.now() - datetime.timedelta(days=3)
    draft = _old_case(
        before_the_migration, trondheim, "Ole", consent_given=True, created_at=created
    )
    before_the_migration.get_model("cases", "CaseEvent").objects.create(
        application=draft, actor_id=kari.pk, kind="created", summary="Application registered"
    )

    _migrate(_latest())

    consent = Consent.objects.get(person_id=draft.applicant_id)
    assert consent.given_on == timezone.localdate(created)
    assert consent.recorded_by == kari
