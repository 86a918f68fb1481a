"""The shipped gunicorn settings: one sync worker per core unless the operator says
otherwise with WEB_CONCURRENCY (gunicorn's own variable)."""

import importlib
import multiprocessing

from config import gunicorn_conf


def _reloaded(monkeypatch, value):  # noqa: ANN001, ANN202
    if value is None:
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    else:
        monkeypatch.setenv("WEB_CONCURRENCY", value)
    return importlib.reload(gunicorn_conf)


def test_one_sync_worker_per_core_by_default(monkeypatch):
    conf = _reloaded(monkeypatch, None)
    assert (conf.workers, conf.worker_class) == (multiprocessing.cpu_count(), "sync")


def test_web_concurrency_sets_the_workers(monkeypatch):
    assert _reloaded(monkeypatch, "7").workers == 7
    assert _reloaded(monkeypatch, "").workers == multiprocessing.cpu_count()
    _reloaded(monkeypatch, None)
