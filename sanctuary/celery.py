import os

from celery import Celery
from celery.signals import beat_init, before_task_publish, task_postrun, task_prerun

from sanctuary.logs import request_id

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


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs) -> None:
    """A task enqueued while serving a request logs under that request's id."""
    if headers is not None and "request_id" not in headers:
        headers["request_id"] = request_id.get()


@task_prerun.connect
def _adopt_request_id(task_id=None, task=None, **kwargs) -> None:
    """The worker logs a task under the id of the request that enqueued it (or its own id).

    An eager task runs inside the request itself and keeps the request's id.
    """
    current = request_id.get()
    given = getattr(task.request, "request_id", None) if task is not None else None
    _tokens[task_id] = request_id.set(given or (current if current != "-" else task_id or "-"))


@task_postrun.connect
def _drop_request_id(task_id=None, **kwargs) -> None:
    token = _tokens.pop(task_id, None)
    if token is not None:
        request_id.reset(token)


_tokens: dict = {}
