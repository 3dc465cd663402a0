"""Templated email and the reminder log.

Emails are rendered from a trio of templates (``<name>_subject.txt``, ``<name>.txt``,
``<name>.html``), in each recipient's language (their account's preferred language, or the
language of the page that sent it for an address without an account; see sanctuary/i18n.py),
stored in the outbox inside the caller's transaction, and sent by a Celery task enqueued only
after commit. A rolled-back transaction therefore sends
nothing, and a reminder recorded under a key that already exists sends nothing again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, connections, models, router, transaction
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from sanctuary.i18n import language_of, languages_of, links_in, supported
from sanctuary.models import OutboundEmail, ReminderLog
from sanctuary.queue import enqueue_on_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_plain(name: str, context: dict[str, Any]) -> str:
    """Subjects and text bodies are not HTML: escaping them would send "Brighton &amp; Hove"."""
    return get_template(name).template.render(make_context(context, autoescape=False))


def render_email(template: str, context: dict[str, Any], *, language: str | None = None) -> RenderedEmail:
    """The email in ``language`` (the active language when None), its links leading to pages
    in that language."""
    language = supported(language or get_language())
    with language_of(language):
        base = {"site_url": settings.SITE_URL, **links_in(context, language), "LANGUAGE_CODE": language}
        subject = _render_plain(f"{template}_subject.txt", base)
        subject = " ".join(subject.split())[:240]
        text = _render_plain(f"{template}.txt", base)
        # The shared layout (templates/emails/base.html) shows the subject as the HTML title.
        html = render_to_string(f"{template}.html", {**base, "email_subject": subject})
    return RenderedEmail(subject=subject, text=text, html=html)


def _language_for(address: str, known: dict[str, str], fallback: str | None) -> str:
    """An address's language: its account's choice (``known``, from ``languages_of``), else
    ``fallback`` (the language of the person the message is about, when the caller knows it),
    else the language of this request."""
    return supported(known.get(address) or fallback or get_language())


def _language_by_address(addresses: Iterable[str], *, fallback: str | None = None) -> dict[str, str]:
    addresses = list(addresses)
    known = languages_of(addresses)
    return {address: _language_for(address, known, fallback) for address in addresses}


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
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> list[OutboundEmail]:
    """Render and store one email per recipient, each in its language; send them after the
    transaction commits.

    ``headers`` are extra message headers (``Reply-To``, ``List-Unsubscribe``...).
    ``language`` is for recipients without an account (see ``_language_by_address``).
    """
    rendered: dict[str, RenderedEmail] = {}
    by_address = {}
    for address, chosen in _language_by_address(_recipients(to), fallback=language).items():
        if chosen not in rendered:
            rendered[chosen] = render_email(template, context, language=chosen)
        by_address[address] = rendered[chosen]
    return _store(template, by_address, reminder=reminder, headers=headers)


@transaction.atomic
def message_queue(message: EmailMessage, *, template: str) -> list[OutboundEmail]:
    """Store a message another library rendered (allauth's) in the outbox, like our own."""
    html = next(
        (body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
    )
    rendered = RenderedEmail(subject=str(message.subject)[:240], text=message.body, html=str(html))
    return _store(
        template, dict.fromkeys(_recipients(message.to), rendered), headers=dict(message.extra_headers)
    )


def _store(
    template: str,
    rendered_for: dict[str, RenderedEmail],
    *,
    reminder: ReminderLog | None = None,
    headers: dict[str, str] | None = None,
) -> list[OutboundEmail]:
    from sanctuary.tasks import email_send

    emails = [
        OutboundEmail.objects.create(
            reminder=reminder,
            template=template,
            to=address,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
            headers=headers or {},
        )
        for address, rendered in rendered_for.items()
    ]
    for email in emails:
        enqueue_on_commit(email_send, str(email.pk), fallback="the outbox sweep")
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
    # By recipient address: extra headers, and context added for that recipient alone (each
    # recipient's own unsubscribe link). Addresses in lower case.
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    recipient_context: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The language for recipients without an account. A sweep runs outside any request, so
    # without it they would always be written to in the default language.
    language: str | None = None

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
    # One query for the language of every recipient of the batch.
    known = languages_of({a for reminder in fresh for a in _recipients(reminder.to)})
    for reminder in fresh:
        shared: dict[str, RenderedEmail] = {}
        for address in _recipients(reminder.to):
            language = _language_for(address, known, reminder.language)
            if reminder.recipient_context:
                rendered = render_email(
                    reminder.template,
                    {**reminder.context, **reminder.recipient_context.get(address, {})},
                    language=language,
                )
            else:
                if language not in shared:
                    shared[language] = render_email(reminder.template, reminder.context, language=language)
                rendered = shared[language]
            emails.append(
                OutboundEmail(
                    reminder_id=recorded[reminder.key],
                    template=reminder.template,
                    to=address,
                    subject=rendered.subject,
                    body_text=rendered.text,
                    body_html=rendered.html,
                    headers=reminder.headers.get(address, {}),
                )
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

    for start in range(0, len(email_ids), DELIVERY_BATCH):
        enqueue_on_commit(emails_send, email_ids[start : start + DELIVERY_BATCH], fallback="the outbox sweep")


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        from_email=settings.DEFAULT_FROM_EMAIL,
        # One Message-ID per outbox row: were a send ever repeated after a crash, mail
        # programs would show the two copies as one message.
        headers={"Message-ID": f"<{email.pk}@{_message_domain()}>", **(email.headers or {})},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _message_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int
    error: Exception | None  # the last failure, for a task to retry on


# Emails claimed at a time: few enough that the last of them is sent long before the claim
# expires, even when every send waits for the full SMTP timeout.
CLAIM_CHUNK = 10


def claim_expiry() -> dt.datetime:
    """Claims older than this were made by a worker that died: their emails may be sent again."""
    return timezone.now() - dt.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)


def _claimable() -> models.Q:
    return models.Q(status=OutboundEmail.Status.PENDING) & (
        models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=claim_expiry())
    )


def _claim(email_ids: Sequence[str]) -> list[OutboundEmail]:
    """Claim those of ``email_ids`` that are pending and not claimed by a live worker.

    Locked rows are skipped, not waited for: another worker is claiming them right now. The
    claim is committed before anything is sent, so a sweep or a second worker leaves them alone.
    """
    with transaction.atomic():
        emails = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(_claimable(), pk__in=list(email_ids))
            .order_by("created_at")
        )
        if emails:
            OutboundEmail.objects.filter(pk__in=[email.pk for email in emails]).update(
                claimed_at=timezone.now(), attempts=models.F("attempts") + 1
            )
    return emails


