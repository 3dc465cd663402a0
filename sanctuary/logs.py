"""Log lines that can be followed across one request: a request id on every line.

``RequestIdMiddleware`` gives each request an id (the proxy's ``X-Request-ID`` when it sends a
sane one, a new one otherwise), returns it in the response header and keeps it in a context
variable; ``RequestIdFilter`` puts it on every log record, and Celery tasks enqueued by that
request carry it into the worker's log lines (sanctuary/celery.py). With ``LOG_FORMAT=json``
each line is one JSON object (python-json-logger) for a log collector to index.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        token = request_id.set(given if _SANE.match(given) else new_request_id())
        try:
            response = self.get_response(request)
            response[HEADER] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the request id on records that reach a handler without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


def install_record_factory() -> None:
    """Every record carries the request id from the moment it is made, whoever handles it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "adds_request_id", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = request_id.get()
        return record

    factory.adds_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
