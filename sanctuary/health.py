"""What an operator needs to know: is every dependency up, is every job running, is mail moving.

Both ``/healthz`` (for load balancers and monitors) and the staff "System status" page read
``platform_health``, so they always tell the same story. Every check is bounded in time: a dead
broker or cache answers within a second, and ``/healthz`` never hangs waiting for one.

Jobs are judged against their own timetable: each beat entry's last successful run must be
younger than twice its period. A job that never ran is measured from the moment scheduling
started (the scheduler's first heartbeat); if scheduling never started at all, that is the
problem reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import redis
from celery.schedules import crontab
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min, Q
from django.utils import timezone

from sanctuary.models import OutboundEmail, SweepRun

HEARTBEAT_TASK = "sanctuary.tasks.heartbeat"


@dataclass(frozen=True)
class Job:
    entry: str
    task: str
    period: dt.timedelta
    last_success: dt.datetime | None
    late: bool

    def as_json(self) -> dict:
        return {
            "entry": self.entry,
            "task": self.task,
            "period_seconds": int(self.period.total_seconds()),
            "last_success_at": self.last_success.isoformat() if self.last_success else None,
            "late": self.late,
        }


@dataclass
class Health:
    checks: dict[str, bool | None]
    jobs: list[Job] = field(default_factory=list)
    outbox: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        return {
            "status": "ok" if self.healthy else "unavailable",
            "checks": {
                name: ("ok" if value else "skipped" if value is None else "down")
                for name, value in self.checks.items()
            },
            "problems": self.problems,
            "jobs": [job.as_json() for job in self.jobs],
            "outbox": self.outbox,
        }


def next_run_after(schedule, moment: dt.datetime) -> dt.datetime:
    """When a beat schedule next runs after ``moment``, on its own calendar."""
    if isinstance(schedule, dt.timedelta):
        return moment + schedule
    if isinstance(schedule, crontab):
        start, delta, _ = schedule.remaining_delta(moment)
        return start + delta
    return moment + dt.timedelta(seconds=schedule.run_every.total_seconds())


def late_after(schedule, last: dt.datetime) -> dt.datetime:
    """A job is late once two of its scheduled runs have passed since its last success: twice its
    period for a regular schedule, and right for an irregular one (Mondays and Tuesdays only,
    the first of the month) too."""
    return next_run_after(schedule, next_run_after(schedule, last))


def schedule_period(schedule, now: dt.datetime) -> dt.timedelta:
    """The time between the next two runs after ``now`` (shown to people; lateness uses ``late_after``)."""
    first = next_run_after(schedule, now)
    return next_run_after(schedule, first) - first


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


def _check_cache() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


def _check_broker() -> bool | None:
    from sanctuary.celery import app

    if app.conf.task_always_eager:
        return None  # no broker: tasks run in-process
    url = app.conf.broker_url or ""
    if url.startswith(("redis://", "rediss://")):
        # One PING with short timeouts answers in milliseconds, or fails within half a second.
        try:
            return bool(redis.Redis.from_url(url, socket_connect_timeout=0.4, socket_timeout=0.4).ping())
        except Exception:
            return False
    try:
        with app.connection_for_write(
            connect_timeout=0.5,
            transport_options={"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        ) as conn:
            conn.ensure_connection(max_retries=0, timeout=0.5)
    except Exception:
        return False
    return True


def jobs_health(now: dt.datetime) -> tuple[list[Job], list[str]]:
    runs = {run.name: run for run in SweepRun.objects.all()}
    heartbeat = runs.get(HEARTBEAT_TASK)
    problems: list[str] = []
    if heartbeat is None:
        problems.append("scheduler: no scheduled job has ever run (is celery beat running?)")
    watched_since = heartbeat.created_at if heartbeat else now
    jobs = []
    for entry, spec in sorted(settings.CELERY_BEAT_SCHEDULE.items()):
        period = schedule_period(spec["schedule"], now)
        run = runs.get(spec["task"])
        last = run.last_finished_at if run else None
        late = now > late_after(spec["schedule"], last or watched_since)
        jobs.append(Job(entry=entry, task=spec["task"], period=period, last_success=last, late=late))
        if late:
            problems.append(f"job {entry}: no successful run for more than twice its period")
    return jobs, problems


def outbox_health(now: dt.datetime) -> tuple[dict, list[str]]:
    pending = Q(status=OutboundEmail.Status.PENDING)
    figures = OutboundEmail.objects.aggregate(
        pending=Count("pk", filter=pending),
        failed=Count("pk", filter=Q(status=OutboundEmail.Status.FAILED)),
        oldest=Min("created_at", filter=pending),
    )
    oldest = figures["oldest"]
    threshold = dt.timedelta(minutes=settings.OUTBOX_ALERT_MINUTES)
    body = {
        "pending": figures["pending"],
        "failed": figures["failed"],
        "oldest_pending_at": oldest.isoformat() if oldest else None,
        "alert_after_minutes": settings.OUTBOX_ALERT_MINUTES,
    }
    problems = []
    if oldest and now - oldest > threshold:
        problems.append(f"outbox: an email has waited more than {settings.OUTBOX_ALERT_MINUTES} minutes")
    return body, problems


def platform_health() -> Health:
    now = timezone.now()
    database = _check_database()
    health = Health(checks={"database": database, "cache": _check_cache(), "broker": _check_broker()})
    health.problems = [f"{name}: unreachable" for name, value in health.checks.items() if value is False]
    if database:
        health.jobs, job_problems = jobs_health(now)
        health.outbox, outbox_problems = outbox_health(now)
        health.problems += job_problems + outbox_problems
    return health
