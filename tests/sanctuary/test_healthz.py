"""/healthz reports each dependency and the last sweep, and answers 503 when one is down."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sanctuary.celery import app as celery_app
from sanctuary.tasks import outbox_sweep

pytestmark = pytest.mark.django_db


def test_healthy_platform_answers_200_with_each_check(client):
    outbox_sweep()
    body = client.get(reverse("healthz")).json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["last_sweep_at"] is not None


def test_unreachable_cache_answers_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"


def test_unreachable_broker_answers_503(client, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"


@pytest.mark.redis
def test_reachable_broker_is_reported(client, monkeypatch, settings):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", settings.REDIS_URL)
    body = client.get(reverse("healthz")).json()
    assert body["checks"]["broker"] == "ok"
