"""The jobs of ``manage.py boligtorg_daily``, as dotted paths so that each module
adds its own without core importing it. A job takes the day it runs for and
returns how many things it did; running it twice on one day does nothing the
second time (ARCHITECTURE.md, "Time and jobs")."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.module_loading import import_string

DailyJob = Callable[[datetime.date], int]

DAILY_JOBS: list[str] = [
    "boligtorg.housing.jobs.lease_expiry_reminders",
    "boligtorg.housing.jobs.dwellings_release_ended_leases",
    "boligtorg.allocation.services.offers.offers_expire",
    "boligtorg.followup.jobs.goal_review_reminders",
    "boligtorg.followup.jobs.visit_reminders",
    "boligtorg.followup.jobs.arrears_warnings",
    "boligtorg.followup.jobs_houses.house_meeting_reminders",
    "boligtorg.followup.jobs_career.career_reminders",
]

# The jobs that only make reminders (through ``core.notifications.notify``) and
# change nothing else: run again when a user reads their reminders, so those are
# current from the data; the nightly run of them sends the e-mail.
REMINDER_JOBS: list[str] = [
    "boligtorg.housing.jobs.lease_expiry_reminders",
    "boligtorg.followup.jobs.goal_review_reminders",
    "boligtorg.followup.jobs.visit_reminders",
    "boligtorg.followup.jobs.arrears_warnings",
    "boligtorg.followup.jobs_houses.house_meeting_reminders",
    "boligtorg.followup.jobs_career.career_reminders",
]


def run_daily_jobs(today: datetime.date) -> dict[str, int]:
    """Run every job for ``today``, in the order listed; the count each reports."""
    results: dict[str, int] = {}
    for path in DAILY_JOBS:
        job: DailyJob = import_string(path)
        results[path] = job(today)
    return results
