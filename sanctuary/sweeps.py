"""Bookkeeping for periodic jobs, so /healthz can tell whether each one runs on time."""

from __future__ import annotations

from contextlib import contextmanager

from celery import current_task
from django.utils import timezone

from sanctuary.models import SweepRun


@contextmanager
def sweep_run(name: str | None = None):
    """Record the start and the successful finish of a job; the body fills ``result`` (a dict).

    The run is recorded under the running task's name, which is how the beat schedule names
    the job. A job that raises records its start only, so /healthz sees it has not succeeded.
    """
    name = name or current_task.name
    SweepRun.objects.update_or_create(name=name, defaults={"last_started_at": timezone.now()})
    result: dict = {}
    yield result
    SweepRun.objects.filter(name=name).update(last_finished_at=timezone.now(), last_result=result)
