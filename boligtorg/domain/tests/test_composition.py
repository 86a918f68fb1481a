import itertools
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligtorg.domain.composition import (
    TRONDHEIM_SHARED_HOUSE,
    AffinityWeights,
    ClusterRules,
    HouseRules,
    InfeasibleCode,
    InvalidInput,
    MappedPerson,
    Need,
    NoRandomGrouping,
    Partition,
    Person,
    ReasonCode,
    Resident,
    Slot,
    Status,
    ViolationCode,
    affinity,
    compose,
    group,
    house_diversity,
    random_feasible_grouping,
    score,
    violations,
)

SOLVER = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Shared house -----------------------------------------------------------------


def young(id, gender="male", country="AF", points=50, age=19):
    attributes = frozenset({"unaccompanied_minor", "in_work_or_education"})
    return Person(id, points, gender, country, age, attributes)


def role_model(id, gender="female", country="ER", points=50, age=30):
    attributes = frozenset({"adult_refugee", "interest_in_young_people", "in_work_or_education"})
    return Person(id, points, gender, country, age, attributes)


def best_filling(rules, residents, candidates):
    """(points, diversity) of the best filling by enumeration, or None."""
    living = [r.person for r in residents]
    free = [(s, s.count - sum(r.slot == s.code for r in residents)) for s in rules.slots]

    def fillings(index, taken):
        if index == len(free):
            yield []
            return
        slot, units = free[index]
        pool = [p for p in candidates if p.id not in taken and slot.admits(p)]
        for group_ in itertools.combinations(pool, units):
            for rest in fillings(index + 1, taken | {p.id for p in group_}):
                yield list(group_) + rest

    best = None
    for chosen in fillings(0, frozenset()):
        house = living + chosen
        genders = Counter(p.gender for p in house)
        countries = Counter(p.country for p in house)
        if rules.max_same_gender is not None and max(genders.values()) > rules.max_same_gender:
            continue
        if rules.max_same_country is not None and max(countries.values()) > rules.max_same_country:
            continue
        value = (sum(p.points for p in chosen), house_diversity(house))
        best = value if best is None else max(best, value)
    return best


def synthetic_candidates(count, seed):
    rng = random.Random(seed)
    people = []
    for n in range(count):
        attributes = {"unaccompanied_minor" if n % 2 == 0 else "adult_refugee"}
        if rng.random() < 0.7:
            attributes.add("in_work_or_education")
        if n % 2 and rng.random() < 0.5:
            attributes.add("interest_in_young_people")
        people.append(
            Person(
                id=n + 1,
                points=rng.randint(30, 200),
                gender=rng.choice(["male", "male", "female"]),
                country=rng.choice(["AF", "ER", "SY", "SO", "ET", "EG"]),
                age=rng.randint(17, 21) if n % 2 == 0 else rng.randint(22, 55),
                attributes=frozenset(attributes),
            )
        )
    return people


def assert_rules_respected(rules, residents, candidates, result):
    slots = {s.code: s for s in rules.slots}
    by_id = {p.id: p for p in candidates}
    chosen = [by_id[c.person_id] for c in result.chosen]
    assert len({p.id for p in chosen}) == len(chosen)
    for choice in result.chosen:
        assert slots[choice.slot].admits(by_id[choice.person_id])
    filled = Counter(c.slot for c in result.chosen) + Counter(r.slot for r in residents)
    assert all(filled[s.code] == s.count for s in rules.slots)
    house = [r.person for r in residents] + chosen
    if rules.max_same_gender is not None:
        assert max(Counter(p.gender for p in house).values()) <= rules.max_same_gender
    if rules.max_same_country is not None:
        assert max(Counter(p.country for p in house).values()) <= rules.max_same_country


def test_the_seed_000_tenants_fill_trondheims_house_within_its_rules():
    residents = [
        Resident(young(1, "male", "AF"), "young"),
        Resident(young(2, "male", "AF"), "young"),
        Resident(young(3, "female", "ET"), "young"),
        Resident(role_model(4, "female", "EG"), "role_model"),
        Resident(role_model(5, "male", "ER"), "role_model"),
    ]
    result = compose(TRONDHEIM_SHARED_HOUSE, residents, [young(6)])
    assert result.status is Status.OPTIMAL
    assert result.chosen == ()
    assert result.objective == 0
    assert result.diversity == 2 + 4


