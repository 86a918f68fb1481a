"""The yearly start-loan report (exact, for the loan officer, the manager and the
planner) against the public statistics page (suppressed), on hand-built cases.

The cases of 2025 in Trondheim (F was received in 2024, decided in 2025):

====  ==========  ==========  ===================  ==============================  ==========
case  received    purpose     target groups        decision (decided, days)        paid out
====  ==========  ==========  ===================  ==============================  ==========
A     2025-03-01  buy_top_up  families             loan 800,000 + grant 100,000    both, 04-01
                                                   (03-21, 20 days)
B     2025-04-01  buy_full    families, disabled   loan 2,000,000 (05-11, 40)      1,500,000
C     2025-05-01  refinance   none                 refused (05-11, 10)             –
D     2025-06-01  adapt       disabled             advice only (06-17, 16)         –
E     2025-07-01  buy_top_up  families             withdrawn 08-01                 –
F     2024-12-15  buy_top_up  families             loan 500,000 (2025-01-14, 30)   –
G     2025-11-01  build       none                 not decided                     –
====  ==========  ==========  ===================  ==============================  ==========

By hand: received A B C D E G = 6; decided A B C D F = 5, of which granted A B F = 3
(start loan only B F = 2, grant only 0, both A = 1), refused C = 1, advice only D = 1;
withdrawn E = 1. Start loans granted 800,000 + 2,000,000 + 500,000 = 3,300,000; grants
granted 100,000; start loans paid out 800,000 + 1,500,000 = 2,300,000; grants paid out
100,000. Processing days 10, 16, 20, 30, 40: median 20.
Families: received A B E = 3; granted A B F = 3; start loans 3,300,000, grants 100,000.
Disabled: received B D = 2; granted B = 1, advice D = 1; start loans 2,000,000.
No target group: received C G = 2; refused C = 1.
By purpose: buy_top_up received A E = 2, granted A F = 2 (1,300,000 and 100,000);
refinance received 1, refused 1; adapt received 1, advice 1; build received 1.
"""

import datetime
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boligtorg.cases.models import TargetGroup
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.domain.reporting import Granularity
from boligtorg.finance.models import FinancingDecision, FinancingStatus, Payout
from boligtorg.finance.selectors.reports import financing_report
from boligtorg.planning import selectors_statistics as stats

from .factories import FinancingCaseFactory

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = datetime.date(2026, 12, 7)


def day(month: int, dom: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, dom)


@pytest.fixture
def pia(trondheim):
    """Pia the planner in Trondheim: reads the report, not the cases."""
    return member("pia", trondheim, Role.PLANNER, first_name="Pia", last_name="Strand")


@pytest.fixture
def year_of_cases(trondheim, lars, mona):
    families = TargetGroup.objects.create(municipality=trondheim, code="families", name="Families")
    disabled = TargetGroup.objects.create(
        municipality=trondheim, code="disabled", name="Disabled persons"
    )

    def case(received, purpose, groups, **fields):
        made = FinancingCaseFactory(
            municipality=trondheim, received_on=received, purpose=purpose, **fields
        )
        made.target_groups.set(groups)
        return made

    def decide(made, outcome, decided_on, loan=0, grant=0):
        return FinancingDecision.objects.create(
            municipality=trondheim,
            case=made,
            outcome=outcome,
            loan_amount=loan,
            grant_amount=grant,
            recommended_by=lars,
            decided_by=mona,
            decided_on=decided_on,
        )

    def pay(made, decision, paid_on, loan=0, grant=0):
        Payout.objects.create(
            municipality=trondheim,
            case=made,
            decision=decision,
            loan_part=loan,
            grant_part=grant,
            paid_on=paid_on,
            recorded_by=lars,
        )

    a = case(day(3, 1), "buy_top_up", [families])
    pay(a, decide(a, "loan_and_grant", day(3, 21), 800_000, 100_000), day(4, 1), 800_000, 100_000)
    b = case(day(4, 1), "buy_full", [families, disabled])
    pay(b, decide(b, "loan", day(5, 11), 2_000_000), day(6, 1), 1_500_000)
    decide(case(day(5, 1), "refinance", []), "refused", day(5, 11))
    decide(case(day(6, 1), "adapt", [disabled]), "advice", day(6, 17))
    case(
        day(7, 1),
        "buy_top_up",
        [families],
        status=FinancingStatus.WITHDRAWN,
        closed_on=day(8, 1),
    )
    decide(case(day(12, 15, 2024), "buy_top_up", [families]), "loan", day(1, 14), 500_000)
    case(day(11, 1), "build", [])


