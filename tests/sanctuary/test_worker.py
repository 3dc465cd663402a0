"""A real Celery worker, over Redis, picks up a task enqueued after commit and completes it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from sanctuary.celery import app as celery_app
from sanctuary.models import OutboundEmail
from sanctuary.tasks import email_send

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_an_email_enqueued_after_commit(settings, monkeypatch, use_broker):
    queue = f"test-{os.getpid()}"
    use_broker(settings.REDIS_URL)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    worker = subprocess.Popen(
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
            "DJANGO_SETTINGS_MODULE": "sanctuary.settings_test",
            "DATABASE_URL": database_url,
            "DATABASE_POOL": "false",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                template="t", to="someone@example.org", subject="Hello", body_text="Body"
            )
            transaction.on_commit(lambda: email_send.apply_async(args=[str(email.pk)], queue=queue))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            email.refresh_from_db()
            if email.status == OutboundEmail.Status.SENT:
                break
            time.sleep(0.3)
        assert email.status == OutboundEmail.Status.SENT
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
