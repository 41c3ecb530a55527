from django.core.management.base import BaseCommand

from insights import rollup


class Command(BaseCommand):
    help = (
        "Stores the staff insights' daily figures: today, the last days again, and every "
        "older day that has none yet (the hourly beat task does the same; run this once "
        "after loading a large history)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--recount-days",
            type=int,
            default=rollup.RECOUNT_DAYS,
            help=f"measure again the last N days (default {rollup.RECOUNT_DAYS})",
        )

    def handle(self, *args, recount_days: int, **options):
        written = rollup.roll_up(recount_days=recount_days)
        if options["verbosity"]:
            plural = "s" if written != 1 else ""
            self.stdout.write(f"Stored the figures of {written} day{plural}.")
