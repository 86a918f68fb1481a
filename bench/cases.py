"""Case list and case page under load, and the decision letter PDF.

Seeds 100,000 synthetic cases (bulk, fictitious persons), starts a real server
process, and measures with 1 and with 10 concurrent clients the median and p95
time of: the case list filtered, the case list searched, and a case page; and the
query count of each page. Prints one JSON object.

    DATABASE_URL=postgres://... .venv/bin/python bench/cases.py [--cases 100000]
"""

import argparse
import concurrent.futures
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"

import django  # noqa: E402

django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from boligtorg.cases.models import (  # noqa: E402
    Application,
    Household,
    HouseholdMember,
    Person,
    TargetGroup,
)
from boligtorg.cases.services.applications import target_groups_ensure  # noqa: E402
from boligtorg.core.factories import member  # noqa: E402
from boligtorg.core.models import Municipality, Role, User  # noqa: E402

FIRST = ["Ole", "Amina", "Jonas", "Sara", "Ahmed", "Ingrid", "Mohammed", "Nora", "Per", "Liv"]
LAST = ["Hansen", "Ali", "Berg", "Johansen", "Haile", "Olsen", "Nilsen", "Yusuf", "Dahl", "Lie"]
PORT = 8765


def seed(total: int) -> tuple[User, list[int]]:
    municipality, _ = Municipality.objects.get_or_create(
        country="NO", code="5001", defaults={"name": "Trondheim"}
    )
    target_groups_ensure(municipality=municipality)
    kari = User.objects.filter(username="bench-kari").first() or member(
        "bench-kari", municipality, Role.CASEWORKER, first_name="Kari", last_name="Bench"
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


def query_counts(kari: User, case_id: int) -> dict[str, int]:
    client = Client()
    client.force_login(kari)
    counts = {}
    for name, url in (
        ("list_filtered", "/cases/?status=submitted&situation=at_risk"),
        ("list_searched", "/cases/?q=Hansen"),
        ("case_page", f"/cases/{case_id}/"),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def timed_get(url: str, cookie: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def load(urls: list[str], cookie: str, clients: int, rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[float]] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        for name_url in urls:
            name, url = name_url.split("|", 1)
            futures = [pool.submit(timed_get, url, cookie) for _ in range(rounds * clients)]
            results[name] = [f.result() for f in futures]
    return {
        name: {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(statistics.quantiles(times, n=20)[18], 1),
            "requests": len(times),
        }
        for name, times in results.items()
    }


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


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
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    kari, ids = seed(args.cases)
    seed_seconds = round(time.perf_counter() - started, 1)
    case_id = ids[len(ids) // 2]
    counts = query_counts(kari, case_id)

    session = SessionStore()
    session["_auth_user_id"] = str(kari.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = kari.get_session_auth_hash()
    session.create()
    cookie = f"sessionid={session.session_key}"

    workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's rule of thumb for sync workers
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_for(f"{base}/healthz")
        urls = [
            f"list_filtered|{base}/cases/?status=submitted&situation=at_risk",
            f"list_searched|{base}/cases/?q=Hansen",
            f"case_page|{base}/cases/{case_id}/",
        ]
        load(urls, cookie, 2, 2)  # warm up
        one = load(urls, cookie, 1, args.rounds * 3)
        ten = load(urls, cookie, 10, args.rounds)
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(
        json.dumps(
            {
                "benchmark": "cases",
                "database": connection.vendor,
                "cases": Application.objects.count(),
                "seed_seconds": seed_seconds,
                "server": f"gunicorn, {workers} sync workers, DEBUG off",
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
