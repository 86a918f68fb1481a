"""gunicorn's settings for Boligtorg: ``gunicorn -c python:config.gunicorn_conf config.wsgi``.

The benchmarks (``bench/common.server``) serve with these same settings."""

import multiprocessing
import os


def _workers() -> int:
    """Sync workers: ``WEB_CONCURRENCY`` when set, else one per core.

    A request here is CPU work (templates and the ORM; PostgreSQL answers each query in
    well under a millisecond), so workers beyond the cores only take turns on them and
    each request gets dearer. On two cores with PostgreSQL on the same machine and ten
    clients, 2 workers against gunicorn's ``2 * cores + 1`` = 5 took the case page's
    p95 from 160-171 ms to 118-131 ms and its server CPU from 18.5-21.4 to 13.9-15.5 ms
    per request (three alternating runs). With the database on another machine a
    worker also waits for the network: set ``WEB_CONCURRENCY`` higher there."""
    return int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())


workers = _workers()
worker_class = "sync"
