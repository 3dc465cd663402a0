"""Sign-up and sign-in that give nothing away and cannot be turned against an account's owner.

Sign-up with an address that already has an account follows the same path as a new sign-up:
the same redirect and page, one email through the outbox (allauth's "you already have an
account" instead of the verification), and one password hash (the slow step), so neither the
page nor its timing says whether the address is known. Failed sign-ins are limited per account
*and* address, so an attacker cannot lock a coordinator out, and the owner is told by email,
once per window, when their account sees repeated failures.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from sanctuary.models import AuditEvent, OutboundEmail, Role
from tests.factories import TEST_PASSWORD, UserFactory, make_staff

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture
def hashes(monkeypatch):
    """How many passwords were hashed (the test settings hash with MD5)."""
    calls = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(1)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return calls


def _sign_up(client, email: str):
    return client.post(
        reverse("account_signup"),
        {"email": email, "display_name": "Sam", "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
        follow=True,
    )


def test_signing_up_with_a_known_address_looks_and_costs_the_same_as_a_new_sign_up(client, hashes):
    UserFactory(email="known@example.org")
    hashes.clear()
    new = _sign_up(client, "new@example.org")
    new_hashes, new_templates = len(hashes), [t.name for t in new.templates]
    hashes.clear()
    client.logout()
    known = _sign_up(client, "known@example.org")
    assert new.redirect_chain == known.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    assert [t.name for t in known.templates] == new_templates
    assert len(hashes) == new_hashes == 1
    emails = {email.to: email.template for email in OutboundEmail.objects.all()}
    assert emails == {
        "new@example.org": "account/email/email_confirmation_signup",
        "known@example.org": "account/email/account_already_exists",
    }
    assert _page(new, "new@example.org") == _page(known, "known@example.org")


def _page(response, email: str) -> str:
    """The page as the person sees it: their own address and the per-response nonce aside."""
    return re.sub(r'nonce="[^"]+"', "", response.content.decode().replace(email, "X"))


def _fail(client, email: str, address: str):
    return client.post(reverse("account_login"), {"login": email, "password": "wrong"}, REMOTE_ADDR=address)


def test_an_attacker_failing_on_purpose_cannot_lock_the_coordinator_out(client):
    coordinator = make_staff(Role.SAFEGUARDING_COORDINATOR, with_mfa=False)
    for _ in range(15):
        _fail(client, coordinator.email, ATTACKER)
    right = {"login": coordinator.email, "password": TEST_PASSWORD}
    refused = client.post(reverse("account_login"), right, REMOTE_ADDR=ATTACKER)
    assert not refused.wsgi_request.user.is_authenticated, "the attacker's address is held back"
    response = client.post(reverse("account_login"), right, REMOTE_ADDR=OWNER)
    assert response.status_code == 302, "the owner, elsewhere, signs in"


def test_the_owner_is_told_once_per_window_when_their_account_sees_repeated_failures(client, settings):
    person = UserFactory()
    for _ in range(settings.LOGIN_FAILURE_NOTICE_AFTER - 1):
        _fail(client, person.email, ATTACKER)
    assert not OutboundEmail.objects.filter(template="sanctuary/emails/failed_logins").exists()
    _fail(client, person.email, "192.0.2.44")  # failures from every address count
    for _ in range(5):
        _fail(client, person.email, ATTACKER)
    (notice,) = OutboundEmail.objects.filter(template="sanctuary/emails/failed_logins")
    assert notice.to == person.email
    assert reverse("account_reset_password") in notice.body_text
    assert "has not been locked" in notice.body_text
    assert (
        AuditEvent.objects.filter(action="sanctuary.failed_logins_notified", object_id=str(person.pk)).count()
        == 1
    )


def test_failures_for_an_unknown_address_email_nobody(client, settings):
    for _ in range(settings.LOGIN_FAILURE_NOTICE_AFTER + 2):
        _fail(client, "nobody@example.org", ATTACKER)
    assert not OutboundEmail.objects.filter(template="sanctuary/emails/failed_logins").exists()


def test_a_new_window_sends_a_new_notice(client, settings):
    from django.core.cache import cache

    person = UserFactory()
    for _ in range(settings.LOGIN_FAILURE_NOTICE_AFTER):
        _fail(client, person.email, ATTACKER)
    cache.clear()  # the window has passed
    for _ in range(settings.LOGIN_FAILURE_NOTICE_AFTER):
        _fail(client, person.email, OWNER)
    assert OutboundEmail.objects.filter(template="sanctuary/emails/failed_logins").count() == 2
