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
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connections, models, router, transaction
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from sanctuary.models import OutboundEmail, ReminderLog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_plain(name: str, context: dict[str, Any]) -> str:
    """Subjects and text bodies are not HTML: escaping them would send "Brighton &amp; Hove"."""
    return get_template(name).template.render(make_context(context, autoescape=False))


def render_email(template: str, context: dict[str, Any]) -> RenderedEmail:
    base = {"site_url": settings.SITE_URL, **context}
    subject = _render_plain(f"{template}_subject.txt", base)
    subject = " ".join(subject.split())[:240]
    text = _render_plain(f"{template}.txt", base)
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


@dataclass(frozen=True)
class Reminder:
    """One reminder for ``reminders_send``: its unique key and the email it sends."""

    object_type: str
    object_id: str
    rule: str
    reference_date: dt.date
    template: str
    to: str | tuple[str, ...]
    context: dict[str, Any]

    @classmethod
    def about(cls, obj: models.Model, **fields) -> Reminder:
        """A reminder keyed by a model instance, as ``reminder_send(obj=...)`` keys it."""
        return cls(object_type=obj._meta.label_lower, object_id=str(obj.pk), **fields)

    @property
    def key(self) -> tuple[str, str, str, dt.date]:
        return (self.object_type, self.object_id, self.rule, self.reference_date)


# Emails handed to one delivery task, which sends them over one mail connection.
DELIVERY_BATCH = 100


@transaction.atomic
def reminders_send(reminders: Sequence[Reminder]) -> list[Reminder]:
    """Record many reminders under their unique keys and queue their emails, each only once.

    The batch form of ``reminder_send``, for sweeps: the same guarantee (a key recorded before,
    or twice in ``reminders``, sends nothing more; a rolled-back transaction sends nothing) in a
    fixed number of queries whatever the batch holds: one insert of the log rows that skips keys
    already taken, one of the emails. After commit, one task per ``DELIVERY_BATCH`` emails sends
    them over a single mail connection. Returns the reminders recorded now.
    """
    unique = list({reminder.key: reminder for reminder in reversed(reminders)}.values())[::-1]
    if not unique:
        return []
    recorded = _log_new_keys(unique)
    fresh = [reminder for reminder in unique if reminder.key in recorded]
    emails = []
    for reminder in fresh:
        rendered = render_email(reminder.template, reminder.context)
        emails.extend(
            OutboundEmail(
                reminder_id=recorded[reminder.key],
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
    return fresh


def _log_new_keys(reminders: Sequence[Reminder]) -> dict[tuple, int]:
    """Insert a log row per reminder, skipping keys already taken, in one statement per
    backend batch (one on PostgreSQL). Returns the ids of the rows inserted now, by key.

    ``ON CONFLICT DO NOTHING ... RETURNING`` (PostgreSQL, SQLite 3.35+) answers exactly which
    keys this call took, even against a concurrent sweep; the ORM's ``ignore_conflicts`` cannot.
    """
    meta = ReminderLog._meta
    connection = connections[router.db_for_write(ReminderLog)]
    fields = [meta.get_field(name) for name in ("object_type", "object_id", "rule", "reference_date")]
    created = meta.get_field("created_at")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in [*fields, created])
    returned = ", ".join(quote(field.column) for field in [meta.pk, *fields])
    now = created.get_db_prep_value(timezone.now(), connection)
    size = connection.ops.bulk_batch_size([*fields, created], reminders) or len(reminders)
    taken: dict[tuple, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(reminders), size):
            chunk = reminders[start : start + size]
            params: list = []
            for reminder in chunk:
                params.extend(
                    field.get_db_prep_value(value, connection)
                    for field, value in zip(fields, reminder.key, strict=True)
                )
                params.append(now)
            rows = ", ".join(["(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {rows} "  # noqa: S608 - names from the model, values bound
                f"ON CONFLICT DO NOTHING RETURNING {returned}",
                params,
            )
            for pk, kind, object_id, rule, reference_date in cursor.fetchall():
                taken[(kind, object_id, rule, dt.date.fromisoformat(str(reference_date)))] = pk
    return taken


def _deliver_after_commit(email_ids: list[str]) -> None:
    from sanctuary.tasks import emails_send

    def enqueue() -> None:
        for start in range(0, len(email_ids), DELIVERY_BATCH):
            emails_send.delay(email_ids[start : start + DELIVERY_BATCH])

    if email_ids:
        transaction.on_commit(enqueue)


def reminder_exists(*, obj: models.Model, rule: str, reference_date: dt.date) -> bool:
    return ReminderLog.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        rule=rule,
        reference_date=reference_date,
    ).exists()


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def email_deliver(email_id: str) -> bool:
    """Send one stored email if it is still pending. Returns True when it was sent now."""
    email = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.PENDING).first()
    if email is None:
        return False
    message = _message(email)
    try:
        message.send()
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


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int
    error: Exception | None  # the last failure, for a task to retry on


def emails_deliver(email_ids: Iterable[str]) -> Delivery:
    """Send those of ``email_ids`` still pending over one mail connection.

    Three queries at most, however many emails: one read, one update for those sent, one for
    those that failed (they stay pending, for a retry or the outbox sweep).
    """
    emails = list(OutboundEmail.objects.filter(pk__in=list(email_ids), status=OutboundEmail.Status.PENDING))
    sent: list = []
    failed: list = []
    error: Exception | None = None
    if not emails:
        return Delivery(0, 0, None)
    try:
        with mail.mailers.default as connection:
            for email in emails:
                try:
                    connection.send_messages([_message(email)])
                except Exception as exc:
                    failed.append(email.pk)
                    error = exc
                else:
                    sent.append(email.pk)
    except Exception as exc:  # opening or closing the connection failed
        failed = [email.pk for email in emails if email.pk not in set(sent)]
        error = exc
    if sent:
        # Conditional update: if another worker raced us, only one marks it sent.
        OutboundEmail.objects.filter(pk__in=sent, status=OutboundEmail.Status.PENDING).update(
            status=OutboundEmail.Status.SENT, sent_at=timezone.now(), attempts=models.F("attempts") + 1
        )
    if failed:
        OutboundEmail.objects.filter(pk__in=failed).update(
            attempts=models.F("attempts") + 1, last_error=type(error).__name__[:250]
        )
        logger.warning(
            "%s of %s emails could not be sent: %s", len(failed), len(emails), type(error).__name__
        )
    return Delivery(len(sent), len(failed), error)
