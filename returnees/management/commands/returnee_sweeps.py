"""Run the returnee sweeps now (for operators: after an outage, or to check a deployment).

Safe at any time: both sweeps compute from the database and every alert is keyed in the
reminder log, so nothing is sent twice.
"""

from django.core.management.base import BaseCommand

from returnees import tasks


class Command(BaseCommand):
    help = "Run the returnee check-in and retention sweeps once, now."

    def handle(self, *args, **options):
        self.stdout.write(f"check-ins: {tasks.checkin_sweep()}")
        self.stdout.write(f"retention: {tasks.retention_sweep()}")