def test_trondheims_house_from_60_candidates_is_solved_to_the_proven_optimum():
    candidates = synthetic_candidates(60, seed=7)
    result = compose(TRONDHEIM_SHARED_HOUSE, [], candidates, time_limit=10, workers=2)
    assert result.status is Status.OPTIMAL
    assert result.objective == result.bound
    assert (result.objective, result.diversity) == best_filling(
        TRONDHEIM_SHARED_HOUSE, [], candidates
    )
    assert Counter(c.slot for c in result.chosen) == {"young": 3, "role_model": 2}
    assert_rules_respected(TRONDHEIM_SHARED_HOUSE, [], candidates, result)


def test_each_choice_is_explained_by_slot_attributes_caps_and_age():
    rules = HouseRules(
        (
            Slot("young", 1, frozenset({"unaccompanied_minor"}), min_age=18, max_age=20),
            Slot("role_model", 1, frozenset({"adult_refugee"})),
        ),
        max_same_gender=3,
        max_same_country=2,
    )
    resident = Resident(role_model(1, "female", "ER"), "role_model")
    result = compose(rules, [resident], [young(2, "male", "ER")])
    (choice,) = result.chosen
    assert (choice.person_id, choice.slot, choice.points) == (2, "young", 50)
    assert choice.required == ("unaccompanied_minor",)
    assert [(r.code, r.value, r.count, r.limit) for r in choice.reasons] == [
        (ReasonCode.GENDER_CAP, "male", 1, 3),
        (ReasonCode.ADDS_GENDER, "male", 1, None),
        (ReasonCode.COUNTRY_CAP, "ER", 2, 2),
        (ReasonCode.MIN_AGE, 19, None, 18),
        (ReasonCode.MAX_AGE, 19, None, 20),
    ]


def test_residents_count_toward_the_gender_cap():
    residents = [
        Resident(young(1, "male", "AF"), "young"),
        Resident(young(2, "male", "ET"), "young"),
        Resident(role_model(3, "male", "EG"), "role_model"),
    ]
    candidates = [young(4, "male", "SY", points=90), young(5, "female", "SO", points=10)]
    candidates += [role_model(6, "male", "ER", points=90), role_model(7, "female", "IQ")]
    result = compose(TRONDHEIM_SHARED_HOUSE, residents, candidates)
    assert result.status is Status.OPTIMAL
    assert {c.person_id for c in result.chosen} == {5, 7}


def test_equal_points_are_decided_by_more_genders_and_countries():
    residents = [Resident(young(1, "male", "AF"), "young")]
    rules = HouseRules((Slot("young", 2),))
    candidates = [young(2, "male", "AF"), young(3, "female", "AF"), young(4, "female", "SY")]
    result = compose(rules, residents, candidates)
    assert [c.person_id for c in result.chosen] == [4]
    assert result.diversity == 4


def test_too_few_eligible_candidates_name_the_slot():
    candidates = [young(1), young(2), role_model(3), role_model(4, "male", "SY")]
    result = compose(TRONDHEIM_SHARED_HOUSE, [], candidates)
    assert result.status is Status.INFEASIBLE
    assert [(i.code, i.subject, i.needed, i.best) for i in result.infeasibilities] == [
        (InfeasibleCode.TOO_FEW_ELIGIBLE, ("young",), 3, 2)
    ]


def test_slots_that_compete_for_the_same_candidates_are_named_together():
    rules = HouseRules((Slot("a", 1, frozenset({"x"})), Slot("b", 1, frozenset({"x"}))))
    result = compose(rules, [], [Person(1, 5, "f", "NO", 30, frozenset({"x"}))])
    assert [(i.code, i.subject, i.needed, i.best) for i in result.infeasibilities] == [
        (InfeasibleCode.SLOTS_COMPETE, ("a", "b"), 2, 1)
    ]


def test_a_gender_cap_that_cannot_be_met_reports_the_best_possible():
    candidates = [young(n, "male", f"C{n}") for n in range(1, 5)]
    candidates += [role_model(5, "male", "ER"), role_model(6, "female", "EG")]
    result = compose(TRONDHEIM_SHARED_HOUSE, [], candidates)
    assert result.status is Status.INFEASIBLE
    assert [(i.code, i.needed, i.best) for i in result.infeasibilities] == [
        (InfeasibleCode.GENDER_CAP, 3, 4)
    ]


