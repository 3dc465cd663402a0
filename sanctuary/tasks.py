from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from sanctuary.models import OutboundEmail
from sanctuary.notifications import claim_expiry, email_deliver, emails_deliver
from sanctuary.sweeps import sweep_run

# A task queued just now will claim its email in a moment: the sweep leaves fresh rows to it
# (sending them too would only lose the race for the claim).
OUTBOX_GRACE = timedelta(minutes=1)
OUTBOX_SWEEP_BATCH = 500


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


def outbox_due():
    """Pending emails no live worker is sending: never claimed (after a short grace), or whose
    claim expired because the worker that took it died."""
    return OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).filter(
        Q(claimed_at__isnull=True, created_at__lt=timezone.now() - OUTBOX_GRACE)
        | Q(claimed_at__lt=claim_expiry())
    )


@shared_task
def outbox_sweep() -> int:
    """Send whatever is still pending: a broker outage or a dead worker delays, never loses."""
    with sweep_run() as result:
        pending = outbox_due().order_by("created_at").values_list("pk", flat=True)[:OUTBOX_SWEEP_BATCH]
        # Failures are counted in attempts and logged; the next sweep tries again.
        result["sent"] = emails_deliver([str(pk) for pk in pending]).sent
    return result["sent"]


@shared_task
def heartbeat() -> None:
    """Every minute: proves that the scheduler is sending and a worker is running jobs."""
    with sweep_run():
        pass
