"""The check-in schedule and the escalation sweep, on a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from returnees import services, tasks
from returnees.models import CadenceRule, CheckIn, Escalation
from returnees.services import Cadence, next_due_from
from sanctuary.errors import Refused
from sanctuary.models import ReminderLog
from tests.factories import make_staff
from tests.helpers import settle_session
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _subjects(mailoutbox) -> list[str]:
    return [m.subject for m in mailoutbox]


@pytest.fixture
def setup(settings):
    settings.RETURNEE_CHECKIN_GRACE_HOURS = 24
    settings.RETURNEE_CHECKIN_ESCALATION_HOURS = 72
    coordinator = make_staff("safeguarding_coordinator")
    with time_machine.travel(START, tick=False):
        case = monitored_case(started_at=START)
    lead = guardian_of(case, lead=True)
    other = guardian_of(case)
    return {"case": case, "coordinator": coordinator, "circle": {lead.email, other.email}, "lead": lead}


def _sweep_at(moment, django_capture_on_commit_callbacks):
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return tasks.checkin_sweep()


def test_default_cadence_is_daily_then_weekly_then_monthly():
    rules = [Cadence(0, 1), Cadence(7, 7), Cadence(97, 30)]
    assert next_due_from(anchor=START, rules=rules, last_contact=None) == START + dt.timedelta(days=1)
    day10 = START + dt.timedelta(days=10)
    assert next_due_from(anchor=START, rules=rules, last_contact=day10) == day10 + dt.timedelta(days=7)
    day100 = START + dt.timedelta(days=100)
    assert next_due_from(anchor=START, rules=rules, last_contact=day100) == day100 + dt.timedelta(days=30)


def test_monitoring_start_sets_default_schedule_and_first_due(setup):
    case = setup["case"]
    assert list(case.cadence_rules.values_list("starts_after_days", "interval_days")) == [
        (0, 1),
        (7, 7),
        (97, 30),
    ]
    assert case.next_due_at == START + dt.timedelta(days=1)


def test_nothing_is_sent_before_the_check_in_is_due(setup, mailoutbox, django_capture_on_commit_callbacks):
    result = _sweep_at(START + dt.timedelta(hours=23), django_capture_on_commit_callbacks)
    assert result["reminders"] == 0
    assert mailoutbox == []


def test_due_check_in_reminds_the_circle_once(setup, mailoutbox, django_capture_on_commit_callbacks):
    due = START + dt.timedelta(days=1, minutes=5)
    _sweep_at(due, django_capture_on_commit_callbacks)
    _sweep_at(due + dt.timedelta(minutes=5), django_capture_on_commit_callbacks)
    assert {m.to[0] for m in mailoutbox} == setup["circle"]
    assert len(mailoutbox) == 2
    assert all("Check-in due" in s for s in _subjects(mailoutbox))


def test_overdue_past_grace_alerts_the_whole_circle_once(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    _sweep_at(START + dt.timedelta(days=1, minutes=1), django_capture_on_commit_callbacks)
    mailoutbox.clear()
    for minutes in (0, 5, 10):
        _sweep_at(START + dt.timedelta(days=2, minutes=1 + minutes), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(setup["circle"])
    assert all("Overdue check-in" in s for s in _subjects(mailoutbox))
    assert not Escalation.objects.exists()


def test_overdue_past_escalation_period_escalates_to_coordinators_once(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    moment = START + dt.timedelta(days=4, minutes=1)
    _sweep_at(moment, django_capture_on_commit_callbacks)
    _sweep_at(moment + dt.timedelta(hours=1), django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    assert (escalation.reason, escalation.status) == (Escalation.Reason.OVERDUE, Escalation.Status.OPEN)
    to_coordinator = [m for m in mailoutbox if m.to == [setup["coordinator"].email]]
    assert len(to_coordinator) == 1
    assert "Escalation" in to_coordinator[0].subject


def test_a_sweep_that_did_not_run_for_two_days_catches_up_without_duplicates(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    # Nothing ran between the start and day 4: one sweep sends reminder, alert and escalation.
    first = _sweep_at(START + dt.timedelta(days=4, hours=1), django_capture_on_commit_callbacks)
    assert (first["reminders"], first["alerts"], first["escalations"]) == (1, 1, 1)
    count = len(mailoutbox)
    assert count == 2 + 2 + 1
    second = _sweep_at(START + dt.timedelta(days=4, hours=2), django_capture_on_commit_callbacks)
    assert (second["reminders"], second["alerts"], second["escalations"]) == (0, 0, 0)
    assert len(mailoutbox) == count
    assert ReminderLog.objects.count() == 3


def test_reaching_the_person_moves_the_next_due_time(setup, mailoutbox, django_capture_on_commit_callbacks):
    case = setup["case"]
    reached_at = START + dt.timedelta(hours=20)
    with time_machine.travel(reached_at, tick=False):
        services.checkin_record(
            actor=setup["lead"],
            case=case,
            occurred_at=reached_at,
            channel="whatsapp",
            reached=True,
            wellbeing="safe",
        )
    case.refresh_from_db()
    assert case.next_due_at == reached_at + dt.timedelta(days=1)
    _sweep_at(START + dt.timedelta(days=1, hours=1), django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_two_failed_attempts_in_a_row_escalate_at_once(setup, mailoutbox, django_capture_on_commit_callbacks):
    case = setup["case"]
    with django_capture_on_commit_callbacks(execute=True):
        for hours in (2, 5):
            moment = START + dt.timedelta(hours=hours)
            with time_machine.travel(moment, tick=False):
                services.checkin_record(
                    actor=setup["lead"],
                    case=case,
                    occurred_at=moment,
                    channel="phone",
                    reached=False,
                    wellbeing="not_reached",
                )
            if hours == 2:
                assert not Escalation.objects.exists()
    escalation = Escalation.objects.get()
    assert escalation.reason == Escalation.Reason.FAILED_ATTEMPTS
    assert [m.to for m in mailoutbox] == [[setup["coordinator"].email]]


def test_a_reached_check_in_between_failures_breaks_the_run(setup):
    case = setup["case"]
    for hours, reached in ((1, False), (2, True), (3, False)):
        moment = START + dt.timedelta(hours=hours)
        with time_machine.travel(moment, tick=False):
            services.checkin_record(
                actor=setup["lead"],
                case=case,
                occurred_at=moment,
                channel="sms",
                reached=reached,
                wellbeing="safe" if reached else "not_reached",
            )
    assert not Escalation.objects.exists()


def test_in_danger_escalates_to_coordinators_at_once_and_only_once(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    case = setup["case"]
    moment = START + dt.timedelta(hours=3)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.checkin_record(
                actor=setup["lead"],
                case=case,
                occurred_at=moment,
                channel="signal",
                reached=True,
                wellbeing=CheckIn.Wellbeing.IN_DANGER,
            )
    escalation = Escalation.objects.get()
    assert escalation.reason == Escalation.Reason.IN_DANGER
    assert len([m for m in mailoutbox if m.to == [setup["coordinator"].email]]) == 1


def test_escalation_is_acknowledged_then_resolved_with_notes(setup):
    case, coordinator = setup["case"], setup["coordinator"]
    escalation = services.escalation_raise(case=case, reason="overdue", reference_date=dt.date(2026, 11, 3))
    services.escalation_acknowledge(actor=coordinator, escalation=escalation, notes="Calling the contact")
    escalation = services.escalation_resolve(actor=coordinator, escalation=escalation, notes="Reached; safe")
    assert escalation.status == Escalation.Status.RESOLVED
    assert escalation.resolution_notes == "Reached; safe"
    with pytest.raises(Refused):
        services.escalation_resolve(actor=coordinator, escalation=escalation, notes="again")


def test_changing_the_schedule_recomputes_the_next_due_time(setup):
    case = setup["case"]
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        services.schedule_set(actor=setup["coordinator"], case=case, rules=[(0, 3), (30, 14)])
    case.refresh_from_db()
    assert case.next_due_at == START + dt.timedelta(days=3)
    assert CadenceRule.objects.filter(case=case).count() == 2


def test_closed_cases_are_not_swept(setup, mailoutbox, django_capture_on_commit_callbacks):
    services.case_close(actor=setup["coordinator"], case=setup["case"], reason="settled")
    _sweep_at(START + dt.timedelta(days=5), django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_open_escalation_shows_on_the_dashboard_of_circle_and_coordinators(setup, client_for):
    from django.urls import reverse

    case = setup["case"]
    services.escalation_raise(case=case, reason="in_danger", reference_date=timezone.localdate())
    outsider = make_staff("guardian")
    for person, sees in ((setup["lead"], True), (setup["coordinator"], True), (outsider, False)):
        body = client_for(person).get(reverse("dashboard")).content.decode()
        assert (case.reference in body) is sees


def test_due_check_in_of_a_case_without_a_circle_goes_to_coordinators(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = make_staff("safeguarding_coordinator")
    with time_machine.travel(START, tick=False):
        monitored_case(started_at=START)
    _sweep_at(START + dt.timedelta(days=1, minutes=1), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_missed_check_ins_are_listed_on_the_case(setup, client_for, django_capture_on_commit_callbacks):
    from django.urls import reverse

    _sweep_at(START + dt.timedelta(days=2, hours=1), django_capture_on_commit_callbacks)
    body = client_for(setup["lead"]).get(reverse("returnees:case_detail", args=[setup["case"].reference]))
    assert "Missed check-ins (due on): 3 Nov 2026" in body.content.decode()


def test_operator_command_runs_both_sweeps_and_is_safe_to_repeat(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    moment = START + dt.timedelta(days=1, hours=1)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("returnee_sweeps", stdout=out)
        call_command("returnee_sweeps", stdout=out)
    assert "'reminders': 1" in out.getvalue() and "'reminders': 0" in out.getvalue()
    assert len(mailoutbox) == 2


def test_dashboard_panel_runs_a_fixed_number_of_queries(client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    coordinator = make_staff("safeguarding_coordinator")
    client = client_for(coordinator)
    settle_session(client)

    def add(n):
        for _ in range(n):
            case = monitored_case(started_at=START)
            services.escalation_raise(case=case, reason="overdue", reference_date=dt.date(2026, 11, 5))

    add(1)
    with CaptureQueriesContext(connection) as small:
        body = client.get(reverse("dashboard")).content.decode()
    assert "open escalation" in body
    add(6)
    with django_assert_num_queries(len(small)):
        client.get(reverse("dashboard"))


def test_after_an_in_danger_check_in_the_next_one_is_due_within_the_escalation_period(settings):
    settings.RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS = 24
    case = monitored_case()
    guardian = guardian_of(case)
    moment = timezone.now()
    services.checkin_record(
        actor=guardian, case=case, occurred_at=moment, channel="phone", reached=True, wellbeing="in_danger"
    )
    case.refresh_from_db()
    assert case.next_due_at == moment + dt.timedelta(hours=24)
    assert case.next_due_at <= moment + dt.timedelta(hours=settings.RETURNEE_CHECKIN_ESCALATION_HOURS)
    # Changing the schedule keeps the shorter wait while the last contact found them in danger.
    services.schedule_set(actor=None, case=case, rules=[(0, 14)])
    case.refresh_from_db()
    assert case.next_due_at == moment + dt.timedelta(hours=24)
    # A later check-in that finds them safe returns the case to its cadence.
    later = moment + dt.timedelta(hours=20)
    services.checkin_record(
        actor=guardian, case=case, occurred_at=later, channel="phone", reached=True, wellbeing="safe"
    )
    case.refresh_from_db()
    assert case.next_due_at == later + dt.timedelta(days=14)


def test_an_in_danger_check_in_entered_late_does_not_override_a_later_safe_one(settings):
    case = monitored_case()
    guardian = guardian_of(case)
    now = timezone.now()
    services.checkin_record(
        actor=guardian, case=case, occurred_at=now, channel="phone", reached=True, wellbeing="safe"
    )
    services.checkin_record(
        actor=guardian,
        case=case,
        occurred_at=now - dt.timedelta(days=2),
        channel="phone",
        reached=True,
        wellbeing="in_danger",
    )
    case.refresh_from_db()
    # Due one cadence step after today's safe contact, not a day after the older report.
    assert case.next_due_at > now
