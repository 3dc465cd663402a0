"""Redis stalls and comes back holding what it held: nothing it missed may come back with it.

A Redis server of the test's own is paused (SIGSTOP) while people sign out or withdraw consent,
then resumed with its data intact, as after a stall or a failover to a replica that missed the
last writes. The cache dropped the deletes while Redis was away (sanctuary/cache.py); the old
values must not be served once it answers again.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from groups import selectors, services
from sanctuary import cache as sanctuary_cache
from tests.factories import UserFactory
from tests.groups.factories import SignatureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


class StallableRedis:
    """A throwaway redis-server on a free port that can be paused and resumed."""

    def __init__(self, tmp_path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--dir", str(tmp_path)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            self.process.kill()
            pytest.fail("the test's redis-server did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stall(self) -> None:
        """Pause Redis, and let the platform notice: the first read times out and the cache
        stops asking (for RETRY_SECONDS, longer than the test), so the writes that follow are
        dropped, never sent. (A command sent to a paused server waits in its socket and runs
        when it resumes: that would hide the very loss these tests are about.)"""
        os.kill(self.process.pid, signal.SIGSTOP)
        assert cache.get("anything") is None

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)
        # The time to ask Redis again has come.
        sanctuary_cache._Breaker.down_until = time.monotonic()

    def keys(self) -> int:
        import redis

        return redis.Redis(port=self.port).dbsize()

    def stop(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def stallable_redis(settings, tmp_path, monkeypatch):
    if not shutil.which("redis-server"):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("redis-server not found: install Debian's redis-server package")
        pytest.skip("redis-server not found")
    server = StallableRedis(tmp_path)
    settings.CACHES = {
        "default": {
            **django_settings.CACHES["default"],
            "BACKEND": "sanctuary.cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    monkeypatch.setattr(sanctuary_cache, "RETRY_SECONDS", 60)
    sanctuary_cache._Breaker.reset()
    yield server
    server.stop()
    sanctuary_cache._Breaker.reset()


def test_someone_who_signs_out_while_redis_stalls_stays_signed_out_when_it_returns(client, stallable_redis):
    person = UserFactory()
    client.force_login(person)
    assert client.get(reverse("dashboard")).status_code == 200
    session_cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert stallable_redis.keys() > 0  # the session is in Redis as well as the database

    stallable_redis.stall()
    client.post(reverse("account_logout"))
    stallable_redis.resume()

    # The old cookie, replayed (a shared computer, a stolen cookie): Redis still held the
    # session, but the cache removed it before anything else was read.
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session_cookie
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_withdrawn_signature_is_not_counted_again_when_redis_returns(stallable_redis):
    signature = SignatureFactory()
    assert selectors.public_counts()["signatures"] == 1  # cached in Redis

    stallable_redis.stall()
    services.signature_withdraw(signature=signature)
    assert selectors.public_counts()["signatures"] == 0  # from the database while Redis is away
    stallable_redis.resume()

    assert selectors.public_counts()["signatures"] == 0


def test_after_too_many_dropped_writes_the_whole_cache_is_cleared_on_return(stallable_redis, monkeypatch):
    monkeypatch.setattr(sanctuary_cache, "STALE_LIMIT", 3)
    cache.set_many({f"figure-{n}": n for n in range(5)})
    assert cache.get("figure-4") == 4

    stallable_redis.stall()
    cache.delete_many([f"figure-{n}" for n in range(5)])
    stallable_redis.resume()

    assert cache.get_many([f"figure-{n}" for n in range(5)]) == {}
    assert stallable_redis.keys() == 0
