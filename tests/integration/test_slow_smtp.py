"""A mail server that answers too slowly: the send gives up at the timeout instead of hanging,
the email stays in the outbox with the reason, and once the server answers again the sweep
sends every email exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from sanctuary.models import OutboundEmail
from sanctuary.notifications import emails_deliver
from sanctuary.tasks import outbox_sweep
from tests.integration.test_email_fault_injection import _free_port


class SlowSink:
    """Accepts mail, but takes ``delay`` seconds over each message's data while ``slow``."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.slow = True
        self.delivered: Counter[str] = Counter()

    async def handle_DATA(self, server, session, envelope):
        if self.slow:
            await asyncio.sleep(self.delay)
            return "451 Too slow, try again later"
        for address in envelope.rcpt_tos:
            self.delivered[address] += 1
        return "250 Message accepted for delivery"


@pytest.fixture
def slow_smtp(settings):
    sink = SlowSink(delay=3)
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
        }
    }
    yield sink
    controller.stop()


@pytest.mark.django_db
def test_a_slow_mail_server_times_out_keeps_the_email_and_the_sweep_sends_it_once(slow_smtp):
    assert mail.mailers.default.timeout == 1  # the test's server, with the short timeout
    queued_at = timezone.now() - dt.timedelta(minutes=10)
    emails = [
        OutboundEmail.objects.create(
            to=f"person{n}@example.org", subject="Hello", body_text="Body", created_at=queued_at
        )
        for n in range(3)
    ]
    started = timezone.now()
    delivery = emails_deliver([str(e.pk) for e in emails])
    # Bounded by the timeout, not by the server: one slow answer ends the connection.
    assert (timezone.now() - started).total_seconds() < 2 * 3
    assert delivery.sent == 0 and delivery.failed == 3
    for email in OutboundEmail.objects.filter(pk__in=[e.pk for e in emails]):
        assert email.status == OutboundEmail.Status.PENDING and email.claimed_at is None
        assert email.last_error  # the reason, for the operator's status page
    assert not slow_smtp.delivered

    slow_smtp.slow = False
    outbox_sweep()
    outbox_sweep()  # a second sweep finds nothing left to send
    assert slow_smtp.delivered == Counter({f"person{n}@example.org": 1 for n in range(3)})
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}
