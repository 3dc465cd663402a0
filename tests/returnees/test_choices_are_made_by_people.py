"""Forms never choose for the coordinator or guardian: a choice left empty is refused beside its
field, what was typed stays, and nothing is saved."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from returnees.models import Case, CaseDocument, CheckIn
from tests.factories import make_staff
from tests.returnees.factories import guardian_of, monitored_case, reauthenticate

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _selected_option(page: str, name: str) -> str | None:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, f"no select named {name}"
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
    return chosen.group(1) if chosen else None


@pytest.fixture
def coordinator(client_for):
    user = make_staff("safeguarding_coordinator")
    client = client_for(user)
    reauthenticate(client, user)
    return client


def test_new_case_form_preselects_no_risk_level_and_requires_one(coordinator):
    url = reverse("returnees:case_create")
    assert _selected_option(coordinator.get(url).content.decode(), "risk_level") in (None, "")
    response = coordinator.post(url, {"full_name": "Typed Name", "destination_country": "ZW"})
    assert response.status_code == 200
    assert "Choose a risk level" in response.content.decode()
    assert 'value="Typed Name"' in response.content.decode()
    assert not Case.objects.exists()


def test_closing_a_case_needs_a_reason_chosen(coordinator):
    case = monitored_case()
    url = reverse("returnees:case_close", args=[case.reference])
    assert _selected_option(coordinator.get(url).content.decode(), "reason") in (None, "")
    response = coordinator.post(url, {"notes": "Spoke to the family."})
    assert "Choose the reason for closing the case." in response.content.decode()
    assert "Spoke to the family." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.MONITORING


def test_check_in_needs_the_channel_chosen(client_for):
    case = monitored_case()
    client = client_for(guardian_of(case))
    url = reverse("returnees:checkin_new", args=[case.reference])
    assert _selected_option(client.get(url).content.decode(), "channel") in (None, "")
    response = client.post(
        url,
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "reached": "yes",
            "wellbeing": "safe",
            "notes": "Doing fine",
        },
    )
    assert "Choose how you were in touch." in response.content.decode()
    assert "Doing fine" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_document_upload_needs_its_kind_chosen(client_for):
    case = monitored_case()
    client = client_for(guardian_of(case))
    reauthenticate(client, case.circle.get().guardian)
    url = reverse("returnees:documents", args=[case.reference])
    response = client.post(
        url, {"description": "Letter", "file": SimpleUploadedFile("a.pdf", PDF_BYTES, "application/pdf")}
    )
    assert "Choose what kind of document this is." in response.content.decode()
    assert not CaseDocument.objects.exists()
