"""The production image and the compose stack work as the README says they do.

Docker cannot run here, so the parts of the image that can fail are proven one by one: static
files are collected in production mode (a page whose CSS is missing from the manifest would
answer 500), the compose file is the stack the README describes, and WeasyPrint has the
HarfBuzz subset library it needs for fast PDFs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
import yaml
from django.conf import settings

from tests.worker import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "STATIC_ROOT": str(static_root), "PYTHON": str(ROOT / ".venv/bin/python")}
    subprocess.run([str(ROOT / "deploy/collectstatic")], cwd=ROOT, env=env, check=True)
    return static_root


def _static_references() -> set[str]:
    found = set()
    for folder in [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]:
        for template in folder.rglob("*.html"):
            found |= set(re.findall(r"{%\s*static\s+['\"]([^'\"]+)['\"]", template.read_text()))
    return found


def test_the_image_collects_every_static_file_a_template_names_into_the_manifest(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    references = _static_references()
    assert references, "no {% static %} found: the scan is broken"
    assert sorted(references - set(manifest)) == []
    hashed = manifest["css/site.css"]
    assert (collected / hashed).exists()
    assert (collected / (hashed + ".gz")).exists() and (collected / (hashed + ".br")).exists()


def test_the_dockerfile_builds_static_files_in_production_mode_and_installs_harfbuzz_subset():
    assert "deploy/collectstatic" in DOCKERFILE
    assert "DJANGO_ENV=development" not in DOCKERFILE
    assert "libharfbuzz-subset0" in DOCKERFILE
    assert re.search(r"^FROM python:\d+\.\d+\.\d+-slim-\w+$", DOCKERFILE, re.M)


def test_migrations_run_once_as_their_own_job_before_the_app_starts():
    services = COMPOSE["services"]
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    for name in APP_SERVICES:
        assert "migrate" not in str(services[name].get("command", "")), name
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_long_running_service_restarts_and_is_health_checked():
    for name in (*APP_SERVICES, "postgres", "redis"):
        service = COMPOSE["services"][name]
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"], name


def test_every_image_is_pinned_to_a_version():
    for name, service in COMPOSE["services"].items():
        image = service.get("image", "")
        assert image and not image.endswith(":latest") and ":" in image, (name, image)
        assert re.search(r":v?\d+(\.\d+)+$", image), (name, image)


def test_beat_is_never_replicated():
    assert "replicas" not in str(COMPOSE["services"]["beat"].get("deploy", {}))


def test_weasyprint_subsets_fonts_with_harfbuzz():
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None, "install libharfbuzz-subset0"
