"""Importing a municipality's stock of dwellings, and the dwelling list at national scale.

Times, in one run: validating and importing 11,000 dwellings (Oslo's stock) from CSV
and from XLSX end to end (read + validate + write, all or nothing), against saving
the same rows one by one through the ordinary service (the baseline, measured on a
sample and scaled); and the dwelling list's median/p95 with 116,000 dwellings
(Norway's stock) under 1 and 10 clients. Prints one JSON object; ``python_loop_s``
says how fast the machine was around the load (``common.python_loop_seconds``).

    DATABASE_URL=postgres://... .venv/bin/python bench/dwellings.py
"""

import argparse
import csv
import io
import json
import random
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

import openpyxl  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from boligtorg.core.factories import actor_for, member  # noqa: E402
from boligtorg.core.models import Municipality, Role, User  # noqa: E402
from boligtorg.housing import services  # noqa: E402
from boligtorg.housing.models import Dwelling, DwellingType  # noqa: E402
from boligtorg.housing.transfer import HEADER, read_upload  # noqa: E402

# 288 street names: Norway's municipal dwellings lie in thousands of streets, a few
# hundred dwellings in the busiest. (With six names, one street held a sixth of the
# national stock, and a search for it walked 96,000 rows of the address order past
# the other five streets before it found its first 25.)
_STREET_FIRST = (  # noqa: SIM905 - a list of words reads best as words
    "Kirke Stor Elve Skole Fjord Bakke Sjø Berg Skog Myr Strand Bjørke Furu Lyng Eike Haug "
    "Dal Åker Løkke Bro Mølle Torg Hage Park"
).split()
_STREET_LAST = "gata vegen veien bakken stien svingen lia haugen jordet tunet løkka åsen".split()  # noqa: SIM905
STREETS = [first + last for first in _STREET_FIRST for last in _STREET_LAST]


