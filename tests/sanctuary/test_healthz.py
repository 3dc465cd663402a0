"""/healthz tells the truth: every dependency, every scheduled job, and mail that waits too long."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sanctuary.models import OutboundEmail, SweepRun
from sanctuary.tasks import heartbeat, outbox_sweep

pytestmark = pytest.mark.django_db


def _all_jobs_ran(at: dt.datetime | None = None) -> None:
    at = at or timezone.now()
    for spec in settings.CELERY_BEAT_SCHEDULE.values():
        SweepRun.objects.update_or_create(
            name=spec["task"], defaults={"last_finished_at": at, "created_at": at - dt.timedelta(days=30)}
        )


def test_a_healthy_platform_answers_200_and_lists_every_job(client):
    _all_jobs_ran()
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 200, body["problems"]
    assert body["status"] == "ok" and body["problems"] == []
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert {job["entry"] for job in body["jobs"]} == set(settings.CELERY_BEAT_SCHEDULE)
    assert all(job["last_success_at"] and not job["late"] for job in body["jobs"])


def test_without_a_scheduler_nothing_has_run_and_health_says_so(client):
    outbox_sweep()  # a sweep run by hand does not prove that anything is scheduled
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert any(problem.startswith("scheduler:") for problem in response.json()["problems"])


def test_a_sweep_older_than_twice_its_period_is_named(client):
    _all_jobs_ran()
    SweepRun.objects.filter(name="returnees.tasks.checkin_sweep").update(
        last_finished_at=timezone.now() - dt.timedelta(minutes=11)  # runs every 5 minutes
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["problems"] == [
        "job returnees-checkin-sweep: no successful run for more than twice its period"
    ]
    late = [job["entry"] for job in response.json()["jobs"] if job["late"]]
    assert late == ["returnees-checkin-sweep"]


def test_a_sweep_within_twice_its_period_is_on_time(client):
    _all_jobs_ran()
    SweepRun.objects.filter(name="returnees.tasks.checkin_sweep").update(
        last_finished_at=timezone.now() - dt.timedelta(minutes=9)
    )
    assert client.get(reverse("healthz")).status_code == 200


def test_a_weekly_job_that_never_ran_is_late_only_two_weeks_after_scheduling_began(client):
    _all_jobs_ran()
    SweepRun.objects.filter(name="groups.tasks.weekly_digest_sweep").delete()
    beat = SweepRun.objects.get(name="sanctuary.tasks.heartbeat")
    beat.created_at = timezone.now() - dt.timedelta(days=3)
    beat.save()
    assert client.get(reverse("healthz")).status_code == 200
    beat.created_at = timezone.now() - dt.timedelta(days=15)
    beat.save()
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "groups-weekly-digest" in response.json()["problems"][0]


def test_the_heartbeat_task_records_that_scheduling_runs():
    heartbeat()
    assert SweepRun.objects.get(name="sanctuary.tasks.heartbeat").last_finished_at is not None


def test_mail_waiting_longer_than_the_threshold_is_reported(client, settings):
    _all_jobs_ran()
    settings.OUTBOX_ALERT_MINUTES = 30
    OutboundEmail.objects.create(to="a@example.org", subject="s", body_text="t")
    assert client.get(reverse("healthz")).status_code == 200
    OutboundEmail.objects.update(created_at=timezone.now() - dt.timedelta(minutes=31))
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["problems"] == ["outbox: an email has waited more than 30 minutes"]
    assert response.json()["outbox"]["pending"] == 1


def test_unreachable_cache_answers_503(client, settings):
    from sanctuary.cache import _Breaker

    _all_jobs_ran()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    _Breaker.reset()
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"
    assert "cache: unreachable" in response.json()["problems"]


def test_unreachable_broker_answers_503_within_a_second(client, use_broker):
    _all_jobs_ran()
    use_broker("redis://127.0.0.1:1/0")
    client.get(reverse("healthz"))  # a running server has its code loaded: time a warm request
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"
    assert elapsed < 1.0, elapsed  # a monitor's own timeout must not be what reports the outage


@pytest.mark.redis
def test_reachable_broker_is_reported(client, settings, use_broker):
    _all_jobs_ran()
    use_broker(settings.REDIS_URL)
    body = client.get(reverse("healthz")).json()
    assert body["checks"]["broker"] == "ok"


def test_staff_read_the_same_facts_on_the_system_status_page(client_for, national_staff):
    _all_jobs_ran()
    SweepRun.objects.filter(name="returnees.tasks.checkin_sweep").update(
        last_finished_at=timezone.now() - dt.timedelta(hours=1)
    )
    page = client_for(national_staff).get(reverse("system_status")).content.decode()
    assert "Something needs attention" in page
    assert "job returnees-checkin-sweep: no successful run for more than twice its period" in page
    assert page.count("On time") == len(settings.CELERY_BEAT_SCHEDULE) - 1


@pytest.mark.parametrize(
    "schedule,last,late_from",
    [
        # Every five minutes: late after two missed runs.
        (dt.timedelta(minutes=5), "2026-12-07 09:00", "2026-12-07 09:10"),
        # Mondays and Tuesdays at seven: after Tuesday's run, late only once the next Monday and
        # Tuesday have both passed (a fixed "twice the period" would say Thursday).
        ("mon,tue", "2026-12-08 07:00", "2026-12-15 07:00"),
        # The first of the month.
        ("monthly", "2026-11-01 06:00", "2027-01-01 06:00"),
    ],
)
def test_a_job_is_late_once_two_of_its_own_runs_have_passed(schedule, last, late_from):
    from celery.schedules import crontab

    from sanctuary.celery import app
    from sanctuary.health import late_after

    schedule = {
        "mon,tue": crontab(hour=7, minute=0, day_of_week="mon,tue", app=app),
        "monthly": crontab(hour=6, minute=0, day_of_month=1, app=app),
    }.get(schedule, schedule)
    parse = lambda text: dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)  # noqa: E731
    assert late_after(schedule, parse(last)) == parse(late_from)
