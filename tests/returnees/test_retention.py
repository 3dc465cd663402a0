"""Closed cases are anonymised after the retention period; consent withdrawal erases at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from returnees import services, tasks
from returnees.models import Case, CheckIn, CountryNote, InCountryContact
from sanctuary.models import AuditEvent, SweepRun
from sanctuary.uploads import clean_upload
from tests.factories import make_staff
from tests.returnees.factories import SECRET_NAME, monitored_case, reauthenticate

pytestmark = pytest.mark.django_db


def _full_case():
    case = monitored_case()
    services.checkin_record(
        actor=None,
        case=case,
        occurred_at=timezone.now(),
        channel="phone",
        reached=True,
        wellbeing="safe",
        notes="Living with an uncle",
        needs="Medicine",
    )
    services.contact_add(actor=None, case=case, name="Pastor Example", how_to_reach="Church office")
    services.country_note_add(actor=None, case=case, researched_on=timezone.localdate(), notes="Tense")
    services.plan_version_create(actor=None, case=case, sections={"travel": "Bus to the town"})
    pdf = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    document = services.document_add(actor=None, case=case, upload=clean_upload(pdf), kind="identity")
    return case, document.encrypted_file.name


def _assert_erased(case: Case, stored_name: str) -> None:
    case.refresh_from_db()
    assert case.anonymised_at is not None
    for name in Case.PERSONAL_FIELDS:
        assert getattr(case, name) == "", name
    checkin = CheckIn.objects.get(case=case)
    assert (checkin.notes, checkin.needs, checkin.wellbeing) == ("", "", "safe")  # figures survive
    assert not InCountryContact.objects.filter(case=case).exists()
    assert not CountryNote.objects.filter(case=case).exists()
    assert case.plan_versions.get().travel == ""
    assert not case.documents.exists()
    assert not default_storage.exists(stored_name)


def test_retention_sweep_anonymises_cases_closed_longer_than_the_period(
    settings, django_capture_on_commit_callbacks
):
    settings.RETURNEE_RETENTION_DAYS = 30
    old, old_file = _full_case()
    recent, _ = _full_case()
    with time_machine.travel(timezone.now() - dt.timedelta(days=31)):
        services.case_close(actor=None, case=old, reason="settled")
    services.case_close(actor=None, case=recent, reason="settled")
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.retention_sweep()
    assert result == {"anonymised": 1}
    _assert_erased(old, old_file)
    recent.refresh_from_db()
    assert recent.full_name == SECRET_NAME and recent.anonymised_at is None
    assert AuditEvent.objects.filter(action="returnees.case_anonymised", object_id=str(old.pk)).exists()
    assert SweepRun.objects.get(name="returnees.tasks.retention_sweep").last_finished_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.retention_sweep() == {"anonymised": 0}


def test_open_cases_are_never_anonymised_by_retention(settings):
    settings.RETURNEE_RETENTION_DAYS = 1
    case, _ = _full_case()
    with time_machine.travel(timezone.now() + dt.timedelta(days=400)):
        tasks.retention_sweep()
    case.refresh_from_db()
    assert case.anonymised_at is None


def test_consent_withdrawal_erases_personal_fields_at_once(client_for, django_capture_on_commit_callbacks):
    coordinator = make_staff("safeguarding_coordinator")
    case, stored = _full_case()
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    url = reverse("returnees:case_consent_withdraw", args=[case.reference])
    assert client.post(url, {}).status_code == 200  # the confirmation box must be ticked
    case.refresh_from_db()
    assert case.full_name == SECRET_NAME
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    _assert_erased(case, stored)
    assert (case.status, case.closed_reason) == (Case.Status.CLOSED, Case.ClosedReason.CONSENT_WITHDRAWN)
    assert case.consent_withdrawn_at is not None
    event = AuditEvent.objects.get(action="returnees.consent_withdrawn")
    assert event.actor == coordinator
    page = client.get(reverse("returnees:case_detail", args=[case.reference])).content.decode()
    assert SECRET_NAME not in page
