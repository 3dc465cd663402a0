"""No name, phone number or place leaves the encrypted columns: not in a log line, an email,
a URL or an audit detail, over the main flows (SECURITY.md 8)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from returnees import tasks
from returnees.models import Case
from sanctuary.models import AccessLog, AuditEvent, OutboundEmail
from tests.factories import make_staff
from tests.returnees.factories import SECRET_KNOWN_AS, SECRET_NAME, SECRET_PHONE, SECRET_PLACE, reauthenticate

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_NAME, SECRET_KNOWN_AS, SECRET_PHONE, SECRET_PLACE, "Quillfeather", "Nkulumane", "555 0199")


def _assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret!r} found in {where}"


def test_main_flows_leak_nothing_personal(client_for, caplog, mailoutbox, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    coordinator = make_staff("safeguarding_coordinator")
    guardian = make_staff("guardian")
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    visited: list[str] = []

    def go(method, url, data=None, **extra):
        visited.append(url)
        response = getattr(client, method)(url, data or {}, **extra)
        if response.status_code in (301, 302):
            visited.append(response["Location"])
        return response

    # Web requests run on the real clock (staff sessions time out when idle); the sweep travels.
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = go(
            "post",
            reverse("returnees:case_create"),
            {
                "full_name": SECRET_NAME,
                "known_as": SECRET_KNOWN_AS,
                "destination_country": "ZW",
                "destination_place": SECRET_PLACE,
                "phone_numbers": SECRET_PHONE,
                "risk_level": "high",
                "risk_reason": "Threats",
                "preferred_channels": ["whatsapp", "signal"],
            },
        )
        assert response.status_code == 302
        case = Case.objects.get()
        ref = case.reference
        go("post", reverse("returnees:circle", args=[ref]), {"guardian": guardian.pk, "is_lead": "on"})
        go("post", reverse("returnees:case_start_monitoring", args=[ref]))
        go("get", reverse("returnees:case_detail", args=[ref]))
        go("post", reverse("returnees:plan_new", args=[ref]), {"travel": f"Fly to {SECRET_PLACE}"})
        go("get", reverse("returnees:plan_pdf", args=[ref, 1]))
        pdf = SimpleUploadedFile(f"{SECRET_NAME}.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        go("post", reverse("returnees:documents", args=[ref]), {"kind": "identity", "file": pdf})
        document = case.documents.get()
        response = go("get", reverse("returnees:document_download", args=[ref, document.pk]))
        _assert_clean(response["Content-Disposition"], "download name")
        go("get", reverse("returnees:case_export", args=[ref]))
        go("get", reverse("returnees:index"), {"reference": ref})
    guardian_client = client_for(guardian)
    for minutes, wellbeing, reached in (
        (30, "not_reached", "no"),
        (20, "not_reached", "no"),
        (10, "in_danger", "yes"),
    ):
        moment = timezone.localtime(start - dt.timedelta(minutes=minutes))
        with django_capture_on_commit_callbacks(execute=True):
            url = reverse("returnees:checkin_new", args=[ref])
            visited.append(url)
            guardian_client.post(
                url,
                {
                    "occurred_at": moment.strftime("%Y-%m-%d %H:%M"),
                    "channel": "phone",
                    "reached": reached,
                    "wellbeing": wellbeing,
                    "notes": f"{SECRET_NAME} at {SECRET_PLACE}, {SECRET_PHONE}",
                },
            )
    with (
        time_machine.travel(start + dt.timedelta(days=6), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.checkin_sweep()
        tasks.retention_sweep()

    assert case.checkins.count() == 3
    assert mailoutbox, "the flows above send reminders and escalations"
    for message in mailoutbox:
        _assert_clean(message.subject, "email subject")
        _assert_clean(message.body, "email body")
        for alternative, _mime in message.alternatives:
            _assert_clean(alternative, "email html")
    for email in OutboundEmail.objects.all():
        _assert_clean(f"{email.subject} {email.body_text} {email.body_html}", "outbox")
    for url in visited:
        _assert_clean(url, "URL")
    assert any(ref in record.getMessage() for record in caplog.records), "logs name cases by reference"
    for record in caplog.records:
        _assert_clean(record.getMessage(), f"log line from {record.name}")
    for event in AuditEvent.objects.all():
        _assert_clean(str(event.detail), f"audit detail of {event.action}")
    assert AuditEvent.objects.filter(action="returnees.escalation_raised").exists()
    for row in AccessLog.objects.values_list("view_name", "object_id"):
        _assert_clean(" ".join(row), "access log")


def test_error_reports_hide_typed_data_and_decrypted_values(rf, monkeypatch, settings):
    import sys

    from django.contrib.sessions.backends.db import SessionStore
    from django.views.debug import ExceptionReporter

    from returnees import services, views
    from tests.returnees.factories import guardian_of, monitored_case

    settings.DEBUG = False
    case = monitored_case()
    guardian = guardian_of(case)

    def broken(**kwargs):
        decrypted = case.full_name  # noqa: F841 - a local an error report would show
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "checkin_record", broken)
    request = rf.post(
        "/x/",
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "channel": "phone",
            "reached": "yes",
            "wellbeing": "safe",
            "notes": f"Hiding at {SECRET_PLACE}",
        },
    )
    request.user, request.session = guardian, SessionStore()
    try:
        views.checkin_new(request, reference=case.reference)
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    else:  # pragma: no cover
        raise AssertionError("the view should have failed")
    assert "boom" in report
    _assert_clean(report, "error report")
