"""Kill -9 a worker in the middle of a batch of emails: none is lost, none is sent twice.

A real Celery worker reads the batch from Redis and sends it over SMTP to a sink run by this
test. The sink holds one message halfway through its SMTP transaction while the test kills the
worker with SIGKILL; a new worker is started, and once the dead worker's claims have expired
the outbox sweep sends the rest. Every recipient must have received exactly one message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from sanctuary.celery import app as celery_app
from sanctuary.models import OutboundEmail
from sanctuary.tasks import emails_send, outbox_sweep
from tests.worker import start_worker, stop_worker

BATCH = 30
HOLD_AT = 14  # in the second chunk of ten the worker claims
CLAIM_SECONDS = 3


class Sink:
    """An SMTP server that counts what it accepted and can hold one message mid-transaction."""

    def __init__(self, hold_at: int) -> None:
        self.hold_at = hold_at
        self.recipients_seen = 0
        self.delivered: Counter[str] = Counter()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.recipients_seen += 1
        if self.recipients_seen == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.delivered[address] += 1
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(settings, monkeypatch, use_broker):
    queue = f"fault-{os.getpid()}"
    use_broker(settings.REDIS_URL)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    sink = Sink(hold_at=HOLD_AT)
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = {"TEST_SMTP_PORT": str(port), "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS)}
    worker_settings = "tests.integration.smtp_worker_settings"
    # A backlog: the emails have waited longer than the sweep leaves fresh ones to their task.
    queued_at = timezone.now() - dt.timedelta(minutes=10)
    emails = [
        OutboundEmail.objects.create(
            to=f"person{n:02d}@example.org", subject="Hello", body_text="Body", created_at=queued_at
        )
        for n in range(BATCH)
    ]
    first = second = None
    try:
        first = start_worker(queue, settings_module=worker_settings, **env)
        emails_send.apply_async(args=[[str(email.pk) for email in emails]], queue=queue)
        _wait_for(sink.holding.is_set, 60, "the worker to reach the held message")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        sink.release.set()

        sent_before_the_kill = sum(sink.delivered.values())
        assert sent_before_the_kill == HOLD_AT - 1
        marked = OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count()
        assert marked == sent_before_the_kill  # each marked right after its own send

        second = start_worker(queue, settings_module=worker_settings, **env)
        time.sleep(CLAIM_SECONDS + 0.5)  # the dead worker's claims expire
        outbox_sweep.apply_async(queue=queue)
        _wait_for(lambda: sum(sink.delivered.values()) >= BATCH, 60, "every email to arrive")
        time.sleep(2)  # room for a duplicate to show itself
    finally:
        sink.release.set()
        output = "".join(stop_worker(worker) for worker in (first, second) if worker is not None)
        controller.stop()

    assert set(sink.delivered) == {email.to for email in emails}, output  # none lost
    assert set(sink.delivered.values()) == {1}, sink.delivered  # none twice
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}
