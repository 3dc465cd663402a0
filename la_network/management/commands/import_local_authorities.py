from pathlib import Path

from la_network import register, services
from sanctuary.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Create or update councils from mySociety's register CSV (keyed on the register code). "
        "Safe to run again; bad rows are reported with their line number and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="CSV file (default: LA_REGISTER_PATH, else the built-in sample)"
        )

    def handle(self, *args, path=None, **options):
        source = Path(path) if path else register.register_default_path()
        result = self.run_import(services.register_import, source)
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
            f"skipped {result.skipped}"
        )
