"""Templated email and the reminder log.

Emails are rendered from a trio of templates (``<name>_subject.txt``, ``<name>.txt``,
``<name>.html``), stored in the outbox inside the caller's transaction, and sent by a
Celery task enqueued only after commit. A rolled-back transaction therefore sends
nothing, and a reminder recorded under a key that already exists sends nothing again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from sanctuary.models import OutboundEmail, ReminderLog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_email(template: str, context: dict[str, Any]) -> RenderedEmail:
    base = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", base)
    subject = " ".join(subject.split())[:240]
    text = render_to_string(f"{template}.txt", base)
    html = render_to_string(f"{template}.html", base)
    return RenderedEmail(subject=subject, text=text, html=html)


def _recipients(to: str | Iterable[str]) -> list[str]:
    addresses = [to] if isinstance(to, str) else list(to)
    # One email per address, in order, without repeats.
    return list(dict.fromkeys(a.strip().lower() for a in addresses if a and a.strip()))


@transaction.atomic
def email_queue(
    *,
    template: str,
    to: str | Iterable[str],
    context: dict[str, Any],
    reminder: ReminderLog | None = None,
) -> list[OutboundEmail]:
    """Render and store one email per recipient; send them after the transaction commits."""
    from sanctuary.tasks import email_send

    rendered = render_email(template, context)
    emails = [
        OutboundEmail.objects.create(
            reminder=reminder,
            template=template,
            to=address,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
        )
        for address in _recipients(to)
    ]
    for email in emails:
        email_id = str(email.pk)
        transaction.on_commit(lambda email_id=email_id: email_send.delay(email_id))
    return emails


def reminder_send(
    *,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    rule: str,
    reference_date: dt.date,
    template: str,
    to: str | Iterable[str],
    context: dict[str, Any],
) -> bool:
    """Record a reminder under its unique key and queue its emails, once.

    Returns False, and queues nothing, when the same key was recorded before.
    """
    kind = object_type or obj._meta.label_lower
    pk = object_id or str(obj.pk)
    try:
        # The savepoint keeps a caller's surrounding transaction usable after a clash.
        with transaction.atomic():
            reminder = ReminderLog.objects.create(
                object_type=kind, object_id=pk, rule=rule, reference_date=reference_date
            )
            email_queue(template=template, to=to, context=context, reminder=reminder)
    except IntegrityError:
        return False
    return True


# (object type, object id, rule, reference date): the unique key of a ReminderLog row.
ReminderKey = tuple[str, str, str, dt.date]


@dataclass(frozen=True)
class Reminder:
    """One reminder for :func:`reminders_send`: its unique key, its email and who gets it."""

    object_type: str
    object_id: str
    rule: str
    reference_date: dt.date
    template: str
    to: tuple[str, ...]
    context: dict[str, Any]

    @property
    def key(self) -> ReminderKey:
        return (self.object_type, self.object_id, self.rule, self.reference_date)


# Emails handed to one delivery task, which sends them over one mail connection.
EMAILS_PER_TASK = 100


def _recorded_keys(keys: Iterable[ReminderKey]) -> set[ReminderKey]:
    """Which of ``keys`` are recorded already, in one query."""
    keys = set(keys)
    found = ReminderLog.objects.filter(
        object_type__in={key[0] for key in keys},
        object_id__in={key[1] for key in keys},
        rule__in={key[2] for key in keys},
        reference_date__in={key[3] for key in keys},
    ).values_list("object_type", "object_id", "rule", "reference_date")
    return set(found) & keys


def _reminders_claim(reminders: Sequence[Reminder]) -> list[tuple[Reminder, ReminderLog]]:
    """Record the reminders whose key is still free; the rows written are this call's to send.

    Keys recorded before are read first and the rest inserted in one statement. If another run
    records one of them in between, the unique key fails the whole insert (a savepoint keeps the
    transaction usable) and the keys are read again. ``ignore_conflicts`` would be one query
    shorter but cannot say which rows it wrote, and a reminder must have exactly one sender.
    """
    pending = {reminder.key: reminder for reminder in reminders}
    for key in _recorded_keys(pending):
        del pending[key]
    while pending:
        # In key order, so that two runs inserting overlapping batches wait on each other
        # instead of deadlocking.
        pending = dict(sorted(pending.items()))
        logs = [
            ReminderLog(object_type=kind, object_id=pk, rule=rule, reference_date=day)
            for kind, pk, rule, day in pending
        ]
        try:
            with transaction.atomic():
                ReminderLog.objects.bulk_create(logs)
        except IntegrityError:
            taken = _recorded_keys(pending)
            if not taken:
                raise  # not a clash with another run's reminder: a real error
            for key in taken:
                del pending[key]
            continue
        return list(zip(pending.values(), logs, strict=True))
    return []


def _deliver_after_commit(email_ids: list[str]) -> None:
    from sanctuary.tasks import email_send_many

    for start in range(0, len(email_ids), EMAILS_PER_TASK):
        batch = email_ids[start : start + EMAILS_PER_TASK]
        transaction.on_commit(lambda batch=batch: email_send_many.delay(batch))


@transaction.atomic
def reminders_send(reminders: Iterable[Reminder]) -> list[Reminder]:
    """:func:`reminder_send` for many reminders at once, in a fixed number of queries.

    Each reminder is recorded under its unique key, and its emails stored, in the caller's
    transaction; the emails are sent in batches after commit. Returns the reminders recorded
    by this call: one whose key was recorded before (an earlier or a concurrent run) sends
    nothing.
    """
    claimed = _reminders_claim(list(reminders))
    emails = []
    for reminder, log in claimed:
        rendered = render_email(reminder.template, reminder.context)
        emails.extend(
            OutboundEmail(
                reminder=log,
                template=reminder.template,
                to=address,
                subject=rendered.subject,
                body_text=rendered.text,
                body_html=rendered.html,
            )
            for address in _recipients(reminder.to)
        )
    OutboundEmail.objects.bulk_create(emails)
    _deliver_after_commit([str(email.pk) for email in emails])
    return [reminder for reminder, _log in claimed]


def reminder_exists(*, obj: models.Model, rule: str, reference_date: dt.date) -> bool:
    return ReminderLog.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        rule=rule,
        reference_date=reference_date,
    ).exists()


def email_deliver(email_id: str, *, mailer=None) -> bool:
    """Send one stored email if it is still pending. Returns True when it was sent now.

    ``mailer``: an open mail connection to reuse (see :func:`emails_deliver`)."""
    email = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.PENDING).first()
    if email is None:
        return False
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        if mailer is None:
            message.send()
        else:
            mailer.send_messages([message])
    except Exception as exc:
        OutboundEmail.objects.filter(pk=email.pk).update(
            attempts=models.F("attempts") + 1, last_error=type(exc).__name__[:250]
        )
        logger.warning("Email %s could not be sent: %s", email.pk, type(exc).__name__)
        raise
    # Conditional update: if another worker raced us, only one marks it sent.
    OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.PENDING).update(
        status=OutboundEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=models.F("attempts") + 1,
    )
    return True


def emails_deliver(email_ids: Iterable[str]) -> int:
    """Send many stored emails over one mail connection. Returns how many were sent now.

    One that fails keeps its place in the outbox (the attempt counted, see :func:`email_deliver`)
    for the outbox sweep; the others still go.
    """
    sent = 0
    with mailers.default as mailer:
        for email_id in email_ids:
            try:
                sent += email_deliver(email_id, mailer=mailer)
            except Exception:  # noqa: S112 - counted in attempts; the outbox sweep tries again
                continue
    return sent
