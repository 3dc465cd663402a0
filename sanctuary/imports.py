"""Imports from files people download elsewhere (the council register, ONS postcode files,
Parliament's members): one way to report bad rows, and one way for a command to run an import.

A bad row never stops an import and is never lost silently: it is skipped and reported with its
line number and the reason, as it is found (``on_problem``, which a command prints) and in the
summary. A file that is not of the expected kind at all (missing columns) is refused whole with
``ImportFormatError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

from django.core.management.base import BaseCommand, CommandError

# A file of nothing but bad rows must not fill memory: the first problems are kept for the
# summary; every one of them is still passed to ``on_problem`` as it is found.
KEPT_PROBLEMS = 100

ProblemReporter = Callable[[int, str], None]
Report = TypeVar("Report", bound="ImportReport")


class ImportFormatError(ValueError):
    """The file is not of the kind expected (its header lacks a column the import needs)."""


@dataclass
class ImportReport:
    """What an import did; services subclass it with their own counts."""

    skipped: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    on_problem: ProblemReporter | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        """Every count of the report by name (what an import's audit record keeps)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), int)}

    def problem(self, line: int, reason: str) -> None:
        """Row ``line`` is skipped because of ``reason``."""
        self.skipped += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append((line, reason))
        if self.on_problem is not None:
            self.on_problem(line, reason)


class ImportCommand(BaseCommand):
    """A management command that imports one CSV file through a service."""

    def run_import(self, service: Callable[..., Report], source: Path, **options) -> Report:
        """Call ``service(path=source, on_problem=..., **options)``, printing each bad row as it
        is found; an unreadable or wrong kind of file is a clear error, never a traceback."""
        if not source.is_file():
            raise CommandError(f"No such file: {source}")

        def report(line: int, problem: str) -> None:
            self.stderr.write(f"line {line}: {problem} (skipped)")

        try:
            return service(path=source, on_problem=report, **options)
        except (UnicodeDecodeError, OSError, ImportFormatError) as exc:
            raise CommandError(f"Could not read {source}: {exc}") from exc
