"""The housing programme's coverage, financing and grouping reasons (seed 004,
Tromsø; Grorud's 30 % / 70 % from seed 003)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligtorg.domain.composition import MappedPerson, Need, Partition
from boligtorg.domain.programme import (
    CLUSTER,
    DONE,
    GRORUD_SHARES,
    NEED_KINDS,
    NOT_STARTED,
    PLANNED,
    SEPARATE,
    WITH_SERVICES,
    Demand,
    Supply,
    coverage,
    default_kind,
    financing_gap,
    interest_codes,
    proposed_needs,
    split_by_shares,
)

kinds = st.sampled_from(NEED_KINDS)
years = st.integers(2020, 2035)
demands = st.lists(st.builds(Demand, kind=kinds, year=years), max_size=30)
supplies = st.lists(
    st.builds(
        Supply,
        kind=kinds,
        year=years,
        units=st.integers(1, 12),
        status=st.sampled_from([DONE, PLANNED, NOT_STARTED]),
    ),
    max_size=10,
)


def test_coverage_of_the_docstring_example_is_computed_by_hand():
    """2026-2028. Persons: cluster 2026, cluster 2027 ×2, separate 2028. Projects: 2
    cluster units done in 2027, 1 separate not started in 2026.
    Cluster need 1, 3, 3; units 0, 2, 2; shortfall 1, 1, 1.
    Separate need 0, 0, 1; units 0, 0, 0; shortfall 0, 0, 1.
    Total need 1, 3, 4; units 0, 2, 2; shortfall 1, 1, 2."""
    result = coverage(
        [
            Demand(CLUSTER, 2026),
            Demand(CLUSTER, 2027),
            Demand(CLUSTER, 2027),
            Demand(SEPARATE, 2028),
        ],
        [Supply(CLUSTER, 2027, 2, DONE), Supply(SEPARATE, 2026, 1, NOT_STARTED)],
        2026,
        2028,
    )
    cluster = result.by_kind[CLUSTER]
    assert [(c.need, c.units, c.shortfall) for c in cluster] == [(1, 0, 1), (3, 2, 1), (3, 2, 1)]
    separate = result.by_kind[SEPARATE]
    assert [(c.need, c.units, c.shortfall) for c in separate] == [(0, 0, 0), (0, 0, 0), (1, 0, 1)]
    assert [(c.need, c.units, c.shortfall) for c in result.total] == [
        (1, 0, 1),
        (3, 2, 1),
        (4, 2, 2),
    ]
    assert result.years == (2026, 2027, 2028)


def test_need_and_units_before_the_first_year_count_in_the_first_year():
    """A person mapped for 2024 and a lease from 2023 (planned, 1 unit): in a
    2026-2027 plan both count from 2026, so 2026 is covered (1 of 1)."""
    result = coverage([Demand(SEPARATE, 2024)], [Supply(SEPARATE, 2023, 1, PLANNED)], 2026, 2027)
    assert [(c.need, c.units) for c in result.by_kind[SEPARATE]] == [(1, 1), (1, 1)]
    assert result.by_kind[SEPARATE][0].covered


def test_a_plan_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="before first year"):
        coverage([], [], 2028, 2026)


@given(
    demands,
    supplies,
    st.builds(
        Supply,
        kind=kinds,
        year=years,
        units=st.integers(1, 12),
        status=st.sampled_from([DONE, PLANNED]),
    ),
)
def test_adding_a_done_or_planned_project_never_lowers_coverage(needs, projects, extra):
    before = coverage(needs, projects, 2024, 2032)
    after = coverage(needs, [*projects, extra], 2024, 2032)
    for kind in NEED_KINDS:
        for old, new in zip(before.by_kind[kind], after.by_kind[kind], strict=True):
            assert new.units >= old.units
            assert new.shortfall <= old.shortfall
            assert new.need == old.need


@given(demands, supplies)
def test_cumulative_need_and_units_never_fall_from_one_year_to_the_next(needs, projects):
    result = coverage(needs, projects, 2024, 2032)
    for row in [*result.by_kind.values(), result.total]:
        for earlier, later in zip(row, row[1:], strict=False):
            assert later.need >= earlier.need
            assert later.units >= earlier.units


@given(demands, supplies)
def test_not_started_projects_add_no_units_and_the_total_adds_the_kinds(needs, projects):
    result = coverage(needs, projects, 2024, 2032)
    counted = coverage(needs, [p for p in projects if p.status != NOT_STARTED], 2024, 2032)
    assert result == counted
    last = len(result.years) - 1
    assert result.total[last].need == sum(1 for d in needs if d.year <= 2032)
    assert result.total[last].units == sum(row[last].units for row in result.by_kind.values())


def test_the_grorud_assumption_splits_a_cost_30_70_to_the_krone():
    """1,000,001 kr at 30/70/0: 300,000.3 → 300,000 and 700,000.7 → 700,001, so
    that the parts add up to the cost."""
    assert split_by_shares(1_000_001, GRORUD_SHARES) == (300_000, 700_001, 0)
    assert split_by_shares(10_000_000, GRORUD_SHARES) == (3_000_000, 7_000_000, 0)


@given(st.integers(0, 10**10), st.integers(0, 100), st.integers(0, 100))
def test_split_by_shares_always_adds_up_to_the_cost(cost, a, b):
    if a + b > 100:
        a, b = 100 - b, b
    parts = split_by_shares(cost, (a, b, 100 - a - b))
    assert sum(parts) == cost
    assert financing_gap(cost, *parts) == 0
    for part, share in zip(parts, (a, b, 100 - a - b), strict=True):
        assert abs(part - cost * share / 100) < 1


def test_shares_that_do_not_add_up_to_100_are_refused():
    with pytest.raises(ValueError, match="adding up to 100"):
        split_by_shares(100, (30, 60, 0))


def test_financing_gap_is_positive_when_short_and_negative_when_over():
    assert financing_gap(100, 30, 60, 0) == 10
    assert financing_gap(100, 30, 70, 5) == -5
    assert financing_gap(100, 30, 70, 0) == 0


def test_interests_are_normalised_and_unique():
    assert interest_codes("Music, outdoors,music;  Quiet  evenings\n") == [
        "music",
        "outdoors",
        "quiet evenings",
    ]


def test_each_need_of_the_interview_has_its_default_kind():
    assert default_kind(Need.STAFFED) == WITH_SERVICES
    assert default_kind(Need.SINGLE_ONLY) == SEPARATE
    assert default_kind(Need.CLUSTER_OK) == CLUSTER


def test_proposed_needs_name_the_reasons_of_the_docstring_example():
    """Two aged 21 with music, one aged 30 with music and quiet: shared ("music",),
    ages 21-30, fit (10 + 4) + (1 + 4) + (1 + 4) = 24. The single gets a separate
    dwelling; a cluster with a staffed member needs services."""
    persons = [
        MappedPerson(1, "female", 21, attributes=frozenset({"music"})),
        MappedPerson(2, "male", 21, attributes=frozenset({"music"})),
        MappedPerson(3, "male", 30, attributes=frozenset({"music", "quiet"})),
        MappedPerson(4, "male", 40, needs=Need.SINGLE_ONLY),
        MappedPerson(5, "male", 40, needs=Need.STAFFED),
        MappedPerson(6, "male", 40),
    ]
    needs = proposed_needs(Partition(clusters=((1, 2, 3), (5, 6)), singles=(4,)), persons)
    first, second, single = needs
    assert (first.kind, first.shared_interests, first.youngest, first.oldest, first.fit) == (
        CLUSTER,
        ("music",),
        21,
        30,
        24,
    )
    assert (second.kind, second.staffed) == (WITH_SERVICES, 1)
    assert (single.kind, single.members) == (SEPARATE, (4,))
