from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from la_network import register, services


class Command(BaseCommand):
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
        if not source.is_file():
            raise CommandError(f"No such file: {source}")
        try:
            result = services.register_import(path=source)
        except (UnicodeDecodeError, OSError, register.RegisterFormatError) as exc:
            raise CommandError(f"Could not read {source}: {exc}") from exc
        for line, problem in result.problems:
            self.stderr.write(f"line {line}: {problem} (skipped)")
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
            f"skipped {result.skipped}"
        )
