import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanctuary.settings")

app = Celery("sanctuary")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _first_heartbeat(sender=None, **kwargs) -> None:
    """Beat's first heartbeat at start rather than a minute later, so /healthz knows at once."""
    from sanctuary.queue import enqueue
    from sanctuary.tasks import heartbeat

    enqueue(heartbeat, fallback="the next heartbeat")
