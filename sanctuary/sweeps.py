"""Bookkeeping for periodic sweeps, so /healthz can say when one last ran."""

from __future__ import annotations

from contextlib import contextmanager

from django.utils import timezone

from sanctuary.models import SweepRun


@contextmanager
def sweep_run(name: str):
    """Record the start and finish of a sweep; the body fills ``result`` (a dict)."""
    SweepRun.objects.update_or_create(name=name, defaults={"last_started_at": timezone.now()})
    result: dict = {}
    yield result
    SweepRun.objects.filter(name=name).update(last_finished_at=timezone.now(), last_result=result)
