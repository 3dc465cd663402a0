"""Dependency audit: every package pinned in uv.lock checked with pip-audit.

Fails (exit 1) on a known vulnerability that has a fixed release. A vulnerability with no fix
yet is printed but does not fail: there is nothing to upgrade to.

pip-audit answers "no known vulnerabilities" when it cannot reach its vulnerability service
(every package is reported as "not found" and skipped), so an audit that saw nothing would look
like a clean one. A canary guards against that: a release with published advisories
(Django 4.2.0) is audited first, and unless pip-audit reports them the audit did not happen.
Then the result is "could not audit" (exit 3), never "clean"; with AUDIT_REQUIRED=1 that is a
failure too, for CI runners that are expected to reach the service.

AUDIT_OSV_URL points pip-audit at an OSV-compatible feed (an internal mirror of osv.dev, say)
instead of PyPI's per-release advisories.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = [sys.executable, "-m", "pip_audit"]
CANARY = "django==4.2.0"


def pip_audit(requirements: Path) -> dict:
    command = [
        *PIP_AUDIT,
        "--requirement",
        str(requirements),
        "--no-deps",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    if osv_url := os.environ.get("AUDIT_OSV_URL"):
        command += ["--vulnerability-service", "osv", "--osv-url", osv_url]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"pip-audit gave no report (exit {result.returncode}):\n{result.stderr}")


def locked_requirements(folder: Path) -> Path:
    target = folder / "requirements.txt"
    uv = os.environ.get("UV", str(ROOT / ".tools" / "bin" / "uv"))
    subprocess.run(
        [
            uv,
            "export",
            "--frozen",
            "--no-hashes",
            "--no-emit-project",
            "--format",
            "requirements-txt",
            "--output-file",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def service_answers(folder: Path) -> bool:
    canary = folder / "canary.txt"
    canary.write_text(CANARY + "\n")
    report = pip_audit(canary)
    return any(dep.get("vulns") for dep in report.get("dependencies", []))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not service_answers(folder):
            print(
                f"DEPENDENCY AUDIT NOT DONE: pip-audit found no advisories for {CANARY}, "
                "which has published ones, so its vulnerability service is unreachable from "
                "here. Nothing was checked."
            )
            return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 3
        report = pip_audit(locked_requirements(folder))
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    fixable, unfixed = [], []
    for dep in dependencies:
        for vuln in dep.get("vulns", []):
            line = f"{dep['name']} {dep['version']}: {vuln['id']}"
            if vuln.get("fix_versions"):
                fixable.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixed.append(f"{line} (no fixed release yet)")
    print(f"Audited {len(dependencies) - len(skipped)} locked packages with pip-audit.")
    for line in unfixed:
        print(f"  known, no fix available: {line}")
    for dep in skipped:
        print(f"  not audited: {dep['name']} {dep.get('version', '')}: {dep['skip_reason']}")
    for line in fixable:
        print(f"  VULNERABLE: {line}")
    if skipped:
        print("Some packages could not be audited.")
        return 1
    return 1 if fixable else 0


if __name__ == "__main__":
    sys.exit(main())
