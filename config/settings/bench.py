"""Benchmarks (bench/*.py): production-like (no DEBUG), on the database named by
DATABASE_URL or a throw-away SQLite file."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret-boligtorg"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("DATABASE_URL"):
    DATABASES = {  # noqa: F405
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_SQLITE", "/tmp/boligtorg-bench.sqlite3"),  # noqa: S108
        }
    }
LOGGING = {"version": 1, "disable_existing_loggers": False}
AXES_ENABLED = False
