from __future__ import annotations

from celery import shared_task

from campaigns import services
from sanctuary.sweeps import sweep_run


@shared_task(name="campaigns.tasks.follow_up_sweep")
def follow_up_sweep() -> dict:
    """Ask "how did it go?" about actions that expect a response and are now due."""
    with sweep_run() as result:
        result.update(services.follow_up_sweep_run())
    return result