def rows(count: int, seed: str) -> list[dict[str, str]]:
    rng = random.Random(seed)  # noqa: S311
    out = []
    for n in range(count):
        out.append(
            {
                "address": f"{rng.choice(STREETS)} {n // 40 + 1}, {seed}",
                "unit_number": f"H{(n % 40) // 8 + 1:02d}{n % 8 + 1:02d}",
                "dwelling_type": rng.choice([DwellingType.APARTMENT, DwellingType.BEDSIT]),
                "bedrooms": str(rng.randint(0, 4)),
                "usable_area": f"{rng.randint(25, 110)}.5",
                "floor": str((n % 40) // 8 + 1),
                "gnr": str(100 + n // 400),
                "bnr": str(n // 40 % 10 + 1),
                "disposition_form": "owned",
                "rent": str(rng.randrange(6000, 16000, 100)),
                "status": "ready",
                "wheelchair_accessible": rng.choice(["yes", "no"]),
            }
        )
    return out


def as_csv(data: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, delimiter=";")
    writer.writeheader()
    writer.writerows(data)
    return buffer.getvalue().encode()


def as_xlsx(data: list[dict[str, str]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in data:
        sheet.append([row.get(name, "") for name in HEADER])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def officer(municipality: Municipality, username: str) -> User:
    """A user with the allocation-member role in ``municipality`` (made once)."""
    user = User.objects.filter(username=username).first()
    return user or member(username, municipality, Role.ALLOCATION_MEMBER, national_id="")


def importer(code: str):  # noqa: ANN201
    """An actor in an empty bench municipality ``code``."""
    municipality, _ = Municipality.objects.get_or_create(
        country="NO", code=code, defaults={"name": f"Bench {code}"}
    )
    Dwelling.objects.filter(municipality=municipality).delete()
    return actor_for(officer(municipality, f"bench-officer-{code}"), municipality)


def timed_import(name: str, payload: bytes, code: str) -> dict[str, float]:
    actor = importer(code)
    started = time.perf_counter()
    parsed, errors = read_upload(name, payload)
    read_s = time.perf_counter() - started
    written = services.dwellings_import(actor=actor, rows=parsed, errors=errors)
    total = time.perf_counter() - started
    return {"rows": written, "read_s": round(read_s, 2), "total_s": round(total, 2)}


def row_by_row(data: list[dict[str, str]], code: str) -> dict[str, float]:
    """The baseline: each row through ``dwelling_create`` in its own transaction."""
    actor = importer(code)
    parsed, _ = read_upload("sample.csv", as_csv(data))
    started = time.perf_counter()
    for row in parsed:
        values = dict(row.values)
        values.pop("owner", None)
        with transaction.atomic():
            services.dwelling_create(actor=actor, **values)
    seconds = time.perf_counter() - started
    return {"rows": len(parsed), "seconds": round(seconds, 2)}


def seed_national(total: int) -> User:
    """116,000 dwellings in one municipality, written in bulk (no services: this is
    the list's load, not the import's)."""
    municipality, _ = Municipality.objects.get_or_create(
        country="NO", code="0301", defaults={"name": "Bench national"}
    )
    have = Dwelling.objects.filter(municipality=municipality).count()
    data = rows(total - have, "national") if total > have else []
    stamp = timezone.now()
    Dwelling.objects.bulk_create(
        (
            Dwelling(
                municipality=municipality,
                address=f"{r['address']} #{i}",
                unit_number=r["unit_number"],
                dwelling_type=r["dwelling_type"],
                bedrooms=int(r["bedrooms"]),
                rent=int(r["rent"]),
                status=random.Random(i).choice(["ready", "let", "let", "let", "maintenance"]),  # noqa: S311
                disposition_form="owned",
                created_at=stamp,
                updated_at=stamp,
            )
            for i, r in enumerate(data, start=have)
        ),
        batch_size=5000,
    )
    return officer(municipality, "bench-national")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=11_000)
    parser.add_argument("--national", type=int, default=116_000)
    parser.add_argument("--baseline-sample", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    data = rows(args.rows, "import")
    csv_result = timed_import("dwellings.csv", as_csv(data), "9901")
    xlsx_result = timed_import("dwellings.xlsx", as_xlsx(data), "9902")
    sample = row_by_row(rows(args.baseline_sample, "baseline"), "9903")
    per_row = sample["seconds"] / sample["rows"]
    baseline_total = per_row * args.rows

    user = seed_national(args.national)
    analyze()
    paths = {
        "list": "/housing/",
        "list_filtered": "/housing/?status=ready&min_bedrooms=2",
        "list_searched": "/housing/?q=Storgata",
        # A word in every twelfth street name, spread over the alphabet.
        "list_searched_common_word": "/housing/?q=gata",
    }
    counts = query_counts(user, paths)
    cookie = session_cookie(user)
    loop_before = python_loop_seconds()
    with server() as running:
        urls = {name: running.url + path for name, path in paths.items()}
        load(urls, cookie, 2, 2)
        one = load(urls, cookie, 1, args.rounds * 3)
        ten = load(urls, cookie, 10, args.rounds, server_pid=running.pid)

    print(
        json.dumps(
            {
                "benchmark": "dwellings",
                "database": connection.vendor,
                "import_csv": csv_result,
                "import_xlsx": xlsx_result,
                "baseline_row_by_row": {
                    **sample,
                    "per_row_ms": round(per_row * 1000, 2),
                    "scaled_to_rows_s": round(baseline_total, 1),
                },
                "speedup_vs_row_by_row": {
                    "csv": round(baseline_total / csv_result["total_s"], 1),
                    "xlsx": round(baseline_total / xlsx_result["total_s"], 1),
                },
                "national_dwellings": Dwelling.objects.filter(municipality__code="0301").count(),
                "server": f"gunicorn, {workers()} sync workers, DEBUG off",
                "python_loop_s": {"before_load": loop_before, "after_load": python_loop_seconds()},
                "query_counts": counts,
                "one_client": one,
                "ten_clients": ten,
                "target": {"import_total_s": 5, "speedup": 10, "list_p95_ms": 150},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
