"""Draw every app's logos (the ``logos`` hook) into its static files, as SVG and PNG."""

from django.core.management.base import BaseCommand

from sanctuary import hooks
from sanctuary.logos import write_static


class Command(BaseCommand):
    help = "Write the award and network logos (SVG and PNG) into the apps' static files."

    def handle(self, *args, **options):
        for logo in hooks.collect("logos"):
            for path in write_static(logo):
                self.stdout.write(str(path))
