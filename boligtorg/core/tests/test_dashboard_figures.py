"""Every number on the dashboard, for every role, agrees with the list it links to.

The test knows no panel by name: it reads the figures each panel declares
(``core.dashboard.Figure``), checks the page shows each one as a link, follows
the link and counts the rows of the list (in the table or section that the link's
fragment names). A new panel with figures is checked without a change here; its
author only adds data below so that its figures are not zero.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from boligtorg.cases.factories import ApplicationFactory
from boligtorg.cases.models import Appeal, Decision, LegalBasis
from boligtorg.core.factories import member
from boligtorg.core.models import AuditAction, AuditEvent, Membership, Notification, Role
from boligtorg.domain.deadlines import interim_notice_due
from boligtorg.finance.tests.factories import FinancingCaseFactory
from boligtorg.followup.factories import goal_for, plan_for, visit_for
from boligtorg.housing.factories import DwellingFactory
from boligtorg.planning.factories_areas import PlanningAreaFactory
from boligtorg.settlement.tests.factories import ProposalFactory, ProposedPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


class _RowCounter(HTMLParser):
    """Counts the body rows of the tables inside the element whose ``id`` or
    ``aria-labelledby`` is ``target`` (the whole page when there is none)."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target
        self.region_tag = "" if target else None
        self.depth = 0 if target else 1
        self.in_body = False
        self.rows = 0
        self.found = not target

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self.region_tag == "" and self.target in (
            values.get("id"),
            values.get("aria-labelledby"),
        ):
            self.region_tag, self.depth, self.found = tag, 1, True
            return
        if self.region_tag and tag == self.region_tag and self.depth:
            self.depth += 1
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body and self.depth:
            self.rows += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        if self.region_tag and tag == self.region_tag and self.depth:
            self.depth -= 1


def _rows_listed(client, url: str) -> int:
    path, fragment = urldefrag(url)
    response = client.get(path)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    counter = _RowCounter(fragment)
    counter.feed(response.content.decode())
    assert counter.found, f"{url}: nothing on the page has the id {fragment!r}"
    return counter.rows


def _office(municipality, worker):
    """A little of everything the panels count, in the municipality of ``worker``."""
    overdue = ApplicationFactory(
        municipality=municipality, status="submitted", received_on=TODAY - 60 * DAY
    )
    soon_days = next(
        d
        for d in range(20, 40)
        if 1 <= (interim_notice_due(TODAY - d * DAY, "NO") - TODAY).days <= 7
    )
    ApplicationFactory(
        municipality=municipality, status="submitted", received_on=TODAY - soon_days * DAY
    )
    decided = ApplicationFactory(
        municipality=municipality, status="decided", received_on=TODAY - 90 * DAY
    )
    decision = Decision.objects.create(
        application=decided,
        outcome="refused",
        reasons="Reasons.",
        legal_basis=LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        decided_on=TODAY - 5 * DAY,
        received_on=TODAY - 4 * DAY,
        letter_language="nb",
        decided_by=worker,
    )
    Appeal.objects.create(decision=decision, received_on=TODAY, grounds="Grounds.")
    for _ in range(2):
        DwellingFactory(municipality=municipality, status="ready")
    PlanningAreaFactory(municipality=municipality)
    FinancingCaseFactory(municipality=municipality, status="assessing")
    FinancingCaseFactory(municipality=municipality, status="recommended")
    FinancingCaseFactory(municipality=municipality, status="closed")
    settled = ProposalFactory(municipality=municipality, status="settled", arrived_on=TODAY)
    for _ in range(2):
        ProposedPersonFactory(proposal=settled)
    member("former", municipality, Role.CASEWORKER)
    Membership.objects.filter(user__username="former").update(is_active=False)
    return overdue


def _own_work(municipality, user, case):
    """What is this user's own: a reminder, visits and a goal review in a plan
    whose case the user coordinates, and an open case given to the user this week
    whose interim notice is due within a week."""
    Notification.objects.create(
        municipality=municipality,
        kind="test",
        object_type="cases.application",
        object_id=str(case.pk),
        due_on=TODAY,
        message="A reminder.",
        recipient=user,
    )
    plan = plan_for(municipality=municipality, coordinator=user)
    visit_for(plan, user, days_from_now=2)
    visit_for(plan, user, days_from_now=-2)
    goal_for(plan, next_review_on=TODAY + 3 * DAY)
    soon_days = next(
        d
        for d in range(20, 40)
        if 1 <= (interim_notice_due(TODAY - d * DAY, "NO") - TODAY).days <= 7
    )
    ApplicationFactory(
        municipality=municipality,
        status="submitted",
        received_on=TODAY - soon_days * DAY,
        caseworker=user,
    )


@pytest.mark.parametrize("role", Role.values)
def test_every_dashboard_figure_is_the_number_of_rows_its_link_lists(client, trondheim, role):
    user = member(f"user-{role}", trondheim, role)
    case = _office(trondheim, user)
    _own_work(trondheim, user, case)
    client.force_login(user)

    response = client.get(reverse("dashboard"))
    page = response.content.decode()

    figures = [
        (panel.title, name, figure)
        for panel in response.context["panels"]
        for name, figure in panel.figures.items()
    ]
    assert figures, f"{role}: the dashboard shows no figure at all"
    for title, name, figure in figures:
        where = f"{role}: {title} / {name}"
        assert f'href="{escape(figure.url)}"' in page, where
        assert figure.count > 0, f"{where}: build data for this figure in _office or _own_work"
        assert _rows_listed(client, figure.url) == figure.count, where


def test_mona_the_manager_sees_how_many_cases_and_the_deadline_list_read_is_audited(
    client, trondheim
):
    mona = member("mona", trondheim, Role.MANAGER)
    _office(trondheim, member("kari", trondheim, Role.CASEWORKER))
    client.force_login(mona)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("dashboard")).content.decode()

    assert "No cases yet." not in page
    assert "3 cases" in page
    assert "interim notice overdue" in page
    assert client.get(reverse("cases:deadlines")).status_code == 200
    assert AuditEvent.objects.filter(actor=mona, action=AuditAction.LIST).exists()
