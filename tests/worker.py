"""A real Celery worker in a subprocess, reading a queue of its own from the test's Redis."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def start_worker(
    queue: str, *, settings_module: str = "sanctuary.settings_test", **env: str
) -> subprocess.Popen:
    """Start ``celery worker`` (one process, no prefetch beyond one task) on the test database."""
    database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sanctuary",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": database_url,
            "DATABASE_POOL": "false",
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_worker(worker: subprocess.Popen) -> str:
    """Stop the worker if it still runs; return what it printed."""
    if worker.poll() is None:
        worker.terminate()
    return worker.communicate(timeout=30)[0]