def _figures(report):
    return {line.code: line.value for line in report.lines}


def _row(rows, key):
    return next(row for row in rows if row.key == key)


def test_the_report_counts_applications_decisions_amounts_and_days_by_hand(
    lars_actor, year_of_cases, django_assert_num_queries
):
    with django_assert_num_queries(6):
        report = financing_report(actor=lars_actor, year=YEAR, today=TODAY)
    assert _figures(report) == {
        "received": 6,
        "decided": 5,
        "granted": 3,
        "granted_loan": 2,
        "granted_grant": 0,
        "granted_both": 1,
        "refused": 1,
        "advice": 1,
        "withdrawn": 1,
        "loan_granted": 3_300_000,
        "grant_granted": 100_000,
        "loan_paid": 2_300_000,
        "grant_paid": 100_000,
        "median_days": 20.0,
    }
    assert report.counted_until == datetime.date(YEAR, 12, 31)


def test_the_report_breaks_the_figures_down_by_target_group_and_purpose(
    english_messages, lars_actor, year_of_cases
):
    report = financing_report(actor=lars_actor, year=YEAR, today=TODAY)
    families = _row(report.by_target_group, "families")
    assert (families.received, families.granted, families.refused, families.advice) == (3, 3, 0, 0)
    assert (families.loan_granted, families.grant_granted) == (3_300_000, 100_000)
    disabled = _row(report.by_target_group, "disabled")
    assert (disabled.received, disabled.granted, disabled.advice) == (2, 1, 1)
    assert disabled.loan_granted == 2_000_000
    none = _row(report.by_target_group, "")
    assert (none.label, none.received, none.refused, none.decided) == (
        "No target group recorded",
        2,
        1,
        1,
    )
    # Named groups by name, the row without one last.
    assert [row.key for row in report.by_target_group] == ["disabled", "families", ""]

    top_up = _row(report.by_purpose, "buy_top_up")
    assert (top_up.received, top_up.granted, top_up.loan_granted, top_up.grant_granted) == (
        2,
        2,
        1_300_000,
        100_000,
    )
    assert [(r.key, r.received, r.decided) for r in report.by_purpose] == [
        ("buy_top_up", 2, 2),
        ("buy_full", 1, 1),
        ("build", 1, 0),
        ("adapt", 1, 1),
        ("refinance", 1, 1),
    ]


def test_small_counts_are_hidden_on_the_statistics_page_and_exact_in_the_report(
    client, pia, trondheim, year_of_cases
):
    """2025's decisions: start loan 2, grant 0, both 1, advice 1, refused 1 (total 5).
    Published, 2 and the ones are below the threshold of 5 and hidden; zero and the
    total are shown. The report shows them all."""
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=YEAR, granularity=Granularity.YEAR
    )
    decisions = figures.figure("financing_decisions")
    row = decisions.table.rows[decisions.rows.index(str(YEAR))]
    assert [cell.value for cell in row] == [None, 0, None, None, None]
    assert decisions.table.row_totals[decisions.rows.index(str(YEAR))].value == 5
    applications = figures.figure("financing_applications")
    assert applications.table.row_totals[applications.rows.index(str(YEAR))].value == 6

    client.force_login(pia)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("planning:statistics"), {"year": YEAR}).content.decode()
    assert "Decisions on start loans and grants, by outcome" in page
    report = client.get(reverse("finance:report"), {"year": YEAR}).content.decode()
    assert '<tr data-line="granted_loan"><th scope="row" class="bt-indent">' in report
    assert 'of which start loan only</th><td class="bt-number">2</td>' in report
    assert "3,300,000 kr" in report


def test_a_danish_municipality_has_no_start_loan_figures(sven, skanderborg):
    figures = stats.statistics_figures(
        actor=actor_for(sven, skanderborg), year=YEAR, granularity=Granularity.YEAR
    )
    assert not [f for f in figures.figures if f.key.startswith("financing_")]


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - a fixed tool on a temp file
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return "\n".join(" ".join(line.split()) for line in result.stdout.decode().splitlines())


