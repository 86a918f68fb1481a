"""Start-loan mathematics at a municipality's portfolio size.

Builds a synthetic portfolio of N start loans (default 20,000, fixed seed: balances
around 1.6 million kroner, 85 % annuity, 90 % monthly, floating rates of 4.5-5.5 %,
each household's monthly capacity 0-50 % above today's highest payment) and
measures, in the same run:
- the stress test when the policy rate rises (every floating rate + the change):
  ``portfolio_stress`` (numpy, vectorised) against ``portfolio_stress_loop`` (the
  same formulas one loan at a time), median of several rounds, with the ratio; both
  answers are compared and the run fails if they disagree;
- 1,000 full payment schedules in Decimal to the øre (``payment_schedule``) and the
  effective annual rate of each (``effective_annual_rate``, Brent's method).
Also the speed of this machine at the time (``common.python_loop_seconds``). No
Django, no database. Prints one JSON object.

    .venv/bin/python bench/finance.py [--loans 20000] [--rate-change 0.01] [--schedules 1000]
"""

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import numpy as np
from common import python_loop_seconds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boligtorg.domain.loans import (  # noqa: E402
    ANNUITY_CODE,
    SERIAL_CODE,
    LoanTerms,
    Method,
    Portfolio,
    effective_annual_rate,
    highest_payment,
    payment_schedule,
    portfolio_stress,
    portfolio_stress_loop,
    terms_errors,
)

SEED = 7
T = TypeVar("T")


def portfolio(size: int, rng: np.random.Generator) -> tuple[Portfolio, np.ndarray]:
    """The loans and today's floating rate of each."""
    periods_per_year = np.where(rng.random(size) < 0.9, 12, 4)
    remaining_years = rng.integers(1, 31, size) + np.where(rng.random(size) < 0.1, 20, 0)
    today = rng.integers(450, 551, size) / 10_000  # whole basis points
    loans = Portfolio(
        balance=np.clip(rng.lognormal(np.log(1_600_000), 0.5, size), 50_000, 6_000_000).round(2),
        remaining_periods=(remaining_years * periods_per_year).astype(np.int64),
        method=np.where(rng.random(size) < 0.85, ANNUITY_CODE, SERIAL_CODE).astype(np.int64),
        periods_per_year=periods_per_year.astype(np.int64),
        monthly_capacity=np.zeros(size),
    )
    now = portfolio_stress(loans, today).monthly_payment
    capacity = (now * rng.uniform(1.0, 1.5, size)).round(2)
    return Portfolio(
        loans.balance, loans.remaining_periods, loans.method, loans.periods_per_year, capacity
    ), today