def test_caps_that_hold_alone_but_not_together_are_reported_together():
    rules = HouseRules((Slot("any", 2),), max_same_gender=1, max_same_country=1)
    resident = Resident(Person(1, 0, "m", "NO", 30), "any")
    candidates = [Person(2, 1, "f", "NO", 30), Person(3, 1, "m", "SE", 30)]
    result = compose(rules, [resident], candidates)
    assert result.status is Status.INFEASIBLE
    assert [i.code for i in result.infeasibilities] == [InfeasibleCode.CAPS_TOGETHER]


def test_contradictory_input_is_refused_with_a_reason():
    with pytest.raises(InvalidInput, match="unknown slots"):
        compose(TRONDHEIM_SHARED_HOUSE, [Resident(young(1), "kitchen")], [])
    with pytest.raises(InvalidInput, match="twice"):
        compose(TRONDHEIM_SHARED_HOUSE, [Resident(young(1), "young")], [young(1)])
    with pytest.raises(InvalidInput, match="more residents than units"):
        compose(HouseRules((Slot("young", 1),)), [Resident(young(n), "young") for n in (1, 2)], [])


small_people = st.builds(
    Person,
    id=st.just(0),
    points=st.integers(0, 6),
    gender=st.sampled_from("fmx"),
    country=st.sampled_from("ABC"),
    age=st.integers(16, 24),
    attributes=st.frozensets(st.sampled_from("pq")),
)
small_slots = st.builds(
    Slot,
    code=st.just(""),
    count=st.integers(1, 2),
    required=st.frozensets(st.sampled_from("pq"), max_size=1),
    min_age=st.none() | st.just(18),
)


@st.composite
def small_houses(draw):
    slots = [
        Slot(f"s{n}", slot.count, slot.required, slot.min_age)
        for n, slot in enumerate(draw(st.lists(small_slots, min_size=1, max_size=2)))
    ]
    people = [
        Person(n + 1, p.points, p.gender, p.country, p.age, p.attributes)
        for n, p in enumerate(draw(st.lists(small_people, min_size=2, max_size=8)))
    ]
    residents = []
    if people and draw(st.booleans()):
        residents.append(Resident(people.pop(0), slots[0].code))
    cap = st.none() | st.integers(1, 2)
    rules = HouseRules(tuple(slots), draw(cap), draw(cap))
    return rules, residents, people


@SOLVER
@given(small_houses())
def test_compose_finds_the_brute_force_optimum_and_respects_every_rule(house):
    rules, residents, candidates = house
    result = compose(rules, residents, candidates)
    expected = best_filling(rules, residents, candidates)
    if expected is None:
        assert result.status is Status.INFEASIBLE
        assert result.infeasibilities
        return
    assert result.status is Status.OPTIMAL
    assert (result.objective, result.diversity) == expected
    assert result.bound == result.objective
    assert_rules_respected(rules, residents, candidates, result)


@SOLVER
@given(small_houses())
def test_each_reported_infeasibility_is_true(house):
    rules, residents, candidates = house
    result = compose(rules, residents, candidates)
    for cause in result.infeasibilities:
        if cause.code is InfeasibleCode.GENDER_CAP:
            # The best reported is the lowest cap any filling can meet.
            assert cause.best is not None
            assert best_filling(HouseRules(rules.slots, cause.best), residents, candidates)
            assert not best_filling(HouseRules(rules.slots, cause.best - 1), residents, candidates)
        elif cause.code is InfeasibleCode.COUNTRY_CAP:
            assert cause.best is not None
            relaxed = HouseRules(rules.slots, None, cause.best)
            assert best_filling(relaxed, residents, candidates)
            tighter = HouseRules(rules.slots, None, cause.best - 1)
            assert not best_filling(tighter, residents, candidates)
        elif cause.code is InfeasibleCode.CAPS_TOGETHER:
            assert best_filling(
                HouseRules(rules.slots, rules.max_same_gender), residents, candidates
            )
            relaxed = HouseRules(rules.slots, None, rules.max_same_country)
            assert best_filling(relaxed, residents, candidates)
        else:
            assert cause.needed > cause.best
            codes = set(cause.subject)
            eligible = [
                p for p in candidates if any(s.admits(p) for s in rules.slots if s.code in codes)
            ]
            assert len(eligible) == cause.best


# Clusters ---------------------------------------------------------------------


