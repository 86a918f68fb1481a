"""The case list counts its matches only up to a cap (core.pagination), and the
case page's query count does not grow with its decisions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Appeal, Application, Decision, LegalBasis
from boligtorg.core import pagination
from boligtorg.core.pagination import CappedPaginator

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _cases(municipality, how_many):
    for _ in range(how_many):
        ApplicationFactory(municipality=municipality)
    return Application.objects.filter(municipality=municipality).order_by("-received_on", "-pk")


def test_below_the_cap_the_count_is_exact(trondheim):
    paginator = CappedPaginator(_cases(trondheim, 4), per_page=2, cap=10)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (4, False, 2)


def test_at_the_cap_the_count_is_still_exact(trondheim):
    paginator = CappedPaginator(_cases(trondheim, 4), per_page=2, cap=4)
    assert (paginator.count, paginator.capped) == (4, False)


def test_beyond_the_cap_the_pages_hold_the_first_matches_in_order(trondheim):
    cases = _cases(trondheim, 7)
    paginator = CappedPaginator(cases, per_page=2, cap=4)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (4, True, 2)
    shown = [a.pk for number in paginator.page_range for a in paginator.page(number)]
    assert shown == [a.pk for a in cases[:4]]
    assert not paginator.page(2).has_next()


def test_kari_is_told_there_are_more_cases_than_counted(english, kari, trondheim, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    _cases(trondheim, 5)
    english.force_login(kari)
    response = english.get(reverse("cases:list"))
    assert response.context["page"].paginator.capped
    assert "More than 3 results; narrow the search to see the rest." in response.content.decode()


def test_a_search_below_the_cap_shows_its_exact_total(english, kari, trondheim, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    _cases(trondheim, 5)
    english.force_login(kari)
    number = Application.objects.first().number
    response = english.get(reverse("cases:list"), {"q": number})
    assert not response.context["page"].paginator.capped
    assert "1 result" in response.content.decode()


def _decision_with_appeal(application, decider, days_ago):
    decision = Decision.objects.create(
        application=application,
        outcome="refused",
        reasons="Reasons.",
        legal_basis=LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        decided_on=TODAY - days_ago * DAY,
        received_on=TODAY - (days_ago - 1) * DAY,
        letter_language="nb",
        decided_by=decider,
    )
    Appeal.objects.create(decision=decision, received_on=TODAY, grounds="Grounds.")


def test_the_case_page_takes_as_many_queries_with_three_decisions_as_with_one(
    client, kari, trondheim, django_assert_num_queries
):
    application = ApplicationFactory(municipality=trondheim, status="appealed", caseworker=kari)
    _decision_with_appeal(application, kari, 10)
    client.force_login(kari)
    url = reverse("cases:detail", args=[application.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _decision_with_appeal(application, kari, 20)
    _decision_with_appeal(application, kari, 30)
    with django_assert_num_queries(len(one)):
        client.get(url)
