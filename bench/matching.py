"""The allocation meeting's optimal match against the baselines, at three sizes.

Builds a synthetic meeting (seeded: about 15 areas, 7 target groups, realistic
household sizes and bedroom counts, some wheelchair, step-free and pet needs,
wanted and excluded areas, about 10 area caps) and measures the build of the
problem, the certified optimal match, and strict priority, greedy by rank and
first come first served on the same problem in the same run. Each size runs in a
fresh process so that its peak memory (ru_maxrss) is its own. Prints one JSON
object; no Django and no database.

    .venv/bin/python bench/matching.py [--sizes 20x200,500x3000,2000x10000] [--seed 7]
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from boligtorg.domain.allocation import (  # noqa: E402
    DEFAULT_SITUATION_POINTS,
    AreaCap,
    Candidate,
    EligibilityRules,
    PriorityRules,
    Situation,
    Vacancy,
)
from boligtorg.domain.matching import (  # noqa: E402
    Problem,
    Weights,
    build_problem,
    first_come_first_served,
    greedy_by_rank,
    outcome,
    solve_optimal,
    strict_priority,
)

AREAS = [
    "sentrum",
    "lade",
    "moholt",
    "ranheim",
    "saupstad",
    "kattem",
    "heimdal",
    "tiller",
    "byasen",
    "stavne",
    "lerkendal",
    "nardo",
    "kolstad",
    "romolslia",
    "charlottenlund",
]
# Where the municipality owns many dwellings; the vulnerable areas among them get caps.
AREA_WEIGHTS = [3, 2, 2, 2, 5, 5, 3, 3, 2, 2, 2, 1, 4, 3, 1]
TARGET_GROUPS = {
    "refugee": 20,
    "disability": 30,
    "mental_health": 25,
    "substance_use": 25,
    "youth": 15,
    "elderly": 20,
    "released_prisoner": 10,
}
TODAY = datetime.date(2026, 3, 2)


@dataclass(frozen=True)
class Meeting:
    candidates: list[Candidate]
    vacancies: list[Vacancy]
    priority_rules: PriorityRules
    eligibility_rules: EligibilityRules
    caps: list[AreaCap]
    today: datetime.date


def _household(rng: random.Random, household_id: int) -> Candidate:
    size = rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[46, 20, 14, 10, 6, 3, 1])[0]
    adults = 1 if size == 1 or rng.random() < 0.45 else 2
    groups = rng.sample(sorted(TARGET_GROUPS), k=rng.choices([0, 1, 2], weights=[35, 50, 15])[0])
    if size == 1 and rng.random() < 0.2:
        groups.append("youth")
    wanted = rng.sample(AREAS, k=rng.choices([0, 1, 2, 3], weights=[35, 25, 25, 15])[0])
    excluded = rng.sample(AREAS, k=rng.choices([0, 1, 2], weights=[75, 18, 7])[0])
    manual = rng.choice([-20, 10, 20, 40]) if rng.random() < 0.03 else 0
    return Candidate(
        id=household_id,
        situation=rng.choices(list(Situation), weights=[30, 40, 30])[0],
        waiting_since=TODAY - datetime.timedelta(days=rng.randint(0, 4 * 365)),
        household_size=size,
        children=size - adults,
        target_groups=frozenset(groups),
        urgent=rng.random() < 0.05,
        manual_points=manual,
        manual_reason="meeting's assessment" if manual else "",
        min_bedrooms=1 if size == 1 and rng.random() < 0.1 else 0,
        needs_wheelchair=rng.random() < 0.04,
        needs_step_free=rng.random() < 0.10,
        has_pets=rng.random() < 0.12,
        wanted_areas=frozenset(w for w in wanted if w not in excluded),
        excluded_areas=frozenset(excluded),
        accepts_shared_house=rng.random() < 0.3,
    )


def _dwelling(rng: random.Random, dwelling_id: int) -> Vacancy:
    shared = rng.random() < 0.05
    reserved = frozenset(rng.sample(sorted(TARGET_GROUPS), k=1)) if rng.random() < 0.1 else None
    return Vacancy(
        id=dwelling_id,
        bedrooms=0 if shared else rng.choices([0, 1, 2, 3, 4, 5], weights=[6, 36, 30, 19, 7, 2])[0],
        wheelchair_accessible=rng.random() < 0.08,
        step_free=rng.random() < 0.2,
        pets_allowed=rng.random() < 0.4,
        area=rng.choices(AREAS, weights=AREA_WEIGHTS)[0],
        reserved_for=reserved or frozenset(),
        shared_house=shared,
    )


def synthetic(n_dwellings: int, n_households: int, seed: int = 7) -> Meeting:
    """A reproducible synthetic meeting of ``n_dwellings`` vacancies and
    ``n_households`` candidates, with about ten area caps that bind."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    candidates = [_household(rng, 100_000 + i) for i in range(n_households)]
    vacancies = [_dwelling(rng, 500_000 + j) for j in range(n_dwellings)]
    in_area = {area: sum(v.area == area for v in vacancies) for area in AREAS}
    caps = []
    for area in rng.sample(AREAS, k=10):
        groups = frozenset(rng.sample(sorted(TARGET_GROUPS), k=rng.randint(1, 3)))
        caps.append(AreaCap(area, groups, max(0, round(in_area[area] * rng.uniform(0.05, 0.25)))))
    priority_rules = PriorityRules(
        situation_points=DEFAULT_SITUATION_POINTS, target_group_points=TARGET_GROUPS
    )
    return Meeting(candidates, vacancies, priority_rules, EligibilityRules(), caps, TODAY)


