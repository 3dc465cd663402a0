from celery import shared_task

from la_network import services
from sanctuary.sweeps import sweep_run


@shared_task(name="la_network.tasks.renewal_sweep")
def renewal_sweep() -> dict:
    """Daily: renewal reminders (once each, from the reminder log) and lapsing expired terms."""
    with sweep_run() as result:
        result.update(services.renewal_sweep_run())
    return result
