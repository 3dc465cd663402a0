"""Journey 2: sign up, verify the email address, set up two-factor authentication, sign out,
and sign in again with a one-time code."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from tests.browser.conftest import assert_accessible, link_in_last_email
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str, step: int) -> str:
    counter = list(yield_hotp_counters_from_time())[1] + step
    return format_hotp_value(hotp_value(secret, counter))


def test_sign_up_verify_set_up_mfa_sign_out_and_sign_in_with_a_code(page, mailoutbox):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Create an account").click()
    assert_accessible(page)

    page.get_by_label("Email").fill("amira@example.org")
    page.get_by_label("Your name").fill("Amira Test")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(TEST_PASSWORD)
    page.get_by_label(re.compile(r"^\s*Password \(again\)")).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)

    page.goto(link_in_last_email(mailoutbox, r"https?://\S+/accounts/confirm-email/\S+"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard/")
    assert "Amira Test" in page.content()

    page.get_by_role("link", name="Manage two-factor authentication").click()
    assert_accessible(page)
    page.get_by_role("link", name="Activate").click()
    if "/reauthenticate/" in page.url:
        page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    page.get_by_label("Authenticator code").fill(_code(secret, 0))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile(r".*/accounts/2fa/.*"))
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("amira@example.org")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Code").fill(_code(secret, 1))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    assert "Two-factor authentication is on." in page.content()
