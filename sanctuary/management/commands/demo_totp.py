from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sanctuary.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current one-time code for the demo staff accounts (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on.")
        counter = next(yield_hotp_counters_from_time())
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
