from django.core.management.base import BaseCommand

from awards.services import streams_load


class Command(BaseCommand):
    help = "Create the starting award streams and criteria that do not exist yet (safe to re-run)."

    def handle(self, *args, **options):
        created = streams_load()
        self.stdout.write(self.style.SUCCESS(f"{created} streams or criteria created."))
