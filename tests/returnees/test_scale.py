"""The sweep stays fast as cases grow, without giving up a guarantee.

Query counts are compared at two data sizes (never against a fixed number): a page or a sweep
whose queries grow with the rows it handles fails here before it fails at national scale.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from returnees import services, tasks
from returnees.models import Case, Escalation
from sanctuary.models import AuditEvent, OutboundEmail, ReminderLog
from tests.factories import make_staff
from tests.returnees.factories import SECRET_NAME, guardian_of, monitored_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
# Past the grace and escalation periods of a check-in due on day 1: a reminder, an alert
# and an escalation for every case.
LATE = START + dt.timedelta(days=4, hours=1)


def _cases(n: int, *, guardian=None) -> list[Case]:
    with time_machine.travel(START, tick=False):
        cases = [monitored_case(started_at=START) for _ in range(n)]
    for case in cases:
        if guardian:
            case.circle.create(guardian=guardian)
        else:
            guardian_of(case, lead=True)
    return cases


def _sweep_queries(moment: dt.datetime) -> tuple[int, dict]:
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
        result = tasks.checkin_sweep()
    return len(queries), result


def test_check_in_sweep_queries_do_not_grow_with_due_cases(settings):
    settings.RETURNEE_CHECKIN_GRACE_HOURS = 24
    settings.RETURNEE_CHECKIN_ESCALATION_HOURS = 72
    make_staff("safeguarding_coordinator")
    _sweep_queries(START)  # the sweep's bookkeeping row exists from now on, as in production
    _cases(1)
    small, result = _sweep_queries(LATE)
    assert (result["reminders"], result["alerts"], result["escalations"]) == (1, 1, 1)
    small_again, _ = _sweep_queries(LATE + dt.timedelta(minutes=5))

    _cases(8)
    large, result = _sweep_queries(LATE + dt.timedelta(minutes=10))
    assert (result["reminders"], result["alerts"], result["escalations"]) == (8, 8, 8)
    large_again, result = _sweep_queries(LATE + dt.timedelta(minutes=15))
    assert (result["reminders"], result["alerts"], result["escalations"]) == (0, 0, 0)
    assert (large, large_again) == (small, small_again)


def test_sweep_records_each_reminder_before_its_emails_and_audits_each_escalation(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.RETURNEE_CHECKIN_GRACE_HOURS = 24
    settings.RETURNEE_CHECKIN_ESCALATION_HOURS = 72
    coordinator = make_staff("safeguarding_coordinator")
    cases = _cases(3)
    with time_machine.travel(LATE, tick=False), django_capture_on_commit_callbacks(execute=True):
        tasks.checkin_sweep()
    assert ReminderLog.objects.count() == 9
    # Every email belongs to a recorded reminder, and every one was sent.
    assert not OutboundEmail.objects.filter(reminder__isnull=True).exists()
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == len(mailoutbox) == 9
    assert sorted(e.case_id for e in Escalation.objects.all()) == sorted(c.pk for c in cases)
    audited = AuditEvent.objects.filter(action="returnees.escalation_raised")
    escalation_ids = sorted(Escalation.objects.values_list("pk", flat=True))
    assert sorted(int(a.object_id) for a in audited) == escalation_ids
    assert all(SECRET_NAME not in str(a.detail) for a in audited)
    assert len([m for m in mailoutbox if m.to == [coordinator.email]]) == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once(settings):
    settings.RETURNEE_CHECKIN_GRACE_HOURS = 24
    settings.RETURNEE_CHECKIN_ESCALATION_HOURS = 72
    make_staff("safeguarding_coordinator")
    _cases(6)
    barrier = threading.Barrier(2)
    results: list[dict] = []
    errors: list[BaseException] = []

    def sweep():
        try:
            barrier.wait()
            results.append(services.checkin_sweep(now=LATE))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sum(r["reminders"] for r in results) == 6
    assert sum(r["alerts"] for r in results) == 6
    assert sum(r["escalations"] for r in results) == 6
    assert ReminderLog.objects.count() == 18
    assert Escalation.objects.count() == 6
    # One email per recipient per reminder: 6 x (due + overdue) to the lead, 6 escalations.
    assert OutboundEmail.objects.count() == 18
