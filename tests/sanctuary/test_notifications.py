"""Reminders are recorded once before they are sent; rolled-back work sends nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from sanctuary.models import OutboundEmail, ReminderLog
from sanctuary.notifications import email_queue, reminder_send
from sanctuary.tasks import outbox_sweep
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("test_templates")]

DAY = dt.date(2026, 11, 1)


def _remind(person):
    return reminder_send(
        obj=person,
        rule="test-reminder",
        reference_date=DAY,
        template="tests/emails/reminder",
        to=[person.email],
        context={"thing": "the charter"},
    )


def test_the_same_reminder_triggered_twice_is_sent_once(mailoutbox):
    person = UserFactory()
    assert _remind(person) is True
    assert _remind(person) is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Reminder about the charter"
    assert mailoutbox[0].to == [person.email]
    assert ReminderLog.objects.count() == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


def test_a_reminder_in_a_rolled_back_transaction_sends_nothing(mailoutbox):
    person = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _remind(person)
        raise RuntimeError("the surrounding work failed")
    assert mailoutbox == []
    assert ReminderLog.objects.count() == 0
    # ...and it can be sent later, when the work succeeds.
    assert _remind(person) is True
    assert len(mailoutbox) == 1


def test_a_clash_inside_a_larger_transaction_leaves_it_usable(mailoutbox):
    person = UserFactory()
    with transaction.atomic():
        _remind(person)
        assert _remind(person) is False
        UserFactory()  # the outer transaction still works
    assert len(mailoutbox) == 1


def test_email_has_text_and_html_parts(mailoutbox):
    person = UserFactory()
    email_queue(template="tests/emails/reminder", to=person.email, context={"thing": "<b>x</b>"})
    message = mailoutbox[0]
    assert "&lt;b&gt;x&lt;/b&gt;" in message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"


def test_outbox_sweep_sends_what_a_lost_task_left_pending(mailoutbox, settings):
    person = UserFactory()
    email = OutboundEmail.objects.create(
        template="tests/emails/reminder",
        to=person.email,
        subject="s",
        body_text="t",
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert outbox_sweep() == 1
    assert outbox_sweep() == 0
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mailoutbox) == 1
