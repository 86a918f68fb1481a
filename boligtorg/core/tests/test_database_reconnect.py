"""A kept database connection that the server has closed (a restart, a failover, an
idle timeout) is replaced when the next request starts, not handed to it broken."""

import time

import psycopg
import pytest
from django.core.signals import request_started
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="terminating a server connection needs PostgreSQL's pg_terminate_backend",
)


def _terminate(pid):
    """Close the server side of a connection, as a restart does, from another one."""
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "options"):
        params.pop(key, None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            alive = other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if alive.fetchone() is None:
                return
            time.sleep(0.02)
    raise AssertionError(f"backend {pid} did not end")


def test_a_request_after_the_database_dropped_its_connection_gets_a_fresh_one(
    transactional_db,
):
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # connections are kept
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (old_pid,) = cursor.fetchone()
    _terminate(old_pid)

    request_started.send(sender=None)  # what Django does when the next request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (new_pid,) = cursor.fetchone()

    assert new_pid != old_pid
