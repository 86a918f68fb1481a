"""Case list and case page under load, and the decision letter PDF.

Seeds 100,000 synthetic cases (bulk, fictitious persons), starts a real server
process, and measures with 1 and with 10 concurrent clients the median and p95
time of: the case list filtered, the case list searched, and a case page; and the
query count of each page. Prints one JSON object; ``python_loop_s`` says how fast
the machine was around the load (``common.python_loop_seconds``).

    DATABASE_URL=postgres://... .venv/bin/python bench/cases.py [--cases 100000]
"""

import argparse
import json
import random
import statistics
import time

from common import (
    analyze,
    load,
    python_loop_seconds,
    query_counts,
    server,
    session_cookie,
    setup_django,
    workers,
)

setup_django()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from boligtorg.cases.models import (  # noqa: E402
    Application,
    Household,
    HouseholdMember,
    Person,
    TargetGroup,
    applicant_name,
)
from boligtorg.cases.services.applications import target_groups_ensure  # noqa: E402
from boligtorg.core.factories import member  # noqa: E402
from boligtorg.core.models import Municipality, Role, User  # noqa: E402
from boligtorg.core.pagination import COUNT_CAP  # noqa: E402

FIRST = ["Ole", "Amina", "Jonas", "Sara", "Ahmed", "Ingrid", "Mohammed", "Nora", "Per", "Liv"]
LAST = ["Hansen", "Ali", "Berg", "Johansen", "Haile", "Olsen", "Nilsen", "Yusuf", "Dahl", "Lie"]


def seed(total: int) -> tuple[User, list[int]]:
    municipality, _ = Municipality.objects.get_or_create(
        country="NO", code="5001", defaults={"name": "Trondheim"}
    )
    target_groups_ensure(municipality=municipality)
    kari = User.objects.filter(username="bench-kari").first() or member(
        "bench-kari",
        municipality,
        Role.CASEWORKER,
        first_name="Kari",
        last_name="Bench",
        national_id="",
    )
    have = Application.objects.filter(municipality=municipality).count()
    rng = random.Random(42)  # noqa: S311
    groups = list(TargetGroup.objects.filter(municipality=municipality))
    today = timezone.localdate()
    batch = 5000
    year = today.year
    for start in range(have, total, batch):
        size = min(batch, total - start)
        persons = Person.objects.bulk_create(
            Person(
                municipality=municipality,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                national_id="",
                date_of_birth=today.replace(year=today.year - rng.randint(18, 90), day=1),
            )
            for _ in range(size)
        )
        households = Household.objects.bulk_create(
            Household(municipality=municipality) for _ in range(size)
        )
        HouseholdMember.objects.bulk_create(
            HouseholdMember(household=h, person=p, relation="main")
            for h, p in zip(households, persons, strict=True)
        )
        applications = Application.objects.bulk_create(
            Application(
                municipality=municipality,
                number=f"{year}-{start + i + 1:06d}",
                household=h,
                applicant=p,
                applicant_name=applicant_name(p),
                status=rng.choice(["draft", "submitted", "under_assessment", "decided", "closed"]),
                situation=rng.choice(["without_dwelling", "at_risk", "unsuitable"]),
                received_on=today - timezone.timedelta(days=rng.randint(0, 900)),
                caseworker=kari,
                consent_given=True,
            )
            for i, (h, p) in enumerate(zip(households, persons, strict=True))
        )
        through = Application.target_groups.through
        through.objects.bulk_create(
            through(application_id=a.pk, targetgroup_id=rng.choice(groups).pk) for a in applications
        )
    # Case pages to open, spread over the table.
    ids = list(
        Application.objects.filter(municipality=municipality).values_list("pk", flat=True)[
            :: max(1, total // 200)
        ]
    )
    return kari, ids


def letter_times(kari: User, case_id: int, rounds: int) -> dict[str, float]:
    """Render the decision letter PDF of a case (WeasyPrint), ``rounds`` times."""
    from boligtorg.cases.letters import decision_letter_pdf
    from boligtorg.cases.models import Decision, LegalBasis

    application = Application.objects.select_related("applicant", "municipality").get(pk=case_id)
    today = timezone.localdate()
    decision = Decision(
        application=application,
        outcome="granted",
        dwelling_type="ordinary",
        lease_months=36,
        reasons="The household is without a dwelling and cannot find one alone.",
        legal_basis=LegalBasis.objects.filter(country="NO").first(),
        decided_on=today,
        received_on=today,
        letter_language="nb",
        decided_by=kari,
    )
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        pdf = decision_letter_pdf(decision, application)
        times.append(time.perf_counter() - started)
        if not pdf.startswith(b"%PDF"):
            raise SystemExit("the letter is not a PDF")
    return {"p50_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    kari, ids = seed(args.cases)
    seed_seconds = round(time.perf_counter() - started, 1)
    analyze()
    case_id = ids[len(ids) // 2]
    paths = {
        "list_filtered": "/cases/?status=submitted&situation=at_risk",
        # The synthetic data has ten surnames: a surname matches a tenth of all cases,
        # far more than any real one; a full name or a case number is closer to use.
        "list_searched_surname": "/cases/?q=Hansen",
        "list_searched_full_name": "/cases/?q=Ole+Hansen",
        "list_searched_number": f"/cases/?q={timezone.localdate().year}-0004",
        "case_page": f"/cases/{case_id}/",
    }
    counts = query_counts(kari, paths)
    cookie = session_cookie(kari)
    loop_before = python_loop_seconds()
    with server() as running:
        urls = {name: running.url + path for name, path in paths.items()}
        load(urls, cookie, 2, 2)  # warm up
        one = load(urls, cookie, 1, args.rounds * 3)
        ten = load(urls, cookie, 10, args.rounds, server_pid=running.pid)
    print(
        json.dumps(
            {
                "benchmark": "cases",
                "database": connection.vendor,
                "cases": Application.objects.count(),
                "seed_seconds": seed_seconds,
                "server": f"gunicorn, {workers()} sync workers, DEBUG off",
                "python_loop_s": {"before_load": loop_before, "after_load": python_loop_seconds()},
                "list_total": f"exact up to {COUNT_CAP}, then 'more than {COUNT_CAP}'",
                "query_counts": counts,
                "one_client": one,
                "ten_clients": ten,
                "target": {"p95_ms_ten_clients": 150, "letter_p50_s": 0.5},
                "decision_letter": letter_times(kari, case_id, 7),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
