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
def emails_send(email_ids: list[str]) -> int:
    """Send a sweep's emails over one mail connection (``reminders_send`` enqueues these)."""
    delivery = emails_deliver(email_ids)
    if delivery.error is not None:
        raise delivery.error  # those sent are marked; a retry sends only the rest
    return delivery.sent


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
        # Failures are counted in attempts and logged; the next sweep tries again.
        sent = emails_deliver(pending).sent
        result["sent"] = sent
    return sent
