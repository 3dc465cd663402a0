"""Outages never turn a saved action into an error page, and never send an email twice."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from returnees.models import CheckIn, Escalation
from sanctuary.models import OutboundEmail
from sanctuary.notifications import emails_deliver
from sanctuary.tasks import outbox_sweep
from tests.factories import make_staff
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db

DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down(use_broker):
    use_broker(DEAD_BROKER)


def _email(**fields) -> OutboundEmail:
    return OutboundEmail.objects.create(to="someone@example.org", subject="s", body_text="t", **fields)


def test_an_in_danger_check_in_is_saved_and_shown_as_saved_when_the_broker_is_down(
    client_for, broker_down, django_capture_on_commit_callbacks, caplog
):
    coordinator = make_staff("safeguarding_coordinator")
    case = monitored_case()
    guardian = guardian_of(case)
    with (
        caplog.at_level(logging.WARNING, logger="sanctuary.queue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(guardian).post(
            reverse("returnees:checkin_new", args=[case.reference]),
            {
                "occurred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "channel": "phone",
                "reached": "yes",
                "wellbeing": "in_danger",
            },
        )
    assert response.status_code == 302
    assert CheckIn.objects.filter(case=case).exists()
    assert Escalation.objects.get().reason == "in_danger"
    # The coordinator's alert waits in the outbox; the log names who will send it.
    alert = OutboundEmail.objects.get(to=coordinator.email)
    assert alert.status == OutboundEmail.Status.PENDING
    assert "the outbox sweep will do the work" in caplog.text


def test_the_sweep_sends_what_the_broker_outage_left_behind(mailoutbox):
    waiting = _email(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert outbox_sweep() == 1
    waiting.refresh_from_db()
    assert waiting.status == OutboundEmail.Status.SENT and len(mailoutbox) == 1


def test_the_sweep_leaves_an_email_a_live_worker_has_claimed(mailoutbox):
    # A backlog: the email waited longer than the sweep's grace before its worker took it.
    claimed = _email(created_at=timezone.now() - dt.timedelta(hours=1), claimed_at=timezone.now())
    assert outbox_sweep() == 0
    assert emails_deliver([str(claimed.pk)]).sent == 0  # nor does a second task take it
    assert mailoutbox == []


def test_the_sweep_sends_again_what_a_dead_worker_claimed(mailoutbox, settings):
    settings.OUTBOX_CLAIM_SECONDS = 60
    stale = timezone.now() - dt.timedelta(seconds=61)
    lost = _email(created_at=stale, claimed_at=stale, attempts=1)
    assert outbox_sweep() == 1
    lost.refresh_from_db()
    assert (lost.status, lost.attempts) == (OutboundEmail.Status.SENT, 2)
    assert outbox_sweep() == 0 and len(mailoutbox) == 1


def test_every_email_carries_a_message_id_of_its_own_row(mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "City of Sanctuary <no-reply@sanctuary.example.org>"
    email = _email()
    emails_deliver([str(email.pk)])
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<{email.pk}@sanctuary.example.org>"


def test_an_email_that_keeps_failing_is_given_up_after_the_last_attempt(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.MAILERS = {"default": {"BACKEND": "tests.sanctuary.test_notifications.FlakyBackend"}}
    email = OutboundEmail.objects.create(to="refused@example.org", subject="s", body_text="t")
    emails_deliver([str(email.pk)])
    email.refresh_from_db()
    assert (email.status, email.claimed_at) == (OutboundEmail.Status.PENDING, None)
    emails_deliver([str(email.pk)])
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (OutboundEmail.Status.FAILED, 2, "OSError")


@pytest.fixture
def cache_down(settings):
    from sanctuary.cache import _Breaker

    settings.CACHES = {
        "default": {
            "BACKEND": "sanctuary.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    _Breaker.reset()
    yield
    _Breaker.reset()


def test_pages_and_sessions_work_while_the_cache_is_down(client, cache_down, caplog):
    from tests.factories import UserFactory

    person = UserFactory()
    with caplog.at_level(logging.WARNING, logger="sanctuary.cache"):
        assert client.get(reverse("home")).status_code == 200
        client.force_login(person)  # the session is written to the database
        dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert person.email in dashboard.content.decode() or dashboard.context["user"] == person
    assert caplog.text.count("Cache unreachable") == 1  # once per outage, not once per call


def test_people_can_sign_in_while_the_cache_is_down(client, cache_down):
    # allauth counts sign-ins under a lock in the cache: without one it refuses, so an outage
    # must not read as "too many attempts" to everyone (a guardian reporting danger included).
    from tests.factories import TEST_PASSWORD, UserFactory

    person = UserFactory()
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).context["user"] == person


def test_password_guessing_is_still_limited_while_the_cache_is_down(client, cache_down):
    from tests.factories import TEST_PASSWORD, UserFactory

    person = UserFactory()
    for _ in range(10):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
    # Past the limit, even the right password from here is refused, for now.
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert "Too many failed login attempts" in response.text
    assert not response.wsgi_request.user.is_authenticated


def test_a_public_form_that_sends_email_is_still_limited_while_the_cache_is_down(client, cache_down):
    from tests.factories import GroupFactory, make_lead

    group = GroupFactory()
    make_lead(group)
    url = reverse("groups:contact", args=[group.slug])
    message = {"name": "Visitor", "email": "visitor@example.net", "message": "Can I help?"}
    statuses = [client.post(url, message).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert OutboundEmail.objects.count() == 5


def test_health_reports_the_cache_down_while_pages_still_work(client, cache_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"


class DownBackend:
    """An SMTP server that refuses every connection."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def __enter__(self):
        raise ConnectionRefusedError("SMTP is down")

    def __exit__(self, *exc) -> None:
        return None

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


def _smtp_back(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    OutboundEmail.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))


def test_sign_up_during_an_smtp_outage_succeeds_and_the_email_follows_once_smtp_is_back(
    client, settings, mailoutbox
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "display_name": "New Person",
            "password1": "a long enough passphrase 1",
            "password2": "a long enough passphrase 1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    waiting = OutboundEmail.objects.get(to="new.person@example.org")
    assert waiting.status == OutboundEmail.Status.PENDING and mailoutbox == []

    _smtp_back(settings)
    assert outbox_sweep() == 1
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert mailoutbox[0].subject.startswith("[City of Sanctuary]")


def test_password_reset_during_an_smtp_outage_is_sent_once_smtp_is_back(client, settings, mailoutbox):
    from tests.factories import UserFactory

    person = UserFactory()
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}
    response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert response.status_code == 302
    _smtp_back(settings)
    assert outbox_sweep() == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert outbox_sweep() == 0 and len(mailoutbox) == 1
