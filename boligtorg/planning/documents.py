"""The action plan as a document a council reads: PDF (WeasyPrint, through the
decision letters' ``render_pdf``) and DOCX.

Both take one ``PlanDocument``: the vision, then every main goal with its sub-goals
and, under each, its activities (responsible, timeframe, and the status and note of
the latest status report), then the activities of the goal that belong to no
sub-goal, and a summary of progress counted from the latest report. The PDF and the
DOCX therefore list the same things in the same order as the plan's page.

The DOCX is WordprocessingML written with the standard library (``zipfile`` and
XML-escaped text): the parts Word and LibreOffice need (content types, the document,
styles for headings, a footer with the page number; the fixed ones in
``docx_package/``), so no package is added to the lock for it."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _

from boligtorg.cases.letters import render_pdf

from .models import ActionPlan, Activity, ActivityProgress, MainGoal, ProgressStatus, StatusReport


@dataclass(frozen=True)
class ActivityLine:
    activity: Activity
    progress: ActivityProgress | None

    @property
    def cost(self) -> str:
        return cost_text(self.activity)

    @property
    def status_label(self) -> str:
        return self.progress.get_status_display() if self.progress else _("Not reported")


@dataclass
class SubGoalSection:
    number: str
    text: str
    activities: list[ActivityLine] = field(default_factory=list)


@dataclass
class GoalSection:
    goal: MainGoal
    sub_goals: list[SubGoalSection] = field(default_factory=list)
    # The goal's activities that belong to no sub-goal.
    activities: list[ActivityLine] = field(default_factory=list)


@dataclass(frozen=True)
class StatusCount:
    label: str
    count: int


@dataclass(frozen=True)
class PlanDocument:
    plan: ActionPlan
    goals: list[GoalSection]
    report: StatusReport | None
    summary: list[StatusCount]
    made_on: datetime.date

    @property
    def activity_count(self) -> int:
        return sum(count.count for count in self.summary)


def plan_document(
    *,
    plan: ActionPlan,
    goals: list[MainGoal],
    activities: list[Activity],
    report: StatusReport | None,
    made_on: datetime.date,
) -> PlanDocument:
    """The plan's goals (ordered, with ``sub_goals`` prefetched), its activities
    (ordered) and its latest status report made into one document. An activity
    added after the report is "Not reported"."""
    progress = {row.activity_id: row for row in report.progress.all()} if report else {}
    sections = []
    for goal in goals:
        by_sub_goal = {
            sub.pk: SubGoalSection(f"{goal.position}.{sub.position}", sub.text)
            for sub in goal.sub_goals.all()
        }
        section = GoalSection(goal, list(by_sub_goal.values()))
        for activity in activities:
            if activity.goal_id != goal.pk:
                continue
            line = ActivityLine(activity, progress.get(activity.pk))
            target = by_sub_goal.get(activity.sub_goal_id)
            (target.activities if target else section.activities).append(line)
        sections.append(section)
    statuses = [progress[a.pk].status if a.pk in progress else None for a in activities]
    summary = [
        StatusCount(str(label), statuses.count(value)) for value, label in ProgressStatus.choices
    ]
    summary.append(StatusCount(_("Not reported"), statuses.count(None)))
    return PlanDocument(plan, sections, report, summary, made_on)


def plan_pdf(document: PlanDocument, language: str) -> bytes:
    return render_pdf(
        "planning/action_plans/plan_pdf.html",
        {"document": document, "plan": document.plan, "municipality": document.plan.municipality},
        language,
    )


# DOCX --------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# The parts that never change (content types, relationships, styles), copied as
# they are; the document, its footer and its properties are written per plan.
_PACKAGE = Path(__file__).resolve().parent / "docx_package"


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    # Line breaks in a text field become breaks in the run, as in the PDF.
    parts = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")]
    return f"<w:r>{props}{'<w:br/>'.join(parts)}</w:r>"


def _para(text: str, style: str = "", bold: bool = False, page_break: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += "<w:pageBreakBefore/>" if page_break else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(text, bold)}</w:p>"


def _table(rows: list[tuple[str, str]], widths: tuple[int, int] = (2600, 6400)) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_para(text)}</w:tc>'
            for text, width in zip(row, widths, strict=True)
        )
        + "</w:tr>"
        for row in rows
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="Facts"/><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def _footer(text: str) -> str:
    def field_run(instruction: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{_W}">'
        '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="right" w:pos="9000"/>'
        f"</w:tabs></w:pPr>{_run(text)}<w:r><w:tab/></w:r>{_run(_('Page') + ' ')}"
        f"{field_run('PAGE')}{_run(' / ')}{field_run('NUMPAGES')}</w:p></w:ftr>"
    )


def cost_text(activity: Activity) -> str:
    """The cost estimate in kroner, grouped in the active language, and the funding
    ("150 000 kr, Husbanken"); empty when neither is known."""
    parts = []
    if activity.cost is not None:
        parts.append(f"{formats.number_format(activity.cost, force_grouping=True)} kr")
    if activity.funding:
        parts.append(activity.funding)
    return ", ".join(parts)


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _activity_rows(line: ActivityLine, report: StatusReport | None) -> list[tuple[str, str]]:
    activity = line.activity
    rows = [
        (_("Expected result"), activity.expected_result),
        (_("Responsible"), activity.responsible),
        (_("From"), _date(activity.starts_on)),
        (_("Deadline"), _date(activity.ends_on)),
    ]
    if activity.partners:
        rows.append((_("Partners"), activity.partners))
    if money := cost_text(activity):
        rows.append((_("Cost and funding"), money))
    rows.append((_("Status"), line.status_label))
    if report and line.progress and line.progress.note:
        rows.append((_("Latest report"), line.progress.note))
    return rows


def _body(document: PlanDocument) -> list[str]:
    plan = document.plan
    report = document.report
    parts = [
        _para(_("%(name)s municipality") % {"name": plan.municipality.name}, "Subtitle"),
        _para(plan.name, "Title"),
        _para(
            _("Action plan %(first)s–%(last)s")
            % {"first": plan.first_year, "last": plan.last_year},
            "Subtitle",
        ),
        _para(_("Printed %(date)s") % {"date": _date(document.made_on)}),
        _para(_("Vision"), "Heading1", page_break=True),
        _para(plan.vision),
        _para(_("Summary of progress"), "Heading1"),
        _para(_report_line(report)),
        _table(
            [(_("Status"), _("Activities"))]
            + [(count.label, str(count.count)) for count in document.summary]
            + [(_("In all"), str(document.activity_count))]
        ),
    ]
    for section in document.goals:
        goal = section.goal
        parts.append(
            _para(
                _("Main goal %(n)s: %(text)s") % {"n": goal.position, "text": goal.text},
                "Heading1",
            )
        )
        for sub in section.sub_goals:
            parts.append(
                _para(
                    _("Sub-goal %(n)s: %(text)s") % {"n": sub.number, "text": sub.text}, "Heading2"
                )
            )
            parts.extend(_activities(sub.activities, report))
        if section.sub_goals and section.activities:
            parts.append(_para(_("Other activities for the main goal"), "Heading2"))
        if section.activities or not section.sub_goals:
            parts.extend(_activities(section.activities, report))
    return parts


def _activities(lines: list[ActivityLine], report: StatusReport | None) -> list[str]:
    if not lines:
        return [_para(_("No activities yet."))]
    out = []
    for line in lines:
        out.append(_para(line.activity.name, "Heading3"))
        out.append(_table(_activity_rows(line, report)))
    return out


def _report_line(report: StatusReport | None) -> str:
    if report is None:
        return _("No status report is written yet, so no activity is reported.")
    return _("From the latest status report, %(from)s–%(to)s.") % {
        "from": _date(report.period_from),
        "to": _date(report.period_to),
    }


def plan_docx(document: PlanDocument, language: str) -> bytes:
    """The document as a Word file (A4, page numbers in the footer) in ``language``."""
    with translation.override(language):
        # Word wants the body to end with a paragraph, not a table.
        body = "".join(_body(document)) + "<w:p/>"
        footer = _footer(
            f"{_('%(name)s municipality') % {'name': document.plan.municipality.name}} – "
            f"{document.plan.name}"
        )
    section = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId2"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1247" w:right="1247" w:bottom="1474" w:left="1417" '
        'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>{body}{section}</w:body></w:document>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<cp:coreProperties xmlns:cp="{_CP}" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(document.plan.name)}</dc:title>"
        f"<dc:language>{escape(language)}</dc:language></cp:coreProperties>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for part in sorted(_PACKAGE.rglob("*")):
            if part.is_file():
                package.writestr(part.relative_to(_PACKAGE).as_posix(), part.read_bytes())
        package.writestr("docProps/core.xml", core)
        package.writestr("word/document.xml", xml)
        package.writestr("word/footer1.xml", footer)
    return out.getvalue()
