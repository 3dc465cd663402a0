"""Many reminders at once: each recorded once, its emails sent after commit, in fixed queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from sanctuary import notifications
from sanctuary.models import OutboundEmail, ReminderLog
from sanctuary.notifications import Reminder, emails_deliver, reminders_send
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("test_templates")]

DAY = dt.date(2026, 11, 1)


def _reminder(person, *, rule: str = "test-reminder", day: dt.date = DAY) -> Reminder:
    return Reminder(
        object_type="sanctuary.user",
        object_id=str(person.pk),
        rule=rule,
        reference_date=day,
        template="tests/emails/reminder",
        to=(person.email,),
        context={"thing": "the charter"},
    )


def test_each_reminder_of_a_batch_is_recorded_and_sent_once(mailoutbox):
    people = UserFactory.create_batch(3)
    first = reminders_send([_reminder(p) for p in people])
    again = reminders_send([_reminder(p) for p in people])
    assert len(first) == 3 and again == []
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)
    assert ReminderLog.objects.count() == 3
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}
    assert all(email.reminder_id for email in OutboundEmail.objects.all())


def test_only_the_new_reminders_of_a_batch_are_sent(mailoutbox):
    old, new = UserFactory(), UserFactory()
    reminders_send([_reminder(old)])
    mailoutbox.clear()
    sent = reminders_send([_reminder(old), _reminder(new), _reminder(new)])
    assert [r.object_id for r in sent] == [str(new.pk)]
    assert [m.to for m in mailoutbox] == [[new.email]]


def test_a_batch_in_a_rolled_back_transaction_sends_nothing(mailoutbox):
    person = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        reminders_send([_reminder(person)])
        raise RuntimeError("the surrounding work failed")
    assert mailoutbox == [] and not ReminderLog.objects.exists()
    assert len(reminders_send([_reminder(person)])) == 1


def test_queries_do_not_grow_with_the_batch(mailoutbox):
    def count(n: int) -> int:
        people = UserFactory.create_batch(n)
        # Counted before the commit: delivery afterwards is one task per batch of emails.
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            reminders_send([_reminder(p, rule=f"rule-{n}") for p in people])
        return len(queries)

    assert count(2) == count(12)


def test_a_key_another_run_recorded_meanwhile_is_left_to_that_run(monkeypatch, mailoutbox):
    """The race: a concurrent sweep records a key between our read and our insert."""
    raced, mine = UserFactory(), UserFactory()
    real_recorded = notifications._recorded_keys
    calls = []

    def recorded_after_a_race(keys):
        calls.append(1)
        if len(calls) == 1:
            # The other run's row appears just after we looked (written here in our own
            # transaction, which the unique key refuses alike; tests/returnees/test_scale.py
            # races two real transactions on PostgreSQL).
            ReminderLog.objects.create(
                object_type="sanctuary.user",
                object_id=str(raced.pk),
                rule="test-reminder",
                reference_date=DAY,
            )
            return set()
        return real_recorded(keys)

    monkeypatch.setattr(notifications, "_recorded_keys", recorded_after_a_race)
    sent = reminders_send([_reminder(raced), _reminder(mine)])
    assert [r.object_id for r in sent] == [str(mine.pk)]
    assert [m.to for m in mailoutbox] == [[mine.email]]
    assert ReminderLog.objects.count() == 2


def test_a_reminder_that_cannot_be_recorded_fails_loudly():
    broken = Reminder(
        object_type="sanctuary.user",
        object_id=None,  # not a clash with another run: a bug the caller must see
        rule="test-reminder",
        reference_date=DAY,
        template="tests/emails/reminder",
        to=("a@example.org",),
        context={},
    )
    with pytest.raises(IntegrityError):
        reminders_send([broken])


class _RefusesOneAddress(EmailBackend):
    opened = 0

    def open(self):
        type(self).opened += 1
        return super().open()

    def send_messages(self, messages):
        if any("refused" in address for m in messages for address in m.to):
            raise OSError("mailbox unavailable")
        return super().send_messages(messages)


def test_a_batch_goes_over_one_connection_and_one_failure_does_not_stop_it(monkeypatch, mailoutbox):
    class Mailers:
        default = _RefusesOneAddress()

    monkeypatch.setattr(notifications, "mailers", Mailers)
    _RefusesOneAddress.opened = 0
    emails = [
        OutboundEmail.objects.create(template="t", to=address, subject="s", body_text="t")
        for address in ("one@example.org", "refused@example.org", "two@example.org")
    ]
    assert emails_deliver([str(e.pk) for e in emails]) == 2
    assert _RefusesOneAddress.opened == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["one@example.org", "two@example.org"]
    refused = OutboundEmail.objects.get(to="refused@example.org")
    assert (refused.status, refused.attempts) == (OutboundEmail.Status.PENDING, 1)
