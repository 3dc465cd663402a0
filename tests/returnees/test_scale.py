"""The sweep and the busiest pages stay fast as cases grow, without giving up a guarantee.

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
from django.urls import reverse
from django.utils import timezone

from returnees import services, tasks
from returnees.models import Case, Escalation
from returnees.views import PAGE_SIZE
from sanctuary.models import AuditEvent, OutboundEmail, ReminderLog
from tests.factories import make_staff
from tests.helpers import settle_session
from tests.returnees.factories import SECRET_NAME, SECRET_PHONE, guardian_of, monitored_case

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


# --- Pages ------------------------------------------------------------------------------------


def _count(client, url, data=None) -> int:
    settle_session(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code in (200, 302)
    return len(queries)


@pytest.mark.parametrize("who", ["coordinator", "guardian"])
@pytest.mark.parametrize("query", ["", "?status=monitoring&risk=high", "?due=on", "?page=2"])
def test_case_list_queries_do_not_grow_past_a_page_of_cases(client_for, who, query):
    guardian = make_staff("guardian")
    person = make_staff("safeguarding_coordinator") if who == "coordinator" else guardian
    client = client_for(person)
    url = reverse("returnees:index") + query
    for case in _cases(2, guardian=guardian):
        services.escalation_raise(case=case, reason="overdue", reference_date=START.date())
    small = _count(client, url)
    for case in _cases(PAGE_SIZE + 5, guardian=guardian):
        services.escalation_raise(case=case, reason="overdue", reference_date=START.date())
    assert _count(client, url) == small


def test_check_in_form_queries_do_not_grow_with_the_history(client_for):
    case = monitored_case()
    guardian = guardian_of(case, lead=True)
    client = client_for(guardian)
    url = reverse("returnees:checkin_new", args=[case.reference])

    posted = []

    def post() -> int:
        # Each a different check-in: an identical one posted again is a double click, not counted.
        posted.append(1)
        return _count(
            client,
            url,
            {
                "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "channel": "whatsapp",
                "reached": "yes",
                "wellbeing": "safe",
                "notes": f"Call number {len(posted)}.",
            },
        )

    small = post()
    for _ in range(30):
        services.checkin_record(
            actor=guardian,
            case=case,
            occurred_at=timezone.now(),
            channel="sms",
            reached=True,
            wellbeing="safe",
        )
    assert post() == small
    assert _count(client, url) == _count(client, url)


def test_guardian_sees_what_needs_attention_first(client_for):
    guardian = make_staff("guardian")
    now = timezone.now()

    def case(**fields) -> Case:
        made = monitored_case(guardians=[guardian])
        Case.objects.filter(pk=made.pk).update(**fields)
        return made

    closed = case(status=Case.Status.CLOSED, next_due_at=None)
    preparing = case(status=Case.Status.PREPARING, next_due_at=None)
    later = case(next_due_at=now + dt.timedelta(days=3))
    overdue = case(next_due_at=now - dt.timedelta(days=2))
    due = case(next_due_at=now - dt.timedelta(hours=1))
    page = client_for(guardian).get(reverse("returnees:index")).content.decode()
    listing = page[page.index('<ul class="list-unstyled">') :]
    positions = [listing.index(c.reference) for c in (overdue, due, later, preparing, closed)]
    assert positions == sorted(positions)
    assert "2 check-ins are due now." in page


def test_coordinator_list_pages_and_counts_agree_with_and_without_filters(client_for):
    coordinator = make_staff("safeguarding_coordinator")
    client = client_for(coordinator)
    cases = _cases(PAGE_SIZE + 5)
    Case.objects.filter(pk__in=[c.pk for c in cases[:3]]).update(risk_level=Case.Risk.LOW)
    page = client.get(reverse("returnees:index")).content.decode()
    assert "Page 1 of 2" in page
    second = client.get(reverse("returnees:index"), {"page": 2}).content.decode()
    assert second[second.index('<ul class="list-unstyled">') :].count('<li class="border-bottom') == 5
    low = client.get(reverse("returnees:index"), {"risk": "low"}).content.decode()
    assert "Page 1 of" not in low
    assert low[low.index('<ul class="list-unstyled">') :].count('<li class="border-bottom') == 3


def test_coordinator_lists_every_check_in_due_with_one_filter(client_for):
    coordinator = make_staff("safeguarding_coordinator")
    now = timezone.now()
    due = [monitored_case() for _ in range(3)]
    later = monitored_case()
    Case.objects.filter(pk__in=[c.pk for c in due]).update(next_due_at=now - dt.timedelta(hours=2))
    Case.objects.filter(pk=later.pk).update(next_due_at=now + dt.timedelta(days=2))
    client = client_for(coordinator)
    page = client.get(reverse("returnees:index")).content.decode()
    assert '<a href="?due=on">3 check-ins due or overdue</a>' in page
    filtered = client.get(reverse("returnees:index"), {"due": "on"}).content.decode()
    listing = filtered[filtered.index('<ul class="list-unstyled">') :]
    assert all(c.reference in listing for c in due) and later.reference not in listing


def test_case_lists_and_the_check_in_form_never_read_personal_fields(client_for):
    """A page that shows no personal detail must not decrypt one either."""
    coordinator = make_staff("safeguarding_coordinator")
    case = monitored_case()
    guardian = guardian_of(case, lead=True)
    services.escalation_raise(case=case, reason="overdue", reference_date=START.date())
    visits = [
        (client_for(coordinator), reverse("returnees:index"), None),
        (client_for(guardian), reverse("returnees:index"), None),
        (client_for(guardian), reverse("returnees:checkin_new", args=[case.reference]), None),
        (
            client_for(guardian),
            reverse("returnees:checkin_new", args=[case.reference]),
            {
                "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "channel": "sms",
                "reached": "yes",
                "wellbeing": "safe",
            },
        ),
    ]
    for client, url, data in visits:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data) if data else client.get(url)
        assert response.status_code in (200, 302)
        for query in queries:
            for field in Case.PERSONAL_FIELDS:
                assert f'"returnees_case"."{field}"' not in query["sql"], (url, field)
        assert SECRET_NAME.encode() not in response.content
        assert SECRET_PHONE.encode() not in response.content


def test_open_escalations_are_counted_beyond_the_ten_listed(client_for):
    coordinator = make_staff("safeguarding_coordinator")
    for index, case in enumerate(_cases(12)):
        services.escalation_raise(
            case=case, reason="overdue", reference_date=START.date() + dt.timedelta(days=index)
        )
    page = client_for(coordinator).get(reverse("returnees:index")).content.decode()
    assert "12 open escalations" in page
    assert "The newest 10 are listed here." in page
    assert "12 escalations not yet resolved." in page
    dashboard = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "12 open escalations" in dashboard
