"""Logs an operator can follow: a request id on every line, JSON on request, no personal data."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from sanctuary.celery import app as celery_app
from sanctuary.logs import HEADER
from tests.worker import ROOT

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_a_sane_one_from_the_proxy_is_kept(client):
    first, second = client.get(reverse("home")), client.get(reverse("home"))
    assert len(first[HEADER]) == 32 and first[HEADER] != second[HEADER]
    assert client.get(reverse("home"), HTTP_X_REQUEST_ID="proxy-id-1234")[HEADER] == "proxy-id-1234"
    forged = client.get(reverse("home"), HTTP_X_REQUEST_ID="bad id\r\nSet-Cookie: x")
    assert forged[HEADER] != "bad id\r\nSet-Cookie: x" and len(forged[HEADER]) == 32


@pytest.mark.django_db(transaction=True)
def test_log_lines_of_a_request_carry_its_id(client, caplog, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.sanctuary.test_outages.DownBackend"}}
    with caplog.at_level(logging.WARNING):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    # SMTP is down: the outbox logs that the email waits, under this request's id.
    ids = {record.request_id for record in caplog.records if record.name == "sanctuary.queue"}
    assert ids == {response[HEADER]}
    # Outside any request the id is a dash.
    logging.getLogger("sanctuary.probe").warning("outside")
    assert caplog.records[-1].request_id == "-"


def test_json_log_lines_are_one_object_each_with_the_request_id():
    probe = (
        "import django, logging; django.setup();"
        "from sanctuary.logs import request_id; request_id.set('abc123abc');"
        "logging.getLogger('sanctuary.probe').warning('hello %s', 'there')"
    )
    env = {**os.environ, "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "sanctuary.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello there"
    assert line["level"] == "WARNING" and line["logger"] == "sanctuary.probe"
    assert line["request_id"] == "abc123abc" and "time" in line


@pytest.mark.redis
def test_a_task_enqueued_by_a_request_carries_the_request_id_to_the_worker(settings, use_broker):
    import redis

    from sanctuary.logs import request_id
    from sanctuary.tasks import heartbeat

    queue = f"request-id-{os.getpid()}"
    use_broker(settings.REDIS_URL)
    token = request_id.set("req-42-abcdef")
    try:
        heartbeat.apply_async(queue=queue)
    finally:
        request_id.reset(token)
    raw = redis.Redis.from_url(settings.REDIS_URL).lpop(queue)
    assert json.loads(raw)["headers"]["request_id"] == "req-42-abcdef"


def test_error_tracking_sends_nothing_personal_when_switched_on():
    probe = (
        "import sentry_sdk, django; django.setup();"
        "o = sentry_sdk.get_client().options;"
        "print(o['send_default_pii'], o['max_request_body_size'], o['include_local_variables'])"
    )
    env = {**os.environ, "SENTRY_DSN": "https://key@sentry.example.invalid/1"}
    env |= {"DJANGO_SETTINGS_MODULE": "sanctuary.settings"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "never", "False"]


def test_celery_logs_through_the_platforms_configuration():
    assert celery_app.conf.worker_hijack_root_logger is False