def mapped(id, age=30, needs=Need.CLUSTER_OK, attributes=(), avoid=()):
    return MappedPerson(id, "x", age, needs, frozenset(attributes), frozenset(avoid))


def best_partition(persons, rules):
    """The highest score over every grouping, by enumeration, or None."""
    ids = [p.id for p in persons]
    by_id = {p.id: p for p in persons}

    def partitions(rest):
        if not rest:
            yield (), ()
            return
        first, others = rest[0], rest[1:]
        person = by_id[first]
        if not (rules.staffed_in_cluster and person.needs == Need.STAFFED):
            for clusters, singles in partitions(others):
                yield clusters, (first, *singles)
        if person.needs == Need.SINGLE_ONLY:
            return
        pool = [i for i in others if by_id[i].needs != Need.SINGLE_ONLY]
        for size in range(rules.min_size - 1, rules.max_size):
            for mates in itertools.combinations(pool, size):
                members = (first, *mates)
                if any(
                    b in by_id[a].avoid or a in by_id[b].avoid
                    for a, b in itertools.combinations(members, 2)
                ):
                    continue
                left = tuple(i for i in others if i not in mates)
                for clusters, singles in partitions(left):
                    yield (members, *clusters), singles

    limit = rules.max_clusters if rules.max_clusters is not None else len(ids)
    scores = [
        score(Partition(clusters, singles), persons, rules)
        for clusters, singles in partitions(tuple(ids))
        if len(clusters) <= limit
    ]
    return max(scores, default=None)


@st.composite
def small_programmes(draw):
    count = draw(st.integers(0, 9))
    persons = []
    for n in range(1, count + 1):
        avoid = draw(st.frozensets(st.integers(1, count), max_size=1)) - {n}
        persons.append(
            MappedPerson(
                n,
                "x",
                draw(st.integers(18, 60)),
                draw(
                    st.sampled_from(
                        [Need.CLUSTER_OK, Need.CLUSTER_OK, Need.STAFFED, Need.SINGLE_ONLY]
                    )
                ),
                draw(st.frozensets(st.sampled_from("abc"))),
                avoid,
            )
        )
    min_size = draw(st.integers(2, 3))
    rules = ClusterRules(
        min_size=min_size,
        max_size=draw(st.integers(min_size, min_size + 2)),
        max_clusters=draw(st.none() | st.integers(0, 3)),
        single_cost=draw(st.integers(0, 20)),
        staffed_in_cluster=draw(st.booleans()),
    )
    return persons, rules


@SOLVER
@given(small_programmes())
def test_group_finds_the_brute_force_optimum_and_breaks_no_rule(programme):
    persons, rules = programme
    result = group(persons, rules, time_limit=10)
    expected = best_partition(persons, rules)
    if expected is None:
        assert result.status is Status.INFEASIBLE
        assert result.infeasibilities
        return
    assert result.status is Status.OPTIMAL
    assert result.objective == expected == result.bound
    assert result.gap == 0
    assert violations(result.partition, persons, rules) == ()
    assert score(result.partition, persons, rules) == result.objective


def test_ten_persons_in_clusters_of_4_to_6_match_brute_force():
    rng = random.Random(3)
    persons = [
        mapped(
            n,
            age=rng.randint(18, 50),
            needs=rng.choice([Need.CLUSTER_OK, Need.CLUSTER_OK, Need.STAFFED]),
            attributes=rng.sample("abcde", 2),
            avoid=[n + 1] if n in (2, 7) else [],
        )
        for n in range(1, 11)
    ]
    rules = ClusterRules(min_size=4, max_size=6, max_clusters=2, single_cost=15)
    result = group(persons, rules, time_limit=10)
    assert result.status is Status.OPTIMAL
    assert result.objective == best_partition(persons, rules)
    assert result.first_solution_seconds == result.improvements[0][0]
    assert result.improvements[-1][1] == result.objective
    assert violations(result.partition, persons, rules) == ()


def test_a_single_only_person_gets_a_single_dwelling_and_avoid_pairs_are_apart():
    persons = [mapped(1, needs=Need.SINGLE_ONLY)] + [
        mapped(n, avoid=[2] if n == 3 else []) for n in range(2, 8)
    ]
    rules = ClusterRules(min_size=2, max_size=6, single_cost=100)
    result = group(persons, rules, time_limit=10)
    assert 1 in result.partition.singles
    together = {
        frozenset(pair) for c in result.partition.clusters for pair in itertools.combinations(c, 2)
    }
    assert frozenset({2, 3}) not in together
    assert result.partition.singles == (1,)


