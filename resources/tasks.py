"""Thin Celery tasks of the resource library."""

from __future__ import annotations

from celery import shared_task

from resources import services
from sanctuary.sweeps import sweep_run


@shared_task(name="resources.tasks.link_check_sweep")
def link_check_sweep() -> dict:
    """Hourly: ask the external links due for their weekly check whether they still work (a
    batch at a time, oldest check first), and record the answers."""
    with sweep_run() as result:
        result.update(services.links_check())
    return result
