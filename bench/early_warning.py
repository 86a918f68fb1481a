"""The early-warning list and the rent-ledger import at a large municipality's size.

Seeds N running tenancies (default 11,000: Oslo's municipal stock) in one
municipality, rent arrears on a tenth of them, complaints on a twentieth and
missed visits on a thirtieth, then measures:
- the warning list (every running tenancy's risk from one annotated query),
  median and worst of several rounds, with its query count;
- the baseline the list replaces: one tenancy's risk read at a time
  (``tenancy_risk`` per lease), timed on a sample and scaled;
- importing a rent ledger of one row per tenancy, validated all or nothing.
Prints one JSON object.

    DATABASE_URL=postgres://... .venv/bin/python bench/early_warning.py [--leases 11000]
"""

import argparse
import datetime
import json
import random
import statistics
import time
from decimal import Decimal

from common import analyze, setup_django

setup_django()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from boligtorg.cases.models import (  # noqa: E402
    Application,
    Household,
    HouseholdMember,
    Person,
    applicant_name,
)
from boligtorg.core.factories import actor_for, member  # noqa: E402
from boligtorg.core.models import Municipality, Role, User  # noqa: E402
from boligtorg.followup import selectors  # noqa: E402
from boligtorg.followup.ledger import read_ledger_csv  # noqa: E402
from boligtorg.followup.models import (  # noqa: E402
    ArrearsEntry,
    Complaint,
    FollowUpPlan,
    Visit,
    VisitStatus,
)
from boligtorg.followup.services.warnings import arrears_import  # noqa: E402
from boligtorg.housing.models import Dwelling, Lease  # noqa: E402


def seed(total: int) -> tuple[Municipality, User]:
    municipality, _ = Municipality.objects.get_or_create(
        country="NO", code="9803", defaults={"name": "Bench warnings"}
    )
    worker = User.objects.filter(username="bench-warnings").first() or member(
        "bench-warnings", municipality, Role.FOLLOWUP_WORKER, national_id=""
    )
    have = Lease.objects.filter(municipality=municipality).count()
    if have >= total:
        return municipality, worker
    rng = random.Random(7)  # noqa: S311
    today = timezone.localdate()
    size = total - have
    dwellings = Dwelling.objects.bulk_create(
        (
            Dwelling(
                municipality=municipality,
                address=f"Benchveien {have + i}",
                unit_number="H0101",
                dwelling_type="apartment",
                bedrooms=rng.randint(0, 4),
                rent=rng.randrange(6000, 15000, 100),
                status="let",
                disposition_form="owned",
            )
            for i in range(size)
        ),
        batch_size=5000,
    )
    persons = Person.objects.bulk_create(
        (
            Person(
                municipality=municipality,
                first_name="Bench",
                last_name=f"Leietaker {have + i}",
                national_id="",
                date_of_birth=datetime.date(1980, 1, 1),
            )
            for i in range(size)
        ),
        batch_size=5000,
    )
    households = Household.objects.bulk_create(
        (Household(municipality=municipality) for _ in range(size)), batch_size=5000
    )
    HouseholdMember.objects.bulk_create(
        (
            HouseholdMember(household=h, person=p, relation="main")
            for h, p in zip(households, persons, strict=True)
        ),
        batch_size=5000,
    )
    leases = Lease.objects.bulk_create(
        (
            Lease(
                municipality=municipality,
                dwelling=d,
                household=h,
                start=today - datetime.timedelta(days=rng.randint(30, 900)),
                end=today + datetime.timedelta(days=rng.randint(10, 900)),
                rent=d.rent,
                six_month_clause=rng.random() < 0.2,
            )
            for d, h in zip(dwellings, households, strict=True)
        ),
        batch_size=5000,
    )
    ArrearsEntry.objects.bulk_create(
        (
            ArrearsEntry(
                municipality=municipality,
                lease=lease,
                as_of=today - datetime.timedelta(days=3),
                amount=Decimal(lease.rent) * rng.choice([1, 2, 3]),
            )
            for lease in leases
            if rng.random() < 0.10
        ),
        batch_size=5000,
    )
    Complaint.objects.bulk_create(
        (
            Complaint(municipality=municipality, lease=lease, received_on=today, summary="Støy")
            for lease in leases
            if rng.random() < 0.05
        ),
        batch_size=5000,
    )
    missed = [lease for lease in leases if rng.random() < 1 / 30]
    main_of = {h.pk: p for h, p in zip(households, persons, strict=True)}
    applications = Application.objects.bulk_create(
        (
            Application(
                municipality=municipality,
                number=f"B-{lease.pk}",
                household_id=lease.household_id,
                applicant=main_of[lease.household_id],
                applicant_name=applicant_name(main_of[lease.household_id]),
                situation="without",
                status="decided",
            )
            for lease in missed
        ),
        batch_size=1000,
    )
    plans = FollowUpPlan.objects.bulk_create(
        (
            FollowUpPlan(
                municipality=municipality,
                application=application,
                lease=lease,
                started_on=today - datetime.timedelta(days=30),
            )
            for application, lease in zip(applications, missed, strict=True)
        ),
        batch_size=1000,
    )
    Visit.objects.bulk_create(
        (
            Visit(
                municipality=municipality,
                plan=plan,
                worker=worker,
                planned_at=timezone.now() - datetime.timedelta(days=5),
                status=VisitStatus.MISSED,
            )
            for plan in plans
        ),
        batch_size=1000,
    )
    return municipality, worker


