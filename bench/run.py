"""`make bench`: the platform at national scale, measured in one run against a baseline.

1. Creates its own PostgreSQL database (BENCH_DATABASE_URL's server, else the local one) and
   drops it at the end; the development database is never touched.
2. Builds a small dataset and records each page's query count, then grows it to national
   scale with bulk inserts (timed) and records the counts again: they must be equal.
3. Serves the platform with gunicorn in production mode on loopback and drives every page
   with wrk (N concurrent clients, fixed time each), signed in where the page needs it,
   next to a baseline page that renders 25 rows of one table with one query.
4. Weighs the home page and a guardian's check-in page as a first visit (empty cache,
   compressed): the page and everything it loads, under 100 KB each (bench/weight.py).
5. Runs each periodic sweep over the full data twice (the second must send nothing), renders
   PDFs, and streams the 50,000-row campaign export while measuring peak memory; imports a
   generated ONS postcode file of 1.7 million rows in a child process (time, peak memory).
6. Prints a table and writes bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
REPORTER = ROOT / "bench" / "report.lua"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Services ------------------------------------------------------------------------------------


def server_url() -> str:
    """The PostgreSQL server to create the benchmark database on."""
    import psycopg

    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    for user in ("postgres", "root", os.environ.get("USER", "")):
        candidate = f"postgres://{user}@127.0.0.1:5432/postgres"
        try:
            psycopg.connect(candidate, connect_timeout=3).close()
        except psycopg.Error:
            continue
        return candidate
    sys.exit("No PostgreSQL server: set BENCH_DATABASE_URL (postgres://user@host:5432/db).")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    admin = with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_wrk() -> str:
    if path := shutil.which("wrk"):
        return path
    log("installing wrk (Debian package) for the load generator")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        check=False,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    if path := shutil.which("wrk"):
        return path
    sys.exit("wrk is needed for `make bench`: apt-get install wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(database_url: str, redis_url: str, *, kept: bool) -> dict[str, str]:
    import base64
    import hashlib

    from cryptography.fernet import Fernet

    # A kept database is read again by later runs (--reuse), so its field key must not change:
    # one fixed key for every kept database and its copies (the data is synthetic); otherwise a
    # fresh key per run.
    fixed = hashlib.sha256(b"sanctuary-bench-kept-dataset").digest()
    field_key = base64.urlsafe_b64encode(fixed).decode() if kept else Fernet.generate_key().decode()

    return {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
        "FIELD_ENCRYPTION_KEYS": field_key,
        "LOG_LEVEL": "warning",
        "SECURE_SSL_REDIRECT": "false",
        # Production serves hashed static files from a manifest: collected once per run, here,
        # in a folder of this run's own (two runs sharing one overwrote each other's manifest).
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / f"sanctuary-bench-static-{os.getpid()}"),
    }


# --- Load ----------------------------------------------------------------------------------------------


def gunicorn_workers() -> int:
    # gunicorn's own advice for sync workers: two per core, plus one.
    return 2 * (os.cpu_count() or 1) + 1


def start_gunicorn(port: int, env: dict[str, str]) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "sanctuary.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(gunicorn_workers()),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--keep-alive",
        "5",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    # The master accepts connections before its workers have imported Django: wait for real
    # answers, not an open socket, or the first pages are measured against booting workers.
    deadline = time.monotonic() + 120
    answered = 0
    while time.monotonic() < deadline and answered < 2 * gunicorn_workers():
        try:
            request = urllib.request.Request(
                # Readiness is "serves a page": /healthz answers 503 here by design (no worker
                # and no scheduler run beside the bench server).
                f"http://127.0.0.1:{port}/_bench/baseline/",
                headers={"X-Forwarded-Proto": "https"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                answered += response.status == 200
        except OSError:
            time.sleep(0.3)
    if answered:
        return process
    process.terminate()
    sys.exit("gunicorn did not start")


def drive(
    wrk: str, url: str, *, seconds: int, clients: int, headers: dict[str, str], post_body: str | None = None
) -> dict:
    # wrk's default 2 s timeout drops slow responses without counting them: allow 10 s.
    command = [
        wrk,
        f"-t{min(clients, 2)}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(REPORTER),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    status, location = preflight(url, headers, post_body.replace("{n}", "preflight") if post_body else None)
    env = dict(os.environ)
    if post_body is not None:
        env.update(BENCH_METHOD="POST", BENCH_BODY=post_body)
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, timeout=seconds + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("{"))
    data = json.loads(line)
    duration = data["duration_us"] / 1e6
    return {
        "requests_per_s": round(data["requests"] / duration, 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "errors": data["socket_errors"] + data["bad_status"],
        "requests": data["requests"],
        # wrk counts any status under 400 as success: a redirect to the sign-in page would
        # look fast and healthy, so the first response's status is reported and checked.
        "status": status,
        "redirect": location,
    }


def preflight(url: str, headers: dict[str, str], post_body: str | None) -> tuple[int, str]:
    """One request as wrk will send it, without following redirects: (status, Location)."""
    import http.client

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        if post_body is None:
            conn.request("GET", parts.path, headers=headers)
        else:
            conn.request(
                "POST",
                parts.path,
                body=post_body,
                headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
            )
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


# --- Main ------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=int(os.environ.get("BENCH_CLIENTS", 8)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", 1.0)),
        help="fraction of the national dataset (1.0 = full)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--database",
        help="use (and keep) this database name; with --reuse, "
        "measure a dataset an earlier run kept instead of building one",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="skip migrate and the datasets: the database already holds them"
    )
    parser.add_argument(
        "--only",
        default="pages,weight,jobs,pdfs,export,postcodes",
        help="comma-separated parts to run: pages, weight, jobs, pdfs, export, postcodes, none",
    )
    parser.add_argument("--match", default="", help="only the pages and jobs whose name contains this text")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if args.database:
        args.keep = True
    scenarios_filter = args.match.lower()

    wrk = ensure_wrk() if "pages" in parts else ""
    server = server_url()
    name = args.database or f"sanctuary_bench_{os.getpid()}"
    database_url = with_database(server, name)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    env = bench_environment(database_url, redis_url, kept=bool(args.database))
    os.environ.update(env)
    log(f"database {name} on {urlsplit(server).hostname}; redis {redis_url}")
    if not args.reuse:
        recreate_database(server, name)

    import django

    django.setup()
    from django.core.management import call_command

    from bench import measure

    gunicorn = None
    try:
        measure.MATCH = scenarios_filter
        results: dict = {
            "machine": {
                "cores": os.cpu_count(),
                "clients": args.clients,
                "seconds_per_page": args.seconds,
                "gunicorn_workers": gunicorn_workers(),
            }
        }
        call_command("collectstatic", interactive=False, verbosity=0)
        # A kept dataset gets the migrations added since it was built (new indexes, say).
        call_command("migrate", verbosity=0)
        if not args.reuse:
            results["queries_small"] = measure.build_and_count(scale="small")
            results["dataset"] = measure.build_full(scale=args.scale)
        if "pages" in parts:
            results["queries_full"] = measure.count_queries()
        if parts & {"pages", "weight"}:
            port = free_port()
            log(f"gunicorn on 127.0.0.1:{port} with {gunicorn_workers()} workers")
            gunicorn = start_gunicorn(port, env)
        if "pages" in parts:
            results["pages"] = measure.load_pages(
                lambda url, headers, body=None, seconds=args.seconds: drive(
                    wrk,
                    f"http://127.0.0.1:{port}{url}",
                    seconds=seconds,
                    clients=args.clients,
                    headers={
                        "X-Forwarded-Proto": "https",
                        "Referer": f"https://127.0.0.1:{port}/",
                        **headers,
                    },
                    post_body=body,
                )
            )
        if "weight" in parts:
            results["weight"] = measure.measure_weight(
                f"http://127.0.0.1:{port}", {"X-Forwarded-Proto": "https"}
            )
        if "jobs" in parts:
            results["jobs"] = measure.run_jobs()
        if "pdfs" in parts:
            results["pdfs"] = measure.render_pdfs()
        if "export" in parts:
            results["export"] = measure.stream_export()
        if "postcodes" in parts:
            from bench import postcodes

            rows = int(os.environ.get("BENCH_POSTCODE_ROWS", postcodes.ROWS))
            log(f"postcode import of {rows} generated rows")
            results["postcodes"] = postcodes.measure_import(rows)
        every_part = {"pages", "weight", "jobs", "pdfs", "export", "postcodes"}
        partial = args.reuse or parts != every_part or scenarios_filter
        if partial:
            # A partial run prints what it measured and leaves the full results file alone.
            measure.print_report(results)
            log(f"partial run: {RESULTS.relative_to(ROOT)} not written; database {name} kept")
            return 0 if measure.targets_met(results) else 1
        RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
        measure.print_report(results)
        log(f"results written to {RESULTS.relative_to(ROOT)}")
        return 0 if measure.targets_met(results) else 1
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)
        if not args.keep:
            recreate_database(server, name, drop_only=True)
            try:
                import redis

                redis.Redis.from_url(redis_url).flushdb()
            except Exception as exc:
                log(f"could not flush the benchmark redis db: {exc}")


def session_cookie_headers(user) -> dict[str, str]:
    """A signed-in session for ``user``, as the cookie a browser would send."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from bench.measure import sign_in_records

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.update(sign_in_records(user))
    session.create()
    csrf = secrets.token_hex(16)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return {"Cookie": cookie, "X-CSRFToken": csrf}


def form_body(data: dict[str, str]) -> str:
    return "&".join(f"{quote(k)}={quote(str(v))}" for k, v in data.items())


if __name__ == "__main__":
    sys.exit(main())
