from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sanctuary import demo


class Command(BaseCommand):
    help = "Create fictional demo data for every role. Safe to run again. Refuses without DEBUG."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        ctx = demo.DemoContext()
        with transaction.atomic():
            demo.seed(ctx)
            for app in settings.SANCTUARY_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.seed(ctx)
                self.stdout.write(f"  {app}: done")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Sign in with any demo email and the password {demo.DEMO_PASSWORD}."
            )
        )
