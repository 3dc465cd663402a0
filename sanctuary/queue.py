"""Handing work to the Celery broker after commit, without ever failing the request.

Every task the platform enqueues is backed by something durable that a sweep reads: emails wait
in the outbox, certificates are found missing by the awards sweep. So when the broker cannot be
reached the saved action still stands: the failure is logged and the sweep does the work later.
A person who has just recorded an "in danger" check-in must see that it was saved, never an
error page because Redis was restarting.
"""

from __future__ import annotations

import logging

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args, fallback: str) -> bool:
    """Send ``task`` now; on failure log it (naming the sweep that will catch up) and go on."""
    try:
        task.apply_async(args=args)
    except Exception as exc:
        logger.warning(
            "%s was not handed to a worker (%s); %s will do the work.",
            task.name,
            type(exc).__name__,
            fallback,
            exc_info=True,
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args, fallback: str) -> None:
    """``enqueue`` once the surrounding transaction commits (nothing if it rolls back)."""
    transaction.on_commit(lambda: enqueue(task, *args, fallback=fallback))
