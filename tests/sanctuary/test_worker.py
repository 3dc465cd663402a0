"""A real Celery worker, over Redis, picks up a task enqueued after commit and completes it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.db import transaction

from sanctuary.celery import app as celery_app
from sanctuary.models import OutboundEmail
from sanctuary.tasks import email_send
from tests.worker import start_worker, stop_worker

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_an_email_enqueued_after_commit(settings, monkeypatch, use_broker):
    queue = f"test-{os.getpid()}"
    use_broker(settings.REDIS_URL)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    worker = start_worker(queue)
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
        output = stop_worker(worker)
    assert "Traceback" not in output, output
