"""The action plan as a document a council reads (issue 23, exports): a PDF and a
DOCX with the title page, the vision, every goal with its sub-goals and activities
in the plan's order, the latest report's status and a summary; named in the user's
language, audited as an export; Per (auditor) gets 403, Sven (Skanderborg) 404."""

import datetime
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.planning.models import FocusArea
from boligtorg.planning.services import action_plans as services

pytestmark = pytest.mark.django_db
JAN, JUN, DEC = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), datetime.date(2026, 12, 31)


@pytest.fixture
def ingrid(trondheim):
    return member("ingrid", trondheim, Role.PLANNER, first_name="Ingrid", last_name="Lie")


@pytest.fixture
def plan(ingrid, trondheim):
    """Two main goals; the first with a sub-goal holding one activity and one
    activity of its own; a status report on those two; the second goal's activity
    added after the report."""
    actor = actor_for(ingrid, trondheim)
    plan = services.action_plan_create(
        actor=actor,
        name="Boligsosial handlingsplan Grorud",
        vision="Alle har et trygt og godt sted å bo.",
        first_year=2026,
        last_year=2029,
    )
    area = [FocusArea.objects.get(municipality=trondheim, code="competence")]
    first = services.main_goal_add(actor=actor, plan=plan, text="Flere i egen bolig")
    second = services.main_goal_add(actor=actor, plan=plan, text="Trygge bomiljøer")
    sub = services.sub_goal_add(actor=actor, goal=first, text="Færre i midlertidig bolig")

    def add(goal, name, starts_on, responsible, sub_goal=None, **money):
        return services.activity_add(
            actor=actor,
            plan=plan,
            goal=goal,
            sub_goal=sub_goal,
            name=name,
            expected_result="Resultat for " + name,
            starts_on=starts_on,
            ends_on=DEC,
            responsible=responsible,
            focus_areas=area,
            **money,
        )

    mapping = add(
        first, "Kartlegge boforhold", JAN, "Boligkontoret", sub, cost=150000, funding="Husbanken"
    )
    guidance = add(first, "Veiledning om startlån", JUN, "NAV Grorud")
    services.status_report_create(
        actor=actor,
        plan=plan,
        kind="semi_annual",
        period_from=JAN,
        period_to=JUN,
        progress={
            mapping.pk: ("delayed", "Venter på data fra NAV"),
            guidance.pk: ("on_track", ""),
        },
    )
    # Added after the report: not reported yet.
    add(second, "Nabolagsvakter", JAN, "Bydelsutvalget")
    return plan


ORDER = [
    "Main goal 1: Flere i egen bolig",
    "Sub-goal 1.1: Færre i midlertidig bolig",
    "Kartlegge boforhold",
    "150,000 kr, Husbanken",
    "Delayed",
    "Venter på data fra NAV",
    "Other activities for the main goal",
    "Veiledning om startlån",
    "On track",
    "Main goal 2: Trygge bomiljøer",
    # A goal without sub-goals lists its activities directly.
    "Nabolagsvakter",
    "Not reported",
]


def _in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing after position {at}"
        at = found + len(part)


