"""Figures that cost a scan of a large table, cached until the data under them changes.

Every cached value belongs to a *topic* ("campaign_actions", "charter"...). A service that
changes data a topic counts calls ``figures_changed(topic)``: the topic moves to a new version,
so nothing cached under the old one is read again (it expires on its own). The figures shown are
therefore as fresh as the database, and a page that shows them costs one or two cache reads
instead of aggregates over tens of thousands of rows.

``timeout`` is a ceiling on staleness for changes that bypass the services (a bulk import, raw
SQL, the admin's bulk delete): the value is recomputed at the latest that many seconds later.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

DEFAULT_TIMEOUT = 300
_MISSING = object()


def _version_key(topic: str) -> str:
    return f"figures:version:{topic}"


def cached_figures[T](
    topic: str, key: str, compute: Callable[[], T], *, timeout: int = DEFAULT_TIMEOUT
) -> T:
    """The value of ``compute()`` for ``key`` under the current version of ``topic``."""
    version = cache.get(_version_key(topic))
    if version is None:
        # add() rather than set(): two first readers agree on one version.
        cache.add(_version_key(topic), secrets.token_hex(4), None)
        version = cache.get(_version_key(topic))
    full_key = f"figures:{topic}:{version}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def figures_changed(*topics: str) -> None:
    """Forget every figure of ``topics``: now, and again when the current transaction commits.

    The second forgetting matters: a page rendered while the change was still uncommitted
    may have cached the old figures under the new version.
    """
    keys = [_version_key(topic) for topic in topics]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
