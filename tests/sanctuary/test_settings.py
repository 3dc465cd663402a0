"""Settings come from the environment, fail loudly on bad values, and production is locked down."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from sanctuary.env import env_bool, env_choice, env_int

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "sanctuary" / "settings.py"
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "p" * 20 + "-production-secret-for-tests-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "sanctuary.example.org",
    "DATABASE_URL": "postgres://app@db.invalid:5432/sanctuary",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "EMAIL_HOST": "smtp.invalid",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
}
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SECURE_CSP",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
]


def load_settings(env: dict[str, str], monkeypatch) -> dict:
    for key in [k for k in os.environ if k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))]:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(SETTINGS))


def test_typed_helpers_fail_loudly_on_bad_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "perhaps")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_SMALL", "3")
    monkeypatch.setenv("X_CHOICE", "staging")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        env_int("X_SMALL", 10, minimum=5)
    with pytest.raises(ImproperlyConfigured, match="X_CHOICE"):
        env_choice("X_CHOICE", ("development", "production"), "development")


def test_no_environment_means_sqlite_eager_tasks_console_email_and_debug(monkeypatch):
    values = load_settings({}, monkeypatch)
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["MAILERS"]["default"]["BACKEND"].endswith("console.EmailBackend")
    assert values["DEBUG"] is True


def test_database_and_redis_urls_switch_to_postgresql_pool_and_redis(monkeypatch):
    values = load_settings(
        {"DATABASE_URL": "postgres://u@h:5432/d", "REDIS_URL": "redis://h:6379/1"}, monkeypatch
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"]["pool"]["max_size"] >= 1
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["CELERY_BROKER_URL"] == "redis://h:6379/1"
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False


def test_celery_is_configured_to_lose_nothing(monkeypatch):
    values = load_settings({}, monkeypatch)
    assert values["CELERY_TASK_ACKS_LATE"] is True
    assert values["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True
    assert values["CELERY_WORKER_PREFETCH_MULTIPLIER"] == 1
    assert values["CELERY_TASK_SERIALIZER"] == "json"
    assert values["CELERY_ACCEPT_CONTENT"] == ["json"]


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEYS"]
)
def test_production_refuses_to_start_without_its_secrets_and_services(monkeypatch, missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    with pytest.raises(ImproperlyConfigured):
        load_settings(env, monkeypatch)


def test_production_refuses_debug(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        load_settings({**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}, monkeypatch)


def test_deploy_checks_pass_in_production_mode():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_production_responses_carry_the_security_headers_and_secure_cookies(client, monkeypatch):
    production = load_settings(PRODUCTION_ENV, monkeypatch)
    with override_settings(**{name: production[name] for name in SECURITY_SETTINGS}):
        insecure = client.get(reverse("account_login"))
        assert insecure.status_code == 301 and insecure["Location"].startswith("https://")
        response = client.get(reverse("account_login"), secure=True)
    assert response.status_code == 200
    headers = response.headers
    assert int(re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"])[1]) >= 31536000
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]+)", csp)[1]
    assert "unsafe-inline" not in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src)[1]
    assert f'nonce="{nonce}"'.encode() in response.content
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["samesite"] == "Lax"


def test_each_response_gets_a_fresh_nonce(client, db):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert re.search(r"'nonce-([^']+)'", first)[1] != re.search(r"'nonce-([^']+)'", second)[1]