def docx_text(data: bytes) -> str:
    """The document's paragraphs as one line of text, read back from its XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p>.*?</w:p>", xml)
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs]
    return " ".join(" ".join(texts).split()).replace("&amp;", "&")


def test_the_pdf_has_the_title_page_vision_summary_and_goals_with_activities_in_order(
    english, ingrid, plan, tmp_path
):
    english.force_login(ingrid)
    response = english.get(reverse("planning:action_plan_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    _in_order(
        text,
        [
            "Trondheim municipality",
            "Boligsosial handlingsplan Grorud",
            "Action plan 2026–2029",
            "Vision",
            "Alle har et trygt og godt sted å bo.",
            "Summary of progress",
            *ORDER,
        ],
    )
    assert "Other activities" not in text[text.index("Main goal 2") :]
    assert "Page 2 / " in text


def test_the_docx_holds_the_same_goals_and_activities_in_the_same_order(english, ingrid, plan):
    english.force_login(ingrid)
    response = english.get(reverse("planning:action_plan_docx", args=[plan.pk]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    text = docx_text(response.content)
    _in_order(text, ["Boligsosial handlingsplan Grorud", "Vision", "Summary of progress", *ORDER])
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "PAGE" in package.read("word/footer1.xml").decode()


def test_the_summary_counts_each_status_of_the_latest_report(english, ingrid, plan, tmp_path):
    english.force_login(ingrid)
    text = docx_text(english.get(reverse("planning:action_plan_docx", args=[plan.pk])).content)
    summary = text[text.index("Summary of progress") : text.index("Main goal 1")]
    assert "Not started 0 On track 1 Delayed 1 Done 0 Not reported 1 In all 3" in summary


def test_a_bokmal_user_gets_a_bokmal_document_and_file_name(client, ingrid, plan, tmp_path):
    client.force_login(ingrid)
    response = client.get(reverse("planning:action_plan_pdf", args=[plan.pk]))
    today = timezone.localdate().isoformat()
    assert (
        f'filename="handlingsplan-boligsosial-handlingsplan-grorud-{today}.pdf"'
        in (response["Content-Disposition"])
    )
    text = pdf_text(response.content, tmp_path)
    assert "Trondheim kommune" in text and "Hovedmål 1: Flere i egen bolig" in text
    assert "Kostnad og finansiering 150 000 kr, Husbanken" in text
    docx = client.get(reverse("planning:action_plan_docx", args=[plan.pk]))
    assert (
        f"handlingsplan-boligsosial-handlingsplan-grorud-{today}.docx"
        in (docx["Content-Disposition"])
    )
    assert "Delmål 1.1: Færre i midlertidig bolig" in docx_text(docx.content)


def test_every_download_is_audited_as_an_export_of_the_plan(client, kari, plan):
    client.force_login(kari)
    client.get(reverse("planning:action_plan_pdf", args=[plan.pk]))
    client.get(reverse("planning:action_plan_docx", args=[plan.pk]))
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(plan.pk))
    assert [(e.actor, e.object_type, e.changes["format"]) for e in events.order_by("pk")] == [
        (kari, "planning.actionplan", "pdf"),
        (kari, "planning.actionplan", "docx"),
    ]


def test_the_plan_page_links_both_downloads_for_a_reader(client, kari, plan):
    client.force_login(kari)
    page = client.get(reverse("planning:action_plan_detail", args=[plan.pk])).content.decode()
    assert reverse("planning:action_plan_pdf", args=[plan.pk]) in page
    assert reverse("planning:action_plan_docx", args=[plan.pk]) in page


@pytest.mark.parametrize("name", ["action_plan_pdf", "action_plan_docx"])
def test_per_the_auditor_who_cannot_read_plans_gets_403(client, per, plan, name):
    client.force_login(per)
    assert client.get(reverse(f"planning:{name}", args=[plan.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.parametrize("name", ["action_plan_pdf", "action_plan_docx"])
def test_sven_in_skanderborg_gets_404_for_trondheims_plan(client, sven, plan, name):
    client.force_login(sven)
    assert client.get(reverse(f"planning:{name}", args=[plan.pk])).status_code == 404


def test_the_download_reads_as_many_queries_for_a_larger_plan(client, ingrid, trondheim, plan):
    client.force_login(ingrid)
    url = reverse("planning:action_plan_docx", args=[plan.pk])
    client.get(url)  # sessions and first-use caches settle
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    actor = actor_for(ingrid, trondheim)
    area = [FocusArea.objects.get(municipality=trondheim, code="competence")]
    for number in range(3):
        goal = services.main_goal_add(actor=actor, plan=plan, text=f"Mål {number}")
        sub = services.sub_goal_add(actor=actor, goal=goal, text=f"Delmål {number}")
        services.activity_add(
            actor=actor,
            plan=plan,
            goal=goal,
            sub_goal=sub,
            name=f"Tiltak {number}",
            expected_result="Resultat",
            starts_on=JAN,
            ends_on=DEC,
            responsible="Boligkontoret",
            focus_areas=area,
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