def test_affinity_rewards_peers_shared_interests_and_a_shared_staff_base():
    weights = AffinityWeights(age_span=10, shared_attribute=4, both_staffed=6)
    a = mapped(1, age=20, needs=Need.STAFFED, attributes=["music", "outdoors"])
    b = mapped(2, age=22, needs=Need.STAFFED, attributes=["music"])
    assert affinity(a, b, weights) == 8 + 4 + 6
    assert affinity(a, mapped(3, age=60), weights) == -10


@given(st.integers(18, 90), st.integers(18, 90), st.frozensets(st.sampled_from("abc")))
def test_affinity_is_symmetric(age_a, age_b, attributes):
    a = mapped(1, age=age_a, attributes=attributes)
    b = mapped(2, age=age_b, needs=Need.STAFFED, attributes=["a"])
    assert affinity(a, b) == affinity(b, a)


def test_score_adds_affinity_within_clusters_and_costs_singles_who_could_share():
    persons = [mapped(1, age=20), mapped(2, age=20), mapped(3, needs=Need.SINGLE_ONLY), mapped(4)]
    rules = ClusterRules(min_size=2, max_size=2, single_cost=7)
    assert score(Partition(((1, 2),), (3, 4)), persons, rules) == 10 - 7


def test_violations_name_every_broken_rule():
    persons = [
        mapped(1, needs=Need.SINGLE_ONLY),
        mapped(2, avoid=[3]),
        mapped(3),
        mapped(4, needs=Need.STAFFED),
        mapped(5),
    ]
    rules = ClusterRules(min_size=3, max_size=3, max_clusters=1)
    found = violations(Partition(((1, 2, 3), (5,)), (4, 5, 9)), persons, rules)
    assert {v.code for v in found} == {
        ViolationCode.UNKNOWN_PERSON,
        ViolationCode.PLACED_TWICE,
        ViolationCode.TOO_MANY_CLUSTERS,
        ViolationCode.CLUSTER_TOO_SMALL,
        ViolationCode.SINGLE_ONLY_IN_CLUSTER,
        ViolationCode.AVOID_PAIR_TOGETHER,
        ViolationCode.STAFFED_IN_SINGLE,
    }
    assert violations(Partition(((2, 4, 5),), (1,)), persons, rules)[0].code is (
        ViolationCode.NOT_PLACED
    )


@settings(max_examples=30, deadline=None)
@given(small_programmes(), st.integers(0, 1000))
def test_random_groupings_break_no_rule(programme, seed):
    persons, rules = programme
    if best_partition(persons, rules) is None:
        return
    try:
        partition = random_feasible_grouping(persons, rules, random.Random(seed))
    except NoRandomGrouping:  # random construction may miss a narrow feasible region
        return
    assert violations(partition, persons, rules) == ()


def test_too_many_staffed_for_the_clusters_allowed_is_explained():
    persons = [mapped(n, needs=Need.STAFFED) for n in range(1, 8)]
    result = group(persons, ClusterRules(min_size=2, max_size=3, max_clusters=2))
    assert [(i.code, i.needed, i.best) for i in result.infeasibilities] == [
        (InfeasibleCode.STAFFED_OVER_CAPACITY, 7, 6)
    ]


def test_too_few_to_fill_a_staffed_cluster_is_explained():
    persons = [mapped(1, needs=Need.STAFFED), mapped(2), mapped(3, needs=Need.SINGLE_ONLY)]
    result = group(persons, ClusterRules(min_size=4, max_size=6))
    assert [(i.code, i.needed, i.best) for i in result.infeasibilities] == [
        (InfeasibleCode.TOO_FEW_TO_CLUSTER, 4, 2)
    ]


def test_staffed_persons_who_must_avoid_each_other_are_explained():
    persons = [mapped(n, needs=Need.STAFFED, avoid=range(1, 5)) for n in range(1, 5)]
    result = group(persons, ClusterRules(min_size=2, max_size=4), time_limit=10)
    assert result.status is Status.INFEASIBLE
    assert [i.code for i in result.infeasibilities] == [InfeasibleCode.AVOID_PAIRS]
