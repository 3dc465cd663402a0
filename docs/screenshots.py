"""`make screenshots`: PNGs of the main pages at desktop and phone sizes, for the README.

Seeds the demo data into a throwaway SQLite database, serves it on a free loopback port,
signs in as the demo people and captures each page with Debian's Chromium.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from docs/: make the project importable
OUT = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# (file name, demo login or None, path)
PAGES = [
    ("home", None, "/"),
    ("groups-directory", None, "/groups/"),
    ("group-page", None, "/groups/riverton/"),
    ("charter", None, "/charter/"),
    ("awards", None, "/awards/"),
    ("la-network-register", None, "/la-network/"),
    ("campaigns", None, "/campaigns/"),
    ("group-workspace", "lead1@example.org", "/groups/riverton/manage/"),
    ("supporter-progress", "supporter@example.org", "/campaigns/progress/"),
    ("guardian-cases", "guardian1@example.org", "/returnees/"),
    ("coordinator-dashboard", "coordinator@example.org", "/returnees/"),
    ("staff-dashboard", "staff@example.org", "/dashboard/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sign_in(page, base: str, email: str, step: int) -> None:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from sanctuary.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        # A code is accepted once: each signing-in uses the next time step (tolerance 1).
        counter = list(yield_hotp_counters_from_time())[1] + step
        page.get_by_label("Code").fill(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="sanctuary-shots-"))
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "SQLITE_PATH": str(workdir / "db.sqlite3"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "DJANGO_SETTINGS_MODULE": "sanctuary.settings",
    }
    for key in ("DATABASE_URL", "REDIS_URL"):
        env.pop(key, None)
    os.environ.update(env)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        import django

        django.setup()
        from playwright.sync_api import sync_playwright

        OUT.mkdir(parents=True, exist_ok=True)
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            for step, (size, viewport) in enumerate(SIZES.items()):
                contexts: dict[str | None, object] = {}
                for name, login, path in PAGES:
                    if login not in contexts:
                        context = browser.new_context(viewport=viewport, is_mobile=size == "phone")
                        page = context.new_page()
                        if login:
                            sign_in(page, base, login, step)
                        contexts[login] = page
                    page = contexts[login]
                    page.goto(f"{base}{path}")
                    page.screenshot(path=OUT / f"{name}-{size}.png", full_page=False)
                    print(f"  {name}-{size}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Screenshots written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