def problem_of(meeting: Meeting, weights: Weights | None = None) -> Problem:
    return build_problem(
        meeting.candidates,
        meeting.vacancies,
        meeting.priority_rules,
        meeting.eligibility_rules,
        meeting.caps,
        weights or Weights(),
        meeting.today,
    )


def measure(n_dwellings: int, n_households: int, seed: int) -> dict:
    """One size, in this process: build, solve, baselines, and the peak memory."""
    meeting = synthetic(n_dwellings, n_households, seed)
    started = time.perf_counter()
    problem = problem_of(meeting)
    build_seconds = time.perf_counter() - started
    optimal = solve_optimal(problem)
    result = {
        "dwellings": n_dwellings,
        "households": n_households,
        "caps": len(meeting.caps),
        "build_seconds": round(build_seconds, 3),
        "solve_seconds": round(optimal.solve_seconds, 3),
        "total_seconds": round(build_seconds + optimal.solve_seconds, 3),
        "method": optimal.method.value,
        "objective": optimal.objective,
        "lp_bound": round(optimal.lp_bound or 0.0, 4),
        "bound": optimal.bound,
        "gap": optimal.gap,
        "proven_optimal": optimal.proven_optimal,
        "pairs_full": optimal.full_pairs,
        "pairs_reduced": optimal.reduced_pairs,
        "iterations": optimal.iterations,
        # The tie-break: the optimum's justified envy and whether it is proven least
        # among the assignments with the same objective (false beyond its size limit).
        "envy": optimal.envy,
        "least_envy": optimal.least_envy,
        "outcomes": {},
    }
    for name, solution in [
        ("optimal", optimal),
        ("strict_priority", strict_priority(problem)),
        ("greedy_by_rank", greedy_by_rank(problem)),
        ("first_come_first_served", first_come_first_served(problem)),
    ]:
        seen = outcome(problem, solution)
        result["outcomes"][name] = {
            "housed": seen.housed,
            "total_points": seen.total_points,
            "total_fit": seen.total_fit,
            "objective": seen.objective,
            "top_priority_left_out": seen.top_priority_left_out,
            "justified_envy": seen.justified_envy,
            "seconds": round(solution.solve_seconds, 3),
        }
    # Linux reports ru_maxrss in KiB.
    result["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20x200,500x3000,2000x10000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", help="measure one size in this process (used internally)")
    args = parser.parse_args()
    if args.one:
        n_dwellings, n_households = (int(n) for n in args.one.split("x"))
        print(json.dumps(measure(n_dwellings, n_households, args.seed)))
        return
    sizes = []
    for size in args.sizes.split(","):
        completed = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--one", size, "--seed", str(args.seed)],
            check=True,
            capture_output=True,
            text=True,
        )
        sizes.append(json.loads(completed.stdout))
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "machine_cpus": len(os.sched_getaffinity(0)),
                "seed": args.seed,
                "weights": {"points": 1, "fit": 1},
                "target": {"500x3000_total_seconds": 2.0, "2000x10000_total_seconds": 20.0},
                "sizes": sizes,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
