"""The settlement forecast's maximum matching against first come first served, at three
sizes of a year (arrivals x dwellings), on seeded synthetic data: arrival days spread
over the year, 1-4 bedrooms needed, about 1 in 8 needing an accessible dwelling;
dwellings ready from three months before the year to its end, 1-5 bedrooms, about 1 in
6 accessible. Prints one JSON object; no Django and no database.

    .venv/bin/python bench/settlement_forecast.py [--sizes 60x50,300x250,1500x1200] [--seed 7]
"""

import argparse
import datetime
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from boligtorg.domain.settlement.forecast import (  # noqa: E402
    Arrival,
    Supply,
    first_come_first_served,
    forecast,
)

YEAR = 2027


def _data(arrivals: int, dwellings: int, seed: int):
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    start = datetime.date(YEAR, 1, 1)
    people = [
        Arrival(
            f"a{i}",
            start + datetime.timedelta(days=rng.randrange(365)),
            rng.choices([1, 2, 3, 4], weights=[5, 3, 2, 1])[0],
            rng.random() < 1 / 8,
        )
        for i in range(arrivals)
    ]
    homes = [
        Supply(
            f"d{j}",
            start + datetime.timedelta(days=rng.randrange(-90, 365)),
            rng.choices([1, 2, 3, 4, 5], weights=[4, 4, 3, 1, 1])[0],
            rng.random() < 1 / 6,
        )
        for j in range(dwellings)
    ]
    return people, homes


def _run(arrivals: int, dwellings: int, seed: int) -> dict[str, object]:
    people, homes = _data(arrivals, dwellings, seed)
    began = time.perf_counter()
    result = forecast(people, homes, year=YEAR)
    matched = time.perf_counter() - began
    began = time.perf_counter()
    greedy = first_come_first_served(people, homes)
    greedy_seconds = time.perf_counter() - began
    return {
        "arrivals": arrivals,
        "dwellings": dwellings,
        "housed": result.housed,
        "housed_first_come": len(greedy),
        "extra_housed": result.housed - len(greedy),
        "first_shortfall_month": str(result.first_shortfall_month),
        "seconds": round(matched, 4),
        "seconds_first_come": round(greedy_seconds, 4),
        "time_ratio": round(matched / greedy_seconds, 1) if greedy_seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="60x50,300x250,1500x1200")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.sizes.split(",")]
    runs = [_run(a, d, args.seed) for a, d in sizes]
    print(json.dumps({"bench": "settlement_forecast", "seed": args.seed, "runs": runs}))


if __name__ == "__main__":
    main()
