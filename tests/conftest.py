"""Fixtures shared by the whole suite.

Tests marked ``postgres`` or ``redis`` need the real service. Locally, without
DATABASE_URL/REDIS_URL, they are skipped with a reason; with REQUIRE_SERVICES=1 (CI)
a missing service fails the test instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.factories import UserFactory, make_staff

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def pytest_configure(config):
    # The Welsh pages need the compiled catalogues, which are built from the .po files, not
    # committed (sanctuary/translations.py); a run straight from pytest builds them too.
    from sanctuary.translations import compile_all

    compile_all()
    # Parallel workers (pytest -n) share one Redis: each keeps its own keys, so one worker
    # clearing its cache between tests does not empty another's sessions mid-test.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and settings.CACHES["default"].get("KEY_PREFIX") is not None:
        settings.CACHES["default"]["KEY_PREFIX"] += f"-{worker}"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL")
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        _missing("needs Redis: set REDIS_URL")


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English: a request to a Welsh page leaves Welsh active in the thread
    (LocaleMiddleware activates a language per request and never resets it)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test writes uploads to its own folder."""
    location = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = location
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def client_for():
    """Return a test client signed in as ``user`` (staff users already have TOTP)."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def national_staff(db):
    return make_staff("national_staff")


@pytest.fixture
def assessor(db):
    return make_staff("assessor")


@pytest.fixture
def coordinator(db):
    return make_staff("safeguarding_coordinator")


@pytest.fixture
def guardian(db):
    return make_staff("guardian")


@pytest.fixture
def use_broker(monkeypatch):
    """Point Celery at a real broker URL for one test (tasks no longer run in-process).

    Celery keeps the connection and producer pools of the URL it first used; they are dropped
    here (not closed: kombu shares them by URL with every later test) before and after.
    """
    from sanctuary.celery import app

    def forget_pools() -> None:
        app._pool = None
        app.amqp._producer_pool = None

    def use(url: str) -> None:
        monkeypatch.setitem(app.conf, "task_always_eager", False)
        monkeypatch.setitem(app.conf, "broker_url", url)
        forget_pools()

    yield use
    monkeypatch.undo()
    forget_pools()
