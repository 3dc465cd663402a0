"""Every change to the geography register: importing postcodes, constituencies and MPs."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from geography import register
from geography.models import MP, Constituency, Postcode
from sanctuary.audit import audit_record
from sanctuary.imports import ImportReport, ProblemReporter

DEFAULT_BATCH_SIZE = 5000
POSTCODE_UPDATE_FIELDS = ["outward", "latitude", "longitude", "council_gss", "constituency_code"]


@dataclass
class ImportResult(ImportReport):
    read: int = 0
    written: int = 0
    created: int = 0
    updated: int = 0
    terminated: int = 0
    batches: int = 0


def _upsert(rows: list[dict]) -> None:
    """Insert new postcodes and overwrite known ones in one statement per batch.

    PostgreSQL (and SQLite 3.24+) run ``INSERT ... ON CONFLICT (code) DO UPDATE``; a database
    without it falls back to one update-or-create per row, slow but the same result.
    """
    objects = [Postcode(**row) for row in rows]
    if connection.features.supports_update_conflicts_with_target:
        Postcode.objects.bulk_create(
            objects, update_conflicts=True, unique_fields=["code"], update_fields=POSTCODE_UPDATE_FIELDS
        )
        return
    for row in rows:
        values = dict(row)
        Postcode.objects.update_or_create(code=values.pop("code"), defaults=values)


def postcodes_import(
    *,
    path: Path,
    actor=None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_problem: ProblemReporter | None = None,
) -> ImportResult:
    """Create or update postcodes from an ONS postcode file, streaming it in batches.

    Not one transaction: each batch commits on its own, so a file of 1.7 million rows holds no
    long lock and memory stays flat; running the import again finishes or repeats the work
    (every write is an upsert keyed on the postcode). Bad rows are reported by line and skipped;
    terminated postcodes are left out.
    """
    result = ImportResult(on_problem=on_problem)
    before = Postcode.objects.count()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = register.postcode_columns(reader.fieldnames)
        batch: dict[str, dict] = {}
        first_line: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            result.read += 1
            try:
                values = register.postcode_row_parse(row, columns)
            except ValueError as exc:
                result.problem(line, str(exc))
                continue
            if values is None:
                result.terminated += 1
                continue
            code = values["code"]
            if code in batch:
                # One statement cannot write a row twice; the later line is the one kept.
                result.problem(first_line[code], f"{code} appears again on line {line}; that row is kept")
            batch[code] = values
            first_line[code] = line
            if len(batch) >= batch_size:
                _write_batch(batch, result)
                batch, first_line = {}, {}
        if batch:
            _write_batch(batch, result)
    result.created = Postcode.objects.count() - before
    result.updated = result.written - result.created
    audit_record(
        actor=actor,
        action="geography.postcodes_imported",
        object_type="geography.postcode",
        detail={"file": path.name, **result.counts()},
    )
    return result


def _write_batch(batch: dict[str, dict], result: ImportResult) -> None:
    with transaction.atomic():
        _upsert(list(batch.values()))
    result.written += len(batch)
    result.batches += 1


@dataclass
class MembersResult(ImportReport):
    constituencies_created: int = 0
    constituencies_updated: int = 0
    members_created: int = 0
    members_ended: int = 0
    unchanged: int = 0


@transaction.atomic
def members_import(*, path: Path, actor=None, on_problem: ProblemReporter | None = None) -> MembersResult:
    """Create or update constituencies and their current MPs from Parliament's CSV.

    A constituency's new MP ends the membership of the one before (``to_date``); an MP already
    recorded is left as it is, so the import can run again without changing anything.
    """
    result = MembersResult(on_problem=on_problem)
    today = timezone.localdate()
    known = {c.code: c for c in Constituency.objects.all()}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = register.member_columns(reader.fieldnames)
        for row in reader:
            line = reader.line_num
            try:
                values = register.member_row_parse(row, columns)
            except ValueError as exc:
                result.problem(line, str(exc))
                continue
            constituency = known.get(values["code"])
            if constituency is None:
                constituency = Constituency.objects.create(
                    code=values["code"], name=values["name"], nation=values["nation"]
                )
                known[constituency.code] = constituency
                result.constituencies_created += 1
            elif (constituency.name, constituency.nation) != (values["name"], values["nation"]):
                constituency.name, constituency.nation = values["name"], values["nation"]
                constituency.save(update_fields=["name", "nation"])
                result.constituencies_updated += 1
            member = values["member"]
            if member is None:
                continue
            mp, created = MP.objects.get_or_create(
                constituency=constituency, name=member["name"], defaults=member
            )
            if not created:
                result.unchanged += 1
                continue
            result.members_created += 1
            if mp.to_date is None:
                result.members_ended += (
                    MP.objects.filter(constituency=constituency, to_date__isnull=True)
                    .exclude(pk=mp.pk)
                    .update(to_date=mp.from_date or today)
                )
    audit_record(
        actor=actor,
        action="geography.members_imported",
        object_type="geography.constituency",
        detail={"file": path.name, **result.counts()},
    )
    return result
