"""Light pages: what a first visit downloads, and how static files are sent in every mode.

The issue's target: the public home page and a guardian's check-in page under 100 KB on a first
visit (empty cache, compressed). Static files are collected here as production collects them
(hashed names, Brotli and gzip copies) and served by WhiteNoise through the test client.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from bench.weight import TARGET_BYTES, page_weight
from tests.factories import GroupFactory
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
PRODUCTION_STATIC = {"BACKEND": "sanctuary.staticfiles.StaticFilesStorage"}
A_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def collected(tmp_path_factory, django_db_blocker):
    root = tmp_path_factory.mktemp("collected-static")
    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STATIC}
    return collected


def fetcher(client: Client):
    def fetch(path: str, headers: dict[str, str]):
        response = client.get(path, headers=headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, list(response.headers.items()), body

    return fetch


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_the_home_page_weighs_under_100_kb_on_a_first_visit(production_static, client):
    GroupFactory.create_batch(3)
    weight = page_weight(fetcher(client), reverse("home"))
    kinds = {d.kind for d in weight.downloads}
    assert {"html", "css", "js", "icon"} <= kinds, weight.downloads
    assert all(d.status == 200 for d in weight.downloads), weight.downloads
    assert weight.total < TARGET_BYTES, weight.as_json()
    # Every stylesheet and script arrives compressed.
    assert all(d.encoding == "br" for d in weight.downloads if d.kind in ("css", "js")), weight.downloads


def test_a_guardians_check_in_page_weighs_under_100_kb_on_a_first_visit(production_static, client_for):
    case = monitored_case()
    client = client_for(guardian_of(case, lead=True))
    weight = page_weight(fetcher(client), reverse("returnees:checkin_new", args=[case.reference]))
    assert weight.downloads[0].status == 200 and "Record a check-in" in client.get(weight.page).text
    assert all(d.status == 200 for d in weight.downloads), weight.downloads
    assert weight.total < TARGET_BYTES, weight.as_json()


def test_pages_ship_only_the_bootstrap_the_templates_use_and_no_bootstrap_javascript(
    production_static, client
):
    html = client.get(reverse("home")).text
    sheets = _stylesheets(html)
    assert any("bootstrap.subset" in s for s in sheets) and not any("bootstrap.min" in s for s in sheets)
    assert "bootstrap.bundle" not in html
    full = (ROOT / "assets/bootstrap/bootstrap-5.3.9.min.css").stat().st_size
    subset = (ROOT / "static/vendor/bootstrap/bootstrap.subset.css").stat().st_size
    assert subset < full / 3


def test_the_shipped_bootstrap_subset_is_the_one_the_script_makes_from_todays_templates():
    """A class added to a template needs the subset made again: assets/bootstrap/subset.py."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "assets/bootstrap/subset.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hashed_static_files_are_compressed_and_cached_for_a_year(production_static, client):
    stylesheet = _stylesheets(client.get(reverse("home")).text)[-1]
    assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", stylesheet)
    for accept, encoding in (("br, gzip", "br"), ("gzip", "gzip"), ("", None)):
        response = client.get(stylesheet, headers={"Accept-Encoding": accept} if accept else {})
        assert response.status_code == 200
        assert response.headers.get("Content-Encoding") == encoding, accept
        assert "Accept-Encoding" in response.headers["Vary"]
        max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"])[1])
        assert max_age >= A_YEAR and "immutable" in response.headers["Cache-Control"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.headers, response.read()


def test_make_run_collects_first_and_its_development_server_sends_the_same_static_headers(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:.*\bstatic\b", makefile, re.M), "make run must collect static files first"
    assert re.search(r"^static:.*\n\t.*manage\.py collectstatic", makefile, re.M)

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_ENV="development",
        STATIC_ROOT=str(tmp_path / "static"),
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                # A page that reads nothing from the (empty) database.
                _, html = _get(f"{base}{reverse('accessibility')}")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the development server did not answer")
        stylesheet = _stylesheets(html.decode())[-1]
        assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", stylesheet)
        headers, body = _get(base + stylesheet, {"Accept-Encoding": "br, gzip"})
        assert headers["Content-Encoding"] == "br"
        assert len(body) < (ROOT / "static/css/site.css").stat().st_size / 2
        assert "immutable" in headers["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1]) >= A_YEAR
    finally:
        server.terminate()
        server.wait(timeout=20)
