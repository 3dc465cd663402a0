from pathlib import Path

from geography import register, services
from sanctuary.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Create or update Westminster constituencies (2024 boundaries) and their current MPs from "
        "a CSV of Parliament's open data (the Members API export, Open Parliament Licence). "
        "Columns, matched without regard to case: 'Constituency code' (the GSS code: E14, W07, S14 "
        "or N05; also accepted as 'GSS code' or 'ONS code'), 'Constituency' (its name), and for "
        "the MP: 'Name', 'Party', 'Member id' (Parliament's number), 'Start date' and 'End date' "
        "(YYYY-MM-DD). A row without a name records the constituency only. A new MP ends the "
        "membership of the one before; running it again changes nothing. Bad rows are reported "
        "with their line number and skipped. Without a path, the shipped sample is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="CSV file (default: the shipped sample)")

    def handle(self, *args, path=None, **options):
        source = Path(path) if path else register.SAMPLE_MEMBERS
        result = self.run_import(services.members_import, source)
        self.stdout.write(
            f"constituencies created {result.constituencies_created}, updated "
            f"{result.constituencies_updated}; MPs created {result.members_created}, ended "
            f"{result.members_ended}, unchanged {result.unchanged}; skipped {result.skipped}"
        )
