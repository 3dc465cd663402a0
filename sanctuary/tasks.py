from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from sanctuary.models import OutboundEmail
from sanctuary.notifications import email_deliver, emails_deliver
from sanctuary.sweeps import sweep_run

# Give a task that was queued just now a chance to run before the sweep sends it again.
OUTBOX_GRACE = timedelta(minutes=2)
MAX_ATTEMPTS = 8


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=900, max_retries=5)
def email_send(email_id: str) -> bool:
    return email_deliver(email_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=900, max_retries=5)
def email_send_many(email_ids: list[str]) -> int:
    """Send a batch queued by ``reminders_send``; a failure to connect retries the batch."""
    return emails_deliver(email_ids)


@shared_task
def outbox_sweep() -> int:
    """Send whatever is still pending: a broker outage or a lost message delays, never loses."""
    with sweep_run("outbox") as result:
        cutoff = timezone.now() - OUTBOX_GRACE
        pending = OutboundEmail.objects.filter(
            status=OutboundEmail.Status.PENDING,
            created_at__lt=cutoff,
            attempts__lt=MAX_ATTEMPTS,
        ).values_list("pk", flat=True)[:500]
        sent = 0
        for email_id in pending:
            try:
                sent += email_deliver(str(email_id))
            except Exception:  # noqa: S112 - counted in attempts; the next sweep tries again
                continue
        result["sent"] = sent
    return sent
