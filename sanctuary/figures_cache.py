"""Figures that cost a scan of a large table, cached until the data under them changes.

Every cached value belongs to a *topic* ("campaign_actions", "charter"...). A service that
changes data a topic counts calls ``figures_changed(topic)``: the topic moves to a new version,
and a value computed under an older one is computed again when next asked for. The figures
shown are therefore as fresh as the database, and a page that shows them costs one cache round
trip per value instead of aggregates over tens of thousands of rows.

``timeout`` is a ceiling on staleness for changes that bypass the services (a bulk import, raw
SQL, the admin's bulk delete): the value is recomputed at the latest that many seconds later.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

DEFAULT_TIMEOUT = 300
_MISSING = object()


def _version_key(topic: str) -> str:
    return f"figures:version:{topic}"


def cached_figures[T](topic: str, key: str, compute: Callable[[], T], *, timeout: int = DEFAULT_TIMEOUT) -> T:
    """The value of ``compute()`` for ``key`` under the current version of ``topic``.

    The value is stored with the version it was computed under, so a cached read is one round
    trip: the topic's version and the value, fetched together, must agree.
    """
    # Values may be rendered HTML or translated labels: each language keeps its own.
    version_key, value_key = _version_key(topic), f"figures:{topic}:{get_language()}:{key}"
    found = cache.get_many([version_key, value_key])
    version = found.get(version_key)
    if version is None:
        # add() rather than set(): two first readers agree on one version.
        cache.add(version_key, secrets.token_hex(4), None)
        version = cache.get(version_key)
    stored = found.get(value_key, _MISSING)
    if stored is not _MISSING and stored[0] == version:
        return stored[1]
    value = compute()
    cache.set(value_key, (version, value), timeout)
    return value


def figures_changed(*topics: str) -> None:
    """Forget every figure of ``topics``: now, and again when the current transaction commits.

    The second forgetting matters: a page rendered while the change was still uncommitted
    may have cached the old figures under the new version.
    """
    keys = [_version_key(topic) for topic in topics]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
