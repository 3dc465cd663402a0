"""`make audit` (.ci/audit.py): what it decides from pip-audit's findings.

pip-audit is pointed at a local OSV-compatible feed (AUDIT_OSV_URL, the same option an operator
uses for a mirror), so the decisions are checked against advisories the test chooses: a fixable
vulnerability in a locked package fails, one without a fix does not, and a feed that knows
nothing, not even the canary's advisories, is "not audited" rather than "clean".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]


def advisory(package: str, ident: str, fixed: str | None) -> dict:
    events = [{"introduced": "0"}] + ([{"fixed": fixed}] if fixed else [])
    return {
        "id": ident,
        "summary": f"Test advisory for {package}",
        "affected": [
            {
                "package": {"name": package, "ecosystem": "PyPI"},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
            }
        ],
    }


def affects(vuln: dict, version: str) -> bool:
    events = vuln["affected"][0]["ranges"][0]["events"]
    fixed = [event["fixed"] for event in events if "fixed" in event]
    return not fixed or Version(version) < Version(fixed[0])


def feed(advisories: dict[str, list[dict]]):
    """An OSV /v1/query endpoint on loopback answering from ``advisories`` (name -> vulns),
    as osv.dev does: only the advisories that affect the version asked about."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            vulns = [
                vuln
                for vuln in advisories.get(query["package"]["name"], [])
                if affects(vuln, query["version"])
            ]
            body = json.dumps({"vulns": vulns} if vulns else {}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_audit(advisories: dict[str, list[dict]], **env: str) -> subprocess.CompletedProcess:
    server = feed(advisories)
    try:
        return subprocess.run(
            [sys.executable, str(ROOT / ".ci" / "audit.py")],
            capture_output=True,
            text=True,
            env={**os.environ, "AUDIT_OSV_URL": f"http://127.0.0.1:{server.server_port}/v1/query", **env},
            timeout=300,
            check=False,
        )
    finally:
        server.shutdown()


CANARY = {"django": [advisory("django", "CANARY-1", "4.2.1")]}


def test_a_locked_package_with_a_fixed_release_fails_the_audit():
    result = run_audit({**CANARY, "celery": [advisory("celery", "TEST-CELERY-1", "99.0")]})
    assert result.returncode == 1
    assert "VULNERABLE: celery" in result.stdout
    assert "TEST-CELERY-1 (fixed in 99.0)" in result.stdout


def test_a_vulnerability_without_a_fix_is_reported_but_does_not_fail():
    result = run_audit({**CANARY, "celery": [advisory("celery", "TEST-CELERY-2", None)]})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "known, no fix available: celery" in result.stdout
    assert "Audited" in result.stdout


def test_a_feed_that_knows_no_advisories_is_not_taken_for_a_clean_audit():
    result = run_audit({})
    assert result.returncode == 3
    assert "DEPENDENCY AUDIT NOT DONE" in result.stdout
    assert run_audit({}, AUDIT_REQUIRED="1").returncode == 1
