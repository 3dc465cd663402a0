"""Every periodic job in the beat schedule is a real task, and each sweep records its run."""

from __future__ import annotations

import pytest
from django.conf import settings

from sanctuary.celery import app
from sanctuary.models import SweepRun


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    missing = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in app.tasks
    ]
    assert missing == []


def test_scheduled_jobs_are_plain_sweeps_without_countdowns():
    from datetime import timedelta

    from celery.schedules import crontab

    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        schedule = entry["schedule"]
        assert isinstance(schedule, timedelta | crontab), name
        assert "options" not in entry or "countdown" not in entry["options"], name


@pytest.mark.django_db
@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE), ids=str)
def test_each_sweep_runs_on_an_empty_database_and_records_its_run(entry):
    app.loader.import_default_modules()
    task = app.tasks[settings.CELERY_BEAT_SCHEDULE[entry]["task"]]
    task.apply().get()
    # Recorded under the task's own name, which is how /healthz finds the job's last run.
    assert SweepRun.objects.filter(name=task.name, last_finished_at__isnull=False).exists()
