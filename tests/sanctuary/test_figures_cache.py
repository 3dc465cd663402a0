"""Cached figures stay as fresh as the data: a change forgets them, now and at commit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from sanctuary.figures_cache import cached_figures, figures_changed

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self) -> None:
        self.calls = 0
        self.value = 1

    def __call__(self) -> int:
        self.calls += 1
        return self.value


def test_a_figure_is_computed_once_then_read_from_the_cache():
    compute = Counter()
    assert cached_figures("things", "total", compute) == 1
    assert cached_figures("things", "total", compute) == 1
    assert compute.calls == 1


def test_a_change_to_the_topic_makes_the_next_read_compute_again():
    compute = Counter()
    cached_figures("things", "total", compute)
    compute.value = 2
    figures_changed("things")
    assert cached_figures("things", "total", compute) == 2
    assert compute.calls == 2


def test_a_change_to_another_topic_leaves_the_figure_cached():
    compute = Counter()
    cached_figures("things", "total", compute)
    figures_changed("other")
    cached_figures("things", "total", compute)
    assert compute.calls == 1


def test_keys_of_one_topic_are_cached_separately():
    assert cached_figures("things", "a", lambda: "A") == "A"
    assert cached_figures("things", "b", lambda: "B") == "B"


def test_none_and_empty_values_are_cached_too():
    compute = Counter()
    compute.value = None
    cached_figures("things", "nothing", compute)
    cached_figures("things", "nothing", compute)
    assert compute.calls == 1


@pytest.mark.django_db(transaction=True)
def test_figures_read_while_a_change_was_uncommitted_are_forgotten_at_commit():
    compute = Counter()
    with transaction.atomic():
        figures_changed("things")
        # Another request renders the page before the change commits: it sees the old data.
        cached_figures("things", "total", compute)
    compute.value = 2
    assert cached_figures("things", "total", compute) == 2


def test_a_figure_is_stored_with_its_timeout_so_a_change_behind_the_services_ages_out(monkeypatch):
    stored = {}
    real_set = cache.set

    def spy(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    cached_figures("things", "total", Counter(), timeout=60)
    assert [timeout for key, timeout in stored.items() if "figures:things:" in key] == [60]


def test_a_cached_read_is_one_round_trip_to_the_cache(monkeypatch):
    cached_figures("things", "total", Counter())
    calls: list[str] = []
    busy = []

    def spy(name, real):
        def call(*args, **kwargs):
            if not busy:  # a backend's get_many may call its own get: count the outer call only
                calls.append(name)
            busy.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                busy.pop()

        return call

    for name in ("get", "get_many", "set", "add"):
        monkeypatch.setattr(cache, name, spy(name, getattr(cache, name)))
    assert cached_figures("things", "total", Counter()) == 1
    assert calls == ["get_many"]


@pytest.mark.redis
def test_the_redis_cache_reuses_one_client_per_connection_pool(settings):
    from django.core.cache import caches

    assert settings.CACHES["default"]["BACKEND"] == "sanctuary.cache.RedisCache"
    redis_cache = caches["default"]
    redis_cache.set("reuse", {"a": 1})
    assert redis_cache.get("reuse") == {"a": 1}
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client


@pytest.mark.redis
def test_clearing_the_cache_keeps_the_queued_jobs_that_share_its_redis(settings):
    """The broker's queue lives in the same Redis database as the cache."""
    import redis
    from django.core.cache import caches

    redis_cache = caches["default"]
    broker = redis.Redis.from_url(settings.REDIS_URL)
    queue = f"test-queue-{id(redis_cache)}"
    broker.rpush(queue, "a queued reminder")
    try:
        for n in range(1500):  # more than one batch of deletions
            redis_cache.set(f"page-{n}", n)
        redis_cache.clear()
        assert redis_cache.get("page-0") is None
        assert redis_cache.get("page-1499") is None
        assert broker.lrange(queue, 0, -1) == [b"a queued reminder"]
    finally:
        broker.delete(queue)
