from django.core.management.base import BaseCommand

from boligtorg.finance.services.reference import reference_defaults_ensure


class Command(BaseCommand):
    help = (
        "Load the default finance reference tables and rates that are missing (SIFO, "
        "social assistance, housing allowance, products, Norges Bank's policy rate). "
        "Check every figure marked APPROXIMATE, ESTIMATE or PLACEHOLDER in its source "
        "against the published table before a decision rests on it."
    )

    def handle(self, *args: object, **options: object) -> None:
        made = reference_defaults_ensure()
        self.stdout.write(f"{made} reference rows created.")
