"""Shared parts of the benchmarks: Django set-up on the bench settings, a real
server process (gunicorn), a logged-in session, and timed concurrent requests."""

import concurrent.futures
import contextlib
import dataclasses
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk seed, as autovacuum would
    a minute later: timed before that, a page runs on plans made for empty tables
    (the surname search took 1.2 s instead of 22 ms on the first run)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def session_cookie(user) -> str:  # noqa: ANN001
    """A session for ``user`` written straight to the session store."""
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def python_loop_seconds() -> float:
    """CPU seconds a fixed pure-Python loop takes here (best of three): the same code
    and page measured 25-60 % apart minutes apart on a shared machine, and this says
    how fast the machine was when a result was taken."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        total = 0
        for number in range(5_000_000):
            total += number
        best = min(best, time.process_time() - started)
    return round(best, 3)


def workers() -> int:
    """The server's sync workers, as the shipped gunicorn settings set them."""
    from config import gunicorn_conf

    return gunicorn_conf.workers


def free_port() -> int:
    """A port nobody listens on now: benchmarks run side by side on one machine, and
    with a fixed port the second one's clients would time the first one's server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclasses.dataclass(frozen=True)
class Server:
    url: str  # base URL, no trailing slash
    pid: int  # gunicorn's master; its workers are its children


@contextlib.contextmanager
def server() -> Iterator[Server]:
    """gunicorn serving the project on the bench settings."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--config=python:config.gunicorn_conf",
            f"--bind=127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if process.poll() is not None:
                raise SystemExit("the server exited before it answered")
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        yield Server(base, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=15)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an error here: a lost session would otherwise time the login page."""

    def redirect_request(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def timed_get(url: str, cookie: str) -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    with _opener.open(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used (Linux /proc), with that of
    their children that have exited: a PostgreSQL backend or an autovacuum worker
    that ends during a run hands its time to the postmaster (which waited for it)
    instead of taking it out of the sum (one run read -11 ms per request)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += sum(map(int, fields[11:15]))  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _server_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return [master]
    return [master, *map(int, children)]


def _postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine, when it runs here."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
    return pids


def _cpu_now(servers: list[int], databases: list[int]) -> dict[str, float]:
    """CPU seconds used so far by the server's processes, PostgreSQL's (when it runs
    on this machine) and this process, whose threads are the clients."""
    now = {"server": _cpu_seconds(servers)}
    if databases:
        now["postgres"] = _cpu_seconds(databases)
    now["clients"] = time.process_time()
    return now


def load(
    urls: dict[str, str], cookie: str, clients: int, rounds: int, server_pid: int | None = None
) -> dict[str, dict]:
    """Median and p95 in ms of each URL, ``rounds`` requests per client.

    With ``server_pid`` (gunicorn's master), each URL also gets the CPU time one
    request cost the server's workers, PostgreSQL (when it runs on this machine) and
    the clients: on a machine of two cores with ten clients, the latency is mostly
    queueing for a core, and these say which part to make cheaper."""
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        for name, url in urls.items():
            if server_pid is not None:
                servers, databases = _server_pids(server_pid), _postgres_pids()
                before = _cpu_now(servers, databases)
            futures = [pool.submit(timed_get, url, cookie) for _ in range(rounds * clients)]
            times = [f.result() for f in futures]
            results[name] = {
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(statistics.quantiles(times, n=20)[18], 1),
                "requests": len(times),
            }
            if server_pid is not None:
                after = _cpu_now(servers, databases)
                results[name]["cpu_ms_per_request"] = {
                    part: round((after[part] - before[part]) * 1000 / len(times), 1)
                    for part in before
                }
    return results


def query_counts(user, urls: dict[str, str]) -> dict[str, int]:  # noqa: ANN001
    """Queries each page runs, in process with Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts[name] = len(queries)
    return counts
