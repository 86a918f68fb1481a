"""The daily run: reminders and expiries. Idempotent, so cron may run it twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from boligtorg.core.daily import run_daily_jobs


class Command(BaseCommand):
    help = "Run the daily jobs (lease-expiry reminders and more); safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Run as on this day (YYYY-MM-DD) instead of today, e.g. to catch up."
        )

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(str(options["date"]))
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        for job, count in run_daily_jobs(today).items():
            self.stdout.write(f"{job}: {count}")