def _sent(email: OutboundEmail) -> None:
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )


def _failed(emails: Sequence[OutboundEmail], error: Exception) -> None:
    """Release the claims so a retry may send them at once; give up after MAX attempts."""
    ids = [email.pk for email in emails]
    OutboundEmail.objects.filter(pk__in=ids).update(claimed_at=None, last_error=type(error).__name__[:250])
    OutboundEmail.objects.filter(
        pk__in=ids, status=OutboundEmail.Status.PENDING, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS
    ).update(status=OutboundEmail.Status.FAILED)


def emails_deliver(email_ids: Iterable[str]) -> Delivery:
    """Send those of ``email_ids`` still pending, each exactly once, over one mail connection.

    Each email is claimed before it is sent (a chunk at a time) and marked sent right after its
    own send, so a worker killed mid-batch leaves the emails it sent marked and the rest claimed;
    the outbox sweep sends those once their claim has expired. Failures release their claim and
    stay pending for a retry or the sweep.
    """
    remaining = list(dict.fromkeys(str(pk) for pk in email_ids))
    sent = failed = 0
    error: Exception | None = None
    if not remaining:
        return Delivery(0, 0, None)
    try:
        with mail.mailers.default as connection:
            while remaining:
                chunk, remaining = remaining[:CLAIM_CHUNK], remaining[CLAIM_CHUNK:]
                for email in _claim(chunk):
                    try:
                        connection.send_messages([_message(email)])
                    except Exception as exc:
                        _failed([email], exc)
                        failed, error = failed + 1, exc
                    else:
                        _sent(email)
                        sent += 1
    except Exception as exc:  # opening or closing the connection failed
        error = exc
        stranded = OutboundEmail.objects.filter(pk__in=remaining, status=OutboundEmail.Status.PENDING)
        failed += len(remaining)
        _failed(list(stranded), exc)
    if failed:
        logger.warning("%s emails could not be sent: %s", failed, type(error).__name__)
    return Delivery(sent, failed, error)


def email_deliver(email_id: str) -> bool:
    """Send one stored email if it is still pending and unclaimed. True when it was sent now."""
    delivery = emails_deliver([email_id])
    if delivery.error is not None:
        raise delivery.error
    return delivery.sent == 1
