"""The statistics figures, the yearly report and stock versus need, from a year of
work with known figures (``boligtorg.planning.factories_statistics``)."""

import pytest
from django.core.exceptions import PermissionDenied

from boligtorg.cases.models import TargetGroup
from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role
from boligtorg.domain.reporting import Granularity
from boligtorg.planning import selectors_kostra as kostra
from boligtorg.planning import selectors_statistics as stats
from boligtorg.planning import selectors_stock_need as stock
from boligtorg.planning.factories_statistics import year_of_work

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def pia(trondheim):
    """Pia the planner in Trondheim."""
    return member("pia", trondheim, Role.PLANNER, first_name="Pia", last_name="Strand")


@pytest.fixture
def work(trondheim, kari):
    return year_of_work(trondheim, kari)


def _values(figure, row):
    return [cell.value for cell in figure.table.rows[figure.rows.index(row)]]


def test_pia_sees_applications_by_situation_per_month(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.MONTH
    )
    figure = figures.figure("applications_by_situation")
    assert _values(figure, f"{work.year}-03") == [12, 0, 0]
    assert _values(figure, f"{work.year}-09") == [0, 5, 0]
    assert figure.table.row_totals[figure.rows.index(f"{work.year}-04")].value == 0


def test_the_year_view_shows_five_years_and_last_years_totals(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    assert figures.periods[-1].key == str(work.year) and len(figures.periods) == 5
    decisions = figures.figure("decisions")
    assert _values(decisions, str(work.year)) == [12, 5]
    assert decisions.extras[0].values[-1] == 70.6
    allocations = figures.figure("allocations")
    # All six were without a dwelling: one column, six published.
    assert _values(allocations, str(work.year)) == [6, 0, 0]
    # Received 10 March, accepted 15 June: 97 days, six times.
    assert allocations.extras[0].values[-1] == 97.0


def test_the_waiting_list_is_counted_at_the_end_of_each_half_year(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.HALF
    )
    waiting = figures.figure("waiting")
    # 30 June: 12 granted, 6 allocated on 15 June.
    assert _values(waiting, f"{work.year}-H1") == [6, 0, 0]
    # Waited from 10 March to 30 June (112 days) and to 31 December (296 days).
    assert waiting.extras[0].values == [112.0, 296.0]


def test_small_counts_are_hidden_in_the_figures(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    groups = figures.figure("applications_by_target_group")
    assert groups.columns == ["No target group recorded"]
    assert _values(groups, str(work.year)) == [17]
    # Earlier years counted nothing; zero is published.
    assert _values(groups, str(work.year - 1)) == [0]


def test_allocations_and_the_waiting_list_by_target_group_count_a_household_in_each_group(
    pia, trondheim, work
):
    """Of the 12 households granted on 1 April (numbered 0–11), 0–5 are refugees and
    0–8 young people, so 0–5 are both; 0–5 were allocated on 15 June. Allocated in
    the first half: refugees 6, young people 6, no group 0 (the row would sum to 12
    for 6 households: it is not additive). Waiting on 30 June (6–11): refugees 0,
    young people 3 (6–8) and no group 3 (9–11), both below 5 and hidden."""
    refugees = TargetGroup.objects.create(municipality=trondheim, code="refugees", name="Refugees")
    young = TargetGroup.objects.create(municipality=trondheim, code="young", name="Young people")
    for i, application in enumerate(work.granted):
        if i <= 5:
            application.target_groups.add(refugees)
        if i <= 8:
            application.target_groups.add(young)
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.HALF
    )
    allocations = figures.figure("allocations_by_target_group")
    assert allocations.columns == ["Refugees", "Young people", "No target group recorded"]
    assert not allocations.additive
    h1 = allocations.table.rows[allocations.rows.index(f"{work.year}-H1")]
    assert [cell.value for cell in h1] == [6, 6, 0]
    waiting = figures.figure("waiting_by_target_group")
    assert waiting.columns == ["Refugees", "Young people", "No target group recorded"]
    first_half = waiting.table.rows[waiting.rows.index(f"{work.year}-H1")]
    assert first_half[0].value == 0
    assert first_half[1].hidden and first_half[2].hidden


def test_decisions_by_situation_and_target_group_with_the_share_granted(pia, trondheim, work):
    """12 granted (without a dwelling), 5 refused (at risk). Target groups: the 12
    granted are young people, 3 of the refused too, 2 refused have none. Young
    people: 12 granted, 3 refused, 15 in all, 80 % granted; the 3 is below 5 and
    hidden, and so the 12 beside it (its row total is published)."""
    young = TargetGroup.objects.create(municipality=trondheim, code="young", name="Young people")
    for application in [*work.granted, *work.refused[:3]]:
        application.target_groups.add(young)
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    by_situation = figures.figure("decisions_by_situation")
    assert by_situation.columns == ["Granted", "Refused"]
    assert _values(by_situation, "Without a dwelling") == [12, 0]
    assert _values(by_situation, "At risk of losing the dwelling") == [0, 5]
    assert by_situation.extras[0].values[:2] == [100.0, 0.0]
    by_group = figures.figure("decisions_by_target_group")
    assert by_group.rows == ["Young people", "No target group recorded"]
    young_row = by_group.table.rows[0]
    assert young_row[1].hidden and young_row[0].hidden
    assert by_group.table.row_totals[0].value == 15
    assert _values(by_group, "No target group recorded") == [0, None]


def test_dwellings_by_status_and_disposition_form_are_not_suppressed(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    dwellings = figures.dwellings
    # The 6 allocated flats and the one the transfer household rented; 2 leased in.
    assert _values(dwellings, "Let")[:2] == [7, 2]
    assert _values(dwellings, "Sold")[0] == 1


def test_the_figures_take_one_query_each(pia, trondheim, work, django_assert_max_num_queries):
    actor = actor_for(pia, trondheim)
    # Fourteen figures over periods (the two waiting figures share the waiting list
    # and one reads its target groups; two are start loans and grants), the
    # dwellings, and the offer figures' few.
    with django_assert_max_num_queries(20):
        figures = stats.statistics_figures(
            actor=actor, year=work.year, granularity=Granularity.MONTH
        )
    assert figures.offers is not None


def test_pia_the_planner_sees_the_offer_figures_protected(pia, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(pia, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    statuses = dict(figures.offers.by_status)
    assert statuses["Accepted"].value == 6


def test_kari_sees_the_allocation_modules_offer_figures_protected(kari, trondheim, work):
    figures = stats.statistics_figures(
        actor=actor_for(kari, trondheim), year=work.year, granularity=Granularity.YEAR
    )
    assert figures.offers is not None
    statuses = dict(figures.offers.by_status)
    assert statuses["Accepted"].value == 6


def test_the_yearly_report_has_the_kostra_figures(pia, trondheim, work):
    report = kostra.kostra_report(actor=actor_for(pia, trondheim), year=work.year)
    figures = report.as_dict()["figures"]
    assert figures["applications_received"] == 17
    assert (figures["decisions"], figures["granted"], figures["refused"]) == (17, 12, 5)
    # Exact, however small: the report is what the municipality submits.
    assert (figures["allocated"], figures["allocated_new"], figures["allocated_transfer"]) == (
        6,
        5,
        1,
    )
    assert (figures["waiting"], figures["waiting_adapted"]) == (6, 2)
    assert figures["dwellings"] == 13
    assert (figures["dwellings_owned"], figures["dwellings_leased"]) == (10, 2)
    assert (figures["dwellings_other"], figures["dwellings_wheelchair"]) == (1, 3)
    assert report.line("dwellings_owned").percent == 76.9
    assert report.municipality == "Trondheim"
    assert report.as_dict()["suppressed_below"] is None
    assert report.line("dwellings_owned").item.point == "2"
    assert report.line("applications_received").item is None


def test_kari_the_caseworker_may_not_read_the_exact_report(kari, trondheim):
    with pytest.raises(PermissionDenied):
        kostra.kostra_report(actor=actor_for(kari, trondheim), year=2025)


def test_the_yearly_report_counts_new_refugee_households(pia, trondheim, work):
    refugee = TargetGroup.objects.create(municipality=trondheim, code="refugee", name="Refugee")
    work.granted[0].target_groups.add(refugee)  # allocated, but moved from a municipal lease
    work.granted[1].target_groups.add(refugee)  # allocated, a new household
    work.granted[7].target_groups.add(refugee)  # granted, still waiting
    report = kostra.kostra_report(actor=actor_for(pia, trondheim), year=work.year)
    assert report.line("allocated_new_refugees").cell.value == 1
    assert report.line("allocated_new").cell.value == 5
    assert report.line("allocated_new_refugees").item.variable == "KOSnyinnflyttfly"


def test_the_yearly_report_takes_five_queries(pia, trondheim, work, django_assert_num_queries):
    actor = actor_for(pia, trondheim)
    with django_assert_num_queries(5):
        kostra.kostra_report(actor=actor, year=work.year)


def test_stock_versus_need_shows_the_gap_in_two_bedroom_flats(pia, trondheim, work):
    view = stock.stock_need(actor=actor_for(pia, trondheim))
    sizes = {row.label: row for row in view.by_size}
    two = sizes["2 bedrooms"]
    assert (two.stock, two.vacant, two.waiting.value, two.shortfall) == (8, 1, 6, 5)
    assert two.is_gap
    one = sizes["1 bedroom"]
    assert (one.stock, one.vacant, one.waiting.value, one.is_gap) == (3, 3, 0, False)
    wheelchair = view.needs[0]
    assert (wheelchair.stock, wheelchair.vacant, wheelchair.waiting.value) == (3, 3, None)
    lade = [row for row in view.by_area if row.area == "Lade"]
    assert [(r.size, r.stock, r.waiting.value) for r in lade] == [
        ("1 bedroom", 3, 0),
        ("2 bedrooms", 0, None),
    ]


def test_stock_versus_need_takes_three_queries(pia, trondheim, work, django_assert_num_queries):
    actor = actor_for(pia, trondheim)
    with django_assert_num_queries(3):
        stock.stock_need(actor=actor)


def test_per_the_auditor_may_not_read_the_statistics(per, trondheim):
    with pytest.raises(PermissionDenied):
        stats.statistics_figures(
            actor=actor_for(per, trondheim), year=2025, granularity=Granularity.YEAR
        )


def test_a_planner_in_skanderborg_sees_none_of_trondheims_figures(skanderborg, trondheim, work):
    planner = member("sara", skanderborg, Role.PLANNER, first_name="Sara", last_name="Lund")
    report = kostra.kostra_report(actor=actor_for(planner, skanderborg), year=work.year)
    assert report.line("applications_received").cell.value == 0
    assert report.line("dwellings").cell.value == 0
