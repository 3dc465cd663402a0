"""Django's Redis cache, reusing its clients and surviving a Redis outage.

While Redis cannot be reached, reads miss and writes are dropped (logged once per outage), so
pages are computed from the database and sessions read from it (``cached_db``) instead of every
request failing. After a failure the cache stays quiet for ``RETRY_SECONDS`` before it tries
Redis again, so a dead server costs one connection timeout per process, not one per call.

Rate limits are the exception to "reads miss and writes are dropped": dropped, they would be
switched off for the outage (password guessing unlimited), and allauth, unable to take the lock
it counts under, would refuse every sign-in with "too many attempts". While Redis is away their
keys (``RATE_LIMIT_PREFIXES``) are counted in this process's memory instead: each process keeps
its own count, so the limits still hold, at most as many times looser as there are processes.

A dropped delete or overwrite is not forgotten: Redis may come back (a stall, a failover) still
holding the old value, and the old value can matter: the session of someone who signed out
(``cached_db`` reads the cache first, so it would sign them in again), a name whose owner
withdrew consent, a figure that was invalidated. The process remembers those keys and deletes
them before its first read once Redis answers again; past ``STALE_LIMIT`` keys it clears the
whole cache instead (safe: sessions fall back to the database). Memory is per process: a process
that ends during the outage leaves its keys to their timeouts.

One redis-py client per connection pool instead of one per call:

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache operation; building
one fills a table of some 170 response callbacks, which costs three times the network round
trip of the GET it serves. redis-py clients are meant to be long-lived and share their pool
(Django keeps one cache object per thread, so each thread keeps its own clients).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# Dropped deletes and overwrites remembered one by one; beyond this, the whole cache is cleared.
STALE_LIMIT = 10_000
# Keys of rate limits (sanctuary/ratelimit.py, and allauth's sign-in, sign-up and reset limits
# with their locks), counted in this process's memory while Redis is away.
RATE_LIMIT_PREFIXES = ("rl:", "allauth:rl:")
_local_limits = LocMemCache("sanctuary-rate-limits-while-redis-is-away", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_FAILED = object()
_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Breaker:
    """Whether Redis failed recently, for every cache object of this process."""

    down_until = 0.0

    @classmethod
    def call[T](cls, operation: str, default: T, call: Callable[[], T]) -> T:
        if time.monotonic() < cls.down_until:
            return default
        try:
            return call()
        except _OUTAGE as exc:
            if cls.down_until == 0.0:
                logger.warning(
                    "Cache unreachable on %s (%s): serving without it.", operation, type(exc).__name__
                )
            cls.down_until = time.monotonic() + RETRY_SECONDS
            return default

    @classmethod
    def reset(cls) -> None:
        cls.down_until = 0.0
        _local_limits.clear()
        with _stale.lock:
            _stale.keys.clear()
            _stale.everything = False


class _Stale:
    """Keys (as stored, prefixed) whose delete or overwrite Redis never received."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.keys: set[str] = set()
        self.everything = False

    def add(self, keys) -> None:
        with self.lock:
            self.keys.update(keys)
            if len(self.keys) > STALE_LIMIT:
                self.keys.clear()
                self.everything = True

    def __bool__(self) -> bool:
        return bool(self.keys) or self.everything


_stale = _Stale()


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def _safe(
        self,
        operation: str,
        default: Any,
        call: Callable[[], Any],
        *,
        writes: Callable[[], list[str]] | None = None,
        key=None,
        local=None,
    ) -> Any:
        """``call()``, or ``default`` while Redis is away. ``writes()`` gives the stored keys the
        call deletes or overwrites (worked out only when it is dropped, never on the way that
        works): they are deleted once Redis is back. For a rate
        limit's ``key``, ``local(cache)`` does the same on this process's memory instead."""
        if not (_stale and _Breaker.call("forget", _FAILED, self._forget_stale) is _FAILED):
            result = _Breaker.call(operation, _FAILED, call)
            if result is not _FAILED:
                _Breaker.down_until = 0.0
                return result
        if writes is not None:
            _stale.add(writes())
        if local is not None and isinstance(key, str) and key.startswith(RATE_LIMIT_PREFIXES):
            return local(_local_limits)
        return default

    def _forget_stale(self) -> None:
        with _stale.lock:
            keys, everything = list(_stale.keys), _stale.everything
        if everything:
            self._clear()
        else:
            client = self._cache.get_client(write=True)
            for start in range(0, len(keys), 1000):
                client.unlink(*keys[start : start + 1000])
        with _stale.lock:
            _stale.keys.difference_update(keys)
            if everything:
                _stale.everything = False
        logger.warning(
            "Cache reachable again: removed %s written while it was away.",
            "every value" if everything else f"{len(keys)} values",
        )

    def _stored(self, keys, version=None) -> list[str]:
        return [self.make_and_validate_key(key, version=version) for key in keys]

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safe(
            "add",
            False,
            lambda: super(RedisCache, self).add(key, value, timeout, version),
            key=key,
            local=lambda cache: cache.add(key, value, timeout, version),
        )

    def get(self, key, default=None, version=None):
        return self._safe(
            "get",
            default,
            lambda: super(RedisCache, self).get(key, default, version),
            key=key,
            local=lambda cache: cache.get(key, default, version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safe(
            "set",
            None,
            lambda: super(RedisCache, self).set(key, value, timeout, version),
            writes=lambda: self._stored([key], version),
            key=key,
            local=lambda cache: cache.set(key, value, timeout, version),
        )

    def touch(self, *args, **kwargs):
        return self._safe("touch", False, lambda: super(RedisCache, self).touch(*args, **kwargs))

    def delete(self, key, version=None):
        return self._safe(
            "delete",
            False,
            lambda: super(RedisCache, self).delete(key, version),
            writes=lambda: self._stored([key], version),
            key=key,
            local=lambda cache: cache.delete(key, version),
        )

    def get_many(self, *args, **kwargs):
        return self._safe("get_many", {}, lambda: super(RedisCache, self).get_many(*args, **kwargs))

    def has_key(self, *args, **kwargs):
        return self._safe("has_key", False, lambda: super(RedisCache, self).has_key(*args, **kwargs))

    def incr(self, key, delta=1, version=None):
        result = self._safe(
            "incr",
            _FAILED,
            lambda: super(RedisCache, self).incr(key, delta, version),
            key=key,
            local=lambda cache: cache.incr(key, delta, version),
        )
        if result is _FAILED:
            raise ValueError("the cache is unreachable")  # as for a missing key: callers handle it
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safe(
            "set_many",
            [],
            lambda: super(RedisCache, self).set_many(data, timeout, version),
            writes=lambda: self._stored(data, version),
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._safe(
            "delete_many",
            None,
            lambda: super(RedisCache, self).delete_many(keys, version),
            writes=lambda: self._stored(keys, version),
        )

    def clear(self) -> None:
        if _Breaker.call("clear", _FAILED, self._clear) is _FAILED:
            with _stale.lock:
                _stale.everything = True
            return
        _Breaker.down_until = 0.0
        with _stale.lock:
            _stale.keys.clear()
            _stale.everything = False

    def _clear(self) -> None:
        """Remove this cache's keys only.

        Django's ``clear`` flushes the whole Redis database, and the Celery broker shares it:
        clearing the cache would drop queued reminders and escalations with it.
        """
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.unlink(*batch)
                batch.clear()
        if batch:
            client.unlink(*batch)
