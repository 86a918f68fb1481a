from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from boligtorg.core.demo import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Create the synthetic demo data (idempotent) and print the demo logins."

    def handle(self, *args: object, **options: object) -> None:
        with translation.override("en"), transaction.atomic():
            logins = load_demo_data()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, description in logins:
            self.stdout.write(f"  {username:<8} {description}")
