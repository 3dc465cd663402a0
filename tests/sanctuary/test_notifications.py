"""Reminders are recorded once before they are sent; rolled-back work sends nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.mail.backends import locmem
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sanctuary.models import OutboundEmail, ReminderLog
from sanctuary.notifications import Reminder, email_queue, emails_deliver, reminder_send, reminders_send
from sanctuary.tasks import emails_send, outbox_sweep
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


# --- many reminders at once (sweeps) ---------------------------------------------------------


def _reminders(people, *, day=DAY, rule="test-reminder"):
    return [
        Reminder.about(
            person,
            rule=rule,
            reference_date=day,
            template="tests/emails/reminder",
            to=person.email,
            context={"thing": f"the charter, {person.display_name}"},
        )
        for person in people
    ]


class CountingBackend(locmem.EmailBackend):
    """The in-memory backend, counting the connections opened."""

    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return super().open()


def test_many_reminders_are_recorded_and_sent_once_each(mailoutbox):
    people = UserFactory.create_batch(3)
    assert len(reminders_send(_reminders(people))) == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)
    # Running again, or with one more person, sends only what was never sent.
    newcomer = UserFactory()
    assert reminders_send(_reminders([*people, newcomer])) == _reminders([newcomer])
    assert len(mailoutbox) == 4
    assert ReminderLog.objects.count() == 4
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}
    # A different reference date is a different reminder.
    assert len(reminders_send(_reminders(people, day=DAY + dt.timedelta(days=7)))) == 3


def test_a_reminder_that_cannot_be_recorded_fails_loudly(mailoutbox):
    from django.db import IntegrityError

    # Not a clash with another run (those are skipped quietly) but a bug the caller must see.
    broken = Reminder(
        object_type="sanctuary.user",
        object_id=None,
        rule="test-reminder",
        reference_date=DAY,
        template="tests/emails/reminder",
        to="a@example.org",
        context={},
    )
    with pytest.raises(IntegrityError):
        reminders_send([broken])
    assert mailoutbox == []


def test_a_key_given_twice_in_one_batch_sends_once(mailoutbox):
    person = UserFactory()
    assert len(reminders_send(_reminders([person, person]))) == 1
    assert len(mailoutbox) == 1


def test_many_reminders_agree_with_single_ones(mailoutbox):
    person = UserFactory()
    _remind(person)
    assert reminders_send(_reminders([person])) == []
    assert len(mailoutbox) == 1


def test_many_reminders_in_a_rolled_back_transaction_send_nothing(mailoutbox):
    people = UserFactory.create_batch(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        reminders_send(_reminders(people))
        raise RuntimeError("the sweep failed midway")
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()
    assert len(reminders_send(_reminders(people))) == 2


def test_many_reminders_take_the_same_queries_however_many(
    django_assert_num_queries, mailoutbox, monkeypatch
):
    few, many = UserFactory.create_batch(2), UserFactory.create_batch(40)
    handed_over: list = []
    monkeypatch.setattr(
        "sanctuary.notifications.enqueue_on_commit", lambda task, ids, fallback: handed_over.append(ids)
    )
    with CaptureQueriesContext(connection) as two:
        reminders_send(_reminders(few))
    with django_assert_num_queries(len(two)):
        reminders_send(_reminders(many))
    assert [len(ids) for ids in handed_over] == [2, 40]


def test_delivery_marks_each_email_after_its_own_send_and_claims_ten_at_a_time(
    django_assert_num_queries, mailoutbox
):
    emails = [_pending_email(f"person{n}@example.org") for n in range(25)]
    # Per chunk of ten: a locking read and the claim (plus the transaction's savepoint pair on
    # some backends); per email: its own "sent" mark, written before the next is sent.
    with CaptureQueriesContext(connection) as queries:
        assert emails_deliver([str(email.pk) for email in emails]).sent == 25
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    marks = [sql for sql in updates if "sent_at" in sql]
    claims = [sql for sql in updates if "claimed_at" in sql]
    assert len(marks) == 25 and len(claims) == 3
    assert len(mailoutbox) == 25
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_emails_of_a_batch_go_out_over_one_connection(settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CountingBackend"}}
    CountingBackend.opened = 0
    reminders_send(_reminders(UserFactory.create_batch(5)))
    assert len(mailoutbox) == 5
    assert CountingBackend.opened == 1


class FlakyBackend(locmem.EmailBackend):
    """Refuses mail to anyone called "refused"."""

    def send_messages(self, messages):
        if any(m.to[0].startswith("refused") for m in messages):
            raise OSError("mailbox unavailable")
        return super().send_messages(messages)


def _pending_email(to: str) -> OutboundEmail:
    return OutboundEmail.objects.create(template="tests/emails/reminder", to=to, subject="s", body_text="t")


def test_a_failed_email_stays_pending_and_the_others_are_sent(settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FlakyBackend"}}
    fine, refused = _pending_email("fine@example.org"), _pending_email("refused@example.org")
    delivery = emails_deliver([str(fine.pk), str(refused.pk)])
    assert (delivery.sent, delivery.failed, type(delivery.error)) == (1, 1, OSError)
    assert [m.to for m in mailoutbox] == [["fine@example.org"]]
    refused.refresh_from_db()
    assert (refused.status, refused.attempts, refused.last_error) == (
        OutboundEmail.Status.PENDING,
        1,
        "OSError",
    )
    # The delivery task fails so that it is retried; a retry sends only what is still pending.
    with pytest.raises(OSError):
        emails_send([str(fine.pk), str(refused.pk)])
    assert len(mailoutbox) == 1
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert emails_send([str(fine.pk), str(refused.pk)]) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["fine@example.org", "refused@example.org"]
