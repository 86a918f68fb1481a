"""The settlement figures: exact for the export, protected on the page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.domain import reporting
from boligtorg.housing.models import Area
from boligtorg.settlement.models import (
    DeclineReason,
    ProposalStatus,
    TargetKind,
    TemporaryResidence,
)
from boligtorg.settlement.selectors.figures import settlement_figures
from boligtorg.settlement.services.numbers import target_record

from .factories import ProposalFactory, ProposedPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year
DAY = datetime.timedelta(days=1)


def _settled(municipality, *, persons=1, minor=False, permit_on=None, arrived_on=None):
    proposal = ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.SETTLED,
        unaccompanied_minor=minor,
        residence_permit_on=permit_on,
        arrived_on=arrived_on or datetime.date(YEAR, 1, 31),
    )
    ProposedPersonFactory.create_batch(persons, proposal=proposal)
    return proposal


def _declined(municipality, reason, persons=1):
    proposal = ProposalFactory(
        municipality=municipality,
        status=ProposalStatus.DECLINED,
        decline_reason=reason,
        answered_on=datetime.date(YEAR, 1, 5),
    )
    ProposedPersonFactory.create_batch(persons, proposal=proposal)


def _table(figures, key):
    return next(table for table in figures.tables if table.key == key)


def _values(table):
    return [[cell.value for cell in row] for row in table.table.rows]


@pytest.fixture
def trondheim_year(trondheim, kari_actor):
    """A year in Trondheim: a decision of 20 (3 minors), 6 adults settled within the
    goal of 6 months and 1 after it, 2 minors settled (one within 3 months, one
    after), 7 declined for needs and 1 for no dwelling."""
    target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=YEAR,
        dated_on=TODAY,
        total=20,
        minors=3,
    )
    jan31 = datetime.date(YEAR, 1, 31)
    _settled(trondheim, persons=6, permit_on=jan31 - 100 * DAY, arrived_on=jan31)
    _settled(trondheim, persons=1, permit_on=jan31 - 200 * DAY, arrived_on=jan31)
    _settled(trondheim, minor=True, permit_on=jan31 - 60 * DAY, arrived_on=jan31)
    _settled(trondheim, minor=True, permit_on=jan31 - 120 * DAY, arrived_on=jan31)
    _settled(trondheim, persons=2, arrived_on=datetime.date(YEAR - 1, 6, 1))
    _declined(trondheim, "needs", persons=7)
    _declined(trondheim, "no_dwelling")


def test_the_exact_figures_count_settled_against_the_decision_the_goal_and_declines(
    trondheim_year, kari_actor
):
    figures = settlement_figures(actor=kari_actor, year=YEAR, exact=True)

    settled = _table(figures, "settled")
    assert settled.rows[-1] == str(YEAR)
    assert _values(settled)[-2:] == [[2, 0], [7, 2]]
    assert settled.extras[0][1][-1] == 20 and settled.extras[1][1][-1] == 3
    goal = _table(figures, "goal")
    assert _values(goal) == [[6, 1], [1, 1]]
    assert goal.extras[0][1] == [100.0, 90.0]
    declines_table = _table(figures, "declines")
    declines = dict(zip(declines_table.rows, _values(declines_table), strict=True))
    assert declines[str(DeclineReason.NEEDS.label)] == [7]
    assert declines[str(DeclineReason.NO_DWELLING.label)] == [1]
    assert "temporary" not in [table.key for table in figures.tables]


def test_the_published_figures_hide_small_counts_with_the_statistics_rule(
    trondheim_year, kari_actor, settings
):
    settings.BOLIGTORG_SUPPRESS_BELOW = 5
    exact = settlement_figures(actor=kari_actor, year=YEAR, exact=True)
    published = settlement_figures(actor=kari_actor, year=YEAR)

    for exact_table, table in zip(exact.tables, published.tables, strict=True):
        # The statistics pages' own rule, with the same threshold.
        assert table.table == reporting.protect(_values(exact_table), 5), table.key
        shown = [cell.value for row in table.table.rows for cell in row if not cell.hidden]
        assert not [value for value in shown if 0 < value < 5], table.key
    settled = _table(published, "settled")
    assert str(settled.table.rows[-1][1]) == ":"
    assert settled.table.row_totals[-1].value == 9
    # The decided figure is the council's public decision, not a count of persons.
    assert settled.extras[0][1][-1] == 20
    # A median of fewer persons than the threshold is one person's wait: hidden.
    assert _table(published, "goal").extras[0][1] == [100.0, None]


def test_the_page_shows_the_hidden_counts_and_links_the_exact_export(trondheim_year, client, kari):
    client.force_login(kari)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("settlement:figures"), {"year": YEAR}).content.decode()

    assert '<span aria-hidden="true">:</span>' in page
    assert "Settled against the council's decision" in page
    assert f"{reverse('settlement:figures_export')}?year={YEAR}&amp;format=xlsx" in page


def test_the_export_is_exact_formula_safe_and_audited(trondheim_year, trondheim, client, kari):
    trondheim.name = "=HYPERLINK(1)"
    trondheim.save()
    client.force_login(kari)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("settlement:figures_export"), {"year": YEAR, "format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [f"Settlement figures {YEAR}", "'=HYPERLINK(1)"]
    assert [str(YEAR), "7", "2", "9", "20", "3"] in rows
    assert "no-store" in response["Cache-Control"]
    xlsx = client.get(reverse("settlement:figures_export"), {"year": YEAR, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][1] == "=HYPERLINK(1)"
    assert sheet["B1"].data_type == "s"
    assert [str(YEAR), 7, 2, 9, 20, 3] in [row[:6] for row in values]
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=kari)
    assert sorted(e.changes["format"] for e in exports) == ["csv", "xlsx"]


def test_the_danish_figures_count_the_time_in_a_temporary_residence(skanderborg, sven_actor, sven):
    area = Area.objects.create(municipality=skanderborg, name="Stilling")
    start = datetime.date(YEAR, 1, 1)
    for days, ended in ((10, True), (40, True), (100, False)):
        TemporaryResidence.objects.create(
            municipality=skanderborg,
            proposal=ProposalFactory(municipality=skanderborg),
            address="Midlertidig vej 1",
            area=area,
            from_on=start,
            to_on=start + days * DAY if ended else None,
            created_by=sven,
        )
    figures = settlement_figures(actor=sven_actor, year=YEAR, exact=True)

    temporary = _table(figures, "temporary")
    still_there = (TODAY - start).days
    expected = [[1, 0], [1, 0], [0, 0], [0, 0]]
    band = next(
        i
        for i, low in enumerate((0, 30, 90, 183))
        if still_there >= low and (i == 3 or still_there < (30, 90, 183)[i])
    )
    expected[band][1] += 1
    assert _values(temporary) == expected
    assert temporary.summary[0][1] == 40.0
    # IMDi's goal of months from permit to settlement is Norway's.
    assert "goal" not in [table.key for table in figures.tables]
    assert figures.goal_source == ""
    assert _table(figures, "settled").extras[0][0] == "Municipal quota"


def test_an_allocation_member_sees_no_figures_and_a_manager_does(client, anders, mona):
    client.force_login(anders)
    assert client.get(reverse("settlement:figures")).status_code == 403
    assert client.get(reverse("settlement:figures_export")).status_code == 403
    client.force_login(mona)
    assert client.get(reverse("settlement:figures")).status_code == 200


def test_another_municipalitys_persons_are_not_counted(trondheim_year, sven_actor):
    figures = settlement_figures(actor=sven_actor, year=YEAR, exact=True)
    assert _values(_table(figures, "settled"))[-1] == [0, 0]


def test_a_year_or_a_permit_before_the_first_national_goal_has_no_goal(trondheim, kari_actor):
    _settled(
        trondheim,
        permit_on=datetime.date(2009, 6, 1),
        arrived_on=datetime.date(2010, 2, 1),
    )
    figures = settlement_figures(actor=kari_actor, year=2010, exact=True)
    assert _values(_table(figures, "goal")) == [[0, 0], [0, 0]]
    assert _values(_table(figures, "settled"))[-1] == [1, 0]

    with translation.override("en"):
        early = settlement_figures(actor=kari_actor, year=2005, exact=True)
    assert _table(early, "goal").rows == ["Adults and families", "Unaccompanied minors"]
