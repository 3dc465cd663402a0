"""Periodic sweeps. Thin: they compute from the database and call services."""

from __future__ import annotations

from celery import shared_task

from returnees import services
from sanctuary.sweeps import sweep_run


@shared_task(name="returnees.tasks.checkin_sweep")
def checkin_sweep() -> dict:
    with sweep_run() as result:
        result.update(services.checkin_sweep())
    return result


@shared_task(name="returnees.tasks.retention_sweep")
def retention_sweep() -> dict:
    with sweep_run() as result:
        result.update(services.retention_sweep())
    return result