def timed(function: Callable[[], T], rounds: int) -> tuple[T, float, float]:
    """The answer, and the median wall-clock and CPU seconds of ``rounds`` runs. The
    CPU time leaves out the time this process waited for a core, which on a shared
    machine of two cores is most of the noise."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return result, statistics.median(walls), statistics.median(cpus)


def exact_one_at_a_time(loans: Portfolio, rates: np.ndarray) -> Callable[[], list[Decimal]]:
    """The second baseline: each loan's ``highest_payment`` to the øre in Decimal, one
    loan at a time, as the application computes it for one case. Its inputs are made
    before the clock starts, as they would come from the database."""
    inputs = [
        (Decimal(repr(balance)), Decimal(repr(rate)), periods // ppy, method, ppy)
        for balance, rate, periods, method, ppy in zip(
            loans.balance.tolist(),
            rates.tolist(),
            loans.remaining_periods.tolist(),
            loans.method.tolist(),
            loans.periods_per_year.tolist(),
            strict=True,
        )
    ]
    methods = {ANNUITY_CODE: Method.ANNUITY, SERIAL_CODE: Method.SERIAL}

    def run() -> list[Decimal]:
        return [
            highest_payment(LoanTerms(balance, rate, years, methods[method], ppy))
            for balance, rate, years, method, ppy in inputs
        ]

    return run


def stress(args: argparse.Namespace) -> dict[str, object]:
    loans, today = portfolio(args.loans, np.random.default_rng(SEED))
    new_rates = today + args.rate_change
    fast, fast_s, fast_cpu = timed(lambda: portfolio_stress(loans, new_rates), args.rounds)
    slow, slow_s, slow_cpu = timed(
        lambda: portfolio_stress_loop(loans, new_rates), args.loop_rounds
    )
    difference = float(np.max(np.abs(fast.highest_payment - slow.highest_payment), initial=0.0))
    agree = (
        difference < 1e-6
        and fast.exceeds.tolist() == slow.exceeds.tolist()
        and fast.loans_exceeding == slow.loans_exceeding
    )
    if not agree:
        raise SystemExit(f"the vectorised stress test and the loop disagree by {difference}")
    exact, exact_s, exact_cpu = timed(exact_one_at_a_time(loans, new_rates), 1)
    exact_payment = np.array([float(amount) for amount in exact])
    # The float formula and the Decimal one differ only by the rounding to the øre:
    # half an øre, or twice that for a serial loan (interest and principal part).
    exact_difference = float(np.max(np.abs(exact_payment - fast.highest_payment), initial=0.0))
    if exact_difference > 0.01 + 1e-6:
        raise SystemExit(f"the stress test and highest_payment disagree by {exact_difference}")
    return {
        "loans": fast.loans,
        "annuity_share": round(float(np.mean(loans.method == ANNUITY_CODE)), 3),
        "monthly_share": round(float(np.mean(loans.periods_per_year == 12)), 3),
        "balance_total_nok": round(float(loans.balance.sum())),
        "rate_change": args.rate_change,
        "loans_exceeding_capacity": fast.loans_exceeding,
        "balance_exceeding_nok": round(fast.balance_exceeding),
        "monthly_shortfall_nok": round(fast.monthly_shortfall),
        "vectorised": {"wall_s": round(fast_s, 5), "cpu_s": round(fast_cpu, 5)},
        "vectorised_rounds": args.rounds,
        "loop_same_formulas": {"wall_s": round(slow_s, 4), "cpu_s": round(slow_cpu, 4)},
        "loop_rounds": args.loop_rounds,
        "ratio_wall": round(slow_s / fast_s, 1),
        "ratio_cpu": round(slow_cpu / fast_cpu, 1),
        "goal_100x_and_under_1s": slow_cpu / fast_cpu >= 100 and fast_s < 1,
        "agree": agree,
        "max_payment_difference_nok": difference,
        "exact_decimal_one_at_a_time": {
            "wall_s": round(exact_s, 3),
            "cpu_s": round(exact_cpu, 3),
            "ratio_cpu_to_vectorised": round(exact_cpu / fast_cpu, 1),
            "max_difference_to_vectorised_nok": round(exact_difference, 6),
        },
    }


def random_terms(rng: random.Random) -> LoanTerms:
    years = rng.choice([10, 20, 25, 30, 30, 30, 40, 50])
    terms = LoanTerms(
        principal=Decimal(rng.randrange(20_000_000, 500_000_000)) / 100,
        annual_rate=Decimal(rng.randrange(300, 800)) / 10_000,
        years=years,
        method=Method.ANNUITY if rng.random() < 0.85 else Method.SERIAL,
        periods_per_year=12 if rng.random() < 0.9 else 4,
        interest_only_years=rng.choice([0, 0, 0, 0, 1, 2, 5]),
        term_fee=Decimal(rng.choice([0, 30, 50, 75])),
        establishment_fee=Decimal(rng.choice([0, 1_000, 2_500])),
    )
    if terms_errors(terms):
        raise SystemExit(f"the bench made invalid terms: {terms}")
    return terms


def schedules(args: argparse.Namespace) -> dict[str, object]:
    rng = random.Random(SEED)  # noqa: S311
    loans = [random_terms(rng) for _ in range(args.schedules)]
    made, schedule_s, schedule_cpu = timed(lambda: [payment_schedule(terms) for terms in loans], 1)
    if any(
        s[-1].balance != 0 or sum(r.principal for r in s) != t.principal
        for s, t in zip(made, loans, strict=True)
    ):
        raise SystemExit("a schedule does not repay its loan exactly")
    rates, rate_s, rate_cpu = timed(lambda: [effective_annual_rate(t) for t in loans], 1)
    instalments = sum(len(s) for s in made)
    return {
        "count": len(made),
        "instalments": instalments,
        "build": {"wall_s": round(schedule_s, 3), "cpu_s": round(schedule_cpu, 3)},
        "per_instalment_cpu_us": round(schedule_cpu * 1e6 / instalments, 2),
        "effective_rates": {"wall_s": round(rate_s, 3), "cpu_s": round(rate_cpu, 3)},
        "effective_rate_range": [str(min(rates)), str(max(rates))],
        "all_repaid_exactly": True,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loans", type=int, default=20_000)
    parser.add_argument("--rate-change", type=float, default=0.01)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--loop-rounds", type=int, default=5)
    parser.add_argument("--schedules", type=int, default=1_000)
    args = parser.parse_args()
    print(
        json.dumps(
            {
                "benchmark": "finance",
                "seed": SEED,
                "python_loop_s": python_loop_seconds(),
                "stress": stress(args),
                "schedules": schedules(args),
            }
        )
    )


if __name__ == "__main__":
    main()
