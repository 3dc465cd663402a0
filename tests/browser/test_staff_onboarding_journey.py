"""Journey: national staff invite a guardian; the guardian follows the emailed link, chooses a
password, sets up two-factor authentication and lands on the page that shows their work."""

from __future__ import annotations

import re

import pytest

from sanctuary.models import AuditEvent, Role, RoleAssignment, User
from tests.browser.conftest import assert_accessible, link_in_last_email, sign_in, staff_with_totp, totp_code
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a long walk by the river 2026"


def test_staff_invite_a_guardian_who_sets_a_password_and_a_second_factor(new_page, mailoutbox):
    staff, staff_secret = staff_with_totp(Role.NATIONAL_STAFF, email="nadia@example.org")
    desk = new_page()
    sign_in(desk, staff.email, TEST_PASSWORD, totp_secret=staff_secret)
    desk.get_by_role("link", name="Invitations", exact=True).click()
    desk.wait_for_url("**/staff/invitations/")
    assert_accessible(desk)

    # Forgetting the role is explained beside the field, and the address stays typed.
    desk.get_by_label("Email address").fill("owen.new@example.org")
    desk.get_by_role("button", name="Send the invitation").click()
    assert "Choose the role this person will have." in desk.locator("[data-error-summary]").inner_text()
    assert desk.get_by_label("Email address").input_value() == "owen.new@example.org"
    assert_accessible(desk)
    desk.get_by_role("radio", name="Guardian").check()
    desk.get_by_role("button", name="Send the invitation").click()
    desk.wait_for_url("**/staff/invitations/")
    assert "Invitation sent to owen.new@example.org" in desk.content()
    assert "Waiting" in desk.content()

    guardian = new_page(phone=True)
    guardian.goto(link_in_last_email(mailoutbox, r"https?://\S+/welcome/\S+/"))
    assert "Step 1 of 3" in guardian.content()
    assert_accessible(guardian)
    guardian.get_by_label("Your name").fill("Owen New")
    guardian.get_by_label("Choose a password").fill(NEW_PASSWORD)
    guardian.get_by_label("Type the password again").fill(NEW_PASSWORD)
    guardian.get_by_role("button", name="Create my account and continue").click()

    guardian.wait_for_url("**/accounts/2fa/totp/activate/")
    assert "Step 2 of 3" in guardian.content()
    assert_accessible(guardian)
    secret = guardian.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    guardian.get_by_label("Authenticator code").fill(totp_code(secret))
    guardian.get_by_role("button", name="Activate").click()

    guardian.wait_for_url("**/welcome/ready/")
    assert "Step 3 of 3" in guardian.content()
    assert_accessible(guardian)
    guardian.get_by_role("link", name="Returnee cases").click()
    guardian.wait_for_url("**/returnees/")

    person = User.objects.get(email="owen.new@example.org")
    assert RoleAssignment.objects.get(user=person, role=Role.GUARDIAN).granted_by == staff
    assert AuditEvent.objects.filter(
        action="sanctuary.role_granted", actor=staff, object_id=str(person.pk)
    ).exists()

    desk.reload()
    assert "Accepted" in desk.content()