def test_the_pdf_has_the_exact_figures_and_the_download_is_audited(
    client, mona, year_of_cases, tmp_path
):
    client.force_login(mona)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("finance:report_pdf"), {"year": YEAR})
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="start-loans-{YEAR}.pdf"' in response["Content-Disposition"]
    text = _pdf_text(response.content, tmp_path)
    assert "Exact figures, not for publication." in text
    assert "Applications received 6" in text
    assert "of which refused 1" in text
    assert "Start loans granted 3,300,000 kr" in text
    assert "Start loans paid out 2,300,000 kr" in text
    assert "Median processing days (received to decided) 20.0" in text
    assert "Families 3 3 3 0 0 3,300,000 100,000" in text
    assert "Adapt the home 1 1 0 0 1 0 0" in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=mona)
    assert event.changes == {"report": "start_loans", "year": YEAR, "format": "pdf"}


def test_the_workbook_reads_back_with_the_exact_figures(client, pia, year_of_cases):
    client.force_login(pia)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("finance:report_xlsx"), {"year": YEAR})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    values = {row[0]: row[1] for row in rows if row and row[0]}
    assert values["Applications received"] == 6
    assert values["of which grant only"] == 0
    assert values["Start loans granted"] == 3_300_000
    assert values["Establishment grants paid out"] == 100_000
    assert values["Median processing days (received to decided)"] == 20.0
    families = next(row for row in rows if row[0] == "Families")
    assert families[:8] == ("Families", 3, 3, 3, 0, 0, 3_300_000, 100_000)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=pia).count() == 1


@pytest.mark.parametrize("name", ["report", "report_pdf", "report_xlsx"])
def test_kari_the_caseworker_may_not_open_the_exact_report(client, kari, name):
    client.force_login(kari)
    assert client.get(reverse(f"finance:{name}"), {"year": YEAR}).status_code == 403


def test_skanderborg_sees_none_of_trondheims_cases(skanderborg, year_of_cases):
    """A Skanderborg loan officer's report of the same year counts nothing of
    Trondheim's, and Trondheim's counts nothing of Skanderborg's own case."""
    ida = member("ida", skanderborg, Role.LOAN_OFFICER)
    FinancingCaseFactory(municipality=skanderborg, received_on=day(3, 1))
    report = financing_report(actor=actor_for(ida, skanderborg), year=YEAR, today=TODAY)
    figures = _figures(report)
    assert figures["received"] == 1
    assert figures["decided"] == 0 and figures["loan_granted"] == 0
    assert [row.key for row in report.by_target_group] == [""]


def test_a_bad_year_is_named_at_the_field_and_a_download_is_refused(client, lars):
    client.force_login(lars)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:report"), {"year": "1800"}).content.decode()
    assert 'href="#id_year">Year: Ensure this value is greater than or equal to 2000.' in page
    assert "Figures of the year" not in page
    assert client.get(reverse("finance:report_pdf"), {"year": "abc"}).status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_planner_and_the_loan_officer_find_the_report_from_their_pages(client, pia, lars):
    client.force_login(pia)
    statistics = client.get(reverse("planning:statistics")).content.decode()
    assert f'href="{reverse("finance:report")}"' in statistics
    client.force_login(lars)
    cases = client.get(reverse("finance:case_list")).content.decode()
    assert f'href="{reverse("finance:report")}"' in cases


def test_the_api_gives_the_loan_officer_the_exact_report(client, lars, year_of_cases):
    client.force_login(lars)
    body = client.get("/api/financing-report", {"year": YEAR}).json()
    assert body["suppressed_below"] is None
    assert body["figures"]["granted_loan"] == 2
    assert body["figures"]["loan_granted"] == 3_300_000
    assert body["figures"]["median_days"] == 20.0
    families = next(row for row in body["by_target_group"] if row["key"] == "families")
    assert (families["received"], families["loan_granted"]) == (3, 3_300_000)


@pytest.mark.parametrize("params", [{"year": 1899}, {"year": "abc"}, {}])
def test_the_api_names_the_year_when_it_is_wrong_and_refuses_kari(client, kari, lars, params):
    client.force_login(lars)
    response = client.get("/api/financing-report", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "year"
    client.force_login(kari)
    assert client.get("/api/financing-report", {"year": YEAR}).status_code == 403
