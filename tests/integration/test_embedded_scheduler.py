"""The embedded default runs its scheduled jobs: `make run` starts celery beat beside the server.

Without Redis, tasks run eagerly, so beat runs each due job in its own process. Here beat is
started exactly as `make run` starts it, on the test database, with no broker configured, and a
check-in that is two days overdue must be escalated within one sweep period.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.utils import timezone

from returnees.models import Escalation
from sanctuary.models import SweepRun
from tests.factories import make_staff
from tests.returnees.factories import monitored_case
from tests.worker import ROOT

SWEEP_SECONDS = 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_beat_in_the_embedded_mode_escalates_an_overdue_check_in(tmp_path):
    make_staff("safeguarding_coordinator")
    case = monitored_case(
        started_at=timezone.now() - timezone.timedelta(days=9), guardians=[make_staff("guardian")]
    )
    assert case.next_due_at < timezone.now() - timezone.timedelta(days=2)
    database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_TASK_ALWAYS_EAGER"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "sanctuary.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "false",
        "RETURNEE_CHECKIN_SWEEP_SECONDS": str(SWEEP_SECONDS),
    }
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "sanctuary", "beat", "--loglevel=info",
         f"--schedule={tmp_path / 'schedule'}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:

        def swept() -> bool:
            run = SweepRun.objects.filter(name="returnees.tasks.checkin_sweep").first()
            return bool(run and run.last_finished_at) and Escalation.objects.filter(case=case).exists()

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not swept():
            time.sleep(0.5)
    finally:
        beat.terminate()
        output = beat.communicate(timeout=30)[0]
    assert Escalation.objects.filter(case=case, reason=Escalation.Reason.OVERDUE).exists(), output
    assert SweepRun.objects.get(name="returnees.tasks.checkin_sweep").last_finished_at is not None
    assert "Traceback" not in output, output
