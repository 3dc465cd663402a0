"""Sessions end when an account is deactivated; account flows log no personal data."""

from __future__ import annotations

import logging
import re

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_deactivating_a_user_ends_their_sessions_at_once(client_for, national_staff):
    client = client_for(national_staff)
    assert client.get(reverse("dashboard")).status_code == 200
    national_staff.is_active = False
    national_staff.save(update_fields=["is_active"])
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_deactivated_user_cannot_sign_in(client):
    person = UserFactory(is_active=False)
    client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert client.get(reverse("dashboard")).status_code == 302


def test_account_flows_log_no_email_address_name_or_password(
    client, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    email, name = "zainab.private@example.org", "Zainab Privatename"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": email, "display_name": name, "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
        )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[-1].body)[0]
    client.post(re.sub(r"^https?://[^/]+", "", link))
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": email, "password": "wrong password"})
    client.post(reverse("account_login"), {"login": email, "password": TEST_PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": email})
    logging.getLogger("sanctuary.probe").debug("capture works")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "capture works" in logged
    for secret in (email, name, TEST_PASSWORD, "zainab"):
        assert secret.lower() not in logged.lower()
