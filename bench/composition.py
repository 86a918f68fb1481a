"""Composition of a shared house and grouping into clusters, with OR-Tools CP-SAT.

Seed 000 (Trondheim): the shared house of 5 units (3 young + 2 role models, at
most 3 of one gender, at most 2 from one country) filled from 60 synthetic
candidates: solve time, status, objective and bound. Seed 004 (Tromsø): 50
synthetic mapped persons grouped into clusters of 4-6 units (at most 10) or
single dwellings: time to the first feasible grouping, the objective and bound
after the time limit (or the proof of optimality), the gap, and the baseline of
the same run: the best and mean score of 1,000 random feasible groupings. No
Django. Prints one JSON object.

    .venv/bin/python bench/composition.py [--time-limit 30] [--workers 2]
"""

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boligtorg.domain.composition import (  # noqa: E402
    TRONDHEIM_SHARED_HOUSE,
    ClusterRules,
    HouseRules,
    MappedPerson,
    Need,
    Person,
    compose,
    group,
    random_feasible_grouping,
    score,
    violations,
)

COUNTRIES = ["AF", "ER", "SY", "SO", "ET", "EG", "SD", "IQ"]
INTERESTS = ["outdoors", "music", "football", "cooking", "gaming", "quiet", "lang_sme", "church"]


def candidates(count: int, rng: random.Random) -> list[Person]:
    """Half young unaccompanied refugees, half adults; each attribute of the
    Trondheim slots is present often but not always."""
    people = []
    for n in range(count):
        young = n % 2 == 0
        attributes = {"unaccompanied_minor" if young else "adult_refugee"}
        if rng.random() < 0.7:
            attributes.add("in_work_or_education")
        if not young and rng.random() < 0.5:
            attributes.add("interest_in_young_people")
        people.append(
            Person(
                id=n + 1,
                points=rng.randint(30, 200),
                gender=rng.choice(["male", "male", "female"]),
                country=rng.choice(COUNTRIES),
                age=rng.randint(17, 21) if young else rng.randint(22, 55),
                attributes=frozenset(attributes),
            )
        )
    return people


def mapped(count: int, rng: random.Random, avoid_pairs: int) -> list[MappedPerson]:
    """About 10 % single only, 40 % staffed, the rest either; one to three interests."""
    needs = rng.choices(
        [Need.SINGLE_ONLY, Need.STAFFED, Need.CLUSTER_OK], weights=[1, 4, 5], k=count
    )
    avoid: dict[int, set[int]] = {n + 1: set() for n in range(count)}
    for _ in range(avoid_pairs):
        a, b = rng.sample(range(1, count + 1), 2)
        avoid[a].add(b)
    return [
        MappedPerson(
            id=n + 1,
            gender=rng.choice(["male", "female"]),
            age=rng.randint(18, 65),
            needs=needs[n],
            attributes=frozenset(rng.sample(INTERESTS, rng.randint(1, 3))),
            avoid=frozenset(avoid[n + 1]),
        )
        for n in range(count)
    ]


def within_caps(rules: HouseRules, house: list[Person]) -> bool:
    genders = Counter(p.gender for p in house)
    countries = Counter(p.country for p in house)
    return (rules.max_same_gender is None or max(genders.values()) <= rules.max_same_gender) and (
        rules.max_same_country is None or max(countries.values()) <= rules.max_same_country
    )


def greedy(rules: HouseRules, people: list[Person]) -> int | None:
    """Baseline: fill slot after slot with the most points first, skipping whoever
    would break a cap; None when that leaves a unit empty."""
    house: list[Person] = []
    for slot in rules.slots:
        placed = 0
        for person in sorted(people, key=lambda p: -p.points):
            if placed == slot.count:
                break
            if person not in house and slot.admits(person) and within_caps(rules, [*house, person]):
                house.append(person)
                placed += 1
        if placed < slot.count:
            return None
    return sum(p.points for p in house)


def house(args: argparse.Namespace) -> dict[str, object]:
    people = candidates(args.candidates, random.Random(0))  # noqa: S311
    started = time.perf_counter()
    result = compose(TRONDHEIM_SHARED_HOUSE, [], people, time_limit=10, workers=args.workers)
    seconds = time.perf_counter() - started
    return {
        "units": sum(slot.count for slot in TRONDHEIM_SHARED_HOUSE.slots),
        "candidates": len(people),
        "seconds": round(seconds, 3),
        "status": result.status.value,
        "objective_points": result.objective,
        "bound_points": result.bound,
        "diversity": result.diversity,
        "greedy_objective_points": greedy(TRONDHEIM_SHARED_HOUSE, people),
        "chosen": [[c.person_id, c.slot] for c in result.chosen],
    }


def clusters(args: argparse.Namespace) -> dict[str, object]:
    persons = mapped(args.persons, random.Random(1), args.avoid_pairs)  # noqa: S311
    rules = ClusterRules(min_size=4, max_size=6, max_clusters=args.max_clusters)
    rng = random.Random(2)  # noqa: S311
    started = time.perf_counter()
    randoms = [
        score(random_feasible_grouping(persons, rules, rng), persons, rules) for _ in range(1000)
    ]
    random_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = group(persons, rules, time_limit=args.time_limit, workers=args.workers)
    seconds = time.perf_counter() - started
    if result.partition is None:
        raise SystemExit(f"no grouping: {result.status}")
    if violations(result.partition, persons, rules):
        raise SystemExit("the solver's grouping breaks a rule")
    independent = score(result.partition, persons, rules)
    return {
        "persons": len(persons),
        "needs": {need.value: sum(p.needs == need for p in persons) for need in Need},
        "avoid_pairs": args.avoid_pairs,
        "max_clusters": args.max_clusters,
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "status": result.status.value,
        "first_feasible_s": round(result.first_solution_seconds or 0.0, 3),
        "seconds": round(seconds, 2),
        "objective": result.objective,
        "objective_equals_independent_score": independent == result.objective,
        "bound": result.bound,
        "gap": round(result.gap or 0.0, 4),
        "clusters": len(result.partition.clusters),
        "cluster_sizes": sorted(len(c) for c in result.partition.clusters),
        "singles": len(result.partition.singles),
        "random_groupings": len(randoms),
        "random_seconds": round(random_seconds, 2),
        "random_best": max(randoms),
        "random_mean": round(statistics.mean(randoms), 1),
        "beats_best_random": (result.objective or 0) > max(randoms),
        "seconds_to_beat_best_random": next(
            (round(t, 3) for t, value in result.improvements if value > max(randoms)), None
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=60)
    parser.add_argument("--persons", type=int, default=50)
    parser.add_argument("--max-clusters", type=int, default=10)
    parser.add_argument("--avoid-pairs", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps({"shared_house": house(args), "clusters": clusters(args)}))


if __name__ == "__main__":
    main()
