"""The case's own audit trail: for managers and auditors of the municipality,
newest first, paginated, in a constant number of queries, and itself audited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Consent, Decision, LegalBasis
from boligtorg.cases.selectors_team import case_audit_trail
from boligtorg.cases.services import team as services
from boligtorg.core.audit import audit_record
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def mona(trondheim):
    """Mona, a manager in Trondheim."""
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Lie")


def _interview(actor, application):
    return services.interview_save(
        actor=actor,
        application=application,
        held_on=TODAY,
        economy_score=2,
        neighbours_score=3,
        cleaning_score=3,
        daily_activity_score=2,
        network_score=1,
    )


def _views(actor, application, count):
    for _ in range(count):
        audit_record(actor=actor, action=AuditAction.VIEW, obj=application)


def _url(application, **query):
    url = reverse("cases:audit_trail", args=[application.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_per_sees_the_case_trail_with_its_interview_and_consent_events(
    client, per, kari_actor, ole_case
):
    interview = _interview(kari_actor, ole_case)
    services.consent_record(
        actor=kari_actor,
        application=ole_case,
        services="NAV",
        given_on=TODAY,
        valid_until=TODAY + datetime.timedelta(days=30),
    )
    client.cookies["django_language"] = "en"
    client.force_login(per)
    response = client.get(_url(ole_case))
    assert response.status_code == 200
    types = [event.object_type for event in response.context["page"].object_list]
    assert {"cases.application", "cases.mappinginterview", "cases.consent"} <= set(types)
    # The trail shows the object as it was named when the event was written.
    stored = AuditEvent.objects.filter(object_type="cases.mappinginterview").first().object_repr
    assert stored.endswith(str(interview.held_on))
    assert stored in response.content.decode()


def test_decisions_of_the_case_are_in_its_trail(per, trondheim, kari, kari_actor, ole_case):
    decision = Decision.objects.create(
        application=ole_case,
        outcome="refused",
        reasons="Income above the limit.",
        legal_basis=LegalBasis.objects.create(country="XX", code="test", title="Test basis"),
        decided_on=TODAY,
        received_on=TODAY,
        letter_language="nb",
        decided_by=kari,
    )
    audit_record(actor=kari_actor, action=AuditAction.CREATE, obj=decision)
    trail = case_audit_trail(actor=actor_for(per, trondheim), application=ole_case)
    assert trail.filter(object_type="cases.decision", object_id=str(decision.pk)).exists()


def test_the_trail_is_newest_first_and_leaves_out_other_cases(
    per, trondheim, kari, kari_actor, ole_case
):
    other = ApplicationFactory(municipality=trondheim, caseworker=kari)
    _views(kari_actor, other, 2)
    _views(kari_actor, ole_case, 3)
    trail = list(case_audit_trail(actor=actor_for(per, trondheim), application=ole_case))
    assert len(trail) == 3
    assert {event.object_id for event in trail} == {str(ole_case.pk)}
    assert [event.pk for event in trail] == sorted((event.pk for event in trail), reverse=True)


def test_reading_the_trail_is_itself_audited_and_shown_first(client, per, ole_case):
    client.force_login(per)
    response = client.get(_url(ole_case))
    newest = response.context["page"].object_list[0]
    assert newest.actor_username == "per"
    assert newest.action == AuditAction.VIEW
    assert newest.changes == {"audit_trail": [None, "1"]}


def test_a_manager_may_read_the_trail(client, mona, ole_case):
    client.force_login(mona)
    assert client.get(_url(ole_case)).status_code == 200


def test_kari_the_caseworker_gets_403(client, kari, ole_case):
    client.force_login(kari)
    assert client.get(_url(ole_case)).status_code == 403


def test_sven_gets_404(client, sven, ole_case):
    client.force_login(sven)
    assert client.get(_url(ole_case)).status_code == 404


def test_an_auditor_of_skanderborg_gets_404(client, skanderborg, ole_case):
    auditor = member("dk-auditor", skanderborg, Role.AUDITOR)
    client.force_login(auditor)
    assert client.get(_url(ole_case)).status_code == 404


def test_the_trail_is_paginated(client, per, kari_actor, ole_case, settings):
    _views(kari_actor, ole_case, settings.PAGE_SIZE + 5)
    client.force_login(per)
    first = client.get(_url(ole_case)).context["page"]
    second = client.get(_url(ole_case, page=2)).context["page"]
    assert len(first.object_list) == settings.PAGE_SIZE
    # Both reads of the page itself are in the trail too.
    assert first.paginator.count == settings.PAGE_SIZE + 6
    assert len(second.object_list) == 7


def _queries_for(client, application):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(application)).status_code == 200
    return len(captured)


def test_the_trail_page_query_count_is_pinned(
    client, per, kari_actor, ole_case, django_assert_num_queries
):
    _interview(kari_actor, ole_case)
    _views(kari_actor, ole_case, 3)
    client.force_login(per)
    client.get(_url(ole_case))  # warm the session
    # session, user, memberships with their roles, the case, the audit insert, count,
    # page.
    with django_assert_num_queries(7):
        client.get(_url(ole_case))


def test_the_trail_page_query_count_does_not_grow_with_the_events(
    client, per, kari_actor, ole_case, kari
):
    client.force_login(per)
    client.get(_url(ole_case))
    few = _queries_for(client, ole_case)
    _interview(kari_actor, ole_case)
    Consent.objects.create(
        person=ole_case.applicant,
        services="NAV",
        given_on=TODAY,
        valid_until=TODAY,
        recorded_by=kari,
    )
    _views(kari_actor, ole_case, 20)
    many = _queries_for(client, ole_case)
    assert few == many
