from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from notifications.services import quiet

# Each app that has demo content provides `<app>.demo.load(members)`; order matters.
DEMO_MODULES = [
    "community.demo",
    "webinars.demo",
    "moderation.demo",
    "notifications.demo",
    "mentors.demo",
    "safety.demo",
    "conversations.demo",
]


class Command(BaseCommand):
    help = "Loads fictional demo members, groups, threads and webinars. Safe to run again."

    def handle(self, *args, **options):
        # The demo writes posts through the real services: quiet() keeps them from filling
        # inboxes and sending e-mail (notifications.demo writes the demo inbox itself).
        with transaction.atomic(), quiet():
            members = accounts_demo.load()
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(members)
        *others, last = [handle for handle, *_ in accounts_demo.MEMBERS]
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Log in as {', '.join(others)} or {last} "
                f"with the password '{accounts_demo.DEMO_PASSWORD}'."
            )
        )