def timed(function, rounds: int) -> dict[str, float]:  # noqa: ANN001
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leases", type=int, default=11_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-sample", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    municipality, worker = seed(args.leases)
    seed_seconds = time.perf_counter() - started
    analyze()
    actor = actor_for(worker, municipality)
    rows = selectors.warning_list(actor=actor)  # the default rules are made once here
    with CaptureQueriesContext(connection) as queries:
        selectors.warning_list(actor=actor)
    listed = timed(lambda: selectors.warning_list(actor=actor), args.rounds)

    sample = list(
        Lease.objects.filter(municipality=municipality).order_by("pk")[: args.baseline_sample]
    )
    started = time.perf_counter()
    for lease in sample:
        selectors.tenancy_risk(lease=lease)
    per_lease = (time.perf_counter() - started) / len(sample)

    today = timezone.localdate()
    running = Lease.objects.filter(municipality=municipality).select_related("dwelling")
    # A tenth owe rent; which tenth shifts from run to run, so each run writes again.
    shift = int(time.time())
    ledger = "address;unit_number;as_of;amount_owed\n" + "".join(
        f"{lease.dwelling.address};{lease.dwelling.unit_number};{today.isoformat()};"
        f"{((lease.pk + shift) % 4) * 1000 if (lease.pk + shift) % 10 == 0 else 0}\n"
        for lease in running
    )
    started = time.perf_counter()
    parsed, errors = read_ledger_csv(ledger.encode())
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    imported = arrears_import(actor=actor, rows=parsed, read_errors=errors)
    import_seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "benchmark": "early_warning",
                "database": connection.vendor,
                "running_leases": args.leases,
                "seed_seconds": round(seed_seconds, 1),
                "warning_list": {
                    **listed,
                    "rows_with_risk": len(rows),
                    "queries": len(queries.captured_queries),
                },
                "baseline_one_lease_at_a_time": {
                    "sample": len(sample),
                    "per_lease_ms": round(per_lease * 1000, 2),
                    "scaled_s": round(per_lease * args.leases, 1),
                },
                "ledger_import": {
                    "rows": len(parsed),
                    "read_s": round(read_seconds, 2),
                    "validate_and_write_s": round(import_seconds, 2),
                    "entries_written": imported,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
