"""The postcode import at national scale: a generated ONS-style file of 1.7 million rows,
imported by ``manage.py import_postcodes`` in a child process whose time and peak memory are
measured: the child's peak resident memory as the kernel keeps it (``VmHWM`` of the child's
own address space, read by the child at the end; ``resource.getrusage`` where /proc is absent),
so the figure includes Django and the database driver. Not ``getrusage`` of the parent's
children: on Linux that keeps the pre-exec size of the forked parent, which after the national
dataset is the parent's own memory, not the import's. tracemalloc is left off: it would slow
the very import being timed.

    .venv/bin/python -m bench.postcodes --rows 50000      # on its own, against DATABASE_URL

``make bench`` runs it as its ``postcodes`` part, on the benchmark database.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 1_700_000
# One bad row in this many, so the run also proves bad rows are reported and skipped.
BAD_EVERY = 250_000
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
TARGET_SECONDS = 600  # "1.7 million postcodes in minutes"
TARGET_PEAK_MB = 200  # resident memory of the whole child process, Django included


def postcodes():
    """Valid, distinct postcodes: outward codes AA1 ... then every inward code of each."""
    letters = "ABCDEFGHIJKLMNOPRSTUWYZ"
    for first, second, district in itertools.product(letters, letters, range(1, 10)):
        outward = f"{first}{second}{district}"
        for sector in range(10):
            for unit in itertools.product(INWARD_LETTERS, repeat=2):
                yield f"{outward} {sector}{''.join(unit)}"


def generate(path: Path, rows: int) -> int:
    """Write an ONSPD-shaped file of ``rows`` rows (written as a stream); returns the bad rows."""
    rng = random.Random(2026)
    bad = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pcds", "doterm", "oslaua", "pcon", "lat", "long"])
        for n, code in zip(range(1, rows + 1), postcodes(), strict=False):
            if n % BAD_EVERY == 0:
                writer.writerow([code, "", "S12000033", "S14000061", "north", "-2.1"])
                bad += 1
                continue
            writer.writerow(
                [
                    code,
                    "",
                    f"E06{n % 400:06d}",
                    f"E14{1000 + n % 543:06d}",
                    f"{rng.uniform(50.0, 58.5):.6f}",
                    f"{rng.uniform(-5.5, 1.7):.6f}",
                ]
            )
    return bad


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(path: str) -> None:
    """Run in the measured process: the import itself."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanctuary.settings")
    django.setup()
    from io import StringIO

    from django.core.management import call_command

    started = time.perf_counter()
    out, err = StringIO(), StringIO()
    call_command("import_postcodes", path, stdout=out, stderr=err)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "summary": out.getvalue().strip(),
                "problems_reported": err.getvalue().count("\n"),
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


def measure_import(rows: int = ROWS) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-postcodes-") as folder:
        path = Path(folder) / "onspd_generated.csv"
        started = time.perf_counter()
        bad = generate(path, rows)
        generated = time.perf_counter() - started
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.postcodes", "--child", str(path)],
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parent.parent,
        )
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"the postcode import failed with exit status {process.returncode}")
        result = json.loads(output.decode().strip().splitlines()[-1])
        size_mb = path.stat().st_size / 1024 / 1024
    result.update(
        {
            "rows": rows,
            "bad_rows": bad,
            "file_mb": round(size_mb, 1),
            "generate_seconds": round(generated, 1),
        }
    )
    return result


def target_met(result: dict) -> bool:
    return (
        result["seconds"] < TARGET_SECONDS
        and result["peak_rss_mb"] < TARGET_PEAK_MB
        and result["problems_reported"] == result["bad_rows"]
    )


def report_line(result: dict) -> str:
    return (
        f"Postcode import: {result['rows']} generated rows ({result['file_mb']} MB) in "
        f"{result['seconds']} s (target < {TARGET_SECONDS}), peak RSS {result['peak_rss_mb']} MB "
        f"(target < {TARGET_PEAK_MB}), "
        f"{result['problems_reported']} of {result['bad_rows']} bad rows reported by line"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
    else:
        outcome = measure_import(args.rows)
        print(report_line(outcome))
        sys.exit(0 if target_met(outcome) else 1)
