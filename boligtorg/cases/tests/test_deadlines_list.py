"""The deadlines list and the dashboard panel: interim notices due within a week or
overdue (agreeing with the domain rule for every date of receipt) and appeals
awaiting reconsideration, for the caseworker's municipality only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Appeal, Decision, LegalBasis
from boligtorg.cases.services.decisions import interim_notice_list
from boligtorg.core.factories import actor_for
from boligtorg.domain.deadlines import interim_notice_due

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _case(municipality, received_on, **fields):
    fields.setdefault("status", "submitted")
    return ApplicationFactory(municipality=municipality, received_on=received_on, **fields)


def _pending_appeal(application, decider):
    decision = Decision.objects.create(
        application=application,
        outcome="refused",
        reasons="Reasons.",
        legal_basis=LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        decided_on=TODAY - 5 * DAY,
        received_on=TODAY - 4 * DAY,
        letter_language="nb",
        decided_by=decider,
    )
    return Appeal.objects.create(decision=decision, received_on=TODAY, grounds="Grounds.")


def _page(client, user, query=""):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("cases:deadlines") + query)
    assert response.status_code == 200
    return response


def test_the_list_agrees_with_the_interim_notice_rule_for_every_date_of_receipt(kari, trondheim):
    for days_ago in range(70):
        _case(trondheim, TODAY - days_ago * DAY)
    listed = set(
        interim_notice_list(actor=actor_for(kari, trondheim), today=TODAY).values_list(
            "received_on", flat=True
        )
    )
    expected = {
        TODAY - days_ago * DAY
        for days_ago in range(70)
        if interim_notice_due(TODAY - days_ago * DAY, "NO") <= TODAY + 7 * DAY
    }
    assert listed == expected


def test_an_overdue_case_and_one_due_soon_are_shown_and_marked(client, kari, trondheim):
    overdue = _case(trondheim, TODAY - 60 * DAY, caseworker=kari)
    days_ago = next(
        d
        for d in range(20, 40)
        if 1 <= (interim_notice_due(TODAY - d * DAY, "NO") - TODAY).days <= 7
    )
    soon = _case(trondheim, TODAY - days_ago * DAY)
    page = _page(client, kari).content.decode()
    assert overdue.number in page
    assert soon.number in page
    assert "Overdue by" in page
    assert "Due in" in page


def test_cases_with_a_notice_sent_decided_or_not_yet_due_are_left_out(client, kari, trondheim):
    sent = _case(trondheim, TODAY - 60 * DAY, interim_notice_sent_on=TODAY - 30 * DAY)
    decided = _case(trondheim, TODAY - 60 * DAY, status="decided")
    draft = _case(trondheim, None, status="draft")
    fresh = _case(trondheim, TODAY - DAY)
    page = _page(client, kari).content.decode()
    for application in (sent, decided, draft, fresh):
        assert application.number not in page
    assert "No interim notices are due within a week." in page


def test_only_my_cases_when_asked(client, kari, trondheim):
    mine = _case(trondheim, TODAY - 60 * DAY, caseworker=kari)
    other = _case(trondheim, TODAY - 60 * DAY)
    page = _page(client, kari, "?mine=on").content.decode()
    assert mine.number in page
    assert other.number not in page


def test_pending_appeals_are_listed_with_a_link_to_reconsider(client, kari, trondheim):
    appeal = _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    done = _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    Appeal.objects.filter(pk=done.pk).update(status="upheld")
    page = _page(client, kari).content.decode()
    assert reverse("cases:appeal_reconsider", args=[appeal.pk]) in page
    assert reverse("cases:appeal_reconsider", args=[done.pk]) not in page


def test_sven_sees_nothing_of_trondheim(client, sven, kari, trondheim):
    application = _case(trondheim, TODAY - 60 * DAY)
    _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    response = _page(client, sven)
    assert application.number not in response.content.decode()
    assert response.context["appeals"] == []


def test_per_the_auditor_does_not_get_the_caseworkers_list(client, per):
    client.force_login(per)
    assert client.get(reverse("cases:deadlines")).status_code == 403


def test_the_list_takes_the_same_number_of_queries_for_few_and_many_cases(
    client, kari, trondheim, django_assert_num_queries
):
    client.force_login(kari)
    _case(trondheim, TODAY - 60 * DAY, caseworker=kari)
    _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    with django_assert_num_queries(7):  # 6 and the page's audit event
        client.get(reverse("cases:deadlines"))
    for days_ago in range(30, 60):
        _case(trondheim, TODAY - days_ago * DAY, caseworker=kari)
    for _ in range(5):
        _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    with django_assert_num_queries(7):  # 6 and the page's audit event
        client.get(reverse("cases:deadlines"))


def test_the_dashboard_counts_what_is_due_and_overdue(client, kari, trondheim):
    _case(trondheim, TODAY - 60 * DAY)
    _case(trondheim, TODAY - 61 * DAY)
    _pending_appeal(_case(trondheim, TODAY - 40 * DAY, status="appealed"), kari)
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("dashboard")).content.decode()
    assert "interim notices overdue" in page
    assert "appeal awaiting reconsideration" in page
    assert reverse("cases:deadlines") in page


def test_the_dashboard_says_when_nothing_is_due(client, kari, trondheim):
    _case(trondheim, TODAY - DAY)
    client.force_login(kari)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("dashboard")).content.decode()
    assert "Nothing is due or overdue." in page


def test_the_deadline_list_page_is_one_audit_event_with_the_cases_shown(client, kari, trondheim):
    from boligtorg.core.models import AuditAction, AuditEvent

    client.force_login(kari)
    due = _case(trondheim, TODAY - 60 * DAY, caseworker=kari)
    appealed = _case(trondheim, TODAY - 40 * DAY, status="appealed")
    _pending_appeal(appealed, kari)
    client.get(reverse("cases:deadlines"), {"mine": "on"})
    [event] = AuditEvent.objects.filter(action=AuditAction.LIST)
    assert (event.actor, event.object_type, event.object_repr) == (
        kari,
        "cases.application",
        "deadline list",
    )
    assert event.changes["query"]["mine"] is True
    assert str(due.pk) in event.changes["ids"]
