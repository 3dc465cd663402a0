"""`make screenshots`: PNGs of the main pages at desktop and phone sizes, for the README.

Seeds the demo data into a throwaway SQLite database, collects the static files as `make run`
does, serves it on a free loopback port, signs in as the demo people and captures each page with
Debian's Chromium. The award and LA membership certificates are rendered to PDF by the platform
and turned into PNG with pdftoppm (poppler-utils), when it is installed.

Files are named ``<page>-<size>-<language>.png``. ``--languages en,cy`` takes every language in
LANGUAGES below; a language is asked for by :func:`localise` (Welsh pages are under /cy/).

    .venv/bin/python docs/screenshots.py                     # every page, English
    .venv/bin/python docs/screenshots.py --only home,guardian-checkin --languages en,cy
"""

from __future__ import annotations

import argparse
import io
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
# Language codes in file names (and in the Welsh pages' /cy/ prefix).
LANGUAGES = ("en", "cy")
CHECKIN_CASE = "RT-DEM0A1"  # guardian1's demo case
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
    ("guardian-checkin", "guardian1@example.org", f"/returnees/cases/{CHECKIN_CASE}/check-ins/new/"),
    ("coordinator-dashboard", "coordinator@example.org", "/returnees/"),
    ("staff-dashboard", "staff@example.org", "/dashboard/"),
]
CERTIFICATES = ("award-certificate", "la-certificate")


def localise(path: str, language: str) -> tuple[str, dict[str, str]]:
    """The path to open and the headers to send to see ``path`` in ``language``: Welsh pages are
    the same paths under /cy/ (English ones keep theirs)."""
    return (path if language == "en" else f"/{language}{path}"), {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def save_png(png: bytes, path: Path) -> None:
    """Screenshots are flat colour: a 256-colour palette keeps them sharp at a fraction of the size."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def sign_in(page, base: str, email: str, step: int) -> None:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from sanctuary.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        # A code is accepted once: each signing-in uses the next time step (tolerance 1).
        counter = list(yield_hotp_counters_from_time())[1] + step
        page.get_by_label("Code").fill(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
        page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
        page.wait_for_load_state()


def certificate_pdfs(language: str) -> dict[str, bytes]:
    """The demo's award and LA membership certificates in ``language``, rendered as the platform
    issues them."""
    from awards.models import Award
    from awards.services import certificate_render
    from la_network.models import Membership
    from la_network.services import certificate_render as membership_certificate_render

    pdfs = {}
    if award := Award.objects.select_related("stream", "organisation").order_by("pk").first():
        pdfs["award-certificate"] = certificate_render(award, language=language)
    if membership := Membership.objects.select_related("local_authority").order_by("pk").first():
        pdfs["la-certificate"] = membership_certificate_render(membership, language=language)
    return pdfs


def render_certificates(languages: list[str], workdir: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("  pdftoppm not found (apt-get install poppler-utils): certificates skipped")
        return
    from django.utils import translation

    for language in languages:
        with translation.override(language):
            for name, pdf in certificate_pdfs(language).items():
                source = workdir / f"{name}.pdf"
                source.write_bytes(pdf)
                subprocess.run(
                    [pdftoppm, "-png", "-r", "110", "-singlefile", str(source), str(workdir / name)],
                    check=True,
                )
                save_png((workdir / f"{name}.png").read_bytes(), OUT / f"{name}-a4-{language}.png")
                print(f"  {name}-a4-{language}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", default="en", help="comma-separated: " + ", ".join(LANGUAGES))
    parser.add_argument("--only", default="", help="comma-separated page names (default: every page)")
    args = parser.parse_args()
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unknown language(s): {', '.join(sorted(unknown))}")
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    pages = [page for page in PAGES if not only or page[0] in only]

    workdir = Path(tempfile.mkdtemp(prefix="sanctuary-shots-"))
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "SQLITE_PATH": str(workdir / "db.sqlite3"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SETTINGS_MODULE": "sanctuary.settings",
    }
    for key in ("DATABASE_URL", "REDIS_URL"):
        env.pop(key, None)
    os.environ.update(env)
    python = sys.executable
    for command in (["migrate"], ["seed_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([python, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
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
            # One sign-in per person and size (each uses the next one-time code); the language is
            # a header of the page, changed between passes.
            for step, (size, viewport) in enumerate(SIZES.items()):
                contexts: dict[str | None, object] = {}
                for language in languages:
                    for name, login, path in pages:
                        url, headers = localise(path, language)
                        if login not in contexts:
                            context = browser.new_context(viewport=viewport, is_mobile=size == "phone")
                            page = context.new_page()
                            if login:
                                sign_in(page, base, login, step)
                            contexts[login] = page
                        page = contexts[login]
                        page.set_extra_http_headers(headers)
                        page.goto(f"{base}{url}")
                        save_png(page.screenshot(full_page=False), OUT / f"{name}-{size}-{language}.png")
                        print(f"  {name}-{size}-{language}.png")
            browser.close()
        if not only or only & set(CERTIFICATES):
            render_certificates(languages, workdir)
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"Screenshots written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
