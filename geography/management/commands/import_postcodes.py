from pathlib import Path

from django.core.management.base import CommandError

from geography import register, services
from sanctuary.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Create or update postcodes from an ONS postcode file: the ONS Postcode Directory (ONSPD), "
        "the National Statistics Postcode Lookup (NSPL), or the ONS postcode-to-constituency or "
        "postcode-to-local-authority lookup, as CSV. Columns are found by name: the postcode "
        "(pcds, pcd, pcd7 or pcd8), the council (lad25cd, lad24cd, oslaua or laua), the "
        "constituency (pcon24cd or pcon), lat and long, and doterm (terminated postcodes are left "
        "out). Only the postcode is required. The file is read as a stream and written in batches; "
        "running it again changes nothing. Bad rows are reported with their line number and "
        "skipped. Without a path, the shipped sample is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="CSV file (default: the shipped sample)")
        parser.add_argument(
            "--batch-size", type=int, default=services.DEFAULT_BATCH_SIZE, help="rows written per statement"
        )

    def handle(self, *args, path=None, batch_size=services.DEFAULT_BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        source = Path(path) if path else register.SAMPLE_POSTCODES
        result = self.run_import(services.postcodes_import, source, batch_size=batch_size)
        self.stdout.write(
            f"read {result.read} rows in {result.batches} batches: created {result.created}, "
            f"updated {result.updated}, terminated (left out) {result.terminated}, skipped {result.skipped}"
        )
